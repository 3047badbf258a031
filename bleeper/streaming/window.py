"""The redaction window: final turns are redacted with the batch detector over a text that holds
the turns before them and, for a turn whose end could run on into a value, what was said after it.

A number can be split by a pause ("my card is four one one one" … "one one one one …"): the second
turn alone may not read as a card, nor the first. So:
- detection runs over the previous final turns (up to CONTEXT_CHARS) + the held turns + any words
  decoded after them, and each turn is redacted where a value overlaps it, whichever turn the value
  started in;
- a turn whose last word could start a value (`text.tail_is_open`: a digit or number word, a
  single letter, `at`/`dot`, a name) that the detector has not found as one is *held* until the
  audio BLEEPER_STREAM_HOLDBACK_MS after it has been transcribed (silence), or the next turn's
  first words have (session.MIN_CONTEXT_MS of its speech); other turns go at once. Turns always
  leave in order;
- pseudonyms are numbered over every value the session has shown, so a person keeps their number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bleeper.detection.analyzer import Found
from bleeper.models import Entity, RedactedTranscript
from bleeper.redaction import pseudonyms
from bleeper.redaction.text import Style, render_text
from bleeper.streaming.decoder import StreamWord
from bleeper.streaming.text import tail_is_open, transcript_of

CONTEXT_CHARS = 400  # of earlier final turns: a few sentences, as a cue ("my card number is") needs
Detect = Callable[[str], list[Found]]


@dataclass
class FinalTurn:
    order: int
    words: list[StreamWord]
    end_ms: int  # the end of its speech on the session's clock (what the hold-back counts from)
    confidence: float
    language: str | None = None
    language_probability: float | None = None

    @property
    def text(self) -> str:
        return transcript_of(self.words).text


@dataclass
class Released:
    turn: FinalTurn
    redacted: RedactedTranscript  # the turn's text and words as shown
    entities: int


class RedactionWindow:
    def __init__(self, detect: Detect | None, style: Style, holdback_ms: int) -> None:
        self.detect = detect  # None: redact_pii is off
        self.style = style
        self.holdback_ms = holdback_ms
        self.held: list[FinalTurn] = []
        self.context = ""  # the text of the turns already sent, its last CONTEXT_CHARS
        self.mentions: list[tuple[str, str]] = []  # (policy, value) shown so far, for pseudonyms
        self._open_tail: dict[int, bool] = {}

    # --- what the session asks ----------------------------------------------------------------

    def waiting_until(self) -> int | None:
        """The audio time (ms) up to which speech must be transcribed before the oldest held turn
        can go; None when no turn is held."""
        return self.held[0].end_ms + self.holdback_ms if self.held else None

    def add(self, turn: FinalTurn, covered_ms: int) -> list[Released]:
        """A new final turn; returns the turns that can go now, in order."""
        self.held.append(turn)
        return self.release(covered_ms, [])

    def release(self, covered_ms: int, following: Sequence[StreamWord], *, force: bool = False) -> list[Released]:
        """Send what can go, given that speech is transcribed up to `covered_ms` (ms) and
        `following` holds the words decoded after the held turns, if any. `force`: everything held
        goes (Terminate, ForceEndpoint: no more context will come)."""
        if not self.held:
            return []
        text, found, spans = self._detect(following)
        out: list[Released] = []
        while self.held:
            turn = self.held[0]
            start, end = spans[turn.order]
            due = force or self.detect is None or covered_ms >= turn.end_ms + self.holdback_ms
            if not due and self._tail_open(turn, found, end):
                break
            self.held.pop(0)
            out.append(self._render(turn, text, found, start, end))
        if out:
            self.context = (self.context + " " + " ".join(r.turn.text for r in out)).strip()[-CONTEXT_CHARS:]
        return out

    # --- inside ---------------------------------------------------------------------------------

    def _detect(self, following: Sequence[StreamWord]) -> tuple[str, list[Found], dict[int, tuple[int, int]]]:
        """Detection over context + held turns + following words; each held turn's span in that text."""
        text, spans = self.context, {}
        for turn in self.held:
            text += " " if text else ""
            spans[turn.order] = (len(text), len(text) + len(turn.text))
            text += turn.text
        after = transcript_of(following).text if following else ""
        if after:
            text += " " + after
        return text, (self.detect(text) if self.detect else []), spans

    def _tail_open(self, turn: FinalTurn, found: list[Found], end: int) -> bool:
        """Whether the turn's last word could be the start of a value that is not redacted yet: a
        word already inside a value found is redacted whatever follows (what follows is redacted in
        its own turn, which sees this one), so only an unredacted value-like end waits."""
        words = [w.text.strip() for w in turn.words]
        if not words or not tail_is_open(words):
            return False
        last = words[-1].rstrip(".,?!;:\"”)")
        at = end - len(words[-1])
        return not any(f.start <= at and f.end >= at + len(last) for f in found)

    def _render(self, turn: FinalTurn, text: str, found: list[Found], start: int, end: int) -> Released:
        transcript = transcript_of(turn.words, turn.language or "en")
        inside = [f for f in found if f.start < end and f.end > start]
        mentions = [(f.policy, text[f.start:f.end]) for f in inside]
        numbers = pseudonyms.assign(self.mentions + mentions)[len(self.mentions):]
        self.mentions += mentions
        entities = []
        for f, number in zip(inside, numbers):
            lo, hi = max(f.start, start) - start, min(f.end, end) - start
            touched = [w for w in transcript.words if w.char_start < hi and w.char_end > lo]
            entities.append(Entity(policy=f.policy, start=lo, end=hi,
                                   start_ms=min((w.start for w in touched), default=0),
                                   end_ms=max((w.end for w in touched), default=0),
                                   score=f.score, recognizer=f.recognizer, pseudonym=number, doubtful=f.doubtful))
        return Released(turn, render_text(transcript, entities, self.style), len(entities))
