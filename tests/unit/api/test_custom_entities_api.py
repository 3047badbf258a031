"""Custom entity types through the APIs: the v2 option `redact_pii_custom_entities` and the
account's list in /v2/settings/redaction, checked at submission (400s naming the field, never
echoing a phrase or pattern); Symbl's /v1/manage/entities per app, isolated between apps."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from fastapi.testclient import TestClient

from bleeper.api.app import create_app
from bleeper.api.symbl.auth import symbl_app
from bleeper.state.custom_entities import CustomEntityStore
from bleeper.state.jobs import make_store
from tests.unit.api.conftest import KEY

URL = "https://93.184.215.14/call.mp3"
SECRET = "Jane-Secret-Customer"
CODE = {"name": "PRODUCT_CODE", "pattern": r"\d{5}-\d{5}"}


def _error(r) -> str:
    assert r.status_code == 400, r.text
    assert SECRET not in r.text and "secret" not in r.text  # no phrase or pattern echoed
    return r.json()["error"]


@pytest.mark.parametrize("entities, field, problem", [
    ([{"name": "BAD", "pattern": r"(secret\w+)+$"}], "redact_pii_custom_entities[0].pattern", "repeat"),
    ([{"name": "BAD", "pattern": r"(secret|secrets)*b"}], "redact_pii_custom_entities[0].pattern", "alternatives"),
    ([{"name": "product", "phrases": [SECRET]}], "redact_pii_custom_entities[0].name", "upper case"),
    ([{"name": "PERSON_NAME", "phrases": [SECRET]}], "redact_pii_custom_entities[0].name", "built-in"),
    ([{"name": "X", "phrases": [SECRET, " "]}], "redact_pii_custom_entities[0].phrases[1]", "empty"),
    ([CODE, CODE], "redact_pii_custom_entities[1].name", "defined twice"),
    ([{"name": "X", "phrases": [SECRET], "extra": 1}], "redact_pii_custom_entities[0]", "unknown field"),
    ([{"name": "X", "phrases": "abc"}], "redact_pii_custom_entities[0].phrases", "expected a list"),
])
def test_a_bad_custom_entity_is_refused_at_submission_naming_the_field(client, entities, field, problem):
    error = _error(client.post("/v2/transcript", json={"audio_url": URL, "redact_pii": True,
                                                       "redact_pii_custom_entities": entities}))
    assert error.startswith(field) and problem in error


def test_exclude_and_custom_strings_take_the_jobs_custom_names_and_no_others(client):
    body = {"audio_url": URL, "redact_pii": True, "redact_pii_custom_entities": [CODE]}
    ok = client.post("/v2/transcript", json={**body, "redact_pii_exclude": ["PRODUCT_CODE", "location"],
                                             "redact_pii_sub": "custom", "redact_pii_custom": {"PRODUCT_CODE": "[X]"}})
    assert ok.status_code == 200, ok.text
    assert ok.json()["redact_pii_custom_entities"] == ["PRODUCT_CODE"]
    assert _error(client.post("/v2/transcript", json={**body, "redact_pii_exclude": ["OTHER_CODE"]})).startswith(
        "redact_pii_exclude[0]: unknown policy")
    assert "redact_pii_custom" in _error(client.post("/v2/transcript", json={
        **body, "redact_pii_sub": "custom", "redact_pii_custom": {"OTHER_CODE": "x"}}))


def test_a_job_may_redact_only_its_custom_entities(client):
    r = client.post("/v2/transcript", json={"audio_url": URL, "redact_pii_policies": [],
                                            "redact_pii_custom_entities": [CODE]})
    assert r.status_code == 200, r.text
    assert _error(client.post("/v2/transcript", json={
        "audio_url": URL, "redact_pii_policies": [], "redact_pii_custom_entities": [CODE],
        "redact_pii_exclude": ["PRODUCT_CODE"]})).startswith("redact_pii_policies: the list is empty")


def test_the_accounts_custom_entities_come_with_every_job_the_jobs_own_winning(client, settings):
    url = "/v2/settings/redaction"
    account = [CODE, {"name": "PRODUCT_NAME", "phrases": ["Acme Rocket"]}]
    r = client.patch(url, json={"redact_pii_custom_entities": account})
    assert r.status_code == 200, r.text
    assert [e["name"] for e in client.get(url).json()["redact_pii_custom_entities"]] == ["PRODUCT_CODE", "PRODUCT_NAME"]
    job = client.post("/v2/transcript", json={"audio_url": URL, "redact_pii_custom_entities": [
        {"name": "PRODUCT_NAME", "phrases": ["Rocket Mini"]}]}).json()
    stored = make_store(settings).get(job["id"]).options.redact_pii_custom_entities
    assert [(e.name, e.phrases) for e in stored] == [("PRODUCT_CODE", []), ("PRODUCT_NAME", ["Rocket Mini"])]
    assert _error(client.patch(url, json={"redact_pii_custom_entities": [{"name": "BAD", "pattern": "(a+)+$"}]})) \
        .startswith("redact_pii_custom_entities[0].pattern")
    assert client.patch(url, json={"redact_pii_custom_entities": []}).status_code == 200
    assert "redact_pii_custom_entities" not in client.get(url).json()


# Symbl's Management API ----------------------------------------------------------------------

@pytest.fixture
def symbl(settings):
    """Two apps' clients; s16a's token check is stood in for by the app id each client sends."""
    app = create_app(settings)
    from fastapi import Header

    def by_header(x_test_app: str = Header()) -> str:
        return f"symbl:{x_test_app}"

    app.dependency_overrides[symbl_app] = by_header
    return (TestClient(app, headers={"X-Test-App": "a1"}, raise_server_exceptions=False),
            TestClient(app, headers={"X-Test-App": "b2"}, raise_server_exceptions=False))


VEHICLE = {"type": "Vehicle", "subType": "TeslaModel", "category": "Custom", "values": ["Model X", "Model S"]}


def test_symbl_custom_entities_are_created_read_updated_and_deleted(symbl, settings):
    a, _ = symbl
    made = a.post("/v1/manage/entities", json=VEHICLE)
    assert made.status_code == 201, made.text
    entity = made.json()
    assert {k: entity[k] for k in ("type", "subType", "category", "values", "name")} == {
        **VEHICLE, "name": "VEHICLE_TESLA_MODEL"}
    assert len(entity["id"]) == 16 and entity["id"].isdigit()
    for path in (f"/v1/manage/entities/{entity['id']}", f"/v1/manage/entity/{entity['id']}"):
        assert a.get(path).json() == entity
    changed = a.put(f"/v1/manage/entity/{entity['id']}", json={**VEHICLE, "values": ["Model Y"],
                                                                "pattern": r"model [a-z]\d?"})
    assert changed.status_code == 200 and changed.json()["values"] == ["Model Y"]
    assert [e.name for e in CustomEntityStore(make_store(settings).redis).list("symbl:a1")] == ["VEHICLE_TESLA_MODEL"]
    bulk = a.post("/v1/manage/entities/bulk", json=[{"type": "Product", "subType": "Code", "values": ["82498-34792"]},
                                                   {"type": "Codename", "values": ["Falcon"]}])
    assert bulk.status_code == 201 and [e["name"] for e in bulk.json()["entities"]] == ["PRODUCT_CODE", "CODENAME"]
    assert [e["name"] for e in a.get("/v1/manage/entities").json()["entities"]] == [
        "VEHICLE_TESLA_MODEL", "PRODUCT_CODE", "CODENAME"]
    assert a.delete(f"/v1/manage/entities/{entity['id']}").status_code == 200
    assert a.get(f"/v1/manage/entities/{entity['id']}").status_code == 404


def test_one_apps_custom_entities_are_invisible_to_another(symbl):
    a, b = symbl
    entity = a.post("/v1/manage/entity", json=VEHICLE).json()
    assert b.get("/v1/manage/entities").json() == {"entities": []}
    for method in ("get", "delete"):
        assert getattr(b, method)(f"/v1/manage/entities/{entity['id']}").status_code == 404
    assert b.put(f"/v1/manage/entities/{entity['id']}", json=VEHICLE).status_code == 404
    assert b.post("/v1/manage/entities", json=VEHICLE).status_code == 201  # the same name is b's own


@pytest.mark.parametrize("body, problem", [
    ({**VEHICLE, "pattern": r"(\w+\s?)*$"}, "entity.pattern: a repeated group"),
    ({"type": "Location", "subType": "City", "values": [SECRET]}, "built-in"),
    ({"type": "Vehicle", "values": []}, "phrases, a pattern, or both"),
    ({**VEHICLE, "category": "Managed"}, "entity.category"),
    ({"subType": "x", "values": [SECRET]}, "entity.type: required"),
    ({**VEHICLE, "values": [SECRET, 3]}, "entity.values[1]: expected a string"),
])
def test_a_bad_symbl_custom_entity_is_a_400_naming_the_field(symbl, body, problem):
    a, _ = symbl
    r = a.post("/v1/manage/entities", json=body)
    assert r.status_code == 400, r.text
    assert problem in r.json()["message"] and SECRET not in r.text


def test_a_symbl_entity_named_twice_is_refused(symbl):
    a, _ = symbl
    assert a.post("/v1/manage/entities", json=VEHICLE).status_code == 201
    assert "exists already" in a.post("/v1/manage/entities", json=VEHICLE).json()["message"]


def test_without_a_token_the_management_api_answers_401(settings):
    app = create_app(settings)
    r = TestClient(app, raise_server_exceptions=False).get("/v1/manage/entities", headers={"Authorization": KEY})
    assert r.status_code == 401


def test_a_process_call_gets_the_apps_definitions_with_its_own(symbl, settings):
    a, _ = symbl
    assert a.post("/v1/manage/entities", json=VEHICLE).status_code == 201
    entities = CustomEntityStore(make_store(settings).redis)
    job = entities.for_job("symbl:a1", [{"customType": "Product code", "text": "82498-34792"},
                                        {"customType": "Vehicle Tesla Model", "text": "Cybertruck"}])
    assert [(e.name, e.phrases) for e in job] == [("PRODUCT_CODE", ["82498-34792"]),
                                                   ("VEHICLE_TESLA_MODEL", ["Cybertruck"])]
    assert [e.name for e in entities.for_job("symbl:b2")] == []


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=12),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                       max_size=3), max_leaves=6)
bodies = st.one_of(json_values, st.fixed_dictionaries({}, optional={
    "type": json_values | st.text(max_size=20), "subType": json_values | st.text(max_size=20),
    "category": st.sampled_from(["Custom", "Managed", 1]), "values": st.lists(st.text(max_size=20), max_size=4),
    "pattern": st.sampled_from([r"\d{5}", r"(a+)+$", "(", 5]), "context": json_values, "name": json_values}))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies)
def test_any_body_to_the_management_api_is_created_or_refused_never_a_500(symbl, body):
    a, _ = symbl
    r = a.post("/v1/manage/entities", json=body)
    assert r.status_code in (201, 400), r.text


def test_a_deleted_jobs_record_keeps_only_the_names_of_its_custom_entities(client, settings):
    job = client.post("/v2/transcript", json={"audio_url": URL, "redact_pii_custom_entities": [
        {"name": "CUSTOMERS", "phrases": [SECRET]}, CODE]}).json()
    store = make_store(settings)
    store.scrub(job["id"], deleted_at=1.0)
    kept = store.get(job["id"]).options.redact_pii_custom_entities
    assert [(e.name, e.phrases, e.pattern) for e in kept] == [("CUSTOMERS", [], None), ("PRODUCT_CODE", [], None)]
    assert SECRET not in store.redis.get(f"bleeper:job:{job['id']}").decode()
