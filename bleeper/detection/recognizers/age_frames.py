"""Ages said bare, that the description around them makes ages: a number set off by commas
next to a person's looks (`Sixteen, short purple hair, nose ring`) or after what someone is
(`he's a retired machinist, seventy-one, and`), and a child's age after a height said `for her
age` (`tall for her age, like five seven at twelve`).

A number between commas is a count or a list as often (`sixteen, seventeen, eighteen`), so the
frame asks for the description next to it, not just the commas.
"""

from __future__ import annotations

import re

from bleeper.detection.recognizers.quantities import SMALL, word_before
from bleeper.detection.recognizers.quantity_readings import Quantity
from bleeper.detection.recognizers.sentences import sentence_start

# how a person looks, said right after their age: `Sixteen, short purple hair`, `forty, heavy-set`
LOOKS_AFTER = re.compile(
    r"[ \t]*,[ \t]*(?:[a-z'-]+[ \t]+){0,3}?(?:hair|haired|eyes|eyed|tall|short|skinny|slim|thin|heavy(?:-?set)?|"
    r"stocky|petite|blonde?|brunette|redhead|bald|beard(?:ed)?|mustache|glasses|tattoos?|freckles|pierc\w+|"
    r"nose ring|wearing|dressed|build)\b")
# what someone is, said right before their age: `he's a retired machinist, seventy-one,`
WHAT_BEFORE = re.compile(r"\b(?:he's|she's|he is|she is|i'm|i am|he was|she was)[ \t]+(?:a|an)[ \t]+"
                         r"[a-z' -]{2,30},[ \t]*$")
# the clause boundary before a described age: the sentence's start or a comma
OPENS = re.compile(r"(?:^|[.?!][ \t]+|,[ \t]*)$")
# a child's age said after how tall they are for it
FOR_AGE = re.compile(r"\bfor (?:his|her|my|their|your|its|our) age\b")


def described(text: str, low: str, q: Quantity) -> tuple[int, int, float, str] | None:
    """An age set off by commas next to a person's looks or after what they are."""
    age = q.whole
    if age is None or not 1 <= age <= 110 or len(q.groups) != 1 or q.digit_string:
        return None
    start = max(0, q.start - 50)
    if not OPENS.search(text, start, q.start) or word_before(low, q.start) in SMALL \
            or re.search(r"\d,?[ \t]*$", low[start:q.start]):
        return None  # `fourteen, fifteen, sixteen, short of`: a count going on
    if LOOKS_AFTER.match(low, q.end) or (low.startswith(",", q.end) and WHAT_BEFORE.search(low, start, q.start)):
        return q.start, q.end, 0.55, "a number said with how a person looks or what they are"
    return None


def at_age_for_height(low: str, q: Quantity) -> tuple[int, int, float, str] | None:
    """`tall for her age, like five seven at twelve`: a child's age after `at` where the sentence
    says `for her age`."""
    age = q.whole
    if age is None or not 1 <= age <= 24 or len(q.groups) != 1 or word_before(low, q.start) != "at":
        return None
    window = low[max(0, q.start - 80):q.start]
    cut = sentence_start(window, len(window))
    return (q.start, q.end, 0.5, "a child's age for a height") if FOR_AGE.search(window, cut) else None
