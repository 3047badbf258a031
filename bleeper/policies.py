"""AssemblyAI's PII policy names and the Presidio entity types that stand for each."""

from __future__ import annotations

from collections.abc import Collection

from bleeper.errors import InvalidRequest

# policy -> Presidio entity types emitted by the recognizers in bleeper/detection/recognizers and spaCy.
# An empty tuple: accepted, but nothing detects it yet (README, Detection).
POLICY_ENTITIES: dict[str, tuple[str, ...]] = {
    "account_number": ("ACCOUNT_NUMBER",),
    "banking_information": ("US_BANK_NUMBER", "IBAN_CODE", "ABA_ROUTING_NUMBER"),
    "blood_type": ("BLOOD_TYPE",),
    "credit_card_cvv": ("CREDIT_CARD_CVV",),
    "credit_card_expiration": ("CREDIT_CARD_EXPIRATION",),
    "credit_card_number": ("CREDIT_CARD",),
    "date": ("DATE_TIME",),
    "date_interval": ("DATE_INTERVAL",),
    "date_of_birth": ("DATE_OF_BIRTH",),
    "drivers_license": ("US_DRIVER_LICENSE",),
    "drug": ("DRUG",),
    "duration": ("DURATION",),
    "email_address": ("EMAIL_ADDRESS",),
    "event": ("EVENT",),
    "filename": ("FILENAME",),
    "gender_sexuality": ("GENDER_SEXUALITY",),
    "healthcare_number": ("HEALTHCARE_NUMBER",),
    "injury": ("INJURY",),
    "ip_address": ("IP_ADDRESS",),
    "language": ("LANGUAGE",),
    "location": ("LOCATION",),
    "marital_status": ("MARITAL_STATUS",),
    "medical_condition": ("MEDICAL_CONDITION",),
    "medical_process": ("MEDICAL_PROCESS",),
    "money_amount": ("MONEY_AMOUNT",),
    "nationality": ("NRP",),
    "number_sequence": ("NUMBER_SEQUENCE",),
    "occupation": ("OCCUPATION",),
    "organization": ("ORGANIZATION",),
    "passport_number": ("US_PASSPORT",),
    "password": ("PASSWORD",),
    "person_age": ("PERSON_AGE",),
    "person_name": ("PERSON",),
    "phone_number": ("PHONE_NUMBER",),
    "physical_attribute": ("PHYSICAL_ATTRIBUTE",),
    "political_affiliation": ("POLITICAL_AFFILIATION",),
    "religion": ("RELIGION",),
    "statistics": ("STATISTICS",),
    "time": ("TIME",),
    "url": ("URL",),
    "us_social_security_number": ("US_SSN",),
    "username": ("USERNAME",),
    "vehicle_id": ("VEHICLE_ID",),
    "zodiac_sign": ("ZODIAC_SIGN",),
}
# Newer AssemblyAI policy names (the official SDK's PIIRedactionPolicy) that narrow one of the
# above: accepted, and detected as the broader policy (over-redaction, never under-).
ALIASES: dict[str, str] = {
    "location_address": "location", "location_address_street": "location", "location_city": "location",
    "location_state": "location", "location_zip": "location", "location_country": "location",
    "location_coordinate": "location", "day": "date", "month": "date_interval",
    "year": "date_interval", "gender": "gender_sexuality", "sexuality": "gender_sexuality",
    "organization_medical_facility": "organization", "organization_id": "account_number",
    "medical_code": "healthcare_number",
}
# ... and the SDK's names bleeper has no detector for yet: accepted, nothing is found for them.
UNDETECTED = ("corporate_action", "effect", "financial_metric", "product", "project", "trend")
POLICY_ENTITIES.update({name: POLICY_ENTITIES[target] for name, target in ALIASES.items()})
POLICY_ENTITIES.update({name: () for name in UNDETECTED})
ALL_POLICIES = tuple(sorted(POLICY_ENTITIES))
ENTITY_POLICY = {entity: policy for policy, entities in POLICY_ENTITIES.items() for entity in entities
                 if policy not in ALIASES}

# What a job redacts when it names no policies: everything that has a detector.
DEFAULT_POLICIES = tuple(p for p in ALL_POLICIES if POLICY_ENTITIES[p] and p not in ALIASES)


