"""Request and response bodies, under AssemblyAI's v2 field names and types (the official SDK
parses them with its own pydantic models, so a wrong type breaks a customer's code)."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from bleeper import policies
from bleeper.api import views
from bleeper.config import Settings
from bleeper.errors import InvalidRequest
from bleeper.headers import MAX_NAME, MAX_VALUE
from bleeper.custom import definitions, patterns
from bleeper.models import AudioOptions, CustomEntity, Job, JobOptions, JobStatus, SubstitutionName

# AssemblyAI's speech models: any of them means "this deployment's Whisper model"
AAI_SPEECH_MODELS = {"best", "universal", "nano", "slam-1"}
# AssemblyAI request fields bleeper does not implement: accepted when null/false/empty (the SDK
# sends what the caller set), refused with a 400 that names them when actually asked for.
UNSUPPORTED = {
    "dual_channel", "audio_channels", "audio_start_from", "audio_end_at", "word_boost",
    "boost_param", "filter_profanity", "redact_pii_return_unredacted", "speaker_labels", "speakers_expected",
    "speaker_options", "content_safety", "content_safety_confidence", "iab_categories", "custom_spelling",
    "disfluencies", "sentiment_analysis", "auto_chapters", "entity_detection", "summarization", "summary_model",
    "summary_type", "auto_highlights", "language_confidence_threshold", "language_detection_options",
    "language_codes", "speech_threshold", "speech_models", "prompt", "temperature", "remove_audio_tags",
    "keyterms_prompt", "keyterms_prompt_options", "speech_understanding", "domain", "topics",
    "custom_topics", "webhook_auth", "translation", "acoustic_model", "language_model",
}


EXPIRED = "expired after the retention period; its data was deleted"


def aai_status(job: Job) -> tuple[str, str | None]:
    """(status, error) under AssemblyAI's four statuses: an expired job reads as an error saying so."""
    if job.status == JobStatus.expired:
        return "error", EXPIRED
    return job.status.value, job.error


# Bounds on what a request may carry (the body itself is at most bleeper.api.limits.MAX_JSON_BYTES).
# Strict types: "yes" is not a boolean and 1 is not a string (the SDK sends JSON's own types).
Url = Annotated[str, Field(max_length=4096)]
Policy = Annotated[str, Field(max_length=64)]
Policies = Annotated[list[Policy], Field(max_length=len(policies.ALL_POLICIES))]
Replacement = Annotated[str, Field(max_length=256)]
# keys: policies, custom entity names (✚ issue 16) and "default"
Custom = Annotated[dict[Policy, Replacement], Field(max_length=len(policies.ALL_POLICIES) + 1 + definitions.MAX_ENTITIES)]
Exclude = Annotated[list[Policy], Field(max_length=len(policies.ALL_POLICIES) + definitions.MAX_ENTITIES)]
Short = Annotated[str, Field(max_length=64)]
# a field name is shown back only when it looks like one (a client's key may be anything)
FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")


class AudioOptionsCreate(AudioOptions):
    model_config = ConfigDict(strict=True, extra="forbid")


class CustomEntityCreate(CustomEntity):
    """✚ One custom entity type of a request (or of the account's settings); its rules are checked
    by bleeper.custom.definitions when the job is submitted."""

    model_config = ConfigDict(strict=True, extra="forbid")

    name: Annotated[str, Field(max_length=64)]
    phrases: Annotated[list[Annotated[str, Field(max_length=definitions.MAX_PHRASE_LENGTH)]],
                       Field(max_length=definitions.MAX_PHRASES)] = Field(default_factory=list)
    pattern: Annotated[str, Field(max_length=patterns.MAX_PATTERN_LENGTH)] | None = None
    context: Annotated[list[Annotated[str, Field(max_length=definitions.MAX_CONTEXT_LENGTH)]],
                       Field(max_length=definitions.MAX_CONTEXT)] = Field(default_factory=list)


CustomEntities = Annotated[list[CustomEntityCreate], Field(max_length=definitions.MAX_ENTITIES)]


