"""What members paste: the fixed list of hostile questions and a hypothesis strategy for any text.

Shared by the core tests (no exception, capped matching) and the Discord tests (limits, no pings,
escaped echo), so both sides are tried with exactly the same inputs.
"""

from __future__ import annotations

from hypothesis import strategies as st

#: Any Unicode text, lone surrogates, control and unassigned characters included.
ANY_CHARACTER = st.characters(codec=None, exclude_categories=())
any_text = st.text(alphabet=ANY_CHARACTER, max_size=600)

HOSTILE_QUESTIONS: dict[str, str] = {
    "empty": "",
    "whitespace": " \t\n\r\u00a0\u2003\u3000 ",
    "100 KB of text": ("Wer ist Greta? " * 7_000)[:100_000],
    "100 KB, one word": "a" * 100_000,
    "100 KB of newlines": "\n" * 100_000,
    "zero-width characters": "Wer\u200b ist\u200c Gre\u200dta\ufeff?",
    "right-to-left": "\u202eWer ist Greta?\u202c \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
    "emoji": "🔥🔥 Wer ist 👩‍🚀 Greta? 🇩🇪 🏳️‍🌈",
    "markdown": "**Wer** ist _Greta_? # Titel\n> Zitat\n||Spoiler|| [Link](https://evil.example) ~~x~~",
    "code block": "```python\nimport os\nos.system('rm -rf /')\n```\nWer ist Greta?",
    "@everyone": "@everyone Wer ist Greta?",
    "@here": "@here Worum geht es im Hafenstreit?",
    "user mention": "<@123456789012345678> <@!123456789012345678> wer ist greta",
    "role mention": "<@&123456789012345678> Worum geht es im Hafenstreit?",
    "channel and slash mentions": "<#123456789012345678> </frage:123456789012345678> Hafenstreit?",
    "url": "https://discord.gg/abcdef Worum geht es? http://evil.example/@everyone",
    "NUL bytes": "Wer\x00 ist\x00 Greta?\x00",
    "lone surrogates": "Wer ist \ud800Greta\udfff?",
    "combining flood": "G" + "\u0301" * 50_000 + "reta?",
    "expanding ligatures": "\ufdfa" * 50_000,
    "control characters": "".join(chr(c) for c in range(32)) + "\x7f\x85",
    "impossible dates": "Was war am 31.02.2031, am 2031-13-45 und am 99. Mai?",
    "huge numbers": "Was war am " + "9" * 5_000 + ". Mai " + "9" * 5_000 + "?",
}
