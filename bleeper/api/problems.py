"""Error messages for what FastAPI and Starlette refuse before a route runs: bad JSON, wrong
types, unknown paths and methods. Each names the field and the problem, never the submitted value."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from bleeper import policies
from bleeper.api import schemas

NOT_JSON = "body: not valid JSON (send one JSON object, UTF-8 encoded)"
# pydantic's error types, in the words of the API
EXPECTED = {
    "bool_type": "expected a boolean", "bool_parsing": "expected a boolean",
    "string_type": "expected a string", "int_type": "expected an integer", "int_parsing": "expected an integer",
    "int_from_float": "expected an integer", "float_type": "expected a number", "float_parsing": "expected a number",
    "list_type": "expected a list", "dict_type": "expected an object", "model_type": "expected an object",
    "model_attributes_type": "expected an object", "missing": "required", "extra_forbidden": "unknown field",
}
# The names a location may show: fields and policies. A dict key the client chose is not shown.
_KNOWN = {name for model in (schemas.TranscriptCreate, schemas.RedactionSettings, schemas.AudioOptionsCreate,
                              schemas.CustomEntityCreate)
          for name in model.model_fields} | set(policies.ALL_POLICIES) | {"default"} \
    | {"type", "subType", "category", "values", "customType", "text"}  # Symbl's custom entity fields


def field(loc: Iterable[Any]) -> str:
    """('body', 'redact_pii_policies', 2) → redact_pii_policies[2]."""
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    out = ""
    for i, part in enumerate(parts):
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in _KNOWN or (i == 0 and schemas.FIELD_NAME.fullmatch(part)):
            out += f".{part}" if out else part
        else:
            out += "[a key]" if out else "a field"
    return out or "body"


def describe(errors: Iterable[Mapping[str, Any]]) -> str:
    """pydantic's errors as `field: problem; field: problem`."""
    problems = []
    for e in errors:
        if e["type"] == "json_invalid":
            return NOT_JSON
        if e["type"] in ("model_attributes_type", "missing") and len(e["loc"]) == 1:
            problems.append("body: expected a JSON object")
            continue
        problems.append(f"{field(e['loc'])}: {EXPECTED.get(e['type'], e['msg'])}")
    return "; ".join(dict.fromkeys(problems))


def http_message(status: int, detail: Any, allow: str | None) -> str:
    """Starlette's own refusals (no route, wrong method) and FastAPI's unparsable body."""
    if status == 404:
        return "not found: no such endpoint (the API is under /v2; /docs lists it)"
    if status == 405:
        return f"method not allowed: this endpoint answers {allow}" if allow else "method not allowed"
    if status == 400 and detail == "There was an error parsing the body":  # bad UTF-8, too deeply nested
        return NOT_JSON
    return detail if isinstance(detail, str) else "the request was refused"
