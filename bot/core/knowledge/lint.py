"""Checks for what a moderator gets wrong most, beyond what makes a set invalid.

The loader refuses a set that cannot be answered from; these checks run on a set that loaded and
find what silently hurts answers. Errors (exit 1 in `python -m bot validate`) are mistakes that are
never intended: the same question variant in two entries (members get suggestions instead of an
answer) and a source url that is no usable http(s) address. Warnings are judgement calls that
may be deliberate: sources nobody cites, and primary sources without a url (a member cannot
click a "bestätigt" through to the statement it rests on). Every finding points at the file and
line to open; the messages are German, like everything a moderator reads.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from bot.core.knowledge.model import Knowledge
from bot.core.knowledge.yaml_source import LineDict, LineList, Problem, read_yaml
from bot.core.matching.language import content_words

Severity = Literal["error", "warning"]
SEVERITY_WORDS: dict[Severity, str] = {"error": "Fehler", "warning": "Warnung"}


@dataclass(frozen=True, slots=True)
class Finding:
    severity: Severity
    problem: Problem

    def __str__(self) -> str:
        p = self.problem
        return f"{p.file}:{p.line}: {SEVERITY_WORDS[self.severity]}: {p.message}"


class _Sites:
    """The YAML mapping each id was written in, re-read for the lines of keys and list items."""

    def __init__(self, knowledge: Knowledge):
        self._origins = knowledge.origins
        self._mappings: dict[str, LineDict] = {}
        files = {origin.rpartition(":")[0] for origin in knowledge.origins.values()}
        for file in sorted(files):
            data, _ = read_yaml(Path(file), file)
            if not isinstance(data, LineDict):
                continue
            for section in ("sources", "events", "faq"):
                items = data.get(section)
                for item in items if isinstance(items, LineList) else ():
                    if isinstance(item, LineDict) and isinstance(item.get("id"), str):
                        self._mappings.setdefault(item["id"], item)

    def at(self, entry_id: str, key: str | None = None, index: int | None = None) -> tuple[str, int]:
        """File and line of an entry, of one of its keys, or of one item of a list-valued key."""
        file, _, line = self._origins.get(entry_id, "?:0").rpartition(":")
        mapping = self._mappings.get(entry_id)
        if mapping is None or key is None:
            return file, int(line)
        value = mapping.get(key)
        if index is not None and isinstance(value, LineList):
            return file, value.line_of(index)
        return file, mapping.line_of(key)


def _variant_key(question: str) -> str:
    """Variants are the same when the engine's exact lookup cannot tell them apart."""
    return " ".join(content_words(question))


def _variants(knowledge: Knowledge) -> list[tuple[str, int, str]]:
    """(entry id, index, question) for every FAQ and event question variant."""
    entries = [*knowledge.faq.values(), *knowledge.events.values()]
    return [(e.id, i, q) for e in entries for i, q in enumerate(e.questions)]


def _owners(knowledge: Knowledge) -> dict[str, list[tuple[str, int, str]]]:
    """Variant key -> the first (entry id, index, question) of each entry that has it."""
    owners: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for entry_id, index, question in _variants(knowledge):
        key = _variant_key(question)
        if key and all(owner[0] != entry_id for owner in owners[key]):
            owners[key].append((entry_id, index, question))
    return owners


def duplicate_variants(knowledge: Knowledge, sites: _Sites) -> list[Finding]:
    findings = []
    for found in _owners(knowledge).values():
        first_id, first_index, _ = found[0]
        for entry_id, index, question in found[1:]:
            file, line = sites.at(first_id, "questions", first_index)
            message = (
                f"„{entry_id}“: die Frage „{question}“ steht auch bei „{first_id}“ ({file}:{line}); "
                "wer sie stellt, bekommt nur Vorschläge statt einer Antwort. Lösch sie bei einem der beiden"
            )
            findings.append(Finding("error", Problem(*sites.at(entry_id, "questions", index), message)))
    return findings


def bad_urls(knowledge: Knowledge, sites: _Sites) -> list[Finding]:
    findings = []
    for source in knowledge.sources.values():
        if source.url is None:
            continue
        parts = urlsplit(source.url)
        if parts.scheme in ("http", "https") and parts.hostname and not any(c.isspace() for c in source.url):
            continue
        message = f"Quelle „{source.id}“: die url „{source.url}“ ist keine http(s)-Adresse mit Host"
        findings.append(Finding("error", Problem(*sites.at(source.id, "url"), message)))
    return findings


def primary_without_url(knowledge: Knowledge, sites: _Sites) -> list[Finding]:
    """Primary sources members cannot open: the very statements a confirmed label rests on."""
    message = (
        "Primärquelle „{id}“ hat keine url: Mitglieder können die Aussage nicht nachprüfen. "
        "Trag die öffentliche Adresse ein (nie eine erfundene)"
    )
    return [
        Finding("warning", Problem(*sites.at(source.id), message.format(id=source.id)))
        for source in knowledge.sources.values()
        if source.primary and source.url is None
    ]


def url_summary(knowledge: Knowledge) -> str | None:
    """'80 von 120 Quellen haben keine url (52 davon primär)', or None when every source has one."""
    missing = [source for source in knowledge.sources.values() if source.url is None]
    if not missing:
        return None
    primary = sum(source.primary for source in missing)
    return (
        f"{len(missing)} von {len(knowledge.sources)} Quellen haben keine url ({primary} davon Primärquellen)"
    )


def uncited_sources(knowledge: Knowledge, sites: _Sites) -> list[Finding]:
    cited = {
        source_id
        for entry in (*knowledge.faq.values(), *knowledge.events.values(), *knowledge.people.values())
        for snippet in entry.snippets
        for source_id in snippet.sources
    }
    return [
        Finding(
            "warning", Problem(*sites.at(source_id), f"Quelle „{source_id}“ wird von keinem Snippet genannt")
        )
        for source_id in knowledge.sources
        if source_id not in cited
    ]


def lint_knowledge(knowledge: Knowledge) -> list[Finding]:
    """Every finding for a loaded set, errors first, then by file and line."""
    sites = _Sites(knowledge)
    findings = [
        *duplicate_variants(knowledge, sites),
        *bad_urls(knowledge, sites),
        *uncited_sources(knowledge, sites),
        *primary_without_url(knowledge, sites),
    ]
    order = {"error": 0, "warning": 1}
    return sorted(findings, key=lambda f: (order[f.severity], f.problem.file, f.problem.line))
