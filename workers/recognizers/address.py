"""US street addresses (`2453 Spruce Place, Apt 38B`) and ZIP codes after a state or city."""

from presidio_analyzer import Pattern, PatternRecognizer

_STREET = (r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|circle|cir|place|pl|way|"
           r"terrace|ter|parkway|pkwy|highway|hwy|trail|square|sq|loop|run|row|pike|alley)")
_UNIT = r"(?:,?\s(?:apt|apartment|suite|ste|unit|#)\.?\s?[0-9A-Z]{1,6})?"
_STATES = (r"(?:Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|"
           r"Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|"
           r"Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|"
           r"North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|"
           r"South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|"
           r"A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|"
           r"V[AT]|W[AIVY])")


class AddressRecognizer(PatternRecognizer):
    PATTERNS = [
        Pattern("street address",
                rf"(?i)\b\d{{1,6}}(?: (?:north|south|east|west|n|s|e|w)\.?)?(?: [A-Za-z][a-z]+){{1,3}} {_STREET}\b\.?"
                rf"{_UNIT}", 0.8),
        Pattern("zip after state", rf"(?<=\b{_STATES},? )\d{{5}}(?:-\d{{4}})?\b", 0.8),
    ]

    def __init__(self) -> None:
        super().__init__(supported_entity="LOCATION", patterns=self.PATTERNS, name="AddressRecognizer")
