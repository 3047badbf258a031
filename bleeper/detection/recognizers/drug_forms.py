"""Drug names the lists do not hold as written: a listed name Whisper misspelled after a word that
says a drug follows (`she's on Metforman`, `they gave me amoxicilin`), a capitalised brand before
its form (`a Trelegy inhaler`, `Flonase nasal spray`), and vitamins (`vitamin D`, `B12`) (issue 12).

Whisper writes rare brand and generic names by their sound, so an exact look-up in drugs.tsv
misses them; the nearest listed name by spelling finds them, and only where a drug cue stands
next to the word (the cues of vocabulary.py), so an everyday word that is near a drug name in
spelling (`pretzel`) is not one unless it is taken, prescribed or dosed.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.result import merged, result
from bleeper.detection.recognizers.vocabulary import VOCAB_DIR, load_terms, words

# said just before a drug: `taking`, `I'm on`, `prescribed`, `a refill of`
_BEFORE = frozenset({
    ("taking",), ("take",), ("takes",), ("took",), ("im", "on"), ("shes", "on"), ("hes", "on"), ("been", "on"),
    ("started", "on"), ("prescribed",), ("refill", "of"), ("refill", "on"), ("dose", "of"), ("switched", "to"),
    ("gave", "me"), ("gave", "him"), ("gave", "her"), ("put", "me", "on"), ("put", "him", "on"),
    ("put", "her", "on"), ("allergic", "to"), ("mg", "of"), ("milligrams", "of"),
})
# said just after one: its dose, form or schedule
_AFTER = frozenset({"mg", "milligrams", "mcg", "pill", "pills", "tablet", "tablets", "capsule", "capsules",
                    "inhaler", "injection", "injections", "pen", "pens", "patch", "cream", "ointment"})
_SKIP = frozenset({"a", "an", "the", "my", "his", "her", "um", "uh", "like", "some", "generic", "brand", "name"})
FORMS = re.compile(
    r"(?<=[a-z,] )([A-Z][a-z]{3,}(?:[- ][A-Z][a-z]+)?)\s+(?:inhalers?|nasal spray|eye drops|injections?|"
    r"pens?|patch(?:es)?|cream|ointment|tablets?|capsules?|pills?|gummies|lozenges?|suppositor(?:y|ies)|"
    r"(?:\d+\s*)?(?:mg|milligrams?|mcg|micrograms?))\b")
# a form's first word that is no drug: `the Rescue inhaler`, `Sleeping pills`
_NOT_BRANDS = frozenset("rescue sleeping water allergy pain birth control blue white pink yellow green orange red "
                        "purple black brown generic vitamin daily morning night steroid insulin nicotine hormone "
                        "diet fiber iron emergency epi".split())
VITAMIN = re.compile(r"\bvitamins? (?:[A-E]|[a-e](?= )|[BbDdKk][- ]?\d{1,2}|[Bb][- ]complex|K)\b"
                     r"|(?<!gate )(?<!seat )(?<!room )(?<!row )(?<!unit )(?<!suite )(?<!bay )(?<!lot )(?<!level )"
                     r"\b[Bb][- ]?12\b(?= (?:shots?|injections?|levels?|deficien\w+|supplements?|vitamins?|pills?))",
                     re.IGNORECASE)
SIMILAR = 0.85  # `metforman` ~ `metformin` 0.89; a word of another meaning reaches 0.8 (`grandpa` ~ `grandipam`)


@cache
def common_words() -> frozenset[str]:
    """The commonest English words (vocab/common_words.txt, from wordfreq): never a misspelled drug."""
    path = VOCAB_DIR / "common_words.txt"
    return frozenset(w for w in path.read_text(encoding="utf-8").split("\n")[1:] if w)


@cache
def _drug_names() -> dict[str, tuple[str, ...]]:
    """Single-word drug names rare enough to be said bare, by their first two letters."""
    names: dict[str, list[str]] = {}
    for k, terms in load_terms().items():
        if " " not in k and len(k) >= 5 and any(t.entity == "DRUG" and t.bare > 0 for t in terms):
            names.setdefault(k[:2], []).append(k)
    return {first: tuple(ks) for first, ks in names.items()}


def nearest_drug(word: str) -> str | None:
    """The listed drug name `word` is a misspelling of, if one is close enough in spelling."""
    if len(word) < 6 or not word.isalpha() or word in common_words():
        return None
    best, score = None, SIMILAR
    for name in _drug_names().get(word[:2], ()):
        if abs(len(name) - len(word)) <= 2:
            ratio = SequenceMatcher(None, word, name).ratio()
            if ratio >= score and name != word:
                best, score = name, ratio
    return best


class DrugFormRecognizer(EntityRecognizer):
    """Misspelled drug names by a cue, brands before their form, vitamins: DRUG."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["DRUG"], name="DrugFormRecognizer", supported_language="en")

    def load(self) -> None:
        pass

    def _cued(self, keys: list[str], i: int) -> bool:
        j = i
        while j > 0 and keys[j - 1] in _SKIP and i - j < 2:
            j -= 1
        before = any(tuple(keys[max(0, k - n):k]) in _BEFORE for k in {i, j} for n in (1, 2, 3))
        return before or any(k in _AFTER for k in keys[i + 1:i + 4])

    def matches(self, text: str) -> list[tuple[int, int, float]]:
        found = []
        tokens = words(text)
        keys = [k for k, _, _ in tokens]
        known = load_terms()
        for i, (k, start, end) in enumerate(tokens):
            if len(k) >= 6 and k not in known and self._cued(keys, i) and nearest_drug(k):
                found.append((start, end, 0.7))
        for m in FORMS.finditer(text):
            first = m.group(1).split()[0].lower()
            if first not in _NOT_BRANDS and first not in common_words():
                found.append((m.start(1), m.end(1), 0.6))
        found += [(m.start(), m.end(), 0.7) for m in VITAMIN.finditer(text)]
        return merged(found)

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        if "DRUG" not in entities:
            return []
        return [result(self, "DRUG", s, e, score, "drug name by its spelling, form or cue")
                for s, e, score in self.matches(text)]
