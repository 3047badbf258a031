"""The multichannel tests' call (issue 16): a short support call recorded as call recorders store
it, the agent on the left channel and the customer on the right, each saying something personal.

    .venv/bin/python samples/voices/make_stereo_call.py [--force]

Made with make_calls.py's voices (piper `joe` for the agent, hibari-tts `heart` for the customer),
each piece its own chunk, so the reference (samples/voices/stereo_call.json, committed) has every
turn's and value's channel and exact start and end. The 16 kHz stereo mp3 goes to
samples/voices/.cache/ (not committed), named by a hash of the script, the recipe and the voice
packages' versions. It runs past 30 s so that, with the tests' 30-second pieces, each channel is
transcribed in more than one piece.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_calls  # noqa: E402

RECIPE = "1"
SEED = 1601
CHANNELS = {"agent": 0, "customer": 1}  # left, right
VOICES = {"agent": "joe", "customer": "heart"}
# (speaker, gap before in s, pieces): a piece is text, or (policy, what is said, value as written)
SCRIPT: list[tuple[str, float, list[Any]]] = [
    ("agent", 0.6, ["Thank you for calling Harbor Federal, this is", ("person_name", "Marcus Bell", "Marcus Bell"),
                    ". Who am I speaking with?"]),
    ("customer", 0.7, ["Hi, my name is", ("person_name", "Linda Okafor", "Linda Okafor"), "."]),
    ("agent", 0.7, ["Thank you. What is the best phone number to reach you?"]),
    ("customer", 0.7, ["It's", ("phone_number", "two one two, five five five, zero one four seven", "212-555-0147"),
                       "."]),
    ("agent", 0.7, ["Got it. If we get cut off, you can call me directly at",
                    ("phone_number", "eight zero zero, five five five, zero one nine nine", "800-555-0199"), "."]),
    ("customer", 0.7, ["And my email is", ("email_address", "linda dot okafor at gmail dot com",
                                           "linda.okafor@gmail.com"), "."]),
    ("agent", 0.7, ["Perfect. You are all set. Have a good day."]),
]


def _key() -> str:
    blob = json.dumps({"recipe": RECIPE, "script": SCRIPT, "seed": SEED, "versions": make_calls._versions()},
                      sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:12]


def make(cache: Path = make_calls.CACHE, *, force: bool = False) -> tuple[Path, dict[str, Any]]:
    """(16 kHz stereo mp3, reference) of the call, made once and cached."""
    key = _key()
    audio, ref_path = cache / f"stereo_call-{key}.mp3", cache / f"stereo_call-{key}.json"
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
                    pii.append({"policy": piece[0], "value": piece[2], "spoken": said, "speaker": speaker,
                                "channel": CHANNELS[speaker], "start_ms": make_calls._ms(a), "end_ms": make_calls._ms(b)})
            turns.append({"speaker": speaker, "channel": CHANNELS[speaker], "start_ms": make_calls._ms(start),
                          "end_ms": make_calls._ms(line.length), "text": text})
        line.silence(1.0)
        stereo = np.stack([line.track("agent"), line.track("customer")], axis=1)
        partial = audio.with_name(f".{audio.stem}.partial.mp3")
        with tempfile.TemporaryDirectory(prefix="bleeper-voices-") as tmp:
            wav = Path(tmp) / "call.wav"
            make_calls._write_wav(wav, stereo, make_calls.RATE)
            make_calls._encode(wav, partial, ["-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3"])
        reference = {"name": "stereo_call", "seed": SEED, "recipe": RECIPE, "cache_key": key,
                     "audio": {"format": "mp3", "sample_rate": make_calls.RATE, "channels": 2,
                               "about": "16 kHz stereo mp3 (64 kbit/s), agent left (channel 0), customer right (1)"},
                     "duration_s": round(line.length / make_calls.RATE, 2), "voices": VOICES, "channels": CHANNELS,
                     "text": " ".join(t["text"] for t in turns), "turns": turns, "pii": pii}
        os.replace(partial, audio)
        ref_path.write_text(json.dumps(reference, indent=2) + "\n")
        for old in cache.glob("stereo_call-*"):  # earlier versions
            if old.stem != f"stereo_call-{key}":
                old.unlink(missing_ok=True)
    reference = json.loads(ref_path.read_text())
    copy = HERE / "stereo_call.json"
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
