"""A whole call is one long transcript: detection must hide there what it hides in one utterance.

Detection does less work on long text than a plain Presidio setup (spaCy's NER only on sentences
that can hold a name, the spoken-email patterns only near an `at`, URL patterns only on words
with a dot, word lists only from an entry's first word): these tests show that nothing is lost.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import regex
from presidio_analyzer import PatternRecognizer
from presidio_analyzer.predefined_recognizers import UrlRecognizer

from bleeper.policies import ALL_POLICIES
from tools import evaluate
from bleeper.detection import build_analyzer, find_pii
from bleeper.detection.recognizers.medical import MedicalRecognizer
from bleeper.detection.recognizers.spoken_email import SpokenEmailRecognizer
from bleeper.detection.recognizers.url import WrittenUrlRecognizer

pytestmark = pytest.mark.slow  # loads the spaCy model

ROOT = Path(__file__).resolve().parents[4]
# the hand-written hard set is in the repository; the shared dev set where the checkout has it
EVAL_SETS = [p for p in (ROOT / "eval" / "hard_calls.jsonl", ROOT.parent / "shared" / "eval" / "pii_dev.jsonl")
             if p.exists()]
SMALL_TALK = ("Okay. Let me pull that up for you. So what can I help you with today? Sure, that's fine. "
              "Yeah, give me one second while the system loads. ")


@pytest.fixture(scope="module")
def analyzer():
    return build_analyzer()


def _as_one_call(items: list[dict]) -> dict:
    text, spans = "", []
    for item in items:
        offset = len(text) + (1 if text else 0)
        text = f"{text} {item['text']}" if text else item["text"]
        spans += [{**s, "start": s["start"] + offset, "end": s["end"] + offset} for s in item["spans"]]
    return {"id": "call", "text": text, "spans": spans}


@pytest.mark.parametrize("path", EVAL_SETS, ids=lambda p: p.name)
def test_a_whole_call_leaves_no_more_pii_visible_than_its_utterances_one_by_one(analyzer, path):
    items = evaluate.load(path)

    def predict(text: str) -> list[tuple[int, int, str]]:
        return [(f.start, f.end, f.policy) for f in find_pii(text, analyzer, ALL_POLICIES)]

    alone = evaluate.score(items, predict)
    together = evaluate.score([_as_one_call(items)], predict)
    assert together.overall.found_any == alone.overall.found_any
    assert together.visible_chars <= alone.visible_chars


def test_spacy_runs_only_the_named_entity_recognizer(analyzer):
    assert analyzer.nlp_engine.nlp["en"].pipe_names == ["ner"]


@pytest.mark.parametrize("sentence,name", [
    ("Thanks for holding, this is Priya from billing.", "Priya"),
    ("it's under my husband's name, bill ferrante.", "bill ferrante"),  # Whisper wrote no capitals
    ("The account holder is Dolores Whitfield.", "Dolores Whitfield"),
])  # fmt: skip
def test_a_name_deep_in_a_call_is_found(analyzer, sentence, name):
    text = SMALL_TALK * 20 + sentence + " " + SMALL_TALK * 5
    start = text.index(name)
    found = find_pii(text, analyzer, ALL_POLICIES)
    assert any(f.policy == "person_name" and f.start <= start and start + len(name) <= f.end for f in found)


@pytest.mark.parametrize("email", [
    "sarah dot jennings at gmail dot com",
    "R, O, S, E, dot, T, A, N, underscore, four, two, at yahoo dot com",  # every letter a word
])  # fmt: skip
def test_a_spoken_email_late_in_a_call_is_found_whole(analyzer, email):
    text = SMALL_TALK * 30 + f"My email is {email}. " + SMALL_TALK
    start = text.index(email)
    found = find_pii(text, analyzer, ALL_POLICIES)
    assert [(f.start, f.end) for f in found if f.policy == "email_address"] == [(start, start + len(email))]


def test_the_spoken_email_patterns_find_the_same_emails_near_an_at_as_everywhere():
    text = _as_one_call([i for p in EVAL_SETS for i in evaluate.load(p)])["text"]
    fast = SpokenEmailRecognizer()
    everywhere = PatternRecognizer(supported_entity="EMAIL_ADDRESS", patterns=SpokenEmailRecognizer.PATTERNS)
    spans = sorted((r.start, r.end) for r in fast.analyze(text, ["EMAIL_ADDRESS"]))
    assert spans and spans == sorted((r.start, r.end) for r in everywhere.analyze(text, ["EMAIL_ADDRESS"]))


@pytest.mark.parametrize("vocabulary", ["CONDITION", "DRUG", "PROCEDURE"])
def test_the_medical_word_lists_find_what_their_regex_finds_everywhere(vocabulary):
    text = _as_one_call([i for p in EVAL_SETS for i in evaluate.load(p)])["text"]
    text += " Ms. Lee has MS and type 2 diabetes; she takes metformin after her MRI and covid-19-related care."
    words = [(m.start(), m.group().lower()) for m in re.finditer(r"\w+", text)]
    v = getattr(MedicalRecognizer, vocabulary)
    assert [m.span() for m in v.finditer(text, words)] == [m.span() for m in v.regex.finditer(text)]


@pytest.mark.parametrize("said,number", [
    ("My phone number is +1 484-616-3311.", "+1 484-616-3311"),
    ("You can call us directly at 1-888-276-4410, extension 3.", "1-888-276-4410, extension 3"),
])  # fmt: skip
def test_a_phone_number_is_hidden_with_its_country_code_and_extension(analyzer, said, number):
    found = [(f.start, f.end, f.policy) for f in find_pii(said, analyzer, ALL_POLICIES)]
    start = said.index(number)
    assert (start, start + len(number), "phone_number") in found


def test_a_long_dashed_digit_run_before_an_at_does_not_stall_email_detection():
    """`account 0-0-0-5-3-4… at Ally`: the local-part pattern once tried every split of such a run
    into parts (hours for 40 digits). The timeout is a hang guard, not a speed measurement."""
    text = "Okay, bank account " + "-".join("0005341988" * 4) + " at Ally. Routing is next."
    for pattern in SpokenEmailRecognizer.PATTERNS:
        compiled = regex.compile(pattern.regex, regex.IGNORECASE | regex.MULTILINE | regex.DOTALL)
        assert list(compiled.finditer(text, timeout=30)) == []


def test_written_urls_are_found_as_presidio_finds_them_in_the_whole_text():
    text = _as_one_call([i for p in EVAL_SETS for i in evaluate.load(p)])["text"]
    text += (" Go to www.hartwell-pharmacy.com/refill or https://portal.example.org/a?b=1, or \"mychart.health\". "
             "The file is notes.txt, version 2.5, e.g. later. Mail sarah.jennings@gmail.com today.")
    fast = WrittenUrlRecognizer()
    spans = sorted((r.start, r.end) for r in fast.analyze(text, ["URL"]))
    assert len(spans) >= 3 and spans == sorted((r.start, r.end) for r in UrlRecognizer().analyze(text, ["URL"]))
