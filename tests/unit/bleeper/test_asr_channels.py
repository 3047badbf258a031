"""A multichannel call transcribed one channel at a time reads as the conversation went: segments
in time order, each word once with its channel, offsets indexing the text, a turn cut where the
other side spoke in its pause; silent channels give nothing; each channel is cut into pieces of
its own from the file, on the same clock as the mix."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from bleeper.asr import Piece, assemble, channel_chunks, interleave, is_silence, pcm_chunks, quiet
from bleeper.asr.pcm import SAMPLE_RATE

WORD = st.text(alphabet=st.characters(whitelist_categories=("L", "N", "P")), min_size=1, max_size=8)


@st.composite
def channel_segments(draw) -> list[dict]:
    """One channel's Whisper segments: words in time order, with pauses of any length."""
    clock = draw(st.integers(0, 5000))
    segments = []
    for _ in range(draw(st.integers(0, 4))):
        words = []
        for _ in range(draw(st.integers(1, 5))):
            clock += draw(st.integers(0, 3000))
            length = draw(st.integers(0, 800))
            words.append([draw(st.sampled_from(["", " "])) + draw(WORD), clock, clock + length, 0.9])
            clock += length
        segments.append({"start": words[0][1], "end": clock, "no_speech_prob": 0.1, "words": words})
    return segments


@st.composite
def calls(draw) -> list[Piece]:
    """Each channel's segments, split over one or two pieces per channel, pieces in any order."""
    pieces = []
    for channel in range(draw(st.integers(1, 3))):
        segments = draw(channel_segments())
        cut = draw(st.integers(0, len(segments)))
        end = max([s["end"] for s in segments], default=0) + 500
        pieces += [Piece(segments[:cut], "en", end, channel), Piece(segments[cut:], "en", end, channel)]
    return draw(st.permutations(pieces))


@given(calls())
@settings(max_examples=300, deadline=None)
def test_interleaved_channels_read_in_time_order_with_consistent_offsets(pieces):
    transcript = assemble(pieces, "en")
    text, words = transcript.text, transcript.words
    assert [s.start for s in transcript.segments] == sorted(s.start for s in transcript.segments)
    for word in words:
        assert text[word.char_start:word.char_end] == word.text
    assert [w.char_start for w in words] == sorted(w.char_start for w in words)
    for seg in transcript.segments:
        mine = words[seg.first_word:seg.last_word]
        assert mine and {w.channel for w in mine} == {seg.channel}
        assert seg.text == text[mine[0].char_start:mine[-1].char_end]
    assert sum(s.last_word - s.first_word for s in transcript.segments) == len(words)
    # every word once, each channel's words in the order they were said
    for channel in {p.channel for p in pieces}:
        said = [(w[0].strip(), w[1], w[2]) for p in sorted((p for p in pieces if p.channel == channel),
                                                           key=lambda p: p.segments[0]["start"] if p.segments else 0)
                for s in p.segments for w in s["words"]]
        said.sort(key=lambda w: w[1])  # pieces of one channel hold consecutive stretches
        got = [(w.text, w.start, w.end) for w in words if w.channel == channel]
        assert sorted(got, key=lambda w: w[1]) == got
        assert sorted(got) == sorted(said)


@given(calls())
@settings(max_examples=200, deadline=None)
def test_no_turn_runs_over_a_pause_in_which_another_channel_spoke(pieces):
    transcript = assemble(pieces, "en")
    words = transcript.words
    for seg in transcript.segments:
        others = [w.start for w in words if w.channel != seg.channel]
        for a, b in zip(words[seg.first_word:seg.last_word - 1], words[seg.first_word + 1:seg.last_word]):
            assert not any(a.end <= t <= b.start for t in others)


def _seg(start: int, *words: tuple[str, int, int], p: float = 0.9, no_speech: float = 0.1) -> dict:
    return {"start": start, "end": words[-1][2], "no_speech_prob": no_speech,
            "words": [[f" {t}", a, b, p] for t, a, b in words]}


