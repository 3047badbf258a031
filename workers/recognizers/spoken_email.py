"""Emails as Whisper writes speech: `sarah dot jennings at gmail dot com`, `Sir.Jennings at mail.com`."""

from presidio_analyzer import Pattern, PatternRecognizer

_TLD = r"(?:com|net|org|edu|gov|io|co|us|uk|info|biz|me|ca|de)"
_SEP = r"(?:\s*\.\s*|\s+dot\s+)"
_LOCAL = r"[a-z0-9][a-z0-9_%+-]*(?:(?:\.|\s+(?:dot|underscore|dash|hyphen)\s+)[a-z0-9_%+-]+)*"
_DOMAIN = rf"[a-z0-9-]+(?:{_SEP}[a-z0-9-]+)*{_SEP}{_TLD}"


class SpokenEmailRecognizer(PatternRecognizer):
    PATTERNS = [
        Pattern("spoken email", rf"\b{_LOCAL}\s+(?:at|@)\s+{_DOMAIN}\b", 0.75),
        Pattern("email missing its domain dot", rf"\b{_LOCAL}\s+at\s+(?:gmail|yahoo|outlook|hotmail|icloud|aol)\b", 0.6),
    ]
    CONTEXT = ["email", "e-mail", "address", "mail"]

    def __init__(self) -> None:
        super().__init__(
            supported_entity="EMAIL_ADDRESS",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            name="SpokenEmailRecognizer",
        )
