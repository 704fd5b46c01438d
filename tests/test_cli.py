"""The command line as users and other tools run it: real processes, real knowledge sets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import jsonschema
import pytest

from bot.cli_parser import Exit
from tests.conftest import INVENTED_STORY, PROJECT_ROOT
from tests.hardening.knowledge_sets import BASE

#: The `ask --json` contract as a JSON Schema, shipped for clients beside docs/json-contract.md.
CONTRACT = json.loads((PROJECT_ROOT / "docs" / "ask-json.schema.json").read_text(encoding="utf-8"))
REAL_KNOWLEDGE = PROJECT_ROOT / "knowledge"


def run_bot(
    *args: str, stdin: str = "", env: dict[str, str] | None = None, cwd: Path = PROJECT_ROOT
) -> subprocess.CompletedProcess:
    environment = {**os.environ, **(env or {})}
    environment.pop("DISCORD_TOKEN", None)
    if "KNOWLEDGE_DIR" not in (env or {}):
        environment.pop("KNOWLEDGE_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        timeout=60,
    )


def check_contract(line: str) -> dict:
    data = json.loads(line)
    jsonschema.validate(data, CONTRACT)
    assert (data["answer"] is not None) == (data["status"] == "answered")
    return data


# --- ask and the JSON contract ---------------------------------------------------------------


def test_json_lines_keep_order_and_blank_lines_for_every_status() -> None:
    questions = ["wer ist toni", "", "abriss", "bleibt die brücke stehen?", "   "]
    done = run_bot(
        "--knowledge", str(INVENTED_STORY), "ask", "--json", "-", stdin="\n".join(questions) + "\n"
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == len(questions)
    results = [check_contract(line) for line in lines]
    assert [r["query"] for r in results] == questions
    statuses = [r["status"] for r in results]
    assert statuses[:2] + statuses[3:] == ["answered", "no_match", "answered", "no_match"]
    assert statuses[2] in {"answered", "ambiguous"}, "one word two entries share: either is fine"
    assert {r["story"]["title"] for r in results} == {"Die Brückenwahl von Kleinhausen"}
    overtaken = check_contract(
        run_bot("--knowledge", str(INVENTED_STORY), "ask", "--json", "baufirma bagger").stdout
    )
    ref = {"id": "ev-ergebnis", "title": "Die Brücke bleibt: Ergebnis der Abstimmung"}
    assert overtaken["answer"]["superseded_by"] == ref
    assert overtaken["answer"]["snippets"][0]["superseded_by"] == ref


def test_json_carries_time_stand_and_provenance() -> None:
    asked = run_bot("--knowledge", str(BASE), "ask", "--json", "Soll ein Reeder übernehmen?")
    event = check_contract(asked.stdout)
    assert event["story"] == {
        "title": "Der Hafenstreit von Nordhaven",
        "stand": "2031-05-04T18:00:00+02:00",
        "timezone": "Europe/Berlin",
    }
    answer = event["answer"]
    assert (answer["kind"], answer["when"], answer["as_of"]) == (
        "event",
        "2031-05-03",
        event["story"]["stand"],
    )
    snippet = answer["snippets"][0]
    assert snippet["as_of"] == "2031-05-03", "the claim's own Stand"
    assert snippet["sources"] == [
        {
            "id": "kurier",
            "title": "Was hinter dem Rücktritt steckt",
            "author": "Nordhavener Kurier",
            "url": "https://example.org/kurier/ruecktritt",
            "published": "2031-05-03",
            "primary": False,
            "quote": None,
        }
    ]
    faq = check_contract(
        run_bot("--knowledge", str(BASE), "ask", "--json", "Worum geht es im Hafenstreit?").stdout
    )
    assert faq["answer"]["when"] is None
    assert faq["answer"]["snippets"][0]["as_of"] is None, "no Stand of its own: the answer's holds"
    primary = faq["answer"]["snippets"][0]["sources"][0]
    assert (primary["primary"], primary["quote"]) == (True, "Ich lege mein Amt heute nieder.")


def test_when_altman_was_fired_is_in_the_json_as_the_terminal_shows_it() -> None:
    question = "Wann wurde Altman entlassen?"
    data = check_contract(run_bot("--knowledge", str(REAL_KNOWLEDGE), "ask", "--json", question).stdout)
    when = datetime.fromisoformat(data["answer"]["when"])
    assert when.utcoffset() is not None, "a time with its offset"
    text = run_bot("--knowledge", str(REAL_KNOWLEDGE), "ask", question).stdout
    from zoneinfo import ZoneInfo

    local = when.astimezone(ZoneInfo(data["story"]["timezone"]))
    assert f"Zeit: {local:%d.%m.%Y, %H:%M} Uhr" in text


def test_ask_prints_labels_sources_and_stand_for_a_person() -> None:
    done = run_bot("--knowledge", str(INVENTED_STORY), "ask", "wer ist rosa pichler")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "👂 Hörensagen:" in out and "🏛️ amtlich:" in out
    assert "Kleinhausener Dorfblatt: Baufirma wartet schon (05.03.2030)" in out
    assert "Stand: 09.03.2030, 20:00 Uhr" in out


def test_a_source_title_naming_its_day_is_not_followed_by_the_date_again() -> None:
    # A question variant of the podcast event: the engine answers it with that entry.
    out = run_bot(
        "--knowledge", str(REAL_KNOWLEDGE), "ask", "was hat toner im mai 2024 im podcast erzaehlt"
    ).stdout
    line = next(line for line in out.splitlines() if "Toner nennt Gründe für die Entlassung" in line)
    assert line.count("28.5.2024") == 1 and "28.05.2024" not in line


def test_ask_shows_that_a_claim_was_overtaken() -> None:
    out = run_bot("--knowledge", str(INVENTED_STORY), "ask", "baufirma bagger").stdout
    assert "Überholt durch: Die Brücke bleibt: Ergebnis der Abstimmung (08.03.2030, 19:30 Uhr)" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["--knowledge", str(INVENTED_STORY), "ask", "wer ist toni"],
        ["ask", "wer ist toni", "--knowledge", str(INVENTED_STORY)],
        ["ask", "wer", "ist", "toni", "--knowledge", str(INVENTED_STORY)],
        ["ask", "--knowledge", str(INVENTED_STORY), "wer", "ist", "toni"],
        ["ask", "wer", "ist", "--json", "toni", "--knowledge", str(INVENTED_STORY)],
    ],
    ids=["option-first", "option-last", "unquoted", "option-between", "json-inside"],
)
def test_options_go_anywhere_and_an_unquoted_question_is_asked_whole(argv: list[str]) -> None:
    done = run_bot(*argv)
    assert done.returncode == 0, done.stderr
    if "--json" in argv:
        data = check_contract(done.stdout)
        assert data["query"] == "wer ist toni" and data["answer"]["id"] == "anton-brandl"
    else:
        assert done.stdout.startswith("Anton Brandl\n")


def test_knowledge_dir_from_dot_env_counts_for_ask_as_it_does_for_run(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"KNOWLEDGE_DIR={INVENTED_STORY}\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "wer ist toni"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if k != "KNOWLEDGE_DIR"},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Anton Brandl")


def test_a_question_cut_at_the_limit_says_so() -> None:
    long = "wer ist toni " + "bitte " * 100
    done = run_bot("--knowledge", str(INVENTED_STORY), "ask", long)
    assert done.returncode == 0
    assert f"Deine Frage ist {len(long)} Zeichen lang; gelesen habe ich nur die ersten 500" in done.stderr


# --- timeline --------------------------------------------------------------------------------


def timeline(*args: str) -> subprocess.CompletedProcess:
    return run_bot("--knowledge", str(INVENTED_STORY), "timeline", *args)


def test_timeline_filters_by_person_label_and_dates_with_legend_and_stand() -> None:
    out = timeline("--person", "anton-brandl").stdout
    assert out.splitlines() == [
        "01.03.2030  🏛️ Die Gemeinde setzt die Abstimmung an",
        "08.03.2030, 19:30 Uhr  🏛️ Die Brücke bleibt: Ergebnis der Abstimmung",
        "",
        "Legende: 🏛️ amtlich",
        "Stand: 09.03.2030, 20:00 Uhr",
    ]
    rumors = timeline("--label", "hörensagen").stdout.splitlines()
    assert [line for line in rumors if "(überholt)" in line] == [rumors[0]]
    assert "Legende: 👂 Hörensagen" in rumors
    iso = timeline("--from", "2030-03-05", "--to", "2030-03-08").stdout
    german = timeline("--from", "5.3.2030", "--to", "08.03.30").stdout
    without_year = timeline("--from", "5.3.", "--to", "8.3.").stdout
    assert iso == german == without_year
    assert "05.03.2030" in iso and "01.03.2030" not in iso


def test_a_day_without_year_is_the_last_such_day_on_or_before_the_stand() -> None:
    # The first story's Stand is July 2024: "17.11." is the day Altman was fired, in 2023.
    out = run_bot("--knowledge", str(REAL_KNOWLEDGE), "timeline", "--from", "17.11.", "--to", "17.11.").stdout
    days = {line.split()[0].rstrip(",") for line in out.splitlines() if line[:1].isdigit()}
    assert days == {"17.11.2023"}


@pytest.mark.parametrize(
    ("args", "same_as"),
    [
        (["--person", "Anton Brandl"], ["--person", "anton-brandl"]),
        (["--person", "toni"], ["--person", "anton-brandl"]),
        (["--label", "HÖRENSAGEN"], ["--label", "hörensagen"]),
        (["--label", "Hoerensagen"], ["--label", "hörensagen"]),
    ],
    ids=["name", "alias", "label-case", "label-without-umlaut"],
)
def test_timeline_filters_take_names_as_well_as_ids(args: list[str], same_as: list[str]) -> None:
    wanted = timeline(*same_as)
    assert wanted.returncode == 0 and "Keine Ereignisse" not in wanted.stdout
    assert timeline(*args).stdout == wanted.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--person", "anton brandel"],
            "--person: eine Person „anton brandel“ gibt es nicht – meintest du anton-brandl",
        ),
        (["--label", "hoerensage"], "--label: ein Label „hoerensage“ gibt es nicht – meintest du hörensagen"),
        (["--from", "32.3.2030"], "--from: „32.3.2030“ ist kein Datum"),
        (["--from", "gestern"], "--from: „gestern“ ist kein Datum"),
        (["--from", "8.3.2030", "--to", "1.3.2030"], "--to (01.03.2030) liegt vor --from (08.03.2030)"),
    ],
    ids=["person", "label", "day", "word", "reversed"],
)
def test_a_filter_that_fits_nothing_is_a_usage_error_with_the_nearest(args: list[str], message: str) -> None:
    done = timeline(*args)
    assert done.returncode == Exit.USAGE
    assert done.stdout == ""
    assert done.stderr.startswith("Fehler: ") and message in done.stderr


# --- validate, errors and exit codes ---------------------------------------------------------


def test_validate_exits_1_and_lists_every_error(tmp_path: Path) -> None:
    ok = run_bot("validate", str(INVENTED_STORY))
    assert ok.returncode == 0 and ok.stdout.startswith("OK:")
    assert "Stand 09.03.2030, 20:00 Uhr" in ok.stdout
    broken = tmp_path / "broken"
    broken.mkdir()
    for path in INVENTED_STORY.iterdir():
        (broken / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    faq = broken / "faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("label: offen", "label: vielleicht", 1))
    events = broken / "events.yaml"
    events.write_text(
        events.read_text(encoding="utf-8").replace(
            "superseded_by: ev-ergebnis", "superseded_by: ev-ergebniss", 1
        )
    )
    done = run_bot("validate", str(broken))
    assert done.returncode == Exit.KNOWLEDGE
    assert "faq.yaml:" in done.stderr and "unbekanntes Label „vielleicht“" in done.stderr
    assert "events.yaml:" in done.stderr and "„ev-ergebniss“ – meintest du „ev-ergebnis“?" in done.stderr
    assert done.stderr.rstrip().endswith("2 Fehler; das Wissen wird abgelehnt.")


def test_validate_counts_the_sources_without_url(tmp_path: Path) -> None:
    done = run_bot("validate", str(BASE))
    assert done.returncode == 0, done.stderr
    assert "Hinweis: 1 von 2 Quellen haben keine url (1 davon Primärquellen)." in done.stdout
    assert ": Warnung: Primärquelle „stadt-pm“ hat keine url" in done.stderr


def test_a_missing_knowledge_folder_is_the_same_error_for_every_command(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope")
    for argv in (["ask", "x"], ["timeline"], ["labels"], ["validate", missing], ["chat"]):
        done = run_bot("--knowledge", missing, *argv)
        assert done.returncode == Exit.KNOWLEDGE, (argv, done.stderr)
        assert f"{missing}: den Wissensordner gibt es nicht" in done.stderr
        assert ":0:" not in done.stderr
    for env in ({"KNOWLEDGE_DIR": missing}, {"KNOWLEDGE_DIR": missing, "DISCORD_TOKEN": ""}):
        done = run_bot("run", env=env)
        assert done.returncode == Exit.KNOWLEDGE, done.stderr
        assert "den Wissensordner gibt es nicht" in done.stderr


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["aks", "x"], "unbekannter Befehl „aks“ – meintest du „ask“?"),
        (["ask"], "es fehlt die Frage"),
        (["timeline", "--persn", "x"], "unbekannte Angabe: --persn x"),
        (["gaps", "--limit", "viele"], "--limit: „viele“ ist keine ganze Zahl"),
    ],
    ids=["command", "question", "option", "number"],
)
def test_a_wrong_command_line_is_one_german_line_and_exit_2(argv: list[str], message: str) -> None:
    done = run_bot(*argv)
    assert done.returncode == Exit.USAGE
    first, hint = done.stderr.splitlines()
    assert first == f"Fehler: {message}" or first.startswith(f"Fehler: {message}")
    assert hint.startswith("Hilfe: python -m bot")


@pytest.mark.parametrize("setting", ["GUILD_IDS=12x", "LOG_LEVEL=LOUD"])
def test_a_malformed_setting_stops_run_with_one_clear_line(setting: str) -> None:
    name, value = setting.split("=")
    done = run_bot("run", env={name: value, "KNOWLEDGE_DIR": str(INVENTED_STORY)})
    assert done.returncode == Exit.SETTINGS
    assert len(done.stderr.strip().splitlines()) == 1 and name in done.stderr
    assert done.stderr.startswith("Fehler in den Einstellungen")


def test_output_into_a_pipe_closed_early_ends_quietly() -> None:
    # `… | head -1`: the reader leaves after one line; no BrokenPipeError traceback may follow.
    reader = subprocess.Popen(["head", "-n", "1"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    env = {k: v for k, v in os.environ.items() if k not in ("KNOWLEDGE_DIR", "DISCORD_TOKEN")}
    writer = subprocess.Popen(
        [sys.executable, "-m", "bot", "--knowledge", str(REAL_KNOWLEDGE), "ask", "--json", "-"],
        stdin=subprocess.PIPE,
        stdout=reader.stdin,
        stderr=subprocess.PIPE,
        cwd=PROJECT_ROOT,
        env=env,
    )
    assert reader.stdin is not None and reader.stdout is not None and writer.stdin is not None
    reader.stdin.close()  # only the writer holds the pipe now
    writer.stdin.write(b"mira murati\n")
    writer.stdin.flush()
    first = reader.stdout.readline()
    reader.wait(timeout=60)  # head has printed its line and exited: the pipe has no reader any more
    _, err = writer.communicate(b"mira murati\n" * 20, timeout=60)
    assert json.loads(first)["status"] == "answered"
    assert err == b""
    assert writer.returncode == Exit.PIPE_CLOSED


# --- run and chat without a terminal -------------------------------------------------------


def test_run_without_token_says_so_in_one_line_and_starts_the_console() -> None:
    done = run_bot(
        "run", stdin="wer ist toni\n\n", env={"KNOWLEDGE_DIR": str(INVENTED_STORY), "DISCORD_TOKEN": ""}
    )
    assert done.returncode == 0, done.stderr
    first, *rest = done.stdout.splitlines()
    assert "DISCORD_TOKEN" in first and "Konsole" in first
    assert "Anton Brandl" in "\n".join(rest)


def test_piped_chat_skips_empty_lines_and_stops_at_exit() -> None:
    done = run_bot(
        "--knowledge",
        str(INVENTED_STORY),
        "chat",
        stdin="wer darf abstimmen\n\n\nabriss\nhilfe\nexit\nnie gelesen\n",
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Wer darf abstimmen?" in out
    assert "Meintest du" in out or "Warum sollte die Brücke weg?" in out, "abriss was asked too"
    assert "Frag wie in Discord" in out, "hilfe is a command, not a question"
    assert "nie gelesen" not in out and "> " not in out


def test_explain_shows_candidates_features_probability_and_band() -> None:
    done = run_bot("--knowledge", str(INVENTED_STORY), "ask", "--explain", "wer ist rosa pichler")
    assert done.returncode == Exit.OK, done.stderr
    lines = done.stdout.splitlines()
    assert "Wörter: wer[Rahmen] ist[Rahmen] rosa[Name] pichler[Name]" in lines
    first = next(line for line in lines if line.startswith("1. "))
    assert first.startswith("1. rosa-pichler – Rosa Pichler: p = ")
    features = lines[lines.index(first) + 1]
    assert "names_asked=1" in features and "kind_person=1" in features
    assert any(line.startswith("Entscheidung: antworten (antworten ab p ≥ ") for line in lines)
    assert "Rosa Pichler" in done.stdout.split("Entscheidung:", 1)[1], "the answer follows"
    refused = run_bot("--knowledge", str(INVENTED_STORY), "ask", "--explain", "--json", "x")
    assert refused.returncode == Exit.USAGE
    assert "--json geht nicht zusammen mit --explain" in refused.stderr
