"""A stereo call (agent left, customer right: samples/voices/make_stereo_call.py) through the real
stack with `multichannel: true`, driven by the official SDK: the utterances alternate channels as
the call went, everything either side said that is personal is redacted in the text, the words and
the utterances, and the redacted audio beeps each value on both channels. The same call mixed to
mono comes back as one channel."""

from __future__ import annotations

import importlib.util
import io
import subprocess
import time
import wave
from pathlib import Path
from typing import Any

import assemblyai as aai
import numpy as np
import pytest
import requests

from bleeper.media import ffmpeg_exe

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
# what was said that must not be read back (Whisper writes the numbers as digits)
NEVER_SHOWN = ["Marcus", "Bell", "Linda", "212", "0147", "800", "0199"]
REDACTED_POLICIES = {"person_name", "phone_number"}


def the_stereo_call() -> tuple[Path, dict[str, Any]]:
    spec = importlib.util.spec_from_file_location("make_stereo_call", ROOT / "samples/voices/make_stereo_call.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module.make()


@pytest.fixture(scope="module")
def sdk(api):
    aai.settings.base_url = api.base
    aai.settings.api_key = api.key
    aai.settings.polling_interval = 0.3
    return aai


def _transcribe(sdk, path: Path) -> tuple[Any, float]:
    policies = [sdk.PIIRedactionPolicy.person_name, sdk.PIIRedactionPolicy.phone_number,
                sdk.PIIRedactionPolicy.email_address]
    config = sdk.TranscriptionConfig(multichannel=True, redact_pii=True, redact_pii_audio=True,
                                     redact_pii_policies=policies, redact_pii_sub=sdk.PIISubstitutionPolicy.entity_name)
    started = time.monotonic()
    transcript = sdk.Transcriber(config=config).transcribe(str(path))
    return transcript, time.monotonic() - started


@pytest.fixture(scope="module")
def stereo(sdk):
    audio, reference = the_stereo_call()
    transcript, seconds = _transcribe(sdk, audio)
    print(f"\nstereo job ({reference['duration_s']} s of audio): {seconds:.1f} s submit to completed")
    return transcript, reference


def _stereo_pcm(data: bytes, tmp: Path) -> np.ndarray:
    """Decoded to 16 kHz float, both channels kept: samples × 2."""
    src = tmp / "redacted.mp3"
    src.write_bytes(data)
    out = subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-i", str(src), "-ar", "16000", "-f", "wav", "-"],
                         check=True, capture_output=True).stdout
    with wave.open(io.BytesIO(out)) as w:
        assert w.getnchannels() == 2
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float32) / 32768
    return pcm.reshape(-1, 2)


def _dominant_hz(samples: np.ndarray, rate: int = 16000) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.fft.rfftfreq(len(samples), 1 / rate)[int(np.argmax(spectrum))])


def test_utterances_alternate_channels_as_the_call_went(stereo):
    transcript, reference = stereo
    assert transcript.status == aai.TranscriptStatus.completed, transcript.error
    assert transcript.config.multichannel is True
    assert transcript.json_response["multichannel"] is True and transcript.json_response["audio_channels"] == 2
    assert [u.channel for u in transcript.utterances] == [str(t["channel"] + 1) for t in reference["turns"]]
    for utterance, turn in zip(transcript.utterances, reference["turns"]):
        assert utterance.speaker == utterance.channel
        # Whisper stamps the first word after a long silence early (up to ~2 s here): the turns
        # overlap in time and end where they ended
        assert utterance.start < turn["end_ms"] and turn["start_ms"] < utterance.end
        assert abs(utterance.end - turn["end_ms"]) < 1000
        assert {w.channel for w in utterance.words} == {utterance.channel}
    assert [u.start for u in transcript.utterances] == sorted(u.start for u in transcript.utterances)
    assert {w.channel for w in transcript.words} == {"1", "2"}
    assert transcript.text == " ".join(u.text for u in transcript.utterances)


def test_what_either_side_said_is_redacted_in_text_words_and_utterances(stereo):
    transcript, _ = stereo
    shown = [transcript.text, *(w.text for w in transcript.words), *(u.text for u in transcript.utterances),
             *(w.text for u in transcript.utterances for w in u.words)]
    for value in NEVER_SHOWN:
        assert not any(value in s for s in shown), value
    said_by = {u.channel for u in transcript.utterances if "[PERSON_NAME]" in u.text or "[PHONE_NUMBER]" in u.text}
    assert said_by == {"1", "2"}


def test_each_value_is_placed_where_its_channel_said_it(stereo):
    """Detection reads the interleaved text; the times of what it finds are still the channel's own."""
    transcript, reference = stereo
    found = [(e.entity_type.value, e.start, e.end) for e in transcript.entities]
    for value in reference["pii"]:
        if value["policy"] in REDACTED_POLICIES:
            assert any(policy == value["policy"] and start < value["end_ms"] and end > value["start_ms"]
                       for policy, start, end in found), value["value"]


def test_the_redacted_audio_beeps_each_value_on_both_channels(stereo, tmp_path):
    transcript, reference = stereo
    redacted = _stereo_pcm(requests.get(transcript.get_redacted_audio_url(), timeout=30).content, tmp_path)
    for value in reference["pii"]:
        if value["policy"] not in REDACTED_POLICIES:
            continue
        a, b = value["start_ms"] * 16, value["end_ms"] * 16
        for channel in (0, 1):  # said on one; beeped on both
            assert _dominant_hz(redacted[a:b, channel]) == pytest.approx(1000, abs=15), (value["value"], channel)
    question = reference["turns"][2]  # the agent's "What is the best phone number to reach you?": nothing to hide
    a, b = question["start_ms"] * 16, question["end_ms"] * 16
    assert _dominant_hz(redacted[a:b, 0]) != pytest.approx(1000, abs=15)


def test_the_same_call_mixed_to_mono_is_one_channel(sdk, stereo, tmp_path):
    """A mono file with multichannel on is one channel, "1": every utterance is its only speaker's."""
    audio, reference = the_stereo_call()
    mono = tmp_path / "mono.mp3"
    subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-i", str(audio), "-ac", "1", "-c:a", "libmp3lame",
                    "-b:a", "48k", str(mono)], check=True)
    transcript, seconds = _transcribe(sdk, mono)
    print(f"\nmono job (the same {reference['duration_s']} s mixed to one channel): {seconds:.1f} s submit to completed")
    assert transcript.status == aai.TranscriptStatus.completed, transcript.error
    assert transcript.json_response["audio_channels"] == 1
    assert {u.channel for u in transcript.utterances} == {"1"} and len(transcript.utterances) == 1
    for value in NEVER_SHOWN:
        assert value not in transcript.text


def test_a_file_with_more_channels_than_allowed_is_refused_saying_so(api, tmp_path):
    path = tmp_path / "nine.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(9)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(bytes(2 * 9 * 8000))
    r = api.submit(audio_url=api.upload(path), multichannel=True)
    assert r.status_code == 200, r.text
    job = api.wait(r.json()["id"])
    assert job["status"] == "error" and "BLEEPER_MULTICHANNEL_MAX_CHANNELS" in job["error"]
