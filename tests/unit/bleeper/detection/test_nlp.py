"""bleeper/detection/nlp.py: spaCy's NER runs where a name can be, and Presidio gets what it reads."""

from __future__ import annotations

import pytest

from bleeper.detection import build_analyzer
from bleeper.detection.nlp import may_hold_a_name, sentences

pytestmark = pytest.mark.slow  # loads the spaCy model


@pytest.fixture(scope="module")
def engine():
    return build_analyzer().nlp_engine


@pytest.mark.parametrize("sentence,expected", [
    ("Okay, I can help you with that.", False),
    ("So what is the CVV on the Visa?", False),
    ("Routing is next, then the checking account.", False),
    ("It expires in January.", False),
    ("Yeah, D E L, then G A D O.", False),  # spelled letters: names.py reads those
    ("This is Priya from billing.", True),
    ("Priya called yesterday.", True),
    ("I moved to Harrisburg last year.", True),
    ("it's under my husband's name, bill ferrante.", True),  # no capitals at all: spaCy decides
])  # fmt: skip
def test_ner_runs_on_the_sentences_that_can_hold_a_name(engine, sentence, expected):
    doc = engine.nlp["en"].make_doc(sentence)
    assert [may_hold_a_name(s) for s in sentences(doc)] == [expected]


def test_sentences_split_at_ending_punctuation_only():
    import spacy

    doc = spacy.blank("en").make_doc("Hi, Mr. Lee. Is that right? Yes! And then")
    assert [s.text for s in sentences(doc)] == ["Hi, Mr. Lee.", "Is that right?", "Yes!", "And then"]


def test_presidio_gets_lower_cased_tokens_as_lemmas_and_the_names_spacy_found(engine):
    text = "Okay, thank you. My name is Dolores Whitfield, and the card number is 4532."
    artifacts = engine.process_text(text, "en")
    assert artifacts.lemmas == [t.lower_ for t in artifacts.tokens]
    assert "number" in artifacts.keywords and "okay" in artifacts.keywords
    assert ("Dolores Whitfield", "PERSON") in [(e.text, e.label_) for e in artifacts.entities]
