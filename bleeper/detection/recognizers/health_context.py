"""Words that name a condition, drug or procedure only when the talk is about someone's health,
reported in a sentence that is: the lists' cue-only terms (`a headache`, `the dizziness`, `a
baby aspirin`, `the echo`), states a body is in (`so sleepy`, `drowsy`, `sweaty`, `hypothyroid`)
and drug names misspelled with no drug cue beside them (`Eliquest`, `hydroxyzene`) (issue 12).

vocabulary.py reports an everyday word of its lists (`fever`, `pain`, `aspirin`) only after a cue
just before it, and health_talk.py a symptom noun only beside a person and a word of being ill;
callers put the cue further off or let another health word stand for it: `meclizine for the
dizziness`, `a stiff neck and a headache since the accident`, `the nurse said to call if the
fever goes over 102`. What decides here is the sentence: another medical entity in it (found by
the other health recognizers), or a word of care (a clinician, a care setting, a treatment). The
same words stay clear in sentences about anything else: `a fever pitch`, `the cold brew`, `what a
pain the traffic was`, `calculus homework`, `he's so sleepy on Mondays`.
"""

from __future__ import annotations

import re
from functools import cache

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.afflictions import AfflictionRecognizer
from bleeper.detection.recognizers.drug_forms import _drug_names, common_words
from bleeper.detection.recognizers.health_talk import LAY, OTHER_SENSE, SYMPTOM
from bleeper.detection.recognizers.injuries import InjuryRecognizer
from bleeper.detection.recognizers.medical import MedicalRecognizer
from bleeper.detection.recognizers.medical_words import ADJECTIVES, MedicalWordRecognizer
from bleeper.detection.recognizers.procedures import ProcedureRecognizer
from bleeper.detection.recognizers.result import result
from bleeper.detection.recognizers.sentences import CLAUSES
from bleeper.detection.recognizers.symptoms import SymptomRecognizer
from bleeper.detection.recognizers.vocabulary import VocabularyRecognizer, load_terms, words

HEALTH = ("MEDICAL_CONDITION", "INJURY", "DRUG", "MEDICAL_PROCESS")
SCORE = 0.6
# cue-only words of the lists a health sentence still does not make one: `tear` (crying), `burn`
# (a CD, money), `confusion` (about a bill), and the procedure lists' general English nouns
# (`administration`, `examination`, `isolation`) which ICD-10-PCS uses for root operations
_NOT_IN_CONTEXT = frozenset("tear tears burn burns confusion falling".split())
_KEEP_ATION = frozenset("vaccination vaccinations rehabilitation".split())
# procedures.py's heads that are everyday words alone (`the echo`, `a cast`, `my labs`); those of
# them that stay everyday in a clinic (`filling` a form, `cleaning`, the `scope` of cover) are left out
PROCEDURE_WORDS = re.compile(r"\b(?:echo|echos|echoes|cast|swab|swabs|splint|booster|cath|extraction|pathology|"
                             r"stitches|reconstruction|sedation|anesthesia|anaesthesia|implants?|fingersticks?)\b",
                             re.IGNORECASE)
# a drug taken or given anywhere in the sentence lets a word spelled near a drug's name be one:
# `is it okay to take Zertec with the hydroxyzene`
TAKING = re.compile(r"\b(?:take|takes|taking|took|prescribed|refill|mix|mixing|dose|started on|switched to|"
                    r"(?:i'm|im|i am|he's|she's|they're|been|was|is|put (?:me|him|her|them)) on)\b", re.IGNORECASE)
# states a body is in, said of a person or a sore place
STATES = re.compile(
    r"\b(?:drowsy|sleepy|sweaty|clammy|foggy|groggy|woozy|shaky|jittery|feverish|flushed|nauseous|nauseated|dizzy|"
    r"light-?headed|itchy|achy|bloated|congested|constipated|dehydrated|winded|wheezy|weepy|puffy|swollen|numb|"
    r"sore|stiff|tingly|lethargic|fatigued|sluggish|spacey|loopy|out of it|near-?sighted|far-?sighted|"
    r"(?:cracking|peeling|flaking|oozing|blistering)(?:,? and (?:bleeding|oozing|peeling|itching|flaking))?)\b",
    re.IGNORECASE)
# words of care: a clinician, a setting of care, a treatment, a diagnosis, the course of an illness
CARE = re.compile(
    r"\b(?:doctors?|doc|physicians?|nurses?|nurse practitioner|surgeon|specialist|[a-z]+ologists?|"
    r"pediatrician|(?-i:ER|OB|GP|PA|NP|PCP|ICU|Dr)|ob-?gyn|emergency room|urgent care|hospital|clinic|pharmacy|pharmacist|"
    r"ambulance|paramedics?|symptoms?|diagnos\w+|prescri\w+|meds|medicines?|medications?|pills?|dose|doses|"
    r"side effects?|treatment|treated|therapy|flare(?:d|s)?(?: up)?|relapse|the accident|injur\w+|allergic|"
    r"sick|ill|hurts?|hurting|pain|painful|aches?|aching|sore|swollen|bleeding|fever|ejection fraction|"
    r"blood pressure|heart rate|pulse|lab work|x-?ray|mri|vitals)\b",
    re.IGNORECASE)
# a drug's strength or the size it is sold in, said as part of its name: `a baby aspirin`
_STRENGTH = re.compile(r"(?:baby|low[- ]dose|extra[- ]strength|regular[- ]strength|children's|kids'?|infant|"
                       r"maximum[- ]strength|generic)\s+$", re.IGNORECASE)
