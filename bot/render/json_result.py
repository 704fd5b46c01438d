"""Result -> the stable JSON contract of `ask --json` (other tools rely on it; change nothing lightly).

{"query", "status", "score", "answer": null | {"id", "kind", "title", "snippets": [{"text",
"label", "sources": [{"id", "title", "url", "published"}]}], "as_of", "superseded_by": null |
{"id", "title"}}, "suggestions": [{"id", "title", "score"}]}
"""

from __future__ import annotations

import json
from typing import Any

from bot.core.answers.answer import Answer, EntryRef, Result


def _ref(ref: EntryRef | None) -> dict[str, str] | None:
    return None if ref is None else {"id": ref.id, "title": ref.title}


def answer_to_dict(answer: Answer) -> dict[str, Any]:
    return {
        "id": answer.id,
        "kind": answer.kind,
        "title": answer.title,
        "snippets": [
            {
                "text": snippet.text,
                "label": snippet.label.id,
                "sources": [
                    {
                        "id": source.id,
                        "title": source.title,
                        "url": source.url,
                        "published": source.published.isoformat(),
                    }
                    for source in snippet.sources
                ],
            }
            for snippet in answer.snippets
        ],
        "as_of": answer.as_of.isoformat(),
        "superseded_by": _ref(answer.superseded_by),
    }


def result_to_dict(result: Result) -> dict[str, Any]:
    return {
        "query": result.query,
        "status": result.status,
        "score": float(result.score),
        "answer": answer_to_dict(result.answer) if result.answer is not None else None,
        "suggestions": [{"id": s.id, "title": s.title, "score": float(s.score)} for s in result.suggestions],
    }


def result_to_json(result: Result) -> str:
    """One line of JSON; non-ASCII kept readable, lone surrogates escaped rather than crashing."""
    return (
        json.dumps(result_to_dict(result), ensure_ascii=False)
        .encode("utf-8", "backslashreplace")
        .decode("utf-8")
    )
