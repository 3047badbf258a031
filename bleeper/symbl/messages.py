"""A conversation as Symbl's Conversations API shows it: its messages (one per transcript
segment) and the entities found in them, redacted as one read asks.

Entity offsets are in Transcript.text coordinates; a message is the text from its segment's first
word to its last. A value is written once, where it starts: the part of a value that runs on into
the next message is removed there, not written again.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bleeper.models import Entity, Transcript
from bleeper.symbl import locations
from bleeper.symbl.entities import SymblType, symbl_type
from bleeper.symbl.settings import ReadOptions
from bleeper.symbl.speakers import mentions, public_from, speaker_of


@dataclass
class Conversation:
    id: str
    started_at: float  # epoch seconds: messages' startTime is this plus their offset
    transcript: Transcript  # the original: read-time redaction needs the values
    entities: list[Entity]
    speakers: list[dict[str, Any]] = field(default_factory=list)
    text_only: bool = False  # a text conversation: words carry no confidence score


@dataclass(frozen=True)
class Found:
    entity: Entity
    kind: SymblType


def message_id(conversation_id: str, index: int) -> str:
    """Symbl's ids are 16-digit numbers; these are stable for a conversation's messages."""
    digest = hashlib.sha256(f"{conversation_id}:{index}".encode()).digest()
    return str(10**15 + int.from_bytes(digest[:8], "big") % (9 * 10**15))


def _iso(started_at: float, ms: int) -> str:
    return datetime.fromtimestamp(started_at + ms / 1000, UTC).isoformat(timespec="milliseconds").replace(
        "+00:00", "Z")


def _seconds(ms: int) -> float:
    return round(ms / 1000, 2)


def classify(conversation: Conversation) -> list[Found]:
    """Every entity with its Symbl type, speakers' own names and emails included."""
    text = conversation.transcript.text
    every = mentions(conversation.transcript, conversation.entities, conversation.speakers)
    return [Found(e, symbl_type(e.policy, locations.kind(text, e.start, e.end) if e.policy == "location" else None))
            for e in every]


class _Renderer:
    """Spans of Transcript.text with the hidden values replaced, and where each value lands."""

    def __init__(self, text: str, found: list[Found], options: ReadOptions) -> None:
        self.text = text
        self.hidden = [f for f in found if options.hides(f.kind.name)]
        self.starts = [f.entity.start for f in self.hidden]
        self.ends = [f.entity.end for f in self.hidden]
        self.options = options

    def render(self, a: int, b: int) -> tuple[str, dict[int, int]]:
        """text[a:b] redacted, and for each hidden entity starting inside, its offset in the result."""
        i, j = bisect_right(self.ends, a), bisect_left(self.starts, b)
        out, at, offsets = [], a, {}
        for f in self.hidden[i:j]:
            s, e = max(f.entity.start, a), min(f.entity.end, b)
            out.append(self.text[at:s])
            if f.entity.start >= a:
                offsets[f.entity.start] = sum(len(p) for p in out)
                out.append(self.options.replacement(f.kind.name))
            at = e
        out.append(self.text[at:b])
        return "".join(out), offsets


def _words(conversation: Conversation, renderer: _Renderer, first: int, last: int) -> list[dict[str, Any]]:
    out = []
    for word in conversation.transcript.words[first:last]:
        shown, _ = renderer.render(word.char_start, word.char_end)
        if not shown.strip():
            continue  # the rest of a value already written on an earlier word
        if out and shown != word.text and not any(c.isalnum() for c in shown):
            out[-1]["word"] += shown.strip()  # a value's last word leaves its punctuation: `[SSN].`
            continue
        item: dict[str, Any] = {"word": shown.strip(), "startTime": _iso(conversation.started_at, word.start),
                                "endTime": _iso(conversation.started_at, word.end)}
        if not conversation.text_only:
            item["score"] = round(word.confidence, 2)
        item |= {"timeOffset": _seconds(word.start), "duration": _seconds(word.end - word.start)}
        out.append(item)
    return out