def validate(policies: list[str] | None, field: str = "redact_pii_policies",
             custom: Collection[str] = ()) -> tuple[str, ...]:
    """The policies named, checked. `custom`: the names of the job's custom entity types (as
    `NAME` and `custom:NAME`), also accepted here (in `redact_pii_exclude`, read-time `exclude`)."""
    if policies is None:
        return DEFAULT_POLICIES
    # named by position, never echoed: a client's text may be anything, PII included
    unknown = [f"{field}[{i}]" for i, p in enumerate(policies) if p not in POLICY_ENTITIES and p not in custom]
    if unknown:
        also = "; and this job's custom entity names" if custom else ""
        raise InvalidRequest(f"{', '.join(unknown)}: unknown policy; valid policies are {', '.join(ALL_POLICIES)}"
                             + also)
    return tuple(dict.fromkeys(policies))


def validate_custom(custom: dict[str, str] | None, names: Collection[str] = ()) -> None:
    """`redact_pii_custom`'s keys are policy names, the job's custom entity names, or "default"."""
    if custom and set(custom) - set(ALL_POLICIES) - {"default"} - set(names):
        raise InvalidRequest('redact_pii_custom: a key is not a policy name; keys are policy names, custom entity '
                             'names or "default"')


def check_redacts_something(policies: list[str] | None, exclude: list[str] | None, custom: int = 0) -> None:
    """A job with redact_pii on must redact some policy: an empty list, or excluding every policy
    asked for, would otherwise be accepted and redact nothing, silently. `custom`: how many of the
    job's custom entity types it still redacts."""
    if policies is not None and not policies and not custom:
        raise InvalidRequest("redact_pii_policies: the list is empty, so nothing would be redacted; list at least "
                             "one policy, or leave the field out to redact every policy")
    if not wanted(policies, exclude) and not custom:
        raise InvalidRequest("redact_pii_exclude: it excludes every policy this job would redact, so nothing would "
                             "be redacted; exclude fewer policies, or set redact_pii to false")


def wanted(policies: list[str] | None, exclude: list[str] | None) -> tuple[str, ...]:
    """The policies a job redacts: those asked for (all by default) minus the excluded ones,
    narrower names included (excluding `location` excludes `location_city`)."""
    excluded = set(exclude or ())
    excluded |= {alias for alias, target in ALIASES.items() if target in excluded}
    return tuple(p for p in validate(policies) if p not in excluded and ALIASES.get(p) not in excluded)


def entities_for(policies: tuple[str, ...]) -> list[str]:
    return sorted({e for p in policies for e in POLICY_ENTITIES[p]})


# "When in doubt, redact": each policy group has a lowest score at which a candidate is still
# redacted (BLEEPER_DETECT_MIN_SCORE). A compliance team prefers a word beeped too many to a card
# digit heard, so the default sits below what a recognizer calls confident; entities kept only
# because of that are marked `doubtful` in the audit report.
GROUPS: dict[str, tuple[str, ...]] = {
    "numbers": ("account_number", "banking_information", "credit_card_cvv", "credit_card_expiration",
                "credit_card_number", "drivers_license", "email_address", "healthcare_number", "ip_address",
                "number_sequence", "passport_number", "password", "phone_number", "url",
                "us_social_security_number", "username", "vehicle_id"),
    "identity": ("date_of_birth", "gender_sexuality", "language", "location", "nationality", "organization",
                 "person_age", "person_name", "political_affiliation", "religion", "marital_status", "zodiac_sign",
                 "physical_attribute"),
    "health": ("blood_type", "drug", "injury", "medical_condition", "medical_process", "statistics"),
    "other": ("date", "date_interval", "duration", "event", "money_amount", "occupation", "time", "filename"),
}
GROUP_OF = {policy: group for group, members in GROUPS.items() for policy in members}
DEFAULT_MIN_SCORE = 0.3
CONFIDENT_SCORE = 0.5  # at or above: a recognizer's own confidence; below: kept because in doubt


def min_scores(spec: str) -> dict[str, float]:
    """`"0.3"` or `"0.3,identity=0.35,numbers=0.2"` → a threshold per group (the bare number is
    every other group's). Raises ValueError naming what is wrong."""
    default, named = DEFAULT_MIN_SCORE, {}
    for part in (p.strip() for p in spec.split(",") if p.strip()):
        name, _, value = part.rpartition("=")
        name = name.strip()
        try:
            number = float(value)
        except ValueError:
            raise ValueError(f"BLEEPER_DETECT_MIN_SCORE: {part!r} is not a number") from None
        if not 0 <= number <= 1:
            raise ValueError("BLEEPER_DETECT_MIN_SCORE: scores lie between 0 and 1")
        if name and name not in GROUPS:
            raise ValueError(f"BLEEPER_DETECT_MIN_SCORE: unknown group {name!r}; groups are {', '.join(GROUPS)}")
        if name:
            named[name] = number
        else:
            default = number
    return {group: named.get(group, default) for group in GROUPS}
