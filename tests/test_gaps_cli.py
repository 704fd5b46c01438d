"""`python -m bot gaps`: grouped gaps from a real SQLite file, and skeletons that become valid knowledge."""

from __future__ import annotations

import io
import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.cli_parser import Exit
from bot.core.knowledge.loader import KnowledgeError, load_knowledge
from bot.core.matching.engine import AnswerEngine
from bot.storage.insights import InsightStore
from tests.conftest import INVENTED_STORY

T0 = datetime.now(UTC) - timedelta(days=1)


@pytest.fixture
def knowledge_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    shutil.copytree(INVENTED_STORY, folder)
    return folder


@pytest.fixture
def storage(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "bot.sqlite3"
    store = InsightStore(path)
    asked = {
        "wer ist zora": 3,
        "Wer ist Zora Lindner?": 2,
        "wann ist das dorffest": 2,
        "bleibt die brücke stehen": 9,  # answered by now: the knowledge grew since it was stored
    }
    for question, count in asked.items():
        for _ in range(count):
            store.record_unanswered(question, "no_match", 7, at=T0)
    store.close()
    return path


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_gaps_lists_open_groups_most_asked_first(knowledge_dir: Path, storage: Path) -> None:
    code, text = _run("--knowledge", str(knowledge_dir), "gaps", "--storage", str(storage))
    assert code == 0
    day = T0.date().isoformat()
    assert text.splitlines() == [
        "Offene Lücken, meistgefragt zuerst:",
        f" 1. 5× wer ist zora  (zuletzt {day})",
        "      auch: wer ist zora lindner (2×)",
        f" 2. 2× wann ist das dorffest  (zuletzt {day})",
    ]


def test_gaps_without_a_database_says_so(knowledge_dir: Path, tmp_path: Path, capsys) -> None:
    missing = tmp_path / "none.sqlite3"
    assert _run("--knowledge", str(knowledge_dir), "gaps", "--storage", str(missing))[0] == 0
    said = capsys.readouterr().err
    assert "Noch keine Fragen gespeichert" in said and "nur Fragen aus Discord" in said
    export = ("gaps", "--storage", str(missing), "--export", str(tmp_path / "x.yaml"))
    assert _run("--knowledge", str(knowledge_dir), *export)[0] == Exit.NOTHING
    assert not missing.exists()


def _fill_in(skeleton: str) -> str:
    """What a moderator does: write the snippet into the commented template and uncomment it."""
    return (
        skeleton.replace(
            '# - text: "Ein bis drei Sätze in eigenen Worten."', '- text: "Dazu ist nichts bekannt."'
        )
        .replace(re.search(r"#   label: \S+", skeleton)[0], "  label: offen")
        .replace("#   sources: [quellen-id]", "  sources: [dorfblatt-2030-03-05]")
    )


def test_exported_skeletons_are_refused_until_filled_in_then_answer(
    knowledge_dir: Path, storage: Path
) -> None:
    target = knowledge_dir / "luecken.yaml"
    code, text = _run(
        "--knowledge", str(knowledge_dir), "gaps", "--storage", str(storage), "--export", str(target)
    )
    assert code == 0 and "2 FAQ-Skelett(e)" in text
    skeleton = target.read_text(encoding="utf-8")
    assert '      - "wer ist zora"\n      - "wer ist zora lindner"\n' in skeleton
    assert "  - id: faq-zora\n" in skeleton and "  - id: faq-wann-dorffest\n" in skeleton
    assert "bleibt" not in skeleton

    with pytest.raises(KnowledgeError) as refused:
        load_knowledge(knowledge_dir)
    messages = {(Path(p.file).name, p.message) for p in refused.value.errors}
    assert {(name, message) for name, message in messages if "snippets" in message} == {
        ("luecken.yaml", "faq „faq-zora“: „snippets“ hat keinen Wert"),
        ("luecken.yaml", "faq „faq-wann-dorffest“: „snippets“ hat keinen Wert"),
    }
    assert {name for name, _ in messages} == {"luecken.yaml"}

    target.write_text(_fill_in(skeleton), encoding="utf-8")
    engine = AnswerEngine(load_knowledge(knowledge_dir))
    assert engine.knowledge.faq["faq-zora"].questions == ("wer ist zora", "wer ist zora lindner")
    result = engine.ask("Wer ist Zora?")
    assert result.answer is not None and result.answer.id == "faq-zora"
    assert _run("validate", str(knowledge_dir))[0] == 0


def test_an_empty_database_says_that_only_discord_questions_are_stored(
    knowledge_dir: Path, tmp_path: Path, capsys
) -> None:
    empty = tmp_path / "leer.sqlite3"
    InsightStore(empty).close()
    code, text = _run("--knowledge", str(knowledge_dir), "gaps", "--storage", str(empty))
    assert code == 0 and text == ""
    said = capsys.readouterr().err
    assert said.startswith("Noch keine Fragen gespeichert.")
    assert "Fragen in der Konsole (chat, ask) werden nie gespeichert" in said
    export = ("gaps", "--storage", str(empty), "--export", str(tmp_path / "x.yaml"))
    assert _run("--knowledge", str(knowledge_dir), *export)[0] == Exit.NOTHING
    assert not (tmp_path / "x.yaml").exists()
