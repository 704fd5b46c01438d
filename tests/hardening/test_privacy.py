"""Secrets and privacy: the token never reaches a log, an error or a traceback; stored questions and
feedback hold no member id or name.

The canary is a made-up token; every place the settings or an error can travel is exercised with
logging at DEBUG for every logger, and the captured text (tracebacks formatted) must not contain it.
"""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.cli_parser import Exit
from bot.config import SettingsError, read_settings
from bot.discord_app.announce import Insights
from bot.storage.insights import InsightStore
from tests.discord_app.harness import (
    ADMIN,
    ADMIN_PERMISSIONS,
    APP_ID,
    ASKER,
    OTHER_MEMBER,
    Harness,
    bot_user,
)
from tests.hardening.knowledge_sets import BASE

CANARY = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Kanarienvogel.NICHT-LOGGEN-c4n4ry"
#: Every place the canary could hide after the token is cut or encoded.
CANARY_PARTS = (CANARY, CANARY[:20], "Kanarienvogel", "c4n4ry")


def captured_text(caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]) -> str:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    logged = "\n".join(formatter.format(record) for record in caplog.records)
    out, err = capsys.readouterr()
    return "\n".join((logged, out, err))


def assert_no_canary(text: str) -> None:
    leaks = [part for part in CANARY_PARTS if part in text]
    assert not leaks, f"token leaked: {leaks}"


def test_settings_logged_or_refused_never_show_the_token(caplog, capsys) -> None:  # noqa: ANN001
    caplog.set_level(logging.DEBUG)
    settings = read_settings(
        {"DISCORD_TOKEN": CANARY, "KNOWLEDGE_DIR": str(BASE)}, env_file=Path("/nonexistent")
    )
    log = logging.getLogger("hardening.privacy")
    log.info("settings %s / %r / %s", settings, settings, [settings])
    try:
        raise RuntimeError(f"start-up failed with {settings!r}")
    except RuntimeError:
        log.exception("start-up failed")
    with pytest.raises(SettingsError) as refused:
        read_settings({"DISCORD_TOKEN": CANARY, "LOG_LEVEL": "LAUT", "GUILD_IDS": "abc"})
    log.error("settings refused: %s", refused.value, exc_info=refused.value)
    text = captured_text(caplog, capsys)
    assert "settings" in text and "LOG_LEVEL" in text, "the test captured what it should"
    assert_no_canary(text + str(refused.value) + repr(settings) + str(settings))


def test_the_cli_refusing_bad_settings_does_not_print_the_token(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    caplog,
    capsys,  # noqa: ANN001
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("DISCORD_TOKEN", CANARY)
    monkeypatch.setenv("LOG_LEVEL", "LAUT")
    assert main(["run"]) == Exit.SETTINGS
    assert_no_canary(captured_text(caplog, capsys))


async def test_a_traceback_through_the_error_handler_does_not_show_the_token(
    harness: Harness,
    caplog,
    capsys,  # noqa: ANN001
) -> None:
    caplog.set_level(logging.DEBUG)
    bot = harness.bot
    bot.settings = dataclasses.replace(bot.settings, discord_token=CANARY)
    await harness.start()

    def broken(question: str) -> None:
        settings = bot.settings  # a local holding the token, in the failing frame
        raise RuntimeError(f"engine failed for {question!r} with {settings} {settings!r}")

    bot.store.engine.ask = broken  # type: ignore[method-assign]
    await harness.command("frage", [{"name": "frage", "type": 3, "value": "Wer ist Greta Holm?"}])
    text = captured_text(caplog, capsys)
    assert "engine failed" in text and "Traceback" in text, "the traceback was logged"
    assert_no_canary(text)
    assert all(CANARY not in str(call.payload) for call in harness.calls)


async def test_stored_questions_and_feedback_hold_no_member_ids_or_names(
    harness: Harness, tmp_path: Path
) -> None:
    database = tmp_path / "bot.sqlite3"
    store = InsightStore(database)
    bot = harness.bot
    bot.feedback = store
    bot.insights = Insights(bot, store)
    await harness.start()
    await harness.post(f"<@{APP_ID}> Wer ist Mira Murati?", mentions=[bot_user()])
    await harness.post(f"<@{OTHER_MEMBER}> weiß das, oder? Was sagt @mitglied41 zu Möwen?", user=ASKER)
    await harness.command("frage", [{"name": "frage", "type": 3, "value": f"Wer ist <@{ASKER}>?"}])
    await harness.command("frage", [{"name": "frage", "type": 3, "value": "Wer ist Greta Holm?"}])
    await harness.click(harness.last_message_id(), "fb:1:y:greta-holm")
    await harness.command("wissen", sub="neu-laden", user=ADMIN, permissions=ADMIN_PERMISSIONS)
    await bot.insights.settle()
    store.close()

    with sqlite3.connect(database) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        rows = {table: db.execute(f'SELECT * FROM "{table}"').fetchall() for table in tables}
    assert rows["unanswered"] and rows["feedback"], rows
    for table in ("unanswered", "feedback"):
        stored = repr(rows[table])
        for member in (ASKER, OTHER_MEMBER, ADMIN):
            assert str(member) not in stored, f"member id {member} stored in {table}: {stored}"
            assert f"mitglied{member % 100}" not in stored, f"member name stored in {table}: {stored}"
    assert all(str(member) not in repr(rows) for member in (ASKER, OTHER_MEMBER, ADMIN))


async def test_a_question_in_a_dm_is_stored_without_its_channel(harness: Harness, tmp_path: Path) -> None:
    """A DM channel id names one member: the question is counted, the channel is not kept."""
    dm_channel = 900000000000000099
    database = tmp_path / "bot.sqlite3"
    store = InsightStore(database)
    bot = harness.bot
    bot.feedback = store
    bot.insights = Insights(bot, store)
    await harness.start()
    question = [{"name": "frage", "type": 3, "value": "Wie wird das Wetter in Paris?"}]
    await harness.command("frage", question, channel=dm_channel, dm=True)
    await harness.command("frage", [{"name": "frage", "type": 3, "value": "Wer ist Greta Holm?"}], dm=True)
    await harness.click(harness.last_message_id(), "fb:1:n:greta-holm", channel=dm_channel, dm=True)
    await bot.insights.settle()
    store.close()
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT text, channel_id FROM unanswered").fetchall()
        everything = repr([db.execute(f"SELECT * FROM {t}").fetchall() for t in ("unanswered", "feedback")])
    assert rows == [("wie wird das wetter in paris", 0)], "counted, with no channel"
    assert str(dm_channel) not in everything and str(ASKER) not in everything
