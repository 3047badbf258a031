"""Request and response bodies, under AssemblyAI's field names."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from bleeper.models import AudioOptions, Job, JobOptions


class TranscriptCreate(JobOptions):
    """POST /v2/transcript. Fields AssemblyAI defines but bleeper does not use are ignored."""

    redact_pii_audio_options: AudioOptions | None = None  # type: ignore[assignment]

    def to_options(self) -> JobOptions:
        data = self.model_dump(exclude_none=True)
        return JobOptions.model_validate(data)


class WordPublic(BaseModel):
    text: str
    start: int
    end: int
    confidence: float


class TranscriptPublic(BaseModel):
    id: str
    status: str
    audio_url: str
    text: str | None = None
    words: list[WordPublic] | None = None
    audio_duration: float | None = None
    language_code: str | None = None
    redact_pii: bool
    redact_pii_audio: bool
    redact_pii_audio_quality: str | None
    redact_pii_policies: list[str] | None
    redact_pii_sub: str | None
    webhook_url: str | None
    webhook_auth: bool
    webhook_auth_header_name: str | None
    webhook_status_code: int | None
    entities: list[dict[str, Any]] | None = None
    error: str | None = None

    @classmethod
    def from_job(cls, job: Job, redacted: dict[str, Any] | None, plain: dict[str, Any] | None) -> TranscriptPublic:
        o = job.options
        body = redacted if o.redact_pii else plain
        return cls(
            id=job.id,
            status=job.status.value if job.status != "expired" else "error",
            audio_url=o.audio_url,
            text=body["text"] if body else None,
            words=[WordPublic(**{k: w[k] for k in ("text", "start", "end", "confidence")}) for w in body["words"]]
            if body else None,
            audio_duration=job.probe.duration_s if job.probe else None,
            language_code=job.language_code or o.language_code,
            redact_pii=o.redact_pii,
            redact_pii_audio=o.redact_pii_audio,
            redact_pii_audio_quality=o.redact_pii_audio_quality if o.redact_pii_audio else None,
            redact_pii_policies=o.redact_pii_policies,
            redact_pii_sub=o.redact_pii_sub if o.redact_pii else None,
            webhook_url=o.webhook_url,
            webhook_auth=bool(o.webhook_auth_header_name),
            webhook_auth_header_name=o.webhook_auth_header_name,
            webhook_status_code=job.webhook_status_code,
            entities=redacted.get("entities") if redacted else None,
            error=job.error if job.status != "expired" else "the transcript expired and its data was deleted",
        )


class UploadPublic(BaseModel):
    upload_url: str


class RedactedAudioPublic(BaseModel):
    status: str
    redacted_audio_url: str
