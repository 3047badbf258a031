"""spaCy's NER, minus the guesses that call speech shows to be wrong: single lower-case words
(`kinda`), card and form vocabulary (`Expiry 10 29`, `zip code is`), street names as people,
short acronyms as people (`LTE`), and a sentence-initial word that is a name only elsewhere
(`Bill pay is…`, `Hunter green or…`, `Grace period's…`). Filtering here, inside the recognizer,
lets a rule-based result for the same span win Presidio's de-duplication."""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

# words that make a spaCy PERSON/ORG guess wrong in call speech ("Expiry 10 29", "zip code is")
DOMAIN_WORDS = {"expiry", "exp", "zip", "code", "name", "cvv", "ssn", "dob", "pin", "account", "card", "number",
                 "routing", "ip", "vin", "lte", "medicare", "medicaid", "sec", "password", "username", "email"}
_STREET_WORDS = {"street", "road", "lane", "avenue", "drive", "court", "boulevard", "place", "way", "circle"}
# what may follow a sentence-initial first name ("Grace is my daughter" but not "Grace period")
_NAME_FOLLOWERS = {"is", "was", "said", "says", "called", "will", "would", "has", "had", "and", "from", "here",
                   "speaking", "told", "can", "could", "just", "did", "does", "gave", "sent", "asked", "wants",
                   "needs", "spoke", "isn't", "wasn't", "texted", "emailed", "left", "went"}
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
_TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Mt|Jr|Sr)\.$")


def _plausible(text: str, r: RecognizerResult) -> bool:
    """Drop spaCy sm guesses that call speech shows to be wrong (eval/README.md lists them)."""
    span = text[r.start:r.end]
    words = [w.lower().removesuffix("'s") for w in _WORD.findall(span)]
    if (len(words) < 2 and not any(c.isupper() for c in span)) or any(w in DOMAIN_WORDS for w in words):
        return False  # "kinda", "zip code"; but Whisper does write "bill ferrante" in lower case
    if r.entity_type == "PERSON" and (any(w in _STREET_WORDS for w in words) or (span.isupper() and len(span) <= 5)):
        return False
    raw = _WORD.findall(span)
    before = text[:r.start].rstrip()
    if len(raw) >= 2 and raw[1][0].islower() and (not before or before[-1] in ".?!"):
        return False  # "Grace period's ten days": a name would be capitalised throughout
    if len(words) == 1:
        at_start = not before or (before[-1] in ".?!" and not _TITLE.search(before))
        following = _WORD.match(text[r.end:].lstrip(" ,"))
        nxt = following.group() if following else ""
        if at_start and nxt and nxt[0].islower() and nxt not in _NAME_FOLLOWERS and not span.endswith("'s"):
            return False  # "Bill pay is…", "Hunter green or…"
        if span.endswith("'s") and at_start and nxt[:1].islower():
            return False  # "Grace period's ten days"
    return True



class CallSpacyRecognizer(SpacyRecognizer):
    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        return [r for r in super().analyze(text, entities, nlp_artifacts) if _plausible(text, r)]
