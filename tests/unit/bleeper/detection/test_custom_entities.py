"""An account's own entity types are found the way Whisper writes them, only near their context
words when they have some, named over a built-in guess, kept visible when excluded, and a pattern
that runs over its time stops detection rather than skip the entity."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from bleeper import policies
from bleeper.custom import definitions
from bleeper.detection import build_analyzer, detect_pii, find_pii
from bleeper.detection.recognizers.custom import CustomEntityRecognizer
from bleeper.errors import DetectionFailed
from bleeper.models import CustomEntity
from tools.evaluate import read_aloud

CODE = CustomEntity(name="PRODUCT_CODE", pattern=r"\d{5}-\d{5}")
CODE_PHRASE = CustomEntity(name="PRODUCT_CODE", phrases=["82498-34792"])
PRODUCT = CustomEntity(name="PRODUCT_NAME", phrases=["Acme Rocket Pro", "Rocket Mini"])


def found(entity: CustomEntity, text: str) -> list[str]:
    return [text[s:e] for s, e in CustomEntityRecognizer(entity).spans(text)]


@pytest.mark.parametrize("entity", [CODE, CODE_PHRASE])
@pytest.mark.parametrize("said", [
    "82498-34792", "82498 34792", "82498, 34792", "8 2 4 9 8, 3 4 7 9 2", "8-2-4-9-8-3-4-7-9-2",
    "eight two four nine eight three four seven nine two", "8249834792",
])
def test_the_product_code_is_found_however_whisper_writes_its_digits(entity: CustomEntity, said: str) -> None:
    assert found(entity, f"Sure, the code is {said}, thanks.") == [said]


@pytest.mark.parametrize("text", ["call 82498-347921", "ref 182498-34792", "82498-3479", "the code is 12345-67890"])
def test_other_numbers_are_not_the_product_code_phrase(text: str) -> None:
    assert found(CODE_PHRASE, text) == []


@pytest.mark.parametrize("said", ["Acme Rocket Pro", "acme rocket pro", "ACME-Rocket-Pro", "Acme Rocket, Pro",
                                  "AcmeRocket Pro", "rocket mini"])
def test_a_phrase_matches_whatever_the_case_and_punctuation(said: str) -> None:
    assert found(PRODUCT, f"I bought the {said}.") == [said]


def test_a_phrase_matches_whole_words_only() -> None:
    assert found(PRODUCT, "the Rocket Minis and Rocket Minimal are not it") == []


def test_with_context_words_a_match_counts_only_near_one() -> None:
    entity = CODE.model_copy(update={"context": ["product code", "serial"]})
    text = ("My phone is 82498-34792. " + "Some words in between here to push it far away. " * 2
            + "The product code is 11111-22222 and the serials 33333-44444.")
    assert found(entity, text) == ["11111-22222", "33333-44444"]


@pytest.mark.slow
def test_a_pattern_over_its_timeout_stops_detection_and_names_only_the_entity(analyzer) -> None:
    # a pattern stored before the definition rules, as a job could carry it
    slow = CustomEntity(name="LEGACY_REF", pattern=r"(a+)+$")
    transcript = read_aloud(["a" * 30_000 + "b"], timed=True)
    with pytest.raises(DetectionFailed, match="LEGACY_REF") as stopped:
        detect_pii(transcript, analyzer, (), custom=[slow], pattern_timeout=0.05)
    assert "aaa" not in stopped.value.message


@pytest.fixture(scope="module")
def analyzer():
    return build_analyzer()


@pytest.mark.slow
def test_a_custom_entity_is_named_over_the_built_in_guess(analyzer) -> None:
    text = "My product code is 82498-34792, thanks."
    assert [f.policy for f in find_pii(text, analyzer, policies.DEFAULT_POLICIES)] == ["phone_number"]
    got = find_pii(text, analyzer, policies.DEFAULT_POLICIES, custom=[CODE])
    assert [(f.policy, text[f.start:f.end]) for f in got] == [("custom:PRODUCT_CODE", "82498-34792")]


@pytest.mark.slow
def test_an_excluded_custom_entity_stays_visible_and_other_pii_does_not(analyzer) -> None:
    text = "I use Acme Rocket Pro, code 82498-34792. Call me at 610-265-1714, John Smith."
    defined = [CODE, PRODUCT]
    exclude = ["PRODUCT_CODE", "PRODUCT_NAME"]
    got = find_pii(text, analyzer, policies.DEFAULT_POLICIES, custom=definitions.wanted(defined, exclude),
                   shown=definitions.excluded(defined, exclude))
    values = [text[f.start:f.end] for f in got]
    assert "610-265-1714" in values and "John Smith" in values
    assert not any("82498" in v or "Acme" in v or "Rocket" in v for v in values)


@pytest.mark.slow
def test_custom_entities_are_placed_in_time_like_the_others(analyzer) -> None:
    transcript = read_aloud(["Hello there.", "The code is 8 2 4 9 8, 3 4 7 9 2."], timed=True)
    [entity] = detect_pii(transcript, analyzer, (), custom=[CODE])
    said = [w for w in transcript.words if w.char_start >= entity.start and w.char_end <= entity.end]
    assert entity.policy == "custom:PRODUCT_CODE" and entity.placed
    assert entity.start_ms <= said[0].start and entity.end_ms >= said[-1].end  # widened when stamped short


names = st.from_regex(r"[A-Z][A-Z0-9_]{0,10}", fullmatch=True).filter(lambda n: n not in definitions.RESERVED)
phrase = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30) \
    .filter(lambda p: p.strip() and any(c.isalnum() for c in p))
pattern = st.sampled_from([None, r"\d{5}-\d{5}", r"[A-Z]{2}\d{4}", r"\w+(\s\w+)*", r"(cat|dog)+", r"acme ?\d+"])


@st.composite
def definition(draw) -> CustomEntity:
    p = draw(pattern)
    return CustomEntity(name=draw(names), phrases=draw(st.lists(phrase, min_size=0 if p else 1, max_size=4)),
                        pattern=p, context=draw(st.lists(phrase, max_size=2)))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), definition())
def test_any_text_with_any_valid_definition_gives_spans_inside_the_text(text: str, entity: CustomEntity) -> None:
    [entity] = definitions.check_all([entity])
    for start, end in CustomEntityRecognizer(entity, timeout=2.0).spans(text):
        assert 0 <= start < end <= len(text)


@pytest.mark.slow
def test_an_accounts_phrase_is_redacted_even_when_it_is_a_word_built_ins_let_through(analyzer) -> None:
    text = "Please read me the PIN and the ID again."
    pins = CustomEntity(name="SECRET_WORDS", phrases=["PIN", "ID"])
    got = find_pii(text, analyzer, policies.DEFAULT_POLICIES, custom=[pins])
    assert [text[f.start:f.end] for f in got if f.policy == "custom:SECRET_WORDS"] == ["PIN", "ID"]
