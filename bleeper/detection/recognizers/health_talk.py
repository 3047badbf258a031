"""Conditions said the way callers say them: a bare symptom noun in a sentence about someone's
health (`I had a fever and chills`, `then a fever that wouldn't break`, `his cough`), and
conditions in lay words (`she has sugar`, `high blood`, `the big C`, `it's my nerves`, `a nervous
breakdown`, `my mental health`, `on the spectrum`, `morning sickness`, `she's expecting`) (issue 12).

The vocabularies hold these nouns but report the everyday ones (`fever`, `cough`, `stroke`) only
after a cue of their own just before them; a caller's sentence often puts the cue further off or
lets another symptom stand for it. What decides here is the sentence: two symptoms in it, a
symptom owned by a person, or a person and a word of being ill or treated. Each word alone stays
clear where it means something else: `a fever pitch`, `a stroke of luck`, `a rash of reviews`,
`the flu shot clinic hours`, `cold brew`, `sugar-free`, `it gets on my nerves`.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.result import merged, result

# after a word of being ill, what makes it another sense: `a fever pitch`, `a stroke of luck`,
# `a rash of reviews`, `flu shot`, `cold brew` (`a fever of 102` is still a fever)
_OTHER_SENSE = (r"\s+of\s+(?!\d|one|two|three|four|five|six|seven|eight|nine|a hundred|about|over|like|almost|"
                r"the|my|his|her|their|your)"
                r"|[- ]?(?:pitch|shots?|season|vaccines?|vaccinations?|clinics?|brew|calls?|front|snap|feet|case|cases|"
                r"storage|medicine|medicines|remedy|relief|drops|syrup|free|warning|alert|checks?|ward|test|tests|kit|"
                r"plate|victims?|unit|center|centre|rate|rates|cream|counts?|strokes?|dream|dreams)\b")
OTHER_SENSE = re.compile(_OTHER_SENSE, re.IGNORECASE)
# everyday nouns of being ill, the ones ICD-10-CM's chapter R and common infections say in lay words
SYMPTOM = re.compile(
    r"\b(?:fevers?|(?:a |the )?chills|coughs?|coughing fits?|congestion|rash(?:es)?|hives|nausea|vomiting|"
    r"diarrh(?:e|o)a|constipation|fatigue|dizziness|dizzy spells|vertigo|headaches?|migraines?|"
    r"(?:stomach|tummy|ear|tooth|back|belly)\s?aches?|heartburn|indigestion|bloating|cramps|cramping|"
    r"swelling|inflammation|(?:an? )?(?:ear |eye |sinus |bladder |kidney |chest |skin |yeast |throat )?infections?|"
    r"itching|insomnia|exhaustion|weakness|numbness|tremors?|(?:a )?seizures?|convulsions|(?:a |mini[- ])?strokes?|"
    r"sore throat|runny nose|stuffy nose|(?:the )?sniffles|(?:the |stomach )?flu|"
    # `a cold` the illness, not `a cold reception`: no noun after it
    r"(?:a |head |chest |common )cold(?=\s*(?:[,.;?!]|$)|\s+(?:and|but|so|too|now|for|since|again|all|this|last|"
    r"from|that|or|at|going|right|which|i|he|she|we|they|my|his|her|the|on|over)\b)|"
    r"strep|pink eye|lice|hot flashes|palpitations|shortness of breath|wheezing|sneezing|body aches|chest pains?|"
    r"joint pain|night sweats|blisters|bruising|nosebleeds?|(?:a )?concussion|dehydration|a virus|a bug|the runs|"
    # a discharge of the body, not from a hospital: said with what it is like
    r"(?:a|some|this|weird|yellow|green|white|brown|bloody|smelly|clear|thick)\s+discharge|food poisoning|"
    r"(?:motion|altitude|sea|car|air) ?sick(?:ness)?|croup|(?:kidney |bladder |gall ?)stones?)\b"
    rf"(?!{_OTHER_SENSE})",
    re.IGNORECASE)
# who a sentence is about: a person or a person's family
PERSON = re.compile(
    r"\b(?:i|i'm|i've|i'd|me|my|myself|he|he's|him|his|she|she's|her|they|they're|them|their|we|we're|our|us|"
    r"you|your|son|daughter|kids?|child|children|baby|toddler|mom|mother|dad|father|wife|husband|partner|"
    r"grand(?:ma|pa|mother|father|son|daughter)|brother|sister|aunt|uncle|patient)\b",
    re.IGNORECASE)
# a sentence about being ill or treated
ILL = re.compile(
    r"\b(?:sick(?! of| and tired)|ill|unwell|doctors?|doc|physician|nurse|clinic|urgent care|ER|emergency room|hospital|"
    r"hospitalized|pediatrician|symptoms?|meds|medicine|medication|prescription|pharmacy|tylenol|advil|"
    r"ibuprofen|antibiotics?|temperature|out sick|(?:feel|feels|feeling|felt) (?:\w+ )?(?:sick|awful|terrible|"
    r"horrible|better|worse|crummy|lousy|rough|off|ill|unwell|run down)|contagious|recover(?:ing|ed|y)?|"
    r"treatment|diagnos\w+|tested positive|positive for|came down with|coming down with|caught|woke up with|"
    r"got over|getting over|since (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|"
    r"last night|last week|the weekend))\b",
    re.IGNORECASE)
# a verb of having just before it: `I think I have pink eye`, `she gets car sick`
_HAVING = re.compile(r"\b(?:have|has|had|having|got|get|gets|getting|caught|catch|with|developed)\s+(?:(?:a|an|the|"
                     r"some|this|that|really|bad|terrible|awful|little|bit of|touch of|mild|severe|high|low|low-grade|"
                     r"slight|nasty|persistent|constant|recurring|chronic|dry|wet|hacking|splitting|pounding|"
                     r"throbbing|sharp|dull|weird|strange|horrible|huge|big|small|itchy|red|painful|killer|nagging|lingering)\s+){0,3}$",
                     re.IGNORECASE)
# conditions that are also things a caller buys or keeps: `labor and shingles` on a roof, `the hives` of a
# beekeeper. They count where a person has them (`I've got shingles`) or their sentence is about being ill.
HOMONYMS = frozenset({"shingles", "hives"})
_HAS_IT = re.compile(r"\b(?:have|has|had|got|get|gets|with|from|out in|covered in|case of|bout of|outbreak of|for (?:my|his|her))\s+"
                     r"(?:(?:the|a|bad|really|like|um|uh)\s+)*$", re.IGNORECASE)


def said_of_a_thing(text: str, start: int, end: int) -> bool:
    """Whether the homonym at text[start:end] names a thing: nobody has it and the words around it (its
    sentence and the next: `I think it's shingles? It's a band of blisters`) have no other word of being ill."""
    if text[start:end].lower() not in HOMONYMS or _HAS_IT.search(text, max(0, start - 30), start):
        return False
    around = text[max(0, start - 150):start] + " " + text[end:end + 150]
    return not (ILL.search(around) or SYMPTOM.search(around))


_OWNED = re.compile(r"\b(?:my|his|her|their|your|our|the baby's|the kids')\s+$", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.?!;]+[.?!;]*")

# conditions in lay words, each said of a person or plain enough to stand alone
LAY = re.compile(
    r"\b(?:has|have|had|got|with|of|for|from|'s got|'ve got)\s+(?:the\s+|a touch of\s+|a little\s+)?sugar"
    r"(?=\s*(?:[,.;?!]|and\b|so\b|but\b|too\b|now\b|since\b|for\b|and\b|$))"
    r"|\bsugar diabetes\b|\b(?:high|low) blood\b(?!\s+(?:type|types|donors?|banks?|drives?|draws?|tests?|work))"
    r"|\bthe big c\b|\bnervous (?:breakdown|condition|stomach|disorder)\b"
    r"|\b(?:it's|it is|that's|it was|because of|with|from|for|about) (?:just |all )?(?:my|his|her|their) nerves\b(?! of)"
    r"|\b(?:bad|weak|shot|frayed) nerves\b|\bnerves (?:are|were|have been|'re|'ve been) (?:shot|bad|frayed|a wreck)\b"
    r"|\b(?:had|have|having|has|after|since|suffered|went through|going through) (?:a|my|his|her|another) "
    r"(?:(?:nervous|mental|emotional|complete|total) )?breakdown\b(?!\s+of\b)"
    r"|\b(?:my|his|her|their|your) mental health\b"
    # a fever said as running one; habits that are illnesses; how speech fails; weight lost unbidden
    r"|\b(?:running|ran|runs|spiking|spiked) (?:a|a high|a low|a low-grade|a slight) (?:temperature|temp|fever)\b"
    r"(?!\s+(?:check|scan|test|sensor|log|reading on))"
    r"|\b(?:drinking|drug|gambling|alcohol|pill|opioid|substance|cocaine|meth|heroin) (?:problem|habit|addiction|"
    r"issue|dependency)s?\b|\b(?:a|his|her|my) (?:stutter|stammer|lisp|speech impediment)\b"
    r"|\b(?:lost|losing|dropped|dropping|gained|gaining|put on) (?:\w+ ){0,3}(?:pounds|lbs|kilos|weight) "
    r"(?:without trying|for no reason|out of nowhere|unexpectedly|and (?:i|we|they|the doctor) (?:don't|doesn't|"
    r"can't) (?:know|figure out) why)\b"
    r"|\bmental health (?:issues?|problems?|conditions?|struggles?|crisis|episode|stuff|reasons|diagnosis|disorder)\b"
    r"|\b(?:is|'s|are|'re|am|being|was|were) (?:also )?on the (?:autism )?spectrum\b"
    r"|\b(?:a )?(?:recovering|recovered|former) (?:alcoholic|addict|drug addict)\b"
    r"|\b(?:i'm|i am|he's|she's|they're|been) (?:in recovery|sober|clean)\b(?!\s+(?:up|out|the|it|my|for the|mode|process|"
    r"phase|email|key|code|option|disk|drive|plan))"
    r"|\b(?:morning sickness|baby blues|postpartum(?: depression| anxiety| psychosis)?|post-partum depression|"
    r"(?:pre-?)?eclampsia|high[- ]risk pregnancy|ectopic(?: pregnancy)?|pregnancy complications|"
    r"(?:panic|anxiety) attacks?|suicidal (?:thoughts|ideation|feelings)|self[- ]harm(?:ing)?|"
    r"thoughts of (?:hurting|killing|harming) (?:myself|himself|herself|themselves)|"
    r"(?:manic|depressive|psychotic) episodes?|social anxiety|seasonal (?:depression|affective disorder)|"
    r"hearing voices|a bad ticker|a weak heart|heart trouble|water on the (?:knee|lungs?|brain)|"
    r"mini[- ]strokes?|a dark place|(?:terminally|chronically|seriously|critically|gravely|mentally) ill|(?:a )?pre-?existing (?:medical )?conditions?|"
    r"(?:a )?(?:heart|birth|genetic|congenital) (?:defects?|conditions?|disorders?)|colou?r[- ]?blind)\b"
    r"|\b(?:i'm|i am|he's|she's|they're|i've been|he's been|she's been) (?:so |really |totally |just |completely )?"
    r"(?:burned|burnt) out\b|\bburnout\b"
    r"|\b(?:i'm|i am|she's|she is|my wife is|my wife's|my daughter is|my daughter's|we're|we are) expecting"
    r"(?:\s+(?:a baby|twins|triplets|our (?:first|second|third|fourth)(?: \w+)?|a (?:boy|girl)))?"
    r"(?=\s*(?:[,.;?!]|in\b|this\b|next\b|and\b|$)|\s+(?:a baby|twins|triplets|our|a boy|a girl))",
    re.IGNORECASE)


class HealthTalkRecognizer(EntityRecognizer):
    """Symptom nouns in a sentence about someone's health, and conditions in lay words: MEDICAL_CONDITION."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["MEDICAL_CONDITION"], name="HealthTalkRecognizer",
                         supported_language="en")

    @classmethod
    def instances(cls) -> list[EntityRecognizer]:
        """This recognizer and health_context.py's, which reads a sentence about health more widely."""
        from bleeper.detection.recognizers.health_context import HealthContextRecognizer  # it imports this module

        return [cls(), HealthContextRecognizer()]

    def load(self) -> None:
        pass

    def matches(self, text: str) -> list[tuple[int, int, float]]:
        """(start, end, score) of each condition, overlapping ones joined."""
        found = [(m.start(), m.end(), 0.7) for m in LAY.finditer(text)]
        for sentence in _SENTENCE.finditer(text):
            symptoms = list(SYMPTOM.finditer(text, sentence.start(), sentence.end()))
            if not symptoms:
                continue
            about_health = len(symptoms) > 1 or bool(
                PERSON.search(text, sentence.start(), sentence.end()) and ILL.search(text, sentence.start(),
                                                                                     sentence.end()))
            for m in symptoms:
                before = max(sentence.start(), m.start() - 40)
                vague = m.group().lower() in ("a virus", "a bug")  # `the printer has a virus`
                # had by a person: `I think I have pink eye`, not `the market had a seizure`
                having = _HAVING.search(text, before, m.start())
                had = having and PERSON.search(text, max(sentence.start(), having.start() - 40), having.start() + 1)
                if about_health or not vague and (_OWNED.search(text, before, m.start()) or had):
                    found.append((m.start(), m.end(), 0.6))
        return merged(found)

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        if "MEDICAL_CONDITION" not in entities:
            return []
        return [result(self, "MEDICAL_CONDITION", s, e, score, "condition said in everyday words")
                for s, e, score in self.matches(text)]
