"""1,000 questions in flight while valid and invalid reloads run: no mixed answer, no blocked loop.

Reloads and questions run in worker threads (`asyncio.to_thread`), as the bot runs them: the
embedding model takes tens of milliseconds per question, which the event loop must never wait
for. Each reload opens a wave of questions that are answered while it runs. Every answer is read
for the version of its Stand, its snippet and its source (see `knowledge_sets`): all three must
name one version, the one before or the one after that reload. That the loop is never blocked is
checked by where the work ran (never on the loop's thread), not by a clock.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from pathlib import Path

from bot.core.answers.answer import Result
from bot.core.store import KnowledgeStore, ReloadOutcome
from tests.hardening.knowledge_sets import Identity, copy_base, identify, write_version

N_QUESTIONS = 1_000
#: What the folder holds for each reload: a version, or "kaputt" (a broken file next to it).
RELOADS = ("B", "kaputt", "A", "kaputt", "B", "A", "kaputt", "B", "kaputt", "A") * 2
QUESTIONS = ("Worum geht es im Hafenstreit?", "what is the harbour dispute about", "Hafenstreit")


async def run_with_reloads(store: KnowledgeStore, folder: Path) -> tuple[list, list, list[str]]:
    """Ask N_QUESTIONS in waves, one wave per reload.

    Returns the answers as (reloads finished when asked, version it names or None if mixed,
    identity), the reload outcomes, and the version in force after each finished reload.
    """
    waves = [asyncio.Event() for _ in RELOADS]
    in_force = ["A"]  # in_force[n]: the version answering after n finished reloads
    answered: list[tuple[int, str | None, Identity]] = []
    threads: set[int] = set()

    async def ask(number: int) -> None:
        await waves[number % len(RELOADS)].wait()
        await asyncio.sleep((number // len(RELOADS) % 10) * 0.003)  # spread the wave over the reload
        finished = len(in_force) - 1
        result, thread = await asyncio.to_thread(ask_in_thread, store, QUESTIONS[number % len(QUESTIONS)])
        identity = identify(result)
        answered.append((finished, identity.single, identity))
        threads.add(thread)

    tasks = []
    for number in range(N_QUESTIONS):
        tasks.append(asyncio.create_task(ask(number)))
        if number % 10 == 0:
            await asyncio.sleep(0)  # creating tasks in debug mode records stacks: keep steps short
    outcomes = []
    for wave, step in enumerate(RELOADS):
        broken = folder / "zusatz.yaml"
        if step == "kaputt":
            broken.write_text("faq: [\n  - id: halb\n", encoding="utf-8")
        else:
            broken.unlink(missing_ok=True)
            write_version(folder, step)
        reload = asyncio.ensure_future(asyncio.to_thread(reload_in_thread, store, threads))
        waves[wave].set()
        outcomes.append((step, await reload))
        in_force.append(in_force[-1] if step == "kaputt" else step)
        assert identify(store.engine.ask(QUESTIONS[0])).single == in_force[-1], "no reload lost"
    await asyncio.gather(*tasks)
    assert threading.get_ident() not in threads, "an answer or a reload ran on the event loop"
    return answered, outcomes, in_force


def ask_in_thread(store: KnowledgeStore, question: str) -> tuple[Result, int]:
    return store.engine.ask(question), threading.get_ident()


def reload_in_thread(store: KnowledgeStore, threads: set[int]) -> ReloadOutcome:
    threads.add(threading.get_ident())
    return store.reload()


def test_answers_under_reload_come_wholly_from_one_set_and_the_loop_is_never_blocked(tmp_path: Path) -> None:
    folder = copy_base(tmp_path / "knowledge")
    store = KnowledgeStore(folder)
    answered, outcomes, in_force = asyncio.run(run_with_reloads(store, folder))

    assert len(answered) == N_QUESTIONS, "every question got its answer"
    mixed = [identity for _finished, single, identity in answered if single is None]
    assert not mixed, f"answers mixing two loads: {mixed[:3]}"
    # Asked after n finished reloads, an answer comes from the set in force (old) or from the one
    # reload n+1 is putting in place (new), never from any other.
    stray = [(n, single) for n, single, _ in answered if single not in in_force[n : n + 2]]
    assert not stray, f"answers from neither the old nor the new set: {stray[:3]}"
    changed_under = [n for n, single, _ in answered if single != in_force[n]]
    assert changed_under, "no answer was asked while a reload swapped the set: the test proves nothing"
    assert Counter(single for _n, single, _i in answered).keys() == {"A", "B"}
    assert [outcome.ok for _step, outcome in outcomes] == [step != "kaputt" for step in RELOADS]
    assert all("zusatz.yaml" in str(o.errors[0]) for step, o in outcomes if step == "kaputt")
