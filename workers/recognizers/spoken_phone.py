"""Phone numbers in the shapes Whisper writes them: `610-265-1714`, `6 1 0 2 6 5…`, `610, 265, 1714`."""

from presidio_analyzer import Pattern, PatternRecognizer

from workers.recognizers.digits import GROUPED_DIGITS, digits_of


class SpokenPhoneRecognizer(PatternRecognizer):
    # 9 to 11 digits in any grouping: Whisper drops or adds a digit now and then
    # (shared/notes/asr-and-detection.md)
    PATTERNS = [Pattern("grouped digits", GROUPED_DIGITS % (0, 10), 0.3)]
    CONTEXT = ["phone", "number", "call", "callback", "cell", "mobile", "reach", "contact", "text"]

    def __init__(self) -> None:
        super().__init__(
            supported_entity="PHONE_NUMBER",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            name="SpokenPhoneRecognizer",
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = digits_of(pattern_text)
        if not 9 <= len(digits) <= 11:
            return False
        return None  # keep the pattern's score; context decides
