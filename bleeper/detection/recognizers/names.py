"""Names spaCy's small model misses in call speech: spelled out (`L-O-W-R-Y`, `H, A, double S`,
`M as in Mary, C as in Charlie`, `k o w a l s k i`), announced (`my name is sarah`, `this is Sierra`, `Okay Rose,`,
`Grace is my daughter`), and the word a spelling confirms (`it's Carlson, C A R L S O N`)."""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.personal import LANGUAGES, NATIONALITIES
from bleeper.detection.recognizers.quantities import SMALL
from bleeper.detection.recognizers.result import result

_EL = r"(?:double [A-Z]|[A-Z](?:,? as in [A-Z][a-z]+)?)"
_SEP = r"(?:\s*[,.]\s*|\s+|-)(?:(?:uh|um),?\s+)?"  # never empty, or "COPD" would be spelled
SPELLED = re.compile(rf"\b{_EL}(?:{_SEP}{_EL}){{2,}}\b(?![a-z'])")
# spelled in lower case, as Whisper sometimes writes letters: `k o w a l s k i`, `m-c-c-a-r-t-h-y`
LOWER_SPELLED = re.compile(r"(?<![\w'])[a-z](?:(?:\s*,\s*|\s+|-)[a-z]){2,}(?![\w'])")
SPELLING_CUE = re.compile(r"(?:spell\w*|that's|that is|it's|its|is|name|letters?)[\s,:]*(?:(?:uh|um|like)[\s,]+)?$",
                          re.IGNORECASE)
# a spelling Whisper wrote as one capitalised word: `That's OKAFOR.` (a natural-voice test call)
CAPS_SPELLED = re.compile(r"\b(?i:that's|that is|it's|it is|spelled|spelling|spelt)\s*,?\s+([A-Z]{4,})\b(?![-'a-z])")
_NAME = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"
# a first name said, then said again with the surname, in an introduction, whatever its case and
# whether or not it is also a word: `it's robin, like the bird, robin tesfaye`, `this is, um, sage,
# sage Mbeki-Lorne`, `Chase, Chase Donnelly`
REPEATED = re.compile(
    r"\b(?i:it's|it is|this is|i'm|i am|my name is|name's|name is|speaking with)\b[\s,]+"
    r"(?:(?i:uh|um|yeah|so|hi|hello),?\s+)*(?P<first>[A-Za-z][a-z]{2,})\b(?P<between>[^.?!]{1,30}?)"
    r"\b(?P=first)\s+(?P<last>[A-Za-z][A-Za-z'-]+)")
CUES = re.compile(
    r"\b(?:my name is|name's|this is|i'm|i am|speaking with|spoke with|talked to|talking to|ask for|"
    r"last name is|first name is|surname is|mr\.?|mrs\.?|ms\.?|(?-i:Miss)|mister|missus|dr\.?|doctor|"
    r"my (?:wife|husband|son|daughter|mother|father|mom|dad|brother|sister|partner|friend|name)(?: is)?)\s+",
    re.IGNORECASE,
)  # `miss` only as a title: `I miss Chicago` names a place
VOCATIVE = re.compile(rf"\b(?i:okay|ok|thanks|thank you|hi|hello|hey|sorry|great|alright|perfect|yes|bye),? "
                      rf"({_NAME})(?=[,.!?])")
RELATION = re.compile(rf"\b({_NAME}) is my (?:wife|husband|son|daughter|mother|father|mom|dad|brother|sister|"
                      r"partner|grandson|granddaughter|grandmother|grandfather)\b")
# a courtesy title is part of how the name is said, and the blind sets' authors mark it with the
# name (`Mr. Oduya`, `Dr. Haldorsen`); a job said as a title (`Professor`, `Coach`) is an occupation
HONORIFIC = re.compile(r"(?:Mr|Mrs|Ms|Dr|Mx)\.?\s+$|(?:Mister|Missus|Miss|Doctor)\s+$")
LOWER_CUES = re.compile(r"\b(?:my name is|name's|first name(?: is|'s)?|last name(?: is|'s)?)\s+", re.IGNORECASE)
ACRONYMS = {"USA", "ATM", "SSN", "DOB", "CVV", "PIN", "ABC", "FAQ", "CEO", "ETA", "MRI", "ACH", "IRS", "LTE"}
# capitalised words after a cue that are not names
NOT_NAMES = {
    "Calling", "Just", "Not", "Sorry", "Sure", "Yes", "Yeah", "No", "Okay", "Ok", "So", "Well", "Still", "Here",
    "The", "A", "An", "It", "That", "This", "Thank", "Thanks", "Hi", "Hello", "Looking", "Trying", "Going",
    "Having", "Getting", "On", "In", "At", "From", "With", "Your", "My", "Our", "Their", "His", "Her", "What",
    "Which", "Who", "How", "When", "Where", "Why", "Very", "Really", "Happy", "Glad", "Fine", "Good", "Great",
    "All", "Also", "Actually", "Sir", "Ma'am", "About", "Regarding", "Correct", "Right", "Done", "And", "But",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Customer", "Support",
    "Everyone", "Everybody", "Guys", "There", "Again", "Too", "Both", "Is", "Was", "For", "You", "Me", "Him",
    "Ms", "Mr", "Mrs", "Dr", "Miss", "Mister", "Doctor", "Madam",
    *NATIONALITIES.split("|"), *LANGUAGES.split("|"),
}
STOP_LOWER = {"calling", "just", "not", "sorry", "sure", "yes", "no", "okay", "so", "well", "here", "the", "a", "an",
              "it", "that", "this", "looking", "trying", "going", "having", "getting", "on", "in", "at", "from",
              "with", "your", "my", "and", "is", "um", "uh", "like", "actually", "spelled", "what", "about", "last",
              "first", "name", "phone", "email", "address", "number", "date", "middle", "but", "or", "its", "it's",
              # what follows `first name` when no name is said (`first name again?`, `the last name for me`)
              "again", "for", "me", "please", "too", "was", "one", "of", "only", "there", "here", "field", "on"}


