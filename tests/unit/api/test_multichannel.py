"""A multichannel job through the v2 API: `multichannel: true` is taken, and the finished transcript
carries AssemblyAI's `audio_channels`, turn-by-turn `utterances` (channel and speaker "1", "2"),
and `channel` on every word — all in the redacted text, parsed by the official SDK's own models."""

from __future__ import annotations

import json

import assemblyai as aai
from assemblyai import types as aai_types

from bleeper.api import views
from bleeper.api.schemas import TranscriptCreate, TranscriptPublic
from bleeper.asr import Piece, assemble
from bleeper.models import Entity, Job, JobOptions, JobStatus, Probe, Substitution
from bleeper.redaction.text import Style, document
from tests.unit.api.conftest import make_settings

URL = "https://93.184.215.14/call.mp3"


def _seg(*words: tuple[str, int, int]) -> dict:
    return {"start": words[0][1], "end": words[-1][2], "no_speech_prob": 0.05,
            "words": [[f" {t}", a, b, 0.9] for t, a, b in words]}


AGENT = [_seg(("Who", 0, 200), ("am", 200, 300), ("I", 300, 400), ("speaking", 400, 700), ("with?", 700, 1000),
              ("Thanks.", 4000, 4400), ("Your", 4500, 4700), ("number?", 4700, 5100))]
CUSTOMER = [_seg(("This", 1500, 1700), ("is", 1700, 1800), ("Linda", 1800, 2200), ("Okafor.", 2200, 2800)),
            _seg(("It's", 6000, 6200), ("212-555-0147.", 6200, 8000))]


def _transcript():
    return assemble([Piece(AGENT, "en", 9000, 0), Piece(CUSTOMER, "en", 9000, 1)], "en")


def _entities(transcript, *values: tuple[str, str]) -> list[Entity]:
    out = []
    for policy, value in values:
        start = transcript.text.index(value)
        words = [w for w in transcript.words if w.char_start < start + len(value) and w.char_end > start]
        out.append(Entity(policy=policy, start=start, end=start + len(value), start_ms=words[0].start,
                          end_ms=words[-1].end, score=0.9, recognizer="test"))
    return out


def _finished(sub: str) -> dict:
    transcript = _transcript()
    entities = _entities(transcript, ("person_name", "Linda Okafor"), ("phone_number", "212-555-0147"))
    body = document(transcript, entities, Style(Substitution(sub)))
    job = Job(id="a" * 32, owner="o", status=JobStatus.completed, options=JobOptions(audio_url=URL, multichannel=True),
              probe=Probe(duration_s=9.0, codec="mp3", sample_rate=16000, channels=2, has_video=False, format="mp3"))
    return json.loads(TranscriptPublic.from_job(job, body, "base").model_dump_json())


def test_multichannel_true_is_taken_from_the_sdks_request():
    config = aai.TranscriptionConfig(multichannel=True, redact_pii=True,
                                     redact_pii_policies=[aai.PIIRedactionPolicy.person_name])
    request = aai_types.TranscriptRequest(audio_url=URL, **config.raw.model_dump(exclude_none=True))
    sent = json.loads(json.dumps(request.model_dump(exclude_none=True, by_alias=True)))
    assert TranscriptCreate.model_validate(sent).to_options(make_settings("redis://localhost:1/0")).multichannel


def test_utterances_alternate_channels_in_the_order_they_were_said():
    answer = _finished("entity_name")
    assert answer["multichannel"] is True and answer["audio_channels"] == 2
    assert [(u["channel"], u["speaker"], u["text"]) for u in answer["utterances"]] == [
        ("1", "1", "Who am I speaking with?"),
        ("2", "2", "This is [PERSON_NAME]."),
        ("1", "1", "Thanks. Your number?"),
        ("2", "2", "It's [PHONE_NUMBER]."),
    ]
    assert answer["text"] == ("Who am I speaking with? This is [PERSON_NAME]. Thanks. Your number? "
                              "It's [PHONE_NUMBER].")
    first, second = answer["utterances"][:2]
    assert (first["start"], first["end"], second["start"], second["end"]) == (0, 1000, 1500, 2800)
    assert {w["channel"] for w in second["words"]} == {"2"}
    assert [w["channel"] for w in answer["words"]][:6] == ["1"] * 5 + ["2"]


def test_no_value_is_shown_anywhere_in_any_style():
    for sub in ("hash", "entity_name", "obfuscation", "pseudonym"):
        answer = json.dumps(_finished(sub))
        for value in ("Linda", "Okafor", "212", "555", "0147"):
            assert value not in answer, (sub, value)


def test_the_official_sdk_parses_the_multichannel_transcript():
    parsed = aai_types.TranscriptResponse.model_validate(_finished("hash"))
    assert parsed.multichannel is True and parsed.audio_channels == 2
    assert [u.speaker for u in parsed.utterances] == ["1", "2", "1", "2"]
    assert parsed.utterances[1].text == "This is ##### ######."
    assert parsed.utterances[1].words[-1].channel == "2"
    assert parsed.words[0].channel == "1"


def test_sentences_and_paragraphs_keep_to_one_channel():
    transcript = _transcript()
    body = document(transcript, [], Style())
    assert [s.get("channel") for s in views.sentences(body)] == ["1", "2", "1", "2"]
    assert [p["channel"] for p in views.paragraphs(body)] == ["1", "2", "1", "2"]


def test_a_mono_job_has_no_utterances_and_no_channels():
    transcript = assemble([Piece(AGENT, "en", 9000)], "en")
    body = document(transcript, [], Style())
    job = Job(id="b" * 32, owner="o", status=JobStatus.completed, options=JobOptions(audio_url=URL))
    answer = json.loads(TranscriptPublic.from_job(job, body, "base").model_dump_json())
    assert answer["utterances"] is None and answer["audio_channels"] is None and answer["multichannel"] is None
    assert all(w["channel"] is None for w in answer["words"])
