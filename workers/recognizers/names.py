"""Names spaCy's small model misses in call speech: spelled out (`L-O-W-R-Y`, `C, O, L, L, I, N, S`,
`M as in Mary`), announced (`my name is sarah`, `this is Sierra`, `I spoke with Crystal`), and the
word a spelling confirms (`it's Carlson, C A R L S O N`)."""

from __future__ import annotations

import re

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

SPELLED = re.compile(r"\b[A-Z](?:(?:,\s*|\s+|-|\.\s*)[A-Z]){2,}\b(?![a-z])")
AS_IN = re.compile(r"\b[A-Z] as in [A-Z][a-z]+(?:(?:,|\s)+[A-Z] as in [A-Z][a-z]+)*")
_NAME = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"
CUES = re.compile(
    r"\b(?:my name is|name's|this is|i'm|i am|speaking with|spoke with|talked to|talking to|ask for|"
    r"last name is|first name is|surname is|mr\.?|mrs\.?|ms\.?|miss|dr\.?|"
    r"my (?:wife|husband|son|daughter|mother|father|mom|dad|brother|sister|partner|friend|name)(?: is)?)\s+",
    re.IGNORECASE,
)
LOWER_CUES = re.compile(r"\b(?:my name is|name's|first name is|last name is)\s+", re.IGNORECASE)
# capitalised words after a cue that are not names
NOT_NAMES = {
    "Calling", "Just", "Not", "Sorry", "Sure", "Yes", "Yeah", "No", "Okay", "Ok", "So", "Well", "Still", "Here",
    "The", "A", "An", "It", "That", "This", "Thank", "Thanks", "Hi", "Hello", "Looking", "Trying", "Going",
    "Having", "Getting", "On", "In", "At", "From", "With", "Your", "My", "Our", "Their", "His", "Her", "What",
    "Which", "Who", "How", "When", "Where", "Why", "Very", "Really", "Happy", "Glad", "Fine", "Good", "Great",
    "All", "Also", "Actually", "Sir", "Ma'am", "Calling", "About", "Regarding", "Correct", "Right", "Done",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Customer", "Support",
}
STOP_LOWER = {"calling", "just", "not", "sorry", "sure", "yes", "no", "okay", "so", "well", "here", "the", "a", "an",
              "it", "that", "this", "looking", "trying", "going", "having", "getting", "on", "in", "at", "from",
              "with", "your", "my", "and", "is", "um", "uh", "like", "actually", "spelled", "what", "about"}


def _result(entity: str, start: int, end: int, score: float, why: str, rec: EntityRecognizer) -> RecognizerResult:
    return RecognizerResult(
        entity, start, end, score,
        analysis_explanation=AnalysisExplanation(rec.name, score, textual_explanation=why),
        recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: rec.name,
                              RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: rec.id},
    )


class NameRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name="NameRecognizer", supported_language="en")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        if "PERSON" not in entities:
            return []
        out: list[RecognizerResult] = []
        for m in SPELLED.finditer(text):
            letters = re.sub(r"[^A-Z]", "", m.group())
            if letters in {"USA", "ATM", "SSN", "DOB", "CVV", "PIN", "ABC", "FAQ", "CEO", "ETA"}:
                continue
            out.append(_result("PERSON", m.start(), m.end(), 0.8, "spelled out", self))
            # the word the spelling confirms: "Carlson, C A R L S O N"
            before = text[max(0, m.start() - 60):m.start()]
            for w in re.finditer(r"[A-Za-z][a-z'-]+", before):
                if w.group().lower().replace("-", "") == letters.lower():
                    s = m.start() - len(before) + w.start()
                    out.append(_result("PERSON", s, s + len(w.group()), 0.8, "spelled out after", self))
        for m in AS_IN.finditer(text):
            out.append(_result("PERSON", m.start(), m.end(), 0.8, "spelled with 'as in'", self))
        for m in CUES.finditer(text):
            rest = text[m.end():]
            name = re.match(rf"{_NAME}(?: {_NAME})?", rest)
            if name and name.group().split()[0] not in NOT_NAMES:
                words = name.group().split()
                if len(words) == 2 and words[1] in NOT_NAMES:
                    words = words[:1]
                value = " ".join(words)
                out.append(_result("PERSON", m.end(), m.end() + len(value), 0.7, "announced", self))
        for m in LOWER_CUES.finditer(text):
            rest = text[m.end():]
            name = re.match(r"[a-z][a-z'-]+(?: [a-z][a-z'-]+)?", rest)
            if name:
                words = [w for w in name.group().split()]
                while words and words[-1] in STOP_LOWER:
                    words.pop()
                if words and words[0] not in STOP_LOWER:
                    value = " ".join(words)
                    out.append(_result("PERSON", m.end(), m.end() + len(value), 0.6, "announced, lower case", self))
        return out
