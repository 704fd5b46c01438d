"""Local SQLite storage for what moderators need to keep the knowledge alive.

Never imports discord: the Discord layer hands its writes to `asyncio.to_thread`, the CLI calls the
same methods directly.
"""
