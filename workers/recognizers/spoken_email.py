"""Emails and web addresses as Whisper writes speech: `sarah dot jennings at gmail dot com`,
`Sir.Jennings at mail.com`, `R, O, S, E, dot, T, A, N, at gmail dot com`,
`hartwell pharmacy dot com slash refill`."""

from presidio_analyzer import Pattern, PatternRecognizer

_TLD = r"(?:com|net|org|edu|gov|io|co|us|uk|info|biz|me|ca|de|health|app)"
_DOT = r"(?:\s*\.\s*|,?\s+dot,?\s+)"
# a word of the local part: not the words that announce an email
_PART = (r"(?!(?:email|e-mail|address|is|it's|its|my|to|at|the|send|it|me|mail|work|personal|spell|that|"
         r"and|or|use|uh|um)\b)[a-z0-9][a-z0-9_%+-]*")
# never empty: an empty separator would let the regex split a word every possible way
_JOIN = r"(?:\s*,\s*|\s+|[._-])(?:(?:dot|underscore|dash|hyphen|period)(?:\s*,\s*|\s+))?"
_LOCAL = rf"{_PART}(?:{_JOIN}{_PART}){{0,12}}"
_AT = r",?\s+(?:at|@)(?:\s+(?:symbol|sign))?,?\s+"
_DOMAIN = rf"[a-z0-9-]+(?:\s+[a-z0-9-]+)?(?:{_DOT}[a-z0-9-]+)*{_DOT}{_TLD}"


class SpokenEmailRecognizer(PatternRecognizer):
    PATTERNS = [
        Pattern("spoken email", rf"\b{_LOCAL}{_AT}{_DOMAIN}\b", 0.9),
        Pattern("email missing its domain dot", rf"\b{_LOCAL}{_AT}(?:gmail|yahoo|outlook|hotmail|icloud|aol)\b", 0.7),
    ]
    CONTEXT = ["email", "e-mail", "address", "mail"]

    def __init__(self) -> None:
        super().__init__(
            supported_entity="EMAIL_ADDRESS",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            name="SpokenEmailRecognizer",
        )


class SpokenUrlRecognizer(PatternRecognizer):
    PATTERNS = [
        Pattern("spoken url", rf"\b(?:www{_DOT})?(?!(?:the|a|is|this|that|it|its|your|my)\b)[a-z0-9-]+"
                              rf"(?: (?!(?:the|a|is|this|that|it|its|your|my)\b)[a-z0-9-]+)?{_DOT}{_TLD}"
                              r"(?:\s+slash\s+[a-z0-9-]+)*\b(?!\s*(?:at|@)\b)", 0.6),
    ]
    CONTEXT = ["website", "site", "go to", "visit", "link", "page", "online", "portal"]

    def __init__(self) -> None:
        super().__init__(supported_entity="URL", patterns=self.PATTERNS, context=self.CONTEXT,
                         name="SpokenUrlRecognizer")
