"""AssemblyAI's PII policy names: which are accepted, which are redacted by default."""

from __future__ import annotations

import pytest

from bleeper import policies
from bleeper.errors import InvalidRequest

# The policy names bleeper accepts, under AssemblyAI's spelling.
ASSEMBLYAI_POLICIES = [
    "account_number", "banking_information", "blood_type", "credit_card_cvv", "credit_card_expiration",
    "credit_card_number", "date", "date_of_birth", "drivers_license", "drug", "email_address", "event",
    "gender_sexuality", "healthcare_number", "injury", "ip_address", "language", "location",
    "medical_condition", "medical_process", "money_amount", "nationality", "number_sequence", "occupation",
    "organization", "passport_number", "password", "person_age", "person_name", "phone_number",
    "political_affiliation", "religion", "url", "us_social_security_number", "username", "vehicle_id",
]  # fmt: skip


# The types AssemblyAI's Entity Detection table adds to the 36 (the SDK accepts them as policies).
ENTITY_DETECTION_EXTRAS = ["date_interval", "duration", "filename", "marital_status", "physical_attribute",
                           "statistics", "time", "zodiac_sign"]


def test_the_accepted_names_are_the_36_assemblyai_policies_and_the_sdks_newer_ones():
    assert len(ASSEMBLYAI_POLICIES) == 36
    assert set(ASSEMBLYAI_POLICIES) <= set(policies.ALL_POLICIES)
    detected_extras = {p for p in ENTITY_DETECTION_EXTRAS if policies.POLICY_ENTITIES[p] and p not in policies.ALIASES}
    assert set(policies.ALL_POLICIES) - set(ASSEMBLYAI_POLICIES) == \
        set(policies.ALIASES) | set(policies.UNDETECTED) | detected_extras


@pytest.mark.parametrize("policy", ["date_interval", "duration", "time"])
def test_periods_durations_and_clock_times_are_policies_of_their_own_redacted_by_default(policy):
    entities = policies.POLICY_ENTITIES[policy]
    assert entities and policy not in policies.ALIASES and policy in policies.DEFAULT_POLICIES
    assert not set(entities) & set(policies.POLICY_ENTITIES["date"])
    assert all(policies.ENTITY_POLICY[e] == policy for e in entities)


def test_the_official_sdk_knows_no_policy_bleeper_refuses():
    sdk = pytest.importorskip("assemblyai.types")
    assert {p.value for p in sdk.PIIRedactionPolicy} <= set(policies.ALL_POLICIES)


@pytest.mark.parametrize(("narrow", "broad"), [("location_city", "location"), ("day", "date"),
                                             ("month", "date_interval"), ("year", "date_interval")])
def test_a_narrower_sdk_policy_is_detected_as_its_broader_one(narrow, broad):
    assert policies.POLICY_ENTITIES[narrow] == policies.POLICY_ENTITIES[broad]
    assert narrow not in policies.DEFAULT_POLICIES


@pytest.mark.parametrize("policy", ASSEMBLYAI_POLICIES)
def test_every_assemblyai_policy_is_accepted_on_its_own(policy):
    assert policies.validate([policy]) == (policy,)


def test_all_policies_at_once_are_accepted_in_the_order_given():
    given = list(reversed(ASSEMBLYAI_POLICIES))
    assert policies.validate(given) == tuple(given)


def test_a_repeated_policy_is_kept_once():
    assert policies.validate(["phone_number", "person_name", "phone_number"]) == ("phone_number", "person_name")


@pytest.mark.parametrize(
    "asked,where",
    [
        (["social_security_number"], "redact_pii_policies[0]"),
        (["person_name", "PHONE_NUMBER"], "redact_pii_policies[1]"),
        (["credit_card", "person_name", "cc"], "redact_pii_policies[0], redact_pii_policies[2]"),
        ([""], "redact_pii_policies[0]"),
    ],
)
def test_an_unknown_policy_is_an_invalid_request_that_lists_the_valid_ones(asked, where):
    with pytest.raises(InvalidRequest) as caught:
        policies.validate(asked)
    message = caught.value.message
    assert message.startswith(f"{where}: unknown policy; ")  # by position: the text may be anything
    valid = message.split("valid policies are ", 1)[1]
    assert valid.split(", ") == list(policies.ALL_POLICIES)
    assert caught.value.http_status == 400


