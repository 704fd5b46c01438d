"""Validating what the bot sends against Discord's OpenAPI spec, plus the limits the spec can't express.

The schema for a request is looked up from the spec's own paths (method + URL), so a captured call
is checked against exactly what Discord documents for it. Known gaps of the spec (see
../shared/discord-api-spec/SOURCE.md) are handled here and nowhere else:

- discord.py sends some snowflakes as JSON integers: SnowflakeType also accepts a non-negative int;
- command and option names have no pattern in the spec: checked here;
- channel messages may have 4,000 characters of content in the spec, 2,000 in reality: checked here;
- the 6,000-character total of an embed is not expressible: checked here;
- unknown keys (a command's `nsfw`, an embed's `flags`) are reported as warnings, not errors.
"""

from __future__ import annotations

import copy
import json
import os
import re
import unicodedata
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SPEC_ENV = "DISCORD_API_SPEC"
DEFAULT_SPEC = PROJECT_ROOT.parent / "shared" / "discord-api-spec" / "openapi.json"
SPEC_URI = "urn:discord-openapi"

CONTENT_LIMIT = 2000
EMBED_TOTAL_LIMIT = 6000
BUTTONS_PER_ROW = 5
NAME_PUNCTUATION = "-_'"
ENGLISH = ("en-US", "en-GB")


def spec_path() -> Path:
    """The spec file; skip when absent and not configured, fail when configured but missing."""
    configured = os.environ.get(SPEC_ENV, "").strip()
    if configured:
        path = Path(configured)
        if not path.is_file():
            pytest.fail(f"{SPEC_ENV} is set to {configured!r}, but that file does not exist")
        return path
    if not DEFAULT_SPEC.is_file():
        pytest.skip(f"Discord API spec not found at {DEFAULT_SPEC}; set {SPEC_ENV} to validate payloads")
    return DEFAULT_SPEC


def _absolute_refs(node: Any) -> Any:
    """Point '#/...' refs into the registered spec, so an inline path schema resolves."""
    if isinstance(node, dict):
        return {
            k: (
                SPEC_URI + v
                if k == "$ref" and isinstance(v, str) and v.startswith("#")
                else _absolute_refs(v)
            )
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_absolute_refs(v) for v in node]
    return node


class DiscordSpec:
    """Request-body schemas by method and URL path, validated with JSON Schema 2020-12."""

    def __init__(self, spec: dict[str, Any]):
        spec = copy.deepcopy(spec)
        schemas = spec["components"]["schemas"]
        schemas["SnowflakeType"] = {"anyOf": [schemas["SnowflakeType"], {"type": "integer", "minimum": 0}]}
        self.registry = Registry().with_resource(SPEC_URI, Resource.from_contents(spec, DRAFT202012))
        self.resolver = self.registry.resolver(base_uri=SPEC_URI)
        self.routes: list[tuple[str, re.Pattern[str], int, dict[str, Any]]] = []
        for template, methods in spec["paths"].items():
            pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$")
            for method, operation in methods.items():
                body = operation.get("requestBody", {}) if isinstance(operation, dict) else {}
                schema = body.get("content", {}).get("application/json", {}).get("schema")
                if schema is not None:
                    self.routes.append((method.upper(), pattern, template.count("{"), _absolute_refs(schema)))
        self.routes.sort(key=lambda route: route[2])  # literal segments (@original) win

    def schema_for(self, method: str, path: str) -> dict[str, Any]:
        for route_method, pattern, _params, schema in self.routes:
            if route_method == method and pattern.match(path):
                return schema
        raise AssertionError(f"{method} {path}: no request schema in the spec")

    def errors(self, method: str, path: str, payload: Any) -> list[str]:
        schema = self.schema_for(method, path)
        validator = Draft202012Validator(schema, registry=self.registry)
        found = [
            f"{method} {path} at {e.json_path}: {e.message[:300]}" for e in validator.iter_errors(payload)
        ]
        if not found:
            self._warn_unknown_keys(schema, method, path, payload)
        return found

    def _warn_unknown_keys(self, schema: dict[str, Any], method: str, path: str, payload: Any) -> None:
        unknown: list[str] = []
        self._unknown(schema, payload, "$", unknown)
        if unknown:
            warnings.warn(
                f"{method} {path}: keys the spec does not list: {sorted(set(unknown))[:8]}", stacklevel=3
            )

    def _branches(self, schema: Any, instance: Any) -> list[dict[str, Any]]:
        """The schema and every subschema that applies to `instance` (refs, allOf, matching anyOf/oneOf)."""
        if not isinstance(schema, dict):
            return []
        found = [schema]
        if "$ref" in schema:
            target = self.resolver.lookup(schema["$ref"]).contents
            found += self._branches(target, instance)
        for sub in schema.get("allOf", []):
            found += self._branches(sub, instance)
        for sub in (*schema.get("anyOf", []), *schema.get("oneOf", [])):
            if Draft202012Validator(_absolute_refs(sub), registry=self.registry).is_valid(instance):
                found += self._branches(sub, instance)
        return found

    def _unknown(self, schema: Any, instance: Any, where: str, out: list[str]) -> None:
        """Keys of `instance` that no applying subschema lists (schema and payload walked together)."""
        branches = self._branches(schema, instance)
        if isinstance(instance, dict):
            is_open = any(
                b.get("additionalProperties") not in (None, False) or "patternProperties" in b
                for b in branches
            )
            for key, value in instance.items():
                subs = [b["properties"][key] for b in branches if key in b.get("properties", {})]
                if not subs and not is_open:
                    out.append(f"{where}.{key}")
                for sub in subs:
                    self._unknown(sub, value, f"{where}.{key}", out)
        elif isinstance(instance, list):
            for branch in branches:
                if isinstance(branch.get("items"), dict):
                    for index, item in enumerate(instance):
                        self._unknown(branch["items"], item, f"{where}[{index}]", out)


