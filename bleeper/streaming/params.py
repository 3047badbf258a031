"""A session's parameters: the query string of `GET /v3/ws` as AssemblyAI's SDK writes it (booleans
as `True`/`False`, lists as JSON), and the `UpdateConfiguration` messages that change some of them.

Everything the SDK can send is either used, or refused by name when it is asked for (a feature
bleeper does not have is never ignored silently); names bleeper does not know at all are refused
too. Errors never repeat a value: it may be PII.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from pydantic import BaseModel

from bleeper import languages, policies
from bleeper.errors import InvalidRequest
from bleeper.models import Substitution
from bleeper.streaming.protocol import Close, ProtocolError

# AssemblyAI's streaming models (the SDK's SpeechModel): all are served by the deployment's Whisper
# model (BLEEPER_STREAM_WHISPER_MODEL); the English one fixes the language to English
AAI_MODELS = ("universal-streaming-english", "universal-streaming-multilingual", "u3-rt-pro", "u3-rt-pro-beta-1",
              "whisper-rt", "universal-3-5-pro", "universal-3-6", "universal-3-6-pro", "u3-pro")
ENCODINGS = ("pcm_s16le", "pcm_mulaw")
# the SDK's parameters bleeper has no feature for: refused when asked for (a value other than
# false, 0 or empty), accepted when they say "off"
UNSUPPORTED = ("filter_profanity", "prompt", "agent_context", "interruption_delay", "turn_left_pad_ms",
               "session_heartbeat", "acknowledge_silence", "domain", "llm_gateway", "speaker_labels",
               "speaker_labels_revision_interval_ms", "max_speakers", "voice_focus", "voice_focus_threshold",
               "noise_suppression_model", "noise_suppression_threshold", "continuous_partials",
               "customer_support_audio_capture", "mode")
# what UpdateConfiguration may change mid-session
UPDATABLE = ("end_of_turn_confidence_threshold", "min_turn_silence", "min_end_of_turn_silence_when_confident",
             "max_turn_silence", "vad_threshold", "format_turns", "keyterms_prompt")
MAX_KEYTERMS, MAX_KEYTERM_CHARS = 100, 50
MAX_NAMES_SHOWN, MAX_NAME_CHARS = 10, 40


class StreamParams(BaseModel):
    sample_rate: int
    encoding: str = "pcm_s16le"
    speech_model: str | None = None
    format_turns: bool = False
    end_of_turn_confidence_threshold: float = 0.4
    min_turn_silence: int = 400  # ms
    max_turn_silence: int = 1280  # ms
    vad_threshold: float = 0.5
    include_partial_turns: bool = False
    keyterms_prompt: list[str] = []
    language: str | None = "en"  # None: detect it, turn by turn
    languages_allowed: list[str] = []  # language_codes with several codes: detect among these
    language_detection: bool = False  # report language_code and language_confidence in final turns
    inactivity_timeout: int | None = None  # s
    redact_pii: bool = True
    policies: tuple[str, ...] = ()
    redact_pii_sub: Substitution = Substitution.hash
    redact_pii_custom: dict[str, str] = {}
    redact_pii_exclude: list[str] | None = None
    redact_pii_audio: bool = False
    redact_pii_audio_quality: str = "mp3"
    webhook_url: str | None = None
    webhook_auth_header_name: str | None = None
    webhook_auth_header_value: str | None = None


def names(keys: Iterable[str]) -> str:
    """Parameter names for an error message: each cut short, at most ten (a name is not a value,
    but a client could send anything as one)."""
    shown = sorted({k if len(k) <= MAX_NAME_CHARS else k[:MAX_NAME_CHARS] + "…" for k in keys})
    more = len(shown) - MAX_NAMES_SHOWN
    return ", ".join(shown[:MAX_NAMES_SHOWN]) + (f" and {more} more" if more > 0 else "")


def _bad(message: str) -> ProtocolError:
    return ProtocolError(Close.invalid_message, message)


def to_bool(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise _bad(f"{name}: expected true or false")


def to_int(name: str, value: Any, lo: int, hi: int) -> int:
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
        raise _bad(f"{name}: expected a whole number from {lo} to {hi}")
    return value


def to_float(name: str, value: Any, lo: float, hi: float) -> float:
    try:
        number = float(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None
    except ValueError:
        number = None
    if number is None or not lo <= number <= hi:
        raise _bad(f"{name}: expected a number from {lo:g} to {hi:g}")
    return number


def to_json(name: str, value: Any, kind: type) -> Any:
    """A list or object: native in a JSON message, JSON-encoded in the query string."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise _bad(f"{name}: expected a JSON-encoded {'array' if kind is list else 'object'}") from None
    if not isinstance(value, kind):
        raise _bad(f"{name}: expected a JSON-encoded {'array' if kind is list else 'object'}")
    return value


