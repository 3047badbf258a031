"""The scripted session of tests/unit/bleeper/streaming/scripted.py, as a fixture."""

from __future__ import annotations

import pytest

from bleeper.streaming.params import parse_query
from bleeper.streaming.session import Limits, Session
from tests.unit.bleeper.streaming.scripted import Said, ScriptedDecoder, ScriptedVad, digit_runs


@pytest.fixture
def make_session():
    def make(said: list[Said], query: dict[str, str] | None = None, detect=digit_runs, limits: Limits = Limits(),
             model: str = "tiny.en") -> tuple[Session, ScriptedDecoder]:
        params = parse_query({"sample_rate": "16000", **(query or {})}.items(), model)
        decoder = ScriptedDecoder(said)
        return Session(params, decoder, ScriptedVad(said), detect, limits), decoder

    return make
