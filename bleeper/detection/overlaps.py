"""How overlapping candidates become one typed span per region (`resolve_overlaps`): which
recognizer's type wins where two disagree (`_rank`), and where a union splits into pieces of
different types."""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS

from bleeper.detection.recognizers.numbers import NUMBER_WORDS


def _rank(r: RecognizerResult, text: str = "") -> tuple[float, float]:
    # spaCy sm's guesses yield the type to a rule that knows what it found: it tags digit runs,
    # spelled names and street addresses as ORG or GPE (shared/notes/asr-and-detection.md).
    # The learned tagger has no organisation label and reads "Blue Ridge Plumbing" as a place, so
    # its places yield to spaCy too (organisation recall fell to 0.14 on the hard set otherwise).
    # Its names do not: ranked under spaCy they lost more (hard set precision 0.904 -> 0.889).
    # Its names do yield to a rule that typed the same words from a closed vocabulary or a cue
    # (`I'm Filipino`, `I'm a Leo`, `your Wells Fargo account`): it has no label for them. Measured
    # alone: hard set unchanged, dev precision 0.921 -> 0.926, blind tune half 0.909 -> 0.922.
    # Its places that hold a digit are address parts (a house number, a unit, a ZIP: `91 Lakeview
    # Terrace`, `IL 60651`), no organisation's name: they rank over spaCy (Presidio has dropped the
    # street-line rule's equal span for the tagger's), still under the rules (it calls digit runs
    # places: ranked as a rule, SSNs and phones became locations). Measured alone: location recall
    # dev 0.975 -> 1.0, blind tune half 0.921 -> 0.947, organisation precision up, nothing down.
    recognizer = (r.recognition_metadata or {}).get("recognizer_name")
    # an account's own entity types say exactly what a span is: they name it over any built-in
    # guess (a product code is also a number sequence), so /entities and `exclude` see it as such
    if recognizer == "CustomEntityRecognizer":
        return (3, r.score)
    if recognizer == "LearnedRecognizer":
        if r.entity_type == "LOCATION":
            if _DIGIT.search(text, r.start, r.end):
                return (1.2, r.score)
            # after a word of going or being somewhere (`flew into Reykjavik`, `out of Kalispell`) a
            # place it reads is one, though spaCy sm calls an unfamiliar town an organisation
            return (1.1 if _PLACE_BEFORE.search(text[max(0, r.start - 40):r.start]) else 0, r.score)
        return (1.5, r.score)
    # names.py reads any spelling as a name; a rule that knows what was spelled types it (`password
    # is pinecone, P-I-N-E-C-O-N-E`, `K as in kilo, 7, R…` an id)
    if recognizer == "NameRecognizer":
        return (1.9, r.score)
    # a token shaped like nothing but a handle (`Gr8fulDad1971`) is one, though an id rule reads its digits
    if recognizer == "HandleRecognizer":
        return (2.1, r.score)
    # a word that counts only because the sentence is about health (health_context.py: a cue-only
    # list word, a misspelt drug) is a weaker guess than the tagger's name (`refill for Perpetua`)
    if recognizer == "HealthContextRecognizer":
        return (1.4, r.score)
    # a birth date says more than the holiday inside it (`the fourth of July, nineteen eighty-five`)
    if r.entity_type == "DATE_OF_BIRTH":
        return (2.05, r.score)
    # a said file extension types the whole name (`invoice dash 2024 dot xlsx` holds a digit run)
    if recognizer == "FilenameRecognizer":
        return (2.5, r.score)
    return (1 if recognizer in {"SpacyRecognizer", "CallSpacyRecognizer"} else 2, r.score)


_DIGIT = re.compile(r"\d")
_PLACE_BEFORE = re.compile(r"(?i)\b(?:in|from|to|into|out of|near|outside(?: of)?|around|through|via|visiting|"
                           r"moved|live|lives|living|based|born|grew up|headed|heading|flew|fly|flying|drove|driving)"
                           r"(?:,? (?:uh|um))?,? $")


