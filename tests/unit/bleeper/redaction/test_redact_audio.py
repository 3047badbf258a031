"""Stage 5: padded entity spans become a 1 kHz beep (or silence) in a real ffmpeg render."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from bleeper.errors import MediaError
from bleeper.media import probe
from bleeper.models import Entity, Probe
from bleeper.redaction.audio import plan_intervals, render_audio

TONE_HZ = 300
BEEP_HZ = 1000


def _entity(start_ms: int, end_ms: int) -> Entity:
    return Entity(policy="phone_number", start=0, end=1, start_ms=start_ms, end_ms=end_ms, score=0.9, recognizer="test")


@pytest.mark.parametrize(
    "spans,duration_ms,pad_ms,expected",
    [
        ([], 10_000, 400, []),
        ([(1000, 2000)], 10_000, 400, [(600, 2400)]),
        ([(1000, 2000)], 10_000, 0, [(1000, 2000)]),
        ([(100, 500)], 10_000, 400, [(0, 900)]),
        ([(9800, 9900)], 10_000, 400, [(9400, 10_000)]),
        ([(0, 10_000)], 10_000, 400, [(0, 10_000)]),
        ([(1000, 2000), (2500, 3000)], 10_000, 400, [(600, 3400)]),
        ([(1000, 2000), (2000, 3000)], 10_000, 0, [(1000, 3000)]),
        ([(1000, 2000), (2800, 3000)], 10_000, 400, [(600, 3400)]),
        ([(1000, 2000), (2001, 3000)], 10_000, 0, [(1000, 2000), (2001, 3000)]),
        ([(5000, 6000), (1000, 2000)], 10_000, 0, [(1000, 2000), (5000, 6000)]),
        ([(1000, 5000), (2000, 3000)], 10_000, 0, [(1000, 5000)]),
        ([(1000, 2000), (1500, 2500), (2400, 4000), (7000, 7100)], 10_000, 100, [(900, 4100), (6900, 7200)]),
        ([(3000, 3000)], 10_000, 400, [(2600, 3400)]),
        # a header can understate a damaged file's length; words timed past it stay redacted
        ([(12_000, 13_000)], 10_000, 400, [(11_600, 13_000)]),
    ],
    ids=[
        "nothing", "padded", "no-padding", "clipped-at-start", "clipped-at-end", "whole-file", "overlap-after-padding",
        "touching", "padding-makes-them-touch", "one-ms-gap-kept", "unsorted", "contained", "chain", "zero-length",
        "past-the-end",
    ],
)  # fmt: skip
def test_plan_pads_clips_and_merges_entity_spans(spans, duration_ms, pad_ms, expected):
    assert plan_intervals([_entity(a, b) for a, b in spans], duration_ms, pad_ms) == expected


@pytest.mark.parametrize("spans", [[(1000, 2000), (2500, 3000), (9000, 9990)], [(0, 50), (4000, 4001)]])
def test_every_entity_lies_inside_a_planned_interval(spans):
    intervals = plan_intervals([_entity(a, b) for a, b in spans], 10_000, 400)
    for a, b in spans:
        assert any(lo <= a and b <= hi for lo, hi in intervals)
    assert all(hi < lo2 for (_, hi), (lo2, _) in zip(intervals, intervals[1:]))


# --- real ffmpeg -------------------------------------------------------------------------------


def _write_tone(path: Path, *, rate: int = 16_000, channels: int = 1, seconds: float = 6.0) -> Path:
    t = np.arange(int(rate * seconds)) / rate
    samples = (0.3 * 32767 * np.sin(2 * np.pi * TONE_HZ * t)).astype(np.int16)
    frames = np.repeat(samples[:, None], channels, axis=1)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(frames.tobytes())
    return path


def _read(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path)) as w:
        assert w.getsampwidth() == 2
        frames = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).reshape(-1, w.getnchannels())
        return frames.astype(np.float64), w.getframerate()


def _window(x: np.ndarray, rate: int, a: float, b: float, channel: int = 0) -> np.ndarray:
    return x[int(a * rate):int(b * rate), channel]


def _spectrum(seg: np.ndarray, rate: int) -> tuple[np.ndarray, np.ndarray]:
    return np.fft.rfftfreq(len(seg), 1 / rate), np.abs(np.fft.rfft(seg * np.hanning(len(seg))))


def _dominant_hz(seg: np.ndarray, rate: int) -> float:
    freqs, mag = _spectrum(seg, rate)
    return float(freqs[mag.argmax()])


def _share_at(seg: np.ndarray, rate: int, hz: float) -> float:
    """Magnitude near `hz` relative to the strongest component."""
    freqs, mag = _spectrum(seg, rate)
    near = np.abs(freqs - hz) <= 10
    return float(mag[near].max() / mag.max())


def _rms(seg: np.ndarray) -> float:
    return float(np.sqrt(np.mean(seg**2)))


@pytest.fixture(scope="module")
def mono(tmp_path_factory) -> tuple[Path, Probe]:
    path = _write_tone(tmp_path_factory.mktemp("mono") / "call.wav")
    return path, probe(path)


@pytest.fixture(scope="module")
def stereo(tmp_path_factory) -> tuple[Path, Probe]:
    path = _write_tone(tmp_path_factory.mktemp("stereo") / "call.wav", rate=44_100, channels=2)
    return path, probe(path)


def test_probe_reads_what_the_file_really_is(mono, stereo):
    assert mono[1] == Probe(duration_s=6.0, codec="pcm_s16le", sample_rate=16_000, channels=1, has_video=False, format="wav")
    assert (stereo[1].sample_rate, stereo[1].channels) == (44_100, 2)


@pytest.mark.parametrize("path_text", [b"", b"Hi, my name is Sarah Jennings.\n" * 50], ids=["empty", "text"])
def test_probe_refuses_what_is_not_audio(tmp_path, path_text):
    path = tmp_path / "not-audio.mp3"
    path.write_bytes(path_text)
    with pytest.raises(MediaError):
        probe(path)


def test_beep_replaces_the_interval_and_leaves_the_rest_alone(mono, tmp_path):
    source, info = mono
    out = tmp_path / "redacted.wav"
    render_audio(source, out, [(2000, 3000)], info, method="beep", quality="wav")
    x, rate = _read(out)
    original, _ = _read(source)
    assert rate == 16_000
    assert abs(len(x) - len(original)) <= 0.020 * rate

    inside = _window(x, rate, 2.1, 2.9)
    assert _dominant_hz(inside, rate) == pytest.approx(BEEP_HZ, abs=20)
    assert _share_at(inside, rate, TONE_HZ) < 1e-3, "the speech under the beep is still audible"
    for a, b in [(0.5, 1.5), (4.0, 5.0)]:
        assert _dominant_hz(_window(x, rate, a, b), rate) == pytest.approx(TONE_HZ, abs=5)
    # outside the interval the samples are the original ones
    n = len(original)
    for a, b in [(0.0, 1.95), (3.05, n / rate)]:
        assert np.abs(_window(x, rate, a, b) - _window(original, rate, a, b)).max() <= 1


def test_silence_mutes_the_interval(mono, tmp_path):
    source, info = mono
    out = tmp_path / "redacted.wav"
    render_audio(source, out, [(2000, 3000)], info, method="silence", quality="wav")
    x, rate = _read(out)
    assert _rms(_window(x, rate, 2.05, 2.95)) < 1.0
    assert _rms(_window(x, rate, 0.5, 1.5)) > 1000
    assert _dominant_hz(_window(x, rate, 4.0, 5.0), rate) == pytest.approx(TONE_HZ, abs=5)


@pytest.mark.parametrize("start_ms,end_ms", [(2013, 2987), (2000, 2001), (1999, 3041)])
def test_silence_covers_an_interval_to_its_first_and_last_sample(mono, tmp_path, start_ms, end_ms):
    """Edges that fall inside a filter frame: that whole frame is muted, never left audible."""
    source, info = mono
    out = tmp_path / "redacted.wav"
    render_audio(source, out, [(start_ms, end_ms)], info, method="silence", quality="wav")
    x, rate = _read(out)
    original, _ = _read(source)
    assert _rms(_window(x, rate, start_ms / 1000, end_ms / 1000)) < 1.0
    # at most two 40 ms frames of untouched sound are muted around it
    before, after = (start_ms - 100) / 1000, (end_ms + 100) / 1000
    assert np.abs(_window(x, rate, 0.0, before) - _window(original, rate, 0.0, before)).max() <= 1
    assert np.abs(_window(x, rate, after, 5.9) - _window(original, rate, after, 5.9)).max() <= 1


def test_several_intervals_are_all_beeped(mono, tmp_path):
    source, info = mono
    out = tmp_path / "redacted.wav"
    render_audio(source, out, [(500, 1500), (3000, 3500), (5000, 6000)], info, method="beep", quality="wav")
    x, rate = _read(out)
    for a, b in [(0.6, 1.4), (3.05, 3.45), (5.1, 5.9)]:
        assert _dominant_hz(_window(x, rate, a, b), rate) == pytest.approx(BEEP_HZ, abs=20)
    for a, b in [(1.6, 2.9), (3.6, 4.9)]:
        assert _dominant_hz(_window(x, rate, a, b), rate) == pytest.approx(TONE_HZ, abs=5)


def test_no_intervals_gives_the_original_audio(mono, tmp_path):
    source, info = mono
    out = tmp_path / "redacted.wav"
    render_audio(source, out, [], info, method="beep", quality="wav")
    x, _ = _read(out)
    original, _ = _read(source)
    assert x.shape == original.shape
    assert np.abs(x - original).max() <= 1


@pytest.mark.parametrize("method", ["beep", "silence"])
def test_stereo_44k_keeps_its_channels_and_rate_in_wav(stereo, tmp_path, method):
    source, info = stereo
    out = tmp_path / "redacted.wav"
    render_audio(source, out, [(2000, 3000)], info, method=method, quality="wav")
    x, rate = _read(out)
    assert rate == 44_100
    assert x.shape[1] == 2
    assert abs(len(x) - 6 * 44_100) <= 0.020 * rate
    for channel in (0, 1):
        inside = _window(x, rate, 2.1, 2.9, channel)
        if method == "beep":
            assert _dominant_hz(inside, rate) == pytest.approx(BEEP_HZ, abs=20)
        else:
            assert _rms(inside) < 1.0
        assert _dominant_hz(_window(x, rate, 4.0, 5.0, channel), rate) == pytest.approx(TONE_HZ, abs=5)


@pytest.mark.parametrize("fixture", ["mono", "stereo"])
def test_mp3_output_decodes_with_the_same_duration(request, tmp_path, fixture):
    source, info = request.getfixturevalue(fixture)
    out = tmp_path / "redacted.mp3"
    render_audio(source, out, [(2000, 3000)], info, method="beep", quality="mp3")
    decoded = probe(out)
    assert decoded.format == "mp3"
    assert decoded.duration_s == pytest.approx(info.duration_s, abs=0.1)
    assert (decoded.sample_rate, decoded.channels) == (info.sample_rate, info.channels)


def test_an_unreadable_source_is_a_media_error(tmp_path):
    source = tmp_path / "source"
    source.write_bytes(b"not audio at all")
    info = Probe(duration_s=6.0, codec="pcm_s16le", sample_rate=16_000, channels=1, has_video=False, format="wav")
    with pytest.raises(MediaError, match="not audio or video"):
        render_audio(source, tmp_path / "out.wav", [(2000, 3000)], info, quality="wav")
