"""AssemblyAI's official Python SDK, unchanged, against a running bleeper: only base_url and
api_key differ from AssemblyAI's own tutorial."""

from __future__ import annotations

import assemblyai as aai
import pytest
import requests
from fastapi.testclient import TestClient

pytestmark = [pytest.mark.integration, pytest.mark.slow]

POLICIES = [
    aai.PIIRedactionPolicy.person_name,
    aai.PIIRedactionPolicy.phone_number,
    aai.PIIRedactionPolicy.email_address,
    aai.PIIRedactionPolicy.credit_card_number,
    aai.PIIRedactionPolicy.credit_card_expiration,
]
SAMPLE_PII = ["Sarah", "Jennings", "610", "265", "1714", "4532", "0366"]


@pytest.fixture(scope="module")
def sdk(api):
    aai.settings.base_url = api.base
    aai.settings.api_key = api.key
    aai.settings.polling_interval = 0.3
    return aai


@pytest.fixture(scope="module")
def tutorial(sdk, sample_call, make_receiver):
    receiver = make_receiver([])
    config = sdk.TranscriptionConfig(
        redact_pii=True,
        redact_pii_audio=True,
        redact_pii_policies=POLICIES,
        redact_pii_sub=sdk.PIISubstitutionPolicy.hash,
        webhook_url=receiver.url,
        webhook_auth_header_name="X-Hook-Secret",
        webhook_auth_header_value="hunter2",
    )
    transcript = sdk.Transcriber(config=config).transcribe(str(sample_call))
    return transcript, receiver


def test_tutorial_flow_gives_a_redacted_transcript(tutorial):
    transcript, _ = tutorial
    assert transcript.status == aai.TranscriptStatus.completed, transcript.error
    assert transcript.error is None
    for value in SAMPLE_PII:
        assert value not in transcript.text
        assert all(value not in w.text for w in transcript.words)
    assert "###-###-####" in transcript.text
    assert transcript.words[0].start >= 0 and transcript.words[-1].end > 40_000
    assert transcript.audio_duration == 52
    found = {e.entity_type.value for e in transcript.entities}
    assert {"person_name", "phone_number", "credit_card_number"} <= found
    assert all(set(e.text) <= set("#-., ") for e in transcript.entities)  # replacements, never values


