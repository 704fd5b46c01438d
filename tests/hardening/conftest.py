"""The Discord layer's fixtures (real discord.py objects, captured HTTP, spec-checked payloads), reused."""

from tests.discord_app.conftest import (  # noqa: F401 - fixtures and the async-test hook, by name
    discord_spec,
    harness,
    knowledge_dir,
    make_harness,
    pytest_pyfunc_call,
)
