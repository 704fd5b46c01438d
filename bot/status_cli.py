"""`python -m bot status`: is the bot connected and is its knowledge loaded? For health checks.

Exits 0 when it is, 1 when the bot is not connected (or not running: no fresh health file), 3 when
the last reload was refused and the bot answers from an older set. Reads only the health file the
running bot writes (STATUS_FILE), so it needs no token and starts without discord.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TextIO

from bot.health import NOT_CONNECTED, HealthError, read_health, verdict


def add_status_parser(commands: argparse._SubParsersAction) -> None:
    status = commands.add_parser("status", help="health check: exit 0 when connected with loaded knowledge")
    status.add_argument("--file", type=Path, metavar="FILE", help="health file (default: STATUS_FILE)")
    status.add_argument("--json", action="store_true", help="print the health file's content as JSON")


def cmd_status(args: argparse.Namespace, out: TextIO) -> int:
    path = args.file
    if path is None:
        from bot.config import read_settings

        path = read_settings().status_file
    try:
        health = read_health(path)
    except HealthError as error:
        print(f"NICHT OK: {error}", file=sys.stderr)
        return NOT_CONNECTED
    code, lines = verdict(health)
    if args.json:
        data = asdict(health) | {"written_at": health.written_at.isoformat(), "exit_code": code}
        out.write(json.dumps(data, ensure_ascii=False) + "\n")
    else:
        out.write("\n".join(lines) + "\n")
    return code
