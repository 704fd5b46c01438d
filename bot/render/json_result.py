"""Result -> the stable JSON contract of `ask --json` (other tools rely on it; change nothing lightly).

docs/json-contract.md describes every field and docs/ask-json.schema.json is its JSON Schema, which
the tests check every output against. Fields are only ever added, never renamed or removed:

{"query", "status", "score", "story": {"title", "stand", "timezone"}, "answer": null | {"id",
"kind", "title", "when", "snippets": [{"text", "label", "as_of", "superseded_by", "sources":
[{"id", "title", "author", "url", "published", "primary", "quote"}]}], "as_of", "superseded_by":
null | {"id", "title"}}, "suggestions": [{"id", "title", "score"}]}

Times are ISO 8601 as the knowledge states them: a date ("2023-11-17") or a date-time with its
offset ("2023-11-17T12:30:00-08:00"); `story.timezone` is the zone the bot shows them in.
"""

from __future__ import annotations

import json
from typing import Any

from bot.core.answers.answer import Answer, AnswerSnippet, EntryRef, Result
from bot.core.knowledge.model import Source, Story, When


def _ref(ref: EntryRef | None) -> dict[str, str] | None:
    return None if ref is None else {"id": ref.id, "title": ref.title}


def _iso(when: When | None) -> str | None:
    return None if when is None else when.isoformat()


def source_to_dict(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "title": source.title,
        "author": source.author,
        "url": source.url,
        "published": source.published.isoformat(),
        "primary": source.primary,
        "quote": source.quote,
    }


def snippet_to_dict(snippet: AnswerSnippet, answer: Answer) -> dict[str, Any]:
    """`as_of` only for a claim with a Stand of its own; otherwise the answer's `as_of` holds."""
    return {
        "text": snippet.text,
        "label": snippet.label.id,
        "sources": [source_to_dict(source) for source in snippet.sources],
        "as_of": _iso(snippet.as_of) if snippet.as_of != answer.as_of else None,
        "superseded_by": _ref(snippet.superseded_by),
    }


def answer_to_dict(answer: Answer) -> dict[str, Any]:
    return {
        "id": answer.id,
        "kind": answer.kind,
        "title": answer.title,
        "when": _iso(answer.when),
        "snippets": [snippet_to_dict(snippet, answer) for snippet in answer.snippets],
        "as_of": answer.as_of.isoformat(),
        "superseded_by": _ref(answer.superseded_by),
    }


def story_to_dict(story: Story) -> dict[str, str]:
    return {"title": story.title, "stand": story.stand.isoformat(), "timezone": story.timezone}


def result_to_dict(result: Result, story: Story) -> dict[str, Any]:
    return {
        "query": result.query,
        "status": result.status,
        "score": float(result.score),
        "story": story_to_dict(story),
        "answer": answer_to_dict(result.answer) if result.answer is not None else None,
        "suggestions": [{"id": s.id, "title": s.title, "score": float(s.score)} for s in result.suggestions],
    }


def result_to_json(result: Result, story: Story) -> str:
    """One line of JSON; non-ASCII kept readable, lone surrogates escaped rather than crashing."""
    return (
        json.dumps(result_to_dict(result, story), ensure_ascii=False)
        .encode("utf-8", "backslashreplace")
        .decode("utf-8")
    )
