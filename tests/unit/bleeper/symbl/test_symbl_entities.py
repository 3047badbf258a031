"""Symbl entity names for bleeper's policies, and the names a user may write in `exclude`."""

from __future__ import annotations

import json
import string

import pytest
from hypothesis import given, strategies as st

from bleeper import policies
from bleeper.errors import InvalidRequest
from bleeper.symbl import entities
from bleeper.symbl.entities import MANAGED, parse_exclude_query, parse_names, symbl_type


@pytest.mark.parametrize("policy", policies.DEFAULT_POLICIES)
def test_every_detected_policy_has_a_symbl_name_and_a_category(policy):
    kind = symbl_type(policy)
    assert kind.name in MANAGED
    assert kind.category in {"PII", "PCI", "PHI", "General"}
    assert entities.NAME_POLICY[kind.name] == policy


@pytest.mark.parametrize("alias", sorted(policies.ALIASES))
def test_narrower_assemblyai_names_map_to_the_policy_they_are_detected_as(alias):
    assert symbl_type(alias) == symbl_type(policies.ALIASES[alias])


def test_names_are_unique_per_policy():
    names = [symbl_type(p).name for p in policies.DEFAULT_POLICIES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(("policy", "name", "category"), [
    ("us_social_security_number", "SSN", "PII"), ("person_name", "PERSON_NAME", "PII"),
    ("credit_card_number", "CREDIT_CARD_NUMBER", "PCI"), ("credit_card_cvv", "CREDIT_CARD_CVV", "PCI"),
    ("drivers_license", "DRIVERS_LICENSE", "PII"), ("email_address", "EMAIL_ADDRESS", "PII"),
    ("blood_type", "BLOOD_TYPE", "PHI"), ("event", "EVENT", "General"), ("url", "URL", "General"),
])
def test_the_names_symbls_documents_use(policy, name, category):
    assert (symbl_type(policy).name, symbl_type(policy).category) == (name, category)


def test_a_location_takes_its_finer_kind_when_known():
    assert symbl_type("location", "LOCATION_CITY").name == "LOCATION_CITY"
    assert (symbl_type("location", "LOCATION_CITY").type, symbl_type("location", "LOCATION_CITY").sub_type) == \
        ("LOCATION", "CITY")
    assert symbl_type("location", None).name == "LOCATION"


def test_a_custom_policy_is_its_own_type_in_category_custom():
    kind = symbl_type("custom:product_code")
    assert (kind.name, kind.category) == ("PRODUCT_CODE", "Custom")


def test_excluding_location_covers_every_kind_of_place():
    assert entities.covered(["LOCATION"]) >= {"LOCATION_CITY", "LOCATION_ZIP", "LOCATION_ADDRESS_STREET"}
    assert entities.covered(["LOCATION_CITY"]) == {"LOCATION_CITY"}


def test_names_are_taken_in_any_case():
    assert parse_names(["location_city", "Ssn"], "exclude") == ["LOCATION_CITY", "SSN"]


def test_an_unknown_entity_is_refused_by_name_with_the_valid_ones_listed():
    with pytest.raises(InvalidRequest) as err:
        parse_names(["LOCATION_TOWN"], "exclude")
    assert "'LOCATION_TOWN' is not an entity name" in err.value.message
    assert "LOCATION_CITY" in err.value.message and "SSN" in err.value.message


def test_a_value_that_is_no_name_is_named_by_its_position_only():
    with pytest.raises(InvalidRequest) as err:
        parse_names(["SSN", "call 610-265-1714"], "exclude")
    assert "exclude[1]" in err.value.message and "610" not in err.value.message


def test_the_apps_custom_entities_are_valid_names():
    assert parse_names(["PRODUCT_CODE"], "exclude", custom=("PRODUCT_CODE",)) == ["PRODUCT_CODE"]
    with pytest.raises(InvalidRequest):
        parse_names(["PRODUCT_CODE"], "exclude")


@pytest.mark.parametrize(("raw", "expected"), [
    ('["LOCATION_CITY"]', ["LOCATION_CITY"]), ('["SSN", "PERSON_NAME"]', ["SSN", "PERSON_NAME"]),
    ("LOCATION_CITY,SSN", ["LOCATION_CITY", "SSN"]), ('"SSN"', ["SSN"]), ("", []), ("[]", []),
])
def test_exclude_in_a_query_is_a_json_list_or_a_comma_list(raw, expected):
    assert parse_exclude_query(raw) == expected


@given(st.lists(st.sampled_from(sorted(MANAGED)), max_size=6))
def test_any_list_of_valid_names_parses_back_to_itself(names):
    assert parse_exclude_query(json.dumps(names)) == list(dict.fromkeys(names))


@given(st.text(max_size=40))
def test_any_query_either_parses_to_valid_names_or_is_refused_cleanly(raw):
    try:
        parsed = parse_exclude_query(raw)
    except InvalidRequest as exc:
        assert exc.message.startswith("exclude")
        return
    assert set(parsed) <= set(MANAGED)


@given(st.text(alphabet=string.digits + "-() ", min_size=5, max_size=20))
def test_a_refused_value_is_never_echoed_when_it_is_not_a_name(value):
    try:
        parse_names([value], "exclude")
    except InvalidRequest as exc:
        assert value.strip() not in exc.message or not value.strip()