def resolve_overlaps(results: list[RecognizerResult], text: str = "") -> list[RecognizerResult]:
    """One span per region and type: overlapping candidates cover their union, nothing less.

    Presidio keeps partial overlaps of different types, which duplicates text when anonymized;
    covering the union fails closed (nothing either candidate covered stays visible). Inside the
    union each character takes the type of the best candidate over it, so a shop named inside a
    place spaCy read whole (`the Walmart on Pocatello Creek Road`) stays an organisation and the
    road a location. A piece with no word of its own (`the`, `on`, digits, number words, fillers)
    joins its neighbour: types split only where words do, so a card read partly as a phone is
    still one card.
    """
    merged: list[RecognizerResult] = []
    # ties broken by type and recognizer, not by the order Presidio returned them in (which follows
    # set iteration: `Banco Pichincha` flipped between organisation and name with PYTHONHASHSEED)
    cluster: list[RecognizerResult] = []
    for r in sorted(results, key=lambda r: (r.start, -r.end, r.entity_type,
                                            (r.recognition_metadata or {}).get("recognizer_name", ""))):
        if cluster and r.start >= max(c.end for c in cluster):
            merged.extend(_partition(cluster, text))
            cluster = []
        cluster.append(r)
    if cluster:
        merged.extend(_partition(cluster, text))
    return merged


def _with(best: RecognizerResult, start: int, end: int) -> RecognizerResult:
    return RecognizerResult(best.entity_type, start, end, best.score, analysis_explanation=None,
                            recognition_metadata=best.recognition_metadata)


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_NOT_OWN_WORDS = STOP_WORDS | NUMBER_WORDS | {"uh", "um", "er", "ah", "like", "dash", "dot", "slash"}


def _names_something(text: str, start: int, end: int) -> bool:
    """A piece that names something of its own: whole words, two or more, one capitalised and not
    a function word, number or filler (`on Pocatello Creek Road`; not `calling`, `Break`, `-Brennan`)."""
    piece = text[start:end]
    whole = (start == 0 or text[start - 1].isspace() or piece[:1].isspace()) and \
        (end == len(text) or not text[end].isalnum() and text[end] not in "-'’")
    words = _WORD.findall(piece)
    named = [w for w in words if len(w) > 1 and w.lower() not in _NOT_OWN_WORDS]
    return whole and len(words) >= 2 and any(w[0].isupper() for w in named)


def _partition(cluster: list[RecognizerResult], text: str) -> list[RecognizerResult]:
    """Overlapping candidates → adjacent spans covering their union, each typed by its best."""
    start, end = cluster[0].start, max(c.end for c in cluster)
    ranks = {id(c): _rank(c, text) for c in cluster}
    overall = max(cluster, key=lambda c: ranks[id(c)])  # ties: the first, as Presidio's order put it
    if len({c.entity_type for c in cluster}) == 1 or not text:
        return [_with(overall, start, end)]
    # each character's best candidate, then runs of one winner
    runs: list[list] = []  # [start, end, winner]
    for i in range(start, end):
        best = max((c for c in cluster if c.start <= i < c.end), key=lambda c: ranks[id(c)], default=None)
        if runs and (best is None or runs[-1][2] is best or best.entity_type == runs[-1][2].entity_type):
            runs[-1][1] = i + 1
        else:
            runs.append([i, i + 1, best])
    # a run that names nothing of its own joins its neighbour; the lowest-ranked goes first, and the
    # joined run keeps the better of the two types (ties: the candidate Presidio's order put first)
    order = {id(c): k for k, c in enumerate(cluster)}

    def better(a: RecognizerResult, b: RecognizerResult) -> RecognizerResult:
        return max((a, b), key=lambda c: (ranks[id(c)], -order[id(c)]))

    while len(runs) > 1:
        weak = [k for k, r in enumerate(runs) if not _names_something(text, r[0], r[1])]
        if not weak:
            break
        k = min(weak, key=lambda k: (ranks[id(runs[k][2])], -order[id(runs[k][2])]))
        neighbours = [j for j in (k - 1, k + 1) if 0 <= j < len(runs)]
        into = max(neighbours, key=lambda j: (ranks[id(runs[j][2])], -order[id(runs[j][2])]))
        lo, hi = sorted((k, into))
        runs[lo:hi + 1] = [[runs[lo][0], runs[hi][1], better(runs[k][2], runs[into][2])]]
    out: list[RecognizerResult] = []
    for s, e, best in runs:
        if out and out[-1].entity_type == best.entity_type:
            out[-1] = _with(out[-1] if _rank(out[-1], text) >= _rank(best, text) else best, out[-1].start, e)
        else:
            if out:  # the space between two pieces is neither's: "[ORGANIZATION] [LOCATION]"
                while s < e and text[s].isspace():
                    s += 1
                while out[-1].end > out[-1].start and text[out[-1].end - 1].isspace():
                    out[-1] = _with(out[-1], out[-1].start, out[-1].end - 1)
            out.append(_with(best, s, e))
    return out
