"""Symptoms and conditions said plainly, with no medical word in them: what a body part, a sense
or a reading is doing (`my knee gives out`, `my sugar's been running high`, `my vision's gotten
blurry`), what a person cannot do (`can't keep food down`, `can't catch my breath`), how a person
feels (`I've been so run down`), a lay noun phrase (`a runny nose`, `an upset stomach`, `blood in
my urine`, `a lump in my breast`) and the room that spins (issue 12).

Held-out medical_condition recall was 0.62: callers describe what they feel far more often than
they name it, and no vocabulary (ICD-10-CM's chapter R is `epistaxis`, `dysuria`, `vertigo`)
holds `the room spins`. The grammar here is closed-class English and anatomy — a subject that is
a body part, sense or vital sign and a predicate of how bodies fail — so it reaches phrasings no
list does, and each part alone stays clear: `my car's battery gives out`, `the price is running
high`, `I can't keep up`, `I'm tired of waiting`.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.injuries import PART
from bleeper.detection.recognizers.result import merged, result

_OWNER = r"(?:my|his|her|their|your|our|the baby's|mom's|dad's)"
_SIDE = r"(?:(?:left|right|lower|upper|whole|both)\s+)?"
# parts of a body no injury list holds, which callers say feel or do something
_SOFT = (r"heart|pulse|gut|guts|bowels?|bladder|joints?|muscles?|sinuses|gums|glands|lymph nodes|tonsils|"
         r"stomach|tummy|belly|bones|skin|hands?|feet|legs?|arms?|eyes?|ears?|throat|chest|head|back|neck|"
         r"body|face|lips?|tongue|mouth|nose|voice|breathing|breasts?|armpits?|testicles?|ovar(?:y|ies)|colon|"
         r"prostate|thyroid|uterus|cervix|bladder|sinus|hips?|belly button|private parts|privates")
_BODY = rf"(?:{PART}|{_SOFT})"
_SEEING = r"(?:vision|eyesight|sight)"  # what a sense does, beside the body's parts: `my vision goes blurry`
# how a body part fails: `gives out`, `goes numb`, `swells up`, `is killing me`
_STATE = (r"swollen|swell(?:s|ing)?(?: up)?|swelled(?: up)?|puff(?:y|s|ed|ing)?(?: up)?|scratchy|raw|tender|"
          r"hurt(?:s|ing)?|"
          r"ach(?:e|es|ing|y)|sore|stiff|numb|tingl(?:e|es|ing|y)|shak(?:e|es|ing|y)|trembl(?:e|es|ing)|"
          r"rac(?:e|es|ing)|pound(?:s|ing)|flutter(?:s|ing)|skipp(?:ing|ed) (?:a )?beats?|skips (?:a )?beats?|"
          r"ring(?:s|ing)?|burn(?:s|ing)?|itch(?:es|ing|y)?|bleed(?:s|ing)?|bled|throb(?:s|bing)?|killing (?:me|him|her|them)|"
          r"cramp(?:s|ing|ed)?(?: up)?|dry|parched|spinning|twitch(?:es|ing)|lock(?:s|ed|ing)? up|(?:give|gives|giving|gave) out|"
          r"buckl(?:e|es|ed|ing)|blister(?:s|ed|ing)|peel(?:s|ing)|ooz(?:e|es|ing)|on fire|click(?:s|ing)|"
          r"buzz(?:es|ing)|upset|acting up|flar(?:e|es|ed|ing)(?: up)?|blurry|blurred|fuzzy|bloodshot|watery|"
          r"runny|stuffed up|stuffy|congested|clogged|inflamed|infected|irritated|discolou?red|swimming|"
          r"(?:go|goes|went|gone|going|turn|turns|turned|turning) (?:numb|dead|white|blue|purple|black|red|weak|"
          r"blurry|dark|stiff|cold|tingly)|(?:fall|falls|fell|falling) asleep|giving me (?:trouble|problems|grief)|"
          r"really bad|getting worse|gotten worse|worse|droop(?:s|ed|ing|y)?|sagg(?:ing|ed|y)|"
          r"crack(?:s|ed|ing)(?: and bleeding)?|flak(?:y|es|ing)|crusty|watering|weeping|"
          r"(?:red|hot|warm) and (?:hot|red|warm|tender|shiny)")
# a colour or heat said with a state: `all red and swollen`, `hot and puffy`
_WITH = r"(?:(?:red|hot|warm|puffy|itchy|swollen|sore|stiff)(?:,\s*|,?\s+and\s+))?"
_AUX = (r"(?:'s|'re|\s+(?:is|are|was|were|has|have|keeps?|kept|started|starts|will|would|just|always|still|"
        r"sometimes|constantly))?"
        r"(?:,?\s+(?:been|getting|gotten|get|gets|got|all|so|super|really|very|pretty|kind of|kinda|a little|a bit|"
        r"like|just|still|always|constantly|starting to|started to|keep|keeps|begun|began to|to|um|uh|"
        r"won't stop|wont stop|can't stop|cant stop)\b,?)*")
PART_STATE = re.compile(rf"\b{_OWNER}\s+{_SIDE}(?:{_BODY}|{_SEEING}){_AUX}\s+{_WITH}(?:{_STATE})\b", re.IGNORECASE)
# senses and readings, and what they do: `my sugar's been running high`, `his memory's going`
_READING = (r"(?:blood )?sugars?|glucose|blood pressure|bp|cholesterol|a1c|heart rate|pulse|oxygen|sats|"
            r"(?:(?:thyroid|iron|potassium|sodium|liver|kidney|blood|white (?:blood )?(?:cell )?)\s+)?(?:levels|counts)|"
            r"(?:sugar|blood|lab) numbers|"
            r"platelets|temperature|temp|fever")
_SENSE = r"vision|eyesight|sight|hearing|memory|appetite|kidneys|liver|lungs|periods?|bowels"
READING = re.compile(
    rf"\b{_OWNER}\s+(?:{_READING}){_AUX}\s+(?:(?:running|run|runs|ran|spiking|spiked|shot|shooting|creeping|crept|"
    r"going|gone|went|goes|climbing|dropping|dropped|dipping|dipped|staying|stays|stayed|way|sky)\s+)?"
    r"(?:high|low|up|down|elevated|through the roof|all over the place|out of whack|off the charts|too high|"
    r"too low|really high|really low|sky[- ]high|crashing|crashed|tanking|tanked|bottoming out|dropping|dipping|"
    r"spiking|plummeting|borderline)\b"
    rf"|\b{_OWNER}\s+(?:{_SENSE}){_AUX}\s+(?:going|gone|failing|worse|off|weird|irregular|heavy|heavier|"
    r"late|blurry|fuzzy|foggy|shot|getting worse|gotten worse)\b",
    re.IGNORECASE)
# what a person cannot do: `can't keep food down`, `can't put weight on it`, `can't feel my toes`
CANNOT = re.compile(
    r"\b(?:can't|cannot|can not|couldn't|could not|unable to|hard to|hardly|barely)\s+(?:even\s+)?"
    r"(?:keep (?:food|anything|it|water|liquids|fluids|much|stuff|nothing|things) down|"
    rf"catch {_OWNER} breath|get {_OWNER} breath|breathe|swallow|sleep|"
    r"stop (?:coughing|shaking|sneezing|throwing up|vomiting|itching|scratching|shivering|sweating|trembling)|"
    rf"(?:feel|move|bend|lift|straighten|raise|turn|open|close|grip with|use) {_OWNER} {_SIDE}{_BODY}|"
    rf"put (?:any |much )?weight on (?:it|{_OWNER} {_SIDE}{_BODY})|"
    rf"(?:see|hear) out of {_OWNER} {_SIDE}(?:eyes?|ears?)|hold (?:it|my bladder|anything) in|"
    r"stay awake|get out of bed|pee|urinate|walk straight)\b",
    re.IGNORECASE)
# how a person feels: `I've been feeling really down`, `she's been so run down`
FEELING = re.compile(
    r"\b(?:(?:feel|feels|feeling|felt)\s+(?:(?:so|really|very|super|pretty|kind of|kinda|a bit|a little|"
    r"constantly|always|just|all|like|more|totally|completely)\s+){0,2}"
    r"(?:down|low|hopeless|weak|foggy|faint|shaky|dizzy|woozy|off balance|sick|crummy|lousy|run[- ]down|"
    r"tired|exhausted|drained|wiped out|worn out|numb|nauseous|feverish|jittery|on edge|panicky|disoriented|"
    r"short of breath|out of breath|winded|depressed|anxious|bloated)"
    r"|(?:i've been|i have been|he's been|she's been|they've been|been)\s+(?:(?:so|really|very|super|pretty|"
    r"kind of|kinda|constantly|always|just|like|totally|completely|um|uh)[\s,]+){0,2}"
    r"(?:exhausted|tired|drained|wiped out|run[- ]down|depressed|hopeless)"
    r"|(?:i'm|i am|he's|she's|they're|i've been|he's been|she's been)\s+(?:(?:so|really|very|super|pretty|kind of|"
    r"kinda|constantly|always|just|like|totally|completely|um|uh)[\s,]+){0,2}"
    r"(?:fatigued|forgetful|disoriented|winded|out of breath|off balance|unsteady|lightheaded|light-headed))\b"
    r"(?!\s+(?:of|with|about|from|that|to|for|because|by|on|trying|waiting|dealing))",
    re.IGNORECASE)
# lay noun phrases: `a runny nose`, `an upset stomach`, `a bad back`, `blood in my urine`
_ADJ = (r"runny|stuffy|stuffed[- ]up|blocked|sore|stiff|swollen|upset|itchy|watery|bloodshot|achy|aching|"
        r"numb|weak|bleeding|puffy|inflamed|infected|irritated|trick|bum|bad|burning|dry|cracked|blurry|blurred")
ADJ_PART = re.compile(rf"\b(?:a|an|my|his|her|their|your|the|some|these|this)\s+(?:(?:really|very|little|bit of|"
                      rf"kind of|super|pretty|bad)\s+)*(?:{_ADJ})\s+{_SIDE}(?:{_BODY}|vision|cough|headaches?)\b"
                      r"|\b(?:heavy|irregular|painful) periods\b|\birregular heartbeat\b|\b(?:pounding|splitting) "
                      r"headaches?\b", re.IGNORECASE)
_FLUID = r"urine|pee|stool|stools|poop|spit|saliva|phlegm|mucus|vomit|snot|semen"
_LUMP = r"lumps?|bumps?|knots?|growths?|masse?s?|spots?|shadows?|nodules?|sores?|blisters?|welts?|patch(?:es)?"
NOUN_PHRASE = re.compile(
    rf"\b(?:blood|pus) in {_OWNER} (?:{_FLUID})\b"
    rf"|\b(?:a|an|this|that|some|these|the|two|three)\s+(?:(?:small|little|big|hard|weird|red|painful|new|"
    rf"strange|funny|dark|tiny)\s+)*(?:{_LUMP})\s+(?:in|on|under|near|behind|inside) (?:{_OWNER}|the) {_SIDE}{_BODY}\b"
    # any words of what it looks like, when a person's body holds it: `white spots on my tonsils`
    rf"|(?:\b(?!(?:and|or|but|got|get|have|has|had|with|is|are|was|there|i|he|she|we|they)\b)[a-z]+\s+){{1,2}}"
    rf"(?:{_LUMP})\s+(?:in|on|under|near|behind|inside|around) {_OWNER} {_SIDE}{_BODY}\b"
    r"|\b(?:the|my|whole) (?:room|world|ceiling) (?:is |keeps |starts |was |just )?"
    r"(?:spin|spins|spinning|started spinning|tilting|tilts)\b"
    r"|\beverything (?:is |keeps |starts |goes |just )?(?:spin|spins|spinning|goes black|goes dark|went black)\b"
    rf"|\b(?:{_BODY}|memory|vision|hearing|sleep|sleeping|bladder|bowel|breathing|kidney|liver|lung|thyroid|"
    r"balance|stomach|tummy|digestive|sinus|skin|joint|circulation|heart rhythm)\s+(?:problems?|issues?|trouble)\b"
    r"|\b(?:losing|lost|lose) (?:my|his|her|their) (?:hair|balance|appetite|voice|vision|hearing|memory|sense of "
    r"(?:taste|smell))\b"
    r"|\b(?:waking|wake|woke) up (?:drenched|soaked|covered|sweating|gasping|choking|in a cold sweat)\b"
    r"|\b(?:see|sees|seeing|saw) (?:spots|stars|halos|floaters|flashes|double|flashing lights)\b"
    r"|\b(?:night sweats|cold sweats|hot flashes|pins and needles|brain fog|nosebleeds?|bloody noses?|"
    r"heart palpitations|the shakes|the spins|the chills|a stomach (?:bug|flu|virus)|"
    r"stomach (?:bug|flu|virus)|sugar (?:crash|crashes|lows|highs)|(?:low|high) blood (?:sugar|pressure)|"
    r"(?:high|low) (?:sugars?|potassium|iron|thyroid|white count))\b",
    re.IGNORECASE)


class SymptomRecognizer(EntityRecognizer):
    """Symptoms described in everyday words: MEDICAL_CONDITION."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["MEDICAL_CONDITION"], name="SymptomRecognizer", supported_language="en")

    def load(self) -> None:
        pass

    def matches(self, text: str) -> list[tuple[int, int, float]]:
        """(start, end, score) of each symptom phrase, overlapping ones joined."""
        found = []
        for rx in (PART_STATE, READING, CANNOT, FEELING, ADJ_PART, NOUN_PHRASE):
            found += [(m.start(), m.end(), 0.65) for m in rx.finditer(text)]
        return merged(found)

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        if "MEDICAL_CONDITION" not in entities:
            return []
        return [result(self, "MEDICAL_CONDITION", s, e, score, "symptom said in everyday words")
                for s, e, score in self.matches(text)]
