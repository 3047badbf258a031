"""S3 artifacts through boto3 against moto: round trips, missing keys, expiry, presigned links."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
from botocore.config import Config
from moto import mock_aws

from bleeper.config import Settings
from bleeper.errors import ArtifactMissing, PermanentError, StorageRefused
from bleeper.artifacts import job_key, upload_key
from bleeper.state.storage import Storage, make_storage

BUCKET = "bleeper"


@pytest.fixture
def s3(monkeypatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        yield boto3.client(
            "s3", region_name="us-east-1", config=Config(signature_version="s3v4", s3={"addressing_style": "path"})
        )


@pytest.fixture
def storage(s3):
    store = Storage(s3, BUCKET)
    store.ensure_bucket(86400)
    return store


def _lifecycle_days(s3) -> list[int]:
    rules = s3.get_bucket_lifecycle_configuration(Bucket=BUCKET)["Rules"]
    return [r["Expiration"]["Days"] for r in rules]


@pytest.mark.parametrize(
    "data", [b"", b"RIFF\x00\x01 not really a wav", bytes(range(256)) * 1000], ids=["empty", "small", "256kB"]
)
def test_bytes_come_back_as_stored(storage, data):
    storage.put_bytes(job_key("j1", "source"), data)
    assert storage.get_bytes(job_key("j1", "source")) == data


@pytest.mark.parametrize(
    "obj",
    [
        {"text": "Hi, my name is #####.", "words": [{"text": "#####", "start": 1200, "end": 1500}]},
        [{"policy": "person_name", "start": 15, "end": 20}],
        [],
    ],
)
def test_json_comes_back_as_stored(storage, obj):
    storage.put_json(job_key("j1", "redacted.json"), obj)
    assert storage.get_json(job_key("j1", "redacted.json")) == obj


def test_json_is_stored_as_application_json(storage, s3):
    storage.put_json(job_key("j1", "entities.json"), [])
    assert s3.head_object(Bucket=BUCKET, Key="jobs/j1/entities.json")["ContentType"] == "application/json"


def test_files_and_streams_round_trip(storage, tmp_path):
    src = tmp_path / "in.bin"
    src.write_bytes(b"\x00\x01" * 70_000)
    storage.put_file(upload_key("u1"), src, "audio/mpeg")
    storage.put_stream(job_key("j1", "source"), io.BytesIO(b"streamed"))
    out = tmp_path / "out.bin"
    storage.download(upload_key("u1"), out)
    assert out.read_bytes() == src.read_bytes()
    assert storage.get_bytes("jobs/j1/source") == b"streamed"


@pytest.mark.parametrize(
    "read",
    [
        lambda s, tmp: s.get_bytes("jobs/gone/transcript.json"),
        lambda s, tmp: s.get_json("jobs/gone/transcript.json"),
        lambda s, tmp: s.download("jobs/gone/source", tmp / "source"),
    ],
    ids=["get_bytes", "get_json", "download"],
)
def test_a_missing_artifact_raises_artifact_missing(storage, tmp_path, read):
    with pytest.raises(ArtifactMissing, match="missing") as caught:
        read(storage, tmp_path)
    assert caught.value.http_status == 404


def test_exists_says_whether_the_key_is_there(storage):
    storage.put_bytes(job_key("j1", "source"), b"x")
    assert storage.exists("jobs/j1/source")
    assert not storage.exists("jobs/j1/sourc")
    assert not storage.exists("jobs/j2/source")


def test_a_missing_bucket_is_a_configuration_error_not_a_missing_artifact(s3):
    # retrying cannot fix a wrong bucket name or credentials: the job fails at once and says why
    with pytest.raises(StorageRefused) as caught:
        Storage(s3, "no-such-bucket").get_bytes("jobs/j1/source")
    assert isinstance(caught.value, PermanentError)
    assert "BLEEPER_S3_" in caught.value.message


def test_delete_prefix_removes_only_that_prefix_and_counts(storage):
    for key in ["jobs/j1/source", "jobs/j1/transcript.json", "jobs/j1/redacted.json",
                "jobs/j10/source", "jobs/j2/source", "uploads/j1"]:  # fmt: skip
        storage.put_bytes(key, b"x")
    assert storage.delete_prefix("jobs/j1/") == 3
    assert not storage.exists("jobs/j1/source")
    assert all(storage.exists(k) for k in ["jobs/j10/source", "jobs/j2/source", "uploads/j1"])
    assert storage.delete_prefix("jobs/j1/") == 0


@pytest.mark.parametrize(
    "retention_s,days", [(1, 1), (3600, 1), (86400, 1), (86401, 2), (2 * 86400, 2), (7 * 86400 + 1, 8)]
)
def test_the_bucket_expires_objects_after_retention_rounded_up_to_whole_days(s3, retention_s, days):
    Storage(s3, BUCKET).ensure_bucket(retention_s)
    assert _lifecycle_days(s3) == [days]


def test_ensure_bucket_can_run_again_and_replaces_the_rule(s3):
    store = Storage(s3, BUCKET)
    store.ensure_bucket(86400)
    store.put_bytes("jobs/j1/source", b"kept")
    store.ensure_bucket(86400)
    assert _lifecycle_days(s3) == [1]
    store.ensure_bucket(3 * 86400)
    assert _lifecycle_days(s3) == [3]
    assert store.get_bytes("jobs/j1/source") == b"kept"


def _assert_sigv4(url: str, ttl: int) -> dict[str, list[str]]:
    query = parse_qs(urlsplit(url).query)
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
    assert query["X-Amz-Expires"] == [str(ttl)]
    assert "X-Amz-Signature" in query
    assert "Signature" not in query and "AWSAccessKeyId" not in query  # not SigV2
    return query


def test_presign_get_gives_a_path_style_sigv4_link(storage):
    url = storage.presign_get(job_key("j1", "redacted_audio.mp3"), 1800)
    _assert_sigv4(url, 1800)
    assert urlsplit(url).path == "/bleeper/jobs/j1/redacted_audio.mp3"


def test_the_configured_client_presigns_path_style_sigv4_against_the_endpoint(tmp_path):
    settings = Settings(
        home=tmp_path,
        s3_endpoint_url="http://127.0.0.1:18333",
        s3_access_key="BLEEPERTESTKEY",
        s3_secret_key="not-a-real-secret",
        s3_bucket="calls",
    )
    url = make_storage(settings).presign_get(job_key("j1", "redacted_audio.wav"), 1800)
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "127.0.0.1:18333", "/calls/jobs/j1/redacted_audio.wav")
    query = _assert_sigv4(url, 1800)
    assert query["X-Amz-Credential"][0].startswith("BLEEPERTESTKEY/")
    assert query["X-Amz-Credential"][0].endswith("/us-east-1/s3/aws4_request")


def test_without_credentials_the_client_explains_how_to_get_them(tmp_path, monkeypatch):
    monkeypatch.delenv("BLEEPER_S3_ACCESS_KEY", raising=False)
    monkeypatch.delenv("BLEEPER_S3_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="BLEEPER_S3_ACCESS_KEY"):
        make_storage(Settings(home=tmp_path))
