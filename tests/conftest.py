"""Fixtures shared by all tests: the project's paths, real knowledge sets on disk, real engines.

Engines are built as the bot builds them: with the embedding model and a fitted ranker. Vectors
and fitted rankers are cached in CACHE_DIR (default: the project's gitignored data/cache), which
is also what the CLI subprocesses of the tests read, so the shipped knowledge is embedded once per
machine and fitted once per change, not once per test.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bot.config import read_engine_options
from bot.core.knowledge.loader import load_knowledge
from bot.core.matching.engine import AnswerEngine, EngineOptions

PROJECT_ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = PROJECT_ROOT / "knowledge"
INVENTED_STORY = PROJECT_ROOT / "tests" / "fixtures" / "invented_story"
#: Subprocesses started by tests inherit these, so they find the vectors the session computed.
os.environ.setdefault("CACHE_DIR", str(PROJECT_ROOT / "data" / "cache"))
os.environ.setdefault("EMBEDDING_THREADS", "2")
FORMAT_DOC = PROJECT_ROOT / "docs" / "knowledge-format.md"


def format_doc_example() -> str:
    """The complete example of docs/knowledge-format.md, as YAML text."""
    text = FORMAT_DOC.read_text(encoding="utf-8")
    found = re.search(r"## A complete example.*?```yaml\n(.*?)```", text, re.S)
    assert found, "docs/knowledge-format.md lost its complete example"
    return found.group(1)


@pytest.fixture
def example_dir(tmp_path: Path) -> Path:
    """A folder holding the documentation's example as one file."""
    folder = tmp_path / "example"
    folder.mkdir()
    (folder / "knowledge.yaml").write_text(format_doc_example(), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def engine_options() -> EngineOptions:
    """What the bot would build with here: the default model, CACHE_DIR, EMBEDDING_THREADS."""
    return read_engine_options(os.environ)


@pytest.fixture(scope="session", autouse=True)
def real_engine(engine_options: EngineOptions) -> AnswerEngine:
    """The shipped knowledge, as the bot answers from it.

    Built first in every session (autouse): its vectors and fitted ranker then sit in this
    process's memory and in CACHE_DIR, so every later engine over the same knowledge, in this
    process or a CLI subprocess, is built in well under a second.
    """
    return AnswerEngine.build(load_knowledge(KNOWLEDGE), engine_options)


@pytest.fixture(scope="session", autouse=True)
def invented_engine(engine_options: EngineOptions) -> AnswerEngine:
    """The invented second story; its ranker is fitted from its own files alone.

    Autouse for the same reason as `real_engine`: CLI and console tests start subprocesses on this
    story, which then find its fitted ranker in CACHE_DIR instead of fitting it each.
    """
    return AnswerEngine.build(load_knowledge(INVENTED_STORY), engine_options)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards.

    Skips when TEST_DATABASE_URL is not set (a developer's machine without a server); fails when
    it is set but the server cannot be reached, so CI (whose .ci/run starts one) never skips.
    """
    base = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not base:
        pytest.skip("TEST_DATABASE_URL is not set: no PostgreSQL server here (.ci/run starts one)")
    import psycopg

    try:
        admin = psycopg.connect(base, autocommit=True, connect_timeout=10)
    except psycopg.Error as error:
        pytest.fail(f"TEST_DATABASE_URL is set, but PostgreSQL is unreachable: {error}")
    name = f"test_{uuid.uuid4().hex[:16]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlsplit(base)._replace(path=f"/{name}").geturl()
    finally:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.close()
