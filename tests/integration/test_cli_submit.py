"""`bleeper submit` against the real stack: a folder and a URL in, redacted outputs out, a rerun
skips what is done and retries what failed."""

from __future__ import annotations

import json
import shutil

import pytest
import requests
from typer.testing import CliRunner

from bleeper.cli import app

pytestmark = [pytest.mark.integration, pytest.mark.slow]

PII = ["Sarah", "Jennings"]
TOKEN = "s3cret-token"


def _transcript_ids(api) -> set[str]:
    r = requests.get(f"{api.base}/v2/transcript", params={"limit": 200}, headers=api.headers, timeout=30)
    return {t["id"] for t in r.json()["transcripts"]}


@pytest.fixture(scope="module")
def batch(api, short_call, file_server, tmp_path_factory):
    """calls/first.mp3, calls/more/first.mp3 (same name), calls/broken.mp3 (text), calls/notes.txt
    (not taken), and a URL with a token in its query; run from the folder above, default --out."""
    root = tmp_path_factory.mktemp("batch")
    calls = root / "calls"
    (calls / "more").mkdir(parents=True)
    shutil.copy(short_call, calls / "first.mp3")
    shutil.copy(short_call, calls / "more" / "first.mp3")
    (calls / "broken.mp3").write_text("this is not a recording\n" * 50)
    (calls / "notes.txt").write_text("meeting notes\n")
    base, served = file_server
    shutil.copy(short_call, served / "remote call.mp3")
    args = ["submit", "calls", f"{base}/remote%20call.mp3?token={TOKEN}", "--audio", "--sub", "entity_name",
            "--concurrency", "3"]

    def run():
        with pytest.MonkeyPatch.context() as mp:
            mp.chdir(root)
            return CliRunner().invoke(app, args)

    return root, run


@pytest.fixture(scope="module")
def first_run(batch, api):
    root, run = batch
    before = _transcript_ids(api)
    result = run()
    return root, result, _transcript_ids(api) - before


def test_each_good_input_gets_its_redacted_outputs(first_run):
    root, result, _ = first_run
    out = root / "bleeper-out"
    assert {p.name for p in out.iterdir()} == {
        f"{stem}{ext}" for stem in ("first", "first-2", "remote_call") for ext in (".json", ".redacted.mp3", ".txt")
    }, result.output
    for stem in ("first", "first-2", "remote_call"):
        job = json.loads((out / f"{stem}.json").read_text())
        text = (out / f"{stem}.txt").read_text()
        assert job["status"] == "completed" and text == job["text"] + "\n"
        assert "[PERSON_NAME]" in text and not any(v in text for v in PII)
        audio = (out / f"{stem}.redacted.mp3").read_bytes()
        assert audio[:3] == b"ID3" or audio[0] == 0xFF


def test_a_failed_job_makes_the_exit_code_1_and_is_in_the_summary(first_run):
    _, result, created = first_run
    assert result.exit_code == 1, result.output
    assert len(created) == 4  # notes.txt was not taken
    [broken] = [line for line in result.output.splitlines() if line.startswith("calls/broken.mp3: failed")]
    assert "not audio or video" in broken or "no audio stream" in broken
    broken_id = broken.split("(transcript ")[1].split(")")[0]
    table = result.output.split("bleeper submit", 1)[1]
    assert any(broken_id in row and "failed" in row for row in table.splitlines())
    assert "3 done, 1 failed, 0 skipped" in result.output
    assert "notes.txt" not in result.output


def test_the_terminal_shows_no_pii_and_no_url_query(first_run):
    _, result, _ = first_run
    assert not any(v in result.output for v in PII)
    assert TOKEN not in result.output
    assert "[PERSON_NAME]" not in result.output  # no transcript text at all


def test_a_rerun_skips_done_inputs_and_retries_the_failed_one(batch, first_run, api):
    root, run = batch
    _, _, first_ids = first_run
    before = _transcript_ids(api)
    result = run()
    created = _transcript_ids(api) - before
    assert result.exit_code == 1, result.output
    assert len(created) == 1 and not created & first_ids  # only broken.mp3, submitted anew
    for label in ("calls/first.mp3", "calls/more/first.mp3", "remote%20call.mp3"):
        assert any(label in line and "skipped" in line for line in result.output.splitlines()), label
    assert "0 done, 1 failed, 3 skipped" in result.output
