"""Consistent pseudonyms: the same person, number or address gets the same token all through a
call (`[PERSON_NAME_1]` for every mention of Sarah Jennings, `[PERSON_NAME_2]` for David).

The rule, per policy, in order of mention:
- values are normalised: lower case, titles (Mr, Mrs, Ms, Miss, Mister, Dr) and possessive `'s`
  dropped, spelled letters joined (`S A R A H` → `sarah`), spoken digits read as digits
  (`six one oh` → `610`), everything but letters and digits removed;
- person names compare as sets of words: a mention joins the earlier person whose words contain
  all of its words, or whose words it contains (`Sarah`, `Sarah Jennings` and `Mrs. Jennings` are
  one person); when several earlier people fit, the most recently mentioned wins;
- every other policy compares the normalised value exactly (`610-265-1714` = `6 1 0 2 6 5 1 7 1 4`).
"""

from __future__ import annotations

import re

from bleeper.detection.recognizers.numbers import find_runs

TITLES = {"mr", "mrs", "ms", "miss", "mister", "missus", "dr", "doctor", "sir", "madam"}


def _name_words(value: str) -> frozenset[str]:
    text = re.sub(r"'s\b", "", value.lower())
    if re.fullmatch(r"[a-z](?:[\s,.-]+[a-z]){2,}", text.strip()):  # spelled: "s a r a h", "L-O-W-R-Y"
        return frozenset({re.sub(r"[^a-z]", "", text)})
    words = [w for w in re.findall(r"[a-z]+", text) if w not in TITLES]
    return frozenset(words)


def _canonical(value: str) -> str:
    runs = find_runs(value)
    if runs and sum(r.end - r.start for r in runs) >= len(value.strip()) * 0.6:
        return "".join(r.digits for r in runs).lower()
    return re.sub(r"[^a-z0-9]", "", value.lower())


def assign(mentions: list[tuple[str, str]]) -> list[int]:
    """For (policy, value) mentions in order, the 1-based pseudonym number of each within its policy."""
    numbers: list[int] = []
    people: dict[str, list[tuple[frozenset[str], int, int]]] = {}  # policy -> (words, number, last seen)
    exact: dict[str, dict[str, int]] = {}
    for index, (policy, value) in enumerate(mentions):
        if policy == "person_name":
            words = _name_words(value)
            known = people.setdefault(policy, [])
            fits = [i for i, (w, _, _) in enumerate(known) if words and (words <= w or w <= words)]
            if fits:
                best = max(fits, key=lambda i: known[i][2])
                w, n, _ = known[best]
                known[best] = (w | words, n, index)
            else:
                n = len(known) + 1
                known.append((words, n, index))
            numbers.append(n)
        else:
            seen = exact.setdefault(policy, {})
            numbers.append(seen.setdefault(_canonical(value), len(seen) + 1))
    return numbers
