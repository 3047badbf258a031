"""Turn text: Whisper's word pieces joined, AssemblyAI's unformatted words, the end of a turn."""

from __future__ import annotations

import pytest

from bleeper.streaming.decoder import StreamWord
from bleeper.streaming.text import end_of_turn_confidence, tail_is_open, transcript_of, unformatted_word


def test_word_pieces_join_as_whisper_wrote_them():
    words = [StreamWord(t, i * 100, i * 100 + 90, 0.9) for i, t in enumerate([" Call", " 555", "-201", "-3344."])]
    done = transcript_of(words)
    assert done.text == "Call 555-201-3344."
    assert [done.text[w.char_start:w.char_end] for w in done.words] == ["Call", "555", "-201", "-3344."]


@pytest.mark.parametrize("word, plain", [("Hello,", "hello"), ("###-###-####.", "###-###-####"),
                                         ("[PHONE_NUMBER].", "[PHONE_NUMBER]"), ("I'm", "i'm"), ("-201", "201"),
                                         ("...", "")])
def test_unformatted_words(word, plain):
    assert unformatted_word(word) == plain


@pytest.mark.parametrize("words, open_", [
    ("Thanks for calling.", False), ("My number is 555.", True), ("It's four one one one", True),
    ("That's O K A", True), ("john dot", True), ("This is Sarah", True), ("Yes, I did.", False),
    ("I think so. Sure.", False), ("Okay, I", False), ("Date of birth. July", True), ("Thanks. Bye.", False),
    ("This is Sarah.", True),
])
def test_what_could_run_on_into_a_value(words, open_):
    assert tail_is_open(words.split()) is open_


def test_end_of_turn_confidence():
    assert end_of_turn_confidence("Thanks for calling.".split()) > 0.8
    assert 0.4 <= end_of_turn_confidence("It is 555.".split()) < 0.8
    assert 0.4 <= end_of_turn_confidence("The number is 555 201".split()) < 0.8  # no period after digits
    assert end_of_turn_confidence("So I was thinking,".split()) < 0.4
    assert end_of_turn_confidence("So I was thinking".split()) < 0.4
    assert end_of_turn_confidence([]) == 0.0
