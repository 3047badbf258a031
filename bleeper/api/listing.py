"""The small v2 response bodies: the transcript list and its pages, upload and redacted-media
links (AssemblyAI's field names; the SDK parses them)."""

from __future__ import annotations

from pydantic import BaseModel


class TranscriptItem(BaseModel):
    id: str
    resource_url: str
    status: str
    created: str
    completed: str | None = None
    audio_url: str
    error: str | None = None


class PageDetails(BaseModel):
    limit: int
    result_count: int
    current_url: str
    prev_url: str | None
    next_url: str | None


class TranscriptList(BaseModel):
    page_details: PageDetails
    transcripts: list[TranscriptItem]


class UploadPublic(BaseModel):
    upload_url: str


class RedactedAudioPublic(BaseModel):
    status: str
    redacted_audio_url: str


class RedactedVideoPublic(BaseModel):
    status: str
    redacted_video_url: str
