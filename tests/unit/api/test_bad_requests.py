"""Bad requests get a 4xx `{"error": …}` that names the field and never shows the submitted value;
nothing is accepted by mistake (issue 11)."""

from __future__ import annotations

import json

import assemblyai as aai
import pytest
from assemblyai import types as aai_types

from bleeper.api.limits import MAX_JSON_BYTES
from bleeper.api.schemas import TranscriptCreate
from bleeper.models import JobOptions
from tests.unit.api.conftest import KEY, make_settings
from workers.pipeline import validate

SECRET = "Sarah-Jennings-610-265-1714"  # stands for PII: must never come back in an error
URL = "https://93.184.215.14/call.mp3"  # public and literal: submit-time checks resolve no name


def _upload_url(settings) -> str:
    return f"{settings.api_url}/v2/uploads/{'0' * 32}"


def _refused(client, body, status: int = 400, path: str = "/v2/transcript", method: str = "POST", **kw) -> str:
    r = client.request(method, path, json=body, **kw) if body is not None else client.request(method, path, **kw)
    assert r.status_code == status, r.text
    assert set(r.json()) == {"error"}, r.text
    assert SECRET not in r.text
    return r.json()["error"]


# 1. the custom webhook header ------------------------------------------------------------------

@pytest.mark.parametrize("name, value, field", [
    (f"X-Auth\r\nX-{SECRET}: 1", "v", "webhook_auth_header_name"),
    ("X-Auth\n", "v", "webhook_auth_header_name"),
    ("Host", "v", "webhook_auth_header_name"),
    ("transfer-encoding", "chunked", "webhook_auth_header_name"),
    ("X-Bleeper-Signature", "v1=00", "webhook_auth_header_name"),
    ("Proxy-Authorization", "v", "webhook_auth_header_name"),
    ("X-Api-Key", f"{SECRET}\r\nX-Injected: 1", "webhook_auth_header_value"),
    ("X-Api-Key", f"{SECRET}\x00", "webhook_auth_header_value"),
    ("X-Api-Key", "v" * 4097, "webhook_auth_header_value"),
    ("A" * 257, "v", "webhook_auth_header_name"),
])
def test_a_webhook_header_that_would_change_the_request_is_refused_at_submit(client, name, value, field):
    body = {"audio_url": URL, "webhook_auth_header_name": name, "webhook_auth_header_value": value}
    assert _refused(client, body).startswith(f"{field}: ")


def test_python_submissions_get_the_same_header_check(settings):
    options = JobOptions(audio_url=_upload_url(settings), webhook_auth_header_name="X-A\r\nB",
                         webhook_auth_header_value="v")
    with pytest.raises(Exception, match="^webhook_auth_header_name: "):
        validate(options, settings)


# 2. language_code --------------------------------------------------------------------------------

def test_an_unknown_language_code_is_refused_with_the_valid_ones(client):
    error = _refused(client, {"audio_url": URL, "language_code": "xx"})
    assert error.startswith("language_code: unknown language; valid codes are af, am, ")
    assert "en_us" in error and "yue" in error and "xx" not in error.split(";")[0]


@pytest.mark.parametrize("code", ["", "english", "en_gb_x", "EN US"])
def test_other_malformed_language_codes_are_refused(client, code):
    assert _refused(client, {"audio_url": URL, "language_code": code}).startswith("language_code: unknown language")


def test_a_language_the_model_cannot_do_is_refused_saying_why(redis_url):
    from fastapi.testclient import TestClient

    from bleeper.api.app import create_app

    english = TestClient(create_app(make_settings(redis_url, whisper_model="tiny.en")), headers={"Authorization": KEY})
    assert "transcribes English only" in _refused(english, {"audio_url": URL, "language_code": "fr"})
    base = TestClient(create_app(make_settings(redis_url, whisper_model="base")), headers={"Authorization": KEY})
    assert "does not have this language" in _refused(base, {"audio_url": URL, "language_code": "yue"})


