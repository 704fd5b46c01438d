"""Command-line entry: ask, timeline, chat, labels, validate, run, sync, gaps, status.

Only the core is imported here; discord.py is imported by `run` and `sync` alone, when a token is
set, so `python -m bot ask` starts fast. Every command takes its options before or after its
arguments; errors are German lines on stderr, and the exit codes (`cli_parser.Exit`, docs/cli.md)
mean the same for every command.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from bot.cli_parser import CommandParser, Exit, UsageError, add_shared_options
from bot.config import DEFAULT_KNOWLEDGE_DIR, SettingsError, read_engine_options, read_settings
from bot.console import cut_note, run_console
from bot.core.answers.clock import format_when
from bot.core.knowledge.loader import KnowledgeError, load_knowledge
from bot.core.matching.engine import AnswerEngine
from bot.gaps_cli import add_gaps_parser, cmd_gaps
from bot.render.explanation import render_explanation
from bot.render.json_result import result_to_json
from bot.render.text import label_legend, render_result
from bot.status_cli import add_status_parser, cmd_status
from bot.timeline_cli import add_timeline_parser, cmd_timeline

LEXICAL_ONLY_NOTE = "Hinweis: kein Einbettungsmodell verfügbar – es wird nur nach Wörtern gesucht."
#: What the Discord runner's return codes mean here (it says why on stderr itself).
RUNNER_EXITS = {0: Exit.OK, 1: Exit.DISCORD, 2: Exit.SETTINGS}


def _parser() -> argparse.ArgumentParser:
    parser = CommandParser(prog="python -m bot", description=__doc__.splitlines()[0], shared=False)
    add_shared_options(parser)
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=CommandParser
    )
    ask = commands.add_parser("ask", help="answer one question (or '-' for one per line on stdin)")
    ask.add_argument("question", nargs="+", help="the question, quoted or not; '-' reads stdin")
    shown_as = ask.add_mutually_exclusive_group()
    shown_as.add_argument("--json", action="store_true", help="print the JSON contract (JSON Lines for '-')")
    shown_as.add_argument(
        "--explain", action="store_true", help="show the candidates, their features, probability and band"
    )
    add_timeline_parser(commands)
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


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse; words after an option belong to `ask`'s question (`ask wer --json ist murati`)."""
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        if args.command == "ask" and not any(word.startswith("-") and word != "-" for word in extra):
            args.question = [*args.question, *extra]
        else:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def _knowledge_dir(args: argparse.Namespace) -> Path:
    """--knowledge, else KNOWLEDGE_DIR from the environment or .env (as `run` reads it), else ./knowledge."""
    if args.knowledge is not None:
        return args.knowledge
    configured = os.environ.get("KNOWLEDGE_DIR", "").strip()
    if not configured and (Path.cwd() / ".env").is_file():
        from dotenv import dotenv_values

        configured = (dotenv_values(Path.cwd() / ".env").get("KNOWLEDGE_DIR") or "").strip()
    return Path(configured).expanduser() if configured else DEFAULT_KNOWLEDGE_DIR


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

    def shown(question: str) -> str:
        if args.explain:
            explanation = engine.explain(question)
            rendered = render_result(explanation.result, engine.knowledge)
            return f"{render_explanation(explanation, engine.knowledge, engine.bands)}\n\n{rendered}"
        result = engine.ask(question)
        if args.json:
            return result_to_json(result, engine.knowledge.story)
        return render_result(result, engine.knowledge)

    if args.question == ["-"]:
        for line in stdin:
            out.write(shown(line.rstrip("\r\n")) + "\n")
            out.flush()
        return Exit.OK
    question = " ".join(args.question)
    note = cut_note(question)
    if note:
        print(note, file=sys.stderr)
    out.write(shown(question) + "\n")
    return Exit.OK


def cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    folder = args.folder or _knowledge_dir(args)
    knowledge = load_knowledge(folder)
    from bot.core.knowledge.lint import lint_knowledge, url_summary  # the moderator checks

    findings = lint_knowledge(knowledge)
    for finding in findings:
        print(finding, file=sys.stderr)
    errors = sum(finding.severity == "error" for finding in findings)
    if errors:
        print(f"{errors} Fehler; das Wissen wird abgelehnt.", file=sys.stderr)
        return Exit.KNOWLEDGE
    names = {"faq": "FAQ", "events": "Ereignisse", "people": "Personen", "sources": "Quellen"}
    counts = ", ".join(f"{n} {names.get(kind, kind.capitalize())}" for kind, n in knowledge.counts().items())
    warnings = len(findings)
    noted = f"; {warnings} Warnung{'en' if warnings != 1 else ''}" if warnings else ""
    stand = format_when(knowledge.story.stand, knowledge.story.timezone)
    out.write(f"OK: {folder} ({counts}); Stand {stand}{noted}\n")
    summary = url_summary(knowledge)
    if summary:
        out.write(f"Hinweis: {summary}.\n")
    return Exit.OK


def cmd_chat(folder: Path, out: TextIO, stdin: TextIO) -> int:
    try:
        engine = _engine(folder)
    except KeyboardInterrupt:
        return Exit.OK  # Ctrl-C while starting: the console was left before it began
    return run_console(engine, out, stdin)


def cmd_run(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    settings = read_settings()
    folder = args.knowledge or settings.knowledge_dir
    if not settings.discord_token:
        out.write("DISCORD_TOKEN ist nicht gesetzt – starte die lokale Konsole (chat).\n")
        out.flush()
        return cmd_chat(folder, out, stdin)
    from bot.discord_app.runner import run_bot  # imported only here: the CLI stays fast

    if args.watch:
        settings = dataclasses.replace(settings, watch_knowledge=True)
    code = run_bot(settings, folder)
    return RUNNER_EXITS.get(code, code)


def cmd_sync(args: argparse.Namespace, out: TextIO) -> int:
    settings = read_settings()
    from bot.discord_app.runner import sync_commands  # imported only here: the CLI stays fast

    folder = args.knowledge or settings.knowledge_dir
    code = sync_commands(settings, folder, everywhere=args.everywhere, out=out)
    return RUNNER_EXITS.get(code, code)


def _dispatch(args: argparse.Namespace, out: TextIO, stdin: TextIO) -> int:
    if args.command == "ask":
        return cmd_ask(args, out, stdin)
    if args.command == "timeline":
        return cmd_timeline(args, load_knowledge(_knowledge_dir(args)), out)
    if args.command == "validate":
        return cmd_validate(args, out)
    if args.command == "labels":
        out.write(label_legend(load_knowledge(_knowledge_dir(args)).labels) + "\n")
        return Exit.OK
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
    return Exit.USAGE


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, stdin: TextIO | None = None) -> int:
    out = out or sys.stdout
    stdin = stdin or sys.stdin
    try:
        code = _dispatch(parse_args(argv), out, stdin)
        out.flush()  # inside the try: a reader that went away (`| head`) is noticed here
        return int(code)
    except KnowledgeError as error:
        for problem in error.errors:
            print(problem, file=sys.stderr)
        print(f"{len(error.errors)} Fehler; das Wissen wird abgelehnt.", file=sys.stderr)
        return Exit.KNOWLEDGE
    except UsageError as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return Exit.USAGE
    except SettingsError as error:
        print(error, file=sys.stderr)
        return Exit.SETTINGS
    except KeyboardInterrupt:
        return Exit.INTERRUPTED
    except BrokenPipeError:
        _discard_stdout(out)
        return Exit.PIPE_CLOSED


def _discard_stdout(out: TextIO) -> None:
    """Point stdout at /dev/null, so Python's last flush at exit does not print a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (tests): nothing will be flushed at exit


if __name__ == "__main__":
    sys.exit(main())
