"""Text redaction: a transcript with every entity substituted, in one of AssemblyAI's styles.

The skeleton is the transcript in `hash` style: same length, same offsets, every letter and digit
of a value turned into `#`. It holds no PII and is kept for the job's whole life, so any other
style (read-time `sub=`) renders from it without the original text, which is deleted once the job
is done unless the job asked for `keep_unredacted`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

from bleeper.custom.definitions import name_of
from bleeper.models import Entity, RedactedTranscript, Segment, Substitution, Transcript, Word
from bleeper.redaction import pseudonyms

_ALNUM = re.compile(r"[^\W_]")


def _hash(value: str) -> str:
    # AssemblyAI's `hash`: one # per character, separators kept: 610-265-1714 -> ###-###-####.
    return _ALNUM.sub("#", value)


@dataclass(frozen=True)
class Style:
    """How a value is written in the redacted text (`redact_pii_sub` and `redact_pii_custom`)."""

    sub: Substitution = Substitution.hash
    custom: dict[str, str] = field(default_factory=dict)  # policy -> string, and "default"

    def replacement(self, entity: Entity, value: str) -> str:
        return SUBSTITUTIONS[self.sub](entity, value, self)


def _custom_string(e: Entity, style: Style) -> str:
    # a custom entity's string is keyed by its name or its policy (`PRODUCT_CODE`, `custom:PRODUCT_CODE`)
    for key in (e.policy, name_of(e.policy)):
        if key in style.custom:
            return style.custom[key]
    return style.custom.get("default", "[REDACTED]")


# substitution styles by name: (entity, its text, style) -> what the text shows instead. A custom
# entity type is written by its own name: `custom:PRODUCT_CODE` -> [PRODUCT_CODE], [PRODUCT_CODE_2].
SUBSTITUTIONS: dict[Substitution, Callable[[Entity, str, Style], str]] = {
    Substitution.hash: lambda e, value, style: _hash(value),
    Substitution.entity_name: lambda e, value, style: f"[{name_of(e.policy)}]",
    Substitution.obfuscation: lambda e, value, style: "[****]",
    Substitution.custom: lambda e, value, style: _custom_string(e, style),
    Substitution.pseudonym: lambda e, value, style: f"[{name_of(e.policy)}_{e.pseudonym or 1}]",
}

_anonymizer = AnonymizerEngine()


def _anonymize(text: str, pieces: list[tuple[int, int, str]]) -> str:
    """Presidio's `replace` operator, one entity type per piece: (start, end, new text)."""
    if not pieces:
        return text
    results = [RecognizerResult(f"E{i}", s, e, 1.0) for i, (s, e, _) in enumerate(pieces)]
    # `replace` with an empty value writes "<TYPE>"; `redact` removes the text
    operators = {f"E{i}": OperatorConfig("replace", {"new_value": new}) if new else OperatorConfig("redact", {})
                 for i, (_, _, new) in enumerate(pieces)}
    return _anonymizer.anonymize(text=text, analyzer_results=results, operators=operators).text


def _splice(text: str, pieces: list[tuple[int, int, str]]) -> str:
    """`text` with each (start, end) replaced by its new text: the whole transcript's replacements
    (made by Presidio) cut down to one word or sentence."""
    out, at = [], 0
    for start, end, new in sorted(pieces):
        out += [text[at:start], new]
        at = end
    return "".join(out) + text[at:]


