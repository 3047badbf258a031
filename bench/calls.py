"""What leaks: test calls with planted PII through a private stack, driven by the official
AssemblyAI SDK, scored for values still readable in the redacted transcript and still audible in
the redacted audio (issue 12).

    .venv/bin/python bench/calls.py [--quick] [--call NAME ...] [--no-sample] [--out bench/calls.json]

Calls: the natural-voice calls of samples/voices/calls.json (made and cached by
samples/voices/make_calls.py, each value's start and end exact) and the flite sample call
(samples/sample_call.mp3; its reference has no times, so each value gets its turn's span, found
from the 0.6 s silences between turns). `--quick`: only the shortest natural-voice call.

Per call, through a stack of its own (own BLEEPER_HOME and ports, one worker process):
- the key's account defaults are set to `verify: true` and `keep_unredacted: true` (the SDK sends
  only AssemblyAI's fields), then `aai.Transcriber().transcribe(file, config)` with `redact_pii`,
  `redact_pii_audio` and every policy the SDK and bleeper both name;
- **readable**: each planted value is looked for in the redacted transcript's words around the
  value's time (±1 s), in normalised form: lower case, spoken numbers as digits; a number's
  digits whatever the grouping (one digit more or fewer allowed from 7 digits on, as Whisper
  drops and adds digits); names and words by each content word (spelled letters joined, a near
  spelling of 5+ letters counts: Whitaker/Whittaker). `full`: every part visible; `partial`:
  some part, or 4+ consecutive digits of a long number; `none`;
- **audible**: the same search in a new transcription of the redacted audio by the worker's
  Whisper model and settings (`bleeper.asr.load_model` / `transcribe_audio`);
- **recognised**: the same search in the job's unredacted transcript (`?redact=false`): a value
  Whisper never wrote recognisably cannot be read after redaction either, whatever bleeper did;
- **recall** per policy: the job's entities against the planted spans by time overlap (±200 ms),
  same policy or any; **WER** of the unredacted transcript against the script, normalised (lower
  case, punctuation dropped, numbers as single digits, `$`, `@` and `.` in addresses spoken).

The console shows counts only; bench/calls.json holds per-value detail (the values are made up).
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tools/ is not installed: it is imported from the repository
SAMPLE_AUDIO = ROOT / "samples" / "sample_call.mp3"
SAMPLE_REFERENCE = ROOT / "samples" / "sample_call.json"
DEFAULT_OUT = ROOT / "bench" / "calls.json"

# Away from the developer stack (16379/18333/18000/15555), the tests (26379/28333/28000/25555),
# python -m tools bench (47379/43333/47000/47555 and +100s), bench/worker_loss.py (46379/44333/48000/
# 45555) and bench/load.py (52xxx). SeaweedFS also takes s3+1..s3+8 and s3+10008.
PORTS = {"redis": 49379, "s3": 41333, "api": 49100, "flower": 49655}

WINDOW_MS = 1000  # around a planted value: Whisper's word times are off by up to ~0.5 s (p90)
OVERLAP_SLACK_MS = 200
FUZZY_MIN_LEN, FUZZY_RATIO = 5, 0.75
WHOLE_NUMBER = {"phone_number", "credit_card_number", "credit_card_cvv", "credit_card_expiration",
                "us_social_security_number", "account_number", "passport_number", "drivers_license",
                "banking_information", "healthcare_number", "person_age", "number_sequence"}
GENERIC = {"the", "of", "and", "at", "in", "on", "a", "an", "to", "dot", "street", "st", "avenue", "ave", "road",
           "rd", "apartment", "apt", "suite", "unit", "drive", "boulevard", "lane", "corner", "mr", "mrs", "ms",
           "dollars", "cents"}


# --- normalising --------------------------------------------------------------------------------

UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine".split())}
TEENS = {w: i + 10 for i, w in enumerate("ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
                                         "eighteen nineteen".split())}
TENS = {w: (i + 2) * 10 for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
ORDINAL_UNITS = {w: i + 1 for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth".split())}
ORDINAL_TEENS = {w: i + 10 for i, w in enumerate("tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth "
                                                 "seventeenth eighteenth nineteenth".split())}
ORDINAL_TENS = {w: (i + 2) * 10 for i, w in enumerate("twentieth thirtieth fortieth fiftieth sixtieth seventieth "
                                                      "eightieth ninetieth".split())}
SMALL = {**UNITS, **TEENS, **ORDINAL_UNITS, **ORDINAL_TEENS}
NUMBER_WORDS = {*SMALL, *TENS, *ORDINAL_TENS, "oh", "hundred", "thousand", "double", "triple"}


def _below_hundred(tokens: list[str], i: int) -> tuple[int | None, int]:
    """A number under 100 starting at tokens[i] (`forty`, `forty seven`, `seventeen`, `fourth`)."""
    t = tokens[i] if i < len(tokens) else ""
    if t in TENS:
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if nxt in UNITS and UNITS[nxt] or nxt in ORDINAL_UNITS:
            return TENS[t] + SMALL[nxt], i + 2
        return TENS[t], i + 1
    if t in ORDINAL_TENS:
        return ORDINAL_TENS[t], i + 1
    if t in SMALL:
        return SMALL[t], i + 1
    return None, i


def _number(tokens: list[str], i: int) -> tuple[str, int]:
    """One spoken number from tokens[i]: `two thousand five hundred` → 2500, `twelve hundred and
    forty` → 1240; a run of digits read one by one comes out as one group per word."""
    value, j = _below_hundred(tokens, i)
    assert value is not None
    total = 0
    while j < len(tokens) and tokens[j] in ("hundred", "thousand"):
        if tokens[j] == "hundred":
            value *= 100
        else:
            total, value = (total + value) * 1000, 0
        j += 1
        k = j + 1 if j < len(tokens) and tokens[j] == "and" else j
        rest, after = _below_hundred(tokens, k)
        if rest is not None and (after >= len(tokens) or tokens[after] != "hundred" or rest < 10):
            value, j = value + rest, after
    return str(total + value), j


def spoken_to_digits(text: str) -> list[str]:
    """Lower-cased word and number tokens, spoken numbers as digit strings (`oh nine` → 0 9,
    `double four` → 44, `nineteen seventy nine` → 19 79, `May second` → may 2)."""
    tokens = re.findall(r"[a-z]+|\d+", text.lower())
    out: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if t in ("double", "triple") and nxt in UNITS:
            out.append(str(UNITS[nxt]) * (2 if t == "double" else 3))
            i += 2
        elif t == "oh" and (nxt in NUMBER_WORDS or nxt.isdigit() or (out and out[-1].isdigit())):
            out.append("0")
            i += 1
        elif t in SMALL or t in TENS or t in ORDINAL_TENS:
            digits, i = _number(tokens, i)
            out.append(digits)
        else:
            out.append(t)
            i += 1
    return out


def _written(text: str) -> str:
    """Whisper's written forms spoken: `$847.20` → 847 dollars and 20 cents, `a@b.com` → a at b dot
    com, `4th` → 4; digit grouping marks dropped (`3,450`)."""
    text = re.sub(r"\$(\d[\d,]*)(?:\.(\d\d))?",
                  lambda m: f"{m[1]} dollars" + (f" and {m[2]} cents" if m[2] else ""), text)
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    text = text.replace("@", " at ")
    text = re.sub(r"\.(?=[A-Za-z])", " dot ", text)
    return re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", text)


def wer_tokens(text: str) -> list[str]:
    """Tokens for WER: words lower-cased, every number split into single digits."""
    out: list[str] = []
    for t in spoken_to_digits(_written(text)):
        out.extend(list(t) if t.isdigit() else [t])
    return out


def wer(reference: str, hypothesis: str) -> dict[str, Any]:
    ref, hyp = wer_tokens(reference), wer_tokens(hypothesis)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return {"wer": round(row[-1] / len(ref), 4) if ref else None, "errors": row[-1], "reference_words": len(ref),
            "hypothesis_words": len(hyp)}


# --- looking for a value ------------------------------------------------------------------------


def parts_of(value: dict[str, Any]) -> list[str]:
    """What identifies a planted value: all its digits for a number-like policy; else its content
    words and numbers, spoken numbers as digits (an email's local part only: the mail provider
    identifies no one)."""
    if "parts" in value:
        return [p.lower() for p in value["parts"]]
    written = value["value"]
    if value["policy"] in WHOLE_NUMBER:
        return [re.sub(r"\D", "", written)]
    if value["policy"] == "email_address":
        written = written.split("@")[0]
    tokens = spoken_to_digits(_written(written))
    return list(dict.fromkeys(t for t in tokens if t not in GENERIC and (len(t) > 1 or t.isdigit())))


class Window:
    """The normalised words of a transcript around one planted value."""

    def __init__(self, text: str) -> None:
        self.text = text
        spoken = _written(text)
        self.tokens = spoken_to_digits(spoken)
        letters, joined = [], []
        for t in [*self.tokens, ""]:
            if len(t) == 1 and t.isalpha():
                letters.append(t)
                continue
            if len(letters) > 1:
                joined.append("".join(letters))
            letters = []
        # Whisper splits and joins compounds its own way: Lake View, Flat-iron, Bluewater
        pairs = ["".join(pair) for pair in zip(self.tokens, self.tokens[1:]) if all(t.isalpha() for t in pair)]
        self.words = set(self.tokens) | set(joined) | set(pairs)
        flat = " ".join(self.tokens)
        self.runs = [re.sub(r"\D", "", m) for m in re.findall(r"\d+(?: \d+)*", flat)]
        self.alnum = re.sub(r"[^a-z0-9]", "", flat)

    def sees(self, part: str) -> str:
        """`full`, `partial` (4+ consecutive digits of a longer number) or `none`."""
        if part.isdigit():
            if len(part) <= 2:
                return "full" if part in self.tokens or str(int(part)) in self.tokens else "none"
            # an expiry's or a date's leading zero is often not written (08/28 → 8/28)
            if any(part in run or part.lstrip("0") in run and len(part.lstrip("0")) >= 3 for run in self.runs):
                return "full"
            if len(part) >= 7 and any(_near_substring(part, run) for run in self.runs):
                return "full"
            longest = max((_common_run(part, run) for run in self.runs), default=0)
            return "partial" if longest >= 4 else "none"
        if part.isalpha():
            if part in self.words:
                return "full"
            if len(part) >= FUZZY_MIN_LEN and any(
                    difflib.SequenceMatcher(None, part, w).ratio() >= FUZZY_RATIO for w in self.words if len(w) >= 3):
                return "full"
            return "none"
        return "full" if part in self.alnum else "none"


def _near_substring(pattern: str, text: str) -> bool:
    """Whether `pattern` occurs in `text` with at most one digit dropped, added or changed."""
    row = [0] * (len(text) + 1)  # Sellers: a match may start anywhere in text
    for i, p in enumerate(pattern, 1):
        prev, row[0] = row[0], i
        for j, t in enumerate(text, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (p != t))
    return min(row) <= 1


def _common_run(a: str, b: str) -> int:
    match = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size


def windows(values: list[dict[str, Any]], margin: int = WINDOW_MS) -> list[tuple[int, int]]:
    """Where to look for each value: its span widened by `margin`, but not past the midpoint to
    the next planted value, so a neighbour that leaked is not counted twice."""
    spans = [(v["start_ms"], v["end_ms"]) for v in values]
    out = []
    for start, end in spans:
        before = [e for s, e in spans if e <= start]
        after = [s for s, e in spans if s >= end and (s, e) != (start, end)]
        lo = max(start - margin, (max(before) + start) // 2) if before else start - margin
        hi = min(end + margin, (end + min(after)) // 2) if after else end + margin
        out.append((lo, hi))
    return out


def window_text(words: list[tuple[str, int, int]], lo: int, hi: int) -> str:
    """The words overlapping [lo, hi] ms, a word that starts with punctuation joined to the one
    before (Whisper gives `$3` and `,450.` as two words)."""
    text = " ".join(w for w, s, e in words if e >= lo and s <= hi)
    return re.sub(r"\s+(?=[,.%])", "", text)


def look_for(value: dict[str, Any], words: list[tuple[str, int, int]], window_ms: tuple[int, int]) -> dict[str, Any]:
    """How much of a planted value a transcript's words show in its window."""
    window = Window(window_text(words, *window_ms))
    seen = {p: window.sees(p) for p in parts_of(value)}
    if seen and all(v == "full" for v in seen.values()):
        level = "full"
    elif any(v != "none" for v in seen.values()):
        level = "partial"
    else:
        level = "none"
    return {"level": level, "parts": seen, "window": window.text}


