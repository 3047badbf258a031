"""The vocabulary recognizer: public term lists typed by their cues, and a total function."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.vocabulary import ENTITIES, FILES, VOCAB_DIR, VocabularyRecognizer, words

ROOT = Path(__file__).resolve().parents[4]


@pytest.fixture(scope="module")
def recognizer() -> VocabularyRecognizer:
    return VocabularyRecognizer()


def found(recognizer: VocabularyRecognizer, text: str) -> list[tuple[str, str]]:
    return [(entity, text[s:e]) for entity, s, e, _, _ in recognizer.matches(text)]


@pytest.mark.parametrize("text, expected", [
    # ICD-10-CM terms not on the hand lists, bare and in plural
    ("I've been getting cluster headaches every night", ("MEDICAL_CONDITION", "cluster headaches")),
    ("she was diagnosed with trigeminal neuralgia", ("MEDICAL_CONDITION", "trigeminal neuralgia")),
    ("my mom has macular degeneration", ("MEDICAL_CONDITION", "macular degeneration")),
    ("he has carpal tunnel so typing is hard", ("MEDICAL_CONDITION", "carpal tunnel")),
    # an everyday word is a condition after its cue
    ("I have a fever and a cough", ("MEDICAL_CONDITION", "fever")),
    # injuries said the lay way, derived from ICD's S chapter
    ("I fractured my hip on the ice", ("INJURY", "fractured my hip")),
    ("she injured her rotator cuff", ("INJURY", "injured her rotator cuff")),
    ("she burned her arm on the stove", ("INJURY", "burned her arm")),
    # drugs: generic and brand, and a common word after a drug cue
    ("I'm on levetiracetam twice a day", ("DRUG", "levetiracetam")),
    ("they switched me to Brilinta", ("DRUG", "Brilinta")),
    # procedures from the ICD-10-PCS index and its operation + body part names
    ("I'm scheduled for a cholecystectomy next week", ("MEDICAL_PROCESS", "cholecystectomy")),
    ("she's recovering from a knee replacement", ("MEDICAL_PROCESS", "knee replacement")),
    ("the mammogram came back clear", ("MEDICAL_PROCESS", "mammogram")),
    # occupations: titles after a cue, and specific multi-word titles bare
    ("I'm a phlebotomist at the county hospital", ("OCCUPATION", "phlebotomist")),
    ("I work as a dental hygienist", ("OCCUPATION", "dental hygienist")),
    ("the claimant is a warehouse supervisor", ("OCCUPATION", "warehouse supervisor")),
])
def test_a_vocabulary_term_is_found_and_typed(recognizer, text, expected):
    assert expected in found(recognizer, text)


@pytest.mark.parametrize("text", [
    "it's cold outside, bundle up",  # cold: a condition only after a cue
    "can you add my son as a driver on the policy",  # driver: a job only after "I work as a", "I'm a"
    "my driver's license number is on the card",
    "the server's down again",
    "the promotion ends at the end of the month",
    "I need a new charger for my phone",
    "please upload the receipt through the portal",
    "the storage is full, that's why it won't sync",
    "let me transfer you to the billing department",
    "tips for the delivery were added",  # an acronym (TIPS) is one only in capitals
    "I'm a first-time buyer",  # no title starts inside a hyphenated word (`time buyer`)
    "the market had a fever pitch this morning",  # a symptom word in another sense
    "that movie was a stroke of genius",
])
def test_everyday_words_are_not_reported(recognizer, text):
    assert found(recognizer, text) == []


def test_an_acronym_counts_where_it_is_written_in_capitals(recognizer):
    assert ("MEDICAL_CONDITION", "PTSD") in found(recognizer, "my therapist thinks it might be PTSD")
    assert found(recognizer, "the pet is fine") == []


def test_a_cue_carries_along_a_list(recognizer):
    assert found(recognizer, "I'm allergic to penicillin and, um, codeine") == [
        ("DRUG", "penicillin"), ("DRUG", "codeine")]


def test_a_cued_term_scores_above_a_bare_one(recognizer):
    cued = recognizer.matches("I was diagnosed with trigeminal neuralgia")
    bare = recognizer.matches("trigeminal neuralgia")
    assert cued[0][3] > bare[0][3] >= 0.5


def test_words_meet_terms_in_one_form():
    assert [w for w, _, _ in words("Crohn's, A-fib & COVID-19")] == ["crohns", "a", "fib", "covid", "19"]


def test_the_results_carry_the_recognizer_name_and_only_the_asked_entities(recognizer):
    text = "I'm a phlebotomist and I take metformin"
    results = recognizer.analyze(text, ["DRUG"])
    assert [(r.entity_type, text[r.start:r.end]) for r in results] == [("DRUG", "metformin")]
    assert results[0].recognition_metadata["recognizer_name"] == "VocabularyRecognizer"


@pytest.mark.parametrize("name", sorted(FILES))
def test_each_list_names_its_source_and_holds_well_formed_terms(name):
    lines = (VOCAB_DIR / name).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith(f"# {name.removesuffix('.tsv')}: built by build_vocab.py from ")
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    assert len(rows) > 1000
    for row in rows:
        assert 2 <= len(row) <= 3 and 0.0 <= float(row[1]) <= 1.0
        assert re.fullmatch(r"[^\s]+(?: [^\s]+)*", row[0])
        assert row[0] in (row[0].lower(), row[0].upper())
        assert len(row) == 2 or row[2] in ENTITIES


def test_the_build_pins_the_versions_the_vocab_extra_installs():
    # read, not imported: the build imports wordfreq, which only the vocab extra installs
    source = ast.parse((ROOT / "tools" / "vocab" / "build_vocab.py").read_text())
    PACKAGES = next(ast.literal_eval(node.value) for node in source.body  # noqa: N806
                    if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "PACKAGES")
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["vocab"]
    assert sorted(extra) == sorted(f"{name}=={version}" for name, version in PACKAGES.items())


CALL_WORDS = st.sampled_from([
    "I", "I'm", "a", "an", "the", "my", "have", "diagnosed", "with", "taking", "mg", "work", "as", "broke",
    "arm", "wrist", "PTSD", "pet", "tips", "driver's", "and", "um", "cold", "migraines", "nurse", "MRI", "x-ray",
    "A-fib", "'s", "’", "-", ",", ".", "metformin", "knee", "replacement", "surgery", "2", "mellitus",
])
UTTERANCE = st.lists(st.one_of(CALL_WORDS, st.text(max_size=8)), max_size=40).map(" ".join)


@given(st.one_of(UTTERANCE, st.text(max_size=300)))
@settings(max_examples=300, deadline=None)
def test_the_recognizer_never_raises_and_returns_ordered_spans_inside_the_text(text):
    recognizer = _RECOGNIZER
    spans = recognizer.matches(text)
    for entity, start, end, score, _ in spans:
        assert entity in ENTITIES and 0 <= start < end <= len(text) and 0 < score <= 1
    assert all(a[2] <= b[1] for a, b in zip(spans, spans[1:]))
    recognizer.analyze(text, ENTITIES)


_RECOGNIZER = VocabularyRecognizer()


@pytest.mark.parametrize("text, expected", [
    ("She was diagnosed with Marfan as a teen.", ("MEDICAL_CONDITION", "Marfan")),  # Marfan syndrome
    ("My nephew has Prader-Willi, so we lock the pantry.", ("MEDICAL_CONDITION", "Prader-Willi")),
    ("The neurologist doubled his levetiracetam and added divalproate? no, the valproate.", ("DRUG", "valproate")),
    ("She takes alendronate once a week.", ("DRUG", "alendronate")),  # alendronic acid
])
def test_a_name_said_by_its_distinctive_part_is_found(recognizer, text, expected):
    assert expected in found(recognizer, text)


@pytest.mark.parametrize("text", [
    "Did you have my blood type on the intake sheet?",  # `blood` is no condition after `have my`
    "Turn left at the light, green light means go.",  # no term across a comma: `light green`
    "He broke it with his hands.",
])
def test_list_noise_and_terms_across_punctuation_are_not_reported(recognizer, text):
    assert found(recognizer, text) == []


def test_a_procedure_name_before_a_device_names_the_device(recognizer):
    assert found(recognizer, "Can you borrow a blood pressure cuff from a neighbor?") == []
