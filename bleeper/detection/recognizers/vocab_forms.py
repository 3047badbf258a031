"""Shorter forms of the built lists' terms that callers say and the lists do not hold, derived when
the lists are loaded: an ICD name without its generic tail (`Ehlers-Danlos` for `Ehlers-Danlos
syndrome`, `the myasthenia` for `myasthenia gravis`) and a drug acid by its salt (`valproate` for
`valproic acid`, `alendronate` for `alendronic acid`) (issue 12).

A caller names a rare condition by its distinctive part, the way clinicians do; a tail such as
`syndrome` adds nothing they need to say. The remainder is a term only where it is no everyday
word (vocab/common_words.txt: `heart disease` gives no `heart`, `Graves' disease` no `graves`)
and no adjective left loose (`bullous`, `glomerular`: English adjective endings), so the derived
forms are eponyms and rare nouns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

VOCAB_DIR = Path(__file__).parent / "vocab"
DERIVED_SCORE = 0.6
# a one-word eponym is also a surname or a first name (`Benedikt` of Benedikt syndrome, `Marfan`):
# it counts after a cue or in talk of health (health_context.py), never bare
EPONYM_SCORE = 0.0

# tails of an ICD name that say only that it is an illness: `syndrome`, `disease`, and the Latin
# qualifiers of a named one (`myasthenia gravis`, `anorexia nervosa`, `diabetes mellitus`)
GENERIC_TAIL = frozenset("syndrome syndromes disease diseases disorder disorders gravis vulgaris nervosa mellitus "
                         "simplex multiplex".split())
# a remainder that is an adjective cut loose or a fragment of a longer phrase, not a name
_ADJECTIVE = re.compile(r"(?:al|ar|ic|ous|ive|ary|ory|ed|ing|ent|ant|oid|ile|ible|able|tic)$")
_FRAGMENT = frozenset("in and other related like group of with".split())
# an acid said by its salt: `valproic acid` → `valproate`
_ACID = re.compile(r"^([a-z]{4,})ic acid$")


@cache
def common_words(directory: Path = VOCAB_DIR) -> frozenset[str]:
    """The commonest English words (vocab/common_words.txt, from wordfreq)."""
    path = directory / "common_words.txt"
    if not path.exists():
        return frozenset()
    return frozenset(w for w in path.read_text(encoding="utf-8").split("\n")[1:] if w)


def _name_without_tail(k: str, common: frozenset[str]) -> str | None:
    words = k.split()
    if len(words) < 2 or words[-1] not in GENERIC_TAIL:
        return None
    rest = words[:-1]
    if (len(rest) > 3 or _FRAGMENT & set(rest) or _ADJECTIVE.search(rest[-1]) or len(rest[-1]) < 3
            or any(not w.isalpha() for w in rest if not w.isdigit()) or all(w in common for w in rest)):
        return None
    return " ".join(rest)


def derived_form_score(form: str, entity: str) -> float:
    """The score a bare mention of a derived form earns: a one-word condition name, none."""
    return EPONYM_SCORE if entity == "MEDICAL_CONDITION" and " " not in form else DERIVED_SCORE


def derived_forms(terms: dict[str, list[str]], common: frozenset[str]) -> Iterable[tuple[str, str]]:
    """(key, entity) of each derived form not already a term; `terms` maps key → its entities."""
    seen: set[str] = set()
    for k, entities in terms.items():
        form, entity = None, None
        if "MEDICAL_CONDITION" in entities:
            form, entity = _name_without_tail(k, common), "MEDICAL_CONDITION"
        if form is None and "DRUG" in entities and (m := _ACID.match(k)):
            form, entity = f"{m.group(1)}ate", "DRUG"
            if form in common:
                form = None
        if form and form not in terms and form not in seen:
            seen.add(form)
            yield form, entity
