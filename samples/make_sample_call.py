"""Make the bundled sample call (samples/sample_call.mp3) from its script with flite voices.

Run once by a developer; the mp3 and the reference are committed, so users need no TTS engine.
Requires Debian's `flite` and the ffmpeg from imageio-ffmpeg.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import wave
from pathlib import Path

import imageio_ffmpeg

HERE = Path(__file__).parent
RATE = 16000
GAP_S = 0.6

# (speaker, flite voice, what is said, [(policy, written value in the reference)])
SCRIPT = [
    ("agent", "rms", "Thank you for calling Northwind support. Who am I speaking with today?", []),
    ("caller", "slt", "Hi, my name is Sarah Jennings.", [("person_name", "Sarah Jennings")]),
    ("agent", "rms", "Thanks Sarah. What is the best phone number to reach you?", [("person_name", "Sarah")]),
    ("caller", "slt", "It is six one zero, two six five, one seven one four.", [("phone_number", "610-265-1714")]),
    ("agent", "rms", "Great. And what email address should we use?", []),
    ("caller", "slt", "sarah dot jennings at gmail dot com.", [("email_address", "sarah.jennings@gmail.com")]),
    ("agent", "rms", "I can take the payment now. What is the card number?", []),
    ("caller", "slt", "Four five three two, zero one five one, one two eight three, zero three six six.",
     [("credit_card_number", "4532 0151 1283 0366")]),
    ("agent", "rms", "And the expiration date on the card?", []),
    ("caller", "slt", "Oh nine, twenty seven.", [("credit_card_expiration", "09/27")]),
    ("agent", "rms", "Thank you. The payment went through. Is there anything else I can help with?", []),
    ("caller", "slt", "No, that is all. Thank you so much.", []),
    ("agent", "rms", "You are welcome. Have a great day.", []),
]


def _say(voice: str, text: str, out: Path) -> bytes:
    subprocess.run(["flite", "-voice", voice, "-t", text, "-o", str(out)], check=True)
    with wave.open(str(out)) as w:
        assert w.getframerate() == RATE and w.getnchannels() == 1 and w.getsampwidth() == 2
        return w.readframes(w.getnframes())


def main() -> None:
    gap = b"\x00\x00" * int(RATE * GAP_S)
    pcm = bytearray(gap)
    with tempfile.TemporaryDirectory() as tmp:
        for i, (_, voice, text, _pii) in enumerate(SCRIPT):
            pcm += _say(voice, text, Path(tmp) / f"{i}.wav") + gap
        wav = Path(tmp) / "call.wav"
        with wave.open(str(wav), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            w.writeframes(bytes(pcm))
        subprocess.run(
            [imageio_ffmpeg.get_ffmpeg_exe(), "-y", "-loglevel", "error", "-i", str(wav),
             "-codec:a", "libmp3lame", "-b:a", "48k", "-map_metadata", "-1", str(HERE / "sample_call.mp3")],
            check=True,
        )
    reference = {
        "duration_s": round(len(pcm) / 2 / RATE, 2),
        "turns": [{"speaker": s, "text": t} for s, _, t, _ in SCRIPT],
        "pii": [{"policy": p, "value": v} for *_, pii in SCRIPT for p, v in pii],
    }
    (HERE / "sample_call.json").write_text(json.dumps(reference, indent=2) + "\n")


if __name__ == "__main__":
    main()
