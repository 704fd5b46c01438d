"""A message payload as Discord sends it -> an HTML page in the look of Discord's dark theme.

Only what the bot's messages use: content, rich embeds (colour bar, title, description, fields,
footer) and rows of buttons, with the part of Discord's markdown that appears in them (**bold**,
*italic*, __underline__, ~~strike~~, `code`, masked and bare links, > quotes, backslash escapes).
Every text is HTML-escaped on its way in, so member text echoed by the bot can never become markup.
"""

from __future__ import annotations

import html
import re
from typing import Any

#: Wide enough for a full embed (Discord caps embeds at 516 px) and the buttons under it.
PAGE_WIDTH = 640
#: Discord's button styles by number: primary, secondary, success, danger, link.
BUTTON_CLASSES = {1: "primary", 2: "secondary", 3: "success", 4: "danger", 5: "link"}
_URL = r"https?://(?:[^\s()<>]|\([^\s()<>]*\))+"
#: Inner text of a marker: an escaped character (\*) never closes it.
_INNER = r"(?:\\.|[^\\])+?"
_INLINE = re.compile(
    r"\\(?P<escaped>[^\w\s])"
    r"|`(?P<code>[^`]+)`"
    rf"|\[(?P<label>[^\]]+)\]\((?P<href>{_URL})\)"
    rf"|\*\*(?P<bold>{_INNER})\*\*"
    rf"|__(?P<underline>{_INNER})__"
    r"|\*(?!\s)(?P<italic>(?:\\.|[^*\\])+?)(?<!\s)\*"
    r"|(?<!\w)_(?!\s)(?P<italic2>(?:\\.|[^_\\])+?)(?<!\s)_(?!\w)"
    rf"|~~(?P<strike>{_INNER})~~"
    rf"|(?P<bare>{_URL})"
)
_WRAP = {"bold": "strong", "underline": "u", "italic": "em", "italic2": "em", "strike": "s"}

STYLE = """
* { box-sizing: border-box; }
body { margin: 0; background: #313338; color: #dbdee1; width: %(width)dpx;
  font: 15px/1.375 "DejaVu Sans", "Noto Color Emoji", sans-serif; }
.message { display: flex; gap: 14px; padding: 14px 16px 16px 16px; }
.avatar { flex: none; width: 40px; height: 40px; border-radius: 50%%; background: #5865f2;
  color: #fff; font-weight: bold; font-size: 18px; display: flex; align-items: center;
  justify-content: center; margin-top: 20px; }
.body { min-width: 0; flex: 1; }
.invocation { font-size: 13px; color: #b5bac1; margin: 0 0 2px 0; }
.invocation b { color: #dbdee1; font-weight: normal; }
.invocation .command { color: #00a8fc; }
.author { color: #f2f3f5; font-weight: bold; }
.badge { background: #5865f2; color: #fff; font-size: 10px; font-weight: bold; border-radius: 3px;
  padding: 1px 4px; margin-left: 4px; vertical-align: 2px; }
.content { margin-top: 2px; white-space: normal; overflow-wrap: anywhere; }
.embed { margin-top: 4px; max-width: 516px; background: #2b2d31; border-left: 4px solid;
  border-radius: 4px; padding: 8px 16px 16px 12px; font-size: 14px; overflow-wrap: anywhere; }
.embed-title { color: #f2f3f5; font-weight: bold; font-size: 16px; margin-top: 8px; }
.embed-description { margin-top: 8px; }
.field { margin-top: 8px; }
.field-name { color: #f2f3f5; font-weight: bold; margin-bottom: 2px; }
.embed-footer { margin-top: 8px; font-size: 12px; color: #b5bac1; }
a { color: #00a8fc; text-decoration: none; }
code { font: 12.5px "DejaVu Sans Mono", monospace; background: #1e1f22; border-radius: 3px;
  padding: 1px 3px; }
blockquote { margin: 0; padding-left: 10px; border-left: 4px solid #4e5058; }
.components { margin-top: 8px; }
.row { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 4px; }
.button { font-size: 14px; color: #fff; border-radius: 3px; padding: 2px 16px; min-height: 32px;
  display: flex; align-items: center; gap: 6px; font-weight: 500; }
.primary { background: #5865f2; } .secondary { background: #4e5058; }
.success { background: #248046; } .danger { background: #da373c; } .link { background: #4e5058; }
.disabled { opacity: 0.5; }
"""


