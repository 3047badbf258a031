"""Card numbers in any grouping: Luhn-valid runs of 13-19 digits score high; a run that fails
Luhn (Whisper dropped or added a digit) still counts when card context is near."""

from presidio_analyzer import Pattern, PatternRecognizer

from workers.recognizers.digits import GROUPED_DIGITS, digits_of, luhn_ok


class CardNumberRecognizer(PatternRecognizer):
    PATTERNS = [Pattern("grouped digits", GROUPED_DIGITS % (3, 18), 0.3)]
    CONTEXT = ["card", "credit", "debit", "visa", "mastercard", "amex", "number", "payment"]

    def __init__(self) -> None:
        super().__init__(
            supported_entity="CREDIT_CARD",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            name="CardNumberRecognizer",
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = digits_of(pattern_text)
        if not 12 <= len(digits) <= 20:
            return False
        if 13 <= len(digits) <= 19 and luhn_ok(digits):
            return True  # score 1.0
        return None  # keep the low score: context decides
