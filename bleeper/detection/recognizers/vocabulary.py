"""Medical conditions, injuries, drugs, procedures and occupations from public vocabularies
(ICD-10-CM, ICD-10-PCS, DrugBank/MeSH/MedlinePlus, BLS job titles), typed by the words around
them (issue 12).

The term lists in `vocab/` are built by `vocab/build_vocab.py` from pinned PyPI packages (the
`vocab` extra): terms in the lower-case, plural and short forms callers say, each with the score a
bare mention earns. A term that is also a common English word (`cold`, `driver`, `fall`) has no
bare score: it is reported only after a cue of its type (`diagnosed with`, `I work as a`,
`prescribed`, `mg`), which also decides the type of a term in two lists.

Matching is a dictionary of token tuples probed at each word, longest term first: a 20-minute
call (~3,000 words) is a few thousand dictionary look-ups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.health_talk import OTHER_SENSE, said_of_a_thing
from bleeper.detection.recognizers.result import result
from bleeper.detection.recognizers.vocab_forms import common_words, derived_form_score, derived_forms

VOCAB_DIR = Path(__file__).parent / "vocab"
# file → entity its terms are, unless the file's third column says otherwise
FILES = {"conditions.tsv": "MEDICAL_CONDITION", "drugs.tsv": "DRUG", "procedures.tsv": "MEDICAL_PROCESS",
         "occupations.tsv": "OCCUPATION"}
ENTITIES = ["MEDICAL_CONDITION", "INJURY", "DRUG", "MEDICAL_PROCESS", "OCCUPATION"]

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SPLIT = re.compile(r"[,.;:?!()]")
# a procedure's name before a device names the device: `a blood pressure cuff`, `the glucose monitor`
_DEVICE = re.compile(r"\s+(?:cuffs?|monitors?|machines?|kits?|strips?|pumps?|meters?|tanks?)\b", re.IGNORECASE)


def words(text: str) -> list[tuple[str, int, int]]:
    """(key, start, end) per word: lower case, apostrophes dropped (`Crohn's` → `crohns`), hyphens
    split (`A-fib` → `a`, `fib`), so terms and transcripts meet in one form."""
    return [(m.group().lower().replace("'", "").replace("’", ""), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def key(phrase: str) -> tuple[str, ...]:
    return tuple(w for w, _, _ in words(phrase))


# Cues: the words just before a term (fillers between them skipped) or just after it that say what
# it is. Written as said; matched as keys.
CUES_BEFORE = {
    "MEDICAL_CONDITION": [
        "diagnosed with", "diagnosed as", "diagnosis of", "suffering from", "suffers from", "suffered from",
        "treated for", "treatment for", "history of", "i have", "i've got", "i got", "ive had", "i've had",
        "i had", "he has", "she has", "he's got", "she's got", "he had", "she had", "has had", "they have",
        "dealing with", "struggling with", "living with", "battling", "symptoms of", "flare up of",
        "tested positive for", "positive for", "medication for", "prescription for", "medicine for", "for my",
        "for his", "for her", "with my", "because of my", "because of his", "because of her", "has", "have",
        "having", "had", "with", "from", "get", "gets", "getting",
        # the odds, signs and onset of a condition: `a fifteen percent chance of nausea`, `came down with`
        "chance of", "risk of", "risks of", "signs of", "sign of", "bout of", "case of", "touch of", "symptoms like",
        "side effects like", "came down with", "coming down with", "caught", "running a", "prone to",
        "fighting off", "recovering from", "complains of", "complaining of", "cause", "causes", "causing",
    ],
    "INJURY": ["broke", "broken", "fractured", "sprained", "twisted", "tore", "torn", "dislocated", "injured",
               "hurt", "bruised", "cracked", "pulled", "strained"],
    "DRUG": [
        "taking", "takes", "take", "took", "i'm on", "im on", "he's on", "she's on", "is on", "been on", "was on",
        "started", "started on", "stopped", "prescribed", "prescription for", "refill of", "refill on",
        "refill for", "dose of", "mg of", "milligrams of", "switched to", "allergic to", "on",
    ],
    "MEDICAL_PROCESS": [
        "had a", "had an", "have a", "have an", "getting a", "getting an", "get a", "get an", "need a", "need an",
        "scheduled for", "scheduled a", "booked a", "results of", "results from", "going in for", "came in for",
        "recovering from", "referral for", "authorization for", "prior authorization for", "approved for",
        "due for", "after my", "after his", "after her", "before my", "before his", "before her",
    ],
    "OCCUPATION": [
        "i work as", "works as", "worked as", "working as", "job as", "employed as", "career as", "i'm a",
        "i am a", "im a", "i'm an", "i am an", "he's a", "she's a", "he is a", "she is a", "he's an", "she's an",
        "i was a", "he was a", "she was a", "retired", "my job is", "by trade", "i'm the",
        "he's the", "she's the", "occupation is", "profession is", "job title is", "my husband's a",
        "my wife's a", "my son's a", "my daughter's a", "she works as", "he works as", "i've been a",
        "we're", "we are", "they're", "they are",
    ],
}
CUES_AFTER = {
    "MEDICAL_CONDITION": ["diagnosis", "symptoms", "flare up", "flare", "medication", "medicine", "meds",
                          "attack", "attacks", "episode", "episodes",
                          # the course of a symptom: `the cough just won't go away`
                          "wont go away", "just wont go away", "keeps coming back", "is getting worse",
                          "got worse", "is worse", "came back", "flared up", "is back"],
    "DRUG": ["mg", "milligrams", "milligram", "mcg", "micrograms", "ml", "units", "pill", "pills", "tablet",
             "tablets", "capsule", "capsules", "inhaler", "injection", "injections", "shot", "shots", "patch",
             "prescription", "refill", "dose", "twice a day", "once a day", "every day", "at night", "daily"],
    "MEDICAL_PROCESS": ["results", "appointment", "procedure", "scheduled", "done", "next week", "tomorrow"],
    "OCCUPATION": ["by trade"],
    "INJURY": [],
}
# words said between a cue and its term: "I have, um, really bad migraines"
FILLERS = frozenset(key("a an the my his her their some any um uh like really bad severe chronic mild little bit "
                        "of kind sort just also been had this that these those lot lots both"))
# between two terms of a list, the first one's cue carries to the next: "allergic to penicillin and, um, sulfa"
LIST_WORDS = frozenset(key("and or also plus")) | FILLERS
MAX_FILLERS = 3

CUE_SCORE = 0.85  # a vocabulary term its cue confirms
# words the lists hold (cue-only, from an ICD or DrugBank phrase cut short) that name no condition
# or drug said alone: anatomy, qualifiers, feelings, foods. After a cue they were wrong more often
# than right (`have my blood type`, `with my hands`), and health_context.py lets the lists' other
# cue-only words count in a sentence about health, where these would be wrong too.
NOT_TERMS = frozenset("""
abdomen absent acute anger anus atlas axis betting blood blooms boil calculus cardiac cerebral chronic condition
conditions coronary death deaths difficulties diseases disorders ecstasy excessive falling fit fits flushing
gambling growth hand hands hostilities hostility hunters instability irregular jaw jaws loneliness male males
marijuana meadows motor motors needles nose noses orbit orbits organ organs physical picks pin pins pulmonary
reactions reactive reyes rogers screaming shadow shadows shock shocks spine taco tacos transgender vascular
worries avocado blackberry blueberry beet catfish charcoal fargo graphite helium hydrogen indicators kendrick
lobster oats oyster ozone poultry pumpkin sewage shrimp soot sulfur talc titanium tuna whey yeast hops heme
alcohol caffeine cholesterol glucose sodium urea
""".split())


def _listed(keys: list[str], start: int, entity: str, last: tuple[str, int] | None) -> bool:
    """Whether the term at `start` continues a list whose first term a cue confirmed as `entity`."""
    if last is None or last[0] != entity or start - last[1] > MAX_FILLERS + 1:
        return False
    return all(k in LIST_WORDS for k in keys[last[1]:start])


@dataclass(frozen=True)
class Term:
    entity: str
    bare: float  # score of a mention with no cue; 0: reported only after a cue
    acronym: bool = False  # bare only where the transcript writes it in capitals


def _cue_index(cues: dict[str, list[str]]) -> dict[str, list[tuple[str, ...]]]:
    """entity → cue keys, longest first (so `prescription for` wins over `for`)."""
    return {entity: sorted({key(c) for c in phrases}, key=len, reverse=True) for entity, phrases in cues.items()}


@cache
def load_terms(directory: Path = VOCAB_DIR) -> dict[str, tuple[Term, ...]]:
    """Every term in `directory`'s lists: its words joined by spaces → the entities it may be,
    with their bare scores. The lists hold those words already, so loading is a split per line."""
    terms: dict[str, tuple[Term, ...]] = {}
    shared: dict[tuple[str, float, bool], Term] = {}
    for name, default in FILES.items():
        path = directory / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line[0] == "#":
                continue
            written, bare, *rest = line.split("\t")
            entry = (rest[0] if rest else default, float(bare), written.isupper())
            term = shared.get(entry) or shared.setdefault(entry, Term(*entry))
            k = written.lower()
            terms[k] = terms.get(k, ()) + (term,)
    # forms callers say that the lists do not hold (vocab_forms.py): `Ehlers-Danlos`, `valproate`
    entities = {k: [t.entity for t in ts] for k, ts in terms.items()}
    for k, entity in derived_forms(entities, common_words(directory)):
        terms[k] = (Term(entity, derived_form_score(k, entity)),)
    for k in NOT_TERMS & terms.keys():  # an occupation of the same spelling stays
        terms[k] = tuple(t for t in terms[k] if t.entity == "OCCUPATION")
        if not terms[k]:
            del terms[k]
    return terms


class VocabularyRecognizer(EntityRecognizer):
    """Terms from the built lists, typed and scored by their cues."""

    BEFORE = _cue_index(CUES_BEFORE)
    AFTER = _cue_index(CUES_AFTER)

    def __init__(self, terms: dict[str, tuple[Term, ...]] | None = None) -> None:
        self.terms = load_terms() if terms is None else terms
        self.longest: dict[str, int] = {}  # first word → words in the longest term it starts
        for k in self.terms:
            first, n = k.partition(" ")[0], k.count(" ") + 1
            if n > self.longest.get(first, 0):
                self.longest[first] = n
        super().__init__(supported_entities=ENTITIES, name="VocabularyRecognizer", supported_language="en")

    def load(self) -> None:
        pass

    def _cued(self, keys: list[str], start: int, end: int, entity: str) -> bool:
        """Whether a cue of `entity` stands before token `start` (fillers skipped) or after `end`."""
        j, skipped = start, 0
        while True:
            for cue in self.BEFORE.get(entity, ()):
                if j >= len(cue) and tuple(keys[j - len(cue):j]) == cue:
                    return True
            if j == 0 or keys[j - 1] not in FILLERS or skipped == MAX_FILLERS:
                break
            j, skipped = j - 1, skipped + 1
        for cue in self.AFTER.get(entity, ()):
            if tuple(keys[end:end + len(cue)]) == cue:
                return True
        # "metformin, a thousand milligrams": a dose a few words on
        return entity == "DRUG" and any(k in {"mg", "milligrams", "mcg"} for k in keys[end:end + 5])

    def matches(self, text: str) -> list[tuple[str, int, int, float, str]]:
        """(entity, start, end, score, why) for every term in `text`, longest first, not overlapping."""
        tokens = words(text)
        keys = [k for k, _, _ in tokens]
        found, i = [], 0
        last: list = [None]  # entity and end word of the last cued term, for _listed
        while i < len(keys):
            longest = self.longest.get(keys[i], 0)
            for n in range(min(longest, len(keys) - i), 0, -1):
                candidates = self.terms.get(" ".join(keys[i:i + n]))
                if candidates and n > 1 and _SPLIT.search(text, tokens[i][2], tokens[i + n - 1][1]):
                    continue  # no term across a comma or a stop: `green light, green light`
                if candidates:
                    said = text[tokens[i][1]:tokens[i + n - 1][2]]
                    hit = self._type(keys, i, i + n, candidates, said.isupper(), said[-2:] in ("'s", "’s"), last[0])
                    if hit and not (hit[0] == "MEDICAL_CONDITION" and n == 1
                                    and (OTHER_SENSE.match(text, tokens[i][2])  # `a fever pitch`
                                         or said_of_a_thing(text, tokens[i][1], tokens[i][2]))
                                    or hit[0] == "MEDICAL_PROCESS" and _DEVICE.match(text, tokens[i + n - 1][2])
                                    # no title starts inside a hyphenated word: `a first-time buyer`
                                    or hit[0] == "OCCUPATION" and text[tokens[i][1] - 1:tokens[i][1]] == "-"):
                        entity, score, why = hit
                        found.append((entity, tokens[i][1], tokens[i + n - 1][2], score, why))
                        last[0] = (entity, i + n) if score == CUE_SCORE else None
                        i += n - 1
                        break
            i += 1
        return found

    def _type(self, keys: list[str], start: int, end: int, candidates: tuple[Term, ...], upper: bool,
              possessive: bool, last: tuple[str, int] | None) -> tuple[str, float, str] | None:
        """The entity and score of a term: the first of its entities a cue confirms, else its best
        bare score (an acronym's only if written in capitals; a job title's not before 's: the
        `driver's license`, `the server's down`)."""
        for term in candidates:
            if self._cued(keys, start, end, term.entity) or _listed(keys, start, term.entity, last):
                return term.entity, CUE_SCORE, f"{term.entity.lower()} vocabulary after a cue"
        best = max((t for t in candidates if (upper or not t.acronym) and not (possessive and t.entity == "OCCUPATION")),
                   key=lambda t: t.bare, default=None)
        if best is None:
            return None
        if best.bare > 0:
            return best.entity, best.bare, f"{best.entity.lower()} vocabulary"
        return None

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        return [result(self, entity, s, e, score, why) for entity, s, e, score, why in self.matches(text)
                if entity in entities and e > s]
