"""Odd but valid, or damaged, media: every channel count and sample rate a wav can hold, channels
nobody mixes by default, a stream that changes format half-way, and damaged packets."""

from __future__ import annotations

import random
import wave
from pathlib import Path

import av
import numpy as np
import pytest

from bleeper.errors import MediaError
from bleeper.media import DAMAGED, probe, run_ffmpeg
from bleeper.redaction.audio import render_audio, render_video, video_container
from bleeper.asr import pcm_chunks

TONE_HZ, BEEP_HZ = 300, 1000
RATES = [8000, 11025, 16000, 22050, 44100, 48000, 96000, 192000]
MP3_RATES = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000}


def _wav(path: Path, rate: int, channels: int, *, seconds: float = 2.0, only: int | None = None) -> Path:
    """A 300 Hz tone on every channel (or on channel `only`), plain 16-bit PCM."""
    t = np.arange(int(rate * seconds)) / rate
    tone = (0.3 * 32767 * np.sin(2 * np.pi * TONE_HZ * t)).astype(np.int16)
    frames = np.zeros((len(tone), channels), dtype=np.int16)
    frames[:, slice(None) if only is None else only] = tone[:, None] if only is None else tone
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(frames.tobytes())
    return path


def _decode(path: Path) -> tuple[np.ndarray, int]:
    """(samples × channels as float, rate) of the first audio stream."""
    with av.open(str(path)) as c:
        stream = c.streams.audio[0]
        frames = [f.to_ndarray() for f in c.decode(stream)]
        rate, channels = stream.codec_context.sample_rate, stream.codec_context.channels
    data = np.concatenate([f.reshape(-1, channels) if f.shape[0] == 1 else f.T for f in frames])
    return data.astype(np.float64), rate


def _share_at(seg: np.ndarray, rate: int, hz: float) -> float:
    freqs = np.fft.rfftfreq(len(seg), 1 / rate)
    mag = np.abs(np.fft.rfft(seg * np.hanning(len(seg))))
    return float(mag[np.abs(freqs - hz) <= 10].max() / mag.max())


# every channel count at one rate, every rate at 1, 2 and 6 channels, and the corners
SHAPES = sorted({(16_000, n) for n in range(1, 9)} | {(r, n) for r in RATES for n in (1, 2, 6)}
                | {(8000, 8), (192_000, 8)})


@pytest.mark.parametrize("quality", ["mp3", "wav"])
@pytest.mark.parametrize(("rate", "channels"), SHAPES, ids=[f"{r}Hz-{n}ch" for r, n in SHAPES])
def test_any_rate_and_channel_count_renders(tmp_path, rate, channels, quality):
    source = _wav(tmp_path / "call.wav", rate, channels)
    info = probe(source)
    out = tmp_path / f"redacted.{quality}"
    written = render_audio(source, out, [(800, 1300)], info, quality=quality)

    if quality == "wav":
        assert (written.sample_rate, written.channels) == (rate, channels)
        assert written.downmixed_from is None and written.resampled_from is None
    else:
        assert written.channels == min(channels, 2) and written.sample_rate in MP3_RATES
        assert written.sample_rate >= min(rate, 48_000)
        assert written.downmixed_from == (channels if channels > 2 else None)
        assert written.resampled_from == (rate if rate > 48_000 else None)
    x, out_rate = _decode(out)
    assert (out_rate, x.shape[1]) == (written.sample_rate, written.channels)
    assert abs(len(x) / out_rate - 2.0) <= 0.020
    inside = x[int(0.9 * out_rate):int(1.2 * out_rate)]
    outside = x[int(1.5 * out_rate):int(1.9 * out_rate)]
    for ch in {0, x.shape[1] - 1}:
        assert _share_at(inside[:, ch], out_rate, BEEP_HZ) == 1.0, f"no beep in channel {ch}"
        assert _share_at(inside[:, ch], out_rate, TONE_HZ) < 0.01, f"the call is audible under the beep ({ch})"
        assert _share_at(outside[:, ch], out_rate, TONE_HZ) == 1.0


