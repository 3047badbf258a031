"""One real job at a time through the real stack: Redis, SeaweedFS, a Celery worker, Whisper, spaCy, ffmpeg."""

from __future__ import annotations

import io
import re
import shutil
import wave
from pathlib import Path

import numpy as np
import pytest
import requests

from bleeper.media import ffmpeg_exe

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SAMPLE_PII = ["Sarah", "Jennings", "610", "265", "1714", "4532", "0151", "1283", "0366"]


def _decode(data: bytes, suffix: str, tmp: Path) -> tuple[np.ndarray, int]:
    """Decode audio bytes to mono float samples with ffmpeg (16 kHz)."""
    import subprocess

    src = tmp / f"in{suffix}"
    src.write_bytes(data)
    out = subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-i", str(src), "-ac", "1", "-ar", "16000", "-f", "wav",
                          "-"], check=True, capture_output=True).stdout
    with wave.open(io.BytesIO(out)) as w:
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float32) / 32768
    return pcm, 16000


def _dominant_hz(samples: np.ndarray, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.fft.rfftfreq(len(samples), 1 / rate)[int(np.argmax(spectrum))])


@pytest.fixture(scope="module")
def sample_job(api, sample_call, make_receiver):
    receiver = make_receiver([])
    upload_url = api.upload(sample_call)
    r = api.submit(audio_url=upload_url, redact_pii=True, redact_pii_audio=True, redact_pii_sub="hash",
                   webhook_url=receiver.url, webhook_auth_header_name="X-Test-Auth",
                   webhook_auth_header_value="s3cret")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "queued"
    job = api.wait(r.json()["id"])
    return job, receiver


def test_sample_call_names_and_numbers_come_out_hashed(sample_job):
    job, _ = sample_job
    assert job["status"] == "completed", job["error"]
    text = job["text"]
    for value in SAMPLE_PII:
        assert value not in text, f"{value!r} visible in the redacted text"
        assert all(value not in w["text"] for w in job["words"])
    assert "###-###-####" in text  # the phone number Whisper wrote as 610-265-1714
    policies = {e["entity_type"] for e in job["entities"]}
    assert {"person_name", "phone_number", "credit_card_number"} <= policies
    assert job["audio_duration"] == 52  # whole seconds, as AssemblyAI
    assert "webhook_auth_header_value" not in job


def test_redacted_audio_keeps_length_and_beeps_where_pii_was_spoken(sample_job, api, sample_call, tmp_path):
    job, _ = sample_job
    r = api.get(job["id"], "/redacted-audio")
    assert r.status_code == 200
    assert r.json()["status"] == "redacted_audio_ready"
    url = r.json()["redacted_audio_url"]
    assert "X-Amz-Algorithm=AWS4-HMAC-SHA256" in url and "X-Amz-Expires=1800" in url
    redacted, rate = _decode(requests.get(url, timeout=30).content, ".mp3", tmp_path)
    original, _ = _decode(sample_call.read_bytes(), ".mp3", tmp_path)
    assert abs(len(redacted) - len(original)) / rate < 0.1

    phone = next(e for e in job["entities"] if e["entity_type"] == "phone_number")
    a, b = phone["start"] * rate // 1000, phone["end"] * rate // 1000
    assert _dominant_hz(redacted[a:b], rate) == pytest.approx(1000, abs=15)
    assert _dominant_hz(original[a:b], rate) != pytest.approx(1000, abs=15)
    # the agent's first words (before any PII) are untouched
    head = slice(int(0.5 * rate), int(1.5 * rate))
    assert np.corrcoef(redacted[head], original[head])[0, 1] > 0.9


def test_presigned_url_is_enforced_by_s3(sample_job, api):
    job, _ = sample_job
    url = api.get(job["id"], "/redacted-audio").json()["redacted_audio_url"]
    tampered = re.sub(r"X-Amz-Signature=([0-9a-f])", lambda m: "X-Amz-Signature=" + ("0" if m[1] != "0" else "1"), url)
    assert requests.get(tampered, timeout=10).status_code == 403
    assert requests.get(url.split("?")[0], timeout=10).status_code == 403


def test_webhooks_arrive_in_order_with_the_custom_header(sample_job):
    job, receiver = sample_job
    calls = receiver.wait_for(2)
    assert [c["body"]["status"] for c in calls] == ["redacted_audio_ready", "completed"]
    assert all(c["headers"].get("X-Test-Auth") == "s3cret" for c in calls)
    assert calls[0]["body"]["transcript_id"] == job["id"]
    assert calls[0]["body"]["redacted_audio_url"].startswith("http")
    assert calls[1]["body"] == {"transcript_id": job["id"], "status": "completed"}


