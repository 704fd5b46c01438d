"""YAML syntax errors in plain German: what usually causes them and how to fix it.

The parser says "mapping values are not allowed in this context"; a moderator needs "a colon with
a space stands in a text without quotes – put the text in quotes". Each hint below is what the
parser's message means in a knowledge file almost every time; the parser's own words stay in
brackets behind it, for the rare case the hint is wrong.
"""

from __future__ import annotations

import re

import yaml

from bot.core.knowledge.yaml_traps import quoted

_INDENT = (
    "Die Einrückung passt nicht zu den Zeilen darüber: Felder eines Eintrags beginnen genau "
    "untereinander, Listeneinträge mit „- “ (Bindestrich, Leerzeichen)"
)
_KEY_VALUE = re.compile(r"^(\s*(?:- +)?)([^\s:#\"'][^:#]*?):\s+(.*\S)\s*$")
_QUOTES = ('"', "'")


def explain(error: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, str]:
    """(line, message) for a parser error; the line is where the fix goes, 1-based."""
    problem = error.problem or error.context or "invalid YAML"
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    context_line = error.context_mark.line + 1 if error.context_mark else line
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    column = mark.column if mark else 0
    hint = _hint(problem, error.context or "", text, column)
    if "quoted scalar" in (error.context or "") or problem.startswith(("did not find expected ','",)):
        line = context_line  # where the quote or bracket was opened, not the end of the file
    opened = _unclosed_quote(lines, line)
    if opened is not None:
        # The quote ran on into the lines below and closed at the next '"', so the parser
        # stumbles only there: the fix goes where it was opened.
        line, hint = opened, _OPEN_QUOTE
    parser = problem if not error.context else f"{error.context}: {problem}"
    return line, f"YAML-Syntax: {hint} (Meldung des Parsers: {parser})"


_OPEN_QUOTE = "Ein Anführungszeichen in dieser Zeile wird nicht geschlossen. Schließe es am Ende des Textes"
#: How far above the parser's line an unclosed quote is looked for.
_QUOTE_LOOKBACK = 30


def _unclosed_quote(lines: list[str], line: int) -> int | None:
    """The line (1-based) above `line` where a '"' was opened and not closed on the same line.

    Knowledge texts fit on one line, so an odd number of unescaped double quotes on a line means
    a quote that runs on; single quotes are left alone (German text is full of apostrophes).
    """
    for number in range(max(1, line - _QUOTE_LOOKBACK), line):
        text = lines[number - 1].replace('\\"', "")
        if text.lstrip().startswith("#"):
            continue
        if text.count('"') % 2 == 1:
            return number
    return None


def _hint(problem: str, context: str, text: str, column: int) -> str:
    if "quoted scalar" in context:
        return _OPEN_QUOTE
    if problem.startswith("mapping values are not allowed"):
        return _colon_hint(text)
    if problem.startswith("did not find expected key"):
        return _after_value_hint(text, column)
    if problem.startswith("did not find expected ',' or ']'"):
        return "Eine eckige Klammer „[“ in dieser Zeile wird nicht geschlossen („]“ fehlt)"
    if problem.startswith("did not find expected ',' or '}'"):
        return "Eine geschweifte Klammer „{“ in dieser Zeile wird nicht geschlossen („}“ fehlt)"
    if problem.startswith("could not find expected ':'"):
        return (
            "Diese Zeile ist kein „Feld: Wert“: fehlt ein Doppelpunkt, oder gehört sie zum Text "
            "der Zeile darüber? Dann den ganzen Text in Anführungszeichen setzen"
        )
    if problem.startswith("found character that cannot start any token"):
        char = text[column : column + 1]
        if char == "\t":
            return "Ein Tabulator steht, wo YAML nur Leerzeichen erlaubt. Ersetze ihn durch Leerzeichen"
        return f"Ein Text, der mit „{char}“ beginnt, braucht Anführungszeichen, z. B. {quoted(char + '…')}"
    if problem.startswith(("block sequence entries are not allowed", "mapping keys are not allowed")):
        return "Ein Text, der mit „- “ oder „? “ beginnt, braucht Anführungszeichen"
    if "block scalar" in context:
        return "Ein Text, der mit „|“ oder „>“ beginnt, braucht Anführungszeichen"
    if problem.startswith("found undefined alias"):
        return "Ein Text, der mit „*“ beginnt, braucht Anführungszeichen (sonst ist es ein YAML-Verweis)"
    if problem.startswith("could not determine a constructor for the tag"):
        return "Ein Text, der mit „!“ beginnt, braucht Anführungszeichen; YAML-Tags sind nicht erlaubt"
    if problem.startswith("expected <block end>") or "indicator" in problem:
        return _INDENT
    if "maximum nesting depth" in problem:
        return "Die Datei ist zu tief verschachtelt"
    return "YAML kann die Datei hier nicht lesen"


def _colon_hint(text: str) -> str:
    """A colon with a space inside an unquoted text, or a line indented deeper than its neighbours."""
    found = _KEY_VALUE.match(text)
    if found and ": " in found[3] + " " and not found[3].startswith(_QUOTES):
        return (
            "In einem Text ohne Anführungszeichen steht „: “ – YAML hält das für ein neues Feld. "
            f"Setze den Text in Anführungszeichen: {found[2]}: {quoted(found[3])}"
        )
    return (
        "Diese Zeile ist weiter eingerückt als die Zeile darüber, oder ein Text darin enthält „: “. "
        "Felder eines Eintrags beginnen genau untereinander; Texte mit „: “ gehören in Anführungszeichen"
    )


def _after_value_hint(text: str, column: int) -> str:
    """Text after a closing quote or bracket, or an indentation slip."""
    before = text[:column].rstrip()
    found = _KEY_VALUE.match(text)
    if found and found[3][:1] in ('"', "'", "[", "{") and before.endswith(('"', "'", "]", "}")):
        value = found[3]
        if value[:1] in _QUOTES:
            inner = value[1:-1] if value[-1:] == value[:1] else value
            return (
                "Nach dem schließenden Anführungszeichen geht der Text weiter. Setze den ganzen Text "
                'in Anführungszeichen und schreib Anführungszeichen im Text als „…“ oder \\", z. B. '
                f"{found[2]}: {quoted(inner)}"
            )
        return (
            f"Ein Text, der mit „[“ oder „{{“ beginnt, braucht Anführungszeichen: {found[2]}: {quoted(value)}"
        )
    if text.lstrip().startswith("-") and not text.lstrip().startswith("- "):
        return "Nach dem Bindestrich eines Listeneintrags fehlt das Leerzeichen („- “)"
    return _INDENT
