"""Stage 4: Presidio anonymizer over the transcript → redacted.json (text, words, sentences)."""

from __future__ import annotations

import re
from collections.abc import Callable

from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

from bleeper.models import Entity, RedactedTranscript, Segment, Transcript, Word
from bleeper.storage import job_key
from workers import context
from workers.app import stage

_ALNUM = re.compile(r"[^\W_]")


def _hash(value: str) -> str:
    # AssemblyAI's `hash`: one # per character, separators kept: 610-265-1714 -> ###-###-####.
    return _ALNUM.sub("#", value)


def _entity_name(policy: str) -> str:
    return f"[{policy.upper()}]"


# substitution styles by name: (whole-value replacement for Presidio, per-piece for words)
SUBSTITUTIONS: dict[str, Callable[[str], OperatorConfig]] = {
    "hash": lambda policy: OperatorConfig("custom", {"lambda": _hash}),
    "entity_name": lambda policy: OperatorConfig("replace", {"new_value": _entity_name(policy)}),
}

_anonymizer = AnonymizerEngine()


def _anonymize(text: str, spans: list[tuple[int, int, str]], sub: str) -> str:
    if not spans:
        return text
    results = [RecognizerResult(policy, start, end, 1.0) for start, end, policy in spans]
    operators = {policy: SUBSTITUTIONS[sub](policy) for _, _, policy in spans}
    return _anonymizer.anonymize(text=text, analyzer_results=results, operators=operators).text


def redact_text(transcript: Transcript, entities: list[Entity], sub: str) -> RedactedTranscript:
    """Entities must not overlap (detect resolves that). Words keep their times; with
    `entity_name` a multi-word value becomes one token on its first word."""
    spans = [(e.start, e.end, e.policy) for e in entities]
    text = _anonymize(transcript.text, spans, sub)

    words: list[Word] = []
    new_index: list[int] = []  # old word index -> new word index (for sentences)
    for word in transcript.words:
        local = []
        for start, end, policy in spans:
            lo, hi = max(start, word.char_start), min(end, word.char_end)
            if lo < hi:
                local.append((lo - word.char_start, hi - word.char_start, policy, start < word.char_start))
        piece = word.text
        for lo, hi, policy, continued in sorted(local, reverse=True):
            if sub == "entity_name" and continued:
                replacement = ""  # the value's name was written on the word where it starts
            else:
                replacement = _anonymize(piece[lo:hi], [(0, hi - lo, policy)], sub)
            piece = piece[:lo] + replacement + piece[hi:]
        new_index.append(len(words))
        if piece.strip():
            words.append(word.model_copy(update={"text": piece.strip()}))
    new_index.append(len(words))

    sentences = []
    for seg in transcript.segments:
        a = transcript.words[seg.first_word].char_start
        b = transcript.words[seg.last_word - 1].char_end
        clipped = [(max(s, a) - a, min(e, b) - a, p) for s, e, p in spans if s < b and e > a]
        sentences.append(
            Segment(
                start=seg.start,
                end=seg.end,
                text=_anonymize(transcript.text[a:b], clipped, sub),
                first_word=new_index[seg.first_word],
                last_word=new_index[seg.last_word],
            )
        )
    return RedactedTranscript(text=text, words=words, sentences=sentences)


def public_entities(entities: list[Entity], transcript: Transcript, sub: str) -> list[dict]:
    """What the API shows of each entity: type, time, score and the replacement — never the value."""
    out = []
    for e in entities:
        shown = _hash(transcript.text[e.start:e.end]) if sub == "hash" else _entity_name(e.policy)
        out.append({"entity_type": e.policy, "text": shown, "start": e.start_ms, "end": e.end_ms, "score": e.score})
    return out


@stage("redact_text")
def redact(job_id: str) -> None:
    store, storage = context.jobs(), context.storage()
    job = store.get(job_id)
    transcript = Transcript.model_validate(storage.get_json(job_key(job_id, "transcript.json")))
    entities = [Entity.model_validate(e) for e in storage.get_json(job_key(job_id, "entities.json"))]
    sub = job.options.redact_pii_sub
    redacted = redact_text(transcript, entities, sub)
    body = redacted.model_dump()
    body["entities"] = public_entities(entities, transcript, sub)
    storage.put_json(job_key(job_id, "redacted.json"), body)
