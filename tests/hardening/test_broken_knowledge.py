"""A moderator saves a broken file: the reload is refused with file:line, the bot answers as before.

Every case starts from a running store on the valid base set, puts the fault into its folder,
reloads, and checks three things: the reload is refused, the error names the file and the line of
the fault, and the same questions get identical answers from the same engine.

The fault corpus lives in tests/fixtures/broken/<fault>/ (files copied into the set, plus
`_expected.txt` with `file:line: part of the message`). Faults that cannot live in git (50 MB,
bytes that are not UTF-8, symlinks, files changing during the reload) are made in tmp_path.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.core.knowledge import loader, yaml_source
from bot.core.knowledge.loader import load_knowledge
from bot.core.knowledge.yaml_source import MAX_FILE_BYTES, Problem
from bot.core.store import KnowledgeStore
from tests.hardening.knowledge_sets import BASE, BROKEN, answers, copy_base

FAULTS = sorted(path.name for path in BROKEN.iterdir() if path.is_dir())


@pytest.fixture
def store(tmp_path: Path) -> KnowledgeStore:
    return KnowledgeStore(copy_base(tmp_path / "knowledge"))


def expected_errors(fault: str) -> list[tuple[str, int, str]]:
    """(file name, line, part of the message) for each line of the fault's _expected.txt."""
    expected = []
    for line in (BROKEN / fault / "_expected.txt").read_text(encoding="utf-8").splitlines():
        name, number, part = line.split(":", 2)
        expected.append((name, int(number), part.strip()))
    return expected


def assert_refused_unchanged(store: KnowledgeStore, expected: list[tuple[str, int, str]]) -> list[Problem]:
    """Reload; it must be refused with each expected file:line error, and answers must not change."""
    engine, before = store.engine, answers(store)
    outcome = store.reload()
    shown = "\n".join(str(error) for error in outcome.errors)
    assert not outcome.ok, "the broken set was accepted"
    for name, line, part in expected:
        assert any(
            Path(error.file).name == name and error.line == line and part in str(error)
            for error in outcome.errors
        ), f"expected {name}:{line}: …{part}… among:\n{shown}"
        where = f"{name}:{line}: " if line > 0 else f"{name}: "  # a folder has no line to point at
        assert any(where in str(error) for error in outcome.errors), shown
    assert store.engine is engine
    assert answers(store) == before
    return list(outcome.errors)


@pytest.mark.parametrize("fault", FAULTS)
def test_each_fault_in_the_corpus_is_refused_and_the_old_set_keeps_answering(
    store: KnowledgeStore, fault: str
) -> None:
    for path in (BROKEN / fault).iterdir():
        if not path.name.startswith("_"):
            shutil.copyfile(path, store.folder / path.name)
    assert_refused_unchanged(store, expected_errors(fault))


def test_the_corpus_covers_every_fault_the_issue_names() -> None:
    named = {
        "yaml-syntax", "tabs", "unknown-label", "dangling-source", "dangling-person",
        "duplicate-id-across-files", "superseded-cycle", "snippet-without-sources",
        "confirmed-without-primary", "empty-file", "alias-bomb", "half-written",
    }  # fmt: skip
    assert named <= set(FAULTS)


#: What YAML changes silently (issue 13): each has a real broken file in the corpus.
TRAPS = {
    "trap-comment-cuts-text", "trap-comment-cuts-question", "trap-yes-no", "trap-on-off",
    "trap-number", "trap-date", "trap-null", "trap-joined-item", "trap-colon-in-list-item",
    "duplicate-key", "tabs", "tab-after-dash",
}  # fmt: skip
#: Syntax errors whose message says in plain words what usually causes them.
PLAIN_SYNTAX = {
    "yaml-colon-in-text",
    "yaml-open-quote",
    "yaml-text-after-quote",
    "yaml-indent",
    "yaml-at-sign",
}


def test_the_corpus_covers_every_trap_and_syntax_hint() -> None:
    assert TRAPS | PLAIN_SYNTAX | {"typo-source"} <= set(FAULTS)


def _bytes_not_utf8(folder: Path) -> tuple[str, int]:
    (folder / "zusatz.yaml").write_bytes(b'faq:\n  - id: faq-latin1\n    title: "Gr\xfc\xdfe"\n')
    return "zusatz.yaml", 3


