"""Numbers said about a body: a person's height and weight and distinctive marks
(PHYSICAL_ATTRIBUTE: `I'm about five foot two`, `I weigh like 190`, `a large birthmark on my
neck`), and medical percentages (STATISTICS: `oxygen was around ninety-one percent`, `a two
percent risk of infection`, `kidney function's at forty percent`).

A height or weight counts only when said of a person (`I'm`, `she weighs`, `tall`), so a six-foot
fence or a fifty-pound bag stays clear; a percentage counts only with a medical word near it and
no word of money, shopping or devices (`10% off`, `6.9 percent APR`, `download at 82%`).
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.quantities import TEEN_RX, TENS_RX, UNIT_RX, Quantity, find_quantities, word_after
from bleeper.detection.recognizers.result import result
from bleeper.detection.recognizers.sentences import sentence_start

# 1-99 in words, as quantities.py spells them for every pattern that needs them
_WORD = rf"(?:(?:{TENS_RX})(?:[- ](?:{UNIT_RX}))?|{UNIT_RX}|{TEEN_RX}|zero|a hundred|one hundred)"
# a number as Whisper writes it: 190, 5.5, one ninety, two hundred and ten, ninety-one, seven point eight
NUM = (rf"(?:\d+(?:[.,]\d+)?|{_WORD}(?: hundred)?(?:(?<=hundred) and)?(?:[- ]{_WORD})?(?: point (?:{UNIT_RX}|zero|oh)"
       rf"(?: (?:{UNIT_RX}|zero))?)?)")
_APPROX = r"(?:(?:about|around|like|roughly|almost|nearly|only|just|maybe|probably|barely|over|under|a little over)\s+)*"
_PERSON = (r"(?:i'm|i am|im|he's|she's|he is|she is|they're|you're|i was|he was|she was|i stand|stands|standing|"
           r"height is|height's|height of|measures?|measured|"
           r"(?:guy|man|woman|lady|gentleman|boy|girl|kid|teenager|suspect)(?:,| who's| who is| is| was)?|"
           r"(?:my|his|her|our) (?:son|daughter|husband|wife|brother|sister|mom|dad|kid|boyfriend|girlfriend|partner)"
           r"(?:'s| is| was))")
# a height said as two numbers (`I'm six one`, `he's five-ten`) after the person, and what else
# the pair could be when a word follows it (`I'm five ten minutes away`)
# `I'm pretty short, like five one`: how tall is said before the number
_PERSON_BEFORE = re.compile(rf"\b{_PERSON}\s+(?:(?:pretty|really|very|kind of|kinda|quite|super|fairly)\s+)?"
                            rf"(?:(?:tall|short|petite|small|tiny)[,\s]+)?{_APPROX}$", re.IGNORECASE)
_NOT_HEIGHT = {"dollars", "dollar", "bucks", "cents", "percent", "minutes", "minute", "hours", "days", "weeks",
               "months", "years", "am", "pm", "a.m.", "p.m.", "o'clock", "times", "thousand", "hundred", "point",
               "miles", "calls", "payments", "kids", "children", "more", "of", "out"}
# a weight said right after a height (`six one, two hundred and ten pounds`, `5'10" and 180`)
_AFTER_HEIGHT = re.compile(r"[\s,]*(?:(?:and|at|about|around|like|maybe|roughly|probably|uh|um)[\s,]+)*")

_WEIGHT_UNITS = r"(?:pounds|lbs?|kilos|kilograms|kg|stone)"

HEIGHT = re.compile(
    rf"\b{_PERSON}\s+{_APPROX}(?P<v>{NUM}(?:[- ](?:foot|feet|ft)|\s?')(?:[,\s-]*{NUM}(?:\s?(?:inches|inch|in)\b|\s?\")?)?"
    rf"|{NUM}\s?(?:cm|centimeters?|centimetres?|meters?|metres?)\b)(?!\s+(?:away|from|behind|apart|off|back|"
    r"ahead|in front|above|below|under|down|deep|long|wide|high|of))",
    re.IGNORECASE)
# a height in feet in a sentence about how a person looks: `she's petite, maybe five foot`, `really
# tall for his age, almost six feet` (not `six feet away`, `a six-foot fence`: only a clause end or
# `tall` may follow it)
FEET = re.compile(rf"\b{_APPROX}(?P<v>(?=(?:three|four|five|six|seven|eight|[3-8])\b){NUM}[- ](?:foot|feet|ft)(?:[,\s-]*{NUM}(?:\s?(?:inches|inch))?)?)"
                  r"(?=\s*(?:[,.;?!]|$|tall\b|and\b|with\b|or\b|maybe\b|i think\b|or so\b))", re.IGNORECASE)
_LOOKS = re.compile(r"\b(?:tall|short|petite|height|stands?|standing|build|guy|man|woman|lady|girl|boy|kid|son|"
                    r"daughter|he's|she's|i'm|bald|heavyset|stocky|skinny|slim|thin|hair|beard|blonde?|brunette)\b",
                    re.IGNORECASE)  # the words of a description: `bald, heavyset, maybe six foot`
WEIGHT = re.compile(
    rf"(?:\b(?:i|he|she|they|you|we|baby|son|daughter) (?:weigh|weighs|weighed|way)|\bweight is|\bweight's|"
    rf"\b(?:i'm|i am|he's|she's)(?: currently| now)?)[\s,]+(?:(?:like|um|uh),?\s+)*{_APPROX}"
    rf"(?P<v>{NUM}(?:\s?{_WEIGHT_UNITS}\b)?)",
    re.IGNORECASE)
_WEIGHT_UNIT = re.compile(rf"\s?{_WEIGHT_UNITS}\b", re.IGNORECASE)
MARKS = re.compile(
    r"\b(?:(?:large|small|big|little|huge|tiny|long|deep|faint|visible|dark|red|brown|black|white)\s+)?"
    # where on the body, said first: `a neck tattoo`, `a face scar`
    # what or where, said first: `a neck tattoo`, `a compass tattoo`, `a face scar`
    r"(?:(?!(?:a|an|the|my|his|her|their|your|no|any|visible|new|old)\s)[a-z]+\s+(?=tattoo|scar|birthmark))?"
    r"(?:tattoos?|birthmarks?|birth marks?|scars?|moles?|piercings?|prosthetic (?:leg|arm|hand|foot|eye|limb)|"
    r"prosthetic (?:below|above) the (?:knee|elbow)|artificial (?:leg|arm|eye)|glass eye|(?:nose|lip|eyebrow|belly button|tongue|septum) (?:rings?|studs?|piercings?)|port[- ]wine stain|cleft (?:lip|palate)|missing (?:finger|toe|leg|arm|"
    r"hand|eye)|amputated (?:leg|arm|foot|hand))"
    r"(?:\s+of an? [a-z]+)?"  # `a tattoo of a rose on her ankle`
    r"(?:\s+(?:on|across|over|under|behind|above|below|near|down|along) (?:my|his|her|their|your|the) "
    r"(?:(?:left|right|upper|lower|inner|outer) )?[a-z]+)?(?!\s+tissue)",
    re.IGNORECASE)
_MARK_OWNER = re.compile(r"\b(?:i've got|i have|i got|has|have|had|with|he's got|she's got|there's|my|his|her|"
                         r"their|wear|wears|wearing)\b[^.?!]{0,32}$", re.IGNORECASE)
LITTLE_PERSON = re.compile(r"\blittle (?:person|people)\b", re.IGNORECASE)

# a share, or a range of them (`from thirty-three to twenty-six percent`), or a loose one (`thirty-something`)
PERCENT = re.compile(rf"\b(?:(?:from\s+)?{NUM}(?:-something)?\s+(?:to|and|or)\s+)?{NUM}(?:-something)?\s?"
                     r"(?:%|percent\b|per cent\b)", re.IGNORECASE)
MEDICAL = re.compile(
    r"\b(?:oxygen|o2|sats?|saturation|pulse ox|a1c|hba1c|hemoglobin|glucose|ejection fraction|ef|kidney|renal|"
    r"liver|lung|heart|function|gfr|egfr|survival|mortality|risk|chance of (?:recurrence|survival|infection|"
    r"complications?|success|remission)|odds|likelihood|success rate|efficacy|effective|patients|recurrence|"
    r"recovery|complications?|side effects?|infection|blockage|blocked|occlusion|stenosis|body fat|bmi|"
    r"hearing|vision|capacity|fev1|bone density|tumou?r|cancer|remission|response rate|positive rate|"
    r"cure rate|miscarriage|fertility|ivf|chemo|surgery|procedure|treatment|trial|diagnos\w*|probability|"
    r"hematocrit|hct|body fat|statin|placebo|study|nausea|rash|reaction|vaccine|dose|doses|medication|med|pill)\b",
    re.IGNORECASE)
NOT_MEDICAL = re.compile(
    r"\b(?:off|discount|interest|apr|apy|fee|fees|tax|tip|cash ?back|coupon|sale|rebate|commission|battery|"
    r"download\w*|upload\w*|loaded|complete|completed|cotton|polyester|wool|spandex|nylon|match|raise|markup|"
    r"down payment|financing|humidity|rain|brightness|volume|signal|storage|cpu|memory|disk|progress|"
    r"savings|return|yield|dividend|growth|inflation|premium|deductible|coinsurance|copay|stake|equity|"
    r"charge|charged|price|prices|rate hike|percentile|grade|score|votes?)\b",
    re.IGNORECASE)
WINDOW = 70
# a share said as odds of something happening, or of a group of people: `a fifteen percent chance`,
# `one in ten`, `three out of four patients`; the rate words carry the medical sense AssemblyAI's
# statistics policy means unless money, shopping or weather words are near
_ODDS_AFTER = re.compile(r"\s*(?:(?:chance|risk|likelihood|odds|probability|possibility)\b|"
                         r"(?:of|among) (?:patients|people|cases|women|men|kids|children|adults|babies|survivors)\b)",
                         re.IGNORECASE)
_ODDS_BEFORE = re.compile(r"\b(?:chance|risk|odds|likelihood|probability)\W+(?:[a-z]+\W+){0,2}$", re.IGNORECASE)
RATIO = re.compile(rf"\b(?:{NUM}|a) (?:in|out of) (?:a |every )?{NUM}\b(?=\s*(?:chance|risk|odds|likelihood|probability|"
                   r"patients|people|cases|women|men|kids|children|adults|babies|survive|get|develop|have|end up|"
                   r"will|who|of (?:them|those|patients|people)))", re.IGNORECASE)
_NOT_READING = re.compile(r"\s*(?:days?|weeks?|months?|years?|hours?|minutes?|times|dollars|bucks|pills|tablets|"
                          r"mg\b|units|a day|o'clock|am\b|pm\b|a\.m\.|p\.m\.)", re.IGNORECASE)
_WEATHER = re.compile(r"\b(?:rain|snow|storms?|showers|weather|forecast|precipitation|sunny|cloudy|win|winning|"
                      r"lottery|game|team|approval|approved|deal)\b", re.IGNORECASE)

# a lab result or vital sign and its value: `my A1C was eight point two`, `her blood pressure was
# one sixty over a hundred`, `his oxygen dropped to eighty-eight`. A word with an everyday sense
# (`temperature`, `sugar`, `pressure`) counts only with its owner before it
_OWNED = r"(?:my|his|her|their|your|our|the baby's|mom's|dad's)"
_LAB = (r"a1c|hba1c|cholesterol|ldl|hdl|triglycerides|psa|tsh|creatinine|e?gfr|bmi|inr|platelets?|platelet count|"
        r"white (?:blood )?(?:cell )?count|hemoglobin|glucose|blood sugar|blood pressure|bp|heart rate|"
        r"resting heart rate|pulse|oxygen(?: level| saturation)?|o2(?: sat)?|sats|saturation|pulse ox|ejection "
        r"fraction|viral load|cd4(?: count)?|potassium|sodium|ferritin|vitamin d(?: level)?|iron(?: level)?|"
        r"bone density|t[- ]score|hematocrit|hct|albumin|bilirubin|calcium|magnesium|troponin|lipase|d-dimer|crp|"
        r"esr|wbc|rbc|body fat|body fat percentage|resting pulse|respiratory rate|peak flow")
_EVERYDAY = r"temperature|temp|fever|sugars?|pressure|numbers|levels?|count|reading"
READING = re.compile(
    rf"\b(?:(?:{_OWNED}|the|a|an)\s+(?:{_LAB})|{_OWNED}\s+(?:{_EVERYDAY}))(?:\s+(?:level|levels|number|numbers|"
    r"count|reading|result|results|score))?(?:'s|\s+(?:was|is|were|are|has been|had been|been|came back|"
    r"comes back|come back|went|goes|dropped|dipped|fell|shot|spiked|climbed|jumped|got|gets|hit|reached|reads|"
    r"read|measured|runs|ran|stays|stayed|sits|sat|showed|shows))?(?:\s+(?:up|down|back|at|to|as high as|as low "
    r"as|around|about|like|almost|nearly|over|under|only|just|still|now|a|high|low|in the|um|uh|,))*?"
    rf"\s+(?P<v>(?:(?:the\s+)?(?:(?:low|mid|high|upper|lower)[- ]?)?(?:teens|twenties|thirties|forties|fifties|sixties|"
    r"seventies|eighties|nineties|[1-9]0s|hundreds))"
    rf"|{NUM}(?:\s+(?:over|on|/)\s+{NUM})?(?:\s*(?:%|percent\b|mg/dl|milligrams|bpm|beats a minute|degrees))?)"
    r"(?![\w-])", re.IGNORECASE)


_APPROXIMATION = re.compile(r"\b(?:about|around|roughly|approximately|almost|nearly)\s+$", re.IGNORECASE)
# odds said one in so many with the odds word before them (`the chance of a clot is, what, one in a
# thousand`), the hedge before a share and the word of odds after it, which the sets' authors mark with it
RATIO_BARE = re.compile(rf"\b(?:{NUM}|a) (?:in|out of) (?:a |every )?{NUM}\b", re.IGNORECASE)
_ODDS_BEFORE_FAR = re.compile(r"\b(?:chance|risk|odds|likelihood|probability)\b[^.?!]*$", re.IGNORECASE)
_HEDGE_BEFORE = re.compile(r"\b(?:(?:only |just )?(?:about|around|roughly|approximately|almost|nearly|like|maybe|over|"
                           r"under|less than|more than|up to|close to)(?: a| an)?|a|an)\s+$", re.IGNORECASE)
_ODDS_WORD_AFTER = re.compile(r"\s+(?:chance|risk|odds|likelihood|probability|effective|success rate)\b", re.IGNORECASE)
def _statistic_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A share widened over its hedge (`about a forty percent`) and its word of odds (`… chance`)."""
    if m := _HEDGE_BEFORE.search(text, max(0, start - 24), start):
        start = m.start()
    if m := _ODDS_WORD_AFTER.match(text, end):
        end = m.end()
    return start, end


