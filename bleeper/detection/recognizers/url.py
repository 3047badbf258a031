"""Web addresses: as Whisper writes speech (`hartwell pharmacy dot com slash refill`) and as
written (`www.hartwell.com/refill`)."""

import re

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import UrlRecognizer

from bleeper.detection.recognizers.spoken_email import DOT, TLD


class SpokenUrlRecognizer(PatternRecognizer):
    PATTERNS = [
        Pattern("spoken url", rf"\b(?:www{DOT})?(?!(?:the|a|is|this|that|it|its|your|my)\b)[a-z0-9-]+"
                              rf"(?: (?!(?:the|a|is|this|that|it|its|your|my)\b)[a-z0-9-]+)?{DOT}{TLD}"
                              r"(?:\s+slash\s+[a-z0-9-]+)*\b(?!\s*(?:at|@)\b)", 0.6),
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
