"""bleeper as a library: `bleeper.redact_text` and `bleeper.redact_file` redact in-process, with
the pipeline's detection, styles and beeps, and importing bleeper loads no model."""

from __future__ import annotations

import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

import bleeper
from bleeper.errors import InvalidRequest

SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "sample_call.mp3"


def test_importing_bleeper_loads_no_model_or_service_library():
    code = ("import sys, bleeper; heavy = [m for m in ('presidio_analyzer', 'spacy', 'faster_whisper', "
            "'celery', 'boto3', 'redis', 'fastapi') if m in sys.modules]; print(heavy)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"


@pytest.mark.slow
def test_a_transcript_is_redacted_in_process_in_the_asked_style():
    done = bleeper.redact_text("Sure, my social is 078-05-1120, and call me at 610-265-1714.")
    assert done.text == "Sure, my social is ###-##-####, and call me at ###-###-####."
    assert [e.policy for e in done.entities] == ["us_social_security_number", "phone_number"]
    named = bleeper.redact_text("Call me at 610-265-1714.", policies=["phone_number"], sub="entity_name")
    assert named.text == "Call me at [PHONE_NUMBER]."


@pytest.mark.slow
def test_an_excluded_policy_stays_visible():
    done = bleeper.redact_text("I'm Dolores and my number is 610-265-1714.", exclude=["person_name"])
    assert "Dolores" in done.text and "610-265-1714" not in done.text


def test_an_unknown_policy_is_a_clear_error():
    with pytest.raises(InvalidRequest, match=r"policies\[0\]: unknown policy; valid policies are"):
        bleeper.redact_text("hello", policies=["phone_nmber"])


@pytest.mark.slow
def test_a_recording_comes_back_with_its_phone_number_beeped(tmp_path):
    out = tmp_path / "call.redacted.wav"
    done = bleeper.redact_file(SAMPLE, out, sub="entity_name")
    assert "[PHONE_NUMBER]" in done.text and "[CREDIT_CARD_NUMBER]" in done.text
    phone = next(e for e in done.entities if e.policy == "phone_number")
    with wave.open(str(out)) as w:
        rate = w.getframerate()
        samples = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(float)
    middle = (phone.start_ms + phone.end_ms) // 2
    window = samples[int(middle / 1000 * rate) - rate // 10:int(middle / 1000 * rate) + rate // 10]
    spectrum = np.abs(np.fft.rfft(window))
    peak_hz = np.fft.rfftfreq(len(window), 1 / rate)[spectrum.argmax()]
    assert abs(peak_hz - 1000) < 20  # the beep, where the number was said
    assert done.audio is not None and done.audio.format == "wav"


def test_only_mp3_or_wav_is_written(tmp_path):
    with pytest.raises(ValueError, match="mp3 or .wav"):
        bleeper.redact_file(SAMPLE, tmp_path / "call.ogg")


PRODUCT_CODE = {"name": "PRODUCT_CODE", "pattern": r"\d{5}-\d{5}"}


@pytest.mark.slow
@pytest.mark.parametrize("said", ["82498-34792", "8 2 4 9 8, 3 4 7 9 2", "eight two four nine eight three four seven nine two"])
def test_a_product_code_said_in_a_call_is_redacted_as_the_accounts_own_entity(said: str) -> None:
    done = bleeper.redact_text(f"My product code is {said}, and my name is John Smith.", sub="entity_name",
                               custom_entities=[PRODUCT_CODE])
    assert done.text == "My product code is [PRODUCT_CODE], and my name is [PERSON_NAME]."
    assert [e.policy for e in done.entities] == ["custom:PRODUCT_CODE", "person_name"]


@pytest.mark.slow
def test_an_excluded_product_code_stays_readable_and_the_rest_is_redacted() -> None:
    done = bleeper.redact_text("My product code is 82498-34792, and my name is John Smith.", sub="entity_name",
                               custom_entities=[PRODUCT_CODE], exclude=["PRODUCT_CODE"])
    assert done.text == "My product code is 82498-34792, and my name is [PERSON_NAME]."


def test_a_catastrophic_custom_pattern_is_refused_before_anything_runs() -> None:
    with pytest.raises(InvalidRequest, match=r"custom_entities\[0\]\.pattern"):
        bleeper.redact_text("hello", custom_entities=[{"name": "BAD", "pattern": r"(a+)+$"}])
