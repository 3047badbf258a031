"""Personal attributes said in calls: blood type, languages spoken, nationality, occupation (context
rules over closed vocabularies)."""

from presidio_analyzer import Pattern, PatternRecognizer

# ISO 639-1 language names (pycountry 24.6.1's iso639-3.json, entries with an alpha_2 code), less
# the ones that are everyday English words (Ewe, Ido, Twi, Kongo), plus the ISO 639-3 languages
# US interpreter services are most asked for (Cantonese, Mandarin, Hmong, Ilocano, Dari, Chuukese…)
# and sign languages.
_ISO_639_1 = (
    "Abkhazian|Afar|Afrikaans|Akan|Albanian|Amharic|Arabic|Aragonese|Armenian|Assamese|Avaric|Avestan|Aymara|"
    "Azerbaijani|Bambara|Bashkir|Basque|Belarusian|Bengali|Bislama|Bosnian|Breton|Bulgarian|Burmese|Catalan|"
    "Chamorro|Chechen|Chinese|Chuvash|Cornish|Corsican|Croatian|Czech|Danish|Dhivehi|Dutch|Dzongkha|English|"
    "Esperanto|Estonian|Faroese|Fijian|Finnish|French|Fulah|Galician|Ganda|Georgian|German|Guarani|Gujarati|Hausa|"
    "Hebrew|Herero|Hindi|Hungarian|Icelandic|Igbo|Indonesian|Inuktitut|Inupiaq|Irish|Italian|Japanese|Javanese|"
    "Kalaallisut|Kannada|Kanuri|Kashmiri|Kazakh|Khmer|Kikuyu|Kinyarwanda|Kirghiz|Kyrgyz|Korean|Kurdish|Lao|"
    "Latvian|Lingala|Lithuanian|Luxembourgish|Macedonian|Malagasy|Malay|Malayalam|Maltese|Manx|Maori|Marathi|"
    "Marshallese|Greek|Mongolian|Navajo|Nepali|Norwegian|Nyanja|Occitan|Ojibwa|Oriya|Odia|Oromo|Ossetian|Pali|"
    "Panjabi|Punjabi|Persian|Polish|Portuguese|Pushto|Pashto|Quechua|Romanian|Romansh|Rundi|Russian|Samoan|"
    "Sanskrit|Sardinian|Scottish Gaelic|Gaelic|Serbian|Serbo-Croatian|Shona|Sindhi|Sinhala|Slovak|Slovenian|"
    "Somali|Sotho|Spanish|Sundanese|Swahili|Swati|Swedish|Tagalog|Tahitian|Tajik|Tamil|Tatar|Telugu|Thai|Tibetan|"
    "Tigrinya|Tongan|Tsonga|Tswana|Turkish|Turkmen|Uighur|Uyghur|Ukrainian|Urdu|Uzbek|Vietnamese|Welsh|Frisian|"
    "Wolof|Xhosa|Yiddish|Yoruba|Zulu"
)
_MORE_LANGUAGES = ("Cantonese|Mandarin|Taishanese|Hokkien|Shanghainese|Teochew|Hmong|Ilocano|Cebuano|Visayan|Bisaya|"
                   "Dari|Farsi|Haitian Creole|Cape Verdean Creole|Creole|Patois|Chuukese|Pohnpeian|Karen|Mam|"
                   "K'iche'|Mixtec|Zapotec|Nahuatl|Cherokee|Lakota|Hawaiian|Filipino|Bangla|ASL|"
                   "American Sign Language|sign language")
LANGUAGES = f"{_MORE_LANGUAGES}|{_ISO_639_1}"
# a language named in its own or in Spanish, as Whisper writes a Spanish-speaking caller
_NAMED_IN_ANOTHER = ("español|espanol|inglés|ingles|francés|portugués|português|français|anglais|deutsch|englisch|"
                     "italiano|kreyòl|kreyol|tiếng việt|tieng viet|polski|wikang tagalog|castellano")
# names that are only ever a language (no people or country of that name in English)
_ONLY_LANGUAGES = ("Afrikaans|Amharic|Arabic|Cantonese|Mandarin|Esperanto|Farsi|Gujarati|Hindi|Kannada|Malayalam|"
                   "Marathi|Punjabi|Swahili|Tagalog|Telugu|Urdu|Yiddish|Ilocano|Cebuano|Tigrinya|Pashto|Dari|Nahuatl|"
                   "Haitian Creole|Cape Verdean Creole|American Sign Language|ASL|Taishanese|Hokkien")