@pytest.mark.parametrize("model, code, whisper", [
    ("base", "fr", "fr"), ("base", "en_us", "en"), ("base", "EN-au", "en"), ("base", "de_ch", "de"),
    ("tiny.en", "en_uk", "en"), ("tiny.en", "en", "en"), ("/models/small.en", "en", "en"), ("/models/large-v3", "yue", "yue"),
])
def test_whisper_and_assemblyai_codes_are_taken_and_mapped_to_whisper(redis_url, model, code, whisper):
    settings = make_settings(redis_url, whisper_model=model)
    options = TranscriptCreate(audio_url=_upload_url(settings), language_code=code).to_options(settings)
    validate(options, settings)
    assert options.language_code == whisper


# 3. redacting nothing, silently ----------------------------------------------------------------

@pytest.mark.parametrize("body, field", [
    ({"redact_pii_policies": []}, "redact_pii_policies: the list is empty"),
    ({"redact_pii_policies": ["person_name"], "redact_pii_exclude": ["person_name"]}, "redact_pii_exclude: it excludes every"),
    ({"redact_pii_policies": ["location_city"], "redact_pii_exclude": ["location"]}, "redact_pii_exclude: it excludes every"),
    ({"redact_pii_exclude": []}, None),  # excluding nothing is fine
])
def test_a_job_that_would_redact_nothing_is_refused(settings, client, body, field):
    if field is None:
        validate(TranscriptCreate(audio_url=_upload_url(settings), **body).to_options(settings), settings)
        return
    assert _refused(client, {"audio_url": URL, **body}).startswith(field)
    assert _refused(client, {"audio_url": URL, "redact_pii": True, **body}).startswith(field)


def test_without_redaction_an_empty_policy_list_is_harmless(settings):
    options = TranscriptCreate(audio_url=_upload_url(settings), redact_pii=False,
                               redact_pii_policies=[]).to_options(settings)
    validate(options, settings)


def test_account_settings_that_would_redact_nothing_are_refused(client):
    url = "/v2/settings/redaction"
    assert _refused(client, {"redact_pii_policies": []}, method="PATCH", path=url).startswith("redact_pii_policies:")
    assert client.patch(url, json={"redact_pii_policies": ["person_name"]}).status_code == 200
    assert _refused(client, {"redact_pii_exclude": ["person_name"]}, method="PATCH", path=url).startswith(
        "redact_pii_exclude: it excludes every")
    assert client.get(url).json() == {"redact_pii_policies": ["person_name"]}


# 4. strict types ---------------------------------------------------------------------------------

@pytest.mark.parametrize("field, value, error", [
    ("redact_pii", "yes", "redact_pii: expected a boolean"),
    ("redact_pii", 1, "redact_pii: expected a boolean"),
    ("redact_pii_audio", "true", "redact_pii_audio: expected a boolean"),
    ("keep_unredacted", 0, "keep_unredacted: expected a boolean"),
    ("audio_url", 12, "audio_url: expected a string"),
    ("webhook_url", ["https://93.184.215.14/h"], "webhook_url: expected a string"),
    ("redact_pii_policies", "person_name", "redact_pii_policies: expected a list"),
    ("redact_pii_policies", [1], "redact_pii_policies[0]: expected a string"),
    ("redact_pii_custom", ["x"], "redact_pii_custom: expected an object"),
    ("redact_pii_custom", {"person_name": 5}, "redact_pii_custom.person_name: expected a string"),
    ("redact_pii_custom", {SECRET: 5}, "redact_pii_custom[a key]: expected a string"),
    ("redact_pii_audio_options", {"return_redacted_no_speech_audio": "yes"},
     "redact_pii_audio_options.return_redacted_no_speech_audio: expected a boolean"),
    ("redact_pii_audio_options", {SECRET: True}, "redact_pii_audio_options[a key]: unknown field"),
    ("redact_pii_sub", SECRET, "redact_pii_sub: Input should be 'hash'"),
    ("language_code", 5, "language_code: expected a string"),
])
def test_a_wrong_type_is_a_400_that_names_the_field(client, field, value, error):
    body = {"audio_url": "https://93.184.215.14/a.mp3", field: value} if field != "audio_url" else {field: value}
    assert _refused(client, body).startswith(error)


