"""The command line as users and other tools run it: real processes, real knowledge sets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import INVENTED_STORY, PROJECT_ROOT

SNIPPET_SOURCE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "title", "url", "published"],
    "properties": {
        "id": {"type": "string"},
        "title": {"type": "string"},
        "url": {"type": ["string", "null"]},
        "published": {"type": "string"},
    },
}
#: The stable `ask --json` contract, written down as a schema so any drift fails here.
CONTRACT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["query", "status", "score", "answer", "suggestions"],
    "properties": {
        "query": {"type": "string"},
        "status": {"enum": ["answered", "ambiguous", "no_match"]},
        "score": {"type": "number", "minimum": 0, "maximum": 100},
        "answer": {
            "oneOf": [
                {"type": "null"},
                {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "kind", "title", "snippets", "as_of", "superseded_by"],
                    "properties": {
                        "id": {"type": "string"},
                        "kind": {"enum": ["faq", "event", "person"]},
                        "title": {"type": "string"},
                        "snippets": {
                            "type": "array",
                            "minItems": 1,
                            "items": {
                                "type": "object",
                                "additionalProperties": False,
                                "required": ["text", "label", "sources"],
                                "properties": {
                                    "text": {"type": "string"},
                                    "label": {"type": "string"},
                                    "sources": {"type": "array", "minItems": 1, "items": SNIPPET_SOURCE},
                                },
                            },
                        },
                        "as_of": {"type": "string"},
                        "superseded_by": {
                            "oneOf": [
                                {"type": "null"},
                                {
                                    "type": "object",
                                    "additionalProperties": False,
                                    "required": ["id", "title"],
                                    "properties": {"id": {"type": "string"}, "title": {"type": "string"}},
                                },
                            ]
                        },
                    },
                },
            ]
        },
        "suggestions": {
            "type": "array",
            "maxItems": 3,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "title", "score"],
                "properties": {
                    "id": {"type": "string"},
                    "title": {"type": "string"},
                    "score": {"type": "number"},
                },
            },
        },
    },
}


def run_bot(*args: str, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, **(env or {})}
    environment.pop("DISCORD_TOKEN", None)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=environment,
        timeout=60,
    )


def check_contract(line: str) -> dict:
    data = json.loads(line)
    jsonschema.validate(data, CONTRACT)
    assert (data["answer"] is not None) == (data["status"] == "answered")
    return data


def test_json_lines_keep_order_and_blank_lines_for_every_status() -> None:
    questions = ["wer ist toni", "", "abriss", "wie wird das wetter", "bleibt die brücke stehen?", "   "]
    done = run_bot(
        "--knowledge", str(INVENTED_STORY), "ask", "--json", "-", stdin="\n".join(questions) + "\n"
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == len(questions)
    results = [check_contract(line) for line in lines]
    assert [r["query"] for r in results] == questions
    assert [r["status"] for r in results] == [
        "answered",
        "no_match",
        "ambiguous",
        "no_match",
        "answered",
        "no_match",
    ]
    overtaken = check_contract(
        run_bot("--knowledge", str(INVENTED_STORY), "ask", "--json", "baufirma bagger").stdout
    )
    assert overtaken["answer"]["superseded_by"] == {
        "id": "ev-ergebnis",
        "title": "Die Brücke bleibt: Ergebnis der Abstimmung",
    }


def test_ask_prints_labels_sources_and_stand_for_a_person() -> None:
    done = run_bot("--knowledge", str(INVENTED_STORY), "ask", "wer ist rosa pichler")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "👂 Hörensagen:" in out and "🏛️ amtlich:" in out
    assert "[1] Kleinhausener Dorfblatt: Baufirma wartet schon (05.03.2030)" in out
    assert "Stand: 09.03.2030, 20:00 Uhr" in out


def test_ask_shows_that_a_claim_was_overtaken() -> None:
    out = run_bot("--knowledge", str(INVENTED_STORY), "ask", "baufirma bagger").stdout
    assert "Überholt durch: Die Brücke bleibt: Ergebnis der Abstimmung (08.03.2030, 19:30 Uhr)" in out


def test_timeline_filters_by_person_label_and_dates() -> None:
    out = run_bot("--knowledge", str(INVENTED_STORY), "timeline", "--person", "anton-brandl").stdout
    assert out.splitlines() == [
        "01.03.2030  🏛️ Die Gemeinde setzt die Abstimmung an",
        "08.03.2030, 19:30 Uhr  🏛️ Die Brücke bleibt: Ergebnis der Abstimmung",
    ]
    rumors = run_bot("--knowledge", str(INVENTED_STORY), "timeline", "--label", "hörensagen").stdout
    assert "(überholt)" in rumors and len(rumors.splitlines()) == 1
    span = run_bot(
        "--knowledge", str(INVENTED_STORY), "timeline", "--from", "2030-03-05", "--to", "2030-03-08"
    ).stdout
    assert len(span.splitlines()) == 2


def test_validate_exits_1_and_lists_every_error(tmp_path: Path) -> None:
    ok = run_bot("validate", str(INVENTED_STORY))
    assert ok.returncode == 0 and ok.stdout.startswith("OK:")
    broken = tmp_path / "broken"
    broken.mkdir()
    for path in INVENTED_STORY.iterdir():
        (broken / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    faq = broken / "faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("label: offen", "label: vielleicht"))
    events = broken / "events.yaml"
    events.write_text(
        events.read_text(encoding="utf-8").replace("superseded_by: ev-ergebnis", "superseded_by: x")
    )
    done = run_bot("validate", str(broken))
    assert done.returncode == 1
    assert "faq.yaml:" in done.stderr and "unknown label 'vielleicht'" in done.stderr
    assert "events.yaml:" in done.stderr and "unknown event 'x'" in done.stderr
    assert "2 error(s)" in done.stderr


def test_run_without_token_says_so_in_one_line_and_starts_the_console() -> None:
    done = run_bot(
        "run", stdin="wer ist toni\n\n", env={"KNOWLEDGE_DIR": str(INVENTED_STORY), "DISCORD_TOKEN": ""}
    )
    assert done.returncode == 0, done.stderr
    first, *rest = done.stdout.splitlines()
    assert "DISCORD_TOKEN" in first and "Konsole" in first
    assert "Anton Brandl" in "\n".join(rest)


def test_chat_answers_until_an_empty_line() -> None:
    done = run_bot(
        "--knowledge", str(INVENTED_STORY), "chat", stdin="wer darf abstimmen\nabriss\n\nnie gelesen\n"
    )
    assert done.returncode == 0
    assert "Wer darf abstimmen?" in done.stdout and "Meintest du" in done.stdout
    assert "nie gelesen" not in done.stdout


def test_a_missing_knowledge_folder_is_a_clear_error(tmp_path: Path) -> None:
    done = run_bot("--knowledge", str(tmp_path / "nope"), "ask", "x")
    assert done.returncode == 1
    assert "knowledge folder does not exist" in done.stderr


@pytest.mark.parametrize("setting", ["GUILD_IDS=12x", "LOG_LEVEL=LOUD"])
def test_a_malformed_setting_stops_run_with_one_clear_line(setting: str) -> None:
    name, value = setting.split("=")
    done = run_bot("run", env={name: value, "KNOWLEDGE_DIR": str(INVENTED_STORY)})
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and name in done.stderr
