"""/frage, /person, /quellen and their autocomplete, driven through the real command tree."""

from __future__ import annotations

from tests.discord_app.harness import ASKER, OTHER_MEMBER, Harness


def option(name: str, value: str) -> dict:
    return {"name": name, "type": 3, "value": value}


async def test_frage_answers_with_labels_sources_and_stand(harness: Harness) -> None:
    await harness.start()
    await harness.command("frage", [option("frage", "Wer folgt auf Holm?")])
    message = harness.last_message()
    embed = message["embeds"][0]
    assert embed["title"] == "Wer folgt auf Greta Holm?"
    assert "🗣️ **Gerücht:**" in embed["description"] and "✅ **bestätigt:**" in embed["description"]
    assert embed["color"] == 0xF9A825, "coloured by the weakest label, so a rumor never looks confirmed"
    assert (
        "**überholt** durch: Holm nimmt den Rücktritt zurück (04.05.2031, 09:00 Uhr)" in embed["description"]
    )
    sources = embed["fields"][0]
    assert sources["name"] == "Quellen"
    assert sources["value"].startswith(
        "[1] [Was hinter dem Rücktritt steckt](https://example.org/kurier/ruecktritt)"
    )
    assert "Nordhavener Kurier, 03.05.2031" in sources["value"]
    assert "[2] Hafenmeisterin tritt zurück – Stadt Nordhaven, 02.05.2031, 10:00 Uhr" in sources["value"]
    assert embed["footer"]["text"] == "Stand: 04.05.2031, 18:00 Uhr"
    buttons = message["components"][0]["components"]
    assert [b["label"] for b in buttons] == ["hilfreich", "nicht hilfreich"]
    assert [b["custom_id"] for b in buttons] == ["fb:1:y:faq-nachfolge", "fb:1:n:faq-nachfolge"]
    assert message["allowed_mentions"] == {"parse": []}


async def test_frage_autocomplete_is_fuzzy_and_best_first(harness: Harness) -> None:
    await harness.start()
    choices = await harness.autocomplete("frage", "frage", "nachfolgr")
    assert choices and len(choices) <= 25
    assert "Nachfolge" in choices[0]["name"] or "Hafenmeister" in choices[0]["name"], choices[:3]
    assert all(1 <= len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)
    typo = await harness.autocomplete("frage", "frage", "grta holm")
    assert typo[0]["name"] == "Greta Holm"
    empty = await harness.autocomplete("frage", "frage", "")
    assert empty[0]["name"] == "Worum geht es im Hafenstreit?", "featured topics first"


async def test_ambiguous_offers_buttons_and_a_click_answers(harness: Harness) -> None:
    await harness.start()
    await harness.command("frage", [option("frage", "Streik?")])
    message = harness.last_message()
    assert message["content"].startswith("Meintest du …?")
    buttons = message["components"][0]["components"]
    # Both strikes, most probable first (the engine's order), then "Nichts davon".
    offered = {b["label"]: b["custom_id"] for b in buttons[:-1]}
    assert offered == {
        "Streik am Nordkai": f"sug:1:{ASKER}:ev-streik-nord",
        "Streik am Südkai": f"sug:1:{ASKER}:ev-streik-sued",
    }
    assert (buttons[-1]["label"], buttons[-1]["custom_id"]) == ("Nichts davon", f"sugx:1:{ASKER}")
    message_id = harness.last_message_id()
    await harness.click(message_id, buttons[0]["custom_id"], user=OTHER_MEMBER)
    refusal = harness.last_message()
    assert "jemand anderem" in refusal["content"] and refusal["flags"] == 64
    await harness.click(message_id, offered["Streik am Südkai"])
    update = harness.calls[-1].payload
    assert update["type"] == 7
    assert update["data"]["embeds"][0]["title"] == "Streik am Südkai"
    assert update["data"]["components"][0]["components"][0]["custom_id"] == "fb:1:y:ev-streik-sued"


async def test_nothing_of_these_removes_the_buttons(harness: Harness) -> None:
    await harness.start()
    await harness.command("frage", [option("frage", "Streik?")])
    await harness.click(harness.last_message_id(), f"sugx:1:{ASKER}")
    update = harness.calls[-1].payload
    assert update["type"] == 7 and update["data"]["components"] == []
    assert update["data"]["content"].startswith("Schade.")