@pytest.mark.parametrize(("channels", "only"), [(3, 2), (6, 3), (8, 3), (8, 7)])
def test_a_speaker_alone_on_any_channel_is_heard_by_asr_and_kept_in_the_mp3(tmp_path, channels, only):
    """swresample's default downmix drops an LFE channel (the 4th of 6 or 8, the 3rd of 3)."""
    source = _wav(tmp_path / "tracks.wav", 16_000, channels, only=only)
    pcm = np.concatenate([s for _, s in pcm_chunks(source)])
    assert np.sqrt(np.mean(pcm**2)) == pytest.approx(0.3 / np.sqrt(2), rel=0.05)  # as loud as recorded
    out = tmp_path / "redacted.mp3"
    render_audio(source, out, [], probe(source))
    x, _ = _decode(out)
    side = len(range(only % 2, channels, 2))  # channels mixed into the speaker's side
    assert np.sqrt(np.mean(x**2, axis=0))[only % 2] == pytest.approx(0.3 / np.sqrt(2) / side, rel=0.1)


def test_a_stream_that_changes_format_half_way_is_transcribed_and_rendered(tmp_path):
    """An mp3 joined from a mono 16 kHz and a stereo 44.1 kHz file: PyAV's resampler refuses the
    change; ffmpeg's filters are rebuilt."""
    parts = []
    for name, rate, ch in [("a.mp3", 16_000, 1), ("b.mp3", 44_100, 2)]:
        parts.append(tmp_path / name)
        run_ffmpeg(["-loglevel", "error", "-f", "lavfi", "-i", f"sine=frequency={TONE_HZ}:duration=2:sample_rate={rate}",
                    "-ac", str(ch), "-id3v2_version", "0", str(parts[-1])])
    joined = tmp_path / "joined.mp3"
    joined.write_bytes(b"".join(p.read_bytes() for p in parts))
    pcm = np.concatenate([s for _, s in pcm_chunks(joined)])
    assert len(pcm) / 16_000 == pytest.approx(4.0, abs=0.2)
    out = tmp_path / "redacted.wav"
    render_audio(joined, out, [(2800, 3300)], probe(joined), quality="wav")
    x, rate = _decode(out)
    assert len(x) / rate == pytest.approx(4.0, abs=0.2)
    assert _share_at(x[int(2.9 * rate):int(3.2 * rate), 0], rate, BEEP_HZ) == 1.0


# --- damaged files ------------------------------------------------------------------------------


def _damaged(path: Path, data: bytes, seed: int = 11) -> Path:
    """`data` with its middle third replaced by random bytes."""
    a, b = len(data) // 3, 2 * len(data) // 3
    path.write_bytes(data[:a] + random.Random(seed).randbytes(b - a) + data[b:])
    return path


