"""Typed records passed between stages and stored in S3 and Redis."""

from __future__ import annotations

import time
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from bleeper import languages


class JobStatus(StrEnum):
    queued = "queued"
    processing = "processing"
    completed = "completed"
    error = "error"
    expired = "expired"


class Word(BaseModel):
    text: str
    start: int  # ms
    end: int  # ms
    confidence: float
    char_start: int = 0  # offsets of the word in Transcript.text
    char_end: int = 0
    channel: int | None = None  # 0-based audio channel it was heard on (multichannel jobs only)


class Segment(BaseModel):
    start: int
    end: int
    text: str
    first_word: int  # index into Transcript.words
    last_word: int  # exclusive
    no_speech_prob: float | None = None
    channel: int | None = None  # 0-based audio channel (multichannel jobs only)
    speaker: int | None = None  # index into the conversation's speakers (artifacts.SPEAKERS), when known


class Transcript(BaseModel):
    text: str
    language: str
    duration_ms: int
    words: list[Word]
    segments: list[Segment]


class Entity(BaseModel):
    policy: str  # AssemblyAI policy name, e.g. person_name
    start: int  # char offsets in Transcript.text
    end: int
    start_ms: int
    end_ms: int
    score: float
    recognizer: str
    placed: bool = True  # False: no word timestamps; the whole segment is redacted (fail closed)
    pseudonym: int | None = None  # same number for the same person/value within the job
    doubtful: bool = False  # score below CONFIDENT_SCORE: redacted because in doubt (BLEEPER_DETECT_MIN_SCORE)


class RedactedTranscript(BaseModel):
    text: str
    words: list[Word]
    sentences: list[Segment]


class Probe(BaseModel):
    duration_s: float
    codec: str
    sample_rate: int
    channels: int
    has_video: bool
    format: str
    video_codec: str | None = None


class AudioOutput(BaseModel):
    """What the redacted audio holds: mp3 keeps at most 2 channels and 48 kHz; wav keeps the source's."""

    format: str  # mp3 | wav
    sample_rate: int
    channels: int
    downmixed_from: int | None = None  # the source's channels, when there were more
    resampled_from: int | None = None  # the source's sample rate, when the format cannot hold it


class Substitution(StrEnum):
    """How a redacted value is written (AssemblyAI's `redact_pii_sub`, plus bleeper's `pseudonym`)."""

    hash = "hash"  # one # per letter or digit: 610-265-1714 -> ###-###-####
    entity_name = "entity_name"  # [PHONE_NUMBER]
    obfuscation = "obfuscation"  # [****]
    custom = "custom"  # the job's own string per policy (redact_pii_custom)
    pseudonym = "pseudonym"  # [PERSON_NAME_2]: the same value gets the same number


# the styles as a JSON-schema enum of strings (the API documents them inline, as AssemblyAI's does)
SubstitutionName = Literal[tuple(s.value for s in Substitution)]  # type: ignore[valid-type]


class CustomEntity(BaseModel):
    """An account's or a request's own entity type (✚ issue 16): found by its phrases and/or its
    pattern, optionally only near its context words; redacted and reported like a built-in one
    under the policy name `custom:<name>`."""

    name: str  # e.g. PRODUCT_NAME
    phrases: list[str] = Field(default_factory=list)
    pattern: str | None = None
    context: list[str] = Field(default_factory=list)


class AudioOptions(BaseModel):
    override_audio_redaction_method: Literal["silence"] | None = None
    return_redacted_no_speech_audio: bool | None = None


class JobOptions(BaseModel):
    """What the client asked for, under AssemblyAI's names."""

    audio_url: str
    redact_pii: bool = True
    redact_pii_policies: list[str] | None = None
    redact_pii_sub: SubstitutionName = Substitution.hash.value
    redact_pii_custom: dict[str, str] | None = None
    redact_pii_exclude: list[str] | None = None
    keep_unredacted: bool = False
    verify: bool = False
    redact_pii_video: bool = False
    redact_pii_audio: bool = False
    redact_pii_audio_quality: Literal["mp3", "wav"] = "mp3"
    redact_pii_audio_options: AudioOptions = Field(default_factory=AudioOptions)
    webhook_url: str | None = None
    webhook_auth_header_name: str | None = None
    webhook_auth_header_value: str | None = None
    language_code: str | None = None
    multichannel: bool = False  # transcribe each channel apart; utterances carry their channel
    redact_pii_custom_entities: list[CustomEntity] | None = None  # ✚ detected with the built-in policies

    @field_validator("language_code")
    @classmethod
    def _whisper_language(cls, code: str | None) -> str | None:
        # AssemblyAI writes "en_us", Whisper wants "en"; workers.pipeline.validate refuses unknown codes
        return languages.normalize(code) if code else code


class SymblRecord(BaseModel):
    """What makes a job a Symbl-style conversation (its `id` is the conversationId). Holds no PII
    but the name the client gave it, which goes with the conversation's data."""

    job_id: str  # Symbl's jobId (GET /v1/job/{jobId})
    kind: Literal["audio", "video", "text"]
    name: str | None = None
    start_time: float | None = None  # text: the first message's startTime (epoch s), when given
    duration_ms: int | None = None  # text: from the messages' durations, when given
    announced: list[str] = Field(default_factory=list)  # webhook events published, in order
    settled: list[str] = Field(default_factory=list)  # webhook events delivered, refused or given up


class Job(BaseModel):
    id: str
    owner: str  # hash of the API key that created it
    status: JobStatus = JobStatus.queued
    created_at: float = Field(default_factory=time.time)
    options: JobOptions
    upload_id: str | None = None
    probe: Probe | None = None
    audio_output: AudioOutput | None = None  # set by redact_audio
    language_code: str | None = None
    error: str | None = None
    failed_stage: str | None = None
    webhook_status_code: int | None = None
    webhook_deliveries: dict[str, int | str] = Field(default_factory=dict)
    stages: dict[str, float] = Field(default_factory=dict)  # stage -> seconds
    entity_count: int | None = None
    min_scores: dict[str, float] | None = None  # BLEEPER_DETECT_MIN_SCORE as the detect stage applied it
    completed_at: float | None = None
    deleted_at: float | None = None
    verification: dict[str, int | bool] | None = None
    verification_failed: bool | None = None
    audit: list[dict[str, str | float]] = Field(default_factory=list)  # unredacted reads: who, when
    symbl: SymblRecord | None = None  # a conversation made through the Symbl-style API

    @property
    def gone(self) -> bool:
        """Deleted by its owner or expired after the retention period: its data no longer exists."""
        return self.deleted_at is not None or self.status == JobStatus.expired

    @property
    def readable(self) -> bool:
        """Completed and not deleted: its redacted artifacts can be read."""
        return self.status == JobStatus.completed and self.deleted_at is None
