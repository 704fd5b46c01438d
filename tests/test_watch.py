"""Automatic reload with real file-system events on a temporary knowledge folder."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.core.store import KnowledgeStore, ReloadOutcome
from bot.watch import is_knowledge_file, watch_knowledge

NEW_FAQ = """
  - id: faq-neu
    title: "Wer baut den neuen Kran?"
    questions: ["Wer baut den neuen Kran?"]
    snippets:
      - text: "Das ist noch offen."
        label: Gerücht
        sources: [kurier-2031-05-03]
"""
#: Generous: only reached when no event arrives at all.
TIMEOUT = 20


def test_only_files_the_loader_reads_count(tmp_path: Path) -> None:
    assert is_knowledge_file(tmp_path, str(tmp_path / "faq.yaml"))
    assert is_knowledge_file(tmp_path, str(tmp_path / "sub" / "events.YML"))
    assert not is_knowledge_file(tmp_path, str(tmp_path / "_luecken.yaml"))
    assert not is_knowledge_file(tmp_path, str(tmp_path / "_drafts" / "faq.yaml"))
    assert not is_knowledge_file(tmp_path, str(tmp_path / ".faq.yaml.swp"))
    assert not is_knowledge_file(tmp_path, str(tmp_path / "notes.md"))


def test_saving_reloads_and_a_broken_save_keeps_the_running_knowledge(example_dir: Path) -> None:
    store = KnowledgeStore(example_dir)
    file = example_dir / "knowledge.yaml"
    original = file.read_text(encoding="utf-8")

    async def scenario() -> list[ReloadOutcome]:
        outcomes: asyncio.Queue[ReloadOutcome] = asyncio.Queue()
        stop = asyncio.Event()

        async def on_reload(outcome: ReloadOutcome) -> None:
            await outcomes.put(outcome)

        watcher = asyncio.create_task(
            watch_knowledge(store, on_reload, stop_event=stop, quiet_ms=100, max_wait_ms=2000)
        )
        await asyncio.sleep(0.5)  # let the watcher start before the first save
        seen = []
        file.write_text(original + NEW_FAQ, encoding="utf-8")
        seen.append(await asyncio.wait_for(outcomes.get(), TIMEOUT))
        file.write_text(original.replace("label: Gerücht", "label: vielleicht") + NEW_FAQ, encoding="utf-8")
        seen.append(await asyncio.wait_for(outcomes.get(), TIMEOUT))
        stop.set()
        await asyncio.wait_for(watcher, TIMEOUT)
        return seen

    added, broken = asyncio.run(scenario())
    assert added.ok and added.diff is not None and added.diff.added == ("faq-neu",)
    assert not broken.ok
    assert any("unbekanntes Label „vielleicht“" in problem.message for problem in broken.errors)
    assert "faq-neu" in store.engine.knowledge.faq
    assert store.engine.knowledge.events["ev-geruecht-nachfolge"].snippets[0].label == "Gerücht"