def test_redacted_audio_url_from_the_sdk_downloads_audio(tutorial):
    transcript, _ = tutorial
    url = transcript.get_redacted_audio_url()
    r = requests.get(url, timeout=30)
    assert r.status_code == 200 and r.content[:3] in (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2")


def test_both_webhooks_arrive_in_order_with_the_auth_header(tutorial):
    transcript, receiver = tutorial
    calls = receiver.wait_for(2)
    assert [c["body"]["status"] for c in calls] == ["redacted_audio_ready", "completed"]
    assert all(c["headers"].get("X-Hook-Secret") == "hunter2" for c in calls)
    assert all(c["body"]["transcript_id"] == transcript.id for c in calls)


def test_sentences_paragraphs_and_subtitles_are_redacted(tutorial):
    transcript, _ = tutorial
    sentences = transcript.get_sentences()
    paragraphs = transcript.get_paragraphs()
    srt = transcript.export_subtitles_srt(chars_per_caption=32)
    vtt = transcript.export_subtitles_vtt()
    assert len(sentences) >= 10 and paragraphs
    assert srt.startswith("1\n00:00:") and vtt.startswith("WEBVTT")
    for text in [*(s.text for s in sentences), *(p.text for p in paragraphs), srt, vtt]:
        assert not any(value in text for value in SAMPLE_PII)
    assert all(len(line) <= 32 for line in srt.splitlines() if line and "-->" not in line and not line.isdigit())
    assert transcript.word_search(["Jennings"]) == []


def test_get_by_id_list_and_delete(tutorial, sdk, short_call):
    transcript, _ = tutorial
    again = sdk.Transcript.get_by_id(transcript.id)
    assert again.text == transcript.text
    listed = sdk.Transcriber().list_transcripts(sdk.ListTranscriptParameters(limit=50))
    assert transcript.id in {t.id for t in listed.transcripts}

    other = sdk.Transcriber().transcribe(str(short_call))
    deleted = sdk.Transcript.delete_by_id(other.id)
    assert deleted.text == "Deleted by user."
    assert sdk.Transcript.get_by_id(other.id).words is None


def test_transcribe_group_and_async(sdk, short_call, file_server):
    import shutil

    base, root = file_server
    shutil.copy(short_call, root / "group.mp3")
    config = sdk.TranscriptionConfig(redact_pii=True, redact_pii_policies=[aai.PIIRedactionPolicy.person_name],
                                     redact_pii_sub=aai.PIISubstitutionPolicy.entity_name)
    group = sdk.Transcriber(config=config).transcribe_group([f"{base}/group.mp3", str(short_call)])
    assert [t.status for t in group] == [aai.TranscriptStatus.completed] * 2
    assert all("[PERSON_NAME]" in t.text for t in group)
    future = sdk.Transcriber(config=config).transcribe_async(f"{base}/group.mp3")
    assert future.result(timeout=120).status == aai.TranscriptStatus.completed


def test_a_feature_bleeper_lacks_is_refused_by_name(sdk):
    config = sdk.TranscriptionConfig(summarization=True)
    with pytest.raises(aai.types.TranscriptError) as caught:
        sdk.Transcriber(config=config).submit("https://example.com/call.mp3")
    assert "summarization" in str(caught.value)


def test_another_key_gets_404_for_my_transcript(tutorial, stack):
    from bleeper.state.keys import make_keys

    transcript, _ = tutorial
    _, other_key = make_keys(stack.settings).create("someone else")
    other = aai.Client(settings=aai.settings.model_copy(), api_key=other_key)
    with pytest.raises(aai.types.TranscriptError) as caught:
        aai.Transcript(transcript.id, client=other).wait_for_completion()
    assert caught.value.status_code == 404
    assert transcript.id not in {t.id for t in aai.Transcriber(client=other).list_transcripts().transcripts}


def test_revoked_keys_are_refused(api, stack):
    from bleeper.state.keys import make_keys

    keys = make_keys(stack.settings)
    record, key = keys.create("temp")
    assert requests.get(f"{api.base}/v2/transcript", headers={"Authorization": key}, timeout=10).status_code == 200
    keys.revoke(record.id)
    assert requests.get(f"{api.base}/v2/transcript", headers={"Authorization": key}, timeout=10).status_code == 401


@pytest.mark.parametrize(
    ("body", "names"),
    [
        (b"{not json", "JSON"),
        (b'{"audio_url": 12}', "audio_url"),
        (b'{"audio_url": "https://example.com/a.mp3", "redact_pii": "sometimes"}', "redact_pii"),
        (b'{"audio_url": "https://example.com/a.mp3", "redact_pii_policies": ["shoe_size"]}', "redact_pii_policies[0]"),
        (b'{"audio_url": "https://example.com/a.mp3", "speaker_labels": true}', "speaker_labels"),
        (b'{"audio_url": "https://example.com/a.mp3", "colour": "blue"}', "colour"),
    ],
)
def test_invalid_requests_get_an_assemblyai_style_400(api, body, names):
    r = requests.post(f"{api.base}/v2/transcript", data=body, timeout=10,
                      headers={**api.headers, "Content-Type": "application/json"})
    assert r.status_code == 400
    assert names in r.json()["error"]


def test_fields_the_sdk_sends_as_null_or_false_are_accepted(api, short_call):
    body = {"audio_url": api.upload(short_call), "speaker_labels": False, "summarization": None,
            "punctuate": True, "format_text": True, "language_code": "en_us", "speech_model": "best"}
    r = api.submit(**body)
    assert r.status_code == 200, r.text
    done = api.wait(r.json()["id"])
    assert done["status"] == "completed" and done["language_code"] == "en"


def test_an_oversize_upload_is_413(api):
    r = requests.post(f"{api.base}/v2/upload", data=b"\0" * (5 * 1024 * 1024), headers=api.headers, timeout=30)
    assert r.status_code == 413 and "BLEEPER_MAX_FILE_BYTES" in r.json()["error"]


def test_unreachable_audio_url_ends_in_error(api):
    job = api.wait(api.submit(audio_url="http://audio.invalid/call.mp3").json()["id"])
    assert job["status"] == "error" and "audio_url" in job["error"]


def test_private_audio_url_is_refused_unless_allowed(stack):
    from bleeper.api.app import create_app

    strict = stack.settings.model_copy(update={"allow_private_urls": False})
    client = TestClient(create_app(strict))
    key = next(iter(strict.api_keys()))
    for url in ("http://127.0.0.1:8080/a.mp3", "http://169.254.169.254/latest", "http://10.1.2.3/a.mp3"):
        r = client.post("/v2/transcript", json={"audio_url": url}, headers={"Authorization": key})
        assert r.status_code == 400 and "BLEEPER_ALLOW_PRIVATE_URLS" in r.json()["error"]
    r = client.post("/v2/transcript", json={"audio_url": "https://example.com/a.mp3",
                                            "webhook_url": "http://192.168.0.10/hook"}, headers={"Authorization": key})
    assert r.status_code == 400 and "webhook_url" in r.json()["error"]
