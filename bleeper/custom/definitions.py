"""Custom entity definitions (✚ issue 16): the rules a definition must meet, its policy name, and
which of a job's definitions it redacts.

A definition (`bleeper.models.CustomEntity`) names an account's or a request's own entity type:
`name` in upper snake case (`PRODUCT_CODE`), `phrases` said as they are, a `pattern`, and
`context` words that must be said near a match for it to count. Its entities carry the policy
`custom:<NAME>`; `redact_pii_exclude` and `redact_pii_custom` take either spelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bleeper import policies
from bleeper.custom import patterns
from bleeper.errors import InvalidRequest
from bleeper.models import CustomEntity

PREFIX = "custom:"
NAME = re.compile(r"[A-Z][A-Z0-9_]{0,63}")
MAX_ENTITIES = 100  # per job: the account's and the request's together
MAX_PHRASES = 1000  # per entity
MAX_ALL_PHRASES = 5000  # per job
MAX_PHRASE_LENGTH = 200
MAX_CONTEXT = 50
MAX_CONTEXT_LENGTH = 64
# Names a custom entity may not take: AssemblyAI's policies as they are written in `[NAME]`, the
# key of a default custom string, and Symbl's entity names (its `exclude` and `custom` keys).
SYMBL_NAMES = frozenset({
    "PERSON_NAME", "EMAIL_ADDRESS", "PHONE_NUMBER", "SSN", "DRIVER_LICENSE", "PASSPORT_NUMBER",
    "CREDIT_CARD_NUMBER", "CVV", "CREDIT_CARD_CVV", "CREDIT_CARD_EXPIRATION", "BANK_ACCOUNT_NUMBER",
    "ROUTING_NUMBER", "LOCATION", "LOCATION_CITY", "LOCATION_STATE", "LOCATION_COUNTRY", "LOCATION_ADDRESS",
    "LOCATION_ADDRESS_STREET", "LOCATION_ZIP", "LOCATION_COORDINATE", "DATE_OF_BIRTH", "AGE", "DATE", "TIME",
    "ORGANIZATION", "URL", "IP_ADDRESS", "USERNAME", "PASSWORD", "MEDICAL_CONDITION", "BLOOD_TYPE", "INJURY",
    "DRUG", "MEDICAL_PROCESS", "STATISTICS", "HEALTHCARE_NUMBER", "EVENT", "FILENAME", "MONEY_AMOUNT",
})
RESERVED = frozenset({p.upper() for p in policies.ALL_POLICIES} | SYMBL_NAMES | {"DEFAULT", "REDACTED"})


def policy_of(name: str) -> str:
    return PREFIX + name


def is_custom(policy: str) -> bool:
    return policy.startswith(PREFIX)


def name_of(policy: str) -> str:
    """`custom:PRODUCT_CODE` → `PRODUCT_CODE`; a built-in policy as `[NAME]` shows it."""
    return policy[len(PREFIX):] if is_custom(policy) else policy.upper()


def _check_strings(values: object, field: str, limit: int, length: int, what: str) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise InvalidRequest(f"{field}: give a list of strings")
    if len(values) > limit:
        raise InvalidRequest(f"{field}: at most {limit} {what}")
    # positions only: a phrase may be a customer's name
    for i, v in enumerate(values):
        if not v.strip():
            raise InvalidRequest(f"{field}[{i}]: empty; remove it")
        if len(v) > length:
            raise InvalidRequest(f"{field}[{i}]: longer than {length} characters")
        if not any(c.isalnum() for c in v):
            raise InvalidRequest(f"{field}[{i}]: has no letter or digit, so it cannot be matched in speech")
    return [" ".join(v.split()) for v in values]


def check_one(entity: CustomEntity, field: str = "redact_pii_custom_entities[0]") -> CustomEntity:
    """The definition with its strings tidied, or InvalidRequest saying what to fix (by position,
    never quoting a phrase or the pattern)."""
    if not NAME.fullmatch(entity.name or ""):
        raise InvalidRequest(f"{field}.name: write the name in upper case letters, digits and underscores, "
                             "starting with a letter, at most 64 characters (e.g. PRODUCT_CODE)")
    if entity.name in RESERVED:
        raise InvalidRequest(f"{field}.name: {entity.name} is a built-in entity's name; choose another "
                             "(e.g. prefix it with your product's name)")
    phrases = _check_strings(entity.phrases, f"{field}.phrases", MAX_PHRASES, MAX_PHRASE_LENGTH, "phrases")
    context = _check_strings(entity.context, f"{field}.context", MAX_CONTEXT, MAX_CONTEXT_LENGTH, "context words")
    if entity.pattern is not None:
        patterns.check(entity.pattern, f"{field}.pattern")
    if not phrases and entity.pattern is None:
        raise InvalidRequest(f"{field}: give phrases, a pattern, or both; with neither nothing would be found")
    return entity.model_copy(update={"phrases": list(dict.fromkeys(phrases)), "context": context})


def check_all(entities: Iterable[CustomEntity] | None, field: str = "redact_pii_custom_entities"
              ) -> list[CustomEntity]:
    """A job's (or an account's) definitions, each checked, names unique, within the limits."""
    entities = list(entities or [])
    if len(entities) > MAX_ENTITIES:
        raise InvalidRequest(f"{field}: at most {MAX_ENTITIES} custom entities (the account's and the request's "
                             "together)")
    checked = [check_one(e, f"{field}[{i}]") for i, e in enumerate(entities)]
    seen: set[str] = set()
    for i, e in enumerate(checked):
        if e.name in seen:
            raise InvalidRequest(f"{field}[{i}].name: {e.name} is defined twice; merge the two definitions")
        seen.add(e.name)
    if sum(len(e.phrases) for e in checked) > MAX_ALL_PHRASES:
        raise InvalidRequest(f"{field}: at most {MAX_ALL_PHRASES} phrases in all")
    return checked


def merge(account: Iterable[CustomEntity], request: Iterable[CustomEntity] | None) -> list[CustomEntity]:
    """The account's definitions with the request's: a request's definition replaces the
    account's of the same name."""
    mine = {e.name: e for e in account}
    for e in request or []:
        mine.pop(e.name, None)
    return [*mine.values(), *(request or [])]


