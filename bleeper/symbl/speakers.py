"""Who speaks a message (`from`), and their identity redacted: `[REDACTED NAME 1]`,
`[REDACTED EMAIL 1]`, numbered in the order each distinct name or email first speaks, the same
number for the same person all through the conversation.

Speakers come from artifacts.SPEAKERS: Symbl's `channelMetadata[].speaker` with its 1-based
`channel`, or the `from` of text messages. A segment names its speaker by index (`Segment.speaker`)
or by its 0-based audio channel; mono audio without metadata has one unnamed speaker: `from: {}`.

Speakers' names and emails are known PII, so where the transcript says them and detection did not
find them, they are added as `person_name` / `email_address` entities (fail closed).
"""

from __future__ import annotations

import re
from typing import Any

from bleeper.models import Entity, Segment, Transcript
from bleeper.redaction.pseudonyms import TITLES

RECOGNIZER = "SpeakerIdentity"


def speaker_of(segment: Segment, speakers: list[dict[str, Any]]) -> dict[str, Any]:
    if segment.speaker is not None and 0 <= segment.speaker < len(speakers):
        return speakers[segment.speaker]
    if segment.channel is not None:
        for speaker in speakers:
            if speaker.get("channel") == segment.channel + 1:
                return speaker
    return {}


def public_from(speaker: dict[str, Any]) -> dict[str, Any]:
    """Symbl's `from`: name, email and userId when known; nothing else of ours."""
    return {k: speaker[k] for k in ("name", "email", "userId") if speaker.get(k)}


def _key(value: str) -> str:
    return re.sub(r"\s+", " ", value.strip().lower())


class Numbering:
    """`[REDACTED NAME n]` / `[REDACTED EMAIL n]` for one conversation read: the nth distinct
    name or email address, in the order its speaker first speaks."""

    def __init__(self) -> None:
        self.names: dict[str, int] = {}
        self.emails: dict[str, int] = {}

    def name(self, value: str) -> str:
        return f"[REDACTED NAME {self.names.setdefault(_key(value), len(self.names) + 1)}]"

    def email(self, value: str) -> str:
        return f"[REDACTED EMAIL {self.emails.setdefault(_key(value), len(self.emails) + 1)}]"

    def redact(self, shown: dict[str, Any], hide_name: bool, hide_email: bool) -> dict[str, Any]:
        """`from` with the name and the email hidden as asked; a userId that is an email address
        is hidden with the email (as the same person's), any other userId is kept."""
        out = dict(shown)
        if hide_name and out.get("name"):
            out["name"] = self.name(out["name"])
        if hide_email:
            if out.get("email"):
                out["email"] = self.email(out["email"])
            if "@" in out.get("userId", ""):
                same = _key(shown["userId"]) == _key(shown.get("email", ""))
                out["userId"] = out["email"] if same else self.email(shown["userId"])
        return out


def _time_of(transcript: Transcript, start: int, end: int) -> tuple[int, int]:
    words = [w for w in transcript.words if w.char_end > start and w.char_start < end]
    if not words:
        return 0, transcript.duration_ms
    return words[0].start, words[-1].end


def mentions(transcript: Transcript, entities: list[Entity], speakers: list[dict[str, Any]]) -> list[Entity]:
    """Entities for the speakers' names and emails where the text says them and no detected
    entity covers them. A name is matched word by word (a first name said alone is found),
    capitalised as written, titles aside."""
    text = transcript.text
    patterns: list[tuple[str, re.Pattern[str]]] = []
    for speaker in speakers:
        for word in re.findall(r"[^\W\d_][\w'-]*", speaker.get("name") or ""):
            if len(word) > 1 and word.lower() not in TITLES:
                patterns.append(("person_name", re.compile(rf"\b{re.escape(word[0].upper() + word[1:])}\b")))
        for address in {speaker.get("email"), speaker.get("userId")}:
            if address and "@" in address:
                patterns.append(("email_address", re.compile(re.escape(address), re.IGNORECASE)))
    taken = sorted((e.start, e.end) for e in entities)
    found: list[Entity] = []
    for policy, pattern in patterns:
        for match in pattern.finditer(text):
            s, e = match.span()
            if any(a < e and s < b for a, b in taken):
                continue
            taken.append((s, e))
            start_ms, end_ms = _time_of(transcript, s, e)
            found.append(Entity(policy=policy, start=s, end=e, start_ms=start_ms, end_ms=end_ms, score=1.0,
                                recognizer=RECOGNIZER))
    return sorted([*entities, *found], key=lambda x: x.start)
