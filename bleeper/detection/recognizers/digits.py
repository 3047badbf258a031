"""Digit runs the way Whisper writes them: `4532-0151-…`, `4, 5, 3, 2, …`, `6 1 0 2 6 5 …`."""

from __future__ import annotations

import re

# 1-4 digit groups joined by spaces, dashes, dots or commas (at most two separator characters)
GROUPED_DIGITS = r"(?<![\w-])\(?\d{1,4}\)?(?:[ .,-]{1,2}\(?\d{1,4}\)?){%d,%d}(?![\w-])"


def digits_of(text: str) -> str:
    return re.sub(r"\D", "", text)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0
