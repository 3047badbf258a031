"""Who speaks a message (`from`), and their identity redacted: `[REDACTED NAME 1]`,
`[REDACTED EMAIL 1]`, numbered by the speaker's place in the conversation's speakers, the same
number for the same person all through the conversation (and in its `members`).

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
# words of a speaker's "name" that say a role, not who (`Agent`, `Support Rep`): not searched for
ROLES = {"agent", "customer", "caller", "speaker", "support", "representative", "rep", "user", "client", "operator",
         "host", "guest", "unknown", "team", "sales", "service", "patient", "doctor", "nurse", "manager", "bot"}


def speaker_of(segment: Segment, speakers: list[dict[str, Any]]) -> tuple[int, dict[str, Any]]:
    """(1-based speaker number, speaker) of a segment; (0, {}) when nobody is known."""
    if segment.speaker is not None and 0 <= segment.speaker < len(speakers):
        return segment.speaker + 1, speakers[segment.speaker]
    if segment.channel is not None:
        for index, speaker in enumerate(speakers):
            if speaker.get("channel") == segment.channel + 1:
                return index + 1, speaker
    return 0, {}


def public_from(number: int, speaker: dict[str, Any], hide_name: bool, hide_email: bool) -> dict[str, Any]:
    """Symbl's `from`: name, email and userId when known, nothing else of ours; hidden as asked,
    numbered by the speaker's place in the conversation's speakers (the conversation's `members`
    number them the same way). A userId is an email address (hidden with the email) or a handle
    (hidden with the name: it may be one)."""
    shown = {k: speaker[k] for k in ("name", "email", "userId") if speaker.get(k)}
    if hide_name and "name" in shown:
        shown["name"] = f"[REDACTED NAME {number}]"
    if hide_email and "email" in shown:
        shown["email"] = f"[REDACTED EMAIL {number}]"
    if "userId" in shown:
        is_email = "@" in shown["userId"]
        if is_email and hide_email:
            shown["userId"] = f"[REDACTED EMAIL {number}]"
        elif not is_email and hide_name:
            shown["userId"] = f"[REDACTED NAME {number}]"
    return shown


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
            if len(word) > 1 and word.lower() not in TITLES | ROLES:
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
