"""Odd, damaged and tagged media through the whole pipeline (issue 11): what used to end in
`internal error` or `ffmpeg could not write the redacted audio` now completes, or ends in an
error a user can act on; the redacted audio carries none of the source's tags."""

from __future__ import annotations

import random
import subprocess

import av
import pytest
import requests

from bleeper.media import ffmpeg_exe

pytestmark = pytest.mark.integration


def test_a_tagged_8_channel_96_khz_wav_gives_a_clean_stereo_48_khz_mp3(api, tmp_path):
    source = tmp_path / "tracks.wav"
    subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-f", "lavfi", "-i", "anullsrc=r=96000:cl=7.1", "-t", "1",
                    "-metadata", "title=Call with John Lowry 610-265-1714", "-metadata", "comment=SSN 123-45-6789",
                    str(source)], check=True)
    assert b"Lowry" in source.read_bytes()
    job = api.wait(api.submit(audio_url=api.upload(source), redact_pii_audio=True,
                              redact_pii_audio_options={"return_redacted_no_speech_audio": True}).json()["id"])
    assert job["status"] == "completed", job["error"]
    report = api.get(job["id"], "/redaction-report").json()
    assert report["audio"]["output"] == {"format": "mp3", "sample_rate": 48000, "channels": 2,
                                         "downmixed_from": 8, "resampled_from": 96000}
    data = requests.get(api.get(job["id"], "/redacted-audio").json()["redacted_audio_url"], timeout=30).content
    out = tmp_path / "redacted.mp3"
    out.write_bytes(data)
    assert not any(s in data for s in (b"Lowry", b"610-265", b"6789"))
    with av.open(str(out)) as c:
        assert (c.streams.audio[0].codec_context.sample_rate, c.streams.audio[0].codec_context.channels) == (48000, 2)
        assert not dict(c.metadata)


def test_a_damaged_call_is_transcribed_and_redacted(api, sample_call, tmp_path):
    data = sample_call.read_bytes()
    a, b = len(data) // 3, 2 * len(data) // 3
    damaged = tmp_path / "damaged.mp3"
    damaged.write_bytes(data[:a] + random.Random(11).randbytes(b - a) + data[b:])
    job = api.wait(api.submit(audio_url=api.upload(damaged), redact_pii_audio=True).json()["id"])
    assert job["status"] == "completed", job["error"]
    assert job["words"] and api.get(job["id"], "/redacted-audio").status_code == 200


def test_a_file_nothing_of_which_decodes_ends_in_error(api, tmp_path):
    clean = tmp_path / "clean.aac"
    subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-f", "lavfi", "-i", "sine=duration=3", "-c:a", "aac",
                    "-f", "adts", str(clean)], check=True)
    frames, i = bytearray(clean.read_bytes()), 0
    while i + 7 <= len(frames):  # zero every ADTS frame's payload, keep the headers
        length = ((frames[i + 3] & 3) << 11) | (frames[i + 4] << 3) | (frames[i + 5] >> 5)
        frames[i + 7:i + length] = bytes(length - 7)
        i += length
    zeroed = tmp_path / "zeroed.aac"
    zeroed.write_bytes(bytes(frames))
    job = api.wait(api.submit(audio_url=api.upload(zeroed)).json()["id"])
    assert job["status"] == "error" and "the file is damaged" in job["error"]
