"""conditions.tsv: ICD-10-CM April 2026 tabular (CDC/NCHS, public domain) from simple-icd-10-cm —
descriptions, inclusion terms and excludes notes; chapters S/T (T07-T34) give the INJURY terms,
said as a caller says them (`broke my wrist`, `wrist fracture`)."""

from __future__ import annotations

import importlib.resources
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from bleeper.detection.recognizers.vocabulary import key
from tools.vocab.forms import PARENS, clean, plural
from tools.vocab.terms import BANNED_WORDS, acceptable

_CODE_REF = re.compile(r"\s*\((?:[A-Z][0-9][0-9A-Z.\-]*(?:[-–, ]+[A-Z]?[0-9][0-9A-Z.\-]*)*)\)")
_CUT = re.compile(r",|;| \bwith(?:out)?\b| \bdue to\b| \bin (?:diseases|conditions|pregnancy|childbirth|the puerperium"
                  r"|remission|relapse)\b| \bcomplicating\b| \bfollowing\b| \bnot elsewhere\b| \bclassified\b"
                  r"| \bassociated\b| \bcaused by\b| \bresulting\b| \bof unspecified\b| \bexcept\b| \bas\b"
                  r"| \bor\b| \bother than\b| \bof other\b| \bnec\b| \bnos\b|:")
_LEADING = re.compile(r"^(?:other|unspecified|acute|chronic|recurrent|primary|secondary|essential|idiopathic|"
                      r"simple|mild|moderate|severe|persistent|intermittent|generalized|localized|certain|"
                      r"current|personal|single|multiple episode of)\s+")
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
    part = clean(PARENS.sub("", text.split(",")[0]))
    part = part.rsplit(" of ", 1)[-1]
    part = _PART_TRIM.sub("", part)
    part = re.sub(r"\b(?:right|left|unspecified|bilateral)\b", "", part).strip()
    part = re.sub(r"\s+", " ", part)
    if not part or len(part.split()) > 3 or BANNED_WORDS & set(key(part)) or not re.fullmatch(r"[a-z' ]+", part):
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
    before_comma = clean(PARENS.sub("", text.split(",")[0]))
    head = clean(PARENS.sub("", _CUT.split(text, maxsplit=1)[0]))
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
                    if acceptable(head):
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
    return {t: e for t, e in terms.items() if acceptable(t) or e == "INJURY"}
