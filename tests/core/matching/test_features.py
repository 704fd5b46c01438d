"""Feature rows on the tiny harbour story, where every value can be worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from bot.core.matching.features import FEATURES, MONOTONE, NAMES
from tests.core.matching.conftest import Harbour


def test_every_feature_has_one_name_and_a_direction() -> None:
    assert len(set(NAMES)) == len(NAMES) == len(FEATURES)
    assert set(MONOTONE) <= {-1, 0, 1}
    # The promises the engine makes rest on these directions.
    direction = dict(FEATURES)
    assert direction["unknown_share"] == -1
    assert direction["attributes_missing"] == -1
    assert direction["day_match"] == +1
    assert direction["names_all"] == +1


def test_rows_have_one_column_per_feature(harbour: Harbour) -> None:
    found = harbour.candidates("wer ist greta holm")
    assert found.rows.shape == (len(found.entry_ids), len(NAMES))
    assert found.explain(0).keys() == set(NAMES)


def test_a_name_asked_against_the_names_each_entry_holds(harbour: Harbour) -> None:
    features = harbour.features("wer ist greta holm")
    person, event = features["greta-holm"], features["ev-ruecktritt"]
    assert person["names_asked"] == event["names_asked"] == 1
    assert (person["is_named"], person["names_all"], person["kind_person"]) == (1, 1, 1)
    # The event names her in its texts, but it is not her.
    assert (event["is_named"], event["names_all"], event["kind_event"]) == (0, 1, 1)


def test_two_names_are_held_only_by_the_entry_naming_both(harbour: Harbour) -> None:
    features = harbour.features("greta holm und ole jensen")
    assert {e: f["names_asked"] for e, f in features.items()} == dict.fromkeys(features, 2.0)
    assert features["ev-angebot"]["names_all"] == 1  # "Ole Jensen bot an, ... von Greta Holm ..."
    for entry_id in ("greta-holm", "ole-jensen", "ev-ruecktritt"):
        assert features[entry_id]["names_all"] == 0, entry_id
    assert features["greta-holm"]["is_named"] == features["ole-jensen"]["is_named"] == 1


def test_an_asked_attribute_the_entry_never_names_is_missing(harbour: Harbour) -> None:
    features = harbour.features("wie alt ist greta holm")
    assert features["greta-holm"]["attributes_missing"] == 1
    assert features["greta-holm"]["only_names"] == 1  # shares her name, not what is asked about her
    # "Wie alt ist der Leuchtturm?" names the attribute itself.
    assert features["faq-leuchtturm"]["attributes_missing"] == 0
    assert features["faq-leuchtturm"]["names_all"] == 0


def test_without_an_attribute_nothing_is_missing(harbour: Harbour) -> None:
    features = harbour.features("wer ist greta holm")
    assert {f["attributes_missing"] for f in features.values()} == {0.0}


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [("was tat holm am 2. mai", "ev-ruecktritt"), ("was tat jensen am 3. mai", "ev-angebot")],
)
def test_only_the_event_of_the_named_day_matches_it(harbour: Harbour, question: str, entry_id: str) -> None:
    features = harbour.features(question)
    assert entry_id in features
    assert {f["day_asked"] for f in features.values()} == {1.0}
    assert {e for e, f in features.items() if f["day_match"]} == {entry_id}


def test_no_day_asked_no_day_matched(harbour: Harbour) -> None:
    features = harbour.features("warum trat holm zurueck")
    assert {(f["day_asked"], f["day_match"]) for f in features.values()} == {(0.0, 0.0)}


def test_unknown_word_share_counts_topic_words_the_knowledge_lacks(harbour: Harbour) -> None:
    assert {f["unknown_share"] for f in harbour.features("greta holm").values()} == {0.0}
    # "greta" and "holm" are known, "zebrastreifen" is not: one of three.
    shares = [f["unknown_share"] for f in harbour.features("greta holm zebrastreifen").values()]
    assert shares and shares == pytest.approx([1 / 3] * len(shares))


@pytest.mark.parametrize(
    "question", ["greta holm", "wie alt ist der leuchtturm", "hafen", "wer ist der reeder"]
)
def test_an_unknown_word_changes_nothing_but_the_unknown_share(harbour: Harbour, question: str) -> None:
    before, after = harbour.candidates(question), harbour.candidates(f"{question} zebrastreifen")
    assert after.entry_ids == before.entry_ids
    changed = {NAMES[j] for j in range(len(NAMES)) if not np.array_equal(before.rows[:, j], after.rows[:, j])}
    assert changed == {"unknown_share"}
    assert (after.rows[:, NAMES.index("unknown_share")] > before.rows[:, NAMES.index("unknown_share")]).all()


def test_the_one_holder_of_a_role_is_marked(harbour: Harbour) -> None:
    features = harbour.features("wer ist der reeder")
    assert {e for e, f in features.items() if f["role_holder"]} == {"ole-jensen"}


def test_a_question_of_words_the_knowledge_lacks_has_no_candidates(harbour: Harbour) -> None:
    found = harbour.candidates("zebrastreifen xylofon")
    assert found.entry_ids == ()
    assert found.rows.shape == (0, len(NAMES))