def test_no_policies_means_every_policy_that_has_a_detector():
    defaults = policies.validate(None)
    assert defaults == policies.DEFAULT_POLICIES
    assert {"person_name", "phone_number", "email_address", "credit_card_number", "credit_card_cvv",
            "credit_card_expiration", "us_social_security_number"} <= set(defaults)  # fmt: skip
    assert set(defaults) == {p for p, entities in policies.POLICY_ENTITIES.items()
                             if entities and p not in policies.ALIASES}
    assert list(defaults) == sorted(defaults)


def test_each_entity_type_belongs_to_exactly_one_policy():
    listed = [e for p, entities in policies.POLICY_ENTITIES.items() if p not in policies.ALIASES for e in entities]
    assert len(listed) == len(set(listed))
    assert all(policies.ENTITY_POLICY[e] in policies.POLICY_ENTITIES for e in listed)


@pytest.mark.parametrize(
    "asked,entities",
    [
        (("person_name",), ["PERSON"]),
        (("phone_number", "person_name"), ["PERSON", "PHONE_NUMBER"]),
        (("banking_information",), ["ABA_ROUTING_NUMBER", "IBAN_CODE", "US_BANK_NUMBER"]),
        (("credit_card_number", "credit_card_cvv"), ["CREDIT_CARD", "CREDIT_CARD_CVV"]),
        ((), []),
    ],
)
def test_a_policy_stands_for_its_presidio_entity_types(asked, entities):
    assert policies.entities_for(asked) == entities


def test_policies_nothing_detects_yet_stand_for_no_entity_type():
    undetected = tuple(p for p in policies.ALL_POLICIES
                       if p not in policies.DEFAULT_POLICIES and p not in policies.ALIASES)
    assert policies.entities_for(undetected) == []
    assert policies.validate(list(undetected)) == undetected  # accepted all the same


@pytest.mark.parametrize("spec,expected", [
    ("", {"numbers": 0.3, "identity": 0.3, "health": 0.3, "other": 0.3}),
    ("0.45", {"numbers": 0.45, "identity": 0.45, "health": 0.45, "other": 0.45}),
    ("identity=0.35, 0.2", {"numbers": 0.2, "identity": 0.35, "health": 0.2, "other": 0.2}),
    ("numbers=0.1,health=0.6", {"numbers": 0.1, "identity": 0.3, "health": 0.6, "other": 0.3}),
])
def test_detection_thresholds_are_read_per_policy_group(spec, expected):
    assert policies.min_scores(spec) == expected


@pytest.mark.parametrize("spec", ["high", "1.5", "-0.1", "names=0.3", "identity=", "identity=x"])
def test_an_unreadable_threshold_is_refused_with_the_reason(spec):
    with pytest.raises(ValueError, match="BLEEPER_DETECT_MIN_SCORE"):
        policies.min_scores(spec)


def test_every_policy_with_a_detector_belongs_to_a_threshold_group():
    assert {p for p in policies.DEFAULT_POLICIES} <= set(policies.GROUP_OF)
    assert sum(len(m) for m in policies.GROUPS.values()) == len(policies.GROUP_OF)  # each in one group


def test_a_bad_threshold_setting_stops_the_process_at_start():
    from pydantic import ValidationError

    from bleeper.config import Settings

    with pytest.raises(ValidationError, match="BLEEPER_DETECT_MIN_SCORE"):
        Settings(detect_min_score="identity=lots")
    assert Settings(detect_min_score="0.4,numbers=0.2").min_scores["numbers"] == 0.2
