"""Synthetic knowledge sets of any size, for measuring speed and memory as the knowledge grows.

The text is German and English news-FAQ prose assembled from word lists with a fixed seed, so the
vocabulary grows with the set the way a real one does (new names, organisations and topics) while
every run of `make bench` measures exactly the same files. Every set passes the real validator.
Files hold at most `PER_FILE` entries so the loader's per-file size limit is never reached.

    python -m benchmarks.synth 10000 build/bench/k10000
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import yaml

PER_FILE = 1000
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_CET = timezone(timedelta(hours=1))
SEED = 20231117

_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "ten",
    "vor",
    "ban",
    "sel",
    "dun",
    "fel",
    "gra",
    "hin",
    "jor",
    "kel",
    "mar",
    "nol",
    "pel",
    "quin",
    "ros",
    "sta",
    "tur",
    "ul",
    "wen",
    "xan",
    "yor",
    "zel",
]
_FIRST = [
    "Anna",
    "Ben",
    "Clara",
    "David",
    "Emma",
    "Felix",
    "Greta",
    "Hannah",
    "Ilja",
    "Jonas",
    "Katrin",
    "Lukas",
    "Mia",
    "Noah",
    "Olga",
    "Paul",
    "Rita",
    "Sven",
    "Tina",
    "Uwe",
    "Vera",
    "Wolf",
    "Yara",
    "Zoe",
    "Sam",
    "Greg",
    "Mira",
    "Adam",
    "Helen",
    "Tasha",
    "Satya",
    "Kevin",
    "Brad",
    "Emmett",
    "Larry",
    "Bret",
]
_LAST = [
    "Albers",
    "Brandt",
    "Conrad",
    "Dietz",
    "Engel",
    "Fischer",
    "Graf",
    "Hahn",
    "Imhof",
    "Jansen",
    "Kruse",
    "Lange",
    "Maier",
    "Neumann",
    "Ortmann",
    "Peters",
    "Quast",
    "Roth",
    "Schulz",
    "Thiel",
    "Ulrich",
    "Vogel",
    "Weber",
    "Zander",
    "Keller",
    "Busch",
    "Lorenz",
    "Moser",
    "Sommer",
    "Winter",
]
# (German noun, English noun) pairs that questions are about.
_TOPICS = [
    ("Entlassung", "firing"),
    ("Rückkehr", "return"),
    ("Vorstand", "board"),
    ("Untersuchung", "investigation"),
    ("Gehaltsrunde", "pay round"),
    ("Übernahme", "takeover"),
    ("Fusion", "merger"),
    ("Klage", "lawsuit"),
    ("Rücktritt", "resignation"),
    ("Kündigung", "notice"),
    ("Investition", "investment"),
    ("Börsengang", "ipo"),
    ("Sicherheitslücke", "security flaw"),
    ("Datenpanne", "data breach"),
    ("Streik", "strike"),
    ("Betriebsrat", "works council"),
    ("Aufsichtsrat", "supervisory board"),
    ("Quartalszahlen", "quarterly results"),
    ("Produktstart", "product launch"),
    ("Rückruf", "recall"),
    ("Insolvenz", "insolvency"),
    ("Förderung", "funding"),
    ("Abstimmung", "vote"),
    ("Pressekonferenz", "press conference"),
    ("Satzung", "bylaws"),
    ("Lizenz", "license"),
    ("Partnerschaft", "partnership"),
    ("Prüfung", "audit"),
    ("Sperre", "ban"),
    ("Einigung", "agreement"),
    ("Brief", "letter"),
    ("Wechsel", "switch"),
    ("Ernennung", "appointment"),
    ("Anhörung", "hearing"),
    ("Strafe", "fine"),
    ("Ausgliederung", "spin-off"),
    ("Umbau", "restructuring"),
    ("Bewertung", "valuation"),
]
_ACTIONS_DE = [
    "angekündigt",
    "bestätigt",
    "dementiert",
    "verschoben",
    "abgesagt",
    "gestoppt",
    "geprüft",
    "beschlossen",
]
_ACTIONS_EN_BASE = ["announce", "confirm", "deny", "postpone", "cancel", "stop", "review", "decide on"]
_ACTIONS_EN = ["announced", "confirmed", "denied", "postponed", "cancelled", "stopped", "reviewed", "decided"]
_ROLES = ["CEO", "CTO", "Vorstand", "Aufsichtsrätin", "Sprecher", "Investorin", "Gründer", "Chief Scientist"]
_LABELS = [
    {"id": "bestätigt", "emoji": "✅", "colour": "#2E7D32", "confirmed": True, "strength": 4},
    {"id": "Gerücht", "emoji": "🗣️", "colour": "#F9A825", "confirmed": False, "strength": 2},
    {"id": "Vermutung", "emoji": "🤔", "colour": "#EF6C00", "confirmed": False, "strength": 1},
]


@dataclass(frozen=True, slots=True)
class Mix:
    """How a set of n entries splits into kinds: mostly FAQ, then events, a few people."""

    faq: int
    events: int
    people: int

    @classmethod
    def of(cls, size: int) -> Mix:
        people = max(1, size // 10)
        events = max(1, size * 3 // 10)
        return cls(faq=size - people - events, events=events, people=people)


def _org(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _snippet(rng: random.Random, text: str, sources: list[str]) -> dict:
    label = rng.choices(_LABELS, weights=[6, 3, 1])[0]
    cited = [rng.choice(sources[: len(sources) // 2])] if label["confirmed"] else [rng.choice(sources)]
    return {"text": text, "label": label["id"], "sources": cited}


class _Writer:
    """Builds one set entry by entry; `subjects` keeps every (org, topic) pair distinct."""

    def __init__(self, size: int, seed: int):
        self.rng = random.Random(seed + size)
        self.size = size
        self.sources = [f"src-{n}" for n in range(max(4, size // 20))]
        self.orgs = [_org(self.rng) for _ in range(max(8, size // 8))]
        self.people: list[tuple[str, str]] = []

    def source_items(self) -> list[dict]:
        half = len(self.sources) // 2
        return [
            {
                "id": sid,
                "kind": "Pressemitteilung" if n < half else "Artikel",
                "author": self.orgs[n % len(self.orgs)] if n < half else f"{self.rng.choice(_LAST)} Zeitung",
                "title": f"Meldung {n}",
                "published": date(2023, 11, 1 + n % 28),
                "primary": n < half,
            }
            for n, sid in enumerate(self.sources)
        ]

    def person(self, n: int) -> dict:
        rng = self.rng
        first, last = rng.choice(_FIRST), rng.choice(_LAST) + (rng.choice(_SYLLABLES) if n >= 60 else "")
        pid = f"p-{n}"
        self.people.append((pid, f"{first} {last}"))
        org, role = rng.choice(self.orgs), rng.choice(_ROLES)
        return {
            "id": pid,
            "name": f"{first} {last}",
            "aliases": [last, f"{first[0]}. {last}"],
            "keywords": [role.lower(), org.lower()],
            "roles": [{"title": f"{role} bei {org}", "from": date(2010 + n % 13, 1 + n % 9, 1)}],
            "snippets": [
                _snippet(
                    rng, f"{first} {last} ist {role} bei {org} und äußerte sich öffentlich.", self.sources
                )
            ],
        }

    def event(self, n: int) -> dict:
        rng = self.rng
        org = rng.choice(self.orgs)
        (topic_de, topic_en), k = rng.choice(_TOPICS), rng.randrange(len(_ACTIONS_DE))
        day, hour = 1 + n % 28, n % 24
        event = {
            "id": f"ev-{n}",
            "when": datetime(2023, 11, day, hour, n % 60, tzinfo=_CET),
            "title": f"{org}: {topic_de} {_ACTIONS_DE[k]}",
            "tags": [topic_de.lower()],
            "keywords": [org.lower(), topic_en],
            "questions": [
                f"Wann hat {org} die {topic_de} {_ACTIONS_DE[k]}?",
                f"When did {org} {_ACTIONS_EN_BASE[k]} the {topic_en}?",
            ],
            "snippets": [
                _snippet(rng, f"{org} hat die {topic_de} am {day}. November {_ACTIONS_DE[k]}.", self.sources)
            ],
        }
        if self.people:
            event["people"] = [rng.choice(self.people)[0]]
        return event

    def faq(self, n: int) -> dict:
        rng = self.rng
        org, other = rng.choice(self.orgs), rng.choice(self.orgs)
        (topic_de, topic_en), k = rng.choice(_TOPICS), rng.randrange(len(_ACTIONS_DE))
        who = rng.choice(self.people)[1] if self.people else org
        questions = [
            f"Warum hat {org} die {topic_de} {_ACTIONS_DE[k]}?",
            f"Was bedeutet die {topic_de} von {org} für {other}?",
            f"Why did {org} {_ACTIONS_EN_BASE[k]} the {topic_en}?",
            f"What does the {topic_en} at {org} mean for {other}?",
            f"Welche Rolle spielte {who} bei der {topic_de} von {org}?",
        ]
        return {
            "id": f"faq-{n}",
            "title": f"{topic_de} bei {org}",
            "questions": questions,
            "keywords": [org.lower(), topic_de.lower(), topic_en],
            "snippets": [
                _snippet(
                    rng,
                    f"{org} hat die {topic_de} {_ACTIONS_DE[k]}; {who} sprach von einem Einschnitt.",
                    self.sources,
                ),
                _snippet(
                    rng, f"Für {other} ändert sich vorerst wenig, heißt es aus dem Umfeld.", self.sources
                ),
            ],
        }


def write_set(size: int, folder: Path, seed: int = SEED) -> Mix:
    """Write a valid knowledge set of `size` answerable entries into `folder` (replacing its YAML)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    mix, writer = Mix.of(size), _Writer(size, seed)
    labels = [{**label, "meaning": f"Synthetisches Label {label['id']}."} for label in _LABELS]
    story = {
        "title": f"Synthetische Lage ({size} Einträge)",
        "stand": datetime(2023, 11, 30, 12, tzinfo=_CET),
    }
    _dump(folder / "base.yaml", {"story": story, "labels": labels, "sources": writer.source_items()})
    for section, count, make in (
        ("people", mix.people, writer.person),
        ("events", mix.events, writer.event),
        ("faq", mix.faq, writer.faq),
    ):
        items = [make(n) for n in range(count)]
        for start in range(0, count, PER_FILE):
            _dump(
                folder / f"{section}-{start // PER_FILE:04d}.yaml", {section: items[start : start + PER_FILE]}
            )
    return mix


def _dump(path: Path, data: dict) -> None:
    path.write_text(
        yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    mix = write_set(args.size, args.folder)
    print(f"{args.folder}: {mix.faq} faq, {mix.events} events, {mix.people} people")


if __name__ == "__main__":
    main()
