"""The bodies of Symbl's process calls, as Symbl documents them, and what a refusal says.

Fields Symbl accepts that change nothing here (insights bleeper does not make) are accepted and
ignored, so code written for Symbl runs unchanged; any other field is refused, named."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bleeper.api.schemas import FIELD_NAME
from bleeper.errors import InvalidRequest

Text = Annotated[str, Field(max_length=256)]
Url = Annotated[str, Field(min_length=1, max_length=4096)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Speaker(Strict):
    name: Text | None = None
    email: Text | None = None
    userId: Text | None = None


class ChannelMetadata(Strict):
    channel: Annotated[int, Field(ge=1, le=32)]
    speaker: Speaker


class CustomEntityIn(Strict):
    """Symbl's request entities: `{"customType": "Hiring Process", "text": "internships"}`."""

    customType: Annotated[str, Field(min_length=1, max_length=64)]
    text: Annotated[str | None, Field(min_length=1, max_length=256)] = None
    pattern: Annotated[str | None, Field(min_length=1, max_length=512)] = None  # ✚ a regular expression


class ProcessOptions(Strict):
    name: Text | None = None
    webhookUrl: Url | None = None
    languageCode: Annotated[str, Field(max_length=16)] | None = None
    entities: Annotated[list[CustomEntityIn], Field(max_length=500)] | None = None
    detectEntities: bool | None = None  # entities are always detected here
    # accepted for compatibility; they ask for insights bleeper does not make
    confidenceThreshold: float | None = None
    detectPhrases: bool | None = None
    timezoneOffset: int | None = None
    customVocabulary: list[Text] | None = None
    mode: Literal["default", "phone"] | None = None
    enableSummary: bool | None = None


class MediaOptions(ProcessOptions):
    enableSeparateRecognitionPerChannel: bool | None = None
    channelMetadata: Annotated[list[ChannelMetadata], Field(max_length=32)] | None = None


class MediaUrlBody(MediaOptions):
    url: Url


class Payload(Strict):
    content: Annotated[str, Field(max_length=100_000)]
    contentType: Literal["text/plain"] | None = None


class Duration(Strict):
    startTime: datetime
    endTime: datetime


class Message(Strict):
    payload: Payload
    from_: Annotated[Speaker | None, Field(alias="from")] = None
    duration: Duration | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class TextBody(ProcessOptions):
    messages: Annotated[list[Message], Field(min_length=1, max_length=10_000)]


_KNOWN = {name for model in (Speaker, ChannelMetadata, CustomEntityIn, MediaUrlBody, Payload, Duration, Message,
                             TextBody) for name in model.model_fields} | {"from"}
_PROBLEM = {"extra_forbidden": "unknown field", "missing": "required", "literal_error": "not an accepted value",
            "greater_than_equal": "too small", "less_than_equal": "too large", "too_short": "must not be empty",
            "too_long": "too long", "datetime_from_date_parsing": "expected an ISO 8601 time",
            "datetime_parsing": "expected an ISO 8601 time", "datetime_type": "expected an ISO 8601 time"}


def _where(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in _KNOWN or FIELD_NAME.fullmatch(str(part)):
            out += f".{part}" if out else str(part)
        else:
            out += "[a key]" if out else "a field"
    return out or "body"


def refusal(exc: ValidationError) -> InvalidRequest:
    """pydantic's errors as `field: problem; …`, naming fields, never echoing values."""
    problems = []
    for e in exc.errors():
        if e["type"] in ("json_invalid", "model_type", "model_attributes_type") and not e["loc"]:
            return InvalidRequest("body: expected a JSON object")
        problem = _PROBLEM.get(e["type"], e["type"].replace("_", " "))
        problems.append(f"{_where(e['loc'])}: {problem}")
    return InvalidRequest("; ".join(dict.fromkeys(problems)))


def parse(model: type[Strict], data: Any) -> Any:
    if not isinstance(data, dict):
        raise InvalidRequest("body: expected a JSON object")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise refusal(exc) from None


def from_query(params: list[tuple[str, str]]) -> MediaOptions:
    """The raw-body calls take their options in the query string (entities and channelMetadata as
    JSON, booleans as true/false)."""
    data: dict[str, Any] = {}
    for key, value in params:
        if key in ("entities", "channelMetadata", "customVocabulary"):
            try:
                data[key] = json.loads(value)
            except json.JSONDecodeError:
                raise InvalidRequest(f"{key}: expected JSON in the query string") from None
        elif key in ("detectEntities", "detectPhrases", "enableSummary", "enableSeparateRecognitionPerChannel"):
            if value.lower() not in ("true", "false"):
                raise InvalidRequest(f"{key}: expected true or false")
            data[key] = value.lower() == "true"
        else:
            data[key] = value
    return parse(MediaOptions, data)
