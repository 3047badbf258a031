"""A transcript put together from pieces transcribed apart reads as one: every word's offsets
index its text, pieces keep their order and times, and a piece survives the trip through S3 (JSON)."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from bleeper.asr import Piece, assemble

WORD = st.text(alphabet=st.characters(whitelist_categories=("L", "N", "P")), min_size=1, max_size=8)


@st.composite
def pieces(draw) -> list[Piece]:
    out, clock = [], 0
    for _ in range(draw(st.integers(1, 4))):
        segments = []
        for _ in range(draw(st.integers(0, 3))):
            words = []
            for _ in range(draw(st.integers(0, 5))):
                space = draw(st.sampled_from(["", " "]))
                words.append([space + draw(WORD), clock, clock + 300, 0.9])
                clock += 400
            segments.append({"start": clock - 400 * len(words), "end": clock, "no_speech_prob": 0.1, "words": words})
        clock += 1000
        out.append(Piece(segments, "en", clock))
    return out


@given(pieces())
@settings(max_examples=200, deadline=None)
def test_every_word_of_the_joined_pieces_indexes_the_text(parts):
    transcript = assemble(parts, "en")
    for word in transcript.words:
        assert transcript.text[word.char_start:word.char_end] == word.text
    assert [w.start for w in transcript.words] == sorted(w.start for w in transcript.words)
    assert transcript.duration_ms == parts[-1].end_ms
    for seg in transcript.segments:
        assert seg.first_word < seg.last_word <= len(transcript.words)


def test_a_piece_survives_the_trip_through_storage():
    piece = Piece([{"start": 0, "end": 900, "no_speech_prob": 0.2, "words": [[" Hi", 0, 400, 0.8]]}], "en", 30000)
    assert Piece.from_json(piece.to_json()) == piece


def test_two_pieces_join_with_a_space_between_them():
    first = Piece([{"start": 0, "end": 500, "no_speech_prob": 0.1, "words": [[" Hello", 0, 500, 0.9]]}], "en", 30000)
    second = Piece([{"start": 30100, "end": 30600, "no_speech_prob": 0.1, "words": [["there", 30100, 30600, 0.9]]}],
                   "en", 52000)
    transcript = assemble([first, second], "en")
    assert transcript.text == "Hello there"
    assert [s.text for s in transcript.segments] == ["Hello", "there"]
