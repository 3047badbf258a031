"""Redaction settings changed by JSON Patch, and what one read redacts."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from bleeper.errors import InvalidRequest
from bleeper.symbl.settings import apply_patch, read_options

DOC_VALUE = {"default": True, "type": "custom", "exclude": ["PERSON_NAME", "EMAIL_ADDRESS"],
             "custom": {"SSN": "Social Security Number", "DRIVERS_LICENSE": "Personal ID", "default": "obfuscation"}}


def test_the_documented_add_then_replace_stores_the_settings():
    added = apply_patch({}, [{"op": "add", "path": "/redaction", "value": DOC_VALUE}])
    assert added["redaction"] == DOC_VALUE
    replaced = apply_patch(added, [{"op": "replace", "path": "/redaction",
                                    "value": {"default": False, "type": "obfuscation"}}])
    assert replaced["redaction"] == {"default": False, "type": "obfuscation", "exclude": [], "custom": {}}


def test_replace_before_add_says_to_add_first():
    with pytest.raises(InvalidRequest, match="add"):
        apply_patch({}, [{"op": "replace", "path": "/redaction", "value": DOC_VALUE}])


def test_one_field_can_be_changed_and_removed():
    settings = apply_patch({}, [{"op": "add", "path": "/redaction", "value": DOC_VALUE},
                                {"op": "replace", "path": "/redaction/type", "value": "default"},
                                {"op": "remove", "path": "/redaction/exclude"}])
    assert settings["redaction"]["type"] == "default" and settings["redaction"]["exclude"] == []
    assert apply_patch(settings, [{"op": "remove", "path": "/redaction"}]) == {}


def test_names_are_stored_in_capitals():
    settings = apply_patch({}, [{"op": "add", "path": "/redaction",
                                 "value": {"exclude": ["location_city"], "custom": {"ssn": "X"}}}])
    assert settings["redaction"]["exclude"] == ["LOCATION_CITY"] and settings["redaction"]["custom"] == {"SSN": "X"}


@pytest.mark.parametrize(("operations", "says"), [
    ({"op": "add"}, "JSON Patch array"),
    ([], "JSON Patch array"),
    ("add", "JSON Patch array"),
    (["add"], "[0]: each operation"),
    ([{"op": "move", "path": "/redaction", "from": "/x"}], "[0].op"),
    ([{"op": "delete", "path": "/redaction"}], "[0].op"),
    ([{"op": "add", "path": "/bookmarks", "value": {}}], "[0].path"),
    ([{"op": "add", "path": "/redaction/colour", "value": 1}], "[0].path"),
    ([{"op": "add", "path": "/redaction"}], "[0].value"),
    ([{"op": "add", "path": "/redaction", "value": {"type": "hash"}}], "[0].value.type"),
    ([{"op": "add", "path": "/redaction", "value": {"default": "yes"}}], "[0].value.default"),
    ([{"op": "add", "path": "/redaction", "value": {"colour": "red"}}], "unknown field"),
    ([{"op": "add", "path": "/redaction", "value": {"exclude": ["LOCATION_TOWN"]}}], "'LOCATION_TOWN'"),
    ([{"op": "add", "path": "/redaction", "value": {"custom": {"NOPE": "x"}}}], "'NOPE'"),
    ([{"op": "add", "path": "/redaction", "value": {"custom": {"SSN": ""}}}], "1 to 64"),
])
def test_a_bad_patch_is_refused_saying_what_to_fix(operations, says):
    with pytest.raises(InvalidRequest) as err:
        apply_patch({}, operations)
    assert says in err.value.message


def test_nothing_is_applied_when_one_operation_is_wrong():
    current = apply_patch({}, [{"op": "add", "path": "/redaction", "value": DOC_VALUE}])
    with pytest.raises(InvalidRequest):
        apply_patch(current, [{"op": "replace", "path": "/redaction/type", "value": "obfuscation"},
                              {"op": "copy", "path": "/redaction"}])
    assert current["redaction"]["type"] == "custom"


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                    max_leaves=10))
def test_any_json_body_is_applied_or_refused_cleanly(body):
    try:
        apply_patch({}, body)
    except InvalidRequest:
        pass


def test_a_read_overrides_default_and_exclude():
    settings = apply_patch({}, [{"op": "add", "path": "/redaction", "value": DOC_VALUE}])
    assert read_options(settings, None, None).redact is True
    assert read_options(settings, False, None).redact is False
    assert read_options({}, None, None).redact is False  # Symbl's default: not redacted unless asked
    assert read_options(settings, None, ["SSN"]).exclude == {"SSN"}
    assert read_options(settings, None, None).exclude == {"PERSON_NAME", "EMAIL_ADDRESS"}


@pytest.mark.parametrize(("value", "name", "shown"), [
    ({"type": "default"}, "SSN", "[SSN]"),
    ({"type": "default"}, "LOCATION_CITY", "[LOCATION_CITY]"),
    ({"type": "obfuscation"}, "CREDIT_CARD_NUMBER", "[****]"),
    ({"type": "custom", "custom": {"SSN": "Social Security Number", "default": "obfuscation"}}, "SSN",
     "Social Security Number"),
    ({"type": "custom", "custom": {"SSN": "Social Security Number", "default": "obfuscation"}}, "PERSON_NAME",
     "[****]"),
    ({"type": "custom", "custom": {"SSN": "Social Security Number"}}, "PERSON_NAME", "[PERSON_NAME]"),
    ({"type": "custom", "custom": {"default": "<hidden>"}}, "PERSON_NAME", "<hidden>"),
    ({"type": "custom", "custom": {"LOCATION": "<place>"}}, "LOCATION_CITY", "<place>"),
])
def test_each_style_writes_what_symbl_documents(value, name, shown):
    settings = apply_patch({}, [{"op": "add", "path": "/redaction", "value": {"default": True, **value}}])
    assert read_options(settings, None, None).replacement(name) == shown