@lru_cache(maxsize=1)
def load_spec(path: str) -> DiscordSpec:
    return DiscordSpec(json.loads(Path(path).read_text(encoding="utf-8")))


def valid_name(name: str) -> bool:
    """Discord's ^[-_'\\p{L}\\p{N}...]{1,32}$, lowercase (the spec has no pattern)."""
    ok_chars = all(ch in NAME_PUNCTUATION or unicodedata.category(ch)[0] in "LN" for ch in name)
    return 1 <= len(name) <= 32 and ok_chars and name == name.lower()


def command_problems(command: dict[str, Any], where: str = "") -> list[str]:
    """Names, descriptions, counts and English localisations of a command and its options."""
    where = f"{where}/{command['name']}"
    problems = []
    names = [command["name"], *(command.get("name_localizations") or {}).values()]
    problems += [f"{where}: bad name {n!r}" for n in names if not valid_name(n)]
    descriptions = [
        command.get("description") or "",
        *(command.get("description_localizations") or {}).values(),
    ]
    problems += [f"{where}: description length {len(d)}" for d in descriptions if not 1 <= len(d) <= 100]
    for key in ("name_localizations", "description_localizations"):
        missing = [loc for loc in ENGLISH if loc not in (command.get(key) or {})]
        problems += [f"{where}: {key} lacks {missing}"] if missing else []
    options = command.get("options") or []
    problems += [f"{where}: {len(options)} options"] if len(options) > 25 else []
    choices = command.get("choices") or []
    problems += [f"{where}: {len(choices)} choices"] if len(choices) > 25 else []
    for choice in choices:
        problems += (
            [f"{where}: choice name {choice['name']!r}"] if not 1 <= len(choice["name"]) <= 100 else []
        )
    for option in options:
        problems += command_problems(option, where)
    return problems


def embed_length(embed: dict[str, Any]) -> int:
    fields = embed.get("fields") or []
    return (
        len(embed.get("title") or "")
        + len(embed.get("description") or "")
        + sum(len(f.get("name") or "") + len(f.get("value") or "") for f in fields)
        + len((embed.get("footer") or {}).get("text") or "")
        + len((embed.get("author") or {}).get("name") or "")
    )


def message_problems(message: dict[str, Any]) -> list[str]:
    """Limits beyond the spec, and the promise that nobody is ever pinged."""
    problems = []
    if len(message.get("content") or "") > CONTENT_LIMIT:
        problems.append(f"content has {len(message['content'])} characters")
    embeds = message.get("embeds") or []
    total = sum(embed_length(embed) for embed in embeds)
    if total > EMBED_TOTAL_LIMIT:
        problems.append(f"embeds total {total} characters")
    for row in message.get("components") or []:
        if len(row.get("components") or []) > BUTTONS_PER_ROW:
            problems.append(f"a row has {len(row['components'])} components")
    if (message.get("content") or embeds) and (message.get("allowed_mentions") or {}).get("parse") != []:
        problems.append(f"allowed_mentions is {message.get('allowed_mentions')!r}, not parse []")
    return problems
