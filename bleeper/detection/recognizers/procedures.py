"""Medical procedures said in everyday words: a procedure noun and what it is done to or for (`sleep
study`, `throat culture`, `knee scope`, `cardiac rehab`, `tetanus shot`, `CT of my abdomen`), and an
organ with what is done to it (`my gallbladder removed`, `wisdom teeth pulled`, `tubes tied`)
(issue 12).

ICD-10-PCS names procedures as coders write them (`Excision of gallbladder, percutaneous
endoscopic approach`); callers say them as above. The nouns and modifiers here are closed classes
of medicine and anatomy; a generic head (`test`, `study`, `shot`, `exam`) counts only with a
medical modifier (`driving test`, `a shot at it` stay clear).
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.injuries import PART
from bleeper.detection.recognizers.result import merged, result
from bleeper.detection.recognizers.vocabulary import load_terms


def _words(spec: str) -> str:
    items = sorted({w.strip() for w in spec.split("|") if w.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in items) + ")"


# procedures on their own
STRONG = _words("""wound care|biopsy|biopsies|surgery|surgeries|transplant|transfusion|infusion|stitches|sutures|rehab|
culture|scope|spinal tap|swab|mammogram|mammo|ultrasound|sonogram|x-ray|x-rays|xray|mri|ct scan|cat scan|pet scan|
ct|ekg|ecg|eeg|labs|lab work|bloodwork|blood work|blood draw|ivf|iui|stent|pacemaker|epidural|chemo|dialysis|
physical therapy|occupational therapy|speech therapy|pt|d and c|d&c|c-section|c section|colonoscopy|endoscopy|
catheterization|cath|ablation|angiogram|injection|injections|vaccine|vaccination|booster|cast|splint|root canal|
filling|crown|extraction|cleaning|pap|pap smear|physical|checkup|check-up|follow-up scan|nerve block|
spay|neuter|euthanasia|echo|tsh|cbc|ua|urinalysis|cytology|pathology|braces|counseling|counselling|
cortisone shot|steroid shot|allergy shots|allergy shot|flu shot|lumbar puncture|drainage|drain""")
# heads that need a medical word before them
WEAK = _words("test|tests|study|screening|screen|panel|exam|shot|shots|scan|scans|work-up|workup|treatment|"
              "treatments|therapy|session|sessions|procedure|operation|repair|replacement|removal|reconstruction|"
              "fusion|implant|implants|draw|count|check|testing|sample|samples|graft|grafts|screenings|sleeve")
MODIFIER = _words("""sleep|stress|blood|urine|pregnancy|allergy|hearing|vision|eye|drug|covid|strep|flu|tetanus|
b12|cortisone|steroid|sugar|glucose|thyroid|liver|kidney|heart|cardiac|pulmonary|lung|renal|spinal|nerve|
nerve conduction|bone density|bone|dental|prenatal|genetic|dna|hormone|hiv|std|sti|tb|mono|cholesterol|lipid|
a1c|psa|iron|vitamin d|biopsy|cancer|colon|breast|prostate|skin|mole|hip|knee|shoulder|back|neck|cataract|
lasik|laser|gastric|bariatric|weight loss|fertility|iv|radiation|cognitive|memory|balance|gait|sinus|ear|
throat|wound|dialysis|chemo|physical|occupational|speech|respiratory|infusion|insulin|hearing aid|lab|
fecal|stool|heartworm|paramedical|medical|tsh|thyroid panel|metabolic|lipid panel|x-ray|ultrasound|wellness|
well-child|well-woman|preventive|hemoglobin|rapid strep|gallbladder|appendix|dexa|dxa|swallow|swallowing|gastric|
dental|bone graft|fluoride""")
_DET = r"(?:(?:a|an|the|my|his|her|their|your|our|some|another|this|that|more)\s+)?"
# `sleep study`, `my knee scope`, `CT of my abdomen`, `a tetanus shot`
NOUN_PHRASE = re.compile(
    rf"\b(?:(?P<mod>{MODIFIER}|{PART})\s+)?(?P<head>{STRONG}(?:s|es)?|{WEAK})\b"
    rf"(?:\s+(?:of|on|for)\s+(?:my|his|her|their|the|your)\s+(?:(?:left|right|lower|upper)\s+)?{PART}\b)?",
    re.IGNORECASE)
WEAK_ALONE = re.compile(rf"^{WEAK}$", re.IGNORECASE)
# `my gallbladder removed`, `wisdom teeth pulled`, `her tubes tied`, `the fluid drained off my knee`
ORGAN = _words("gallbladder|appendix|tonsils|adenoids|wisdom teeth|tooth|teeth|tubes|uterus|ovaries|ovary|"
               "prostate|thyroid|spleen|kidney|cataracts|cataract|polyps|polyp|mole|moles|cyst|lump|stones|"
               "stone|bunion|hernia|knee|hip|shoulder|eyes|eye|ears|ear|fluid|sinuses|veins|vein|nose|"
               "breast|breasts|colon|heart|valve|gallstones")
DONE_TO = _words("removed|taken out|pulled|tied|fixed|repaired|replaced|drained|scoped|lasered|frozen off|"
                 "cut out|done|looked at|checked|flushed|cleaned|biopsied|implanted|clipped|cauterized|burned off")
ORGAN_DONE = re.compile(rf"\b(?:my|his|her|their|your|the|a|an|two|both)\s+(?:(?:left|right)\s+)?{ORGAN}\s+{DONE_TO}\b",
                        re.IGNORECASE)
# `had my tonsils out` (but `keep an eye out` is no surgery)
ORGAN_OUT = re.compile(r"(?<=\b(?:had|get|got)\s)(?:my|his|her|their|your|the)\s+"
                       r"(?:gallbladder|appendix|tonsils|adenoids|wisdom teeth|uterus|ovaries|ovary|spleen|thyroid|"
                       r"kidney|cyst|mole)\s+out\b"
                       # any form of having it done: `getting my wisdom teeth out`, `has to have her tonsils out`
                       r"|(?:" + "|".join(rf"(?<=\b{v}\s)" for v in ("getting", "having", "have", "has", "gets", "need", "needs"))
                       + r")(?:my|his|her|their|your|the)\s+"
                       r"(?:gallbladder|appendix|tonsils|adenoids|wisdom teeth|uterus|ovaries|ovary|spleen|thyroid|"
                       r"kidney|cyst|mole)\s+out\b"
                       # life support and heart surgery said plainly
                       r"|\b(?:(?:single|double|triple|quadruple|quintuple|heart)\s+bypass(?: surgery)?|"
                       r"(?:put|placed|kept)\s+(?:him|her|them|me|my \w+)\s+on\s+(?:a\s+)?(?:ventilator|breathing "
                       r"machine|respirator|feeding tube|life support|dialysis|bypass machine|ecmo))\b", re.IGNORECASE)
# `physical`, `check`, `cleaning` and `filling` alone are everyday words unless a visit frame says otherwise
EVERYDAY = re.compile(r"^(?:physical|checkup|check-up|cleaning|filling|crown|cast|culture|scope|drain|drainage|"
                      r"labs|pt|ct|cath|booster|splint|injection|injections|swab|extraction|echo|ua|pathology|braces|"
                      r"counseling|counselling)s?$",
                      re.IGNORECASE)
VISIT = re.compile(r"(?:had|have|having|get|getting|got|need|needs|needed|scheduled|schedule|book|booked|due for|"
                   r"wants|want|order|ordered|and|with|including|"
                   r"in for|going for|came in for|results?|after|before|from|did|doing|do|took|gave me|give me|"
                   r"for|set up|repeat|redo|recheck|rerun|(?<!as )in)\s+(?:(?:a|an|the|my|his|her|their|your|some|another)\s+)?$",
                   re.IGNORECASE)
# an everyday head followed by what makes it a thing: `a physical copy`, `a cleaning crew`
THING_AFTER = re.compile(r"\s+(?:copy|copies|address|store|card|form|forms|mail|crew|service|company|station|fee|fees|"
                         r"supplies|solution|product|products|lady|person|therapy|fitness|item|items|business|businesses|iron|cuff|"
                         r"of|on (?:the|this|my) "
                         r"(?:line|call|phone))\b", re.IGNORECASE)
# a lab test and its reading: `my A1C came back at 7.2`, `his PSA went up`, `your TSH is low`
LAB = re.compile(
    r"\b(?:(?:my|his|her|their|your|the)\s+(?:last\s+|latest\s+|recent\s+)?)(?:hemoglobin\s+|hb)?(?:a1c|psa|tsh|cbc|inr|egfr|gfr|ldl|hdl|"
    r"lipid panel|metabolic panel|thyroid panel|ferritin|creatinine|viral load|cd4 count|platelet count|white count|"
    r"vitamin d level|iron level|glucose test|sugar test)s?"
    r"(?=\s+(?:came back|come back|comes back|was|were|is|are|results?|levels?|numbers?|went|go|goes|has|had|"
    r"looked|looks|showed|shows|last time|at|of|test)\b|'s\b)", re.IGNORECASE)


# a condition the procedure treats or looks for, said before its head: `hernia repair`, `depression screening`
_CONDITION_BEFORE = re.compile(r"\b([a-z]{4,})\s+$", re.IGNORECASE)
# heads that treat or look for the condition (a `headache study` is research, a `pain count` nothing)
_TREATS = re.compile(r"^(?:repair|removal|surgery|operation|procedure|treatments?|therapy|screenings?|screen|testing|"
                     r"tests?|reconstruction|graft|grafts|implants?)$", re.IGNORECASE)


def _condition(word: str) -> bool:
    return any(t.entity in ("MEDICAL_CONDITION", "INJURY") for t in load_terms().get(word.lower(), ()))


class ProcedureRecognizer(EntityRecognizer):
    """Procedure nouns with their medical modifiers, and organs with what was done to them."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["MEDICAL_PROCESS"], name="ProcedureRecognizer", supported_language="en")

    def load(self) -> None:
        pass

    def matches(self, text: str) -> list[tuple[int, int, float]]:
        found: list[tuple[int, int, float]] = []
        for m in NOUN_PHRASE.finditer(text):
            head, mod = m.group("head"), m.group("mod")
            if not mod and WEAK_ALONE.match(head):
                before = _CONDITION_BEFORE.search(text, max(0, m.start() - 30), m.start())
                if before and _condition(before.group(1)) and _TREATS.match(head):  # `a hernia repair`, `bunion surgery`
                    found.append((before.start(1), m.end(), 0.7))
                continue  # `a test`, `the study`
            if not mod and EVERYDAY.match(head) and (not VISIT.search(text, max(0, m.start() - 25), m.start())
                                                      or THING_AFTER.match(text, m.end())):
                continue  # `a cast of characters`, `the crown`, `labs` without a visit
            if head.isupper() and len(head) <= 3 and head.lower() in {"pt", "ct"} and not mod \
                    and not VISIT.search(text, max(0, m.start() - 25), m.start()):
                continue
            found.append((m.start(), m.end(), 0.7 if mod or not EVERYDAY.match(head) else 0.55))
        for rx in (ORGAN_DONE, ORGAN_OUT, LAB):
            found += [(m.start(), m.end(), 0.7) for m in rx.finditer(text)]
        return merged(found)

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        if "MEDICAL_PROCESS" not in entities:
            return []
        return [result(self, "MEDICAL_PROCESS", s, e, score, "procedure noun phrase") for s, e, score in self.matches(text)]
