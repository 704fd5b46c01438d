"""The moderator checks of `python -m bot validate`, on the documentation's example set."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.core.knowledge.lint import lint_knowledge
from bot.core.knowledge.loader import load_knowledge
from tests.conftest import PROJECT_ROOT

EXTRA_FAQ = """
  - id: faq-wer-ist-greta
    title: "Wer ist Greta Holm?"
    questions:
      - "Was ist im Hafen los?"
      - "Was war am 3. Mai?"
    snippets:
      - text: "Greta Holm ist die Hafenmeisterin."
        label: bestätigt
        sources: [stadt-pm-2031-05-02]
"""

EXTRA_SOURCE = """
  - id: radio-2031-05-04
    kind: Interview
    author: Radio Nordhaven
    title: "Niemand zitiert mich"
    published: 2031-05-04
    url: "https://radio example.org/interview"
    primary: false
"""


def _lint(folder: Path) -> list[str]:
    return [str(finding) for finding in lint_knowledge(load_knowledge(folder))]


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def _edit(example_dir: Path) -> Path:
    path = example_dir / "knowledge.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("\npeople:", EXTRA_SOURCE.rstrip() + "\n\npeople:")
    path.write_text(text + EXTRA_FAQ, encoding="utf-8")
    return path


def test_the_example_set_is_clean(example_dir: Path) -> None:
    assert _lint(example_dir) == []


def test_each_mistake_is_found_with_its_line(example_dir: Path) -> None:
    path = _edit(example_dir)
    findings = _lint(example_dir)
    duplicate_line = max(
        n for n, line in enumerate(path.read_text().splitlines(), 1) if "Was ist im Hafen los?" in line
    )
    assert findings == [
        f"{path}:{_line_of(path, 'radio example.org')}: Fehler: Quelle „radio-2031-05-04“: die url "
        "„https://radio example.org/interview“ ist keine http(s)-Adresse mit Host",
        f"{path}:{duplicate_line}: Fehler: „faq-wer-ist-greta“: die Frage „Was ist im Hafen los?“ steht auch "
        f"bei „faq-worum-geht-es“ ({path}:{_line_of(path, 'Was ist im Hafen los?')}); wer sie stellt, "
        "bekommt nur Vorschläge statt einer Antwort. Lösch sie bei einem der beiden",
        f"{path}:{_line_of(path, 'id: radio-2031-05-04')}: Warnung: Quelle „radio-2031-05-04“ wird von "
        "keinem Snippet genannt",
    ]


def _validate(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "validate", str(folder)],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        check=False,
    )


def test_validate_fails_on_errors_and_passes_with_warnings(example_dir: Path) -> None:
    path = _edit(example_dir)
    failed = _validate(example_dir)
    assert failed.returncode == 1
    assert "2 Fehler; das Wissen wird abgelehnt." in failed.stderr
    assert failed.stdout == ""
    text = path.read_text(encoding="utf-8")
    text = text.replace('      - "Was ist im Hafen los?"\n      - "Was war', '      - "Was war')
    path.write_text(text.replace("https://radio example.org", "https://radio.example.org"), encoding="utf-8")
    passed = _validate(example_dir)
    assert passed.returncode == 0, passed.stderr
    assert passed.stdout.startswith("OK:") and passed.stdout.splitlines()[0].endswith("; 1 Warnung")
    assert ": Warnung: Quelle „radio-2031-05-04“ wird von keinem Snippet genannt" in passed.stderr
