"""Detection is a total function: whatever Whisper or a user writes, no recognizer raises; and if
one ever does, the job fails closed instead of delivering a half-detected transcript."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from presidio_analyzer import EntityRecognizer

from bleeper import policies
from bleeper.errors import DetectionFailed
from tools.evaluate import read_aloud
from bleeper.detection import build_analyzer, detect_pii, find_pii
from bleeper.detection.recognizers.numbers import NUMBER_WORDS, REPEAT, find_runs

pytestmark = pytest.mark.slow  # loads the spaCy model

NUMBER_WORD = st.sampled_from(sorted({*NUMBER_WORDS, *REPEAT, "hundred", "thousand", "point", "dash", "slash"}))
HYPHENATED = st.builds(lambda a, b: f"{a}-{b}", NUMBER_WORD, NUMBER_WORD)
CALL_WORDS = st.sampled_from([
    "my", "card", "number", "is", "the", "CVV", "expires", "SSN", "social", "born", "on", "at", "dot", "com",
    "gmail", "name", "I'm", "years", "old", "dollars", "cents", "apartment", "street", "zip", "code", "um", "uh",
    "sorry", "no", "wait", "L", "O", "W", "R", "Y", "as", "in", "Mary", "Dr.", "Mrs.", "diagnosed", "with",
    "password", "PIN", "routing", "account", "policy", "member", "ID", "DOB", "Visa", "June", "1986", "4th", "'s",
])
PUNCT = st.sampled_from([",", ".", "-", "/", "?", "!", "'", "\"", ":", ";", "(", ")", "@", "#", "$", "%", "&", "+",
                         "…", "—", "’", "\u200b", "\u00a0", "\n", "\t"])
TOKEN = st.one_of(NUMBER_WORD, HYPHENATED, CALL_WORDS, PUNCT, st.integers(0, 10**12).map(str),
                  st.text(max_size=6))
UTTERANCE = st.lists(TOKEN, max_size=40).map(" ".join)
SPACELESS = st.lists(st.one_of(NUMBER_WORD, HYPHENATED, PUNCT, st.integers(0, 999).map(str)), max_size=30).map("".join)


@pytest.fixture(scope="module")
def analyzer():
    return build_analyzer()


@pytest.mark.parametrize("text", [
    "eleven-two", "my number is eleven-two three four five", "oh-five oh-six", "double-four two", "triple-oh",
    "twenty-oh-five", "nineteen-eighty-six", "it's eleven-twelve-thirteen", "double-double", "one-double",
])
def test_hyphenated_number_words_are_read_not_raised_on(text, analyzer):
    find_runs(text)
    find_pii(text, analyzer, policies.ALL_POLICIES)


@given(st.one_of(UTTERANCE, SPACELESS, st.text(max_size=300)))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_whole_detector_never_raises_and_returns_spans_inside_the_text(analyzer, text):
    found = find_pii(text, analyzer, policies.ALL_POLICIES)
    for f in found:
        assert 0 <= f.start < f.end <= len(text)
        assert f.policy in policies.ALL_POLICIES
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))  # non-overlapping, in order


def _recognizers(analyzer) -> list[EntityRecognizer]:
    return analyzer.registry.get_recognizers(language="en", all_fields=True)


@given(data=st.data())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_no_single_recognizer_raises(analyzer, data):
    text = data.draw(st.one_of(UTTERANCE, SPACELESS))
    artifacts = analyzer.nlp_engine.process_text(text, "en")
    for recognizer in _recognizers(analyzer):
        recognizer.analyze(text, recognizer.supported_entities, artifacts)


def test_a_very_long_input_is_read_whole(analyzer):
    text = " ".join(["my card is four one one one, eleven-two, double four"] * 400)  # ~21,000 characters
    found = find_pii(text, analyzer, policies.ALL_POLICIES)
    assert found and found[-1].end > len(text) - 60


class _Broken(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name="Broken")

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        raise KeyError(text[:20])  # a message holding transcript text


def test_a_recognizer_that_raises_fails_the_detection_closed_without_quoting_the_text(analyzer):
    broken = _Broken()
    analyzer.registry.add_recognizer(broken)
    try:
        with pytest.raises(DetectionFailed) as caught:
            detect_pii(read_aloud(["Hi, this is Sarah Jennings calling."]), analyzer, policies.DEFAULT_POLICIES)
    finally:
        analyzer.registry.remove_recognizer("Broken")
    assert "detection failed" in caught.value.message and "KeyError" in caught.value.message
    assert "Sarah" not in caught.value.message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


class _Fixed(EntityRecognizer):
    """Finds "Quill" as a person at a fixed score."""

    def __init__(self, score: float) -> None:
        super().__init__(supported_entities=["PERSON"], name="Fixed")
        self.score = score

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        from presidio_analyzer import RecognizerResult

        at = text.find("Quill")
        return [] if at < 0 else [RecognizerResult("PERSON", at, at + 5, self.score)]


@pytest.mark.parametrize("score,spec,kept,doubtful", [
    (0.35, "0.3", True, True),  # the default keeps a guess, and says it was one
    (0.35, "0.4", False, None),  # a stricter operator drops it
    (0.35, "0.4,identity=0.3", True, True),  # a group's own threshold wins
    (0.9, "0.3", True, False),  # a confident find is not marked
])
def test_when_in_doubt_redact_keeps_low_scores_and_marks_them(analyzer, score, spec, kept, doubtful):
    analyzer.registry.add_recognizer(_Fixed(score))
    try:
        found = detect_pii(read_aloud(["The caller said her name was Quill, and that was all."]), analyzer,
                           ("person_name",), policies.min_scores(spec))
    finally:
        analyzer.registry.remove_recognizer("Fixed")
    hits = [e for e in found if e.recognizer == "Fixed"]
    assert bool(hits) == kept
    if kept:
        assert hits[0].doubtful is doubtful