def strings(name: str, value: Any, most: int, chars: int) -> list[str]:
    items = to_json(name, value, list)
    if len(items) > most or not all(isinstance(i, str) and 0 < len(i) <= chars for i in items):
        raise _bad(f"{name}: expected at most {most} strings of 1 to {chars} characters")
    return items


def _asked_for(value: Any) -> bool:
    return str(value).strip().lower() not in ("", "false", "0", "none", "null", "[]", "{}")


def _turn_settings(given: Mapping[str, Any], into: dict[str, Any]) -> None:
    """The turn-detection and formatting parameters, shared by the query and UpdateConfiguration."""
    for alias in ("min_end_of_turn_silence_when_confident",):
        if alias in given and "min_turn_silence" not in given:
            into["min_turn_silence"] = to_int(alias, given[alias], 0, 10_000)
    if "min_turn_silence" in given:
        into["min_turn_silence"] = to_int("min_turn_silence", given["min_turn_silence"], 0, 10_000)
    if "max_turn_silence" in given:
        into["max_turn_silence"] = to_int("max_turn_silence", given["max_turn_silence"], 0, 10_000)
    if "end_of_turn_confidence_threshold" in given:
        into["end_of_turn_confidence_threshold"] = to_float("end_of_turn_confidence_threshold",
                                                            given["end_of_turn_confidence_threshold"], 0, 1)
    if "vad_threshold" in given:
        into["vad_threshold"] = to_float("vad_threshold", given["vad_threshold"], 0.05, 0.95)
    if "format_turns" in given:
        into["format_turns"] = to_bool("format_turns", given["format_turns"])
    if "keyterms_prompt" in given:
        into["keyterms_prompt"] = strings("keyterms_prompt", given["keyterms_prompt"], MAX_KEYTERMS,
                                          MAX_KEYTERM_CHARS)


def _check_silences(values: dict[str, Any]) -> None:
    if values["max_turn_silence"] < values["min_turn_silence"]:
        raise _bad("max_turn_silence: must not be below min_turn_silence")


KNOWN = frozenset({
    "sample_rate", "encoding", "speech_model", "format_turns", "end_of_turn_confidence_threshold", "min_turn_silence",
    "min_end_of_turn_silence_when_confident", "max_turn_silence", "vad_threshold", "include_partial_turns",
    "keyterms_prompt", "language_code", "language_codes", "language_detection", "inactivity_timeout", "redact_pii",
    "redact_pii_policies", "redact_pii_sub", "redact_pii_custom", "redact_pii_exclude", "redact_pii_audio",
    "redact_pii_audio_quality", "webhook_url", "webhook_auth_header_name", "webhook_auth_header_value", "token",
})


def parse_query(pairs: Iterable[tuple[str, str]], model: str, custom_names: Collection[str] = ()) -> StreamParams:
    """The session's parameters from the query string; `model` is the Whisper model that serves
    the session (BLEEPER_STREAM_WHISPER_MODEL), for the language checks; `custom_names`: the names of the
    account's own entity types (`NAME`, `custom:NAME`), which `redact_pii_exclude` and
    `redact_pii_custom` may name. Raises ProtocolError(3006)."""
    given: dict[str, str] = {}
    for key, value in pairs:
        if key in given:
            raise _bad(f"{names([key])}: given more than once")
        given[key] = value
    unknown = set(given) - KNOWN - set(UNSUPPORTED)
    if unknown:
        raise _bad(f"unknown parameter(s): {names(unknown)}; see the README's Streaming section for those bleeper "
                   "accepts")
    asked = [k for k in UNSUPPORTED if k in given and _asked_for(given[k])]
    if asked:
        raise _bad(f"not supported by bleeper: {names(asked)}; leave them out")
    if "sample_rate" not in given:
        raise _bad("sample_rate: required (the rate of the audio you send, e.g. 16000)")
    values: dict[str, Any] = {"sample_rate": to_int("sample_rate", given["sample_rate"], 8000, 48000)}
    encoding = given.get("encoding", "pcm_s16le")
    if encoding not in ENCODINGS:
        raise _bad(f"encoding: bleeper takes {' or '.join(ENCODINGS)}; decode other formats before sending")
    values["encoding"] = encoding
    speech_model = given.get("speech_model")
    if speech_model is not None and speech_model not in AAI_MODELS and speech_model != model:
        raise _bad(f"speech_model: expected one of {', '.join(AAI_MODELS)} (all served by this deployment's "
                   f"Whisper model, {model})")
    values["speech_model"] = speech_model
    _turn_settings(given, values)
    values.update(_language(given, speech_model, model))
    if "inactivity_timeout" in given:
        values["inactivity_timeout"] = to_int("inactivity_timeout", given["inactivity_timeout"], 5, 3600)
    values.update(_redaction(given, custom_names))
    partials = given.get("include_partial_turns")
    values["include_partial_turns"] = (to_bool("include_partial_turns", partials) if partials is not None
                                       else not values["redact_pii"])
    params = StreamParams(**values)
    _check_silences(params.model_dump())
    return params


