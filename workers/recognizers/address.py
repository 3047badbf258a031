"""US addresses: street lines (`2453 Spruce Place, Apt 38B`, `six oh nine east grace street`),
PO boxes, the city before a state (`Hope, Arkansas`) and ZIP codes after a state."""

from presidio_analyzer import Pattern, PatternRecognizer

_SUFFIX = (r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|circle|cir|place|pl|way|"
           r"terrace|ter|parkway|pkwy|highway|hwy|trail|square|sq|loop|pike|alley)")
_SUFFIX_WORD = (r"(?:street|avenue|road|boulevard|lane|drive|court|circle|place|way|terrace|parkway|highway|trail|"
                r"square|loop|pike|alley)")
_NUM_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|" \
            r"sixty|seventy|eighty|ninety|hundred)"
_HOUSE = rf"(?:\d{{1,6}}|{_NUM_WORD}(?:[ -]{_NUM_WORD}){{0,4}})"
_DIR = r"(?: (?:north|south|east|west|n|s|e|w)\.?)?"
_UNIT = r"(?:,?\s(?:apt|apartment|suite|ste|unit|#)\.?\s?[0-9A-Z]{1,6})?"
_STATE_NAMES = (r"Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|"
                r"Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|"
                r"Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|"
                r"New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|"
                r"South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|"
                r"Wisconsin|Wyoming")
_STATES = (rf"(?:{_STATE_NAMES}|(?-i:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|"
           r"O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY]))")
_NOT_CITY = r"(?!(?:in|from|to|the|of|and|near|at|live|lives|moved|visit|visiting|out|back|over|is|was)\b)"


class AddressRecognizer(PatternRecognizer):
    PATTERNS = [
        # Presidio matches case-insensitively; (?-i:) keeps street names capitalised, so that
        # "2:30 with Dr. Okafor" is not a street
        Pattern("street line",
                rf"\b\d{{1,6}}{_DIR}(?: (?-i:[A-Z][a-z]+)){{1,3}} {_SUFFIX}\b\.?{_UNIT}", 0.8),
        Pattern("spoken street line",
                rf"\b{_HOUSE}{_DIR}(?: [a-z]+){{1,3}} {_SUFFIX_WORD}\b{_UNIT}", 0.7),
        Pattern("po box", r"\b(?:p\.? ?o\.?|post office) box (?:\d[\d ]*\d|\d)\b", 0.85),
        Pattern("zip after state", rf"(?<=\b{_STATES},? )\d{{5}}(?:-\d{{4}})?\b", 0.8),
        Pattern("city before state", rf"\b{_NOT_CITY}(?-i:[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?=,? (?:{_STATE_NAMES})\b)",
                0.75),
        Pattern("lower-case city before state", rf"\b{_NOT_CITY}(?-i:[a-z]{{3,}})(?= (?i:{_STATE_NAMES})\b)", 0.5),
        Pattern("state", rf"\b(?:{_STATE_NAMES})\b", 0.6),
    ]

    def __init__(self) -> None:
        super().__init__(supported_entity="LOCATION", patterns=self.PATTERNS, name="AddressRecognizer")
