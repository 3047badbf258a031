"""The streaming decoder encodes a turn's own audio padded to a minimum, never Whisper's whole
30-s window of zero padding (a third of the time a decode)."""

import numpy as np
from hypothesis import given, strategies as st

from bleeper.streaming.decoder import PAD_FRAMES, window_frames

WINDOW = 3000  # frames in Whisper's 30-s window


def padded(heard: int) -> np.ndarray:
    """A window as faster-whisper hands it to the encoder: `heard` frames of log-mel, then zeros."""
    features = np.zeros((1, 80, WINDOW), dtype=np.float32)
    features[..., :heard] = np.random.default_rng(heard).uniform(-0.9, 1.0, (80, heard))
    return features


def test_a_short_turn_is_encoded_in_the_minimum_window():
    assert window_frames(padded(250), least=1000) == 1000


def test_a_long_turn_keeps_its_audio_and_a_margin():
    assert window_frames(padded(1400), least=1000) == 1400 + PAD_FRAMES


def test_a_turn_filling_the_window_is_encoded_whole():
    assert window_frames(padded(WINDOW), least=1000) == WINDOW


def test_silence_is_audio_too():
    features = padded(0)
    features[..., :1200] = -0.55  # the log-mel of silence is a constant, not zero
    assert window_frames(features, least=1000) == 1200 + PAD_FRAMES


@given(st.integers(0, WINDOW), st.integers(1, WINDOW))
def test_never_cuts_what_was_heard_and_never_exceeds_the_window(heard, least):
    frames = window_frames(padded(heard), least)
    assert min(WINDOW, heard) <= frames <= WINDOW
    assert frames >= min(WINDOW, least)