class TranscriptCreate(BaseModel):
    """POST /v2/transcript."""

    model_config = ConfigDict(extra="allow", strict=True)

    audio_url: Url
    redact_pii: bool | None = None
    redact_pii_policies: Policies | None = None
    redact_pii_sub: SubstitutionName | None = None
    redact_pii_custom: Custom | None = None  # ✚ policy -> string, and "default"
    redact_pii_exclude: Exclude | None = None  # ✚ policies (and custom entity names) never redacted
    redact_pii_custom_entities: CustomEntities | None = None  # ✚ the request's own entity types
    keep_unredacted: bool | None = None  # ✚ keep the original transcript for redact=false reads
    verify: bool | None = None  # ✚ re-check the redacted text and audio for leaks
    redact_pii_video: bool | None = None  # ✚ a redacted copy of a video input
    redact_pii_audio: bool | None = None
    redact_pii_audio_quality: Literal["mp3", "wav"] | None = None
    redact_pii_audio_options: AudioOptionsCreate | None = None
    webhook_url: Url | None = None
    webhook_auth_header_name: Annotated[str, Field(max_length=MAX_NAME)] | None = None
    webhook_auth_header_value: Annotated[str, Field(max_length=MAX_VALUE)] | None = None
    language_code: Short | None = None
    language_detection: bool | None = None
    speech_model: Short | None = None
    punctuate: bool | None = None
    format_text: bool | None = None
    multichannel: bool | None = None  # each channel transcribed apart; utterances carry their channel

    def with_defaults(self, defaults: dict[str, Any]) -> TranscriptCreate:
        """The key's account settings (GET/PATCH /v2/settings/redaction) fill what the job left out."""
        missing = {k: v for k, v in defaults.items() if getattr(self, k, None) is None and v is not None}
        return self.model_copy(update=missing)

    def to_options(self, settings: Settings) -> JobOptions:
        for name, value in (self.model_extra or {}).items():
            if name not in UNSUPPORTED:
                raise InvalidRequest(f"{name}: unknown field" if FIELD_NAME.fullmatch(name) else
                                     "a field name is not one of AssemblyAI's")
            if value not in (None, False, 0, "", [], {}):
                raise InvalidRequest(f"{name}: bleeper does not support this feature; remove it or set it to null")
        for name in ("punctuate", "format_text"):
            if getattr(self, name) is False:
                raise InvalidRequest(f"{name}: bleeper always punctuates and formats; remove it or set it to true")
        if self.language_detection and self.language_code:
            raise InvalidRequest("language_detection: set either language_code or language_detection, not both")
        model = self.speech_model
        if model is not None and model not in AAI_SPEECH_MODELS and model != settings.whisper_model:
            raise InvalidRequest(f"speech_model: this deployment runs {settings.whisper_model!r} "
                                 f"(or use one of AssemblyAI's names: {', '.join(sorted(AAI_SPEECH_MODELS))})")
        data = self.model_dump(exclude_none=True, exclude={"language_detection", "punctuate", "format_text"})
        data.pop("speech_model", None)
        return JobOptions.model_validate({k: v for k, v in data.items() if k in JobOptions.model_fields})


class WordPublic(BaseModel):
    text: str
    start: int
    end: int
    confidence: float
    speaker: str | None = None
    channel: str | None = None  # multichannel: "1", "2", … as AssemblyAI counts them


class UtterancePublic(WordPublic):
    """A turn of a multichannel call: consecutive sentences on one channel, redacted."""

    words: list[WordPublic]


class EntityPublic(BaseModel):
    entity_type: str
    text: str  # the replacement, never the value
    start: int
    end: int
    score: float | None = None  # ✚ bleeper