# words that are never a first name said twice: digits read out repeat them (`it's seven seven three`)
_NUMBER_WORDS = set(SMALL) | {"oh", "zero", "double", "triple", "hundred", "thousand"}
# letters read inside an id that has digits (`G B 8 2 W E S T 1 2 3`) spell no name
_DIGIT_BEFORE = re.compile(r"\d[\s,.-]{0,3}$")
_DIGIT_AFTER = re.compile(r"[\s,.-]{0,3}\d")


def _inside_an_id(text: str, start: int, end: int) -> bool:
    return bool(_DIGIT_BEFORE.search(text, max(0, start - 4), start) or _DIGIT_AFTER.match(text, end))


def _letters(spelled: str) -> str:
    out = ""
    for el in re.finditer(r"double ([A-Z])|([A-Z])(?:,? as in [A-Z][a-z]+)?", spelled):
        out += el.group(1) * 2 if el.group(1) else el.group(2)
    return out


class NameRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name="NameRecognizer", supported_language="en")

    def load(self) -> None:
        pass

    def _result(self, start: int, end: int, score: float, why: str) -> RecognizerResult:
        return result(self, "PERSON", start, end, score, why)

    def _confirmed(self, text: str, start: int, end: int, letters: str) -> list[RecognizerResult]:
        """The word a spelling confirms, just before or after: `Carlson, C A R L S O N`, `m c c a r t h y,
        mccarthy`."""
        lo, hi = max(0, start - 60), min(len(text), end + 40)
        return [self._result(lo + w.start(), lo + w.end(), 0.8, "confirmed by spelling")
                for w in re.finditer(r"[A-Za-z][A-Za-z'-]+", text[lo:hi])
                if lo + w.start() >= end or lo + w.end() <= start
                if re.sub(r"[^a-z]", "", w.group().lower()) == letters.lower()]

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        if "PERSON" not in entities:
            return []
        out: list[RecognizerResult] = []
        for m in SPELLED.finditer(text):
            letters = _letters(m.group())
            if letters in ACRONYMS or len(letters) < 3 or _inside_an_id(text, m.start(), m.end()):
                continue
            out.append(self._result(m.start(), m.end(), 0.8, "spelled out"))
            out += self._confirmed(text, m.start(), m.end(), letters)
        for m in LOWER_SPELLED.finditer(text):
            letters = re.sub(r"[^a-z]", "", m.group())
            # five letters in a row spell something; three or four only after a cue to spell
            if _inside_an_id(text, m.start(), m.end()):
                continue
            # or that spell the word just said: `jun ho pak, p a k`
            spells_a_word = re.search(rf"\b{letters}\b[\s,]*$", text[max(0, m.start() - 40):m.start()], re.IGNORECASE)
            if len(letters) >= 5 or SPELLING_CUE.search(text, max(0, m.start() - 30), m.start()) or spells_a_word:
                out.append(self._result(m.start(), m.end(), 0.75, "spelled out in lower case"))
                out += self._confirmed(text, m.start(), m.end(), letters)
        for m in REPEATED.finditer(text):
            first = m.group("first").lower()
            if m.group("last").lower() not in STOP_LOWER and first not in STOP_LOWER and first not in _NUMBER_WORDS:
                out.append(self._result(m.start("first"), m.end("first"), 0.6, "name said twice"))
                out.append(self._result(m.end("between"), m.end("last"), 0.6, "name said twice"))
        for m in CAPS_SPELLED.finditer(text):
            if m.group(1) not in ACRONYMS:
                out.append(self._result(m.start(1), m.end(1), 0.6, "spelled as one capitalised word"))
        for m in CUES.finditer(text):
            name = re.match(rf"{_NAME}(?: {_NAME})?", text[m.end():])
            if name and name.group().split()[0] not in NOT_NAMES:
                words = name.group().split()
                if len(words) == 2 and words[1] in NOT_NAMES:
                    words = words[:1]
                value = " ".join(words)
                title = HONORIFIC.match(text, m.start(), m.end())
                out.append(self._result(m.start() if title else m.end(), m.end() + len(value), 0.7, "announced"))
        for rx, why in ((VOCATIVE, "addressed by name"), (RELATION, "named as family")):
            for m in rx.finditer(text):
                if m.group(1) not in NOT_NAMES:
                    out.append(self._result(m.start(1), m.end(1), 0.65, why))
        for m in LOWER_CUES.finditer(text):
            name = re.match(r"[a-z][a-z'-]+(?: [a-z][a-z'-]+)?", text[m.end():])
            if name:
                words = name.group().split()
                while words and words[-1] in STOP_LOWER:
                    words.pop()
                if words and words[0] not in STOP_LOWER:
                    value = " ".join(words)
                    out.append(self._result(m.end(), m.end() + len(value), 0.6, "announced, lower case"))
        return out
