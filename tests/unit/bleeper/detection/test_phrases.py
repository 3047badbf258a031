"""A phrase is found however Whisper spaces, punctuates and capitalises it, and never inside a
longer word or number."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.phrases import PhraseIndex, stream

words = st.lists(st.from_regex(r"[a-z]{2,8}|[0-9]{1,5}", fullmatch=True), min_size=1, max_size=4)
separators = st.sampled_from([" ", "-", ", ", ". ", " - ", "  "])


@settings(max_examples=300, deadline=None)
@given(words, st.data())
def test_a_phrase_is_found_whatever_the_case_and_separators(parts: list[str], data) -> None:
    phrase = " ".join(parts)
    said = ""
    for i, part in enumerate(parts):
        if i:
            said += data.draw(separators)
        said += data.draw(st.sampled_from([part, part.upper(), part.capitalize()]))
    text = f"so {said}, right"
    assert PhraseIndex([phrase]).spans(text) == [(3, 3 + len(said))]


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"[a-z]{2,8}|[0-9]{1,5}", fullmatch=True), st.from_regex(r"[a-z0-9]", fullmatch=True))
def test_a_word_is_not_found_inside_a_longer_word_or_number(phrase: str, extra: str) -> None:
    assert PhraseIndex([phrase]).spans(f"so {phrase}{extra} and {extra}{phrase} ok") == []


def test_spoken_digits_read_as_digits() -> None:
    s = stream("code eight two, oh 4")
    assert s.chars == "code8204"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.lists(st.text(min_size=1, max_size=20), max_size=5))
def test_any_text_and_phrases_give_ordered_spans_inside_the_text(text: str, phrases: list[str]) -> None:
    spans = PhraseIndex(phrases, plural=True).spans(text)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
