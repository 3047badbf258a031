"""A custom entity's pattern is refused when it can take catastrophic time, with a message saying
what to change, and accepted when it is an ordinary one; any string given as a pattern gets one
of those two answers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.custom import patterns
from bleeper.errors import InvalidRequest

CATASTROPHIC = [
    r"(a+)+$", r"(a|aa)*b", r"(\w+\s?)*$", r"(a*)*b", r"(a?)*b", r"(.*a){12}", r"(x+x+)+y", r"(\d+\.?)+$",
    r"(?:[a-z]+ ?)+$", r"(a{1,5}){16}", r"(a|a)*", r"(ab|a)*c",
]
ORDINARY = [
    r"\d{5}-\d{5}", r"[A-Z]{2}\d{4}", r"\bINC\d{7}\b", r"(\d{3}-){2}\d{4}", r"(\d{1,3}\.){3}\d{1,3}",
    r"\w+(\s\w+)*", r"^(\w+\.)+com$", r"(cat|dog)+", r"acme ?\d+", r"(?i)order #?\d{6,8}", r"[a-z]+-\d+",
]


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_a_pattern_that_can_backtrack_catastrophically_is_refused_with_what_to_fix(pattern: str) -> None:
    with pytest.raises(InvalidRequest) as refused:
        patterns.check(pattern, "entities[0].pattern")
    message = refused.value.message
    assert message.startswith("entities[0].pattern: ")
    assert any(w in message for w in ("repeat", "alternatives", "too long"))
    assert pattern not in message  # never echoed


@pytest.mark.parametrize("pattern", ORDINARY)
def test_an_ordinary_pattern_is_accepted(pattern: str) -> None:
    patterns.check(pattern)


@pytest.mark.parametrize("pattern, problem", [
    ("", "empty"), ("   ", "empty"), (r"\d*", "empty string"), (r"(a)\1", "backreferences"),
    ("x{2000}", "over 1000"), ("(", "not a regular expression"), ("a" * 600, "longer than"),
    (r"\p{L}+", "not a regular expression"),
])
def test_a_pattern_that_cannot_work_is_refused(pattern: str, problem: str) -> None:
    with pytest.raises(InvalidRequest, match=problem):
        patterns.check(pattern)


def test_a_pattern_runs_case_insensitively_as_whisper_capitalises_codes_at_random() -> None:
    assert patterns.check(r"AB\d{4}").search("it's ab1234 I think")


def test_a_pattern_over_its_timeout_raises_with_the_entity_name_only() -> None:
    slow = patterns.compiled(r"(a+)+$")  # never accepted by check: as if stored before these rules
    with pytest.raises(patterns.PatternTimeout) as stopped:
        patterns.finditer(slow, "a" * 50_000 + "b", timeout=0.05, name="PRODUCT_CODE")
    assert stopped.value.name == "PRODUCT_CODE"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60) | st.from_regex(r"[()\[\]a\\d+*?|{}1,5.^$ws-]{1,20}", fullmatch=True))
def test_any_string_as_a_pattern_is_either_accepted_or_refused_with_a_400(pattern: str) -> None:
    try:
        compiled = patterns.check(pattern)
    except InvalidRequest as exc:
        assert exc.http_status == 400
    else:
        # accepted: it runs on a long adversarial text within its detection timeout
        patterns.finditer(compiled, ("a1 -" * 2000) + "!", timeout=2.0, name="X")