OCCUPATIONS = ("nurse|doctor|physician|surgeon|dentist|pharmacist|teacher|professor|lawyer|attorney|paralegal|"
               "accountant|engineer|electrician|plumber|carpenter|mechanic|technician|firefighter|police officer|"
               "officer|detective|soldier|veteran|pilot|flight attendant|driver|truck driver|bus driver|chef|cook|"
               "waiter|waitress|bartender|cashier|receptionist|secretary|manager|salesman|sales rep|realtor|"
               "real estate agent|contractor|architect|designer|developer|programmer|software engineer|scientist|"
               "researcher|librarian|social worker|therapist|counselor|psychologist|psychiatrist|paramedic|EMT|"
               "janitor|custodian|farmer|rancher|student|nanny|caregiver|home health aide|CNA|barber|hairdresser|"
               "stylist|photographer|journalist|reporter|writer|editor|consultant|banker|analyst|clerk|"
               "mail carrier|postal worker|welder|machinist|construction worker|landscaper|security guard|"
               "pastor|priest|minister|rabbi|imam|coach|trainer|veterinarian|vet tech|landlord|adjuster|lineman")
# someone's job said as a third party's role ("the technician came at 3:45", "my therapist thinks",
# "the adjuster, Monica Trevino"): professions only, not the call's own roles (agent, representative,
# manager, provider) nor words with an everyday sense (driver, officer, server, host), nor a landlord
# (who the rent goes to, said of no one's job: 1 of 5 in the sets was labelled an occupation)
ROLES = ("technicians?|techs?|adjusters?|claims adjusters?|nurses?|doctors?|physicians?|surgeons?|dentists?|"
         "hygienists?|pharmacists?|therapists?|physical therapists?|counselors?|psychiatrists?|psychologists?|"
         "pediatricians?|dermatologists?|cardiologists?|oncologists?|neurologists?|chiropractors?|optometrists?|"
         "ophthalmologists?|radiologists?|obstetricians?|gynecologists?|OB-?GYN|veterinarians?|paramedics?|"
         "midwi(?:fe|ves)|doulas?|caregivers?|nann(?:y|ies)|babysitters?|lawyers?|attorneys?|paralegals?|"
         "accountants?|CPA|bookkeepers?|financial advisors?|realtors?|contractors?|"
         "subcontractors?|plumbers?|electricians?|carpenters?|roofers?|mechanics?|linem[ae]n|installers?|"
         "inspectors?|appraisers?|surveyors?|locksmiths?|handym[ae]n|exterminators?|landscapers?|welders?|"
         "architects?|assistants?|secretar(?:y|ies)|receptionists?|teachers?|professors?|tutors?|"
         "pastors?|priests?|rabbis?|imams?|chaplains?|pilots?|flight attendants?|mail carriers?|mailm[ae]n|"
         "couriers?|firefighters?|police officers?|detectives?|sheriffs?|deputies|notar(?:y|ies)|social workers?|"
         "dietitians?|nutritionists?|underwriters?|loan officers?|case workers?|caseworkers?|home health aides?")

NATIONALITIES = ("American|Mexican|Canadian|Cuban|Puerto Rican|Dominican|Salvadoran|Guatemalan|Honduran|"
                 "Colombian|Venezuelan|Brazilian|Peruvian|Argentinian|Chilean|Haitian|Jamaican|Nigerian|Ghanaian|"
                 "Kenyan|Ethiopian|Somali|Egyptian|Moroccan|Irish|British|English|Scottish|Welsh|French|German|"
                 "Italian|Spanish|Portuguese|Polish|Ukrainian|Russian|Greek|Turkish|Iranian|Iraqi|Syrian|"
                 "Lebanese|Israeli|Palestinian|Saudi|Afghan|Pakistani|Indian|Bangladeshi|Chinese|Japanese|Korean|"
                 "Vietnamese|Filipino|Thai|Indonesian|Australian|Asian|African|Hispanic|Latino|Latina|Caucasian|"
                 "Black|White|Native American|Arab|Jewish")