@pytest.mark.parametrize("field, value, error", [
    ("verify", "yes", "verify: expected a boolean"),
    ("redact_pii_policies", [True], "redact_pii_policies[0]: expected a string"),
    ("webhook_url", "https://93.184.215.14/h", "webhook_url: unknown field"),
])
def test_account_settings_take_strict_types_and_no_other_fields(client, field, value, error):
    assert _refused(client, {field: value}, method="PATCH", path="/v2/settings/redaction").startswith(error)


def test_what_the_assemblyai_sdk_sends_still_validates(settings):
    config = aai.TranscriptionConfig(
        redact_pii=True, redact_pii_audio=True, redact_pii_policies=[aai.PIIRedactionPolicy.person_name],
        redact_pii_sub=aai.PIISubstitutionPolicy.hash, webhook_url="https://93.184.215.14/hook",
        webhook_auth_header_name="X-Hook-Secret", webhook_auth_header_value="hunter2", language_code="en_us",
        speech_model=aai.SpeechModel.best, redact_pii_audio_quality="wav", speaker_labels=False, punctuate=True,
        redact_pii_audio_options=aai.RedactPiiAudioOptions(override_audio_redaction_method="silence"),
    )
    request = aai_types.TranscriptRequest(audio_url=_upload_url(settings), **config.raw.model_dump(exclude_none=True))
    sent = json.loads(json.dumps(request.model_dump(exclude_none=True, by_alias=True)))  # what goes on the wire
    options = TranscriptCreate.model_validate(sent).to_options(settings)
    validate(options, settings)
    assert options.redact_pii_audio_options.override_audio_redaction_method == "silence"
    assert (options.language_code, options.redact_pii_audio_quality) == ("en", "wav")


# 5. limits ---------------------------------------------------------------------------------------

def test_a_json_body_over_the_limit_is_413_also_when_chunked(client):
    big = json.dumps({"audio_url": URL, "redact_pii_custom": {"default": "x" * MAX_JSON_BYTES}}).encode()
    assert "limit" in _refused(client, None, status=413, content=big, headers={"Content-Type": "application/json"})

    def chunks():  # no Content-Length: the body arrives in pieces
        for i in range(0, len(big), 4096):
            yield big[i:i + 4096]

    assert "limit" in _refused(client, None, status=413, content=chunks(),
                               headers={"Content-Type": "application/json"})
    assert "limit" in _refused(client, None, status=413, method="PATCH", path="/v2/settings/redaction",
                               content=big, headers={"Content-Type": "application/json"})


def test_a_body_under_the_limit_reaches_validation(client):
    body = {"audio_url": "ftp://example.com/a.mp3", "redact_pii_custom": {"default": "x" * 200}}
    assert len(json.dumps(body)) < MAX_JSON_BYTES
    assert _refused(client, body).startswith("audio_url")


@pytest.mark.parametrize("field, value, error", [
    ("audio_url", "https://93.184.215.14/" + "a" * 4096, "audio_url: String should have at most 4096 characters"),
    ("webhook_url", "https://93.184.215.14/" + "a" * 4096, "webhook_url: String should have at most 4096"),
    ("redact_pii_custom", {"default": "x" * 257}, "redact_pii_custom.default: String should have at most 256"),
    ("redact_pii_custom", {f"k{i}": "x" for i in range(200)}, "redact_pii_custom: Dictionary should have at most"),
    ("redact_pii_policies", ["person_name"] * 66, "redact_pii_policies: List should have at most 65"),
    ("redact_pii_exclude", ["person_name"] * 166, "redact_pii_exclude: List should have at most 165"),
    ("redact_pii_policies", ["p" * 65], "redact_pii_policies[0]: String should have at most 64"),
    ("language_code", "e" * 65, "language_code: String should have at most 64"),
    ("speech_model", "m" * 65, "speech_model: String should have at most 64"),
])
def test_every_string_and_list_is_bounded(client, field, value, error):
    body = {"audio_url": URL, field: value} if field != "audio_url" else {field: value}
    assert _refused(client, body).startswith(error)


def test_an_unknown_policy_is_named_by_position_not_by_value(client):
    error = _refused(client, {"audio_url": URL, "redact_pii_policies": ["person_name", SECRET]})
    assert error.startswith("redact_pii_policies[1]: unknown policy; valid policies are ")
    error = _refused(client, {"audio_url": URL, "redact_pii_custom": {SECRET: "x"}})
    assert error.startswith("redact_pii_custom: a key is not a policy name")