async def test_no_match_names_nearby_topics_and_invents_nothing(harness: Harness) -> None:
    await harness.start()
    await harness.command("frage", [option("frage", "Wie wird das Wetter in Paris?")])
    message = harness.last_message()
    assert message.get("embeds") in (None, [])
    assert message["content"].startswith("Zu „Wie wird das Wetter in Paris?“ weiß ich nichts Gesichertes.")
    assert "Worum geht es im Hafenstreit?" in message["content"] and "/frage" in message["content"]
    assert message["flags"] == 64


async def test_feedback_click_reaches_the_sink_after_a_restart(make_harness) -> None:  # noqa: ANN001
    first: Harness = make_harness()
    await first.start()
    await first.command("frage", [option("frage", "Wer ist Greta Holm?")])
    shown = first.messages[first.last_message_id()]
    restarted: Harness = make_harness()  # a new bot: no view in memory, only the dynamic item
    await restarted.start()
    restarted.messages[int(shown["id"])] = shown
    await restarted.click(int(shown["id"]), "fb:1:n:greta-holm")
    vote = restarted.bot.feedback.votes[-1]
    assert (vote.answer_id, vote.helpful) == ("greta-holm", False)
    assert "Danke" in restarted.last_message()["content"]


async def test_person_by_autocomplete_id_and_by_typed_name(harness: Harness) -> None:
    await harness.start()
    choices = await harness.autocomplete("person", "name", "holmm")
    assert choices == [{"name": "Greta Holm", "value": "greta-holm"}]
    await harness.command("person", [option("name", "greta-holm")])
    embed = harness.last_message()["embeds"][0]
    assert embed["title"] == "Greta Holm"
    assert "Hafenmeisterin von Nordhaven (ab 01.01.2024 bis 02.05.2031, 10:00 Uhr)" in embed["description"]
    await harness.command("person", [option("name", "Greta")])
    assert harness.last_message()["embeds"][0]["title"] == "Greta Holm"


async def test_quellen_for_a_topic_and_all_sources(harness: Harness) -> None:
    await harness.start()
    await harness.command("quellen", [option("thema", "Wer ist Greta Holm?")])
    embed = harness.last_message()["embeds"][0]
    assert embed["title"] == "Quellen: Greta Holm"
    assert "„Ich lege mein Amt heute nieder.“" in embed["description"]
    await harness.command("quellen")
    embed = harness.last_message()["embeds"][0]
    assert embed["title"] == "Alle Quellen (3)"
    assert embed["description"].splitlines()[0].startswith("[1] Was hinter dem Rücktritt steckt") is False
    assert "Protokolle des Hafenrats" in embed["description"]


async def test_suggestion_buttons_answer_after_a_restart(make_harness) -> None:  # noqa: ANN001
    first: Harness = make_harness()
    await first.start()
    await first.command("frage", [option("frage", "Streik?")])
    shown = first.messages[first.last_message_id()]
    restarted: Harness = make_harness()  # a new process: nothing in memory but the dynamic items
    await restarted.start()
    restarted.messages[int(shown["id"])] = shown
    await restarted.click(int(shown["id"]), f"sug:1:{ASKER}:ev-streik-nord", user=OTHER_MEMBER)
    assert "jemand anderem" in restarted.last_message()["content"], "still only for the asker"
    await restarted.click(int(shown["id"]), f"sug:1:{ASKER}:ev-streik-nord")
    update = restarted.calls[-1].payload
    assert update["type"] == 7 and update["data"]["embeds"][0]["title"] == "Streik am Nordkai"


def test_long_ids_are_hashed_into_the_custom_id() -> None:
    from bot.discord_app.views import resolve_ref, short_ref

    long_id = "ev-" + "sehr-lange-id-" * 8
    ref = short_ref(long_id, 60)
    assert ref.startswith("~") and len(ref) == 11
    assert resolve_ref(ref, ["anderes", long_id]) == long_id
    assert resolve_ref(short_ref("greta-holm", 60), ["greta-holm"]) == "greta-holm"
    assert resolve_ref("weg", ["greta-holm"]) is None