# more demonyms and the US Census's race and ethnicity categories; Jewish is a religion (categories.py)
_MORE_NATIONALITIES = (
    "Nicaraguan|Costa Rican|Panamanian|Ecuadorian|Bolivian|Paraguayan|Uruguayan|Argentine|Trinidadian|Barbadian|"
    "Bahamian|Guyanese|Belizean|Cape Verdean|Senegalese|Ivorian|Cameroonian|Congolese|Ugandan|Tanzanian|Rwandan|"
    "Eritrean|Sudanese|South Sudanese|Liberian|Sierra Leonean|Zimbabwean|South African|Algerian|Tunisian|Libyan|"
    "Jordanian|Yemeni|Emirati|Kuwaiti|Qatari|Omani|Bahraini|Kurdish|Armenian|Georgian|Azerbaijani|Kazakh|Uzbek|"
    "Nepali|Nepalese|Sri Lankan|Bhutanese|Burmese|Cambodian|Laotian|Hmong|Malaysian|Singaporean|Taiwanese|"
    "Mongolian|Tibetan|Samoan|Tongan|Fijian|Chamorro|Guamanian|Marshallese|Micronesian|Native Hawaiian|Hawaiian|"
    "Pacific Islander|Alaska Native|New Zealander|Dutch|Belgian|Swiss|Austrian|Swedish|Norwegian|Danish|Finnish|"
    "Icelandic|Czech|Slovak|Hungarian|Romanian|Bulgarian|Serbian|Croatian|Bosnian|Albanian|Slovenian|Macedonian|"
    "Lithuanian|Latvian|Estonian|Belarusian|Moldovan|Russian|Roma|Romani|Cherokee|Navajo|Lakota|Ojibwe|Apache|"
    "Latinx|Chicano|Chicana|Middle Eastern|North African|East Asian|South Asian|Southeast Asian|"
    "African American|Afro-Latino|Afro-Caribbean|Caribbean|West Indian|Scandinavian|European|Persian|Pashtun"
)
_NRP = "|".join(n for n in (NATIONALITIES + "|" + _MORE_NATIONALITIES).split("|") if n != "Jewish")
_NRP_ALT = "|".join(sorted(set(_NRP.split("|")), key=len, reverse=True))
# what makes a demonym a person's, said right after it
_NRP_AFTER = (r"citizens?|citizenship|nationals?|nationality|passports?|descent|heritage|ancestry|origin|background|"
              r"roots|immigrants?|green card|visa|(?:wom[ae]n|m[ae]n|guy|lady|family|grandmother|grandfather|mom|"
              r"dad|mother|father|husband|wife)\b(?! (?:food|restaurant))|-American|American")