def test_an_agent_segment_spanning_the_customers_answer_is_cut_around_it():
    agent = [_seg(0, ("What's", 0, 300), ("your", 300, 500), ("name?", 500, 900),
                  ("Thanks.", 4000, 4500), ("And", 4600, 4800), ("your", 4800, 5000), ("number?", 5000, 5500))]
    customer = [_seg(1500, ("It's", 1500, 1800), ("Linda", 1800, 2300), ("Okafor.", 2300, 3000))]
    transcript = assemble([Piece(agent, "en", 6000, 0), Piece(customer, "en", 6000, 1)], "en")
    assert transcript.text == "What's your name? It's Linda Okafor. Thanks. And your number?"
    assert [(s.channel, s.text) for s in transcript.segments] == [
        (0, "What's your name?"), (1, "It's Linda Okafor."), (0, "Thanks. And your number?")]
    assert [s.start for s in transcript.segments] == [0, 1500, 4000]
    assert transcript.segments[0].end == 900


def test_a_short_reply_inside_a_word_does_not_cut_the_sentence():
    agent = [_seg(0, ("I", 0, 200), ("understand", 200, 1200), ("completely.", 1200, 2000))]
    customer = [_seg(500, ("Mm-hmm.", 500, 900))]
    segments = interleave({0: agent, 1: customer})
    assert [(c, len(s["words"])) for c, s in segments] == [(0, 3), (1, 1)]


def test_a_channel_where_whisper_heard_only_silence_gives_nothing():
    agent = [_seg(0, ("Hello", 0, 400), ("there.", 400, 900))]
    hallucinated = [_seg(0, ("You", 0, 2000), p=0.06, no_speech=0.74)]
    transcript = assemble([Piece(agent, "en", 5000, 0), Piece(hallucinated, "en", 5000, 1)], "en")
    assert transcript.text == "Hello there."
    assert {w.channel for w in transcript.words} == {0}
    both_silent = assemble([Piece(hallucinated, "en", 5000, 0), Piece([], "en", 5000, 1)], "en")
    assert both_silent.words == [] and is_silence(both_silent)


def test_a_mono_file_transcribed_as_multichannel_is_channel_zero():
    piece = Piece([_seg(0, ("Hi.", 0, 300))], "en", 1000, 0)
    transcript = assemble([piece], "en")
    assert transcript.text == "Hi." and transcript.words[0].channel == 0 and transcript.segments[0].channel == 0


def test_mono_pieces_carry_no_channel():
    transcript = assemble([Piece([_seg(0, ("Hi.", 0, 300))], "en", 1000)], "en")
    assert transcript.words[0].channel is None and transcript.segments[0].channel is None


def test_a_channel_piece_survives_the_trip_through_storage():
    piece = Piece([_seg(0, ("Hi", 0, 400))], "en", 30000, 1)
    assert Piece.from_json(piece.to_json()) == piece
    assert Piece.from_json({"segments": [], "language": None, "end_ms": 5}).channel is None  # stored before issue 16


def _stereo_wav(path: Path, seconds: float, rate: int = 16_000) -> tuple[Path, np.ndarray]:
    """Left: a 300 Hz tone in the first half; right: a 500 Hz tone in the second half."""
    n = int(seconds * rate)
    t = np.arange(n) / rate
    left = np.where(t < seconds / 2, 0.3 * np.sin(2 * np.pi * 300 * t), 0.0)
    right = np.where(t >= seconds / 2, 0.3 * np.sin(2 * np.pi * 500 * t), 0.0)
    frames = (np.stack([left, right], axis=1) * 32767).astype(np.int16)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(frames.tobytes())
    return path, frames.astype(np.float32) / 32768