def _with_approximation(text: str, start: int) -> int:
    """A height or weight's start moved back over how near it is (`about one sixty-five`): the
    sets' authors mark the word with the number, and it says nothing without it."""
    m = _APPROXIMATION.search(text, max(0, start - 16), start)
    return m.start() if m else start


def _weight_after(text: str, quantities: tuple[Quantity, ...], end: int) -> tuple[int, int] | None:
    """A body weight said right after a height: with a unit, or a number a grown body weighs
    (`two-twenty`, `180`)."""
    gap = _AFTER_HEIGHT.match(text, end).end()
    q = next((q for q in quantities if q.start == gap), None)
    if q is None:
        return None
    unit = _WEIGHT_UNIT.match(text, q.end)
    g = q.groups
    value = g[0].value if len(g) == 1 else g[0].value * 100 + g[1].value if len(g) == 2 and g[1].value >= 10 else 0
    if unit or 70 <= value <= 500:
        return q.start, unit.end() if unit else q.end
    return None


class MeasureRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["PHYSICAL_ATTRIBUTE", "STATISTICS"], name="MeasureRecognizer",
                         supported_language="en")

    def load(self) -> None:
        pass

    def matches(self, text: str) -> list[tuple[str, int, int, float, str]]:
        found = []
        quantities = find_quantities(text)
        heights = [(m.start("v"), m.end("v")) for m in HEIGHT.finditer(text)]
        for q in quantities:
            g = q.groups
            if len(g) == 2 and 4 <= g[0].value <= 7 and 0 <= g[1].value <= 11 and g[0].words == g[1].words == 1 \
                    and _PERSON_BEFORE.search(text[max(0, q.start - 60):q.start]) \
                    and word_after(text, q.end) not in _NOT_HEIGHT:
                heights.append((q.start, q.end))
        for m in FEET.finditer(text):
            if _LOOKS.search(text, max(0, m.start() - 60), m.start()):
                heights.append((m.start("v"), m.end("v")))
        for start, end in heights:
            found.append(("PHYSICAL_ATTRIBUTE", start, end, 0.85, "height of a person"))
            weight = _weight_after(text, quantities, end)
            if weight:
                found.append(("PHYSICAL_ATTRIBUTE", *weight, 0.8, "weight said after a height"))
        for m in WEIGHT.finditer(text):
            said_with_unit = bool(_WEIGHT_UNIT.search(m.group("v")))
            # "I'm 190" is an age as often as a weight: only "I'm 190 pounds"
            if said_with_unit or not m.group().lower().startswith(("i'm", "i am", "he's", "she's")):
                found.append(("PHYSICAL_ATTRIBUTE", m.start("v"), m.end("v"), 0.85, "weight of a person"))
        for m in MARKS.finditer(text):
            if _MARK_OWNER.search(text[max(0, m.start() - 40):m.start()]):
                found.append(("PHYSICAL_ATTRIBUTE", m.start(), m.end(), 0.9, "a distinctive mark on a body"))
        found += [("PHYSICAL_ATTRIBUTE", m.start(), m.end(), 0.85, "little person") for m in LITTLE_PERSON.finditer(text)]
        for m in READING.finditer(text):
            if not _NOT_READING.match(text, m.end()):
                found.append(("STATISTICS", m.start("v"), m.end("v"), 0.9, "a lab result or vital sign's value"))
        for m in PERCENT.finditer(text):
            # the sentence or a window around the share, whichever is wider: `Side effects were mild,
            # nausea in one in eight people, and a rash in two percent`
            around = text[max(0, min(m.start() - WINDOW, sentence_start(text, m.start(), 400))):m.end() + WINDOW]
            if MEDICAL.search(around) and not NOT_MEDICAL.search(around):
                found.append(("STATISTICS", m.start(), m.end(), 0.8, "percentage with a medical word"))
            elif (_ODDS_AFTER.match(text, m.end()) or _ODDS_BEFORE.search(text, max(0, m.start() - 40), m.start())) and not NOT_MEDICAL.search(around) and not _WEATHER.search(around):
                found.append(("STATISTICS", m.start(), m.end(), 0.7, "odds said as a percentage"))
        ratios = [*RATIO.finditer(text), *(m for m in RATIO_BARE.finditer(text)
                                           if _ODDS_BEFORE_FAR.search(text, max(0, m.start() - 60), m.start()))]
        for m in ratios:
            around = text[max(0, m.start() - WINDOW):m.end() + WINDOW]
            if not NOT_MEDICAL.search(around) and not _WEATHER.search(around):
                found.append(("STATISTICS", m.start(), m.end(), 0.7, "odds said as one in so many"))
        return found

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        out = []
        for entity, s, e, score, why in self.matches(text):
            if entity not in entities or e <= s:
                continue
            if entity == "PHYSICAL_ATTRIBUTE":
                s = _with_approximation(text, s)
            else:
                s, e = _statistic_span(text, s, e)
            out.append(result(self, entity, s, e, score, why))
        return out
