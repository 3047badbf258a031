"""Symbl's entity names for bleeper's policies: name, type, subType and category (PII, PCI, PHI,
General; `Custom` for an account's own types), and back from a name a user writes in `exclude` or
`custom` to what it covers.

A Symbl entity *name* is what redaction writes (`[SSN]`, `[LOCATION_CITY]`) and what `exclude`
takes: the type, joined to its subType when it has one (`CREDIT_CARD` + `NUMBER`). Every policy
bleeper detects has one; `location` is split by bleeper.symbl.locations into the finer names
below, and falls back to `LOCATION` when the words alone do not say which kind of place it is.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Literal

from bleeper import policies
from bleeper.errors import InvalidRequest

Category = Literal["PII", "PCI", "PHI", "General", "Custom"]
CUSTOM_PREFIX = "custom:"  # Entity.policy of an account's or a request's own entity type


@dataclass(frozen=True)
class SymblType:
    type: str
    sub_type: str | None
    category: Category

    @property
    def name(self) -> str:
        return f"{self.type}_{self.sub_type}" if self.sub_type else self.type


def _t(type_: str, category: Category, sub_type: str | None = None) -> SymblType:
    return SymblType(type_, sub_type, category)


# policy -> its Symbl entity. Categories follow Symbl's redaction page: PII (names, ages,
# birthdays, national ids), PCI (bank accounts, routing numbers, cards, expiry dates, CVVs), PHI
# (conditions, blood groups, injuries, medical statistics), General (events, file names, times, URLs).
POLICY_TYPES: dict[str, SymblType] = {
    "account_number": _t("ACCOUNT_NUMBER", "PCI"),
    "banking_information": _t("BANKING_INFORMATION", "PCI"),
    "blood_type": _t("BLOOD_TYPE", "PHI"),
    "credit_card_cvv": _t("CREDIT_CARD", "PCI", "CVV"),
    "credit_card_expiration": _t("CREDIT_CARD", "PCI", "EXPIRATION"),
    "credit_card_number": _t("CREDIT_CARD", "PCI", "NUMBER"),
    "date": _t("DATE", "General"),
    "date_interval": _t("DATE", "General", "INTERVAL"),
    "date_of_birth": _t("DATE_OF_BIRTH", "PII"),
    "drivers_license": _t("DRIVERS_LICENSE", "PII"),
    "drug": _t("DRUG", "PHI"),
    "duration": _t("DURATION", "General"),
    "email_address": _t("EMAIL_ADDRESS", "PII"),
    "event": _t("EVENT", "General"),
    "filename": _t("FILENAME", "General"),
    "gender_sexuality": _t("GENDER_SEXUALITY", "PII"),
    "healthcare_number": _t("HEALTHCARE_NUMBER", "PHI"),
    "injury": _t("INJURY", "PHI"),
    "ip_address": _t("IP_ADDRESS", "PII"),
    "language": _t("LANGUAGE", "General"),
    "location": _t("LOCATION", "PII"),
    "marital_status": _t("MARITAL_STATUS", "PII"),
    "medical_condition": _t("MEDICAL_CONDITION", "PHI"),
    "medical_process": _t("MEDICAL_PROCESS", "PHI"),
    "money_amount": _t("MONEY_AMOUNT", "General"),
    "nationality": _t("NATIONALITY", "PII"),
    "number_sequence": _t("NUMBER_SEQUENCE", "PII"),
    "occupation": _t("OCCUPATION", "PII"),
    "organization": _t("ORGANIZATION", "General"),
    "passport_number": _t("PASSPORT_NUMBER", "PII"),
    "password": _t("PASSWORD", "PII"),
    "person_age": _t("PERSON", "PII", "AGE"),
    "person_name": _t("PERSON", "PII", "NAME"),
    "phone_number": _t("PHONE_NUMBER", "PII"),
    "physical_attribute": _t("PHYSICAL_ATTRIBUTE", "PII"),
    "political_affiliation": _t("POLITICAL_AFFILIATION", "PII"),
    "religion": _t("RELIGION", "PII"),
    "statistics": _t("STATISTICS", "PHI"),
    "time": _t("TIME", "General"),
    "url": _t("URL", "General"),
    "us_social_security_number": _t("SSN", "PII"),
    "username": _t("USERNAME", "PII"),
    "vehicle_id": _t("VEHICLE_ID", "PII"),
    "zodiac_sign": _t("ZODIAC_SIGN", "General"),
}

# the kinds of place bleeper.symbl.locations tells apart (LOCATION itself: a place of no known kind)
LOCATION_TYPES: dict[str, SymblType] = {
    name: _t("LOCATION", "PII", name.removeprefix("LOCATION_"))
    for name in ("LOCATION_ADDRESS", "LOCATION_ADDRESS_STREET", "LOCATION_CITY", "LOCATION_STATE",
                 "LOCATION_COUNTRY", "LOCATION_ZIP")
}

MANAGED: dict[str, SymblType] = {t.name: t for t in [*POLICY_TYPES.values(), *LOCATION_TYPES.values()]}
# a name that covers narrower ones: excluding LOCATION shows every kind of place
NARROWER: dict[str, tuple[str, ...]] = {
    "LOCATION": tuple(LOCATION_TYPES),
    "LOCATION_ADDRESS": ("LOCATION_ADDRESS_STREET",),
}
NAME_POLICY: dict[str, str] = {t.name: p for p, t in POLICY_TYPES.items()} | {n: "location" for n in LOCATION_TYPES}

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}")


def custom_name(policy: str) -> str | None:
    """`custom:PRODUCT_CODE` -> `PRODUCT_CODE`; None for a built-in policy."""
    return policy[len(CUSTOM_PREFIX):].upper() if policy.startswith(CUSTOM_PREFIX) else None


def symbl_type(policy: str, location_kind: str | None = None) -> SymblType:
    """The Symbl entity of a detected entity's policy (a location's finer kind when known)."""
    custom = custom_name(policy)
    if custom is not None:
        return SymblType(custom, None, "Custom")
    if policy == "location" and location_kind in LOCATION_TYPES:
        return LOCATION_TYPES[location_kind]
    return POLICY_TYPES[policies.ALIASES.get(policy, policy)]


def valid_names(custom: tuple[str, ...] = ()) -> tuple[str, ...]:
    return tuple(sorted(MANAGED)) + tuple(sorted({c.upper() for c in custom} - set(MANAGED)))


def parse_names(values: object, field: str, custom: tuple[str, ...] = (), allow_default: bool = False) -> list[str]:
    """Entity names as a user writes them in `exclude` or as `custom` keys: a list of strings,
    each a managed name or one of the account's custom ones, in any case (Symbl asks for capitals).
    Raises InvalidRequest naming the unknown entity and listing the valid ones. A value that does
    not look like a name is named by its position only: it may be anything, PII included."""
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise InvalidRequest(f'{field}: give a list of entity names, e.g. ["PERSON_NAME", "LOCATION_CITY"]')
    known = set(valid_names(custom)) | ({"default"} if allow_default else set())
    names: list[str] = []
    for i, value in enumerate(values):
        name = value if allow_default and value == "default" else value.strip().upper()
        if name not in known:
            shown = repr(value) if _NAME.fullmatch(value.strip()) else f"{field}[{i}]"
            raise InvalidRequest(f"{field}: {shown} is not an entity name; valid names are "
                                 f"{', '.join(valid_names(custom))}")
        names.append(name)
    return list(dict.fromkeys(names))


def covered(names: list[str]) -> set[str]:
    """The names a list excludes: each one and the narrower names it covers."""
    out = set(names)
    for name in names:
        out |= set(NARROWER.get(name, ()))
    return out


def parse_exclude_query(raw: str, custom: tuple[str, ...] = ()) -> list[str]:
    """`exclude` as a read's query gives it: a JSON list (`["LOCATION_CITY"]`, Symbl's form), or
    names separated by commas (`LOCATION_CITY,SSN`)."""
    try:
        value = json.loads(raw)
    except ValueError:
        value = [part.strip() for part in raw.split(",") if part.strip()]
    if isinstance(value, str):
        value = [value]
    return parse_names(value, "exclude", custom)