def render_text(transcript: Transcript, entities: list[Entity], style: Style) -> RedactedTranscript:
    """Entities must not overlap (detect resolves that). Words keep their times; a style that
    writes one token per value puts it on the value's first word."""
    text = transcript.text
    entities = sorted(entities, key=lambda e: e.start)
    whole = [(e.start, e.end, style.replacement(e, text[e.start:e.end])) for e in entities]
    out_text = _anonymize(text, whole)
    per_char = style.sub == Substitution.hash  # hash keeps lengths, so it applies to any part of a value

    starts, ends = [s for s, _, _ in whole], [e for _, e, _ in whole]  # both ascend: no overlaps

    def touching(lo: int, hi: int) -> list[tuple[Entity, tuple[int, int, str]]]:
        """The entities overlapping [lo, hi), found by bisect (a call has hundreds of them)."""
        i, j = bisect_right(ends, lo), bisect_left(starts, hi)
        return list(zip(entities[i:j], whole[i:j]))

    words: list[Word] = []
    new_index: list[int] = []  # old word index -> new word index (for sentences)
    for word in transcript.words:
        local = []
        for e, (_, _, new) in touching(word.char_start, word.char_end):
            lo, hi = max(e.start, word.char_start), min(e.end, word.char_end)
            piece = _hash(text[lo:hi]) if per_char else ("" if e.start < word.char_start else new)
            local.append((lo - word.char_start, hi - word.char_start, piece))
        shown = _splice(word.text, local).strip()
        new_index.append(len(words))
        if shown == word.text:
            words.append(word)  # unchanged: no copy (a long call has thousands of words)
        elif shown:
            words.append(word.model_copy(update={"text": shown}))
    new_index.append(len(words))

    sentences = []
    for seg in transcript.segments:
        a = transcript.words[seg.first_word].char_start
        b = transcript.words[seg.last_word - 1].char_end
        # a value running on into this sentence was written where it started, like its word
        clipped = [(max(s, a) - a, min(e, b) - a,
                    _hash(text[max(s, a):min(e, b)]) if per_char else (new if s >= a else ""))
                   for _, (s, e, new) in touching(a, b)]
        sentences.append(Segment(start=seg.start, end=seg.end, text=_splice(text[a:b], clipped),
                                 first_word=new_index[seg.first_word], last_word=new_index[seg.last_word],
                                 channel=seg.channel, speaker=seg.speaker))
    return RedactedTranscript(text=out_text, words=words, sentences=sentences)


def redact_text(transcript: Transcript, entities: list[Entity], sub: str = Substitution.hash,
                custom: dict[str, str] | None = None) -> RedactedTranscript:
    """The pure function: a transcript (or its skeleton) and its entities, rendered in a style."""
    return render_text(transcript, entities, Style(Substitution(sub), dict(custom or {})))


def skeleton(transcript: Transcript, entities: list[Entity]) -> Transcript:
    """The transcript in `hash` style with offsets intact: what later renders start from."""
    text = _anonymize(transcript.text, [(e.start, e.end, _hash(transcript.text[e.start:e.end])) for e in entities])
    words = [w if (shown := text[w.char_start:w.char_end].strip()) == w.text else w.model_copy(update={"text": shown})
             for w in transcript.words]
    segments = [s.model_copy(update={"text": text[transcript.words[s.first_word].char_start:
                                                    transcript.words[s.last_word - 1].char_end]})
                for s in transcript.segments]
    return transcript.model_copy(update={"text": text, "words": words, "segments": segments})


def with_pseudonyms(transcript: Transcript, entities: list[Entity]) -> list[Entity]:
    numbers = pseudonyms.assign([(e.policy, transcript.text[e.start:e.end]) for e in entities])
    return [e.model_copy(update={"pseudonym": n}) for e, n in zip(entities, numbers)]


def public_entities(entities: list[Entity], source: Transcript, style: Style | str) -> list[dict[str, Any]]:
    """What the API shows of each entity: type, time, score and the replacement — never the value."""
    style = Style(Substitution(style)) if isinstance(style, str) else style
    return [{"entity_type": e.policy, "text": style.replacement(e, _hash(source.text[e.start:e.end])),
             "start": e.start_ms, "end": e.end_ms, "score": e.score} for e in entities]


def document(source: Transcript, entities: list[Entity], style: Style) -> dict[str, Any]:
    """redacted.json: text, words, sentences and the entities as shown."""
    body = render_text(source, entities, style).model_dump()
    body["entities"] = public_entities(entities, source, style)
    return body


def job_style(options: Any) -> Style:
    return Style(Substitution(options.redact_pii_sub), dict(options.redact_pii_custom or {}))