def _fifty_megabytes(folder: Path) -> tuple[str, int]:
    chunk = b"# " + b"x" * 1021 + b"\n"
    with (folder / "riesig.yaml").open("wb") as handle:
        for _ in range(50 * 1024):
            handle.write(chunk)
    assert (folder / "riesig.yaml").stat().st_size > MAX_FILE_BYTES
    return "riesig.yaml", 1


def _symlink_outside(folder: Path) -> tuple[str, int]:
    outside = folder.parent / "outside.yaml"
    shutil.copyfile(BASE / "faq.yaml", outside)  # valid YAML: the place alone makes it wrong
    (folder / "faq.yaml").unlink()
    (folder / "faq.yaml").symlink_to(outside)
    return "faq.yaml", 1


def _symlink_loop(folder: Path) -> tuple[str, int]:
    (folder / "a.yaml").symlink_to(folder / "b.yaml")
    (folder / "b.yaml").symlink_to(folder / "a.yaml")
    return "a.yaml", 1


def _empty_folder(folder: Path) -> tuple[str, int]:
    for path in folder.iterdir():
        path.unlink()
    return folder.name, 0


def _folder_gone(folder: Path) -> tuple[str, int]:
    shutil.rmtree(folder)
    return folder.name, 0


MADE_AT_TEST_TIME: dict[str, tuple[Callable[[Path], tuple[str, int]], str]] = {
    "bytes-not-utf8": (_bytes_not_utf8, "nicht in UTF-8 gespeichert"),
    "file-50-mb": (_fifty_megabytes, "größer als"),
    "symlink-outside": (_symlink_outside, "symbolischer Link zeigt aus dem Wissensordner hinaus"),
    "symlink-loop": (_symlink_loop, "symbolischer Link führt nirgendwohin"),
    "empty-folder": (_empty_folder, "keine Wissensdateien"),
    "folder-deleted": (_folder_gone, "den Wissensordner gibt es nicht"),
}


@pytest.mark.parametrize("fault", sorted(MADE_AT_TEST_TIME))
def test_faults_made_at_test_time_are_refused(store: KnowledgeStore, fault: str) -> None:
    make, part = MADE_AT_TEST_TIME[fault]
    name, line = make(store.folder)
    assert_refused_unchanged(store, [(name, line, part)])


def test_the_50_mb_file_is_refused_unread(store: KnowledgeStore, monkeypatch: pytest.MonkeyPatch) -> None:
    _fifty_megabytes(store.folder)
    read: list[Path] = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or original(self))
    store.reload()
    assert all(path.name != "riesig.yaml" for path in read)


# --- files that change while the reload reads them ---------------------------------------------


def _reading_hook(monkeypatch: pytest.MonkeyPatch, when: str, action: Callable[[], None]) -> None:
    """Run `action` right after the loader has read the file named `when`."""
    original = loader.read_yaml

    def read_then_act(path: Path, name: str):  # noqa: ANN202 - same signature as read_yaml
        result = original(path, name)
        if path.name == when:
            action()
        return result

    monkeypatch.setattr(loader, "read_yaml", read_then_act)