def names(entities: Iterable[CustomEntity] | None) -> set[str]:
    """The names `redact_pii_exclude` and `redact_pii_custom` may use: `NAME` and `custom:NAME`."""
    out: set[str] = set()
    for e in entities or []:
        out |= {e.name, policy_of(e.name)}
    return out


def wanted(entities: Iterable[CustomEntity] | None, exclude: Iterable[str] | None) -> list[CustomEntity]:
    """The definitions a job detects: all of them but the excluded ones."""
    excluded = set(exclude or ())
    return [e for e in entities or [] if e.name not in excluded and policy_of(e.name) not in excluded]


def excluded(entities: Iterable[CustomEntity] | None, exclude: Iterable[str] | None) -> list[CustomEntity]:
    """The definitions a job excludes: what they match stays visible (bleeper.detection.find_pii)."""
    keep = {e.name for e in wanted(entities, exclude)}
    return [e for e in entities or [] if e.name not in keep]


def from_symbl(type_: str, sub_type: str | None = None) -> str:
    """A Symbl custom entity's redaction name from its `type` and `subType` (or a process call's
    `customType`): `Vehicle`/`TeslaModel` → VEHICLE_TESLA_MODEL, `Product code` → PRODUCT_CODE."""
    words: list[str] = []
    for part in (type_, sub_type or ""):
        spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", part)
        words += re.findall(r"[A-Za-z0-9]+", spaced)
    name = "_".join(w.upper() for w in words)
    if name and name[0].isdigit():
        name = "E_" + name
    return name[:64]


def from_process_entities(items: list[dict] | None, field: str = "entities") -> list[CustomEntity]:
    """A Symbl process call's `entities` (`[{"customType": "Product code", "text": "82498-34792"}]`)
    as definitions: one per `customType`, its texts as phrases (✚ a `pattern` too). Checked."""
    if items is None:
        return []
    if not isinstance(items, list):
        raise InvalidRequest(f'{field}: give a list like [{{"customType": "Product", "text": "Model X"}}]')
    by_name: dict[str, CustomEntity] = {}
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("customType"), str):
            raise InvalidRequest(f'{field}[{i}]: give an object with "customType" and "text" strings')
        name = from_symbl(item["customType"])
        entity = by_name.setdefault(name, CustomEntity(name=name))
        text, pattern = item.get("text"), item.get("pattern")
        if text is not None:
            if not isinstance(text, str):
                raise InvalidRequest(f"{field}[{i}].text: give a string")
            entity.phrases.append(text)
        if pattern is not None:
            if not isinstance(pattern, str) or (entity.pattern is not None and entity.pattern != pattern):
                raise InvalidRequest(f"{field}[{i}].pattern: give one pattern string per customType")
            entity.pattern = pattern
    return check_all(by_name.values(), field)
