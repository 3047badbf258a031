"""The learned recognizer (Rampart token tagger): what it reads from context, exact character
spans over windows of any length, Presidio's result shape, and no text that makes it raise."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from presidio_analyzer import RecognizerResult

from bleeper.detection.recognizers.learned import DEFAULT_ENTITIES, LearnedRecognizer, RampartTagger, model_dir, shared_tagger

pytestmark = pytest.mark.slow  # loads the real model (0.1–0.3 s)


@pytest.fixture(scope="module")
def recognizer() -> LearnedRecognizer:
    return LearnedRecognizer()


def found(recognizer: LearnedRecognizer, text: str, entities: list[str] | None = None) -> list[tuple[str, str]]:
    return [(text[r.start:r.end], r.entity_type) for r in recognizer.analyze(text, entities or ["PERSON", "LOCATION"])]


def covered(recognizer: LearnedRecognizer, text: str, value: str, entity: str) -> bool:
    start = text.index(value)
    return any(r.entity_type == entity and r.start <= start and start + len(value) <= r.end
               for r in recognizer.analyze(text, [entity]))


@pytest.mark.parametrize("text,value,entity", [
    # names that are common words, said in a self-introduction: the surname at least (a first name
    # like "Hope" alone is left to names.py's "this is …" cue)
    ("My name's Rose Baker.", "Rose Baker", "PERSON"),
    ("Hi, this is Hope Sanders calling about my bill.", "Sanders", "PERSON"),
    ("Hey, it's Will Chase, I called yesterday.", "Chase", "PERSON"),
    ("this is dawn, dawn kowalski", "dawn kowalski", "PERSON"),
    # lower-case names and surnames, as Whisper sometimes writes them
    ("it's under my husband's name, bill ferrante", "bill ferrante", "PERSON"),
    ("yes my last name is ferrante, f e r r a n t e", "ferrante", "PERSON"),
    ("This is Mary O'Brien-Smith.", "Mary O'Brien-Smith", "PERSON"),
    ("I saw Dr. Patel last week.", "Patel", "PERSON"),  # "Dr." does not end the sentence
    # addresses with an apartment and a ZIP: street line, unit, city, state + ZIP
    ("It's 4417 Maple Avenue, apartment 12C, Dayton, Ohio 45402.", "4417 Maple Avenue", "LOCATION"),
    ("It's 4417 Maple Avenue, apartment 12C, Dayton, Ohio 45402.", "apartment 12C", "LOCATION"),
    ("It's 4417 Maple Avenue, apartment 12C, Dayton, Ohio 45402.", "Dayton", "LOCATION"),
    ("It's 4417 Maple Avenue, apartment 12C, Dayton, Ohio 45402.", "Ohio 45402", "LOCATION"),
    ("send it to 19 Elm Street apt 3, Springfield, Illinois, 62704", "19 Elm Street apt 3", "LOCATION"),
    ("send it to 19 Elm Street apt 3, Springfield, Illinois, 62704", "62704", "LOCATION"),
])  # fmt: skip
def test_names_and_address_parts_are_read_from_context(recognizer, text, value, entity):
    assert covered(recognizer, text, value, entity), found(recognizer, text)


@pytest.mark.parametrize("text", [
    "I'm calling from Golden Harvest about the invoice.",  # two common words naming a business
    "I manage Silver Oak Dental over on the east side.",
    "Grace period is ten days.",
    "Okay, I've updated that on the account.",
])  # fmt: skip
def test_business_names_and_plain_speech_are_not_read_as_people(recognizer, text):
    assert found(recognizer, text, ["PERSON"]) == []


def test_spans_index_the_text_exactly_through_accents_and_emoji(recognizer):
    text = "😀 Hi 🙂, I'm Zoë Ångström and I live at 12 Rue Street, Québec 😀"
    for r in recognizer.analyze(text, list(DEFAULT_ENTITIES)):
        span = text[r.start:r.end]
        assert span == span.strip() and span
    assert covered(recognizer, text, "Zoë Ångström", "PERSON")


def test_a_name_is_found_the_same_anywhere_in_a_long_call(recognizer):
    # ~40 windows of the model's 128 tokens: the name falls at every offset from a window's edge
    filler = "okay so I checked the account and everything looks fine on our side. "
    sentence = "My name is Rose Baker and I live at 4417 Maple Avenue."
    for repeats in range(0, 40, 3):
        text = filler * repeats + sentence + " " + filler * 3
        start = len(filler) * repeats
        spans = {(r.start - start, r.end - start, r.entity_type)
                 for r in recognizer.analyze(text, list(DEFAULT_ENTITIES)) if r.start >= start}
        assert (11, 21, "PERSON") in spans, (repeats, spans)  # "Rose Baker"
        assert (36, 53, "LOCATION") in spans, (repeats, spans)  # "4417 Maple Avenue"


def test_a_very_long_transcript_is_read_to_its_end(recognizer):
    text = "thanks for calling, how can I help you today? " * 2000 + "This is Rose Baker."
    assert covered(recognizer, text, "Rose Baker", "PERSON")


def test_results_carry_the_recognizer_and_only_the_entities_asked_for(recognizer):
    text = "My name's Rose Baker, I live in Dayton."
    results = recognizer.analyze(text, ["LOCATION"])
    assert [(text[r.start:r.end], r.entity_type) for r in results] == [("Dayton", "LOCATION")]
    meta = results[0].recognition_metadata
    assert meta[RecognizerResult.RECOGNIZER_NAME_KEY] == "LearnedRecognizer"
    assert meta[RecognizerResult.RECOGNIZER_IDENTIFIER_KEY] == recognizer.id
    assert 0.5 <= results[0].score <= 1 and "Rampart" in results[0].analysis_explanation.textual_explanation


def test_an_entity_it_was_not_built_for_is_never_returned():
    people_only = LearnedRecognizer(supported_entities=["PERSON"])
    assert people_only.analyze("I'm Rose Baker from Dayton, Ohio.", ["PERSON", "LOCATION"])
    assert {r.entity_type for r in people_only.analyze("I'm Rose Baker from Dayton, Ohio.", ["LOCATION", "PERSON"])} \
        == {"PERSON"}


def test_recognizers_share_one_model_loaded_once_across_threads():
    tagger = RampartTagger()
    threads = [threading.Thread(target=tagger.load) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    session = tagger._loaded[1]
    tagger.load()
    assert tagger._loaded[1] is session
    assert LearnedRecognizer().tagger is LearnedRecognizer().tagger is shared_tagger()


def test_the_model_is_found_without_importing_the_vendor_package():
    code = ("import sys; from bleeper.detection.recognizers.learned import model_dir, shared_tagger; "
            "assert (model_dir() / 'onnx' / 'model_q4.onnx').is_file(); shared_tagger().tag('I am Rose Baker.'); "
            "assert not [m for m in sys.modules if m.startswith('arcjet')], 'vendor SDK imported'")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert (model_dir() / "LICENSE").read_text().count("Creative Commons") > 0


CALL_WORDS = st.sampled_from(["my", "name", "is", "this", "Will", "Chase", "Hope", "Grace", "bill", "ferrante",
                              "apartment", "4B", "Street", "Ohio", "45402", "at", "dot", "com", "L", "O", "W", "um",
                              "O'Brien", "Smith-Jones", "St.", "😀", "Zoë", "\u200b", "\u00a0", "\n", "—", "##", "[SEP]",
                              "[CLS]", "\ud800", "a" * 300])
UTTERANCE = st.lists(st.one_of(CALL_WORDS, st.text(max_size=8)), max_size=60).map(" ".join)


@given(st.one_of(UTTERANCE, st.text(max_size=400), st.text(alphabet="ab c.'\u0301", max_size=2000)))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_gives_ordered_spans_inside_it_and_never_raises(recognizer, text):
    results = recognizer.analyze(text, list(DEFAULT_ENTITIES))
    for r in results:
        assert 0 <= r.start < r.end <= len(text)
        assert r.entity_type in DEFAULT_ENTITIES and 0.5 <= r.score <= 1
        assert not text[r.start].isspace() and not text[r.end - 1].isspace()
    ends = [(r.start, r.end) for r in results]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:]))


@pytest.mark.parametrize("text,names", [
    ("Hi, my.", []),  # Whisper's cut-short sentence after a beep: a pronoun names no one
    ("Thanks, her.", []),
    ("Hi, my name is Will.", ["Will"]),
    ("Yeah this is bill ferrante", ["bill ferrante"]),
])
def test_a_span_of_function_words_only_is_not_a_name(text, names):
    from bleeper.detection.recognizers.learned import LearnedRecognizer

    found = LearnedRecognizer().analyze(text, ["PERSON"])
    assert [text[r.start:r.end] for r in found] == names


@pytest.mark.parametrize("text, word", [
    ("Listen sweetie, I've been on hold for an hour.", "sweetie"),
    ("The hinge looks pretty rusty to me, is that normal?", "rusty"),
    ("We had to rebuild the whole deck from scratch last spring.", "scratch"),
    ("My abuela watches the kids while I work.", "abuela"),
])  # fmt: skip
def test_a_lone_everyday_word_in_lower_case_is_not_a_name(recognizer, text, word):
    assert (word, "PERSON") not in found(recognizer, text, ["PERSON"])


@pytest.mark.parametrize("text, name", [
    ("hi, this is faith from the front desk", "faith"),
    ("yeah the name on it is bill ferrante", "bill ferrante"),
])  # fmt: skip
def test_a_lower_case_name_said_as_one_stays(recognizer, text, name):
    assert any(name in f for f, _ in found(recognizer, text, ["PERSON"])), found(recognizer, text)


def test_a_lower_case_word_the_call_also_capitalises_may_be_a_name():
    from bleeper.detection.recognizers.learned import _lone_common_word

    text = "The installer, uh, dale, Dale Whitcombe, came Tuesday."
    assert not _lone_common_word(text, text.index("dale"), text.index("dale") + 4)
