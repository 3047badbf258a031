"""What redact_pii_audio keeps of a session: a WAV of the samples as received; and a decode of noise
that Whisper wrote words into counts as nothing said."""

from __future__ import annotations

import wave

import numpy as np

from bleeper.streaming.decoder import StreamWord, _nothing_said
from bleeper.streaming.recording import Recording


def test_the_recording_is_a_wav_of_every_sample_in_order():
    recording = Recording(8000)
    parts = [np.arange(i * 800, (i + 1) * 800, dtype=np.int16) for i in range(30)]
    for part in parts:
        recording.write(part)
    assert recording.seconds == 3.0
    with wave.open(recording.finish(), "rb") as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (8000, 1, 2)
        assert (np.frombuffer(w.readframes(w.getnframes()), "<i2") == np.concatenate(parts)).all()
    recording.discard()


def test_an_hour_goes_to_disk_not_memory():
    recording = Recording(16000)
    for _ in range(10):
        recording.write(np.zeros(16000 * 30, dtype=np.int16))  # 5 minutes
    assert recording.file._rolled  # SpooledTemporaryFile moved to a file past 8 MB
    recording.discard()


def test_whisper_words_in_noise_count_as_nothing():
    faint = [StreamWord(" You", 0, 300, 0.06)]
    assert _nothing_said(faint, [0.74])
    assert not _nothing_said(faint, [0.2])
    assert not _nothing_said([StreamWord(" Yes.", 0, 300, 0.9)], [0.74])
    assert _nothing_said([], [])
