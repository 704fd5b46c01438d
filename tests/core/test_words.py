"""What counts as the same word: typos, stems, particles, names, and attribute words kept exact."""

from bot.core.matching.words import Vocabulary, asked_attributes


def _vocabulary(*words: str) -> Vocabulary:
    vocabulary = Vocabulary()
    for word in words:
        vocabulary.add(word)
    vocabulary.freeze({})
    return vocabulary


def _meant(vocabulary: Vocabulary, word: str) -> set[str]:
    return {vocabulary.words[t] for t in vocabulary.similar(word)}


def test_typos_stems_and_particles_are_found():
    vocabulary = _vocabulary("sutskever", "entlassung", "rausgeworfen")
    assert _meant(vocabulary, "sutskewer") == {"sutskever"}
    assert _meant(vocabulary, "entlassen") == {"entlassung"}
    assert _meant(vocabulary, "geworfen") == {"rausgeworfen"}


def test_a_short_knowledge_word_is_no_typo_target():
    assert _meant(_vocabulary("all", "hands"), "tall") == set()


def test_attribute_words_match_only_exactly():
    vocabulary = _vocabulary("after", "gehalten", "einigung", "alter")
    assert _meant(vocabulary, "alter") == {"alter"}
    assert _meant(vocabulary, "gehalt") == set()
    assert _meant(vocabulary, "meinung") == set()


def test_asked_attributes_words_compounds_and_phrases():
    assert asked_attributes("Wie alt ist Mira Murati?") == ["alt"]
    assert asked_attributes("was ist ilyas lieblingsessen") == ["lieblingsessen"]
    assert asked_attributes("what is elon musk's net worth") == ["worth"]
    assert asked_attributes("wie viel ist openai wert") == []
