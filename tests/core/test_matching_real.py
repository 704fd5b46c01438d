"""Member-style questions against the REAL knowledge in knowledge/: a regression test of matching.

Each question is written the way members type (lowercase, typos, no umlauts, English and German)
and names the entries that clearly own it; where an FAQ entry and the event it explains both answer
it, either is right. This is not the evaluation (`make eval` has the larger, split question set):
it guards the everyday cases against a change in the engine or the knowledge. If the knowledge is
rewritten and an id disappears, the test says so rather than passing silently.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.knowledge.loader import load_knowledge
from bot.core.matching.engine import AnswerEngine

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"

ANSWERED = [
    ("Wer ist Mira Murati?", {"mira-murati"}),
    ("wer ist murati", {"mira-murati"}),
    ("Who is Satya Nadella?", {"satya-nadella"}),
    ("wer ist ilja sutskever", {"ilya-sutskever"}),
    ("wer ist greg brokman", {"greg-brockman"}),
    ("who is helen tonner", {"helen-toner"}),
    ("wer ist tasha mccawley", {"tasha-mccauley"}),
    ("wer ist adam d angelo", {"adam-dangelo"}),
    ("wer ist emmet shear", {"emmett-shear"}),
    ("wer ist bret tailor", {"bret-taylor"}),
    ("wer ist larry sommers", {"larry-summers"}),
    ("wer ist elon mask", {"elon-musk"}),
    ("wer ist jakub pachoki", {"jakub-pachocki"}),
    ("wer ist dario amodai", {"dario-amodei"}),
    ("wer ist dee templton", {"dee-templeton"}),
    ("who is sam altmann", {"sam-altman"}),
    ("sutskewer", {"ilya-sutskever"}),
    ("nadela", {"satya-nadella"}),
    ("brad lightkap", {"brad-lightcap"}),
    # A role held by one person names that person; one held by several ("ceo") names no one.
    ("wer ist ceo von microsoft", {"satya-nadella"}),
    ("who is the cto of microsoft", {"kevin-scott"}),
    ("kevin scott von microsoft", {"kevin-scott"}),
    ("lightcap coo", {"brad-lightcap"}),
    # Words only an answer text has ("Y Combinator"), and a month beside a name.
    ("hat altman vor openai y combinator geleitet", {"sam-altman"}),
    (
        "was ist mit madry im juli 2024 passiert",
        {"ev-2024-07-23-madry-versetzt", "aleksander-madry", "faq-spaetere-abgaenge"},
    ),
    ("was passierte im november 2023", {"faq-was-ist-passiert"}),
    # Everyday English ("whats", "they") is no topic the knowledge lacks.
    ("whats the reason they fired sam", {"faq-warum-gefeuert"}),
    ("paul nakasoni", {"paul-nakasone"}),
    ("warum wurde altman gefeuert", {"faq-warum-gefeuert"}),
    ("warum musste sam altman gehen", {"faq-warum-gefeuert"}),
    ("why did the board fire sam altman", {"faq-warum-gefeuert"}),
    ("was bedeutet not consistently candid", {"faq-not-consistently-candid"}),
    ("wer sass im alten board", {"faq-altes-board"}),
    ("wer sitzt im neuen board", {"faq-neues-board"}),
    (
        "wie hat microsoft auf den rauswurf reagiert",
        {"faq-microsoft-reaktion", "ev-2023-11-17-microsoft-reaktion"},
    ),
    ("wieviel geld hat microsoft investiert", {"faq-microsoft-investition"}),
    ("gehört openai jetzt microsoft", {"faq-gehoert-openai-microsoft"}),
    ("gehoert openai microsoft", {"faq-gehoert-openai-microsoft"}),
    ("was ist capped profit", {"faq-capped-profit"}),
    ("wer hat openai gegruendet", {"faq-gruendung"}),
    ("was ist tigris", {"faq-tigris"}),
    ("wie viel ist openai wert", {"faq-bewertung"}),
    ("was stand im mitarbeiterbrief", {"faq-mitarbeiterbrief", "ev-2023-11-20-mitarbeiterbrief"}),
    ("wie viele mitarbeiter haben unterschrieben", {"faq-unterschriften", "ev-2023-11-20-mitarbeiterbrief"}),
    (
        "was kam bei der wilmerhale untersuchung raus",
        {"faq-untersuchung-ergebnis", "ev-2024-03-08-untersuchung-ergebnis"},
    ),
    ("sitzt altman wieder im board", {"faq-altman-wieder-im-board", "ev-2024-03-08-altman-wieder-im-board"}),
    ("was hat die washington post berichtet", {"faq-wapo-vorwuerfe", "ev-2023-12-08-wapo-bericht"}),
    ("was ist bei openai passiert", {"faq-was-ist-passiert"}),
    ("ging es um ki sicherheit", {"faq-ki-sicherheit"}),
    ("hat openai agi entdeckt", {"faq-agi-qstar"}),
    ("was ist qstar", {"faq-agi-qstar"}),
    ("was hat altman beim apec gipfel gesagt", {"faq-apec", "ev-2023-11-16-apec"}),
    ("was war der devday", {"faq-devday", "ev-2023-11-06-devday"}),
    ("wie ging die krise aus", {"faq-wie-ging-es-aus"}),
    ("wer ist jetzt ceo von openai", {"faq-wer-ist-ceo-jetzt"}),
    ("wie viele ceos hatte openai", {"faq-ceo-wechsel"}),
    ("was ist mit greg brockman passiert", {"faq-brockman"}),
    ("welche rolle spielte mira murati", {"faq-murati"}),
    ("was hat emmett shear vor openai gemacht", {"faq-shear-werdegang"}),
    ("warum wurde ausgerechnet shear ceo", {"faq-warum-shear"}),
    ("fuer wie viel wurde twitch verkauft", {"faq-twitch-verkauf"}),
    ("welche rolle spielte ilya sutskever", {"faq-sutskever-rolle"}),
    ("warum bereut sutskever seine beteiligung", {"faq-sutskever-reue", "ev-2023-11-20-sutskever-reue"}),
    ("was macht sutskever heute", {"faq-sutskever-heute"}),
    ("hatte elon musk etwas damit zu tun", {"faq-musk"}),
    ("was hat helen toner spaeter gesagt", {"faq-toner-aussagen"}),
    ("was war mit toners papier", {"faq-toner-paper", "ev-2023-11-21-bericht-toner-paper"}),
    ("hat das board von chatgpt ueber twitter erfahren", {"faq-chatgpt-twitter"}),
    ("was war mit dem startup fund", {"faq-startup-fund"}),
    ("was bedeuten die labels", {"faq-labels"}),
    ("wann wurde der artikel geschrieben", {"faq-artikel-stand"}),
    ("was hat es mit dem gastausweis auf sich", {"faq-gastausweis", "ev-2023-11-19-gastausweis"}),
    ("was bedeuten die herz emojis", {"faq-herz-emojis", "ev-2023-11-18-herzen"}),
    ("wollte das board mit anthropic fusionieren", {"faq-anthropic-amodei", "ev-2023-11-21-bericht-amodei"}),
    ("hat microsoft einen sitz im board", {"faq-microsoft-beobachter"}),
    ("ist altman zu microsoft gewechselt", {"faq-microsoft-team", "ev-2023-11-20-nadella-microsoft-team"}),
    ("was ist das geraet mit jony ive", {"faq-jony-ive-geraet"}),
    ("haben leute gekuendigt", {"faq-hat-jemand-gekuendigt"}),
    ("wer hat openai nach der krise verlassen", {"faq-spaetere-abgaenge"}),
    ("was ist ssi", {"ev-2024-06-19-ssi", "faq-sutskever-heute"}),
    ("wann wurde shear zum interims ceo ernannt", {"ev-2023-11-19-shear-ernannt"}),
    ("was passierte am 17.11.?", {"tag-2023-11-17"}),
    ("was war am sonntag", {"tag-2023-11-19"}),
    ("what happened on saturday", {"tag-2023-11-18"}),
    ("what happened on march 5th 2024", {"tag-2024-03-05"}),
    ("was passierte am wochenende", {"faq-wochenende-chronologie"}),
    ("was geschah am 20. november", {"tag-2023-11-20"}),
    ("wann hat microsoft 1 milliarde investiert", {"ev-2019-07-22-microsoft-1-milliarde"}),
    ("wann verliess musk das board", {"ev-2018-02-musk-verlaesst-board"}),
]

SILENT = [
    "hallo",
    "danke dir!",
    "guten morgen",
    "wie geht es dir",
    "wie viel verdient sam altman",
    "wie alt ist greg brockman",
    "ist mira murati verheiratet",
    "wo wohnt satya nadella",
    "wie wird das wetter morgen",
    "wie steht die nvidia aktie",
    "kannst du mir bei meinem python code helfen",
    "how do i fix a segfault in c",
    "was ist die hauptstadt von spanien",
    "erzaehl mir einen witz",
    "welche hobbys hat ilya sutskever",
    "wann kommt gpt 5",
    "rezept fuer lasagne",
    "who won the world cup",
    # A time the knowledge has nothing for, a sum, a size that only an answer text says "groß".
    "was ist im august 2024 bei openai passiert",
    "was war am 15.11.2023",
    "what happened on jan 3 2024",
    "was ist 2 plus 2",
    "wie gross ist emmett shear",
    # An amount of something another entry is about: no entry counts both.
    "wie viel geld hat amazon in anthropic gesteckt",
    "wie viele tweets hat altman waehrend der krise abgesetzt",
    # Everyday words that address the bot stay: they make this small talk, not a ChatGPT question.
    "bist du chatgpt",
]


@pytest.fixture(scope="module")
def engine() -> AnswerEngine:
    return AnswerEngine(load_knowledge(KNOWLEDGE))


def test_every_expected_id_exists(engine: AnswerEngine) -> None:
    missing = [
        entry_id
        for _question, ids in ANSWERED
        for entry_id in ids
        if not entry_id.startswith("tag-") and engine.knowledge.entry(entry_id) is None
    ]
    assert not missing, f"ids no longer in the knowledge: {missing}"


@pytest.mark.parametrize(("question", "expected"), ANSWERED, ids=[q for q, _ in ANSWERED])
def test_member_question_lands_on_its_entry(engine: AnswerEngine, question: str, expected: set[str]) -> None:
    result = engine.ask(question)
    got = result.answer.id if result.answer else [s.id for s in result.suggestions]
    assert result.status == "answered", f"{result.status} ({result.score}): {got}"
    assert result.answer is not None and result.answer.id in expected, got


@pytest.mark.parametrize("question", SILENT)
def test_unanswerable_question_gets_no_match(engine: AnswerEngine, question: str) -> None:
    result = engine.ask(question)
    assert result.status == "no_match", (result.status, result.score, result.answer and result.answer.id)
    assert result.answer is None


def test_a_question_about_an_overtaken_claim_lands_on_it_and_says_so(engine: AnswerEngine) -> None:
    result = engine.ask("wann wurde shear zum interims ceo ernannt")
    assert result.answer is not None and result.answer.id == "ev-2023-11-19-shear-ernannt"
    assert result.answer.superseded_by is not None
    assert result.answer.superseded_by.id == "ev-2023-11-21-einigung"


def test_enough_cases_to_mean_something() -> None:
    assert len(ANSWERED) >= 60 and len(SILENT) >= 15


def test_a_role_several_people_held_names_no_one(engine: AnswerEngine) -> None:
    result = engine.ask("wer ist ceo")
    assert result.answer is None or result.answer.id not in engine.knowledge.people
