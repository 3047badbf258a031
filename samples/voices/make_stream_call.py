"""The streaming tests' call (issue 15): a short two-voice call with a name, a phone number and a
card number, the card read in two halves with a pause between them long enough to end a turn.

    .venv/bin/python samples/voices/make_stream_call.py [--force]

Made with make_calls.py's voices (hibari-tts `heart`, piper `joe`), each piece its own chunk, so the
reference (samples/voices/stream_call.json, committed) has every value's exact start and end. The
16 kHz mono WAV goes to samples/voices/.cache/ (not committed), named by a hash of the script, the
recipe and the voice packages' versions.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_calls  # noqa: E402

RECIPE = "1"
SEED = 1501
# (speaker, gap before in s, pieces): a piece is text, or (policy, what is said, value as written)
SCRIPT: list[tuple[str, float, list[Any]]] = [
    ("agent", 0.6, ["Thank you for calling Harbor Federal. Who am I speaking with today?"]),
    ("customer", 0.7, ["Hi, this is", ("person_name", "Linda Okafor", "Linda Okafor"), "."]),
    ("agent", 0.7, ["Thanks. What is the best phone number to reach you?"]),
    ("customer", 0.7, ["It's", ("phone_number", "two one two, five five five, zero one four seven",
                                "212-555-0147"), "."]),
    ("agent", 0.7, ["Great. And the card number on the account, please?"]),
    ("customer", 0.7, ["Sure, it's", ("credit_card_number", "four one one one, one one one one",
                                      "4111 1111 (first half)")]),
    # reading the rest off the card: long enough a pause to end the turn
    ("customer", 1.2, [("credit_card_number", "one one one one, one one one one", "1111 1111 (second half)"),
                       ". That's it."]),
    ("agent", 0.7, ["Thank you. You are all set, have a good day."]),
]
VOICES = {"agent": "joe", "customer": "heart"}


def _key() -> str:
    blob = json.dumps({"recipe": RECIPE, "script": SCRIPT, "seed": SEED, "versions": make_calls._versions()},
                      sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:12]


def make(cache: Path = make_calls.CACHE, *, force: bool = False) -> tuple[Path, dict[str, Any]]:
    """(16 kHz mono WAV, reference) of the call, made once and cached."""
    key = _key()
    audio, ref_path = cache / f"stream_call-{key}.wav", cache / f"stream_call-{key}.json"
    if force or not (audio.exists() and ref_path.exists()):
        cache.mkdir(parents=True, exist_ok=True)
        (cache / ".gitignore").write_text("*\n")
        voices = {"joe": make_calls.Joe(SEED), "heart": make_calls.Heart()}
        line = make_calls.Timeline(speakers=("agent", "customer"))
        turns, pii, chunk = [], [], 0
        for speaker, gap, pieces in SCRIPT:
            line.silence(gap)
            text, start = "", None
            for piece in pieces:
                said = piece[1] if isinstance(piece, tuple) else piece
                text = make_calls._join(text, said)
                spoken = said.strip(".,?!;: ")
                if not spoken:
                    continue
                if start is not None:
                    line.silence(make_calls.PIECE_GAP_S)
                chunk += 1
                clip = make_calls._levelled(make_calls._trimmed(voices[VOICES[speaker]].say(spoken, SEED * 1000 + chunk)))
                a, b = line.put(speaker, clip)
                start = a if start is None else start
                if isinstance(piece, tuple):
                    pii.append({"policy": piece[0], "value": piece[2], "spoken": said, "start_ms": make_calls._ms(a),
                                "end_ms": make_calls._ms(b)})
            turns.append({"speaker": speaker, "start_ms": make_calls._ms(start), "end_ms": make_calls._ms(line.length),
                          "text": text})
        line.silence(1.0)
        mono = line.track("agent") + line.track("customer")
        partial = audio.with_name(f".{audio.stem}.partial.wav")
        make_calls._write_wav(partial, mono, make_calls.RATE)
        reference = {"name": "stream_call", "seed": SEED, "recipe": RECIPE, "cache_key": key,
                     "duration_s": round(line.length / make_calls.RATE, 2), "voices": VOICES,
                     "text": " ".join(t["text"] for t in turns), "turns": turns, "pii": pii}
        os.replace(partial, audio)
        ref_path.write_text(json.dumps(reference, indent=2) + "\n")
    reference = json.loads(ref_path.read_text())
    copy = HERE / "stream_call.json"
    text = json.dumps(reference, indent=2) + "\n"
    if not copy.exists() or copy.read_text() != text:
        copy.write_text(text)
    return audio, reference


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()
    audio, reference = make(force=args.force)
    print(f"{audio} ({reference['duration_s']} s, {len(reference['pii'])} planted)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
