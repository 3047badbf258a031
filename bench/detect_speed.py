"""Detection + text redaction speed, on one core: the work of the detect and redact_text stages.

    .venv/bin/python bench/detect_speed.py [--runs N] [--out PATH]

Transcripts of a 5- and a 20-minute call (150 words a minute: ~3,600 and ~14,600 characters,
one segment per utterance, timed words) are made of the evaluation utterances, so they are dense
with PII: a worst case for the recognizers. Per size it times what the stages do after reading
their input: `detect_pii` (Presidio with every policy, overlaps resolved, each entity placed in
time), then pseudonym numbering, the hash skeleton and the redacted document. The process pins
itself to one core. Writes bench/detect_speed.json (median of N runs, default 7).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tools/ is not installed: it is imported from the repository

from bleeper.models import Transcript  # noqa: E402
from bleeper.policies import ALL_POLICIES  # noqa: E402
from tools.evaluate import read_aloud  # noqa: E402
from bleeper.detection import build_analyzer
from workers.detect import detect_pii  # noqa: E402
from bleeper.redaction.text import Style, document, skeleton, with_pseudonyms  # noqa: E402

EVAL_SETS = [ROOT / "eval" / "hard_calls.jsonl", ROOT.parent / "shared" / "eval" / "pii_dev.jsonl"]
WORDS_PER_MINUTE = 150


def call_transcript(minutes: int) -> Transcript:
    """Utterances in turn until the call has its words, one segment each, at an even pace."""
    utterances = [json.loads(line)["text"] for path in EVAL_SETS if path.exists()
                  for line in path.read_text().splitlines() if line.strip()]
    chosen, words = [], 0
    while words < minutes * WORDS_PER_MINUTE:
        chosen.append(utterances[len(chosen) % len(utterances)])
        words += len(chosen[-1].split())
    return read_aloud(chosen)


def _median_s(fn, runs: int) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(minutes: int, analyzer, runs: int) -> dict:  # noqa: ANN001
    transcript = call_transcript(minutes)
    entities = detect_pii(transcript, analyzer, ALL_POLICIES)  # warm, and what redaction gets

    def redact() -> None:
        numbered = with_pseudonyms(transcript, entities)
        document(skeleton(transcript, numbered), numbered, Style("hash"))

    detect_s = _median_s(lambda: detect_pii(transcript, analyzer, ALL_POLICIES), runs)
    redact_s = _median_s(redact, runs)
    return {
        "minutes": minutes, "chars": len(transcript.text), "words": len(transcript.words),
        "entities": len(entities), "detect_median_s": round(detect_s, 4), "redact_text_median_s": round(redact_s, 4),
        "chars_per_s_detect_and_redact": round(len(transcript.text) / (detect_s + redact_s)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "detect_speed.json")
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    started = time.perf_counter()
    analyzer = build_analyzer()
    load_s = time.perf_counter() - started
    sizes = [measure(minutes, analyzer, args.runs) for minutes in (5, 20)]
    result = {
        "machine": {"cpus_used": len(os.sched_getaffinity(0)), "cpus": os.cpu_count(),
                    "python": platform.python_version(), "processor": platform.processor() or platform.machine()},
        "utterances_from": [str(p.relative_to(ROOT.parent)) for p in EVAL_SETS if p.exists()],
        "runs": args.runs, "analyzer_load_s": round(load_s, 3), "sizes": sizes,
        "chars_per_s_detect_and_redact": min(s["chars_per_s_detect_and_redact"] for s in sizes),
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
