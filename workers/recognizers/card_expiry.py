"""Card expiry dates (`09/27`, `09-27`, `0927`) when card or expiry context is near."""

from presidio_analyzer import Pattern, PatternRecognizer


class CardExpiryRecognizer(PatternRecognizer):
    PATTERNS = [Pattern("mm/yy", r"(?<![\d-])(?:0?[1-9]|1[0-2])\s*[/.-]?\s*(?:20)?\d{2}(?![\d-])", 0.1)]
    CONTEXT = ["expiration", "expiry", "expires", "exp", "valid", "thru", "through"]

    def __init__(self) -> None:
        super().__init__(
            supported_entity="CREDIT_CARD_EXPIRATION",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            name="CardExpiryRecognizer",
        )
