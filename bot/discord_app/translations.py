"""English names and descriptions for the German slash commands (en-US and en-GB).

Commands are written in German; discord.py hands every name and description to this translator
when it builds the registration payload, and Discord shows members whose client is set to English
the English text. A name can mean two things ("frage" is the command /ask and its option
"question"), so names are looked up by where they stand.
"""

from __future__ import annotations

import discord
from discord import app_commands
from discord.app_commands import TranslationContextLocation as Where

ENGLISH_LOCALES = frozenset({discord.Locale.american_english, discord.Locale.british_english})

COMMAND_NAMES = {
    "frage": "ask",
    "timeline": "timeline",
    "person": "person",
    "quellen": "sources",
    "stand": "status",
    "labels": "labels",
    "wissen": "knowledge",
    "neu-laden": "reload",
    "status": "report",
    "lücken": "gaps",
    "feedback": "feedback",
}

OPTION_NAMES = {
    "frage": "question",
    "von": "from",
    "bis": "to",
    "person": "person",
    "label": "label",
    "name": "name",
    "thema": "topic",
    "anzahl": "count",
}

DESCRIPTIONS = dict(
    [
        (
            "Beantwortet eine Frage zur Geschichte – mit Labels, Quellen und Stand",
            "Answers a question about the story – with labels, sources and as-of date",
        ),
        (
            "Deine Frage, z. B. „Wer ist …?“ oder „Was geschah am …?“",
            "Your question, e.g. “Who is …?” or “What happened on …?”",
        ),
        (
            "Die Ereignisse in zeitlicher Reihenfolge",
            "The events in time order",
        ),
        (
            "Ab diesem Tag (TT.MM.JJJJ oder JJJJ-MM-TT)",
            "From this day (DD.MM.YYYY or YYYY-MM-DD)",
        ),
        (
            "Bis zu diesem Tag (TT.MM.JJJJ oder JJJJ-MM-TT)",
            "Up to this day (DD.MM.YYYY or YYYY-MM-DD)",
        ),
        (
            "Nur Ereignisse mit dieser Person",
            "Only events involving this person",
        ),
        (
            "Nur Ereignisse mit diesem Label",
            "Only events with this label",
        ),
        (
            "Wer ist wer: eine Person mit ihren Rollen",
            "Who is who: a person and their roles",
        ),
        (
            "Name der Person",
            "The person's name",
        ),
        (
            "Die Quellen hinter einer Antwort oder alle Quellen",
            "The sources behind an answer, or all sources",
        ),
        (
            "Thema oder Frage (leer: alle Quellen)",
            "Topic or question (empty: all sources)",
        ),
        (
            "Die Kurzfassung: was bestätigt ist, was Gerücht, was offen",
            "The short version: confirmed, rumored, open",
        ),
        (
            "Was die Labels bedeuten",
            "What the labels mean",
        ),
        (
            "Wissen verwalten (Moderation)",
            "Manage the knowledge (moderators)",
        ),
        (
            "Lädt den Wissensordner neu; bei Fehlern bleibt das alte Wissen aktiv",
            "Reloads the knowledge folder; on errors the old knowledge stays active",
        ),
        (
            "Zählt das Wissen und zeigt das letzte Neuladen",
            "Counts the knowledge and shows the last reload",
        ),
        # /wissen lücken and /wissen feedback (bot/discord_app/insights.py)
        (
            "Die meistgefragten Fragen ohne Antwort, gruppiert",
            "The most asked questions without an answer, grouped",
        ),
        ("Wie viele Lücken (1–25, Standard 10)", "How many gaps (1–25, default 10)"),
        ("Die Antworten mit den meisten „nicht hilfreich“", "The answers with the most “not helpful” votes"),
        ("Wie viele Antworten (1–25, Standard 10)", "How many answers (1–25, default 10)"),
    ]
)


class EnglishTranslator(app_commands.Translator):
    """German -> English for en-US and en-GB; every other locale sees the German original."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContext,
    ) -> str | None:
        if locale not in ENGLISH_LOCALES:
            return None
        return english(string.message, context.location)


def english(message: str, where: Where) -> str | None:
    if where in (Where.command_name, Where.group_name):
        return COMMAND_NAMES.get(message)
    if where is Where.parameter_name:
        return OPTION_NAMES.get(message)
    if where in (Where.command_description, Where.group_description, Where.parameter_description):
        return DESCRIPTIONS.get(message)
    return None
