"""Money amounts: `$3,485`, `$351.40`, `forty dollars`, `seventy-one dollars and fifty cents`."""

from presidio_analyzer import Pattern, PatternRecognizer

_W = (r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
      r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
      r"thousand|million|a)")
_AMOUNT = rf"(?:\d[\d,]*(?:\.\d+)?|{_W}(?:[- ](?:and )?{_W})*)"


class MoneyRecognizer(PatternRecognizer):
    PATTERNS = [
        Pattern("$n", r"\$\s?\d[\d,]*(?:\.\d{1,2})?(?:\s?(?:k|million|thousand))?\b", 0.85),
        Pattern("n dollars", rf"\b{_AMOUNT} (?:dollars?|bucks)(?: and {_AMOUNT} cents?)?\b", 0.85),
        Pattern("n cents", rf"\b{_AMOUNT} cents\b", 0.6),
        # "I was charged forty nine ninety nine": the amount after a word about paying
        Pattern("amount after a payment word",
                rf"(?<=\b(?:charged|paid|pay|refund(?: of)?|costs?|owe|fee of|price (?:is|was)|balance (?:is|of)|"
                rf"came to|total (?:is|was|of)|deposit (?:is|was|of)) )(?:\d[\d,]*(?:\.\d\d)?|{_W}(?:[- ]{_W}){{0,5}})"
                rf"\b", 0.6),
    ]

    def __init__(self) -> None:
        super().__init__(supported_entity="MONEY_AMOUNT", patterns=self.PATTERNS, name="MoneyRecognizer")
