"""Ages: `83 years old`, `a 40-year-old male`, `an eighteen-month-old`, `I'm forty two`, `my
husband's 70`, `she's eighty-two`, `turning sixty`, `my baby is six weeks`, and decades: `in her
seventies`, `mid-forties`, `in my early 20s`.

The number is a quantity read by quantities.py; what makes it an age is a person it belongs to
(`I'm`, `she's`, `my son's`, `Mary is`), a verb of ageing (`turned`, `turning`, `aged`), or `old`
after it — and nothing after it that makes it something else (`I'm 5 minutes away`, `he's two
payments behind`, `I'm thirty-two weeks pregnant`: a duration, duration.py's).
"""

from __future__ import annotations

import regex as re  # variable-width look-behind

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.age_frames import at_age_for_height, described
from bleeper.detection.recognizers.casing import lowered
from bleeper.detection.recognizers.quantities import Quantity, find_quantities, word_after, word_before
from bleeper.detection.recognizers.result import result
from bleeper.detection.recognizers.sentences import sentence_start

_RELATIONS = (r"son|daughter|wife|husband|mother|father|mom|mum|dad|brother|sister|kid|child|baby|boy|girl|"
              r"grandson|granddaughter|grandmother|grandfather|grandma|grandpa|nephew|niece|aunt|uncle|cousin|"
              r"partner|fianc[ée]e?|boyfriend|girlfriend|stepson|stepdaughter|stepmom|stepdad|spouse|patient|"
              r"client|dependent|oldest|youngest|eldest|middle one|little one|toddler|infant|newborn|teenager|"
              r"twins|mother-in-law|father-in-law")
# "old" after the number: the age and its unit
OLD_AFTER = re.compile(r"[- ]?(?:years?|yrs?|yr|months?|mos?|weeks?|days?)[- ](?:old|of age|young)\b|"
                       r"[- ](?:year|month|week|day)[- ]old\b|[ ]?(?:yo|y/o|y\.o\.)(?!\w)")
# a baby's age without "old", after a person: "my daughter is eighteen months", "she's six weeks"
# (not time since or until something: `six weeks out from surgery`, `twenty-nine weeks when we fly`)
BABY_UNITS = re.compile(r"[ -](?:months?|weeks?|days?)\b(?! (?:pregnant|along|ago|postpartum|later|early|late|"
                        r"overdue|behind|of|in|since|now|out|post|post-op|when|into|till|until|before|after|from|"
                        r"away|left|to go|more|sober|clean))")
# who or what the number belongs to, just before it
_PLURALS = r"kids|children|sons|daughters|boys|girls|twins|grandkids|grandchildren|parents"
PERSON_BEFORE = re.compile(
    rf"\b(?:i'm|i am|i was|he's|he is|he was|she's|she is|she was|you're|you are|who's|who is|who was|"
    rf"(?:i|he|she|you|we|they)(?:'ll| will|'s going to|'s gonna|'m going to|'m gonna| am going to| is going to|"
    rf" are going to|'d| would) be|"
    rf"(?:(?:my|his|her|our|their|your|the) )?(?:{_RELATIONS})(?:,? [A-Z][a-z]+,?)?(?:'s|’s| is| was| just turned|"
    rf" turned| turns| will be)|"
    rf"(?:my|his|her|our|their|your|the) (?:{_PLURALS}) are|"
    rf"turned|turning|turns|turn|aged|age|ages|age of|at age|the age of|"
    # an age something happened at: `diagnosed at four`, `he was adopted at two`
    rf"(?:diagnosed|adopted|started|stopped|retired|married|widowed|divorced|hospitalized|born) at|"
    # the children a parent has just named: `I have my two kids with me, they're six and nine`
    rf"(?:{_PLURALS})(?: [^.?!]{{0,25}})?,? (?:they're|they are|who are|ages|aged)"
    rf")(?:,? (?:like|about|almost|nearly|only|just|around|already|uh|um|maybe|probably|going on|pushing|over|"
    rf"under|close to|what))?[ ,:]*$",
    re.IGNORECASE)
AND = re.compile(r"[ \t]*,?[ \t]*(?:and|&)[ \t]+")  # "my kids are 8 and 10"
# the age someone will be, said after the one they are: `I'm thirty-one, thirty-two in June`
NEXT_AGE_GAP = re.compile(r"[ \t]*,[ \t]*(?:(?:well|uh|um|so|or|actually),?[ \t]+)?")
NEXT_AGE_AFTER = re.compile(r"[ \t]+(?:in|come|next|this)(?:,?[ \t]+in)?,?[ \t]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
                            r"a (?:month|week|few)|next|the (?:fall|spring|summer|winter)|month|week|year)")
# an age something happened or will happen at: `breast cancer at fifty`, `the old man at forty-four`
AGE_TALK = re.compile(r"\b(?:old|older|oldest|young|younger|youngest|age|aged|retire\w*|born|died|passed away|"
                      r"diagnosed|had (?:a|an|my|his|her|breast|colon|prostate|lung)|got (?:married|divorced|sick))\b")
