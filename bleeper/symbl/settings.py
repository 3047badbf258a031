"""An app's redaction settings (Symbl's Management API `/redaction`), changed by JSON Patch
(RFC 6902) operations, and what one read redacts once its query has overridden them.

    {"default": true, "type": "default" | "obfuscation" | "custom",
     "exclude": ["PERSON_NAME", …], "custom": {"SSN": "Social Security Number", "default": "obfuscation"}}

`add` creates `/redaction` (or a field of it) and replaces it when it exists, as RFC 6902 says;
`replace` needs it to exist (Symbl: "use add the first time"); `remove` takes it away.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bleeper.errors import InvalidRequest
from bleeper.symbl import entities

OPS = ("add", "replace", "remove")
FIELDS = ("default", "type", "exclude", "custom")
MAX_CUSTOM_LENGTH = 64


class Redaction(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    default: bool = False
    type: Literal["default", "obfuscation", "custom"] = "default"
    exclude: list[str] = Field(default_factory=list)
    custom: dict[str, str] = Field(default_factory=dict)


def _field_problem(exc: ValidationError, where: str) -> str:
    first = exc.errors()[0]
    loc = ".".join(str(p) for p in first["loc"])
    if first["type"] == "extra_forbidden":
        return f"{where}.{loc}: unknown field; the fields are {', '.join(FIELDS)}"
    if loc == "type":
        return f'{where}.type: must be "default", "obfuscation" or "custom"'
    return f"{where}.{loc}: {first['msg'].lower()}" if loc else f"{where}: give an object with {', '.join(FIELDS)}"


def validate_redaction(value: Any, custom_names: tuple[str, ...] = (), where: str = "value") -> Redaction:
    """A `/redaction` value, its entity names checked (upper-cased) against the managed ones and
    the app's custom ones."""
    try:
        redaction = Redaction.model_validate(value)
    except ValidationError as exc:
        raise InvalidRequest(_field_problem(exc, where)) from None
    exclude = entities.parse_names(redaction.exclude, f"{where}.exclude", custom_names)
    keys = entities.parse_names(list(redaction.custom), f"{where}.custom", custom_names, allow_default=True)
    custom = dict(zip(keys, redaction.custom.values()))
    for key, text in custom.items():
        if not 1 <= len(text) <= MAX_CUSTOM_LENGTH:
            raise InvalidRequest(f"{where}.custom.{key}: give a string of 1 to {MAX_CUSTOM_LENGTH} characters")
    return redaction.model_copy(update={"exclude": exclude, "custom": custom})


def apply_patch(current: dict[str, Any], operations: Any, custom_names: tuple[str, ...] = ()) -> dict[str, Any]:
    """The settings after `operations` (a JSON Patch array); raises InvalidRequest saying which
    operation is wrong and how. Nothing is applied unless every operation is valid."""
    if not isinstance(operations, list) or not operations:
        raise InvalidRequest('give a JSON Patch array: [{"op": "add", "path": "/redaction", "value": {…}}]')
    settings = {k: dict(v) if isinstance(v, dict) else v for k, v in current.items()}
    for i, operation in enumerate(operations):
        where = f"[{i}]"
        if not isinstance(operation, dict) or not isinstance(operation.get("op"), str) \
                or not isinstance(operation.get("path"), str):
            raise InvalidRequest(f'{where}: each operation is an object with "op", "path" and "value"')
        op, path = operation["op"], operation["path"]
        if op not in OPS:
            raise InvalidRequest(f"{where}.op: {op!r:.20} is not supported here; use add or replace (or remove)")
        parts = path.split("/")
        if parts[:2] != ["", "redaction"] or len(parts) > 3 or (len(parts) == 3 and parts[2] not in FIELDS):
            raise InvalidRequest(f'{where}.path: use "/redaction" or "/redaction/<field>" with a field among '
                                 f"{', '.join(FIELDS)}")
        member = parts[2] if len(parts) == 3 else None
        exists = "redaction" in settings
        if (op != "add" or member) and not exists:
            raise InvalidRequest(f"{where}: there are no redaction settings yet: create them with "
                                 '{"op": "add", "path": "/redaction", "value": {…}} first')
        if op != "remove" and "value" not in operation:
            raise InvalidRequest(f'{where}.value: {op} needs a "value"')
        if op == "remove":
            if member:  # back to its default
                rest = {k: v for k, v in settings["redaction"].items() if k != member}
                settings["redaction"] = validate_redaction(rest, custom_names, where).model_dump()
            else:
                settings.pop("redaction")
            continue
        merged = {**settings["redaction"], member: operation["value"]} if member else operation["value"]
        settings["redaction"] = validate_redaction(merged, custom_names, f"{where}.value").model_dump()
    return settings


@dataclass(frozen=True)
class ReadOptions:
    """What one read redacts: the app's settings with the query's `redact` and `exclude` on top."""

    redact: bool = False
    type: str = "default"
    exclude: frozenset[str] = frozenset()
    custom: dict[str, str] = field(default_factory=dict)

    def hides(self, name: str) -> bool:
        return self.redact and name not in self.exclude

    def replacement(self, name: str) -> str:
        """What the text shows instead of a value of entity `name`: `[SSN]`, `[****]`, or the
        app's own string (custom keys may name a broader entity: LOCATION covers LOCATION_CITY)."""
        if self.type == "obfuscation":
            return "[****]"
        if self.type == "custom":
            broader = [n for n, narrower in entities.NARROWER.items() if name in narrower]
            for key in (name, *broader):
                if key in self.custom:
                    return self.custom[key]
            fallback = self.custom.get("default", "default")
            if fallback == "obfuscation":
                return "[****]"
            if fallback not in ("default", "custom", "entity_name"):
                return fallback
        return f"[{name}]"


def read_options(settings: dict[str, Any], redact: bool | None, exclude: list[str] | None) -> ReadOptions:
    """`redact` overrides the settings' `default`; a query `exclude` replaces the settings' list."""
    stored = Redaction.model_validate(settings.get("redaction") or {})
    names = stored.exclude if exclude is None else exclude
    return ReadOptions(redact=stored.default if redact is None else redact, type=stored.type,
                       exclude=frozenset(entities.covered(names)), custom=dict(stored.custom))