def recall(values: list[dict[str, Any]], entities: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Per policy: planted values overlapped (±OVERLAP_SLACK_MS) by an entity of the same policy / any."""
    table: dict[str, dict[str, int]] = defaultdict(lambda: {"planted": 0, "found_same": 0, "found_any": 0})
    for v in values:
        near = [e for e in entities
                if e["start"] < v["end_ms"] + OVERLAP_SLACK_MS and v["start_ms"] - OVERLAP_SLACK_MS < e["end"]]
        hit = {e["policy"] for e in near}
        for row in (table[v["policy"]], table["overall"]):
            row["planted"] += 1
            row["found_same"] += v["policy"] in hit
            row["found_any"] += bool(hit)
        v["detected_as"], v["entities"] = sorted(hit), near
    return dict(table)


# --- inputs -------------------------------------------------------------------------------------


def _make_calls_module() -> Any:
    spec = importlib.util.spec_from_file_location("make_calls", ROOT / "samples" / "voices" / "make_calls.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_calls"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def natural_calls(names: list[str] | None, quick: bool) -> list[tuple[Path, dict[str, Any]]]:
    mc = _make_calls_module()
    calls = mc.load_calls()
    if names:
        unknown = set(names) - {c["name"] for c in calls}
        if unknown:
            raise SystemExit(f"unknown call(s) {', '.join(sorted(unknown))}; known: {', '.join(c['name'] for c in calls)}")
        calls = [c for c in calls if c["name"] in names]
    if quick:  # the shortest by the committed references' durations, else by the scripts' words
        refs = {c["name"]: mc.HERE / f"{c['name']}.json" for c in calls}
        if all(r.exists() for r in refs.values()):
            calls = sorted(calls, key=lambda c: json.loads(refs[c["name"]].read_text())["duration_s"])
        else:
            calls = sorted(calls, key=lambda c: sum(len((p if isinstance(p, str) else p["say"]).split())
                                                    for t in c["turns"] for p in t["say"]))
        calls = calls[:1]
    # the committed references are make_calls.py's to write; the bench reads the cached copy that
    # matches the audio it sends (times move a little with the onnxruntime version)
    return [mc.make_call(c, committed=None) for c in calls]


def sample_call() -> tuple[Path, dict[str, Any]]:
    """The flite sample with each value given its turn's span: turns are found as the stretches
    between silences of 0.4 s or more (the script leaves 0.6 s between turns)."""
    import numpy as np
    from faster_whisper import decode_audio

    script = json.loads(SAMPLE_REFERENCE.read_text())
    audio = decode_audio(str(SAMPLE_AUDIO))
    frame = 320  # 20 ms
    energy = np.sqrt(np.mean(audio[:len(audio) // frame * frame].reshape(-1, frame) ** 2, axis=1))
    loud = np.flatnonzero(energy > 0.01 * energy.max())
    breaks = np.flatnonzero(np.diff(loud) >= 20)
    starts, ends = np.r_[loud[0], loud[breaks + 1]], np.r_[loud[breaks], loud[-1]] + 1
    turns = script["turns"]
    if len(starts) != len(turns):
        raise RuntimeError(f"sample call: found {len(starts)} turns by silence, the script has {len(turns)}")
    spans = [(int(a) * 20, int(b) * 20) for a, b in zip(starts, ends)]
    # the script lists the values in the order said, at most one per turn
    pii, k = [], 0
    for i, turn in enumerate(turns):
        if k < len(script["pii"]) and _said_in(script["pii"][k], turn["text"]):
            pii.append({**script["pii"][k], "speaker": turn["speaker"], "turn": i, "start_ms": spans[i][0],
                        "end_ms": spans[i][1], "span": "turn"})
            k += 1
    if k != len(script["pii"]):
        raise RuntimeError("sample call: could not place every value of samples/sample_call.json in a turn")
    return SAMPLE_AUDIO, {"name": "sample_call (flite)", "title": "the bundled flite sample", "domain": "payments",
                          "variant": "flite", "voices": {"agent": "flite rms", "caller": "flite slt"},
                          "duration_s": script["duration_s"], "text": " ".join(t["text"] for t in turns),
                          "turns": [{**t, "start_ms": a, "end_ms": b} for t, (a, b) in zip(turns, spans)], "pii": pii}


def _said_in(value: dict[str, Any], said: str) -> bool:
    """Whether a turn's text says the value (its first part, spoken or written)."""
    part = parts_of(value)[0]
    tokens = spoken_to_digits(said)
    return part in tokens or part in "".join(t for t in tokens if t.isdigit()) or part in "".join(tokens)


# --- the stack and one call ---------------------------------------------------------------------


def run_call(aai: Any, api: str, key: str, audio: Path, ref: dict[str, Any], model: Any, settings: Any,
             policies: list[Any]) -> dict[str, Any]:
    import requests

    from bleeper.asr import transcribe_audio

    auth = {"Authorization": key}
    config = aai.TranscriptionConfig(redact_pii=True, redact_pii_audio=True, redact_pii_policies=policies,
                                     redact_pii_sub=aai.PIISubstitutionPolicy.hash)
    started = time.monotonic()
    transcript = aai.Transcriber(config=config).transcribe(str(audio))
    job_s = time.monotonic() - started
    result: dict[str, Any] = {"name": ref["name"], "variant": ref["variant"], "domain": ref["domain"],
                              "voices": ref["voices"], "file": audio.name, "duration_s": ref["duration_s"],
                              "status": str(transcript.status.value), "job_s": round(job_s, 1)}
    if transcript.status != aai.TranscriptStatus.completed:
        result["error"] = transcript.error
        return result
    redacted = [(w.text, w.start, w.end) for w in transcript.words or []]
    entities = [{"policy": str(getattr(e.entity_type, "value", e.entity_type)), "start": e.start, "end": e.end}
                for e in transcript.entities or []]
    original = requests.get(f"{api}/v2/transcript/{transcript.id}", params={"redact": "false"}, headers=auth,
                            timeout=30)
    original.raise_for_status()
    plain = original.json()
    said = [(w["text"], w["start"], w["end"]) for w in plain.get("words") or []]
    report = requests.get(f"{api}/v2/transcript/{transcript.id}/redaction-report", headers=auth, timeout=30)
    verification = report.json().get("verification") if report.ok else None
    with tempfile.TemporaryDirectory(prefix="bleeper-calls-") as tmp:
        beeped = Path(tmp) / "redacted"
        with requests.get(transcript.get_redacted_audio_url(), stream=True, timeout=120) as r:
            r.raise_for_status()
            with open(beeped, "wb") as f:
                shutil.copyfileobj(r.raw, f)
        heard = transcribe_audio(beeped, model, language=None, beam_size=settings.whisper_beam_size)
    again = [(w.text, w.start, w.end) for w in heard.words]

    values = []
    for v, window_ms in zip(ref["pii"], windows(ref["pii"])):
        row = {k: v[k] for k in ("policy", "value", "speaker", "start_ms", "end_ms") if k in v}
        row["parts"], row["window_ms"] = parts_of(v), list(window_ms)
        row["recognised"] = look_for(v, said, window_ms)
        row["readable"] = look_for(v, redacted, window_ms)
        row["audible"] = look_for(v, again, window_ms)
        values.append(row)
    result["recall"] = recall(values, entities)
    result["counts"] = counts(values)
    result["wer"] = wer(ref["text"], plain.get("text") or "")
    result["verification"] = verification
    result["entities"] = len(entities)
    result["values"] = values
    return result


def counts(values: list[dict[str, Any]]) -> dict[str, Any]:
    """Planted values per outcome: readable/audible/recognised, full or partial."""
    out: dict[str, Any] = {"planted": len(values)}
    for what in ("recognised", "readable", "audible"):
        full = sum(v[what]["level"] == "full" for v in values)
        partial = sum(v[what]["level"] == "partial" for v in values)
        out[what] = {"any": full + partial, "full": full, "partial": partial}
    return out


def totals(calls: list[dict[str, Any]]) -> dict[str, Any]:
    values = [v for c in calls if "values" in c for v in c["values"]]
    by_policy: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for v in values:
        by_policy[v["policy"]].append(v)
    rec: dict[str, dict[str, int]] = defaultdict(lambda: {"planted": 0, "found_same": 0, "found_any": 0})
    for c in calls:
        for p, row in (c.get("recall") or {}).items():
            for k, n in row.items():
                rec[p][k] += n
    errors = sum(c["wer"]["errors"] for c in calls if "wer" in c)
    words = sum(c["wer"]["reference_words"] for c in calls if "wer" in c)
    return {"calls": len(calls), **counts(values), "wer": round(errors / words, 4) if words else None,
            "recall": dict(sorted(rec.items())),
            "policies": {p: counts(vs) for p, vs in sorted(by_policy.items())}}


# --- the run ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="What leaks from test calls with planted PII.")
    parser.add_argument("--quick", action="store_true", help="only the shortest natural-voice call, no flite sample")
    parser.add_argument("--call", action="append", help="only this natural-voice call (repeatable)")
    parser.add_argument("--no-sample", action="store_true", help="leave out the flite sample call")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)

    from rich.console import Console

    console = Console() if sys.stdout.isatty() else Console(width=140)
    inputs = natural_calls(args.call, args.quick)
    if not (args.quick or args.no_sample or args.call):
        inputs.insert(0, sample_call())
    console.print(f"[b]bench/calls.py[/b]: {len(inputs)} call(s): "
                  + ", ".join(f"{r['name']} ({r['duration_s']:.0f} s, {len(r['pii'])} planted)" for _, r in inputs))

    from tools.bench import bench_environment, choose_ports, machine

    ports = choose_ports(PORTS)
    home = Path(tempfile.mkdtemp(prefix="bleeper-calls-"))
    bench_environment(home, ports)

    import assemblyai as aai

    from bleeper import policies as bleeper_policies
    from bleeper.config import get_settings
    from bleeper.stack import Stack
    from bleeper.asr import load_model

    settings = get_settings()
    started_at = datetime.now(timezone.utc)
    sdk_names = {p.value for p in aai.PIIRedactionPolicy}
    policies = [aai.PIIRedactionPolicy(p) for p in bleeper_policies.ALL_POLICIES if p in sdk_names]
    stack = Stack(settings)
    ok = False
    try:
        console.print(f"starting a private stack in {home} (redis {ports['redis']}, api {ports['api']})")
        stack.up(workers=1, timeout=300, echo=lambda _: None)
        key = next(iter(settings.api_keys()))
        import requests

        defaults = requests.patch(f"{settings.api_url}/v2/settings/redaction", headers={"Authorization": key},
                                  json={"verify": True, "keep_unredacted": True}, timeout=30)
        defaults.raise_for_status()
        aai.settings.base_url = settings.api_url
        aai.settings.api_key = key
        aai.settings.polling_interval = 1.0
        model = load_model(settings.whisper_model, settings)
        results = []
        for audio, ref in inputs:
            r = run_call(aai, settings.api_url, key, audio, ref, model, settings, policies)
            results.append(r)
            shown = r["status"] if "counts" not in r else (
                f"readable {r['counts']['readable']['any']}/{r['counts']['planted']}, "
                f"audible {r['counts']['audible']['any']}/{r['counts']['planted']}, WER {r['wer']['wer']:.1%}")
            console.print(f"  {ref['name']:22} {r['job_s']:6.1f} s  {shown}")
        ok = all(r["status"] == "completed" for r in results)
        natural = [r for r in results if r["variant"] != "flite"]
        flite = [r for r in results if r["variant"] == "flite"]
        result = {
            "created": started_at.isoformat(timespec="seconds"),
            "quick": args.quick,
            "ok": ok,
            "machine": machine(),
            "settings": {"whisper_model": settings.whisper_model, "compute_type": settings.whisper_compute_type,
                         "cpu_threads": settings.cpu_threads, "beam_size": settings.whisper_beam_size,
                         **{k: v for k, v in settings.model_dump().items() if k.startswith("audio_padding")}},
            "request": {"client": f"assemblyai {aai.__version__}", "redact_pii": True, "redact_pii_audio": True,
                        "redact_pii_sub": "hash", "redact_pii_policies": [p.value for p in policies],
                        "account_defaults": {"verify": True, "keep_unredacted": True}},
            "stack": {"ports": ports},
            "method": {
                "window_ms": WINDOW_MS, "overlap_slack_ms": OVERLAP_SLACK_MS,
                "fuzzy": f"words of {FUZZY_MIN_LEN}+ letters match at difflib ratio >= {FUZZY_RATIO}",
                "levels": "full: every part of the value visible; partial: some part, or 4+ consecutive digits "
                          "of a longer number; none",
                "readable": "in the redacted transcript's words within window_ms of the value, but not past "
                            "the midpoint to a neighbouring planted value",
                "audible": "in a new transcription of the redacted audio (worker's Whisper model and settings)",
                "recognised": "in the job's unredacted transcript (?redact=false)",
                "recall": "job entities overlapping the planted span (± overlap_slack_ms), same policy / any",
                "wer": "unredacted transcript vs the script; lower case, no punctuation, numbers as single digits",
                "sample_call": "flite sample: each value spans its whole turn (turns found by silence)",
            },
            "overall": {"natural": totals(natural), "flite": totals(flite), "all": totals(results)},
            "calls": results,
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n")
        print_tables(result, console)
        console.print(f"results written to {args.out}")
        return 0 if ok else 1
    finally:
        stack.down(echo=lambda _: None)
        if ok:
            shutil.rmtree(home, ignore_errors=True)
        else:
            console.print(f"[yellow]kept the stack home (logs) in {home}[/yellow]")


def print_tables(result: dict[str, Any], console: Any) -> None:
    """Counts only: never the values."""
    from rich import box
    from rich.table import Table

    def frac(d: dict[str, Any], what: str) -> str:
        c = d[what]
        extra = f" ({c['partial']} part)" if c["partial"] else ""
        return f"{c['any']}/{d['planted']}{extra}"

    calls = Table(box=box.SIMPLE_HEAD, title="planted PII after redaction, per call",
                  caption="recognised = in the unredacted transcript; readable = in the redacted transcript; "
                          "audible = in a new transcription of the redacted audio; (n part) = partly")
    for col in ("call", "variant", "audio s", "planted", "recognised", "readable", "audible", "recall", "WER",
                "verify t/a"):
        calls.add_column(col, justify="left" if col in ("call", "variant") else "right", no_wrap=True)
    rows = [*result["calls"], {"name": "natural voices", "variant": "", **result["overall"]["natural"]},
            {"name": "flite sample", "variant": "", **result["overall"]["flite"]}]
    for r in rows:
        counts_ = r.get("counts") or (r if "planted" in r else None)
        if not counts_ or not counts_["planted"]:
            if "status" in r:
                calls.add_row(r["name"], r["variant"], f"{r['duration_s']:.0f}", "—", r["status"], "", "", "", "", "")
            continue
        rec = r["recall"]["overall"]
        w = r["wer"]["wer"] if isinstance(r.get("wer"), dict) else r.get("wer")
        ver = r.get("verification") or {}
        calls.add_row(r["name"], r["variant"], f"{r['duration_s']:.0f}" if "duration_s" in r else "",
                      str(counts_["planted"]), frac(counts_, "recognised"), frac(counts_, "readable"),
                      frac(counts_, "audible"), f"{rec['found_same']}/{rec['found_any']}/{rec['planted']}",
                      "—" if w is None else f"{w:.1%}",
                      f"{ver.get('text_candidates', '—')}/{ver.get('audio_candidates', '—')}" if ver else "")
    console.print(calls)
    pol = Table(box=box.SIMPLE_HEAD, title="per policy, all calls",
                caption="recall = entities of the same policy / of any policy overlapping the planted span")
    for col in ("policy", "planted", "recall same", "recall any", "readable", "audible"):
        pol.add_column(col, justify="left" if col == "policy" else "right", no_wrap=True)
    everything = result["overall"]["all"]
    for p, c in everything["policies"].items():
        rec = everything["recall"].get(p, {})
        pol.add_row(p, str(c["planted"]), str(rec.get("found_same", "—")), str(rec.get("found_any", "—")),
                    frac(c, "readable"), frac(c, "audible"))
    console.print(pol)


if __name__ == "__main__":
    sys.exit(main())