def inline_html(text: str) -> str:
    """One line of Discord markdown as HTML; everything that is not markup is escaped."""
    parts: list[str] = []
    position = 0
    for found in _INLINE.finditer(text):
        parts.append(html.escape(text[position : found.start()]))
        position = found.end()
        kind = found.lastgroup or ""
        value = found[kind]
        if kind == "escaped":
            parts.append(html.escape(value))
        elif kind == "code":
            parts.append(f"<code>{html.escape(value)}</code>")
        elif kind == "href":
            parts.append(f'<a href="{html.escape(found["href"])}">{inline_html(found["label"])}</a>')
        elif kind == "bare":
            url = value.rstrip(".,:;!?")  # a sentence's full stop is not part of the link
            parts.append(
                f'<a href="{html.escape(url)}">{html.escape(url)}</a>{html.escape(value[len(url) :])}'
            )
        else:
            tag = _WRAP[kind]
            parts.append(f"<{tag}>{inline_html(value)}</{tag}>")
    parts.append(html.escape(text[position:]))
    return "".join(parts)


def markdown_html(text: str) -> str:
    """Lines of Discord markdown: '> ' lines become quotes, line breaks stay line breaks."""
    lines: list[str] = []
    for line in text.split("\n"):
        if line.startswith("> "):
            lines.append(f"<blockquote>{inline_html(line[2:])}</blockquote>")
        else:
            lines.append(inline_html(line) + "<br>")
    return "".join(lines).removesuffix("<br>")


def colour_hex(colour: int | None) -> str:
    """Discord's colour integer as CSS; no colour is Discord's default grey."""
    return "#1e1f22" if colour is None else f"#{colour:06x}"


def embed_html(embed: dict[str, Any]) -> str:
    parts = [f'<div class="embed" style="border-left-color: {colour_hex(embed.get("color"))}">']
    if embed.get("title"):
        parts.append(f'<div class="embed-title">{html.escape(embed["title"])}</div>')
    if embed.get("description"):
        parts.append(f'<div class="embed-description">{markdown_html(embed["description"])}</div>')
    for field in embed.get("fields", []):
        parts.append(
            f'<div class="field"><div class="field-name">{inline_html(field["name"])}</div>'
            f'<div class="field-value">{markdown_html(field["value"])}</div></div>'
        )
    if embed.get("footer", {}).get("text"):
        parts.append(f'<div class="embed-footer">{html.escape(embed["footer"]["text"])}</div>')
    return "".join(parts) + "</div>"


def button_html(button: dict[str, Any]) -> str:
    classes = ["button", BUTTON_CLASSES.get(button.get("style", 2), "secondary")]
    if button.get("disabled"):
        classes.append("disabled")
    emoji = (button.get("emoji") or {}).get("name")
    label = html.escape(button.get("label") or "")
    shown = f'<span class="emoji">{html.escape(emoji)}</span>' if emoji else ""
    return f'<div class="{" ".join(classes)}">{shown}<span class="button-label">{label}</span></div>'


def components_html(rows: list[dict[str, Any]]) -> str:
    """Action rows of buttons (the only components the bot sends)."""
    shown = "".join(
        '<div class="row">' + "".join(button_html(b) for b in row["components"] if b["type"] == 2) + "</div>"
        for row in rows
    )
    return f'<div class="components">{shown}</div>' if shown else ""


def message_html(message: dict[str, Any], *, author: str, member: str, command: str) -> str:
    """A whole page: `member` ran `/command`, and `author` (the bot) answered with `message`."""
    parts = [
        '<div class="message">',
        f'<div class="avatar">{html.escape(author[:1].upper())}</div><div class="body">',
        f'<div class="invocation">↱ <b>{html.escape(member)}</b> hat '
        f'<span class="command">/{html.escape(command)}</span> benutzt</div>',
        f'<div><span class="author">{html.escape(author)}</span><span class="badge">APP</span></div>',
    ]
    if message.get("content"):
        parts.append(f'<div class="content">{markdown_html(message["content"])}</div>')
    parts += [embed_html(embed) for embed in message.get("embeds") or []]
    parts.append(components_html(message.get("components") or []))
    parts.append("</div></div>")
    return (
        '<!doctype html><html lang="de"><head><meta charset="utf-8">'
        f"<style>{STYLE % {'width': PAGE_WIDTH}}</style></head>"
        f"<body>{''.join(parts)}"
        "<script>document.body.dataset.height = Math.ceil("
        "document.querySelector('.message').getBoundingClientRect().bottom);</script>"
        "</body></html>"
    )
