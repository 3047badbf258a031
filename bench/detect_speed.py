"""How long detection takes on a 5-minute call transcript, on one core.

    taskset -c 0 .venv/bin/python bench/detect_speed.py

A 5-minute call is ~750 words, ~4,200 characters of transcript (150 words a minute). The text is
made of the evaluation utterances, so it is dense with PII: a worst case for the recognizers.
Writes bench/detect_speed.json.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
from pathlib import Path

from bleeper.policies import ALL_POLICIES
from workers.detect import build_analyzer, find_pii
from bleeper.models import Entity
from workers.redact_text import Style, _anonymize

ROOT = Path(__file__).resolve().parents[1]
CHARS_5_MIN = 4200


def main() -> None:
    lines = [json.loads(x)["text"] for x in (ROOT / "eval" / "hard_calls.jsonl").read_text().splitlines()]
    text = " ".join(lines)[:CHARS_5_MIN]
    started = time.perf_counter()
    analyzer = build_analyzer()
    load_s = time.perf_counter() - started
    find_pii(text, analyzer, ALL_POLICIES)  # warm
    detect, redact = [], []
    for _ in range(7):
        t = time.perf_counter()
        found = find_pii(text, analyzer, ALL_POLICIES)
        detect.append(time.perf_counter() - t)
        t = time.perf_counter()
        style = Style("hash")
        _anonymize(text, [(f.start, f.end, style.replacement(Entity(policy=f.policy, start=f.start, end=f.end,
                                                                    start_ms=0, end_ms=0, score=f.score,
                                                                    recognizer=f.recognizer),
                                                             text[f.start:f.end])) for f in found])
        redact.append(time.perf_counter() - t)
    d, r = statistics.median(detect), statistics.median(redact)
    result = {
        "machine": {"cpus_allowed": len(os.sched_getaffinity(0)), "python": platform.python_version()},
        "chars": len(text), "entities": len(found), "analyzer_load_s": round(load_s, 3),
        "detect_median_s": round(d, 4), "redact_text_median_s": round(r, 4),
        "chars_per_s_detect_and_redact": round(len(text) / (d + r)),
    }
    (ROOT / "bench" / "detect_speed.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
