"""AssemblyAI's v3 streaming protocol: the messages bleeper sends (`Begin`, `Turn`, `Termination`,
`Error`), the close codes, and the client's JSON messages (`Terminate`, `ForceEndpoint`,
`KeepAlive`, `UpdateConfiguration`).

The official SDK's reader thread stops silently on a message its pydantic models refuse (a float
where they want an int, a missing field), so every field here is typed as the SDK's
`assemblyai.streaming.v3.models` types it: times and durations are integer milliseconds or
seconds (tests/unit/bleeper/streaming/test_protocol.py parses each message with the SDK's models).
"""

from __future__ import annotations

import json
from enum import IntEnum
from typing import Any, Literal

from pydantic import BaseModel


class Close(IntEnum):
    """WebSocket close codes, as AssemblyAI's (the SDK's RealTimeErrorCodes) plus 1000 and 1008."""

    normal = 1000
    unauthorized = 1008
    server_error = 3005
    invalid_message = 3006  # bad JSON, an unknown or unsupported parameter or message
    audio_violation = 3007  # audio sent faster than real time, or a frame over the length limit
    too_long = 3008  # the session passed its maximum duration
    too_many_sessions = 3009


class ProtocolError(Exception):
    """A reason to end the session: an `Error` message, then a close with this code. The message
    says what to fix and never quotes what the client sent (it may be PII)."""

    def __init__(self, code: Close, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# --- what bleeper sends ---------------------------------------------------------------------------


class WordOut(BaseModel):
    start: int  # ms on the session's audio clock
    end: int
    text: str
    confidence: float
    word_is_final: bool


class BeginOut(BaseModel):
    type: Literal["Begin"] = "Begin"
    id: str
    expires_at: int  # unix time, s


class TurnOut(BaseModel):
    type: Literal["Turn"] = "Turn"
    turn_order: int
    turn_is_formatted: bool
    end_of_turn: bool
    transcript: str
    end_of_turn_confidence: float
    words: list[WordOut]
    language_code: str | None = None
    language_confidence: float | None = None


class TerminationOut(BaseModel):
    type: Literal["Termination"] = "Termination"
    audio_duration_seconds: int
    session_duration_seconds: int
    # ✚ with redact_pii_audio: the batch job the session's audio went to (the SDK ignores the field)
    transcript_id: str | None = None
    redacted_audio_error: str | None = None


class ErrorOut(BaseModel):
    type: Literal["Error"] = "Error"
    error_code: int
    error: str


def dump(message: BaseModel) -> str:
    """JSON as sent: optional fields left out when unset (the SDK reads them as absent)."""
    return message.model_dump_json(exclude_none=True)


def error(exc: ProtocolError) -> str:
    return dump(ErrorOut(error_code=int(exc.code), error=exc.message))


# --- what the client sends ------------------------------------------------------------------------

CLIENT_TYPES = ("Terminate", "ForceEndpoint", "KeepAlive", "UpdateConfiguration")
MAX_TEXT_BYTES = 16 * 1024  # an UpdateConfiguration with a long keyterms_prompt is a few KiB


def parse_client_message(text: str) -> tuple[str, dict[str, Any]]:
    """A text frame → (type, the other fields). Raises ProtocolError(3006) naming what is wrong."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_TEXT_BYTES:
        raise ProtocolError(Close.invalid_message, f"a text message is over {MAX_TEXT_BYTES} bytes; send audio as "
                                                   "binary frames")
    try:
        body = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise ProtocolError(Close.invalid_message, "a text message is not valid JSON; send audio as binary frames "
                                                   'and control messages as JSON like {"type": "Terminate"}') from None
    if not isinstance(body, dict) or not isinstance(body.get("type"), str):
        raise ProtocolError(Close.invalid_message, 'a text message must be a JSON object with a "type" field')
    kind = body.pop("type")
    if kind not in CLIENT_TYPES:
        raise ProtocolError(Close.invalid_message, f"unknown message type; expected one of {', '.join(CLIENT_TYPES)}")
    if kind != "UpdateConfiguration" and body:
        raise ProtocolError(Close.invalid_message, f"{kind} takes no fields; unexpected: {', '.join(sorted(body))}")
    return kind, body
