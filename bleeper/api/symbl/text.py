"""A text conversation (chat, email) as a bleeper Transcript: one Segment per message, its words
split on whitespace, so detection and redaction run on it exactly as on a call.

Messages are joined with newlines (no value runs across two messages). Times come from each
message's `duration`, relative to the first message's start, words spread evenly over the
message's span; a message without a duration has no time (0). Speakers are the distinct `from`s,
numbered in order of first appearance; a message without `from` has no speaker."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bleeper.api.symbl.schemas import ChannelMetadata, Message, Speaker
from bleeper.models import Segment, Transcript, Word

WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class TextConversation:
    transcript: Transcript
    speakers: list[dict[str, str | int | None]]
    start_time: float | None  # epoch seconds of the first message with a duration
    duration_ms: int | None


def speaker_record(s: Speaker, channel: int | None = None) -> dict[str, str | int | None]:
    return {"name": s.name, "email": s.email, "userId": s.userId, "channel": channel}


def channel_speakers(channels: list[ChannelMetadata] | None) -> list[dict[str, str | int | None]]:
    """speakers.json for a recording: Symbl's channelMetadata, in channel order."""
    return [speaker_record(c.speaker, c.channel) for c in sorted(channels or [], key=lambda c: c.channel)]


def from_messages(messages: list[Message], language: str = "en") -> TextConversation:
    starts = [m.duration.startTime.timestamp() for m in messages if m.duration is not None]
    origin = min(starts) if starts else None
    speakers: list[dict[str, str | int | None]] = []
    text, words, segments = "", [], []
    for m in messages:
        speaker = None
        if m.from_ is not None and (m.from_.name or m.from_.email or m.from_.userId):
            record = speaker_record(m.from_)
            if record not in speakers:
                speakers.append(record)
            speaker = speakers.index(record)
        if text:
            text += "\n"
        begin_ms = end_ms = 0
        if m.duration is not None and origin is not None:
            begin_ms = round((m.duration.startTime.timestamp() - origin) * 1000)
            end_ms = max(begin_ms, round((m.duration.endTime.timestamp() - origin) * 1000))
        content = m.payload.content
        found = list(WORD.finditer(content))
        first = len(words)
        for i, w in enumerate(found):
            w_start = begin_ms + (end_ms - begin_ms) * i // max(1, len(found))
            w_end = begin_ms + (end_ms - begin_ms) * (i + 1) // max(1, len(found))
            words.append(Word(text=w.group(), start=w_start, end=w_end, confidence=1.0,
                              char_start=len(text) + w.start(), char_end=len(text) + w.end()))
        segments.append(Segment(start=begin_ms, end=end_ms, text=content, first_word=first, last_word=len(words),
                                speaker=speaker))
        text += content
    duration_ms = max((s.end for s in segments), default=0)
    transcript = Transcript(text=text, language=language, duration_ms=duration_ms, words=words, segments=segments)
    return TextConversation(transcript, speakers, origin, duration_ms if origin is not None else None)
