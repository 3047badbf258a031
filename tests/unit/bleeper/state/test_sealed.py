"""Originals sealed at rest: what S3 holds of a transcript is ciphertext; it opens only with the
key, under its own object key; every other object is stored as it is."""

from __future__ import annotations

import json
import os

import boto3
import pytest
from botocore.config import Config
from hypothesis import given, settings as hyp_settings, strategies as st
from moto import mock_aws

from bleeper.errors import StorageRefused
from bleeper.state.sealed import SealedStorage, is_sealed, open_sealed, seal, sealed_name
from bleeper.state.storage import Storage

KEY = os.urandom(32)


@pytest.fixture
def s3(monkeypatch):
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                        "AWS_SESSION_TOKEN": "testing", "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1",
                              config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
        client.create_bucket(Bucket="bk1")
        yield client


def raw(s3, key: str) -> bytes:
    return s3.get_object(Bucket="bk1", Key=key)["Body"].read()


def test_a_kept_transcript_is_ciphertext_in_s3_and_reads_back_whole(s3):
    storage = SealedStorage(Storage(s3, "bk1"), KEY)
    doc = {"text": "my name is John Lowry", "words": []}

    storage.put_json("jobs/j1/transcript.json", doc)
    storage.put_json("jobs/j1/speakers.json", [{"name": "John Lowry", "email": "jl@example.com"}])

    for name in ("transcript.json", "speakers.json"):
        blob = raw(s3, f"jobs/j1/{name}")
        assert is_sealed(blob) and b"Lowry" not in blob
    assert storage.get_json("jobs/j1/transcript.json") == doc


def test_redacted_artifacts_and_pieces_plans_are_stored_as_they_are(s3):
    storage = SealedStorage(Storage(s3, "bk1"), KEY)

    storage.put_json("jobs/j1/redacted.json", {"text": "[PERSON_NAME]"})
    storage.put_json("jobs/j1/pieces/source.json", {"offsets": [0]})
    storage.put_json("jobs/j1/pieces/source-3.json", {"segments": ["heard"]})

    assert json.loads(raw(s3, "jobs/j1/redacted.json")) == {"text": "[PERSON_NAME]"}
    assert json.loads(raw(s3, "jobs/j1/pieces/source.json")) == {"offsets": [0]}
    assert is_sealed(raw(s3, "jobs/j1/pieces/source-3.json"))


def test_a_sealed_object_does_not_open_with_another_key_or_under_another_name(s3):
    SealedStorage(Storage(s3, "bk1"), KEY).put_json("jobs/j1/transcript.json", {"text": "x"})
    blob = raw(s3, "jobs/j1/transcript.json")
    s3.put_object(Bucket="bk1", Key="jobs/j2/transcript.json", Body=blob)

    with pytest.raises(StorageRefused, match="does not open"):
        SealedStorage(Storage(s3, "bk1"), os.urandom(32)).get_json("jobs/j1/transcript.json")
    with pytest.raises(StorageRefused, match="does not open"):
        SealedStorage(Storage(s3, "bk1"), KEY).get_json("jobs/j2/transcript.json")
    with pytest.raises(StorageRefused, match="no BLEEPER_ORIGINALS_KEY"):
        SealedStorage(Storage(s3, "bk1"), None).get_json("jobs/j1/transcript.json")


def test_a_transcript_written_before_a_key_was_configured_still_reads(s3):
    Storage(s3, "bk1").put_json("jobs/old/transcript.json", {"text": "plain"})

    assert SealedStorage(Storage(s3, "bk1"), KEY).get_json("jobs/old/transcript.json") == {"text": "plain"}


@pytest.mark.parametrize(("key", "sealed"), [
    ("jobs/a/transcript.json", True), ("jobs/a/speakers.json", True), ("jobs/a/pieces/heard-12.json", True),
    ("jobs/a/entities.json", False), ("jobs/a/skeleton.json", False), ("jobs/a/source", False),
    ("uploads/transcript.json", False), ("jobs/a/pieces/source-1.npy", False),
])
def test_which_objects_are_sealed(key, sealed):
    assert sealed_name(key) is sealed


@hyp_settings(max_examples=50)
@given(st.binary(max_size=2000), st.text(max_size=40))
def test_seal_then_open_gives_back_the_bytes(data, label):
    assert open_sealed(KEY, seal(KEY, data, label), label) == data
