"""/wissen: refused for members, reload keeps the running knowledge on errors and reports changes."""

from __future__ import annotations

from pathlib import Path

from tests.discord_app.harness import ADMIN, ADMIN_PERMISSIONS, MOD_ROLE, ROLE_MODERATOR, Harness

MODERATOR = {"user": ROLE_MODERATOR, "roles": (MOD_ROLE,)}


async def test_member_without_rights_is_refused(harness: Harness) -> None:
    await harness.start()
    before = harness.bot.store.engine
    await harness.command("wissen", sub="neu-laden")
    message = harness.last_message()
    assert message["flags"] == 64 and "Moderatorinnen und Moderatoren" in message["content"]
    assert harness.bot.store.engine is before, "nothing was reloaded"
    assert harness.bot.store.last_reload is None


async def test_broken_folder_keeps_the_running_knowledge(harness: Harness, knowledge_dir: Path) -> None:
    await harness.start()
    before = harness.bot.store.engine
    (knowledge_dir / "kaputt.yaml").write_text(
        "events:\n  - id: ev-kaputt\n    when: 2031-05-05T10:00:00\n    title: Ohne Zone\n", encoding="utf-8"
    )
    await harness.command("wissen", sub="neu-laden", **MODERATOR)
    assert harness.calls[-2].payload == {"type": 5, "data": {"flags": 64}}, "deferred while loading"
    embed = harness.last_message()["embeds"][0]
    assert embed["title"] == "Neu laden abgelehnt – das bisherige Wissen bleibt aktiv"
    assert "kaputt.yaml:" in embed["description"]
    assert harness.bot.store.engine is before
    await harness.command("frage", [{"name": "frage", "type": 3, "value": "Wer ist Greta Holm?"}])
    assert harness.last_message()["embeds"][0]["title"] == "Greta Holm", "still answering from the old set"
    await harness.command("wissen", sub="status", **MODERATOR)
    status = harness.last_message()["embeds"][0]
    fields = {f["name"].split(" (")[0]: f["value"] for f in status["fields"]}
    assert "von mitglied42: abgelehnt" in fields["Letztes Neuladen"]
    assert "kaputt.yaml:" in fields["Fehler beim letzten abgelehnten Neuladen"]
    assert fields["Suche"] == harness.bot.store.engine.mode
    assert fields["Suche"] in {
        "nur Wörter",
        f"Wörter und Bedeutung ({harness.bot.store.engine.encoder_name})",
    }


async def test_reload_lists_changes_and_label_moves(harness: Harness, knowledge_dir: Path) -> None:
    await harness.start()
    extra = knowledge_dir / "extra.yaml"
    text = extra.read_text(encoding="utf-8")
    text = text.replace(
        '"Am Nordkai wurde gestreikt.", label: Gerücht, sources: [kurier-2031-05-03]',
        '"Am Nordkai wurde gestreikt.", label: bestätigt, sources: [rat-protokoll]',
    )
    text = text.replace(
        "  - {id: ev-rat-08",
        '  - {id: ev-rat-09, when: 2031-04-19, title: "Hafenrat berät Möwen", '
        'snippets: [{text: "Möwen.", label: offen, sources: [rat-protokoll]}]}\n  - {id: ev-rat-08',
    )
    extra.write_text(text, encoding="utf-8")
    await harness.command("wissen", sub="neu-laden", permissions=ADMIN_PERMISSIONS, user=ADMIN)
    embed = harness.last_message()["embeds"][0]
    assert embed["title"] == "Wissen neu geladen"
    assert embed["description"] == "1 neu, 0 entfernt, 1 geändert."
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["Neu"] == "• Hafenrat berät Möwen (`ev-rat-09`)"
    assert fields["Label-Änderungen"] == "• Streik am Nordkai: 🗣️ Gerücht → ✅ bestätigt"
    assert fields["Neuer Stand"] == "04.05.2031, 18:00 Uhr"
    assert "ev-rat-09" in harness.bot.store.engine.knowledge.events