class PersonalRecognizer(PatternRecognizer):
    """Emits BLOOD_TYPE, LANGUAGE, OCCUPATION and NRP (nationality); Presidio's PatternRecognizer
    has one entity per instance, so four instances share this class's data (see `instances`)."""

    PATTERNS = {
        "BLOOD_TYPE": [
            # after a word that says whose or what it is: "blood type is O negative", "I'm O plus",
            # "his is AB negative", "typed me as B negative", "I carry a card that says I'm O minus"
            Pattern("blood type after a cue",
                    r"(?<=\b(?:blood(?: type| group)?(?:['’]s| is| was)?|type|typed (?:me|him|her|them|us) as|"
                    r"i'm|i am|he's|she's|he is|she is|they're|his is|hers is|her's|mine is|mine's|i was|both|"
                    r"donor|(?:positive|negative|plus|minus|pos|neg)(?:,? (?:or|i mean|sorry|so))?)"
                    r"(?:,? (?:um|uh|like))?,? )(?:type )?(?-i:AB|A|B|O)"
                    r"(?:[ -]?(?:positive|negative|pos|neg|plus|minus)\b|[+-](?!\w))", 0.85),
            Pattern("type X blood", r"\b(?:type (?-i:AB|A|B|O)(?= blood\b|[.,;!?]|$)|(?<=\bblood type (?:is )?)"
                                    r"(?-i:AB|A|B|O)\b(?![-+'’]))", 0.85),
            Pattern("X positive", r"\b(?-i:AB|B|O)[ -]?(?:positive|negative|pos|neg)\b|"
                                  r"\b(?-i:A)[ -](?:positive|negative)(?=\s*(?:[.,;!?]|$))", 0.6),
            Pattern("Rh factor", r"\b(?-i:Rh)[ -]?(?:positive|negative|null)\b", 0.7),
        ],
        "LANGUAGE": [
            Pattern("language after speak with a qualifier", rf"(?<=\b(?:speak|speaks|spoke|speaking|understand|"
                                                            rf"understands|read|reads|write|writes) "
                                                            rf"(?:much|any|a little|a bit of|some|good|fluent|"
                                                            rf"broken|only|mostly|really|very little|no) )"
                                                            rf"(?-i:{LANGUAGES})\b(?![-'’]\w)", 0.7),
            Pattern("language after speak", rf"(?<=\b(?:speak|speaks|spoke|speaking|in|prefer|interpreter"
                                             rf"(?: for| in| could do)?|translator(?: for)?|language is|"
                                             rf"fluent in|only|habla|hablo|hablan|translate(?:d)? (?:it )?(?:into|to)|"
                                             rf"learning|bilingual in|native|first language is|mother tongue is|use|uses|using) )"
                                             rf"(?-i:{LANGUAGES})\b(?![-'’]\w)", 0.7),
            Pattern("language before speaker", rf"\b(?-i:{LANGUAGES})(?=[ -](?:speaker|speaking|interpreter|"
                                                rf"translator|only|language|translation|version|subtitles|class|"
                                                rf"classes|lessons|teacher)\b)", 0.7),
            # the next language of a list (`Cantonese and a little English`, `K'iche', not Spanish`) and
            # a language said as someone's (`my English isn't great`)
            Pattern("language after a language", rf"(?<=\b(?-i:{LANGUAGES}),? (?:and|or|not|but not|but|plus|then)"
                                                  rf"(?: (?:a little|a bit of|some|really|much|also|very little|"
                                                  rf"broken|only|mostly|basic))? )(?-i:{LANGUAGES})\b(?![-'’]\w)", 0.7),
            Pattern("someone's language", rf"(?<=\b(?:my|his|her|their|our|your) )(?-i:{LANGUAGES})(?= (?:is|isn't|"
                                           rf"isn’t|is not|was|wasn't|'s|’s|skills|isn't so)\b)", 0.7),
            Pattern("language named in another", rf"\b(?:{_NAMED_IN_ANOTHER})(?!\w)", 0.7),
            Pattern("only a language", rf"\b(?-i:{_ONLY_LANGUAGES})\b(?![-'’]\w| orange| numeral| food| cuisine| "
                                       r"seasoning| restaurant| rice)", 0.6),
        ],
        "OCCUPATION": [
            Pattern("occupation after cue", rf"(?<=\b(?:i'm an?|i am an?|i work as an?|works as an?|"
                                            rf"he's an?|she's an?|my job is|i'm a retired|as an?) )"
                                            rf"(?:{OCCUPATIONS})\b", 0.7),
            Pattern("a third party's role", rf"(?<=\b(?:the|a|an|my|our|your|his|her|their|mom's|dad's|wife's|"
                                            rf"husband's) (?:(?:new|old|former|regular|usual|other) )?)"
                                            rf"(?:{ROLES})(?:['’]s(?= (?:on|here|there|coming|going|running|late|"
                                            rf"supposed|gonna|not|already|still|been|done|out|at|almost|due)\b))?"
                                            rf"\b(?![-'’])(?!(?-i: [A-Z][a-z]))(?! (?:support|team|department|line|"
                                            rf"company|industry|desk|office|portal|app|services?|fees?|bill))", 0.6),
        ],
        "NRP": [
            Pattern("nationality after a person", rf"(?<=\b(?:i'm|i am|he's|she's|he is|she is|they're|"
                                                  rf"we're|we are|they are|citizen of|born in|it's|i'm an?|"
                                                  rf"i am an?|he's an?|she's an?|half|part) )(?-i:{_NRP_ALT})\b"
                                                  rf"(?![-'’]\w)(?! (?:food|restaurant|cuisine|accent|store|market|"
                                                  rf"company|bank|car|product|dish))", 0.85),
            Pattern("nationality said of a person", rf"\b(?-i:{_NRP_ALT})(?=[ -](?:{_NRP_AFTER}))", 0.85),
            Pattern("of X descent", rf"(?<=\bof )(?-i:{_NRP_ALT})(?= (?:descent|origin|heritage|ancestry)\b)", 0.85),
            Pattern("nationality or ethnicity named", r"(?<=\b(?:nationality|ethnicity|race|citizenship)"
                                                      r"(?: is)? )[A-Z][a-z]+(?: [A-Z][a-z]+)?", 0.7),
        ],
    }
    # (a role capitalised before a name is a title said with it, `her Doctor Paddy`: names.py's)
    CONTEXT = {"BLOOD_TYPE": ["blood", "type", "transfusion", "donor"], "LANGUAGE": ["speak", "interpreter"],
               "OCCUPATION": ["work", "job"], "NRP": ["citizen", "nationality", "born"]}

    def __init__(self, entity: str) -> None:
        super().__init__(supported_entity=entity, patterns=self.PATTERNS[entity], context=self.CONTEXT[entity],
                         name=f"PersonalRecognizer:{entity}")

    @classmethod
    def instances(cls) -> list["PersonalRecognizer"]:
        return [cls(entity) for entity in cls.PATTERNS]
