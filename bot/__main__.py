"""Command-line entry: ask, timeline, chat, validate, run.

Only the core is imported here; discord.py is imported by `run` alone, when a token is set, so
`python -m bot ask` starts fast.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from bot.config import DEFAULT_KNOWLEDGE_DIR, SettingsError, read_engine_options, read_settings
from bot.core.answers.timeline import select_events
from bot.core.knowledge.loader import KnowledgeError, load_knowledge
from bot.core.matching.engine import AnswerEngine
from bot.gaps_cli import add_gaps_parser, cmd_gaps
from bot.render.json_result import result_to_json
from bot.render.text import label_legend, render_result, render_timeline
from bot.status_cli import add_status_parser, cmd_status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--knowledge", type=Path, help="knowledge folder (default: KNOWLEDGE_DIR or ./knowledge)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    ask = commands.add_parser("ask", help="answer one question (or '-' for one per line on stdin)")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print the JSON contract (JSON Lines for '-')")
    timeline = commands.add_parser("timeline", help="events in time order")
    timeline.add_argument("--from", dest="since", type=date.fromisoformat, metavar="DATE")
    timeline.add_argument("--to", dest="until", type=date.fromisoformat, metavar="DATE")
    timeline.add_argument("--person", metavar="ID")
    timeline.add_argument("--label", metavar="ID")
    commands.add_parser("chat", help="interactive console")
    validate = commands.add_parser("validate", help="check a knowledge folder; exit 1 on any error")
    validate.add_argument("folder", nargs="?", type=Path)
    commands.add_parser("labels", help="what each label means")
    run = commands.add_parser("run", help="start the Discord bot (or the console when no token is set)")
    run.add_argument(
        "--watch", action="store_true", help="reload when knowledge files change (WATCH_KNOWLEDGE)"
    )
    sync = commands.add_parser("sync", help="register the slash commands (GUILD_IDS, or global) and exit")
    sync.add_argument(
        "--global", dest="everywhere", action="store_true", help="register globally even if GUILD_IDS is set"
    )
    add_gaps_parser(commands)
    add_status_parser(commands)
    return parser


def _knowledge_dir(args: argparse.Namespace) -> Path:
    if args.knowledge is not None:
        return args.knowledge
    import os

    configured = os.environ.get("KNOWLEDGE_DIR", "").strip()
    return Path(configured) if configured else DEFAULT_KNOWLEDGE_DIR


def _engine(folder: Path) -> AnswerEngine:
    """The engine for the CLI; a first build reports its progress on stderr (it may take a minute)."""
    engine = AnswerEngine.build(load_knowledge(folder), read_engine_options(), progress=_progress)
    if engine.encoder_name is None:
        print(
            "Hinweis: kein Einbettungsmodell verfügbar – es wird nur nach Wörtern gesucht.", file=sys.stderr
        )
    return engine


def _progress(message: str) -> None:
    print(message, file=sys.stderr)


def cmd_ask(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    engine = _engine(_knowledge_dir(args))
    if args.question == "-":
        for line in stdin:
            result = engine.ask(line.rstrip("\r\n"))
            out.write(
                (result_to_json(result) if args.json else render_result(result, engine.knowledge)) + "\n"
            )
            out.flush()
        return 0
    result = engine.ask(args.question)
    out.write((result_to_json(result) if args.json else render_result(result, engine.knowledge)) + "\n")
    return 0


def cmd_timeline(args: argparse.Namespace, out: TextIO) -> int:
    knowledge = load_knowledge(_knowledge_dir(args))
    events = select_events(
        knowledge, since=args.since, until=args.until, person=args.person, label=args.label
    )
    out.write(render_timeline(events, knowledge) + "\n")
    return 0


def cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    folder = args.folder or _knowledge_dir(args)
    knowledge = load_knowledge(folder)
    from bot.core.knowledge.lint import lint_knowledge  # the moderator checks (docs/knowledge-format.md)

    findings = lint_knowledge(knowledge)
    for finding in findings:
        print(finding, file=sys.stderr)
    errors = sum(finding.severity == "error" for finding in findings)
    if errors:
        print(f"{errors} error(s); knowledge refused by the checks.", file=sys.stderr)
        return 1
    counts = ", ".join(f"{n} {kind}" for kind, n in knowledge.counts().items())
    warnings = f"; {len(findings)} warning(s)" if findings else ""
    out.write(f"OK: {folder} ({counts}); Stand {knowledge.story.stand.isoformat()}{warnings}\n")
    return 0


def cmd_chat(folder: Path, out: TextIO, stdin: TextIO) -> int:
    engine = _engine(folder)
    story = engine.knowledge.story
    out.write(f"{story.title} – frag mich etwas (leere Zeile oder Strg+D beendet).\n")
    while True:
        out.write("> ")
        out.flush()
        line = stdin.readline()
        if not line or not line.strip():
            out.write("\n")
            return 0
        out.write(render_result(engine.ask(line.strip()), engine.knowledge) + "\n\n")


def cmd_run(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    settings = read_settings()
    folder = args.knowledge or settings.knowledge_dir
    if not settings.discord_token:
        out.write("DISCORD_TOKEN ist nicht gesetzt – starte die lokale Konsole (chat).\n")
        return cmd_chat(folder, out, stdin)
    from bot.discord_app.runner import run_bot  # imported only here: the CLI stays fast

    if args.watch:
        settings = dataclasses.replace(settings, watch_knowledge=True)
    return run_bot(settings, folder)


def cmd_sync(args: argparse.Namespace, out: TextIO) -> int:
    settings = read_settings()
    from bot.discord_app.runner import sync_commands  # imported only here: the CLI stays fast

    folder = args.knowledge or settings.knowledge_dir
    return sync_commands(settings, folder, everywhere=args.everywhere, out=out)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, stdin: TextIO | None = None) -> int:
    out = out or sys.stdout
    stdin = stdin or sys.stdin
    args = _parser().parse_args(argv)
    try:
        if args.command == "ask":
            return cmd_ask(args, out, stdin)
        if args.command == "timeline":
            return cmd_timeline(args, out)
        if args.command == "validate":
            return cmd_validate(args, out)
        if args.command == "labels":
            out.write(label_legend(load_knowledge(_knowledge_dir(args)).labels) + "\n")
            return 0
        if args.command == "chat":
            return cmd_chat(_knowledge_dir(args), out, stdin)
        if args.command == "run":
            return cmd_run(args, out, stdin)
        if args.command == "sync":
            return cmd_sync(args, out)
        if args.command == "gaps":
            return cmd_gaps(args, _knowledge_dir(args), out)
        if args.command == "status":
            return cmd_status(args, out)
    except KnowledgeError as error:
        for problem in error.errors:
            print(problem, file=sys.stderr)
        print(f"{len(error.errors)} error(s); knowledge refused.", file=sys.stderr)
        return 1
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 2


if __name__ == "__main__":
    sys.exit(main())
