"""/timeline with paging, /stand and /labels."""

from __future__ import annotations

from tests.discord_app.harness import ASKER, OTHER_MEMBER, Harness

NEXT = f"pg:1:t:n:{ASKER}:0::::"


def option(name: str, value: str) -> dict:
    return {"name": name, "type": 3, "value": value}


async def test_timeline_pages_in_time_order_for_the_asker_only(harness: Harness) -> None:
    await harness.start()
    await harness.command("timeline")
    first = harness.last_message()
    embed = first["embeds"][0]
    assert embed["title"] == "Chronik (13 Ereignisse)"
    lines = embed["description"].splitlines()
    assert len(lines) == 10 and lines[0].startswith("`01.04.2031` ✅ Hafenrat berät Haushalt")
    assert embed["footer"]["text"].startswith("Seite 1/2 · Stand: 04.05.2031")
    buttons = first["components"][0]["components"]
    assert [b["label"] for b in buttons] == ["◀", "1/2", "▶"]
    assert [b["custom_id"] for b in buttons] == [f"pg:1:t:p:{ASKER}:0::::", "pg:1:at", NEXT]
    assert buttons[0]["disabled"] is True
    message_id = harness.last_message_id()

    await harness.click(message_id, NEXT, user=OTHER_MEMBER)
    refusal = harness.last_message()
    assert refusal["flags"] == 64 and "jemand anderem" in refusal["content"]

    await harness.click(message_id, NEXT)
    update = harness.calls[-1].payload
    assert update["type"] == 7
    page_two = update["data"]["embeds"][0]["description"].splitlines()
    assert page_two[-1].startswith("`04.05.2031, 09:00 Uhr` ✅ Holm nimmt den Rücktritt zurück")
    assert "Gerücht: Ein Reeder soll übernehmen *(überholt)*" in update["data"]["embeds"][0]["description"]
    assert update["data"]["components"][0]["components"][2]["disabled"] is True


async def test_paging_works_after_a_restart_and_keeps_the_filters(make_harness) -> None:  # noqa: ANN001
    first: Harness = make_harness()
    await first.start()
    await first.command("timeline", [option("bis", "31.12.2031")])
    shown = first.messages[first.last_message_id()]
    restarted: Harness = make_harness()  # a new process: no view in memory
    await restarted.start()
    restarted.messages[int(shown["id"])] = shown
    following = shown["components"][0]["components"][2]["custom_id"]
    assert following == f"pg:1:t:n:{ASKER}:0::20311231::"
    await restarted.click(int(shown["id"]), following, user=OTHER_MEMBER)
    assert "jemand anderem" in restarted.last_message()["content"], "still only for the asker"
    await restarted.click(int(shown["id"]), following)
    update = restarted.calls[-1].payload
    assert update["type"] == 7
    embed = update["data"]["embeds"][0]
    assert embed["title"] == "Chronik (13 Ereignisse) – bis 31.12.2031", "the filter survived"
    assert embed["footer"]["text"].startswith("Seite 2/2")
    buttons = update["data"]["components"][0]["components"]
    assert buttons[0]["custom_id"] == f"pg:1:t:p:{ASKER}:1::20311231::" and buttons[2]["disabled"] is True


async def test_timeline_filters_and_refuses_bad_dates(harness: Harness) -> None:
    await harness.start()
    await harness.command("timeline", [option("von", "02.05.2031"), option("person", "greta-holm")])
    embed = harness.last_message()["embeds"][0]
    assert embed["title"] == "Chronik (2 Ereignisse) – ab 02.05.2031, Greta Holm"
    assert "components" not in harness.last_message() or not harness.last_message()["components"]
    await harness.command("timeline", [option("label", "Gerücht")])
    assert harness.last_message()["embeds"][0]["title"].startswith("Chronik (3 Ereignisse)")
    await harness.command("timeline", [option("bis", "31.02.2031 @everyone")])
    message = harness.last_message()
    assert message["flags"] == 64 and "ist kein Datum" in message["content"]
    assert "@everyone" not in message["content"], "member text is escaped when echoed"


async def test_label_autocomplete(harness: Harness) -> None:
    await harness.start()
    choices = await harness.autocomplete("timeline", "label", "gerucht")
    assert choices[0] == {"name": "🗣️ Gerücht", "value": "Gerücht"}


async def test_stand_groups_by_label_strength(harness: Harness) -> None:
    await harness.start()
    await harness.command("stand")
    embed = harness.last_message()["embeds"][0]
    assert embed["title"] == "Stand: Der Hafenstreit von Nordhaven"
    names = [f["name"] for f in embed["fields"]]
    assert names == ["✅ bestätigt (10)", "🗣️ Gerücht (4)", "❔ offen (1)"]
    rumors = embed["fields"][1]["value"].splitlines()
    assert rumors[0].startswith("`03.05.2031` 🗣️ Gerücht: Ein Reeder soll übernehmen *(überholt)*")
    assert rumors[-1] == "❓ Wer folgt auf Greta Holm?"
    assert embed["footer"]["text"] == "Stand: 04.05.2031, 18:00 Uhr"
    assert "**10** Einträge bestätigt, **5** nicht bestätigt oder offen." in embed["description"]


async def test_labels_explains_each_label(harness: Harness) -> None:
    await harness.start()
    await harness.command("labels")
    fields = harness.last_message()["embeds"][0]["fields"]
    assert [f["name"] for f in fields] == ["✅ bestätigt", "🗣️ Gerücht", "❔ offen"]
    assert fields[1]["value"].startswith("Berichtet, aber nicht bestätigt.")
