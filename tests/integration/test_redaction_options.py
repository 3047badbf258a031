"""Styles chosen per key and at read time, the audit report, verification, and the audio and
video options — through the real stack."""

from __future__ import annotations

import io
import json
import subprocess
import wave

import av
import numpy as np
import pytest
import requests

from bleeper.media import ffmpeg_exe
from bleeper.artifacts import job_key
from bleeper.state.storage import make_storage

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _own_api(api, stack):
    from bleeper.state.keys import make_keys

    _, key = make_keys(stack.settings).create("options tests")
    clone = type(api)(api.base, key)
    return clone


def _decode(data: bytes, tmp, name: str = "x") -> tuple[np.ndarray, int, int]:
    path = tmp / name
    path.write_bytes(data)
    out = subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-i", str(path), "-f", "wav", "-"], check=True,
                         capture_output=True).stdout
    with wave.open(io.BytesIO(out)) as w:
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float32) / 32768
        return pcm.reshape(-1, w.getnchannels())[:, 0], w.getframerate(), w.getnchannels()


def test_account_settings_are_defaults_a_job_can_override(api, stack, short_call):
    mine = _own_api(api, stack)
    url = f"{api.base}/v2/settings/redaction"
    r = requests.patch(url, json={"redact_pii_sub": "pseudonym", "redact_pii_exclude": ["location"]},
                       headers=mine.headers, timeout=10)
    assert r.status_code == 200 and r.json()["redact_pii_sub"] == "pseudonym"
    assert requests.get(url, headers=mine.headers, timeout=10).json()["redact_pii_exclude"] == ["location"]
    assert requests.get(url, headers=api.headers, timeout=10).json() == {}  # another key: untouched
    bad = requests.patch(url, json={"redact_pii_exclude": ["cities"]}, headers=mine.headers, timeout=10)
    assert bad.status_code == 400 and "redact_pii_exclude[0]: unknown policy" in bad.json()["error"]

    upload = mine.upload(short_call)
    by_default = mine.wait(mine.submit(audio_url=upload).json()["id"])
    assert "[PERSON_NAME_1]" in by_default["text"] and by_default["redact_pii_exclude"] == ["location"]
    overridden = mine.wait(mine.submit(audio_url=upload, redact_pii_sub="hash").json()["id"])
    assert "#####" in overridden["text"] and "[PERSON_NAME" not in overridden["text"]


@pytest.fixture(scope="module")
def kept_and_not(api, sample_call):
    upload = api.upload(sample_call)
    plain = api.submit(audio_url=upload, redact_pii_audio=True, verify=True)
    kept = api.submit(audio_url=upload, keep_unredacted=True, redact_pii_sub="entity_name")
    return api.wait(plain.json()["id"]), api.wait(kept.json()["id"])


def test_read_time_style_renders_from_the_skeleton_without_the_original(api, stack, kept_and_not):
    plain, _ = kept_and_not
    storage = make_storage(stack.settings)
    assert not storage.exists(job_key(plain["id"], "transcript.json"))  # the original is gone
    assert not storage.exists(job_key(plain["id"], "source"))
    r = api.get(plain["id"], "?sub=pseudonym")
    assert r.status_code == 200 and "[PERSON_NAME_1]" in r.json()["text"] and "[PHONE_NUMBER_1]" in r.json()["text"]
    assert "Jennings" not in r.text
    refused = api.get(plain["id"], "?redact=false")
    assert refused.status_code == 400 and "keep_unredacted" in refused.json()["error"]
    assert api.get(plain["id"], "?sub=stars").status_code == 400


def test_unredacted_reads_need_keep_unredacted_and_are_audited(api, kept_and_not):
    _, kept = kept_and_not
    assert "Jennings" not in kept["text"] and "[PERSON_NAME]" in kept["text"]
    original = api.get(kept["id"], "?redact=false").json()
    assert "Jennings" in original["text"]
    partial = api.get(kept["id"], '?exclude=["person_name"]').json()
    assert "Jennings" in partial["text"] and "[PHONE_NUMBER]" in partial["text"]
    report = api.get(kept["id"], "/redaction-report").json()
    assert [r["action"] for r in report["reads"]] == ["read unredacted", "read excluding person_name"]
    assert api.get(kept["id"]).json()["text"] == kept["text"]  # the stored rendering is unchanged


def test_the_report_counts_and_places_entities_without_values(api, kept_and_not):
    plain, _ = kept_and_not
    r = api.get(plain["id"], "/redaction-report")
    report = r.json()
    assert report["counts"]["person_name"] >= 1 and report["counts"]["phone_number"] == 1
    assert all({"policy", "start", "end", "score", "recognizer", "placed", "doubtful"} <= set(e)
               for e in report["entities"])
    assert report["fail_closed"] == 0 and all(e["placed"] for e in report["entities"])
    # "when in doubt, redact": which entities only the lenient threshold kept, and the thresholds used
    assert report["kept_when_in_doubt"] == sum(e["doubtful"] for e in report["entities"])
    assert all(e["doubtful"] == (e["score"] < 0.5) for e in report["entities"])
    assert report["min_scores"] == {"numbers": 0.3, "identity": 0.3, "health": 0.3, "other": 0.3}
    assert report["audio"]["intervals"] >= 4 and report["audio"]["padding_ms"] == [500, 350]
    # the report's words are its keys and string values; its numbers are offsets, times and scores,
    # which may contain "610" by chance (an entity ending at 16100 ms)
    words = " ".join(_strings(report))
    for value in ("Sarah", "Jennings", "610", "1714", "4532"):
        assert value not in words