def test_an_unknown_field_is_named_only_when_it_looks_like_a_field_name(client):
    assert _refused(client, {"audio_url": URL, "colour": "blue"}) == "colour: unknown field"
    assert "Sarah" not in _refused(client, {"audio_url": URL, SECRET: 1})


# 6. one error shape ------------------------------------------------------------------------------

@pytest.mark.parametrize("content", [
    b"{not json", b'{"audio_url": "\xff\xfe"}', b"[" * 60_000, b'{"audio_url": "' + SECRET.encode() + b'"',
])
def test_a_body_that_is_not_json_is_a_400_saying_so(client, content):
    error = _refused(client, None, content=content, headers={"Content-Type": "application/json"})
    assert error == "body: not valid JSON (send one JSON object, UTF-8 encoded)"


@pytest.mark.parametrize("content", [b"[1]", b'"x"', b"null", b"3", b""])
def test_a_body_that_is_json_but_not_an_object_is_a_400_saying_so(client, content):
    assert _refused(client, None, content=content, headers={"Content-Type": "application/json"}) == \
        "body: expected a JSON object"


@pytest.mark.parametrize("method, path, status", [
    ("GET", "/nope", 404), ("GET", "/v2/nope", 404), ("GET", f"/v2/{SECRET}", 404), ("POST", "/v3/transcript", 404),
    ("PUT", "/v2/transcript", 405), ("PATCH", "/v2/transcript/" + "0" * 32, 405), ("GET", "/v2/upload", 405),
    ("DELETE", "/v2/settings/redaction", 405), ("POST", "/metrics", 405), ("POST", "/health", 405),
    ("POST", "/docs", 405), ("DELETE", "/openapi.json", 405),
    ("GET", f"/v2/transcript/{SECRET}", 404), ("GET", "/v2/transcript/" + "0" * 32 + "/nope", 404),
    ("GET", "/v2/transcript?limit=lots", 400), ("GET", "/v2/transcript?limit=0", 400),
    ("GET", "/v2/transcript/" + "0" * 32 + "/srt?chars_per_caption=x", 400),
])
def test_every_route_family_answers_errors_as_error_objects(client, method, path, status):
    error = _refused(client, None, status=status, method=method, path=path)
    if status == 405:
        assert error.startswith("method not allowed")


def test_a_405_says_which_methods_the_endpoint_answers(client):
    r = client.put("/v2/settings/redaction")
    assert r.status_code == 405 and "GET" in r.headers["allow"] and "GET" in r.json()["error"]


def test_a_missing_key_is_still_401_and_the_docs_still_serve(settings):
    from fastapi.testclient import TestClient

    from bleeper.api.app import create_app

    anonymous = TestClient(create_app(settings))
    assert _refused(anonymous, {"audio_url": URL}, status=401) == "missing API key: send it in the Authorization header"
    assert anonymous.get("/docs").status_code == 200 and anonymous.get("/openapi.json").status_code == 200
    assert anonymous.get("/health").json() == {"status": "ok"}


def test_a_good_request_from_the_sdk_is_still_accepted_over_http(client, settings, redis_url):
    import redis

    body = {"audio_url": "https://93.184.215.14/call.mp3", "redact_pii": True, "redact_pii_policies": ["person_name"],
            "redact_pii_sub": "hash", "language_code": "en_us", "speech_model": "best", "punctuate": True,
            "webhook_url": "https://93.184.215.14/hook", "webhook_auth_header_name": "X-Hook-Secret",
            "webhook_auth_header_value": "hunter2", "speaker_labels": False, "summarization": None,
            "redact_pii_audio_options": {"override_audio_redaction_method": "silence"}}
    r = client.post("/v2/transcript", json=body)
    assert r.status_code == 200, r.text
    assert r.json()["language_code"] == "en" and r.json()["status"] == "queued"
    from bleeper.queues import STAGE_QUEUES

    # on this test's own broker: the first stage's queue (and its priority lists)
    queued = redis.Redis.from_url(redis_url).keys(STAGE_QUEUES["fetch"] + "*")
    assert queued and sum(redis.Redis.from_url(redis_url).llen(k) for k in queued) == 1
