"""Client audio: frames of any size, odd byte counts, a stray WAV header, μ-law, any rate; and the
3007 rules (frame length, faster than real time)."""

from __future__ import annotations

import io
import wave

import av
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from bleeper.streaming.audio import MULAW, SAMPLE_RATE, AudioInput, RateCheck, wav_header_length
from bleeper.streaming.protocol import Close, ProtocolError


def tone(seconds: float, rate: int, hz: float = 440.0) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (np.sin(2 * np.pi * hz * t) * 12000).astype("<i2")


def wav_bytes(pcm: np.ndarray, rate: int) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(rate)
        w.writeframes(pcm.tobytes())
    return buf.getvalue()


def feed_all(audio: AudioInput, data: bytes, cuts: list[int]) -> tuple[np.ndarray, np.ndarray]:
    raw, out, at = [], [], 0
    for cut in sorted(set(c for c in cuts if 0 < c < len(data))) + [len(data)]:
        pcm, samples = audio.feed(data[at:cut])
        raw.append(pcm), out.append(samples)
        at = cut
    out.append(audio.flush())
    return np.concatenate(raw), np.concatenate(out)


def test_mulaw_decodes_as_ffmpeg_does():
    ctx = av.CodecContext.create("pcm_mulaw", "r")
    ctx.sample_rate, ctx.layout = 8000, "mono"
    reference = np.concatenate([f.to_ndarray().reshape(-1) for f in ctx.decode(av.Packet(bytes(range(256))))])
    assert (MULAW == reference).all()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 32_000), max_size=12))
def test_16k_pcm_cut_anywhere_gives_the_same_samples(cuts):
    pcm = tone(1.0, SAMPLE_RATE)
    raw, samples = feed_all(AudioInput("pcm_s16le", SAMPLE_RATE), pcm.tobytes(), cuts)
    assert (raw == pcm).all()
    assert np.allclose(samples, pcm / 32768.0)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 16_000), max_size=10), st.sampled_from([8000, 11025, 22050, 44100, 48000]))
def test_other_rates_are_resampled_to_16k_whatever_the_frames(cuts, rate):
    pcm = tone(1.0, rate)
    raw, samples = feed_all(AudioInput("pcm_s16le", rate), pcm.tobytes(), [c * rate // 8000 for c in cuts])
    assert (raw == pcm).all()
    assert abs(samples.shape[0] - SAMPLE_RATE) <= 40  # a second of audio stays a second
    spectrum = np.abs(np.fft.rfft(samples[2000:14000]))
    assert abs(np.argmax(spectrum) * SAMPLE_RATE / 12000 - 440) < 3  # the same tone


def test_an_odd_byte_is_kept_for_the_next_frame():
    audio = AudioInput("pcm_s16le", SAMPLE_RATE)
    data = tone(0.01, SAMPLE_RATE).tobytes()
    first, _ = audio.feed(data[:5])
    second, _ = audio.feed(data[5:])
    assert first.shape[0] == 2 and (np.concatenate([first, second]) == tone(0.01, SAMPLE_RATE)).all()


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(0, 4000), max_size=6))
def test_a_wav_header_at_the_start_is_skipped_wherever_the_frames_split_it(cuts):
    pcm = tone(0.2, SAMPLE_RATE)
    raw, _ = feed_all(AudioInput("pcm_s16le", SAMPLE_RATE), wav_bytes(pcm, SAMPLE_RATE), cuts)
    assert (raw == pcm).all()


def test_a_header_with_extra_chunks_is_skipped():
    pcm = tone(0.1, SAMPLE_RATE)
    data = wav_bytes(pcm, SAMPLE_RATE)
    # a LIST chunk between fmt and data, as some recorders write
    fmt_end = 12 + 8 + 16
    extra = b"LIST" + (6).to_bytes(4, "little") + b"INFOab"
    data = data[:fmt_end] + extra + data[fmt_end:]
    assert wav_header_length(data) == fmt_end + len(extra) + 8
    raw, _ = feed_all(AudioInput("pcm_s16le", SAMPLE_RATE), data, [])
    assert (raw == pcm).all()


def test_audio_that_only_looks_like_riff_later_is_audio():
    data = b"\x01\x02" * 100 + b"RIFF" + b"\x00" * 100
    assert wav_header_length(data) == 0
    raw, _ = feed_all(AudioInput("pcm_s16le", SAMPLE_RATE), data, [])
    assert raw.shape[0] == len(data) // 2


def test_mulaw_frames_become_16k_samples():
    audio = AudioInput("pcm_mulaw", 8000)
    pcm, samples = audio.feed(bytes([0x80, 0x00, 0xFF, 0x7F]) * 200)  # 100 ms
    assert pcm.dtype == np.int16 and pcm.shape[0] == 800
    assert audio.frame_ms(b"\x00" * 800) == 100


@pytest.mark.parametrize("frame_ms, ok", [(20, True), (100, True), (1000, True), (1200, False)])
def test_a_frame_holds_at_most_a_second(frame_ms, ok):
    check = RateCheck(realtime=False)
    if ok:
        check.check(frame_ms)
    else:
        with pytest.raises(ProtocolError) as caught:
            check.check(frame_ms)
        assert caught.value.code == Close.audio_violation


def test_audio_faster_than_real_time_is_refused_unless_the_check_is_off():
    now = [0.0]
    check = RateCheck(realtime=True, clock=lambda: now[0])
    for _ in range(50):  # 5 s of audio at once: within the allowance
        check.check(100)
    now[0] = 1.0
    for _ in range(10):
        check.check(100)
    with pytest.raises(ProtocolError) as caught:
        for _ in range(20):
            check.check(100)
    assert caught.value.code == Close.audio_violation
    off = RateCheck(realtime=False, clock=lambda: 0.0)
    for _ in range(1000):
        off.check(100)


def test_real_time_audio_passes_the_check():
    now = [0.0]
    check = RateCheck(realtime=True, clock=lambda: now[0])
    for _ in range(600):  # a minute, 100 ms at a time, a little early each time
        check.check(100)
        now[0] += 0.098
    assert check.received_ms == 60_000
