"""Streaming (issue 15): latency, accuracy, leaks and capacity of `GET /v3/ws`, driven by the
official AssemblyAI SDK against `bleeper stream` processes of its own.

    .venv/bin/python bench/streaming.py [--quick] [--out bench/streaming.json]

Audio: the natural-voice calls of samples/voices/calls.json (made and cached by make_calls.py; not
used while the streaming engine was built, which was tuned on samples/voices/make_stream_call.py's
call): three 16 kHz calls sent as pcm_s16le, the phone call as its own 8 kHz pcm_mulaw.

- **latency** (default settings: redaction on, partials off; audio sent in 100 ms frames at real
  time, each frame when its last sample would have been spoken): for each scripted turn, from the
  moment its last word was spoken to the arrival of the final `Turn` that holds its last words
  (words whose middle falls inside the turn); p50 and p95 over every turn, apart for turns whose
  script ends in a digit, number word or name (the ones the redaction window holds back);
- **leaks**: every planted value looked for (bench/calls.py's normalisation: digits whatever the
  grouping, content words, near spellings) in every message of those sessions, near its time;
- **WER** of the final turns against the script (bench/calls.py's `wer`), from sessions with
  `redact_pii=false` streamed as fast as the server takes them (the text does not depend on pace);
- **capacity**: N sessions at once, each streaming a different call's first 60 s at real time, N
  raised until the p95 latency passes 2 s or a session fails; for `tiny.en` and `base`.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_OUT = ROOT / "bench" / "streaming.json"
from tools.stream_server import KEY  # noqa: E402
FRAME_S = 0.1
LIMIT_S = 2.0  # capacity: sessions sustained while the p95 latency stays under this


def _module(name: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


calls_bench = _module("bench_calls", ROOT / "bench" / "calls.py")
make_calls = _module("make_calls", ROOT / "samples" / "voices" / "make_calls.py")


# --- audio as a client sends it -------------------------------------------------------------------


def client_audio(path: Path) -> tuple[bytes, str, int]:
    """(bytes, encoding, sample rate): a μ-law WAV as its own bytes, anything else as 16 kHz s16 mono."""
    import numpy as np

    from bleeper.asr.pcm import pcm_chunks
    from bleeper.streaming.audio import wav_header_length

    if path.suffix == ".wav":
        data = path.read_bytes()
        return data[wav_header_length(data):], "pcm_mulaw", 8000
    samples = np.concatenate([s for _, s in pcm_chunks(path)])
    return (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes(), "pcm_s16le", 16000


# --- a server of its own ------------------------------------------------------------------------


@contextmanager
def server(home: Path, model: str, *, sessions: int, realtime: bool):
    from tools.stream_server import redis_server, stream_process

    with redis_server(home) as redis_url, stream_process(
            home, redis_url, stream_whisper_model=model, stream_max_sessions=str(sessions),
            stream_realtime_check="true" if realtime else "false", log_level="WARNING") as host:
        yield host


# --- one session --------------------------------------------------------------------------------


def session(host: str, audio: bytes, encoding: str, rate: int, *, realtime: bool, **params: Any) -> dict[str, Any]:
    """Stream `audio` through the SDK; every event with the monotonic time it arrived."""
    from assemblyai.streaming.v3 import StreamingClient, StreamingClientOptions, StreamingEvents, StreamingParameters

    client = StreamingClient(StreamingClientOptions(api_key=KEY, api_host=f"ws://{host}", terminate_timeout=120,
                                                    connect_timeout=10))
    events: list[tuple[float, str, Any]] = []
    for kind in (StreamingEvents.Begin, StreamingEvents.Turn, StreamingEvents.Termination, StreamingEvents.Error):
        client.on(kind, lambda _, e, kind=kind: events.append((time.monotonic(), kind.name, e)))
    client.connect(StreamingParameters(sample_rate=rate, encoding=encoding, **params))
    frame = int(rate * FRAME_S) * (1 if encoding == "pcm_mulaw" else 2)
    t0 = time.monotonic()
    for k, at in enumerate(range(0, len(audio), frame)):
        if realtime:
            time.sleep(max(0.0, t0 + (k + 1) * FRAME_S - time.monotonic()))  # once its audio was spoken
        client.stream(audio[at:at + frame])
    client.disconnect(terminate=True)
    return {"t0": t0, "events": events, "seconds": time.monotonic() - t0}


def transcript(run: dict[str, Any]) -> list[dict[str, Any]]:
    """The final turns as received (the calls' values are made up): when, where in the audio, what."""
    return [{"at_s": round(t - run["t0"], 3), "turn": e.turn_order, "start_ms": e.words[0].start if e.words else None,
             "end_ms": e.words[-1].end if e.words else None, "text": e.transcript} for t, e in finals(run)]


def finals(run: dict[str, Any]) -> list[tuple[float, Any]]:
    return [(t, e) for t, kind, e in run["events"] if kind == "Turn" and e.end_of_turn and e.turn_is_formatted]


def latencies(run: dict[str, Any], ref: dict[str, Any], until_ms: float = float("inf")) -> list[dict[str, Any]]:
    from bleeper.streaming.text import tail_is_open

    out = []
    for turn in ref["turns"]:
        if turn["end_ms"] > until_ms:
            continue
        holding = [t for t, e in finals(run)
                   if any(turn["start_ms"] <= (w.start + w.end) / 2 <= turn["end_ms"] for w in e.words)]
        said = run["t0"] + turn["end_ms"] / 1000
        spoken = calls_bench.spoken_to_digits(turn["text"])[-1:] or [""]
        out.append({"turn_end_ms": turn["end_ms"], "latency_s": round(max(holding) - said, 3) if holding else None,
                    "open_tail": tail_is_open(turn["text"].split()) or spoken[0].isdigit()})
    return out


def leaks(run: dict[str, Any], ref: dict[str, Any]) -> list[dict[str, Any]]:
    """Each planted value as seen in any message the client got (partials too, if any came)."""
    words = [(w.text, w.start, w.end) for _, kind, e in run["events"] if kind == "Turn" for w in e.words]
    found = []
    for value, window in zip(ref["pii"], calls_bench.windows(ref["pii"])):
        seen = calls_bench.look_for(value, words, window)
        found.append({"policy": value["policy"], "level": seen["level"]})
    return found


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))], 3)


def summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    got = [r["latency_s"] for r in rows if r["latency_s"] is not None]
    held = [r["latency_s"] for r in rows if r["latency_s"] is not None and r["open_tail"]]
    other = [r["latency_s"] for r in rows if r["latency_s"] is not None and not r["open_tail"]]
    return {"turns": len(rows), "missed": len(rows) - len(got), "p50_s": pct(got, 0.5), "p95_s": pct(got, 0.95),
            "max_s": max(got, default=None), "open_tail_p50_s": pct(held, 0.5), "other_p50_s": pct(other, 0.5)}


# --- the runs -------------------------------------------------------------------------------------


def load_calls(quick: bool) -> list[tuple[dict[str, Any], bytes, str, int]]:
    out = []
    for call in make_calls.load_calls():
        if quick and call["name"] != "travel_booking":
            continue
        path, ref = make_calls.make_call(call, committed=None)
        out.append((ref, *client_audio(path)))
    return out


def single(home: Path, model: str, calls: list, log: Any) -> dict[str, Any]:
    """One session at a time, real time, default settings: latency and leaks."""
    rows, found, said = [], [], {}
    with server(home, model, sessions=1, realtime=True) as host:
        for ref, audio, encoding, rate in calls:
            run = session(host, audio, encoding, rate, realtime=True, format_turns=True)
            rows += latencies(run, ref)
            found += [{**f, "call": ref["name"]} for f in leaks(run, ref)]
            said[ref["name"]] = transcript(run)
            errors = [e for _, kind, e in run["events"] if kind == "Error"]
            log(f"  {model} {ref['name']}: {summary(latencies(run, ref))}, errors {len(errors)}")
    leaked = [f for f in found if f["level"] != "none"]
    return {**summary(rows), "values": len(found), "leaked": len(leaked), "leaked_detail": leaked, "per_turn": rows,
            "transcripts": said}


