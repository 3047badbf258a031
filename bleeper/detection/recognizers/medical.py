"""Medical conditions and drugs in telehealth calls: a vocabulary of common ones (word list), plus
any short phrase after `diagnosed with`, `suffering from`, `treated for` (context rule)."""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.health_talk import OTHER_SENSE, said_of_a_thing
from bleeper.detection.recognizers.result import result

CONDITIONS = """
acid reflux|acne|addison's disease|adhd|alcoholism|allergies|alzheimer's|alzheimer's disease|anemia|angina|
anorexia|anxiety|anxiety disorder|appendicitis|arrhythmia|arthritis|asthma|atrial fibrillation|autism|
back pain|bipolar disorder|bipolar|bladder infection|blood clot|breast cancer|bronchitis|bulimia|bursitis|
cancer|carpal tunnel|cataracts|celiac disease|cerebral palsy|chlamydia|cholera|chronic fatigue|
chronic kidney disease|chronic pain|cirrhosis|colitis|colon cancer|concussion|congestive heart failure|
conjunctivitis|copd|coronary artery disease|covid|covid-19|crohn's disease|crohn's|cystic fibrosis|dementia|
depression|dermatitis|diabetes|type 1 diabetes|type 2 diabetes|diverticulitis|eczema|emphysema|endometriosis|
epilepsy|fibromyalgia|flu|influenza|gallstones|gastritis|gerd|glaucoma|gonorrhea|gout|heart attack|
heart disease|heart failure|hemophilia|hemorrhoids|hepatitis|hepatitis b|hepatitis c|herpes|high blood pressure|
high cholesterol|hiv|aids|hives|huntington's disease|hypertension|hyperthyroidism|hypothyroidism|ibs|
irritable bowel syndrome|infertility|insomnia|kidney disease|kidney stones|leukemia|lung cancer|lupus|lyme disease|
lymphoma|macular degeneration|malaria|measles|melanoma|meningitis|menopause|migraine|migraines|mono|
multiple sclerosis|ms|muscular dystrophy|narcolepsy|obesity|ocd|osteoarthritis|osteoporosis|ovarian cancer|
pancreatitis|panic attacks|panic disorder|parkinson's|parkinson's disease|pneumonia|prostate cancer|psoriasis|
ptsd|rheumatoid arthritis|schizophrenia|sciatica|scoliosis|seizures|sepsis|shingles|sickle cell|sickle cell anemia|
sinusitis|skin cancer|sleep apnea|stroke|strep throat|tendonitis|tinnitus|tonsillitis|tuberculosis|ulcer|
ulcerative colitis|urinary tract infection|uti|vertigo|a heart condition|postpartum depression|opioid addiction|
substance abuse|eating disorder|pregnant|pregnancy|a-fib|afib|allergy|allergies|peanut allergy|food allergy|
rash|a rash|polyps|hard of hearing|hearing loss|deaf|blind|low vision|heart murmur|kidney failure|liver disease|
thyroid cancer|skin infection|down syndrome|kidney stone|kidney stones|food poisoning|reflux|
type one diabetes|type two diabetes|long covid|sickle cell disease|polio|bad breath|ear infection|sinus infection|yeast infection|strep|chest pain|shortness of breath|
"""
DRUGS = """
acetaminophen|adderall|advil|albuterol|alprazolam|amlodipine|amoxicillin|atorvastatin|azithromycin|benadryl|
buprenorphine|bupropion|carvedilol|cetirizine|ciprofloxacin|citalopram|clonazepam|clopidogrel|codeine|
cyclobenzaprine|diazepam|doxycycline|duloxetine|eliquis|enalapril|escitalopram|estradiol|famotidine|fentanyl|
fluoxetine|furosemide|gabapentin|glipizide|humira|hydrochlorothiazide|hydrocodone|ibuprofen|insulin|
jardiance|keytruda|lamotrigine|lantus|levothyroxine|lexapro|lipitor|lisinopril|lithium|loratadine|lorazepam|
losartan|lyrica|meloxicam|metformin|methadone|methotrexate|methylphenidate|metoprolol|montelukast|morphine|
naloxone|naproxen|nexium|omeprazole|ozempic|oxycodone|pantoprazole|paxil|penicillin|percocet|prednisone|
pregabalin|prozac|quetiapine|ritalin|rosuvastatin|sertraline|sildenafil|simvastatin|suboxone|synthroid|
tamoxifen|tramadol|trazodone|tylenol|valium|valsartan|viagra|vicodin|warfarin|wegovy|wellbutrin|xanax|
xarelto|zoloft|zolpidem|ambien|sulfa|sulfa drugs|mounjaro|semaglutide|tirzepatide|spironolactone|propranolol|topiramate|
"""


