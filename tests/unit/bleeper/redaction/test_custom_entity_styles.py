"""A custom entity type is written by its own name in every style, and its custom string is found
under its name or its policy."""

from __future__ import annotations

import pytest

from bleeper.models import Entity, Transcript
from bleeper.redaction.text import Style, public_entities, redact_text, with_pseudonyms

TEXT = "Code 82498-34792, then 11111-22222, then 82498-34792 again; Sarah called."


def _call() -> tuple[Transcript, list[Entity]]:
    t = Transcript(text=TEXT, language="en", duration_ms=1000, words=[], segments=[])
    spans = [("custom:PRODUCT_CODE", "82498-34792", 0), ("custom:PRODUCT_CODE", "11111-22222", 0),
             ("custom:PRODUCT_CODE", "82498-34792", 20), ("person_name", "Sarah", 0)]
    entities = []
    for policy, value, after in spans:
        start = TEXT.index(value, after)
        entities.append(Entity(policy=policy, start=start, end=start + len(value), start_ms=0, end_ms=1, score=0.85,
                               recognizer="CustomEntityRecognizer"))
    return t, with_pseudonyms(t, entities)


@pytest.mark.parametrize("sub, custom, expected", [
    ("entity_name", None, "Code [PRODUCT_CODE], then [PRODUCT_CODE], then [PRODUCT_CODE] again; [PERSON_NAME] called."),
    ("hash", None, "Code #####-#####, then #####-#####, then #####-##### again; ##### called."),
    ("obfuscation", None, "Code [****], then [****], then [****] again; [****] called."),
    ("pseudonym", None, "Code [PRODUCT_CODE_1], then [PRODUCT_CODE_2], then [PRODUCT_CODE_1] again; "
                        "[PERSON_NAME_1] called."),
    ("custom", {"PRODUCT_CODE": "<code>", "default": "<pii>"}, "Code <code>, then <code>, then <code> again; <pii> called."),
    ("custom", {"custom:PRODUCT_CODE": "<code>"}, "Code <code>, then <code>, then <code> again; [REDACTED] called."),
])
def test_a_custom_entity_is_written_by_its_name_in_every_style(sub: str, custom: dict | None, expected: str) -> None:
    t, entities = _call()
    assert redact_text(t, entities, sub, custom).text == expected


def test_the_entities_shown_carry_the_custom_policy_and_never_the_value() -> None:
    t, entities = _call()
    shown = public_entities(entities, t, Style("entity_name"))
    assert shown[0]["entity_type"] == "custom:PRODUCT_CODE" and shown[0]["text"] == "[PRODUCT_CODE]"
    assert not any("82498" in e["text"] for e in public_entities(entities, t, Style("hash")))
