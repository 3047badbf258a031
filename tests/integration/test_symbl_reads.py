"""The documented Symbl flows on the real stack, as a Symbl customer's `requests` code runs them
(only the base URL and the credentials changed): token → process → entities → settings `add`
then `replace` → messages redacted in each style, with `exclude`; a text conversation."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import requests

pytestmark = pytest.mark.integration


class Symbl:
    def __init__(self, base: str, token: str) -> None:
        self.base = base
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def get(self, path: str, **params: Any) -> requests.Response:
        return requests.get(f"{self.base}{path}", headers=self.headers, params=params, timeout=30)

    def settings(self, operations: list[dict[str, Any]]) -> requests.Response:
        return requests.patch(f"{self.base}/v1/manage/settings", headers=self.headers, json=operations, timeout=30)

    def wait(self, job_id: str, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.get(f"/v1/job/{job_id}").json()["status"]
            assert status != "failed"
            if status == "completed":
                return
            time.sleep(1)
        raise AssertionError(f"job {job_id} not completed in {timeout} s")

    def texts(self, conversation_id: str, **params: Any) -> str:
        r = self.get(f"/v1/conversations/{conversation_id}/messages", **params)
        assert r.status_code == 200, r.text
        return " ".join(m["text"] for m in r.json()["messages"])


@pytest.fixture(scope="module")
def symbl(stack) -> Symbl:
    app_id, app_secret = stack.settings.symbl_app()
    r = requests.post(f"{stack.settings.api_url}/oauth2/token:generate", timeout=30,
                      json={"type": "application", "appId": app_id, "appSecret": app_secret})
    assert r.status_code == 200, r.text
    return Symbl(stack.settings.api_url, r.json()["accessToken"])


@pytest.fixture(autouse=True)
def fresh_settings(symbl: Symbl) -> None:
    """Each test starts as a new app does: no redaction settings (a 400 when there are none yet)."""
    symbl.settings([{"op": "remove", "path": "/redaction"}])


@pytest.fixture(scope="module")
def call(symbl: Symbl, sample_call: Path) -> str:
    r = requests.post(f"{symbl.base}/v1/process/audio", data=sample_call.read_bytes(), timeout=60,
                      headers={"Authorization": symbl.headers["Authorization"]})
    assert r.status_code == 201, r.text
    symbl.wait(r.json()["jobId"])
    return r.json()["conversationId"]


def test_the_redaction_tutorial_flow(symbl: Symbl, call: str):
    found = symbl.get(f"/v1/conversations/{call}/entities").json()["entities"]
    names = {e["type"] + (f"_{e['subType']}" if e["subType"] else "") for e in found}
    assert {"PERSON_NAME", "PHONE_NUMBER", "CREDIT_CARD_NUMBER"} <= names, sorted(names)  # as the v2 pipeline test
    assert all(e["messageRefs"] and e["matches"][0]["messageRefs"] for e in found)
    assert "Jennings" in symbl.texts(call)  # no settings: nothing is redacted, as on Symbl

    r = symbl.settings([{"op": "add", "path": "/redaction", "value": {"default": True, "type": "default"}}])
    assert r.status_code == 200, r.text
    shown = symbl.texts(call)
    assert "[PERSON_NAME]" in shown and "[CREDIT_CARD_NUMBER]" in shown
    assert "Jennings" not in shown and "4532" not in shown

    symbl.settings([{"op": "replace", "path": "/redaction", "value": {"default": True, "type": "obfuscation"}}])
    shown = symbl.texts(call)
    assert "[****]" in shown and "[PERSON_NAME]" not in shown and "Jennings" not in shown

    symbl.settings([{"op": "replace", "path": "/redaction", "value": {
        "default": True, "type": "custom", "custom": {"PERSON_NAME": "<caller>", "default": "obfuscation"}}}])
    shown = symbl.texts(call)
    assert "<caller>" in shown and "[****]" in shown

    shown = symbl.texts(call, redact="true", exclude='["PERSON_NAME"]')
    assert "Jennings" in shown and "4532" not in shown
    assert "Jennings" in symbl.texts(call, redact="false")
    hidden = symbl.get(f"/v1/conversations/{call}/messages", verbose="true").json()["messages"]
    assert all("Jennings" not in w["word"] for m in hidden for w in m["words"])


def test_a_text_conversation_redacts_places_and_senders(symbl: Symbl):
    body = {"name": "chat", "messages": [
        {"payload": {"content": "Hi, I moved to Springfield, Illinois last year."},
         "from": {"name": "Rosa Delgado", "userId": "rosa@example.com"}},
        {"payload": {"content": "Thanks. What is your social security number?"},
         "from": {"name": "Agent Smith", "userId": "agent@example.com"}},
        {"payload": {"content": "It is 123-45-6789."},
         "from": {"name": "Rosa Delgado", "userId": "rosa@example.com"}}]}
    r = requests.post(f"{symbl.base}/v1/process/text", headers=symbl.headers, json=body, timeout=30)
    assert r.status_code == 201, r.text
    symbl.wait(r.json()["jobId"])
    conversation = r.json()["conversationId"]
    messages = symbl.get(f"/v1/conversations/{conversation}/messages", redact="true").json()["messages"]
    text = " ".join(m["text"] for m in messages)
    assert "[LOCATION_CITY]" in text and "[LOCATION_STATE]" in text and "[SSN]" in text
    assert "Springfield" not in text and "6789" not in text
    senders = [m["from"] for m in messages]
    assert senders[0] == senders[2] != senders[1]
    assert senders[0]["name"].startswith("[REDACTED NAME ") and senders[0]["userId"].startswith("[REDACTED EMAIL ")
    shown = symbl.texts(conversation, redact="true", exclude='["LOCATION_CITY"]')
    assert "Springfield, [LOCATION_STATE]" in shown


def test_bad_reads_answer_symbl_style(symbl: Symbl, call: str):
    r = symbl.get(f"/v1/conversations/{call}/messages", redact="true", exclude='["LOCATION_TOWN"]')
    assert r.status_code == 400 and "LOCATION_TOWN" in r.json()["message"]
    r = symbl.settings([{"op": "move", "path": "/redaction", "from": "/x"}])
    assert r.status_code == 400 and "op" in r.json()["message"]
    r = symbl.get("/v1/conversations/0123456789abcdef0123456789abcdef/messages")
    assert r.status_code == 404
    assert r.json() == {"message": "The conversationId is either invalid or does not exist."}


def test_a_custom_entity_is_redacted_and_can_be_excluded(symbl: Symbl):
    body = {"messages": [{"payload": {"content": "My order number is 82498-34792, it has not arrived."},
                          "from": {"name": "Rosa Delgado", "userId": "rosa@example.com"}}],
            "entities": [{"customType": "ORDER_REF", "text": "82498-34792"}]}
    r = requests.post(f"{symbl.base}/v1/process/text", headers=symbl.headers, json=body, timeout=30)
    assert r.status_code == 201, r.text
    symbl.wait(r.json()["jobId"])
    conversation = r.json()["conversationId"]
    found = symbl.get(f"/v1/conversations/{conversation}/entities", redact="true").json()["entities"]
    assert any(e["type"] == "ORDER_REF" and e["category"] == "Custom" for e in found)
    assert "[ORDER_REF]" in symbl.texts(conversation, redact="true")
    assert "82498-34792" in symbl.texts(conversation, redact="true", exclude='["ORDER_REF"]')


def test_settings_and_conversations_belong_to_one_app(symbl: Symbl, call: str):
    """A second app, made as an operator would (`bleeper keys create --symbl`)."""
    done = subprocess.run([sys.executable, "-m", "bleeper.cli", "keys", "create", "--symbl", "--name", "reads-other"],
                          capture_output=True, text=True, timeout=60, check=True)
    found = dict(re.findall(r"^(appId|appSecret)=(\S+)$", done.stdout, re.M))
    r = requests.post(f"{symbl.base}/oauth2/token:generate", timeout=30,
                      json={"type": "application", "appId": found["appId"], "appSecret": found["appSecret"]})
    other = Symbl(symbl.base, r.json()["accessToken"])
    r = other.settings([{"op": "add", "path": "/redaction", "value": {"default": True, "type": "obfuscation"}}])
    assert r.status_code == 200, r.text
    assert other.get("/v1/manage/settings").json()["redaction"]["type"] == "obfuscation"
    assert symbl.get("/v1/manage/settings").json()["settings"] == {}
    assert "Jennings" in symbl.texts(call)  # the other app's default does not reach this app's reads
    r = other.get(f"/v1/conversations/{call}/messages")
    assert r.status_code == 404 and r.json() == {"message": "The conversationId is either invalid or does not exist."}
    assert other.get(f"/v1/conversations/{call}/entities").status_code == 404
