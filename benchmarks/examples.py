"""`make examples`: the development questions become the knowledge's examples.

    python -m benchmarks.examples [--check]

The answer engine learns how members word their questions from the knowledge's `examples:`
(see docs/knowledge-format.md). For the first story these are exactly the `dev` questions of the
evaluation rounds, written into knowledge/examples.yaml; `test` questions never are, so the test
figures stay honest. `--check` exits 1 when the file is not what the rounds give (a test runs it).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

from bot.core.matching.text import fold

EVAL = Path(__file__).parent / "eval"
#: The rounds whose dev questions are examples, in order.
ROUNDS = ("questions.yaml", "round7.yaml")
TARGET = Path(__file__).parents[1] / "knowledge" / "examples.yaml"
HEADER = """\
# Fragen, wie Mitglieder sie stellen, mit der Antwort (Ids) oder ohne ([] = der Bot soll schweigen).
# Der Bot lernt daraus, wie Mitglieder fragen; Fragen mit Antwort zählen wie weitere Fragevarianten.
# Erzeugt von `make examples` aus den dev-Fragen von benchmarks/eval/ (nie aus den test-Fragen);
# nicht von Hand ändern: neue Beispiele in die Auswertungsrunden schreiben und neu erzeugen.
examples:
"""


def dev_questions() -> list[tuple[str, list[str]]]:
    """The rounds' dev questions, but none that reads like a test question once folded: "wann
    kommt gpt-5 raus" (dev) would answer "wann kommt gpt 5 raus" (test) by its own words."""
    items = [
        item
        for name in ROUNDS
        for item in yaml.safe_load((EVAL / name).read_text(encoding="utf-8"))["questions"]
    ]
    tested = {fold(str(item["q"])) for item in items if item["split"] == "test"}
    found: dict[str, list[str]] = {}
    for item in items:
        if item["split"] == "dev" and fold(str(item["q"])) not in tested:
            found.setdefault(str(item["q"]), list(item.get("expect") or []))
    return list(found.items())


def render() -> str:
    lines = [
        f"  - {{q: {json.dumps(q, ensure_ascii=False)}, answers: [{', '.join(answers)}]}}"
        for q, answers in dev_questions()
    ]
    return HEADER + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the file is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is not what the dev questions give: run `make examples`", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"{TARGET}: {text.count(chr(10) + '  - ')} examples")
    return 0


if __name__ == "__main__":
    sys.exit(main())