def test_webhook_5xx_is_retried_and_4xx_is_final(api, short_call, make_receiver):
    flaky = make_receiver([503, 500])
    job = api.wait(api.submit(audio_url=api.upload(short_call), webhook_url=flaky.url).json()["id"])
    assert job["status"] == "completed"
    calls = flaky.wait_for(3)
    assert [c["code"] for c in calls] == [503, 500, 200]
    assert api.get(job["id"]).json()["webhook_status_code"] == 200

    refusing = make_receiver([410, 410, 410])
    job = api.wait(api.submit(audio_url=api.upload(short_call), webhook_url=refusing.url).json()["id"])
    refusing.wait_for(1)
    import time

    time.sleep(2)  # a retry would have arrived by now (backoff 0.2 s in tests)
    assert len(refusing.calls) == 1
    assert api.get(job["id"]).json()["webhook_status_code"] == 410


def test_a_file_that_is_not_audio_ends_in_error_and_the_worker_keeps_going(api, short_call, receiver, tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("this is not a recording\n" * 50)
    r = api.submit(audio_url=api.upload(junk), webhook_url=receiver.url)
    job = api.wait(r.json()["id"])
    assert job["status"] == "error"
    assert "not audio or video" in job["error"] or "no audio stream" in job["error"]
    assert receiver.wait_for(1)[0]["body"] == {"transcript_id": job["id"], "status": "error"}

    after = api.wait(api.submit(audio_url=api.upload(short_call)).json()["id"])
    assert after["status"] == "completed"


def test_job_from_a_url_and_from_python(api, short_call, file_server):
    from bleeper.state.jobs import owner_of
    from bleeper.models import JobOptions
    from workers import submit

    base, root = file_server
    shutil.copy(short_call, root / "call.mp3")
    job = submit(JobOptions(audio_url=f"{base}/call.mp3", redact_pii_sub="entity_name"), owner_of(api.key))
    done = api.wait(job.id)
    assert done["status"] == "completed"
    assert "[PERSON_NAME]" in done["text"] and "Jennings" not in done["text"]

    missing = api.wait(api.submit(audio_url=f"{base}/nope.mp3").json()["id"])
    assert missing["status"] == "error" and "404" in missing["error"]


@pytest.mark.parametrize(
    ("body", "status", "names"),
    [
        ({"audio_url": "ftp://example.com/a.mp3"}, 400, "http or https"),
        ({"audio_url": "https://example.com/a.mp3", "redact_pii_policies": ["person_name", "shoe_size"]}, 400,
         "redact_pii_policies[1]"),
        ({"audio_url": "https://example.com/a.mp3", "redact_pii_sub": "stars"}, 400, "redact_pii_sub"),
        ({"redact_pii": True}, 400, "audio_url"),
        ({"audio_url": "https://example.com/a.mp3", "redact_pii": False, "redact_pii_audio": True}, 400,
         "redact_pii"),
    ],
)
def test_bad_requests_get_a_400_that_names_the_field(api, body, status, names):
    r = api.submit(**body)
    assert r.status_code == status
    assert names in r.json()["error"]


def test_api_key_is_required_and_unknown_ids_are_404(api):
    assert requests.get(f"{api.base}/v2/transcript/abc", timeout=10).status_code == 401
    assert requests.get(f"{api.base}/v2/transcript/abc", headers={"Authorization": "wrong"}, timeout=10).status_code == 401
    assert api.get("0" * 32).status_code == 404


def test_flower_requires_its_password_and_sees_the_stages(stack, sample_job):
    base = f"http://127.0.0.1:{stack.settings.flower_port}"
    assert requests.get(f"{base}/api/workers", timeout=10).status_code == 401
    user, password = stack.settings.flower_auth().split(":", 1)
    tasks = requests.get(f"{base}/api/tasks", auth=(user, password), timeout=10).json()
    names = {t["name"] for t in tasks.values()}
    assert {"bleeper.fetch", "bleeper.transcribe", "bleeper.detect", "bleeper.redact_audio"} <= names
    job_id = sample_job[0]["id"]
    for t in tasks.values():  # arguments are job ids only: no transcript text, no URLs
        # the job id, and for a piece of a transcription which piece: never any text
        assert re.fullmatch(r"\('[0-9a-f]{32}',\)|\('[0-9a-f]{32}', '(?:source|heard)', \d+\)|\[\]|\(\)",
                            t["args"] or "()"), t["args"]
    assert any(job_id in (t["args"] or "") for t in tasks.values())
