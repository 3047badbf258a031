"""Ages: `83 years old`, `a 40-year-old male`, `I'm forty two`, `my mother just turned 88`."""

from presidio_analyzer import Pattern, PatternRecognizer

_N = (r"(?:\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|"
      r"seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
      r"fifteen|sixteen|seventeen|eighteen|nineteen|a hundred(?: and \w+)?)")
# what may not follow a bare number for it to be an age
_NOT_AGE = r"(?!\s*(?:dollars|bucks|cents|minutes|hours|days|weeks|months|percent|%|am|pm|a\.m|p\.m|o'clock|times|" \
           r"items|people|of|or|and a half|\d|:))"


class AgeRecognizer(PatternRecognizer):
    PATTERNS = [
        Pattern("years old", rf"\b{_N}[- ](?:years?|yrs?)[- ]old\b", 0.85),
        Pattern("n-year-old", rf"\b{_N}-year-old\b", 0.85),
        Pattern("turned / aged", rf"(?<=\bturned )\b{_N}\b{_NOT_AGE}|(?<=\baged )\b{_N}\b{_NOT_AGE}|"
                                 rf"(?<=\bage )\b{_N}\b{_NOT_AGE}", 0.7),
        Pattern("relative's n", rf"(?<=\b(?:husband|wife|son|daughter|mother|father|mom|dad|he|she|brother|"
                                 rf"sister|kid|child|baby|grandson|granddaughter)'s ){_N}\b{_NOT_AGE}", 0.6),
        Pattern("I'm n", rf"(?i)(?<=\bi'm )\b{_N}\b{_NOT_AGE}|(?<=\bi am )\b{_N}\b{_NOT_AGE}", 0.55),
        Pattern("X is n", rf"(?<=\b(?:she's|he's) ){_N}\b{_NOT_AGE}|(?<= is ){_N}\b{_NOT_AGE}(?= (?:and|but)\b|[.,])",
                0.35),
    ]
    CONTEXT = ["age", "old", "years", "son", "daughter", "mother", "father", "wife", "husband", "patient", "born"]

    def __init__(self) -> None:
        super().__init__(supported_entity="PERSON_AGE", patterns=self.PATTERNS, context=self.CONTEXT,
                         name="AgeRecognizer")
