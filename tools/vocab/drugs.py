"""drugs.tsv: drug-named-entity-recognition's dictionary (DrugBank open vocabulary CC0, MeSH,
MedlinePlus, NHS): generic and brand names."""

from __future__ import annotations

import builtins
import bz2
import importlib.resources
import pickle
import re

from spacy.lang.en.stop_words import STOP_WORDS
from wordfreq import zipf_frequency

from bleeper.detection.recognizers.vocabulary import key
from tools.vocab.forms import clean


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