PROCEDURES = """
mri|an mri|ct scan|cat scan|x-ray|xray|x ray|colonoscopy|endoscopy|biopsy|surgery|chemotherapy|chemo|radiation|
radiation therapy|dialysis|physical therapy|mammogram|ultrasound|blood test|blood work|bloodwork|vaccination|
flu shot|knee replacement|hip replacement|c-section|appendectomy|ekg|ecg|echocardiogram|stress test|angioplasty|
bypass surgery|transplant|infusion|iv infusion|pap smear|colonoscopy prep|cataract surgery|root canal|
"""
INJURY = re.compile(
    r"\b(?:a |an )?(?:broken|fractured|sprained|torn|dislocated|pulled|strained|bruised|cracked|twisted)"
    r" (?:left |right )?(?:wrist|arm|leg|ankle|knee|hip|ribs?|shoulder|elbow|fingers?|toes?|foot|hand|back|neck|"
    r"collarbone|meniscus|acl|mcl|achilles|hamstring|muscle|ligament|nose|jaw|tooth|skull|pelvis|tailbone)\b"
    r"|\b(?:a |an )?(?:concussion|whiplash|fracture|burns?|laceration|stab wound|gunshot wound)\b",
    re.IGNORECASE,
)


_WORD = re.compile(r"\w+")


class Vocabulary:
    """A word list matched case-insensitively as whole words, longest entry first.

    One regex alternation of a few hundred entries is tried at every character of the text;
    trying it only where a word that starts some entry stands finds the same matches (a match
    starts at a word, and its first word must be an entry's first word) in a fraction of the time.
    """

    def __init__(self, words: str) -> None:
        items = sorted({w.strip() for w in words.replace("\n", "").split("|") if w.strip()}, key=len, reverse=True)
        # a plural said of an acronym or a name (`three UTIs`, `ear infections`) is the same term
        self.regex = re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in items)})(?:s|es)?\b", re.IGNORECASE)
        self.first_words = {_WORD.match(w).group().lower() for w in items}

    def finditer(self, text: str, words: list[tuple[int, str]]) -> list[re.Match[str]]:
        """Matches in `text`, whose words (start, lower case) are `words`."""
        found: list[re.Match[str]] = []
        for start, word in words:
            listed = word in self.first_words or word[:-1] in self.first_words or word[:-2] in self.first_words
            if listed and (not found or start >= found[-1].end()):
                m = self.regex.match(text, start)
                if m:
                    found.append(m)
        return found


class MedicalRecognizer(EntityRecognizer):
    CONDITION = Vocabulary(CONDITIONS)
    DRUG = Vocabulary(DRUGS)
    PROCEDURE = Vocabulary(PROCEDURES)
    # a short phrase after a diagnosis cue, up to a clause boundary
    CUE = re.compile(r"\b(?:diagnosed with|diagnosed as(?: being)?|suffering from|suffers from|treated for|being treated for|"
                     r"history of|tested positive for)\s+((?:[a-z'-]+\s?){1,3}?)(?=[,.;?!]| and | but | last | "
                     r"since | for | in | about | a few |$)", re.IGNORECASE)
    DOSE = re.compile(r"\b([A-Za-z]{5,})\s+\d+(?:\.\d+)?\s?(?:mg|milligrams|mcg|ml)\b", re.IGNORECASE)

    def __init__(self) -> None:
        super().__init__(supported_entities=["MEDICAL_CONDITION", "DRUG", "MEDICAL_PROCESS", "INJURY"],
                         name="MedicalRecognizer",
                         supported_language="en")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        found: list[tuple[str, int, int, float, str]] = []
        words = [(m.start(), m.group().lower()) for m in _WORD.finditer(text)]
        for m in self.CONDITION.finditer(text, words):
            if m.group().lower() == "ms" and not m.group().isupper() or OTHER_SENSE.match(text, m.end()) \
                    or said_of_a_thing(text, m.start(), m.end()) \
                    or text[m.start() - 1:m.start()] == "-":  # roof `shingles`; part of a word: `double-blind`
                continue  # "Ms." is a title; `a stroke of luck`, `flu shot`
            found.append(("MEDICAL_CONDITION", m.start(), m.end(), 0.75, "condition vocabulary"))
        for m in self.DRUG.finditer(text, words):
            found.append(("DRUG", m.start(), m.end(), 0.75, "drug vocabulary"))
        for m in self.PROCEDURE.finditer(text, words):
            found.append(("MEDICAL_PROCESS", m.start(), m.end(), 0.7, "procedure vocabulary"))
        for m in INJURY.finditer(text):
            found.append(("INJURY", m.start(), m.end(), 0.8, "injury pattern"))
        for m in self.CUE.finditer(text):
            found.append(("MEDICAL_CONDITION", m.start(1), m.start(1) + len(m.group(1).rstrip()), 0.6,
                          "after a diagnosis cue"))
        for m in self.DOSE.finditer(text):
            found.append(("DRUG", m.start(1), m.end(1), 0.6, "name before a dose"))
        return [
            result(self, entity, s, e, score, why)
            for entity, s, e, score, why in found
            if entity in entities and e > s
        ]
