"""US addresses, each part as callers say it: street lines (`2453 Spruce Place, Apt 38B`,
`six oh nine east grace street`, `6 1 2 0 North Saguaro Drive, apartment four B`), a unit on its
own (`he's in unit 3`, `suite three hundred`), streets and intersections named after `on`/`at`
(`on Elm and 5th`, `off Maple Avenue`), highways and exits, PO boxes, the city before a state
(`Hope, Arkansas`) and ZIP codes after a state. Spoken ZIPs after `zip`, a state or a street
line are context_numbers.py's."""

import regex
from presidio_analyzer import Pattern, PatternRecognizer

_SUFFIX = (r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|circle|cir|place|pl|way|"
           r"terrace|ter|parkway|pkwy|highway|hwy|trail|square|sq|loop|pike|alley)")
_SUFFIX_WORD = (r"(?:street|avenue|road|boulevard|lane|drive|court|circle|place|way|terrace|parkway|highway|trail|"
                r"square|loop|pike|alley)")
_NUM_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|" \
            r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|" \
            r"hundred|thousand)"
_NUMBER_SAID = rf"(?:{_NUM_WORD}(?:[ -]{_NUM_WORD}){{0,4}})"
# a house number: written, read digit by digit (`6 1 2 0`), or said (`six oh nine`)
_HOUSE_DIGITS = r"(?:\d(?: \d){1,5}|\d{1,6})"
_HOUSE = rf"(?:{_HOUSE_DIGITS}|{_NUMBER_SAID})"
# words a street's name is not made of: `two dogs on the street` is no address
_NOT_FUNCTION = r"(?!(?:the|a|an|on|in|at|of|to|and|my|your|our|from|for|with|is|was|down|up|off|near|by|across)\b)"
_DIR = r"(?: (?:north|south|east|west|n|s|e|w)\.?)?"
# a unit's number: `4C`, `12-B`, `#5`, `four B`, `three hundred`, `B as in boy`
_UNIT_LETTER = r"(?-i:[A-HJ-Z])(?: as in [A-Za-z]+)?"  # not "I": `unit I think…`
_UNIT_VALUE = (rf"(?:#\s?)?(?:\d{{1,5}}(?:-?(?-i:[A-Z])\b)?|(?-i:[A-Z])-?\d{{1,4}}|"
               rf"{_NUMBER_SAID}(?:[ -]{_UNIT_LETTER})?|"
               rf"{_UNIT_LETTER})")
_UNIT_WORD = r"(?:apt|apartment|suite|ste|unit|building|bldg|#)"
# after a street line, one or two (`…Way, building C, apartment 207`)
_UNIT = rf"(?:,?\s(?:{_UNIT_WORD}|number|no)\.?(?: number)?\s?{_UNIT_VALUE}\b){{0,2}}"
# what follows a number that is not a unit's: `the AC unit two years ago`, `unit 3 of the course`
_NOT_UNIT_AFTER = r"(?! (?:years?|months?|weeks?|days?|hours?|minutes?|times?|of|percent|dollars|bucks|degrees)\b)"
_STATE_NAMES = (r"Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|"
                r"Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|"
                r"Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|"
                r"New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|"
                r"South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|"
                r"Wisconsin|Wyoming")
_STATES = (rf"(?:{_STATE_NAMES}|(?-i:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|"
           r"O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY]))")
_NOT_CITY = r"(?!(?:in|from|to|the|of|and|near|at|live|lives|moved|visit|visiting|out|back|over|is|was)\b)"
_NAME = r"(?-i:[A-Z][a-z]+)"
_ORDINAL = r"(?:\d{1,3}(?:st|nd|rd|th)|(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth))"
_NOT_NAME = (r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
             r"July|August|September|October|November|December|The|My|Your|I)\b)")
# one street of an intersection: a name with its suffix, or a numbered street (`5th`)
_CROSS_STREET = rf"(?:(?:{_NOT_NAME}{_NAME}|{_ORDINAL})(?: {_NAME})? {_SUFFIX}\b\.?|(?-i:{_ORDINAL}))"
_ON = r"\b(?:on|at|off|near|down|along|onto|of|corner of|between)\s+"


# what follows a house number: the street's name and its suffix (context_numbers.py leaves such a
# number to the street line)
STREET_AFTER = regex.compile(rf"{_DIR}(?: {_NOT_FUNCTION}[a-z]+){{1,3}} {_SUFFIX}\b", regex.IGNORECASE)


class AddressRecognizer(PatternRecognizer):
    PATTERNS = [
        # Presidio matches case-insensitively; (?-i:) keeps street names capitalised, so that
        # "2:30 with Dr. Okafor" is not a street
        Pattern("street line",
                rf"\b{_HOUSE_DIGITS}{_DIR}(?: {_NAME}){{1,3}} {_SUFFIX}\b\.?{_UNIT}", 0.8),
        Pattern("spoken street line",
                rf"\b{_HOUSE}{_DIR}(?: {_NOT_FUNCTION}[a-z]+){{1,3}} {_SUFFIX_WORD}\b{_UNIT}", 0.7),
        Pattern("unit", rf"\b(?:apt|apartment|suite|ste|unit)\.?(?: number)?(?: is)? {_UNIT_VALUE}\b{_NOT_UNIT_AFTER}",
                0.6),
        # a street named with no house number, where something happens (`broke on Maple Avenue`)
        Pattern("street", rf"{_ON}\K(?:{_NOT_NAME}{_NAME}|{_ORDINAL})(?: {_NAME})? (?i:{_SUFFIX_WORD})\b", 0.6),
        Pattern("intersection",
                rf"{_ON}\K(?:{_CROSS_STREET} (?:and|&) (?:{_CROSS_STREET}|{_NOT_NAME}{_NAME})|"
                rf"{_NOT_NAME}{_NAME} (?:and|&) {_CROSS_STREET})", 0.65),
        # two names at a corner, with no suffix (`the light on Calloway and Birch`, `the corner of Main and Polk`)
        Pattern("corner", rf"\b(?:light|lights|stop sign|signal|corner|intersection|crosswalk)(?: (?:on|at|of))? \K"
                          rf"{_NOT_NAME}{_NAME} (?:and|&) {_NOT_NAME}{_NAME}\b", 0.6),
        Pattern("highway", r"\b(?:I-\d{1,3}|interstate \d{1,3}|(?:route|highway|hwy|state road|county road|"
                           r"state route|(?-i:US)) \d{1,4}|exit \d{1,3}[A-Za-z]?)\b", 0.6),
        Pattern("po box", rf"\b(?:p\.? ?o\.?|post office) box (?:\d[\d ]*\d|\d|{_NUMBER_SAID})\b", 0.85),
        Pattern("zip after state", rf"(?<=\b{_STATES},? )\d{{5}}(?:-\d{{4}})?\b", 0.8),
        Pattern("city before state", rf"\b{_NOT_CITY}(?-i:[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?=,? (?:{_STATE_NAMES})\b)",
                0.75),
        Pattern("lower-case city before state", rf"\b{_NOT_CITY}(?-i:[a-z]{{3,}})(?= (?i:{_STATE_NAMES})\b)", 0.5),
        Pattern("state", rf"\b(?:{_STATE_NAMES})\b", 0.6),
    ]

    def __init__(self) -> None:
        super().__init__(supported_entity="LOCATION", patterns=self.PATTERNS, name="AddressRecognizer")