def test_each_channel_is_cut_into_its_own_pieces_on_the_mix_clock(tmp_path):
    path, frames = _stereo_wav(tmp_path / "call.wav", 75)
    pieces = list(channel_chunks(path, chunk_s=30))
    for channel in (0, 1):
        mine = [(o, s) for c, o, s in pieces if c == channel]
        assert len(mine) >= 3 and all(len(s) <= 30 * SAMPLE_RATE for _, s in mine[:-1])  # pieces of at most 30 s
        assert mine[0][0] == 0.0
        for (o1, s1), (o2, _) in zip(mine, mine[1:]):
            assert abs(o1 + len(s1) / SAMPLE_RATE - o2) < 1e-6  # back to back
        joined = np.concatenate([s for _, s in mine])
        assert len(joined) == len(frames)
        assert np.max(np.abs(joined - frames[:, channel])) < 1e-3  # that channel alone, not the mix
    mixed = np.concatenate([s for _, s in pcm_chunks(path, chunk_s=30)])
    assert len(mixed) == len(frames)


def test_a_silent_half_of_a_channel_is_quiet(tmp_path):
    path, _ = _stereo_wav(tmp_path / "call.wav", 64)
    pieces = list(channel_chunks(path, chunk_s=30))
    left, right = [s for c, _, s in pieces if c == 0], [s for c, _, s in pieces if c == 1]
    assert not quiet(left[0]) and quiet(left[-1])
    assert quiet(right[0]) and not quiet(right[-1])


def test_a_mono_file_has_one_channel(tmp_path, sample_call):
    channels = {c for c, _, _ in channel_chunks(sample_call, chunk_s=30)}
    assert channels == {0}


def test_a_channel_that_starts_part_way_through_starts_its_pieces_there(tmp_path):
    """An mp3 joined from a mono and a stereo file: the second channel exists only in the second half."""
    from bleeper.media import run_ffmpeg

    parts = []
    for name, rate, ch in [("a.mp3", 16_000, 1), ("b.mp3", 44_100, 2)]:
        parts.append(tmp_path / name)
        run_ffmpeg(["-loglevel", "error", "-f", "lavfi", "-i", f"sine=frequency=300:duration=2:sample_rate={rate}",
                    "-ac", str(ch), "-id3v2_version", "0", str(parts[-1])])
    joined = tmp_path / "joined.mp3"
    joined.write_bytes(b"".join(p.read_bytes() for p in parts))
    pieces = list(channel_chunks(joined, chunk_s=30))
    (c0, o0, s0), (c1, o1, s1) = pieces
    assert (c0, o0, c1) == (0, 0.0, 1)
    assert abs(len(s0) / SAMPLE_RATE - 4.0) < 0.2
    assert abs(o1 - 2.0) < 0.2 and abs(o1 + len(s1) / SAMPLE_RATE - len(s0) / SAMPLE_RATE) < 0.01


@pytest.mark.slow
def test_a_long_stereo_call_is_never_held_whole_in_memory(tmp_path):
    """Ten minutes of stereo cut into 30-second pieces: at most a few pieces' samples at a time,
    not every channel's whole recording (77 MB here; a 60-minute call would be 460 MB)."""
    import tracemalloc

    from bleeper.media import run_ffmpeg

    path = tmp_path / "long.mp3"
    run_ffmpeg(["-loglevel", "error", "-f", "lavfi", "-i", "sine=frequency=300:duration=600:sample_rate=16000",
                "-f", "lavfi", "-i", "sine=frequency=500:duration=600:sample_rate=16000", "-filter_complex",
                "[0:a][1:a]join=inputs=2:channel_layout=stereo", "-c:a", "libmp3lame", "-b:a", "32k", str(path)])
    whole = 600 * SAMPLE_RATE * 4 * 2
    tracemalloc.start()
    try:
        seconds = {0: 0.0, 1: 0.0}
        for channel, _, samples in channel_chunks(path, chunk_s=30):
            seconds[channel] += len(samples) / SAMPLE_RATE
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert all(abs(s - 600) < 1 for s in seconds.values())
    piece = 30 * SAMPLE_RATE * 4  # one channel's piece, float32
    assert peak < min(8 * piece, whole / 4), f"{peak / 1e6:.1f} MB held at once"
