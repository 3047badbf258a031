"""`bleeper submit`'s inputs and outputs on disk, without an API: which inputs are taken, how
outputs are named, when an input counts as done."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bleeper.client.errors import SubmitError
from bleeper.client.inputs import Input, collect_inputs, completed_before, name_inputs


def _touch(root: Path, *names: str) -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b"x")


def test_a_folder_is_searched_recursively_for_audio_and_video_by_extension(tmp_path):
    _touch(tmp_path, "b.mp3", "a.WAV", "sub/c.mkv", "sub/deeper/d.opus", "notes.txt", "cover.jpg", "e.mp3.bak")
    found = collect_inputs([str(tmp_path)])
    assert found == [str(tmp_path / n) for n in ("a.WAV", "b.mp3", "sub/c.mkv", "sub/deeper/d.opus")]


def test_hidden_files_and_the_output_folder_are_left_out(tmp_path):
    _touch(tmp_path, "call.mp3", "._call.mp3", ".cache/x.mp3", "bleeper-out/call.redacted.mp3")
    assert collect_inputs([str(tmp_path)], exclude=tmp_path / "bleeper-out") == [str(tmp_path / "call.mp3")]


def test_a_named_file_is_taken_whatever_its_extension_and_urls_pass_through(tmp_path):
    _touch(tmp_path, "recording.bin", "call.mp3")
    url = "https://example.com/calls/1.mp3?sig=abc"
    args = [str(tmp_path / "recording.bin"), url, str(tmp_path), str(tmp_path / "call.mp3"), url]
    assert collect_inputs(args) == [str(tmp_path / "recording.bin"), url, str(tmp_path / "call.mp3")]


@pytest.mark.parametrize("arg, message", [("missing.mp3", "no such file"), ("ftp://host/a.mp3", "only http and https")])
def test_a_bad_argument_stops_the_batch_before_anything_is_sent(tmp_path, arg, message):
    with pytest.raises(SubmitError, match=message):
        collect_inputs([str(tmp_path / arg) if "://" not in arg else arg])


@pytest.mark.parametrize(
    "url, stem",
    [
        ("https://example.com/calls/monday.mp3", "monday"),
        ("https://example.com/calls/monday.mp3?X-Amz-Signature=abc", "monday"),
        ("https://example.com/calls/my%20call%20(1).wav", "my_call_1"),
        ("https://example.com/recordings/1234", "1234"),
        ("https://example.com/calls/", "calls"),
        ("https://example.com/", "example.com"),
        ("https://example.com/..%2F..%2Fetc%2Fpasswd", "etc_passwd"),
        ("https://example.com/%2F%2F", "download"),
    ],
)
def test_a_url_stem_is_its_last_path_component_sanitised(url, stem):
    [item] = name_inputs([url])
    assert item.stem == stem


def test_stems_are_made_unique_in_input_order():
    sources = ["a/call.mp3", "b/call.wav", "https://x.org/CALL.mp3", "c/call-2.mp3", "d/other.mp3"]
    assert [i.stem for i in name_inputs(sources)] == ["call", "call-2", "CALL-3", "call-2-2", "other"]


def test_a_url_is_shown_without_its_query_or_userinfo():
    signed = Input("https://s3.example.com/b/call.mp3?X-Amz-Signature=abc", "call")
    assert signed.label == "https://s3.example.com/b/call.mp3"
    assert Input("https://me:secret@files.example/call.mp3", "call").label == "https://files.example/call.mp3"


def _outputs(out: Path, stem: str, status: str = "completed", txt: bool = True, audio: bool = False) -> None:
    (out / f"{stem}.json").write_text(json.dumps({"id": "t1", "status": status}))
    if txt:
        (out / f"{stem}.txt").write_text("redacted\n")
    if audio:
        (out / f"{stem}.redacted.mp3").write_bytes(b"ID3")


@pytest.mark.parametrize(
    "written, want_audio, done",
    [
        ({}, False, "t1"),
        ({"audio": True}, True, "t1"),
        ({}, True, None),  # asked for audio this time: redo
        ({"status": "error"}, False, None),
        ({"txt": False}, False, None),
    ],
)
def test_an_input_is_done_when_its_completed_outputs_are_there(tmp_path, written, want_audio, done):
    _outputs(tmp_path, "call", **written)
    assert completed_before(tmp_path, "call", want_audio) == done


def test_a_truncated_json_does_not_count_as_done(tmp_path):
    (tmp_path / "call.json").write_text('{"status": "comp')
    (tmp_path / "call.txt").write_text("")
    assert completed_before(tmp_path, "call", False) is None
    assert completed_before(tmp_path, "nothing", False) is None
