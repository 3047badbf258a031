"""What the vocabulary recognizer (bleeper/detection/recognizers/vocabulary.py) adds, per policy it finds.

    .venv/bin/python bench/vocab_eval.py [--out PATH] [--errors]

Scores three detectors on shared/eval/pii_dev.jsonl, eval/hard_calls.jsonl and the `tune` half of
eval/blind/blind.jsonl (never its `test` half): today's (`build_analyzer()` + `find_pii`), today's
plus `VocabularyRecognizer`, and today's with the vocabulary in place of the hand lists it can
replace (`MedicalRecognizer`, `PersonalRecognizer:OCCUPATION`). Per policy: gold, predicted,
precision, recall (same policy, overlapping span, as `python -m tools eval-pii`); overall precision; and
the predictions on hard negatives (utterances with no PII). --errors lists the vocabulary's misses
and false positives by item id and offsets, for tuning on these sets only. Writes bench/vocab_eval.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tools/ is not installed: it is imported from the repository

from bleeper.policies import ALL_POLICIES  # noqa: E402
from tools import evaluate  # noqa: E402
from bleeper.detection import build_analyzer
from workers.detect import find_pii  # noqa: E402
from bleeper.detection.recognizers.vocabulary import VocabularyRecognizer  # noqa: E402

POLICIES = ["medical_condition", "injury", "drug", "medical_process", "occupation"]
REPLACED = ["MedicalRecognizer", "PersonalRecognizer:OCCUPATION"]


def datasets() -> dict[str, list[dict]]:
    sets = {"dev": evaluate.load(ROOT.parent / "shared" / "eval" / "pii_dev.jsonl"),
            "hard": evaluate.load(ROOT / "eval" / "hard_calls.jsonl")}
    blind = ROOT / "eval" / "blind" / "blind.jsonl"
    if blind.exists():
        tune = [i for i in evaluate.load(blind) if i.get("split") == "tune"]  # never the test half
        if tune:
            sets["blind-tune"] = tune
    return sets


def detectors() -> dict:
    today = build_analyzer()
    plus = build_analyzer()
    plus.registry.add_recognizer(VocabularyRecognizer())
    instead = build_analyzer()
    for name in REPLACED:
        instead.registry.remove_recognizer(name)
    instead.registry.add_recognizer(VocabularyRecognizer())
    return {"today": today, "today+vocab": plus, "vocab instead of hand lists": instead}


def run(items: list[dict], analyzer) -> tuple[dict, list[tuple[str, str, int, int, str]]]:  # noqa: ANN001
    """Scores, and the vocabulary's errors as (kind, policy, start, end, item id): ids and offsets,
    never the text, so the listing can be pasted anywhere (look the items up in the set)."""
    predictions: dict[str, list[tuple[int, int, str, str]]] = {}

    def predict(text: str) -> list[tuple[int, int, str]]:
        found = find_pii(text, analyzer, ALL_POLICIES)
        predictions[text] = [(f.start, f.end, f.policy, f.recognizer) for f in found]
        return [(f.start, f.end, f.policy) for f in found]

    report = evaluate.score(items, predict)
    negatives = [i for i in items if not i["spans"]]
    on_negatives = sum(len(predictions[i["text"]]) for i in negatives)
    o = report.overall
    scores = {
        "policies": {p: {"gold": s.gold, "predicted": s.predicted, "precision": s.precision, "recall": s.recall}
                     for p, s in sorted(report.policies.items()) if p in POLICIES},
        "overall": {"gold": o.gold, "predicted": o.predicted, "precision": o.precision, "recall": o.recall,
                    "recall_any": o.recall_any},
        "hard_negatives": {"utterances": len(negatives), "predictions": on_negatives},
    }
    errors = []  # (kind, policy, start, end, item id) for the vocabulary's part, to read when tuning
    for item in items:
        gold = [(s["start"], s["end"], s["label"]) for s in item["spans"]]
        pred = predictions[item["text"]]
        for s, e, label in gold:
            if label in POLICIES and not any(p[2] == label and p[0] < e and s < p[1] for p in pred):
                errors.append(("miss", label, s, e, item.get("id", "?")))
        for s, e, policy, recognizer in pred:
            if recognizer == "VocabularyRecognizer" and not any(g[2] == policy and g[0] < e and s < g[1] for g in gold):
                errors.append(("false positive", policy, s, e, item.get("id", "?")))
    return scores, errors


def fmt(v: float | None) -> str:
    return "  —  " if v is None else f"{v:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "vocab_eval.json")
    parser.add_argument("--errors", action="store_true", help="print the vocabulary's misses and false positives")
    args = parser.parse_args()
    sets, results = datasets(), {}
    for name, analyzer in detectors().items():
        results[name] = {}
        for set_name, items in sets.items():
            scores, errors = run(items, analyzer)
            results[name][set_name] = scores
            if args.errors and name != "today":
                for kind, policy, s, e, item_id in errors:
                    print(f"[{name} / {set_name}] {kind} {policy}: {item_id} chars {s}-{e}")
    print(f"{'set':<11} {'detector':<28} " + " ".join(f"{p[:14]:>15}" for p in POLICIES)
          + "   overall P/R    negatives")
    for set_name in sets:
        for name in results:
            r = results[name][set_name]
            cells = []
            for p in POLICIES:
                s = r["policies"].get(p)
                cells.append(f"{'':>15}" if s is None else
                             f"{s['gold']:>3} {fmt(s['precision'])}/{fmt(s['recall'])}"[:15].rjust(15))
            o, n = r["overall"], r["hard_negatives"]
            print(f"{set_name:<11} {name:<28} " + " ".join(cells)
                  + f"   {fmt(o['precision'])}/{fmt(o['recall'])}   {n['predictions']} on {n['utterances']}")
    print("cells: gold precision/recall")
    args.out.write_text(json.dumps({"sets": {k: len(v) for k, v in sets.items()}, "results": results}, indent=2)
                        + "\n")


if __name__ == "__main__":
    main()