def build(conversation: Conversation, options: ReadOptions, verbose: bool = False,
          found: list[Found] | None = None) -> list[dict[str, Any]]:
    """Symbl's `messages`, redacted per `options` (words with times when `verbose`)."""
    transcript = conversation.transcript
    found = classify(conversation) if found is None else found
    renderer = _Renderer(transcript.text, found, options)
    hide_name, hide_email = options.hides("PERSON_NAME"), options.hides("EMAIL_ADDRESS")
    messages = []
    for index, segment in enumerate(transcript.segments):
        if segment.last_word <= segment.first_word:
            continue
        a = transcript.words[segment.first_word].char_start
        b = transcript.words[segment.last_word - 1].char_end
        text, _ = renderer.render(a, b)
        sender = public_from(*speaker_of(segment, conversation.speakers), hide_name, hide_email)
        message: dict[str, Any] = {
            "id": message_id(conversation.id, index), "text": text, "from": sender,
            "startTime": _iso(conversation.started_at, segment.start),
            "endTime": _iso(conversation.started_at, segment.end),
            "timeOffset": _seconds(segment.start), "duration": _seconds(segment.end - segment.start),
            "conversationId": conversation.id, "phrases": [],
        }
        if verbose:
            message["words"] = _words(conversation, renderer, segment.first_word, segment.last_word)
        messages.append(message)
    return messages


def entity_objects(conversation: Conversation, options: ReadOptions,
                   found: list[Found] | None = None) -> list[dict[str, Any]]:
    """Symbl's `entities`, one object per entity and value, in both shapes Symbl has used: the
    older (`type`, `value`, `text`, `messageRefs`, `customType`) and the newer (`type`, `subType`,
    `category`, `matches[{value, detectedValue, messageRefs}]`). A hidden value shows as the
    read's replacement (`[SSN]`), and message texts as `messages` shows them."""
    transcript = conversation.transcript
    found = classify(conversation) if found is None else found
    renderer = _Renderer(transcript.text, found, options)
    spans = []  # (start, end, message id, message start ms, message end ms)
    for index, segment in enumerate(transcript.segments):
        if segment.last_word > segment.first_word:
            spans.append((transcript.words[segment.first_word].char_start,
                          transcript.words[segment.last_word - 1].char_end, message_id(conversation.id, index),
                          segment.start, segment.end))
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    for f in found:
        e = f.entity
        span = next((s for s in spans if s[0] <= e.start < s[1]), None)
        if span is None:
            continue
        shown_text, offsets = renderer.render(span[0], span[1])
        hidden = options.hides(f.kind.name)
        value = options.replacement(f.kind.name) if hidden else transcript.text[e.start:e.end]
        offset = offsets[e.start] if hidden else len(renderer.render(span[0], e.start)[0])
        ref = {"id": span[2], "text": shown_text, "offset": offset,
               "startTime": _iso(conversation.started_at, e.start_ms),
               "endTime": _iso(conversation.started_at, e.end_ms)}
        key = (f.kind.name, transcript.text[e.start:e.end].lower())  # one object per value (never shown when hidden)
        if key not in grouped:
            obj: dict[str, Any] = {"type": f.kind.type, "subType": f.kind.sub_type, "category": f.kind.category,
                                   "value": value, "text": value, "messageRefs": [],
                                   "matches": [{"value": value, "detectedValue": value, "messageRefs": []}]}
            if f.kind.category == "Custom":
                obj["customType"] = f.kind.type
            grouped[key] = obj
        grouped[key]["messageRefs"].append(ref)
        grouped[key]["matches"][0]["messageRefs"].append(ref)
    return list(grouped.values())


def shows_values(found: list[Found], options: ReadOptions) -> bool:
    """Does this read show any value as said? (it is then recorded in the conversation's audit)"""
    return any(not options.hides(f.kind.name) for f in found)
