"""Question -> Result: routing, thresholds and the decision between answer, suggestions and silence.

The engine is built for one knowledge set and never changes; reloading builds a new engine and
swaps it in whole (see `store`), so every answer comes from exactly one set.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.answers.answer import Result, Suggestion, compose_answer, compose_day
from bot.core.answers.clock import local_date
from bot.core.knowledge.loader import collector_paused
from bot.core.knowledge.model import Knowledge, entry_title
from bot.core.matching.dates import DAY_QUESTION_WORDS, find_day, names_period_with_events
from bot.core.matching.normalize import (
    MAX_QUESTION_CHARS,
    fold,
    is_small_talk,
    strip_mentions,
    tokens,
)
from bot.core.matching.question_kind import ASKS_AMOUNT, ASKS_ANYTHING, ASKS_WHEN, ASKS_WHY, asks_who
from bot.core.matching.search import Match, SearchIndex

#: How much more of the question's weight one entry's own texts must hold to win a near tie.
ABOUT_LEAD = 1.1


@dataclass(frozen=True, slots=True)
class MatchPolicy:
    """Where confidence ends. Tuned on the development split of the evaluation set (`make eval`)."""

    #: At or above: answer, if no other entry is within `margin`.
    answer_at: float = 60.0
    #: At or above (and below `answer_at` or too close): offer suggestions.
    suggest_at: float = 45.0
    #: Minimum lead of the best entry over the second for a direct answer.
    margin: float = 2.0
    #: Below `answer_at`, stay silent rather than suggest when at least this share of the
    #: question's content words is unknown to the knowledge.
    unknown_share: float = 0.2
    #: Score given to a question that names a day with events on it.
    day_score: float = 95.0
    #: "wann ..." may reach this far below the best for an event, "warum ..." for an FAQ entry:
    #: the question says which kind it wants even when the other kind shares more of its words.
    kind_window: float = 8.0
    #: A direct answer to a question with a word the knowledge does not know needs this score.
    answer_unknown_at: float = 65.0
    #: Entries this far below the best that cover a disjoint part of the question make it a
    #: question about two things no single entry joins (see `_split_question`).
    split_window: float = 12.0


class AnswerEngine:
    """Answers questions from one knowledge set."""

    def __init__(self, knowledge: Knowledge, policy: MatchPolicy | None = None):
        self.knowledge = knowledge
        self.policy = policy or MatchPolicy()
        with collector_paused():
            self.index = SearchIndex(knowledge)
        timezone = knowledge.story.timezone
        self._event_days = [local_date(e.when, timezone) for e in knowledge.events.values()]

    def ask(self, question: str) -> Result:
        """Answer, suggest or stay silent; never raises on any text."""
        query = strip_mentions(question[:MAX_QUESTION_CHARS])
        if is_small_talk(query):
            return self._no_match(question, [])
        day_result = self._day_answer(question, query)
        if day_result is not None and (
            day_result.status == "no_match" or day_result.score >= self.policy.answer_at
        ):
            return day_result
        exact = self.index.exact(query)
        if exact is not None:
            return self._answered(question, exact, 100.0)
        matches = self._matches(query)
        if (
            day_result is None
            and self.index.only_when(query)
            and not names_period_with_events(query, self._event_days)
        ):
            # "Was ist im August 2024 passiert?", "2 plus 2": a time or a number and nothing the
            # knowledge is about; a day with events would have been answered above.
            return self._no_match(question, matches)
        result = self._decide(question, query, matches)
        if result.status != "answered" and day_result is not None:
            return day_result
        return result

    def _matches(self, query: str) -> list[Match]:
        matches = self.index.search(query, limit=10)
        names = self.index.named_people(query)
        naming = [m for m in matches if self.index.mentions(m.entry_id, names)]
        if names and naming:
            # "Wer hat Ilya unter Druck gesetzt?": an entry that never names Ilya is no answer.
            matches = naming
        who = asks_who(query)
        if not who and not names:
            return matches
        people = self.index.search(query, limit=3, kinds={"person"})
        holder = self.index.role_holder(query) if who and not names else None
        person = next((m for m in people if m.entry_id == holder), people[0] if people else None)
        if (
            person is not None
            and person.score >= self.policy.suggest_at
            and self._names_person(query, person.entry_id, who_is=who)
            and (who or not self.index.unknown_words(query))
        ):
            # "Wer ist X?", "Wer ist CEO von Microsoft?" or just "X OpenAI" is about the person
            # even when an event mentions X just as well.
            boosted = Match(person.entry_id, min(100.0, person.score + self.policy.margin * 2))
            rest = [m for m in matches if m.entry_id != boosted.entry_id]
            matches = [boosted, *rest]
        return matches

    def _decide(self, question: str, query: str, matches: list[Match]) -> Result:
        policy = self.policy
        if not asks_who(query):
            # "Wo hat Satya Nadella studiert?": entries that share nothing with the question but
            # a name answer another question; the rest decide, and none left means silence.
            relevant = [m for m in matches if not self.index.only_names(query, m.entry_id)]
            if not relevant:
                return self._no_match(question, matches)
            matches = relevant
        if not matches or matches[0].score < policy.suggest_at:
            return self._no_match(question, matches)
        best = matches[0]
        close = [m for m in matches if best.score - m.score < policy.margin]
        wanted = "event" if ASKS_WHEN.search(query) else "faq" if ASKS_WHY.search(query) else None
        if wanted is not None and self.index.kind_of(best.entry_id) != wanted:
            near = [m for m in matches if best.score - m.score < policy.kind_window]
            of_kind = [m for m in near if self.index.kind_of(m.entry_id) == wanted]
            if of_kind and (len(of_kind) == 1 or of_kind[0].score - of_kind[1].score >= policy.margin):
                close = [of_kind[0]]
        chosen = self._route(query, close) if len(close) > 1 else close[0]
        rivals = [m for m in matches if best.score - m.score < policy.split_window]
        if chosen is not None and self._split_question(query, chosen, rivals):
            # "Wer sitzt im Board von Google?": one entry has "Board", another "Google", none both.
            return self._no_match(question, matches)
        if ASKS_AMOUNT.search(fold(query)) and self._leaves_out(query, chosen or best, matches):
            # "Wie viel hat Microsoft für LinkedIn bezahlt?": an amount is only answered by an
            # entry about all of what is counted; the nearest investment entry is no answer.
            return self._no_match(question, matches)
        if self.index.missing_attributes(query, (chosen or best).entry_id):
            # "Wie alt ist Murati?", "Altmans Gehalt": asked for a fact the entry does not hold.
            return self._no_match(question, matches)
        unknown = self.index.unknown_words(query)
        about = {best.entry_id, chosen.entry_id if chosen is not None else best.entry_id}
        if (
            unknown
            and not asks_who(query)
            and any(
                self._names_person(query, entry_id, who_is=False)
                and not self.index.covers_topic(query, entry_id)
                for entry_id in about
            )
        ):
            # "Wie viel verdient Sam Altman?": the person is known, what is asked about them is not.
            return self._no_match(question, matches)
        answer_at = policy.answer_unknown_at if unknown else policy.answer_at
        if chosen is not None and best.score >= answer_at:
            return self._answered(question, chosen.entry_id, best.score)
        if unknown and len(unknown) >= policy.unknown_share * len(self.index.content_words(query)):
            # Part of the question is about something the knowledge never mentions ("Gehalt",
            # "verheiratet"): nearby topics are offered, but no entry is put forward as the answer.
            return self._no_match(question, matches)
        suggested = [m for m in matches if m.score >= policy.suggest_at][:3]
        return Result(
            query=question,
            status="ambiguous",
            score=best.score,
            suggestions=tuple(self._suggestion(m) for m in suggested),
        )

    def _split_question(self, query: str, chosen: Match, rivals: list[Match]) -> bool:
        """Whether a nearly as good entry covers a part of the question the chosen one does not
        touch at all, and shares none of its topic words: the question relates two things
        ("Board", "Google") that no entry of the knowledge joins, so neither answers it."""
        topics = self.index.topic_words(query)
        mine = self.index.covered_words(topics, chosen.entry_id)
        for rival in rivals:
            theirs = self.index.covered_words(topics, rival.entry_id)
            if rival.entry_id != chosen.entry_id and theirs and not theirs & mine:
                return True
        return False

    def _leaves_out(self, query: str, match: Match, others: list[Match]) -> bool:
        """Whether a topic word of the question belongs to another of the found entries and
        never occurs in this one ("LinkedIn" is Reid Hoffman's, not the Microsoft team's)."""
        topics = self.index.topic_words(query)
        missing = {
            word
            for word in topics.keys() - self.index.covered_words(topics, match.entry_id)
            if self.index.is_head_word(word)
        }
        return any(
            missing & self.index.covered_words(topics, other.entry_id)
            for other in others
            if other.entry_id != match.entry_id
        )

    def _names_person(self, query: str, entry_id: str, *, who_is: bool) -> bool:
        """Whether the question is about this person: "Wer ist X?" naming them, or just their name."""
        if self.index.kind_of(entry_id) != "person":
            return False
        named, known = self.index.named_words(query, entry_id)
        if who_is:
            return named > 0 or self.index.role_holder(query) == entry_id
        if named == 0:
            return False
        # "Kevin Scott Microsoft": a bare name with its role; "was ist SSI von Sutskever" asks more.
        return named == known or (not ASKS_ANYTHING.search(query) and self.index.role_covers(query, entry_id))

    def _route(self, query: str, close: list[Match]) -> Match | None:
        """Among near-equal matches, the one of the kind the question asks for; None if still tied.

        An FAQ entry and the event it explains often score alike; the question says which is
        meant: "wann ..." asks for the event, "wer ist ..." or a bare name for the person, and
        anything else gets the curated FAQ answer. Two of the wanted kind stay ambiguous.
        """
        named = [m for m in close if self._names_person(query, m.entry_id, who_is=asks_who(query))]
        if len(named) == 1:
            return named[0]
        about = self._most_about(query, close)
        if about is not None:
            return about
        if named:
            order = ("person", "faq", "event")
        elif ASKS_WHEN.search(query):
            order = ("event", "faq", "person")
        else:
            order = ("faq", "event", "person")
        for kind in order:
            of_kind = [m for m in close if self.index.kind_of(m.entry_id) == kind]
            if of_kind:
                return of_kind[0] if len(of_kind) == 1 else None
        return None

    def _most_about(self, query: str, close: list[Match]) -> Match | None:
        """The one near-equal entry whose title, variants or keywords hold more of the question
        than every other's: "Was hat Nadella bei CNBC gesagt?" is the CNBC event, though the
        Microsoft FAQ scores alike by mentioning CNBC in its answer."""
        topics = self.index.topic_words(query)
        held = sorted(
            (
                (self.index.weight(topics, self.index.covered_words(topics, m.entry_id, in_answer=False)), m)
                for m in close
            ),
            key=lambda pair: -pair[0],
        )
        if len(held) > 1 and held[0][0] >= ABOUT_LEAD * held[1][0] and held[0][0] > held[1][0]:
            return held[0][1]
        return None

    def ask_person(self, name: str) -> Result:
        """Answer with a person only (`/person`): an id or a clearly meant name answers, several
        near names are suggestions, and nothing else is ever offered."""
        if name in self.knowledge.people:
            return self._answered(name, name, 100.0)
        matches = self.index.search(name[:MAX_QUESTION_CHARS], limit=3, kinds={"person"})
        close = tuple(self._suggestion(m) for m in matches if m.score >= self.policy.suggest_at)
        score = matches[0].score if matches else 0.0
        runner_up = matches[1].score if len(matches) > 1 else 0.0
        if score >= self.policy.answer_at and score - runner_up >= self.policy.margin:
            return self._answered(name, matches[0].entry_id, score)
        return Result(query=name, status="ambiguous" if close else "no_match", score=score, suggestions=close)

    def _answered(self, question: str, entry_id: str, score: float) -> Result:
        entry = self.knowledge.entry(entry_id)
        assert entry is not None, entry_id
        answer = compose_answer(self.knowledge, entry)
        return Result(query=question, status="answered", score=score, answer=answer)

    def _no_match(self, question: str, matches: list[Match]) -> Result:
        """Nothing confident: offer nearby topics (or the featured ones), never an answer."""
        nearby = [self._suggestion(m) for m in matches[:3]]
        if not nearby:
            featured = [fid for fid in self.knowledge.story.featured if fid in self.knowledge.faq]
            nearby = [Suggestion(fid, self.knowledge.faq[fid].title, 0.0) for fid in featured[:3]]
        score = matches[0].score if matches else 0.0
        return Result(query=question, status="no_match", score=score, suggestions=tuple(nearby))

    def _suggestion(self, match: Match) -> Suggestion:
        entry = self.knowledge.entry(match.entry_id)
        assert entry is not None, match.entry_id
        return Suggestion(match.entry_id, entry_title(entry), match.score)

    def _day_answer(self, question: str, query: str) -> Result | None:
        """A question naming a day gets that day's events; stronger when it asks nothing else."""
        found = find_day(query, self._event_days)
        if found is None:
            return None
        day, day_words = found
        answer = compose_day(self.knowledge, day)
        rest = [w for w in tokens(query) if w not in day_words and w not in DAY_QUESTION_WORDS]
        if answer is None:
            # "Was war am 15.11.2023?": a day the knowledge has nothing for. Silence, not the
            # nearest entries; a question with more in it ("Altman am 15.11.") is searched.
            return None if rest else self._no_match(question, [])
        if rest and self.index.unknown_words(" ".join(rest)):
            return None  # "Wetter am Samstag": the day is known, what is asked about it is not
        score = self.policy.day_score if not rest else self.policy.suggest_at
        return Result(query=question, status="answered", score=score, answer=answer)
