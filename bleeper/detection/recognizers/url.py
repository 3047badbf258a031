"""Web addresses: as Whisper writes speech (`hartwell pharmacy dot com slash refill`) and as
written (`www.hartwell.com/refill`)."""

import re

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import UrlRecognizer

from bleeper.detection.recognizers.spoken_email import DOT, TLD


# a label of a spoken host: a word or two (`paddock cloud`), or words joined by a said dash
# (`tix dash verify`); not the words a sentence puts before an address
# (words that could name a host are labels right before a dot: `my dot coldspring dot edu`)
_NOT_LABEL = (r"(?!(?:the|a|an|is|was|were|are|be|this|that|it|its|it's|at|to|on|in|of|for|from|with|and|or|uh|um|"
              rf"so|then)\b)(?!(?:your|my|our|me|us|go|visit|type|says|said|called|named|like|just|try)\b(?!{DOT}))")
_LABEL = rf"{_NOT_LABEL}[a-z0-9-]+(?: {_NOT_LABEL}[a-z0-9-]+)?(?: dash [a-z0-9]+)*"
# `www`, said as one word or letter by letter
_WWW = r"(?:www|w w w|w-w-w|double-u double-u double-u)"
# a path: `slash upload`, `slash c h 2`, `slash e sign` (letters said one by one, then a word)
_PATH = r"(?:\s+slash\s+(?:[a-z0-9] )*[a-z0-9-]+)*"


class SpokenUrlRecognizer(PatternRecognizer):
    PATTERNS = [
        # subdomains kept: `status dot paddock cloud dot io`, `w w w dot tallyhome dot com`
        Pattern("spoken url", rf"\b(?:{_WWW}{DOT})?(?:{_LABEL}{DOT}){{0,3}}{_LABEL}{DOT}{TLD}{_PATH}\b"
                              r"(?!\s*(?:at|@)\b)", 0.6),
    ]
    CONTEXT = ["website", "site", "go to", "visit", "link", "page", "online", "portal"]

    def __init__(self) -> None:
        super().__init__(supported_entity="URL", patterns=self.PATTERNS, context=self.CONTEXT,
                         name="SpokenUrlRecognizer")


_URL_WORD = re.compile(r"\S*[a-z0-9.-]\.[a-z]\S*", re.IGNORECASE)  # a word with a dot inside


class WrittenUrlRecognizer(UrlRecognizer):
    """Presidio's URL recognizer, run only on the words that hold a dot between a letter or digit
    and a letter (`hartwell.com`, `www.x.org/refill`). Over the whole text its pattern (a domain,
    then a dot and one of ~600 top-level domains) is tried at every character; a URL never holds
    a space, so each match lies inside one such word and nothing is lost."""

    def __init__(self) -> None:
        super().__init__(name="UrlRecognizer")

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None, regex_flags=None  # noqa: ANN001
                ) -> list[RecognizerResult]:
        found = []
        for word in _URL_WORD.finditer(text):
            for result in super().analyze(word.group(), entities, nlp_artifacts, regex_flags) or []:
                result.start, result.end = result.start + word.start(), result.end + word.start()
                found.append(result)
        return found