def _language(given: Mapping[str, str], speech_model: str | None, model: str) -> dict[str, Any]:
    if "language_code" in given and "language_codes" in given:
        raise _bad("language_code and language_codes: give one of them")
    detect = to_bool("language_detection", given["language_detection"]) if "language_detection" in given else False
    codes = ([given["language_code"]] if "language_code" in given
             else strings("language_codes", given["language_codes"], 20, 16) if "language_codes" in given else [])
    checked = []
    for code in codes:
        try:
            languages.check(code, model)
        except InvalidRequest as exc:
            raise _bad(exc.message) from None
        checked.append(languages.normalize(code))
    checked = list(dict.fromkeys(checked))
    if languages.english_only(model):
        return {"language": "en", "language_detection": detect}
    if len(checked) == 1:
        return {"language": checked[0], "language_detection": detect}
    if checked:
        return {"language": None, "languages_allowed": checked, "language_detection": detect}
    multilingual = detect or (speech_model not in (None, "universal-streaming-english"))
    return {"language": None if multilingual else "en", "language_detection": detect}


def _redaction(given: Mapping[str, str], custom_names: Collection[str] = ()) -> dict[str, Any]:
    redact = to_bool("redact_pii", given["redact_pii"]) if "redact_pii" in given else True
    audio = to_bool("redact_pii_audio", given["redact_pii_audio"]) if "redact_pii_audio" in given else False
    out: dict[str, Any] = {"redact_pii": redact, "redact_pii_audio": audio}
    if audio and not redact:
        raise _bad("redact_pii_audio: requires redact_pii to be true")
    if "redact_pii_sub" in given:
        try:
            out["redact_pii_sub"] = Substitution(given["redact_pii_sub"])
        except ValueError:
            raise _bad(f"redact_pii_sub: expected one of {', '.join(Substitution)}") from None
    wanted = strings("redact_pii_policies", given["redact_pii_policies"], len(policies.ALL_POLICIES), 64) \
        if "redact_pii_policies" in given else None
    exclude = strings("redact_pii_exclude", given["redact_pii_exclude"], len(policies.ALL_POLICIES), 64) \
        if "redact_pii_exclude" in given else None
    custom = to_json("redact_pii_custom", given["redact_pii_custom"], dict) if "redact_pii_custom" in given else {}
    if not all(isinstance(v, str) and len(v) <= 256 for v in custom.values()):
        raise _bad("redact_pii_custom: expected an object of policy names to strings of up to 256 characters")
    try:
        policies.validate(wanted)
        if exclude:
            policies.validate(exclude, field="redact_pii_exclude", custom=custom_names)
        policies.validate_custom(custom, custom_names)
        if redact:
            policies.check_redacts_something(wanted, exclude)
    except InvalidRequest as exc:
        raise _bad(exc.message) from None
    out.update(policies=policies.wanted(wanted, exclude), redact_pii_custom=custom, redact_pii_exclude=exclude)
    if "redact_pii_audio_quality" in given:
        if given["redact_pii_audio_quality"] not in ("mp3", "wav"):
            raise _bad("redact_pii_audio_quality: expected mp3 or wav")
        out["redact_pii_audio_quality"] = given["redact_pii_audio_quality"]
    hooks = {k: given[k] for k in ("webhook_url", "webhook_auth_header_name", "webhook_auth_header_value") if k in given}
    if hooks and not audio:
        raise _bad(f"{names(hooks)}: bleeper sends webhooks for the redacted audio's job; set redact_pii_audio=true "
                   "or leave them out")
    out.update(hooks)
    return out


def apply_update(params: StreamParams, body: Mapping[str, Any]) -> StreamParams:
    """An UpdateConfiguration message's fields (native JSON types) applied. Raises ProtocolError(3006)."""
    unknown = set(body) - set(UPDATABLE) - set(UNSUPPORTED)
    if unknown:
        raise _bad(f"UpdateConfiguration: unknown field(s) {names(unknown)}; it can change {', '.join(UPDATABLE[:1])}, "
                   f"{', '.join(UPDATABLE[2:])} and min_turn_silence")
    asked = [k for k in UNSUPPORTED if k in body and body[k] is not None and _asked_for(body[k])]
    if asked:
        raise _bad(f"UpdateConfiguration: not supported by bleeper: {names(asked)}")
    changed: dict[str, Any] = {}
    _turn_settings({k: v for k, v in body.items() if v is not None}, changed)
    updated = params.model_copy(update=changed)
    _check_silences(updated.model_dump())
    return updated
