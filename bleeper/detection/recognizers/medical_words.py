"""Medical words no list holds, read by how medicine builds them: Greek and Latin suffixes that name a
condition (`-itis`, `-osis`, `-emia`, `-pathy`) or a procedure (`-ectomy`, `-oscopy`, `-plasty`),
and the adjectives that say a person has a condition (`I'm diabetic`, `she's epileptic`) (issue 12).

The vocabularies (ICD-10-CM, ICD-10-PCS) hold the formal names; callers and Whisper produce
variants and rarer words (`tendinosis`, `hidradenitis`, `tympanostomy`) that word-formation finds
without a list. The everyday words built the same way (`diagnosis`, `photography`, `program`) are
the exceptions listed here, since they are a closed set of English, not examples from a test set.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.injuries import PART
from bleeper.detection.recognizers.medical import DRUGS
from bleeper.detection.recognizers.result import result
from bleeper.detection.recognizers.vocabulary import load_terms

_CONDITION_SUFFIX = ("itis", "itides", "osis", "emia", "aemia", "algia", "pathy", "pathies", "oma", "omas",
                     "plegia", "trophy", "rrhea", "rrhoea", "megaly", "penia", "uria", "ectasis", "iasis",
                     "sclerosis", "stenosis", "plasia", "cele", "lithiasis")
_PROCESS_SUFFIX = ("ectomy", "ectomies", "otomy", "otomies", "ostomy", "ostomies", "oscopy", "oscopies", "plasty",
                   "plasties", "gram", "grams", "centesis", "pexy", "rrhaphy", "therapy", "therapies",
                   "desis", "tripsy")
# everyday English built with the same endings
NOT_MEDICAL = frozenset("""
diagnosis diagnoses prognosis prognoses hypnosis osmosis symbiosis metamorphosis apotheosis neurosis
aroma diploma soma stoma coma comma oklahoma tacoma sonoma paloma roma stigma dogma enigma plasma karma
trophy trophies sympathy empathy apathy antipathy telepathy homeopathy naturopathy osteopathy
photography geography biography autobiography calligraphy choreography typography cartography bibliography
demography topography lithography stenography cinematography videography discography filmography
oceanography hagiography pornography photography radiography? mammography? tomography?
program programs instagram telegram telegrams kilogram kilograms diagram diagrams anagram milligram milligrams
cryptogram histogram hologram monogram pictogram parallelogram epigram microgram micrograms nanogram
centigram ideogram tangram engram gram grams ultrasound
therapy therapies academia accademia nostalgia dichotomy dichotomies anatomy sympathies antipathies
empathies pentagram reprogram milgram holograms anagrams epigrams diplomas bohemia manchuria liguria misdiagnosis
microscopy spectroscopy mitosis meiosis apoptosis phagocytosis endocytosis moneygram seagram instagrams histograms
kuwaitis hexagram datagram engrams nanograms spectrogram bookstagram ideograms polygram trigrams parallelograms
monograms pictograms kurtosis 
""".replace("?", "").split())
# conditions said of a person as an adjective or a noun for the person
ADJECTIVES = re.compile(
    r"\b(?:(?:pre-?)?diabetic|asthmatic|epileptic|autistic|anemic|anaemic|arthritic|dyslexic|hypertensive|"
    r"hypoglycemic|hyperglycemic|hypothyroid|hyperthyroid|schizophrenic|anorexic|bulimic|paraplegic|"
    r"quadriplegic|tetraplegic|hemophiliac|narcoleptic|insomniac|alcoholic|celiac|immunocompromised|"
    r"immunosuppressed|paralyzed|paralysed|(?:deaf|blind) in (?:my|his|her|their|one|both) (?:(?:left|right) )?(?:ears?|eyes?)|"
    r"deaf|blind|legally blind|hard of hearing|nonverbal|near-?sighted|far-?sighted|"
    r"incontinent|pregnant|nauseous|nauseated|feverish|dizzy|lightheaded|light-headed|short of breath|"
    r"congested|constipated|dehydrated|depressed|suicidal|bipolar|manic|psychotic|delirious|"
    r"lactose intolerant|gluten intolerant|allergic to \w+|type (?:1|2|one|two|I|II) diabetic|"
    # symptoms said as what a person (or the sore place: `it's really itchy`) is
    r"(?P<symptom>itchy|swollen|sore|numb|achy|stiff|tender|bloated|wheezy|shaky|tingly|lethargic|fatigued|"
    r"jaundiced|feverish|clammy|faint|woozy|queasy|sick to (?:my|his|her|their) stomach))\b",
    re.IGNORECASE,
)
# who the adjective is said of: `I'm`, `she's`, `my son is`, `he's been`, `I get`, `I feel`
_OF_A_PERSON = re.compile(
    r"\b(?:i'm|i am|i was|i've been|i have been|i get|i got|i feel|i felt|i've felt|feeling|felt|"
    r"(?:he|she|they|you)(?:'s| is| was| are|'re| were| get| gets| got| feel| feels| felt)|"
    r"(?:he|she|they)(?:'s| has| have) been|(?:my|his|her|our|their) \w+(?: is|'s| was| has been| gets| got)|"
    r"being|as|(?P<it>it's|it is|it's been|it was|they're|they are|they've been))\s+(?:(?:a|an|also|very|really|so|kind of|a little|a bit|pretty|"
    r"extremely|severely|borderline|like|now|still|always|just|super|totally|partially|mildly|quite|um|uh)"
    r"[\s,]+){0,3}$",
    re.IGNORECASE,
)
# symptoms said as what a person is doing: `he's been vomiting`, `she keeps coughing`
SYMPTOM_VERBS = re.compile(
    r"\b(?:(?:i'm|i am|i've been|i have been|i was|(?:he|she|they|we|you)(?:'s| is| was| has been|'s been| have been|'ve been|"
    r"'re| are| were)|keeps?|kept|started|been|(?:my|his|her|their) \w+(?:'s| is| has been|'s been| keeps)),?\s+"
    r"(?:(?:really|like|kind of|just|also|still|constantly|always|um|uh)[\s,]+){0,2})"
    r"(vomiting|throwing up|coughing(?: up blood)?|wheezing|bleeding|limping|sneezing|shaking|trembling|itching|"
    r"scratching|swelling(?: up)?|seizing|having seizures|fainting|passing out|blacking out|hallucinating|"
    r"running a fever|spiking a fever|breaking out|peeing blood|spotting|cramping|hyperventilating|spitting up)\b",
    re.IGNORECASE)
# what a body did, said of a person: `she threw up twice`, `he stops breathing at night`
EVENTS = re.compile(
    r"\b(?:i|he|she|they|we|you|(?:my|his|her|our|their|the) (?:son|daughter|baby|husband|wife|mom|mother|dad|"
    r"father|kid|child|toddler|grandma|grandpa|partner|brother|sister|boy|girl|patient))\s+"
    r"(?:(?:just|also|then|finally|even|kind of|sometimes|actually|already)\s+)?"
    r"(threw up|vomited|puked|passed out|fainted|blacked out|spit up|spat up|wet the bed|had a seizure|hallucinates|"
    r"hallucinated|sleepwalks|"
    r"(?:stop|stops|stopped|keeps? stopping|kept stopping) breathing)\b", re.IGNORECASE)
# a body doing something without end: `crying all the time`, `peeing constantly`, `itch all over`
ON_AND_ON = re.compile(r"\b(?:crying|coughing|sneezing|sweating|itching|itch|itches|scratching|shaking|peeing|"
                       r"urinating|throwing up|vomiting|twitching|wheezing|sleeping)\s+(?:all the time|all over|"
                       r"constantly|nonstop|non-stop|all night|all day|every night)\b", re.IGNORECASE)
# `chest tightness`, `knee pain`, `trouble swallowing`, `difficulty breathing`
_SYMPTOM_NOUN = (r"pain|pains|tightness|numbness|tingling|swelling|stiffness|weakness|pressure|discomfort|cramps|"
                 r"cramping|soreness|bleeding|spasms")
DIFFICULTY = re.compile(r"\b(?:trouble|difficulty|problems?|pain|a hard time|issues)\s+(?:with\s+)?"
                        r"(?:swallowing|breathing|sleeping|walking|urinating|peeing|hearing|seeing|concentrating|"
                        r"remembering|standing|chewing|focusing|speaking|talking)\b", re.IGNORECASE)
# a body part and what it is doing: `my feet are super swollen`, `my heart's been racing`, `my hands
# shake`, `my knees are shot`, `it makes my stomach hurt`
_PART_STATE = re.compile(
    rf"\b(?:my|his|her|their|your)\s+(?:(?:left|right|lower|upper|whole)\s+)?(?:{PART}|heart|pulse|gut|joints?|"
    r"muscles?|sinuses|gums)"
    r"(?:'s|'re|\s+(?:is|are|was|were|has been|have been|keeps?|kept|started|been|gets?|got))?"
    r"(?:\s+(?:been|getting|gotten|all|so|super|really|very|pretty|kind of|a little|like|just|still|always|constantly))*"
    r"\s+(?:swollen|swelling(?: up)?|hurt|hurts|hurting|aching|aches|shaking|shake|shakes|racing|pounding|"
    r"ringing|burning|burns|itching|itches|itchy|bleeding|numb|tingling|tingly|throbbing|killing (?:me|him|her)|"
    r"shot|stiff|sore|tight|cramping|cramps|spinning|twitching|locking up|locks up|giving out|gives out|"
    r"blistering|peeling|oozing|on fire|clicking|popping|buzzing)\b",
    re.IGNORECASE)
# what a pain is like, spells of a symptom, and ringing ears: `a sharp pain`, `dizzy spells`
_QUALIFIED = re.compile(
    r"\b(?:(?:sharp|dull|stabbing|burning|shooting|throbbing|chronic|constant|severe|searing|nagging|radiating|"
    r"crushing)\s+(?:pain|pains|ache|aches|headaches?|cramps?)|"
    r"(?:dizzy|fainting|coughing|sneezing|crying|choking|panic|blackout)\s+spells?|"
    r"ringing in (?:my|his|her|their|the|both) ears|blisters|blistering|hot flashes|night sweats|"
    r"(?:blurry|blurred|double) vision|short(?:ness)? of breath)\b",
    re.IGNORECASE)
_PART_SYMPTOM = re.compile(rf"\b(?:(?:left|right|lower|upper)\s+)?{PART}\s+(?:{_SYMPTOM_NOUN})\b", re.IGNORECASE)
_LIST = re.compile(r"(?:,?\s+(?:and|or|also|plus|and also)\s+|,\s*)(?:(?:very|really|kind of|a little|um|uh),?\s+)*",
                   re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][a-z]+(?:-[a-z]+)?")


_COMMON_DRUGS = frozenset(w.strip() for w in DRUGS.replace("\n", "").split("|") if w.strip())


def _is_drug(word: str) -> bool:
    word = word.lower()
    return word in _COMMON_DRUGS or any(t.entity == "DRUG" for t in load_terms().get(word, ()))


class MedicalWordRecognizer(EntityRecognizer):
    """Conditions and procedures by their word endings; conditions said as adjectives of a person."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["MEDICAL_CONDITION", "MEDICAL_PROCESS"],
                         name="MedicalWordRecognizer", supported_language="en")

    def load(self) -> None:
        pass

    def matches(self, text: str) -> list[tuple[str, int, int, float]]:
        found: list[tuple[str, int, int, float]] = []
        for m in _WORD.finditer(text):
            word = m.group().lower()
            if len(word) < 7 or word in NOT_MEDICAL or (m.group()[0].isupper() and m.start() > 0
                                                          and text[m.start() - 2:m.start()].strip() not in
                                                          ("", ".", "?", "!")):
                continue  # short, everyday or a capitalised name mid-sentence (`Tacoma`, `Roma`)
            if word.endswith(_PROCESS_SUFFIX):
                found.append(("MEDICAL_PROCESS", m.start(), m.end(), 0.6))
            elif word.endswith(_CONDITION_SUFFIX):
                found.append(("MEDICAL_CONDITION", m.start(), m.end(), 0.6))
        for rx in (SYMPTOM_VERBS, EVENTS):
            found += [("MEDICAL_CONDITION", m.start(1), m.end(1), 0.65) for m in rx.finditer(text)]
        found += [("MEDICAL_CONDITION", m.start(), m.end(), 0.65) for m in ON_AND_ON.finditer(text)]
        for m in DIFFICULTY.finditer(text):
            found.append(("MEDICAL_CONDITION", m.start(), m.end(), 0.65))
        for rx in (_PART_SYMPTOM, _PART_STATE, _QUALIFIED):
            found += [("MEDICAL_CONDITION", m.start(), m.end(), 0.65) for m in rx.finditer(text)]
        last = -1  # end of the last adjective said of a person: `I'm diabetic and asthmatic`
        for m in ADJECTIVES.finditer(text):
            listed = last >= 0 and _LIST.fullmatch(text, last, m.start())
            said_of = _OF_A_PERSON.search(text, max(0, m.start() - 60), m.start())
            if said_of and said_of.group("it") and not m.group("symptom"):
                said_of = None  # `it's a blind spot`: only a symptom is said of a sore place
            if listed or said_of:
                end = m.end()
                if m.group().lower().startswith("allergic to ") and _is_drug(m.group().split()[-1]):
                    end = m.start() + len("allergic")  # the drug is its own entity: `allergic to penicillin`
                found.append(("MEDICAL_CONDITION", m.start(), end, 0.7))
                last = m.end()
        return found

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        return [result(self, entity, s, e, score, "medical word form") for entity, s, e, score in self.matches(text)
                if entity in entities]