def _strings(value) -> list[str]:  # noqa: ANN001 — any JSON value
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [*value.keys(), *(s for v in value.values() for s in _strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_verification_finds_nothing_left_in_text_or_audio(api, kept_and_not):
    plain, _ = kept_and_not
    report = api.get(plain["id"], "/redaction-report").json()
    assert report["verification"]["text_candidates"] == 0
    assert report["verification"]["audio_candidates"] == 0, report["verification"]
    assert report["verification_failed"] is False and plain["verification_failed"] is False


def test_wav_with_silence_keeps_rate_channels_and_length(api, sample_call, tmp_path):
    job = api.wait(api.submit(audio_url=api.upload(sample_call), redact_pii_audio=True,
                              redact_pii_audio_quality="wav",
                              redact_pii_audio_options={"override_audio_redaction_method": "silence"}).json()["id"])
    url = api.get(job["id"], "/redacted-audio").json()["redacted_audio_url"]
    data = requests.get(url, timeout=30).content
    assert data[:4] == b"RIFF"
    with wave.open(io.BytesIO(data)) as w:
        assert (w.getframerate(), w.getnchannels()) == (16000, 1)
    redacted, rate, _ = _decode(data, tmp_path, "r.wav")
    original, _, _ = _decode(sample_call.read_bytes(), tmp_path, "o.mp3")
    assert abs(len(redacted) - len(original)) / rate <= 0.020
    phone = next(e for e in job["entities"] if e["entity_type"] == "phone_number")
    inside = redacted[phone["start"] * rate // 1000: phone["end"] * rate // 1000]
    assert np.sqrt(np.mean(inside ** 2)) < 1e-4
    # a second of speech away from every entity (padding 500/350 ms) is untouched
    spans = sorted((e["start"] - 600, e["end"] + 450) for e in job["entities"])
    start_ms = next(a_end for (_, a_end), (b_start, _) in zip([(0, 0), *spans], [*spans, (10**9, 0)])
                    if b_start - a_end >= 1000)
    clean = slice(start_ms * rate // 1000, (start_ms + 1000) * rate // 1000)
    assert np.sqrt(np.mean(original[clean] ** 2)) > 1e-3  # there is sound there to keep
    assert np.allclose(redacted[clean], original[clean], atol=2e-3)


def test_mp3_output_lasts_as_long_as_the_input(api, sample_call, tmp_path):
    job = api.wait(api.submit(audio_url=api.upload(sample_call), redact_pii_audio=True).json()["id"])
    data = requests.get(api.get(job["id"], "/redacted-audio").json()["redacted_audio_url"], timeout=30).content
    redacted, rate, _ = _decode(data, tmp_path, "r.mp3")
    original, _, _ = _decode(sample_call.read_bytes(), tmp_path, "o.mp3")
    assert abs(len(redacted) - len(original)) / rate <= 0.020


def test_silence_gives_an_error_unless_no_speech_audio_is_asked_for(api, tmp_path):
    silent = tmp_path / "silence.wav"
    subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "4",
                    str(silent)], check=True)
    upload = api.upload(silent)
    failed = api.wait(api.submit(audio_url=upload, redact_pii_audio=True).json()["id"])
    assert failed["status"] == "error" and "no speech" in failed["error"]
    ok = api.wait(api.submit(audio_url=upload, redact_pii_audio=True,
                             redact_pii_audio_options={"return_redacted_no_speech_audio": True}).json()["id"])
    assert ok["status"] == "completed" and ok["text"] == ""
    assert api.get(ok["id"], "/redacted-audio").status_code == 200


def _without_sei(packet: bytes) -> bytes:
    """An mp4 H.264 packet (4-byte length before each NAL unit) without its SEI units (type 6)."""
    kept, i = b"", 0
    while i < len(packet):
        n = int.from_bytes(packet[i:i + 4], "big")
        if packet[i + 4] & 0x1F != 6:
            kept += packet[i:i + 4 + n]
        i += 4 + n
    return kept


def test_a_video_gets_its_audio_redacted_and_its_picture_copied(api, sample_call, tmp_path):
    video = tmp_path / "call.mp4"
    subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10",
                    "-i", str(sample_call), "-shortest", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac",
                    str(video)], check=True)
    job = api.wait(api.submit(audio_url=api.upload(video), redact_pii_audio=True, redact_pii_video=True).json()["id"])
    assert job["status"] == "completed", job["error"]
    assert "###-###-####" in job["text"]
    r = api.get(job["id"], "/redacted-video")
    assert r.status_code == 200
    out = tmp_path / "redacted.mp4"
    out.write_bytes(requests.get(r.json()["redacted_video_url"], timeout=30).content)
    with av.open(str(video)) as src, av.open(str(out)) as dst:
        sv, dv = src.streams.video[0], dst.streams.video[0]
        assert dv.codec_context.name == sv.codec_context.name == "h264"
        assert (dv.codec_context.width, dv.codec_context.height) == (160, 120)
        assert dv.frames == sv.frames  # copied, not re-encoded: same frames
        assert dst.streams.audio and abs(dst.duration - src.duration) / 1e6 < 0.1
    src_packets = [bytes(p) for p in av.open(str(video)).demux(video=0) if p.size]
    dst_packets = [bytes(p) for p in av.open(str(out)).demux(video=0) if p.size]
    # the picture is byte for byte the same; only the SEI units (x264's settings) are gone
    assert [_without_sei(p) for p in src_packets] == dst_packets != src_packets
    assert api.get(job["id"], "/redaction-report").json()["audio"]["intervals"] >= 4
    assert json.dumps(job).count("Jennings") == 0
