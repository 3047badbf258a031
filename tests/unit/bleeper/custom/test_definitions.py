"""What a custom entity definition must be, which of a job's it redacts, and how Symbl's shapes
become definitions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.custom import definitions
from bleeper.errors import InvalidRequest
from bleeper.models import CustomEntity


def entity(name: str = "PRODUCT_CODE", **kw) -> CustomEntity:
    return CustomEntity(name=name, **({"phrases": ["Acme Rocket"]} | kw))


@pytest.mark.parametrize("name", ["product_code", "Product", "1CODE", "PRODUCT CODE", "", "A" * 65, "CODE-1"])
def test_a_name_not_in_upper_snake_case_is_refused(name: str) -> None:
    with pytest.raises(InvalidRequest, match="upper case"):
        definitions.check_one(entity(name))


@pytest.mark.parametrize("name", ["PERSON_NAME", "PHONE_NUMBER", "SSN", "LOCATION_CITY", "DEFAULT", "US_SOCIAL_SECURITY_NUMBER"])
def test_a_name_of_a_built_in_entity_is_refused(name: str) -> None:
    with pytest.raises(InvalidRequest, match="built-in"):
        definitions.check_one(entity(name))


@pytest.mark.parametrize("kw, problem", [
    ({"phrases": []}, "phrases, a pattern, or both"),
    ({"phrases": ["ok", "  "]}, r"phrases\[1\]: empty"),
    ({"phrases": ["x" * 201]}, "longer than 200"),
    ({"phrases": ["--"]}, "no letter or digit"),
    ({"phrases": ["a"] * 1001}, "at most 1000"),
    ({"context": ["c" * 65]}, "longer than 64"),
    ({"phrases": [], "pattern": r"(a+)+$"}, "repeat"),
])
def test_a_definition_that_cannot_work_is_refused_naming_the_field(kw: dict, problem: str) -> None:
    with pytest.raises(InvalidRequest, match=problem) as refused:
        definitions.check_one(entity(**kw), "redact_pii_custom_entities[0]")
    assert refused.value.message.startswith("redact_pii_custom_entities[0]")


def test_phrases_are_never_quoted_in_a_refusal() -> None:
    with pytest.raises(InvalidRequest) as refused:
        definitions.check_one(entity(phrases=["Jane Secret-Customer", " "]))
    assert "Jane" not in refused.value.message


def test_a_job_may_not_define_one_name_twice_or_too_many() -> None:
    with pytest.raises(InvalidRequest, match="defined twice"):
        definitions.check_all([entity(), entity()])
    with pytest.raises(InvalidRequest, match="at most 100"):
        definitions.check_all([entity(f"E{i}") for i in range(101)])


def test_the_request_definition_replaces_the_account_one_of_the_same_name() -> None:
    account = [entity("PRODUCT_CODE", phrases=["old"]), entity("PRODUCT_NAME")]
    merged = definitions.merge(account, [entity("PRODUCT_CODE", phrases=["new"])])
    assert [(e.name, e.phrases) for e in merged] == [("PRODUCT_NAME", ["Acme Rocket"]), ("PRODUCT_CODE", ["new"])]


def test_exclude_takes_the_name_or_the_policy_and_excluded_ones_are_kept_apart() -> None:
    defined = [entity("PRODUCT_CODE"), entity("PRODUCT_NAME"), entity("PROJECT")]
    exclude = ["PRODUCT_CODE", "custom:PROJECT", "location"]
    assert [e.name for e in definitions.wanted(defined, exclude)] == ["PRODUCT_NAME"]
    assert [e.name for e in definitions.excluded(defined, exclude)] == ["PRODUCT_CODE", "PROJECT"]
    assert definitions.names(defined[:1]) == {"PRODUCT_CODE", "custom:PRODUCT_CODE"}


@pytest.mark.parametrize("type_, sub, name", [
    ("Vehicle", "TeslaModel", "VEHICLE_TESLA_MODEL"), ("Product code", None, "PRODUCT_CODE"),
    ("product", "code", "PRODUCT_CODE"), ("Hiring Process", None, "HIRING_PROCESS"), ("3D", "model", "E_3_D_MODEL"),
])
def test_symbl_type_and_subtype_become_an_upper_snake_case_name(type_: str, sub: str | None, name: str) -> None:
    assert definitions.from_symbl(type_, sub) == name


def test_a_process_calls_entities_become_one_definition_per_custom_type() -> None:
    found = definitions.from_process_entities([
        {"customType": "Product code", "text": "82498-34792"},
        {"customType": "Product code", "text": "11111-22222"},
        {"customType": "Hiring Process", "text": "internships"},
    ])
    assert [(e.name, e.phrases) for e in found] == [("PRODUCT_CODE", ["82498-34792", "11111-22222"]),
                                                     ("HIRING_PROCESS", ["internships"])]
    with pytest.raises(InvalidRequest, match=r"entities\[0\]"):
        definitions.from_process_entities([{"text": "x"}])


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner,
                                                                                       max_size=3), max_leaves=8)
items = st.lists(st.fixed_dictionaries({}, optional={"customType": json_values | st.text(max_size=30),
                                                     "text": json_values | st.text(max_size=30),
                                                     "pattern": st.sampled_from([r"\d{5}", r"(a+)+$", 3, None])}),
                 max_size=5)


@settings(max_examples=300, deadline=None)
@given(st.one_of(items, json_values))
def test_any_process_call_entities_give_checked_definitions_or_a_400(value) -> None:
    try:
        found = definitions.from_process_entities(value)
    except InvalidRequest as exc:
        assert exc.http_status == 400
    else:
        assert all(definitions.NAME.fullmatch(e.name) and (e.phrases or e.pattern) for e in found)