@pytest.fixture(scope="module")
def damaged_tone(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("damaged")
    clean = d / "clean.mp3"
    run_ffmpeg(["-loglevel", "error", "-f", "lavfi", "-i", f"sine=frequency={TONE_HZ}:duration=9:sample_rate=16000",
                "-b:a", "32k", str(clean)])
    return _damaged(d / "damaged.mp3", clean.read_bytes())


def test_a_damaged_mp3_decodes_what_decodes(damaged_tone, sample_call, tmp_path):
    for path in (damaged_tone, _damaged(tmp_path / "call.mp3", sample_call.read_bytes())):
        pcm = np.concatenate([s for _, s in pcm_chunks(path)])
        assert 0.4 < len(pcm) / 16_000 / probe(path).duration_s < 0.9


@pytest.mark.parametrize("quality", ["mp3", "wav"])
def test_the_redacted_damaged_mp3_keeps_the_transcripts_clock(damaged_tone, tmp_path, quality):
    """The transcript's times are counted in decoded samples; so are the redacted audio's: a beep
    placed after the damage lands where the transcript says, and the lengths agree."""
    pcm = np.concatenate([s for _, s in pcm_chunks(damaged_tone)])
    decoded_s = len(pcm) / 16_000
    at = decoded_s - 1.5  # well after the damaged third
    out = tmp_path / f"redacted.{quality}"
    render_audio(damaged_tone, out, [(int(at * 1000), int((at + 0.5) * 1000))], probe(damaged_tone), quality=quality)
    x, rate = _decode(out)
    assert abs(len(x) / rate - decoded_s) <= 0.020 + (0.06 if quality == "mp3" else 0)  # mp3 frame padding
    assert _share_at(x[int((at + 0.1) * rate):int((at + 0.4) * rate), 0], rate, BEEP_HZ) == 1.0
    assert _share_at(x[int((at - 0.6) * rate):int((at - 0.1) * rate), 0], rate, TONE_HZ) == 1.0


def test_a_file_nothing_of_which_decodes_is_damaged(tmp_path):
    """ADTS AAC whose every frame's payload is zeroed: the frames are found, none decodes."""
    clean = tmp_path / "clean.aac"
    run_ffmpeg(["-loglevel", "error", "-f", "lavfi", "-i", "sine=duration=3", "-c:a", "aac", "-f", "adts", str(clean)])
    data, i = bytearray(clean.read_bytes()), 0
    while i + 7 <= len(data):
        length = ((data[i + 3] & 3) << 11) | (data[i + 4] << 3) | (data[i + 5] >> 5)
        data[i + 7:i + length] = bytes(length - 7)
        i += length
    path = tmp_path / "zeroed.aac"
    path.write_bytes(bytes(data))
    with pytest.raises(MediaError) as refused:
        list(pcm_chunks(path))
    assert refused.value.message == DAMAGED


@pytest.mark.parametrize(("vcodec", "rate", "channels", "expected"),
                         [("libx264", 192_000, 8, ("aac", 96_000)), ("libvpx", 44_100, 6, ("opus", 48_000))])
def test_video_with_many_channels_or_a_high_rate_renders(tmp_path, vcodec, rate, channels, expected):
    source = tmp_path / "call.mkv"
    run_ffmpeg(["-loglevel", "error", "-i", str(_wav(tmp_path / "a.wav", rate, channels)), "-f", "lavfi", "-i",
                "color=s=64x64:r=10:d=2", "-map", "1:v", "-map", "0:a", "-c:v", vcodec, "-c:a", "pcm_s16le",
                "-shortest", str(source)])
    info = probe(source)
    out = tmp_path / f"redacted.{video_container(info)[0]}"
    written = render_video(source, out, [(500, 900)], info)
    assert (written.format, written.sample_rate, written.channels, written.downmixed_from) == (*expected, 2, channels)
    x, out_rate = _decode(out)
    assert (out_rate, x.shape[1]) == (expected[1], 2)


@pytest.mark.parametrize("layout", ["2.1", "3.0", "quad", "5.1(side)", "7.1"])
def test_the_beep_is_in_every_channel_of_a_labelled_layout(tmp_path, layout):
    """The tone is made in the call's own layout, so no conversion drops it from a channel."""
    source = tmp_path / "call.wav"
    n = {"2.1": 3, "3.0": 3, "quad": 4, "5.1(side)": 6, "7.1": 8}[layout]
    copies = "|".join(f"c{i}=c0" for i in range(n))
    run_ffmpeg(["-loglevel", "error", "-f", "lavfi", "-i", f"sine=frequency={TONE_HZ}:duration=2:sample_rate=16000",
                "-af", f"pan={layout}|{copies}", str(source)])
    out = tmp_path / "redacted.wav"
    render_audio(source, out, [(800, 1300)], probe(source), quality="wav")
    x, rate = _decode(out)
    assert x.shape[1] == n
    for ch in range(n):
        assert _share_at(x[int(0.9 * rate):int(1.2 * rate), ch], rate, BEEP_HZ) == 1.0, f"no beep in channel {ch}"
        assert _share_at(x[int(1.5 * rate):int(1.9 * rate), ch], rate, TONE_HZ) == 1.0
    with av.open(str(out)) as c:
        assert c.streams.audio[0].layout.name == layout


@pytest.mark.slow
def test_whisper_hears_the_call_on_both_sides_of_the_damage(sample_call, tmp_path):
    """The sample call with its middle third overwritten used to end in `internal error
    (InvalidDataError)`: PyAV's decode loop gave up at the first refused packet."""
    from bleeper.config import get_settings
    from bleeper.asr import load_model, transcribe_audio

    path = _damaged(tmp_path / "call.mp3", sample_call.read_bytes())
    transcript = transcribe_audio(path, load_model("tiny.en", get_settings()), language="en", beam_size=1)
    decoded_ms = transcript.duration_ms
    assert transcript.words[0].start < decoded_ms / 3 and transcript.words[-1].end > 2 * decoded_ms / 3
