"""The forms callers say: a list phrase cleaned, a term's plural."""

from __future__ import annotations

import re

_IRREGULAR = {"foot": "feet", "tooth": "teeth", "man": "men", "woman": "women", "child": "children",
              "knife": "knives", "leaf": "leaves", "calf": "calves"}
# no plural in speech: arthritis, sepsis, anemia, vomiting, deafness, orthopedics
_UNCOUNTABLE = re.compile(r"(?:ia|ism|ae|ing|ness|ed)$")
PARENS = re.compile(r"\s*\([^)]*\)")


def plural(phrase: str) -> str | None:
    """`migraine` → `migraines`, `allergy` → `allergies`; None where a plural is not said."""
    head, _, last = phrase.rpartition(" ")
    if not last.isalpha() or len(last) < 3 or last.endswith("s") or last.isupper():
        return None
    if last in _IRREGULAR:
        many = _IRREGULAR[last]
    elif _UNCOUNTABLE.search(last):
        return None
    elif last.endswith("y"):
        many = last + "s" if last[-2] in "aeiou" else last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh", "z")):
        many = last + "es"
    elif last.endswith("man"):
        many = last[:-3] + "men"
    else:
        many = last + "s"
    return f"{head} {many}".strip()


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,;:.-").lower()
