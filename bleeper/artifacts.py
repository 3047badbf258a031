"""Every file a job writes, by name, and where it lives in S3: `jobs/{job id}/{name}`.

    source            the fetched or uploaded audio (deleted when the job ends, unless kept)
    transcript.json   Whisper's words (deleted with the source)
    entities.json     what detection found, placed in time, with pseudonym numbers
    skeleton.json     the transcript in `hash` style: no PII, kept; read-time styles render from it
    redacted.json     the redacted transcript in the job's style
    speakers.json     who speaks (Symbl conversations: names, emails, user ids, channels) — PII,
                      kept encrypted like the transcript, deleted with the conversation
    redacted_audio.*  the beeped audio (mp3 or wav)
    redacted_video.*  the video with beeped sound (mp4, mov, webm or mkv)
    pieces/           a recording cut into pieces for Whisper while it is transcribed (deleted
                      when the pieces are joined): `<kind>.json` the plan, `<kind>-<n>.npy` a
                      piece's samples, `<kind>-<n>.json` what Whisper heard in it; kind `source`
                      (the transcript) or `heard` (verification of the redacted audio)
"""

from __future__ import annotations

SOURCE = "source"
TRANSCRIPT = "transcript.json"
ENTITIES = "entities.json"
SKELETON = "skeleton.json"
REDACTED = "redacted.json"
SPEAKERS = "speakers.json"
# redacted audio by `redact_pii_audio_quality`
REDACTED_AUDIO = {"mp3": "redacted_audio.mp3", "wav": "redacted_audio.wav"}


PIECES = "pieces/"


def piece_plan(kind: str) -> str:
    return f"{PIECES}{kind}.json"


def piece_samples(kind: str, index: int) -> str:
    return f"{PIECES}{kind}-{index}.npy"


def piece_heard(kind: str, index: int) -> str:
    return f"{PIECES}{kind}-{index}.json"


def redacted_video(extension: str) -> str:
    return f"redacted_video.{extension}"


def job_key(job_id: str, name: str) -> str:
    return f"jobs/{job_id}/{name}"


def upload_key(upload_id: str) -> str:
    return f"uploads/{upload_id}"