_FINDERS = (VocabularyRecognizer(), MedicalRecognizer(), SymptomRecognizer(), InjuryRecognizer(),
            AfflictionRecognizer(), MedicalWordRecognizer(), ProcedureRecognizer())
MISSPELT = 0.8  # nearest drug name by spelling, with the sentence for a cue (drug_forms.py asks 0.85 with one)


@cache
def cue_only() -> dict[str, str]:
    """Key → entity of the health terms the lists report only after a cue."""
    found: dict[str, str] = {}
    for k, terms in load_terms().items():
        health = [t for t in terms if t.entity in HEALTH]
        if not health or any(t.bare > 0 for t in health) or all(t.acronym for t in health) or k in _NOT_IN_CONTEXT:
            continue
        entity = health[0].entity
        if entity == "MEDICAL_PROCESS" and k.endswith(("ation", "ations")) and k not in _KEEP_ATION:
            continue
        found[k] = entity
    return found


def _misspelt_drug(word: str) -> bool:
    from difflib import SequenceMatcher  # only for the rare word no list holds

    if len(word) < 6 or not word.isalpha() or word in common_words() or word in load_terms():
        return False
    return any(abs(len(n) - len(word)) <= 2 and SequenceMatcher(None, word, n).ratio() >= MISSPELT
               for n in _drug_names().get(word[:2], ()))


def candidates(text: str, lo: int, hi: int) -> list[tuple[str, int, int]]:
    """(entity, start, end) of the words in text[lo:hi] that a health sentence lets count; MISSPELT
    for a word spelled near a drug's name, looked for only where a drug is taken (the comparison
    is the costly part)."""
    taking = bool(TAKING.search(text, lo, hi))
    found: list[tuple[str, int, int]] = []
    tokens = [t for t in words(text[lo:hi])]
    terms, longest = cue_only(), 4
    i = 0
    while i < len(tokens):
        for n in range(min(longest, len(tokens) - i), 0, -1):
            k = " ".join(t[0] for t in tokens[i:i + n])
            entity = terms.get(k)
            if entity:
                s, e = lo + tokens[i][1], lo + tokens[i + n - 1][2]
                if not (entity == "MEDICAL_CONDITION" and OTHER_SENSE.match(text, e)):
                    strength = _STRENGTH.search(text, max(lo, s - 20), s) if entity == "DRUG" else None
                    found.append((entity, strength.start() if strength else s, e))
                i += n - 1
                break
        else:
            if taking and _misspelt_drug(tokens[i][0]):
                found.append(("MISSPELT", lo + tokens[i][1], lo + tokens[i][2]))
        i += 1
    # health_talk.py's symptom nouns, which it reports beside a person and a word of being ill
    found += [("MEDICAL_CONDITION", m.start(), m.end()) for rx in (STATES, ADJECTIVES, SYMPTOM)
              for m in rx.finditer(text, lo, hi)
              if not m.group().lower().startswith("allergic")]  # medical_words.py parts it from its drug
    found += [("MEDICAL_PROCESS", m.start(), m.end()) for m in PROCEDURE_WORDS.finditer(text, lo, hi)]
    return sorted(set(found), key=lambda f: (f[1], -f[2]))


def _anchors(text: str, said: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    """Spans in `text` (one sentence) that say it is about health: words of care and symptoms first,
    the other recognizers (the costly part) only if those leave a word waiting."""
    spans = [(m.start(), m.end()) for rx in (CARE, SYMPTOM, LAY) for m in rx.finditer(text)]
    spans += [(s, e) for _, s, e in said]
    if all(_anchored(s, e, spans) for _, s, e in said):
        return spans
    for finder in _FINDERS:
        spans += [(r.start, r.end) for r in finder.analyze(text, list(HEALTH))]
    return spans


def _anchored(s: int, e: int, anchors: list[tuple[int, int]]) -> bool:
    """Whether another health word than the one at s..e stands in the sentence (its own span, or
    one inside it, is no context)."""
    return any(a_e <= s or a_s >= e for a_s, a_e in anchors)


class HealthContextRecognizer(EntityRecognizer):
    """Cue-only health words, body states and misspelt drugs in a sentence about health."""

    def __init__(self) -> None:
        super().__init__(supported_entities=list(HEALTH), name="HealthContextRecognizer", supported_language="en")

    def load(self) -> None:
        pass

    def matches(self, text: str) -> list[tuple[str, int, int]]:
        found: list[tuple[str, int, int]] = []
        for sentence in CLAUSES.finditer(text):
            lo, hi = sentence.start(), sentence.end()
            said = candidates(text, lo, hi)
            if not said:
                continue  # the anchors cost the other recognizers' time: only where a word waits on them
            anchors = _anchors(text[lo:hi], [(entity, s - lo, e - lo) for entity, s, e in said])
            last = -1
            for entity, s, e in said:
                if s < last:
                    continue  # inside a longer one: `itchy` in `itchy`, `swollen` in a state phrase
                # a misspelt drug was looked for only where a drug is taken (not `sliced on a mandoline`)
                if entity == "MISSPELT" or _anchored(s - lo, e - lo, anchors):
                    found.append(("DRUG" if entity == "MISSPELT" else entity, s, e))
                    last = e
        return found

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        return [result(self, entity, s, e, SCORE, "health word in a sentence about health")
                for entity, s, e in self.matches(text) if entity in entities]