def test_a_file_deleted_before_it_is_read_refuses_the_reload(
    store: KnowledgeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Files are read in name order: events.yaml, faq.yaml, labels.yaml, people.yaml, ...
    _reading_hook(monkeypatch, "events.yaml", (store.folder / "people.yaml").unlink)
    errors = assert_refused_unchanged(store, [("people.yaml", 1, "")])
    assert any("kann nicht gelesen werden" in str(e) or "während des Lesens" in str(e) for e in errors)


def test_a_file_deleted_after_it_was_read_refuses_the_reload(
    store: KnowledgeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    _reading_hook(monkeypatch, "story.yaml", (store.folder / "events.yaml").unlink)
    assert_refused_unchanged(store, [("events.yaml", 1, "Datei wurde während des Lesens geändert")])


def test_a_file_written_while_the_set_is_read_refuses_the_reload(
    store: KnowledgeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An editor finishing its write after the loader read the first half: the set read may be
    # valid, but it is not what is on disk, so it is refused and the next reload reads it whole.
    faq = store.folder / "faq.yaml"
    whole = faq.read_text(encoding="utf-8")
    faq.write_text(whole[: whole.index("    keywords:")], encoding="utf-8")  # half-written, valid

    def finish_writing() -> None:
        time.sleep(0.002)  # so the modification time differs on coarse clocks too
        faq.write_text(whole, encoding="utf-8")

    _reading_hook(monkeypatch, "faq.yaml", finish_writing)
    assert_refused_unchanged(store, [("faq.yaml", 1, "Datei wurde während des Lesens geändert")])
    monkeypatch.undo()
    assert store.reload().ok, "once the write has settled, the next reload takes it"


# --- the other side: what must keep working -----------------------------------------------------


def test_legal_anchors_and_merge_keys_keep_working(store: KnowledgeStore) -> None:
    (store.folder / "zusatz.yaml").write_text(
        """
sources:
  - &zeitung
    id: kurier-2
    kind: Artikel
    author: Nordhavener Kurier
    title: "Nachfolge offen"
    published: 2031-05-04
    primary: false
  - <<: *zeitung
    id: kurier-3
    title: "Holm bleibt"
faq:
  - id: faq-nachfolge
    title: "Wer wird Nachfolger?"
    questions: &fragen ["Wer wird Nachfolger?", "Wer übernimmt den Hafen?"]
    snippets:
      - &gerucht {text: "Das ist offen.", label: Gerücht, sources: [kurier-2, kurier-3]}
  - id: faq-nachfolge-reeder
    title: "Übernimmt ein Reeder?"
    questions: ["Übernimmt ein Reeder?"]
    snippets: [*gerucht]
""",
        encoding="utf-8",
    )
    outcome = store.reload()
    assert outcome.ok, outcome.errors
    knowledge = store.engine.knowledge
    merged = knowledge.sources["kurier-3"]
    assert (merged.author, merged.title, merged.primary) == ("Nordhavener Kurier", "Holm bleibt", False)
    assert knowledge.faq["faq-nachfolge-reeder"].snippets == knowledge.faq["faq-nachfolge"].snippets
    assert store.engine.ask("Wer übernimmt den Hafen?").answer.id == "faq-nachfolge"


def test_a_symlink_inside_the_folder_is_followed(store: KnowledgeStore) -> None:
    (store.folder / "teil").mkdir()
    (store.folder / "faq.yaml").rename(store.folder / "teil" / "faq.yaml")
    (store.folder / "faq-link.yaml").symlink_to(Path("teil") / "faq.yaml")
    (store.folder / "teil" / "_ausgeblendet.yaml").write_text("nicht: gelesen\n", encoding="utf-8")
    # The FAQ is now there twice (file and link): the duplicate id proves the link was read.
    outcome = store.reload()
    assert not outcome.ok and any(
        "die Id „faq-worum-geht-es“ gibt es schon" in str(e) for e in outcome.errors
    )
    (store.folder / "teil" / "faq.yaml").rename(store.folder / "teil" / "_faq.yaml")
    (store.folder / "faq-link.yaml").unlink()
    (store.folder / "faq-link.yaml").symlink_to(Path("teil") / "_faq.yaml")
    assert store.reload().ok


def test_a_reload_after_the_fault_is_fixed_succeeds(store: KnowledgeStore) -> None:
    (store.folder / "zusatz.yaml").write_text("faq: [\n", encoding="utf-8")
    assert not store.reload().ok
    (store.folder / "zusatz.yaml").unlink()
    assert store.reload().ok and store.last_failure is not None


def test_no_fault_escapes_as_another_exception(tmp_path: Path) -> None:
    # load_knowledge on its own (what `validate` runs): each fault is a KnowledgeError, nothing else.
    for fault in FAULTS:
        folder = copy_base(tmp_path / fault)
        for path in (BROKEN / fault).iterdir():
            if not path.name.startswith("_"):
                shutil.copyfile(path, folder / path.name)
        with pytest.raises(loader.KnowledgeError):
            load_knowledge(folder)


def test_parsing_stops_at_the_node_limit(store: KnowledgeStore, monkeypatch: pytest.MonkeyPatch) -> None:
    # The real limit (200,000) takes seconds to reach; the mechanism is the same at 1,000.
    monkeypatch.setattr(yaml_source, "MAX_NODES", 1_000)
    (store.folder / "zusatz.yaml").write_text("faq:\n" + "  - x\n" * 2_000, encoding="utf-8")
    assert_refused_unchanged(store, [("zusatz.yaml", 999, "mehr als 1.000 Einträge in einer Datei")])
