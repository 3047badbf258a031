"""Personal attributes said in calls: blood type, languages spoken, occupation (context rules
over short vocabularies)."""

from presidio_analyzer import Pattern, PatternRecognizer

LANGUAGES = ("English|Spanish|French|German|Italian|Portuguese|Russian|Ukrainian|Polish|Chinese|Mandarin|Cantonese|"
             "Japanese|Korean|Vietnamese|Tagalog|Filipino|Arabic|Hebrew|Hindi|Urdu|Bengali|Punjabi|Gujarati|Tamil|"
             "Telugu|Farsi|Persian|Turkish|Greek|Haitian Creole|Creole|Somali|Amharic|Swahili|Dutch|Swedish|"
             "Norwegian|Danish|Finnish|Czech|Hungarian|Romanian|Serbian|Croatian|Albanian|Armenian|Thai|Lao|"
             "Khmer|Burmese|Nepali|Hmong|ASL|American Sign Language|sign language")
OCCUPATIONS = ("nurse|doctor|physician|surgeon|dentist|pharmacist|teacher|professor|lawyer|attorney|paralegal|"
               "accountant|engineer|electrician|plumber|carpenter|mechanic|technician|firefighter|police officer|"
               "officer|detective|soldier|veteran|pilot|flight attendant|driver|truck driver|bus driver|chef|cook|"
               "waiter|waitress|bartender|cashier|receptionist|secretary|manager|salesman|sales rep|realtor|"
               "real estate agent|contractor|architect|designer|developer|programmer|software engineer|scientist|"
               "researcher|librarian|social worker|therapist|counselor|psychologist|psychiatrist|paramedic|EMT|"
               "janitor|custodian|farmer|rancher|student|nanny|caregiver|home health aide|CNA|barber|hairdresser|"
               "stylist|photographer|journalist|reporter|writer|editor|consultant|banker|analyst|clerk|"
               "mail carrier|postal worker|welder|machinist|construction worker|landscaper|security guard|"
               "pastor|priest|minister|rabbi|imam|coach|trainer|veterinarian|vet tech")

NATIONALITIES = ("American|Mexican|Canadian|Cuban|Puerto Rican|Dominican|Salvadoran|Guatemalan|Honduran|"
                 "Colombian|Venezuelan|Brazilian|Peruvian|Argentinian|Chilean|Haitian|Jamaican|Nigerian|Ghanaian|"
                 "Kenyan|Ethiopian|Somali|Egyptian|Moroccan|Irish|British|English|Scottish|Welsh|French|German|"
                 "Italian|Spanish|Portuguese|Polish|Ukrainian|Russian|Greek|Turkish|Iranian|Iraqi|Syrian|"
                 "Lebanese|Israeli|Palestinian|Saudi|Afghan|Pakistani|Indian|Bangladeshi|Chinese|Japanese|Korean|"
                 "Vietnamese|Filipino|Thai|Indonesian|Australian|Asian|African|Hispanic|Latino|Latina|Caucasian|"
                 "Black|White|Native American|Arab|Jewish")


class PersonalRecognizer(PatternRecognizer):
    """Emits BLOOD_TYPE, LANGUAGE and OCCUPATION; Presidio's PatternRecognizer has one entity per
    instance, so three instances share this class's data (see `instances`)."""

    PATTERNS = {
        "BLOOD_TYPE": [Pattern("blood type", r"(?<=\bblood(?: type)?(?: is)? )(?:type )?(?:AB|A|B|O)"
                                             r"(?:[ -]?(?:positive|negative|pos|neg)|[+-])", 0.85),
                       Pattern("type X positive", r"\b(?-i:(?:AB|A|B|O))[ -]?(?:positive|negative)\b", 0.5)],
        "LANGUAGE": [Pattern("language after speak", rf"(?<=\b(?:speak|speaks|spoke|speaking|in|prefer|interpreter"
                                                     rf"(?: for| in| could do)?|translator(?: for)?|language is|"
                                                     rf"fluent in|only) )(?-i:{LANGUAGES})\b", 0.7),
                     Pattern("language before speaker", rf"\b(?-i:{LANGUAGES})(?= (?:speaker|interpreter|"
                                                         rf"translator|only|language)\b)", 0.7)],
        "OCCUPATION": [Pattern("occupation after cue", rf"(?<=\b(?:i'm an?|i am an?|i work as an?|works as an?|"
                                                       rf"he's an?|she's an?|my job is|i'm a retired|as an?) )"
                                                       rf"(?:{OCCUPATIONS})\b", 0.7)],
        "NRP": [Pattern("nationality after a person", rf"(?<=\b(?:i'm|i am|he's|she's|he is|she is|they're|"
                                                      rf"we're|we are|they are|citizen of|born in|it's) )(?-i:{NATIONALITIES})\b"
                                                      rf"(?! (?:food|restaurant|cuisine|accent|store|market))", 0.6),
                Pattern("nationality or ethnicity named", r"(?<=\b(?:nationality|ethnicity|race|citizenship)"
                                                          r"(?: is)? )[A-Z][a-z]+(?: [A-Z][a-z]+)?", 0.7)],
    }
    CONTEXT = {"BLOOD_TYPE": ["blood", "type", "transfusion"], "LANGUAGE": ["speak", "interpreter"],
               "OCCUPATION": ["work", "job"], "NRP": ["citizen", "nationality", "born"]}

    def __init__(self, entity: str) -> None:
        super().__init__(supported_entity=entity, patterns=self.PATTERNS[entity], context=self.CONTEXT[entity],
                         name=f"PersonalRecognizer:{entity}")

    @classmethod
    def instances(cls) -> list["PersonalRecognizer"]:
        return [cls(entity) for entity in cls.PATTERNS]