class TranscriptPublic(BaseModel):
    id: str
    status: Literal["queued", "processing", "completed", "error"]
    audio_url: str
    text: str | None = None
    words: list[WordPublic] | None = None
    utterances: list[UtterancePublic] | None = None  # multichannel only, as in AssemblyAI's API
    multichannel: bool | None = None
    audio_channels: int | None = None  # multichannel: the channels of the audio
    confidence: float | None = None
    audio_duration: int | None = None  # seconds, an integer as in AssemblyAI's API
    punctuate: bool = True
    format_text: bool = True
    language_code: str | None = None
    language_detection: bool | None = None
    speech_model: str | None = None
    speech_model_used: str | None = None
    redact_pii: bool
    redact_pii_audio: bool
    redact_pii_audio_quality: str | None
    redact_pii_policies: list[str] | None
    redact_pii_sub: str | None
    redact_pii_exclude: list[str] | None = None
    verification_failed: bool | None = None  # ✚ set when verify found PII in the redacted output
    webhook_url: str | None
    webhook_auth: bool
    webhook_auth_header_name: str | None
    webhook_status_code: int | None
    entities: list[EntityPublic] | None = None
    # ✚ the custom entity types found, `entity_type` their name: apart from `entities`, whose type
    # the official SDK reads as its closed EntityType enum (an unknown one fails the whole transcript)
    custom_entities: list[EntityPublic] | None = None
    redact_pii_custom_entities: list[str] | None = None  # ✚ the names only: phrases and patterns are not echoed
    error: str | None = None

    @classmethod
    def from_job(cls, job: Job, body: dict[str, Any] | None, model: str) -> TranscriptPublic:
        """`body`: redacted.json (or transcript.json without redaction) once completed."""
        o = job.options
        deleted = job.deleted_at is not None
        words = [WordPublic(**w) for w in views.words(body)] if body else None
        shown = body.get("entities", []) if body and not deleted else None
        return cls(
            id=job.id,
            status=aai_status(job)[0],
            audio_url="http://deleted_by_user" if deleted else o.audio_url,
            text="Deleted by user." if deleted else (body["text"] if body else None),
            words=None if deleted else words,
            utterances=[UtterancePublic(**u) for u in views.utterances(body)] if shown is not None and o.multichannel else None,
            multichannel=o.multichannel or None,
            audio_channels=job.probe.channels if o.multichannel and job.probe else None,
            confidence=round(sum(w.confidence for w in words) / len(words), 4) if words else None,
            audio_duration=round(job.probe.duration_s) if job.probe else None,
            language_code=job.language_code or o.language_code,
            speech_model_used=model if job.status == "completed" else None,
            redact_pii=o.redact_pii,
            redact_pii_audio=o.redact_pii_audio,
            redact_pii_audio_quality=o.redact_pii_audio_quality if o.redact_pii_audio else None,
            redact_pii_policies=o.redact_pii_policies,
            redact_pii_sub=o.redact_pii_sub if o.redact_pii else None,
            redact_pii_exclude=o.redact_pii_exclude,
            verification_failed=job.verification_failed,
            webhook_url=o.webhook_url,
            webhook_auth=bool(o.webhook_auth_header_name),
            webhook_auth_header_name=o.webhook_auth_header_name,
            webhook_status_code=job.webhook_status_code,
            entities=[EntityPublic(**e) for e in shown if not definitions.is_custom(e["entity_type"])]
            if shown is not None else None,
            custom_entities=[EntityPublic(**{**e, "entity_type": definitions.name_of(e["entity_type"])})
                             for e in shown if definitions.is_custom(e["entity_type"])]
            if shown is not None and o.redact_pii_custom_entities else None,
            redact_pii_custom_entities=[e.name for e in o.redact_pii_custom_entities]
            if o.redact_pii_custom_entities else None,
            error=aai_status(job)[1],
        )


class SentencePublic(WordPublic):
    words: list[WordPublic]


class SentencesPublic(BaseModel):
    sentences: list[SentencePublic]
    confidence: float
    audio_duration: int
    id: str


class ParagraphsPublic(BaseModel):
    paragraphs: list[SentencePublic]
    confidence: float
    audio_duration: int
    id: str


class RedactionSettings(BaseModel):
    """Per-key defaults for new jobs; a job's own fields win."""

    model_config = ConfigDict(extra="forbid", strict=True)

    redact_pii_policies: Policies | None = None
    redact_pii_sub: SubstitutionName | None = None
    redact_pii_custom: Custom | None = None
    redact_pii_exclude: Exclude | None = None
    redact_pii_audio: bool | None = None
    redact_pii_audio_quality: Literal["mp3", "wav"] | None = None
    keep_unredacted: bool | None = None
    verify: bool | None = None
    # ✚ the account's own entity types, added to every job's (kept in bleeper.state.custom_entities,
    # shared with the Symbl Management API's /v1/manage/entities for the same account)
    redact_pii_custom_entities: CustomEntities | None = None
