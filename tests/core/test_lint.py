"""The moderator checks of `python -m bot validate`, on the documentation's example set."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.core.knowledge.lint import lint_knowledge
from bot.core.knowledge.loader import load_knowledge
from bot.core.matching.engine import AnswerEngine
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
    return [str(finding) for finding in lint_knowledge(AnswerEngine(load_knowledge(folder)))]


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
    # How the engine misroutes the variant (answered elsewhere, or only suggestions) depends on the
    # matching's tuning; that it is flagged, where, and why does not.
    misrouted_prefix = (
        f"{path}:{_line_of(path, 'Was war am 3. Mai?')}: warning: 'faq-wer-ist-greta': question "
        "'Was war am 3. Mai?' "
    )
    assert findings[-1].startswith(misrouted_prefix)
    assert findings[-1].endswith("never with its own entry")
    assert findings[:-1] == [
        f"{path}:{_line_of(path, 'radio example.org')}: error: source 'radio-2031-05-04': url "
        "'https://radio example.org/interview' is no http(s) address with a host",
        f"{path}:{duplicate_line}: error: 'faq-wer-ist-greta': question 'Was ist im Hafen los?' is also a "
        f"variant of 'faq-worum-geht-es' ({path}:{_line_of(path, 'Was ist im Hafen los?')}); members asking "
        "it get suggestions instead of an answer",
        f"{path}:{_line_of(path, 'id: radio-2031-05-04')}: warning: source 'radio-2031-05-04' is cited by "
        "no snippet",
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
    assert "2 error(s); knowledge refused by the checks." in failed.stderr
    assert failed.stdout == ""
    text = path.read_text(encoding="utf-8")
    text = text.replace('      - "Was ist im Hafen los?"\n      - "Was war', '      - "Was war')
    path.write_text(text.replace("https://radio example.org", "https://radio.example.org"), encoding="utf-8")
    passed = _validate(example_dir)
    assert passed.returncode == 0, passed.stderr
    assert passed.stdout.startswith("OK:") and passed.stdout.rstrip().endswith("; 2 warning(s)")
    assert ": warning: source 'radio-2031-05-04' is cited by no snippet" in passed.stderr
