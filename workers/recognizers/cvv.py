"""Card security codes: three or four digits right after CVV/security-code context."""

from presidio_analyzer import Pattern, PatternRecognizer


class CvvRecognizer(PatternRecognizer):
    PATTERNS = [Pattern("3-4 digits", r"(?<![\d-])\d(?:[ -]?\d){2,3}(?![\d-])", 0.05)]
    CONTEXT = ["cvv", "cvc", "security", "code", "back"]

    def __init__(self) -> None:
        super().__init__(
            supported_entity="CREDIT_CARD_CVV",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            name="CvvRecognizer",
        )
