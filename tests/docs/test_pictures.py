"""docs/pictures: the HTML a picture is made from shows every part of the bot's real payload.

The pictures themselves need Chromium; what they are made of does not. Each scene is run through
the bot (real knowledge, real command tree) and the page built from the captured message is read
back as text, so the script cannot drift from what the bot sends, and member text stays text.
"""

from __future__ import annotations

import asyncio
import re
import struct
from collections import defaultdict
from html.parser import HTMLParser
from typing import Any

import pytest

from bot.core.matching.engine import EngineOptions
from bot.discord_app.sending import echo
from bot.render.overview import ambiguous_text
from docs.pictures.discord_html import PAGE_WIDTH, markdown_html, message_html
from docs.pictures.make_pictures import MAX_BYTES, OUT_DIR, SCENES, Shot, capture

#: Discord markdown as a reader sees it: escapes kept literally, link labels kept, markers gone.
MARKUP = re.compile(r"\\([^\w\s])|\[([^\]]+)\]\(https?://\S+?\)(?=\s|$)|\*\*|\*|__|~~|`")
LINK_URL = re.compile(r"\]\((https?://\S+?)\)(?=\s|$)")
VOID = {"br", "meta"}


def visible(markdown: str) -> str:
    text = re.sub(r"^> ", "", markdown, flags=re.M)
    return MARKUP.sub(lambda found: found[1] or found[2] or "", text)


class Page(HTMLParser):
    """The text of every element with a class (line breaks kept), its styles, and the links."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str, list[str]]] = []
        self.texts: dict[str, list[str]] = defaultdict(list)
        self.styles: dict[str, list[str]] = defaultdict(list)
        self.classes: list[str] = []
        self.links: list[str] = []
        self.tags: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append(tag)
        if tag == "br":
            self.handle_data("\n")
        if tag in VOID:
            return
        classes = values.get("class") or ""
        for name in classes.split():
            self.classes.append(name)
            self.styles[name].append(values.get("style") or "")
        if tag == "a":
            self.links.append(values.get("href") or "")
        self.open.append((tag, classes, []))

    def handle_endtag(self, tag: str) -> None:
        opened, classes, text = self.open.pop()
        assert opened == tag, f"<{opened}> closed by </{tag}>"
        for name in classes.split():
            self.texts[name].append("".join(text).rstrip("\n"))  # a closing quote's break
        if tag == "blockquote":
            self.handle_data("\n")

    def handle_data(self, data: str) -> None:
        for _tag, _classes, text in self.open:
            text.append(data)


@pytest.fixture(scope="module")
def shots(engine_options: EngineOptions) -> dict[str, Shot]:
    """Every scene, asked of the bot on the shipped knowledge (the engine cached by the session)."""
    return {shot.scene.name: shot for shot in asyncio.run(capture(options=engine_options))}


def check_page_shows(message: dict[str, Any], page: Page) -> None:
    assert page.texts["content"] == ([visible(message["content"])] if message.get("content") else [])
    embeds = message.get("embeds") or []
    assert page.texts["embed-title"] == [e["title"] for e in embeds if e.get("title")]
    assert page.styles["embed"] == [f"border-left-color: #{e['color']:06x}" for e in embeds]
    assert page.texts["embed-description"] == [visible(e["description"]) for e in embeds]
    fields = [field for embed in embeds for field in embed.get("fields", [])]
    assert page.texts["field-name"] == [visible(field["name"]) for field in fields]
    assert page.texts["field-value"] == [visible(field["value"]) for field in fields]
    assert page.texts["embed-footer"] == [e["footer"]["text"] for e in embeds if e.get("footer")]
    markdown = [message.get("content") or ""] + [e["description"] for e in embeds]
    urls = [url for text in markdown + [f["value"] for f in fields] for url in LINK_URL.findall(text)]
    assert page.links == urls
    buttons = [item for row in message.get("components") or [] for item in row["components"]]
    assert page.texts["button-label"] == [button["label"] for button in buttons]
    assert page.texts["emoji"] == [b["emoji"]["name"] for b in buttons if b.get("emoji")]
    assert page.classes.count("disabled") == sum(1 for b in buttons if b.get("disabled"))


@pytest.mark.parametrize("name", [scene.name for scene in SCENES])
def test_each_picture_page_shows_all_of_the_payload(shots: dict[str, Shot], name: str) -> None:
    shot = shots[name]
    check_page_shows(shot.message, Page(shot.html()))


def test_the_scenes_still_show_what_the_pictures_are_for(shots: dict[str, Shot]) -> None:
    answer = shots["antwort"].message["embeds"][0]
    labels = set(re.findall(r"\*\*([^*]+):\*\*", answer["description"]))
    assert len(labels) >= 3, f"the answer should show several labels, shows {labels}"
    assert answer["fields"][0]["name"] == "Quellen" and answer["fields"][0]["value"].startswith("[1] ")
    assert answer["footer"]["text"].startswith("Stand: ")
    timeline = shots["timeline"].message
    assert timeline["embeds"][0]["title"].startswith("Chronik")
    assert [b["label"] for b in timeline["components"][0]["components"]][::2] == ["◀", "▶"]
    suggestions = shots["meintest-du"].message
    assert suggestions["content"].startswith("Meintest du …?")
    labels = [b["label"] for b in suggestions["components"][0]["components"]]
    assert len(labels) >= 3 and labels[-1] == "Nichts davon"


def test_member_text_on_a_page_stays_text() -> None:
    hostile = '<script>alert(1)</script> & "<img src=x onerror=alert(1)>"'
    question = echo("**fett** <b>Rückkehr</b>? @everyone")
    message = {
        "content": ambiguous_text(question),
        "embeds": [
            {
                "title": hostile,
                "description": f"**{hostile}** [klick](javascript:alert(1)) `{hostile}`",
                "color": 0xF9A825,
                "fields": [
                    {
                        "name": hostile,
                        "value": f"> {hostile}\n[{hostile}](https://example.org/a)",
                        "inline": False,
                    }
                ],
                "footer": {"text": hostile},
            }
        ],
        "components": [
            {"type": 1, "components": [{"type": 2, "style": 1, "label": hostile, "custom_id": "x"}]}
        ],
    }
    html = message_html(message, author="<b>bot</b>", member="<i>wer</i>", command="<u>frage</u>")
    page = Page(html)
    assert "<script>alert" not in html and "<img" not in html and "<b>bot" not in html
    assert page.tags.count("script") == 1, "only the page's own height measurement"
    assert page.links == ["https://example.org/a"], "no link but http(s), and none hidden in member text"
    assert "<strong>" not in markdown_html(message["content"]), "escaped ** stays **"
    assert page.texts["content"] == [
        "Meintest du …? (zu „**fett** <b>Rückkehr</b>? @\u200beveryone“)\nWähl unten ein Thema."
    ]
    check_page_shows(message, page)


@pytest.mark.parametrize("name", [scene.name for scene in SCENES])
def test_each_picture_is_committed_small_and_page_wide(name: str) -> None:
    png = OUT_DIR / f"{name}.png"
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width == PAGE_WIDTH and 0 < height < 2000
    assert len(data) < MAX_BYTES, f"{png.name} is {len(data)} bytes; crop it or shorten the scene"