def accuracy(home: Path, model: str, calls: list, log: Any) -> dict[str, Any]:
    """WER of the final turns, and which values Whisper wrote recognisably (redaction off, fast)."""
    refs, hyps, recognised = [], [], 0
    with server(home, model, sessions=1, realtime=False) as host:
        for ref, audio, encoding, rate in calls:
            run = session(host, audio, encoding, rate, realtime=False, format_turns=True, redact_pii=False)
            refs.append(ref["text"])
            hyps.append(" ".join(e.transcript for _, e in finals(run)))
            recognised += sum(f["level"] != "none" for f in leaks(run, ref))
            log(f"  {model} {ref['name']}: WER {calls_bench.wer(refs[-1], hyps[-1])['wer']}")
    return {**calls_bench.wer(" ".join(refs), " ".join(hyps)), "values_recognised": recognised}


def capacity(home: Path, model: str, calls: list, top: int, log: Any, excerpt_s: float = 60.0) -> list[dict]:
    """N real-time sessions at once (a different call each, first `excerpt_s`), N = 2, 3, …"""
    levels = []
    for n in range(2, top + 1):
        results: list[dict[str, Any] | None] = [None] * n
        with server(home, model, sessions=n, realtime=True) as host:
            def one(i: int) -> None:
                ref, audio, encoding, rate = calls[i % len(calls)]
                cut = int(excerpt_s * rate) * (1 if encoding == "pcm_mulaw" else 2)
                run = session(host, audio[:cut], encoding, rate, realtime=True, format_turns=True)
                run["rows"] = latencies(run, ref, until_ms=excerpt_s * 1000 - 1500)
                results[i] = run

            threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        errors = sum(kind == "Error" for r in results if r for _, kind, _ in r["events"])
        level = {"sessions": n, **summary([row for r in results if r for row in r["rows"]]), "errors": errors,
                 "per_session": [{"call": calls[i % len(calls)][0]["name"], **summary(r["rows"]),
                                  "latencies": [row["latency_s"] for row in r["rows"]]} for i, r in enumerate(results) if r]}
        log(f"  {model} x{n}: p50 {level['p50_s']} s, p95 {level['p95_s']} s, missed {level['missed']}, errors {errors}")
        levels.append(level)
        if errors or level["missed"] or (level["p95_s"] or 0) > LIMIT_S:
            break
    return levels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one call, tiny.en, two sessions at most")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    log = lambda line: print(line, flush=True)  # noqa: E731
    calls = load_calls(args.quick)
    models = ["tiny.en"] if args.quick else ["base", "tiny.en"]
    result: dict[str, Any] = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "load_before": os.getloadavg()},
        "calls": [{"name": r["name"], "duration_s": r["duration_s"], "encoding": e, "sample_rate": sr,
                   "turns": len(r["turns"]), "values": len(r["pii"])} for r, _, e, sr in calls],
        "settings": {"holdback_ms": 1500, "min_turn_silence_ms": 400, "max_turn_silence_ms": 1280, "beam_size": 1,
                     "frame_ms": int(FRAME_S * 1000), "capacity_limit_p95_s": LIMIT_S},
        "models": {},
    }
    with tempfile.TemporaryDirectory(prefix="bleeper-bench-stream-") as tmp:
        for model in models:
            home = Path(tmp) / model
            home.mkdir()
            log(f"{model}: one session at a time, real time")
            entry = {"single": single(home, model, calls, log)}
            log(f"{model}: accuracy (redaction off, as fast as it goes)")
            entry["accuracy"] = accuracy(home, model, calls, log)
            log(f"{model}: sessions at once")
            entry["concurrent"] = capacity(home, model, calls, 2 if args.quick else 6, log)
            ok = [1] + [lv["sessions"] for lv in entry["concurrent"]
                        if not lv["errors"] and not lv["missed"] and (lv["p95_s"] or 0) <= LIMIT_S]
            entry["sessions_sustained"] = max(ok) if (entry["single"]["p95_s"] or 0) <= LIMIT_S else 0
            result["models"][model] = entry
    result["machine"]["load_after"] = os.getloadavg()
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    for model, entry in result["models"].items():
        s, a = entry["single"], entry["accuracy"]
        log(f"{model}: p50 {s['p50_s']} s, p95 {s['p95_s']} s (held turns p50 {s['open_tail_p50_s']} s, others "
            f"{s['other_p50_s']} s); WER {a['wer']}; leaked {s['leaked']} of {s['values']} values "
            f"(Whisper wrote {a['values_recognised']}); sustained {entry['sessions_sustained']} session(s)")
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