# what may follow an age said after a person: the end of the clause, or a word that is not a unit
FOLLOWERS = frozenset(
    "and but so now this next in on or too already yet i he she we they with who which if because going soon "
    "today tomorrow last um uh right though actually sir ma'am okay ok her his my turning almost nearly as the "
    "when until since".split())
_DECADE = (r"(?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|"
           r"'?(?:[2-9]0)[’']?s)")
DECADES = [
    # "in her seventies", "in my early 20s", "into his late forties"
    re.compile(rf"\b(?:in|into|to|of|since|during|through|from) (?:my|his|her|their|your|our|its) \K(?:(?:early|mid|late|middle)[- ]?)?"
               rf"{_DECADE}\b", re.IGNORECASE),
    # "mid-forties", "late twenties": not "the late eighties" (a decade of the calendar)
    re.compile(rf"(?<!\bthe )(?<!\bthe (?:very|early|late) )\b(?:early|mid|late)[- ]?{_DECADE}\b", re.IGNORECASE),
]


class AgeRecognizer(EntityRecognizer):
    CONTEXT = ["age", "old", "years", "son", "daughter", "mother", "father", "wife", "husband", "patient", "born"]

    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON_AGE"], name="AgeRecognizer", supported_language="en",
                         context=self.CONTEXT)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        if "PERSON_AGE" not in entities:
            return []
        low = lowered(text)
        spans: list[tuple[int, int, float, str]] = []
        previous: Quantity | None = None
        for q in find_quantities(text):
            span = self._age(text, low, q)
            if span is None and spans and previous is not None and spans[-1][1] == previous.end \
                    and (AND.fullmatch(low, previous.end, q.start)
                         or (NEXT_AGE_GAP.fullmatch(low, previous.end, q.start) and NEXT_AGE_AFTER.match(low, q.end))):
                span = self._age(text, low, q, after_age=True)
            if span is None:
                span = self._at_age(text, low, q) or described(text, low, q) or at_age_for_height(low, q)
            if span is not None:
                spans.append(span)
            previous = q
        for rx in DECADES:
            spans += [(m.start(), m.end(), 0.7, "a decade of life") for m in rx.finditer(text)]
        spans.sort()
        kept: list[tuple[int, int, float, str]] = []
        for span in spans:
            if kept and span[0] < kept[-1][1]:
                if span[1] > kept[-1][1]:
                    kept[-1] = (kept[-1][0], span[1], max(kept[-1][2], span[2]), kept[-1][3])
                continue
            kept.append(span)
        return [result(self, "PERSON_AGE", s, e, score, why) for s, e, score, why in kept]

    @staticmethod
    def _at_age(text: str, low: str, q: Quantity) -> tuple[int, int, float, str] | None:
        """`at fifty` where the sentence talks of age or of what befell someone (past any clock hour)."""
        age = q.whole
        if age is None or not 25 <= age <= 110 or q.digit_string or word_before(low, q.start) != "at":
            return None
        nxt = word_after(text, q.end)
        if nxt and nxt not in FOLLOWERS:
            return None
        window = low[max(0, q.start - 100):q.start]
        cut = sentence_start(window, len(window))
        return (q.start, q.end, 0.55, "an age something happened at") if AGE_TALK.search(window, cut) else None

    @staticmethod
    def _age(text: str, low: str, q: Quantity, after_age: bool = False) -> tuple[int, int, float, str] | None:
        age = q.value
        # whole years, or a child's half year ("two and a half"), or the half year one turns (`turning
        # fifty-nine and a half`: when retirement savings may be drawn)
        turning = word_before(low, q.start) in ("turn", "turns", "turning", "turned")
        if age is None or not 0 < age <= 120 or q.digit_string or (age != int(age) and (age * 2 != int(age * 2)
                                                                                           or age > 18 and not turning)):
            return None
        old = OLD_AFTER.match(low, q.end)
        if old:
            return q.start, old.end(), 0.85, "number of years old"
        window = text[max(0, q.start - 60):q.start]
        # after an age, the gap was checked by the caller (`8 and 10`, `thirty-one, thirty-two in June`)
        person = PERSON_BEFORE.search(window) if not after_age else AND.search(window) or NEXT_AGE_GAP.search(window)
        if person is None:
            return None
        baby = BABY_UNITS.match(low, q.end)
        if baby and person is not None:
            return q.start, baby.end(), 0.75, "a baby's age in months or weeks"
        nxt = word_after(text, q.end)
        if nxt and nxt not in FOLLOWERS:
            return None  # "I'm 5 minutes away", "he's two payments behind"
        return q.start, q.end, 0.7 if person.group().lower().startswith(("turn", "age", "at")) else 0.6, \
            "a number a person is"
