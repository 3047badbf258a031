"""A product code, the account's own entity type, said in a call: redacted in the text and beeped
in the audio on the real stack, with AssemblyAI's official SDK (the account's definitions set once
in /v2/settings/redaction) and with plain requests (per request, and excluded)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import assemblyai as aai
import numpy as np
import pytest
import requests

from bleeper.media import ffmpeg_exe
from tests.integration.test_pipeline import _decode, _dominant_hz

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SAID = "Hello, thanks for calling support. My product code is 8 2 4 9 8, 3 4 7 9 2. I need a replacement, please."
CODE = {"name": "PRODUCT_CODE", "pattern": r"\d{5}-\d{5}"}


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


@pytest.fixture(scope="module")
def product_call(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The call in a natural voice (hibari's `heart`, offline), 16 kHz mono."""
    from hibari import Hibari

    home = tmp_path_factory.mktemp("custom")
    raw, out = home / "raw.wav", home / "product_call.wav"
    Hibari(threads=1).save(SAID, str(raw), seed=7)
    subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-i", str(raw), "-ac", "1", "-ar", "16000", str(out)],
                   check=True)
    return out


@pytest.fixture
def account_definitions(api):
    url = f"{api.base}/v2/settings/redaction"
    r = requests.patch(url, json={"redact_pii_custom_entities": [CODE]}, headers=api.headers, timeout=30)
    assert r.status_code == 200, r.text
    yield
    requests.patch(url, json={"redact_pii_custom_entities": []}, headers=api.headers, timeout=30)


def test_the_sdk_redacts_and_beeps_the_accounts_product_code(api, account_definitions, product_call, tmp_path):
    aai.settings.base_url, aai.settings.api_key, aai.settings.polling_interval = api.base, api.key, 0.3
    config = aai.TranscriptionConfig(redact_pii=True, redact_pii_audio=True, redact_pii_audio_quality="wav",
                                     redact_pii_policies=[aai.PIIRedactionPolicy.person_name],
                                     redact_pii_sub=aai.PIISubstitutionPolicy.entity_name)
    transcript = aai.Transcriber(config=config).transcribe(str(product_call))
    assert transcript.status == aai.TranscriptStatus.completed, transcript.error
    assert "[PRODUCT_CODE]" in transcript.text
    assert "8249834792" not in _digits(transcript.text) and "34792" not in _digits(transcript.text)

    job = api.get(transcript.id).json()  # the SDK keeps only AssemblyAI's fields
    [code] = job["custom_entities"]
    assert code["entity_type"] == "PRODUCT_CODE" and code["text"] == "[PRODUCT_CODE]"
    assert job["redact_pii_custom_entities"] == ["PRODUCT_CODE"]

    redacted, rate = _decode(requests.get(transcript.get_redacted_audio_url(), timeout=30).content, ".wav", tmp_path)
    original, _ = _decode(product_call.read_bytes(), ".wav", tmp_path)
    a, b = code["start"] * rate // 1000, code["end"] * rate // 1000
    assert _dominant_hz(redacted[a:b], rate) == pytest.approx(1000, abs=15)
    assert _dominant_hz(original[a:b], rate) != pytest.approx(1000, abs=15)
    head = slice(int(0.2 * rate), int(1.0 * rate))  # "Hello, thanks…": untouched
    assert np.corrcoef(redacted[head], original[head])[0, 1] > 0.9


def test_a_requests_own_product_code_is_redacted_and_can_be_excluded(api, product_call):
    audio = api.upload(product_call)
    redacted = api.submit(audio_url=audio, redact_pii_sub="entity_name", redact_pii_custom_entities=[CODE])
    shown = api.submit(audio_url=audio, redact_pii_sub="entity_name", redact_pii_custom_entities=[CODE],
                       redact_pii_exclude=["PRODUCT_CODE"])
    assert redacted.status_code == 200 and shown.status_code == 200, (redacted.text, shown.text)
    redacted, shown = api.wait(redacted.json()["id"]), api.wait(shown.json()["id"])
    assert redacted["status"] == shown["status"] == "completed", (redacted["error"], shown["error"])
    assert "[PRODUCT_CODE]" in redacted["text"] and "34792" not in _digits(redacted["text"])
    assert "[PRODUCT_CODE]" not in shown["text"] and "8249834792" in _digits(shown["text"])
    assert shown["custom_entities"] == []


def test_a_catastrophic_pattern_is_refused_before_the_job_exists(api):
    r = api.submit(audio_url="https://93.184.215.14/call.mp3",
                   redact_pii_custom_entities=[{"name": "BAD", "pattern": r"(\w+\s?)*$"}])
    assert r.status_code == 400 and r.json()["error"].startswith("redact_pii_custom_entities[0].pattern")
