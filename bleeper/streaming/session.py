"""One streaming session: audio frames in, AssemblyAI `Turn` messages out. Synchronous and
framework-free; the WebSocket route runs it in a thread pool, one call at a time per session.

Turns are cut by voice activity (Silero, 32 ms windows) on the session's own clock — the audio
received, not the wall clock, so a test that streams faster than real time sees what a caller
would. While someone speaks, a turn is open; after a silence of SPECULATE_MS its audio is decoded
once; the turn ends when the silence reaches `min_turn_silence` and that decode reads as a finished
sentence (end-of-turn confidence over the threshold), or when it reaches `max_turn_silence`, or on
`ForceEndpoint`, or when the turn gets longer than BLEEPER_STREAM_MAX_TURN_S (cut at its quietest
moment). Final turns go through the redaction window (`window.py`); partial turns, when asked for,
are the open turn decoded again every BLEEPER_STREAM_PARTIAL_INTERVAL_MS of audio, unredacted.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from bleeper.redaction.text import Style
from bleeper.streaming import protocol
from bleeper.streaming.audio import SAMPLE_RATE, AudioInput
from bleeper.streaming.decoder import Decoded, Decoder
from bleeper.streaming.params import StreamParams, apply_update
from bleeper.streaming.text import end_of_turn_confidence, unformatted_word
from bleeper.streaming.vad import WINDOW, SpeechProbabilities
from bleeper.streaming.window import Detect, FinalTurn, RedactionWindow, Released

PAD = SAMPLE_RATE // 5  # 200 ms of audio decoded before and after the speech VAD found
# silence after which the open turn is decoded, ahead of deciding it is over, while the process has
# cores to spare: it saves ~200 ms a turn, and costs a decode thrown away whenever a pause inside a
# turn ends (11 of 19 decodes on the test call), so after one the session waits twice that decode's
# time before decoding ahead again; busy, the decode waits for min_turn_silence
SPECULATE_MS = 200
MIN_CONTEXT_MS = 800  # of the next turn's speech: 2-3 digits or words, enough to join a value
CUT_SEARCH_MS = 3000  # a turn at its longest is cut at the quietest window in its last 3 s


@dataclass(frozen=True)
class Limits:
    """The process's streaming settings (BLEEPER_STREAM_*), the same for every session."""

    holdback_ms: int = 1500
    max_turn_ms: int = 15_000
    partial_interval_ms: int = 500
    beam_size: int = 5


@dataclass
class OpenTurn:
    start: int  # sample where speech began
    last_speech: int  # end of the last window with speech
    audio_from: int  # first sample decoded (start - PAD, or the cut, for a turn that continues one)
    partial_at: int = 0
    tentative: Decoded | None = None
    tentative_early: bool = False  # decoded before min_turn_silence (may be thrown away)
    tentative_cost: int = 0  # what that decode took, in samples of real time
    probs: list[float] = field(default_factory=list)


def ms(samples: int) -> int:
    return samples * 1000 // SAMPLE_RATE


class Session:
    def __init__(self, params: StreamParams, decoder: Decoder, vad: SpeechProbabilities, detect: Detect | None,
                 limits: Limits = Limits(), on_audio: Callable[[np.ndarray], None] | None = None,
                 spare: Callable[[], bool] = lambda: True) -> None:
        self.params = params
        self.decoder = decoder
        self.vad = vad
        self.limits = limits
        self.on_audio = on_audio  # the client's samples as received (int16, its rate): redact_pii_audio
        self.spare = spare  # whether the process has cores to spare for decoding ahead
        self.audio = AudioInput(params.encoding, params.sample_rate)
        self.window = RedactionWindow(detect if params.redact_pii else None,
                                      Style(params.redact_pii_sub, dict(params.redact_pii_custom)), limits.holdback_ms)
        self.buffer = np.zeros(0, dtype=np.float32)
        self.buffer_start = 0  # sample index of buffer[0]
        self.clock = 0  # samples the VAD has seen
        self.turn: OpenTurn | None = None
        self.turn_order = 0
        self.language = params.language
        self.language_probability: float | None = None
        self.partial_gap = 0  # samples between partials, grown when decoding them is slow
        # decoding ahead, thrown away when the speaker goes on, may take at most half of real time
        self.ahead_after = 0
        self.turns_sent = 0
        self.values_redacted = 0

    # --- the session's inputs -------------------------------------------------------------------

    @property
    def audio_ms(self) -> int:
        return ms(self.clock)

    def feed(self, data: bytes) -> list[str]:
        pcm, samples = self.audio.feed(data)
        if self.on_audio is not None and pcm.shape[0]:
            self.on_audio(pcm)
        return self._push(samples)

    def update(self, body: dict) -> None:
        self.params = apply_update(self.params, body)

    def force_endpoint(self) -> list[str]:
        """AssemblyAI's ForceEndpoint: the open turn ends now, and held turns go with the context
        there is."""
        out = self._end_turn(self.clock) if self.turn else []
        return out + self._send(self.window.release(ms(self.clock), [], force=True))

    def finish(self) -> list[str]:
        """Terminate: what the resampler holds, the open turn, and every held turn."""
        out = self._push(self.audio.flush())
        return out + self.force_endpoint()

    # --- voice activity and turns ---------------------------------------------------------------

    def _push(self, samples: np.ndarray) -> list[str]:
        if samples.shape[0] == 0:
            return []
        self.buffer = np.concatenate([self.buffer, samples])
        out: list[str] = []
        for p in self.vad(samples):
            self.clock += WINDOW
            out += self._step(float(p), self.clock)
        return out

    def _step(self, p: float, t: int) -> list[str]:
        params, turn = self.params, self.turn
        if turn is None:
            if p < params.vad_threshold:
                self._trim(t - PAD)
                return self._held_due(t)
            self.turn = turn = OpenTurn(start=t - WINDOW, last_speech=t, audio_from=max(0, t - WINDOW - PAD),
                                        partial_at=t)
        turn.probs.append(p)
        if p >= params.vad_threshold:
            if turn.tentative is not None and turn.tentative_early:  # decoded ahead for nothing: wait a while
                self.ahead_after = t + 2 * turn.tentative_cost
            turn.last_speech, turn.tentative = t, None
        silence = ms(t - turn.last_speech)
        out: list[str] = []
        if silence == 0:
            if ms(t - turn.start) >= self.limits.max_turn_ms:
                return self._cut(t)
            if params.include_partial_turns and t - turn.partial_at >= max(self.partial_gap, self._interval()):
                out += self._partial(t)
        else:
            early = self.spare() and t >= self.ahead_after
            ahead = SPECULATE_MS if early else params.min_turn_silence
            if silence >= min(ahead, params.max_turn_silence) and turn.tentative is None:
                started = time.perf_counter()
                turn.tentative = self._decode(turn.audio_from, min(turn.last_speech + PAD, t), self.limits.beam_size)
                turn.tentative_early = silence < params.min_turn_silence
                turn.tentative_cost = int((time.perf_counter() - started) * SAMPLE_RATE)
            confident = end_of_turn_confidence([w.text.strip() for w in turn.tentative.words]) \
                >= params.end_of_turn_confidence_threshold if turn.tentative else False
            if (silence >= params.min_turn_silence and confident) or silence >= params.max_turn_silence:
                return self._end_turn(t)
        return out + self._held_due(t)

    def _interval(self) -> int:
        return self.limits.partial_interval_ms * SAMPLE_RATE // 1000

    def _trim(self, keep_from: int) -> None:
        cut = keep_from - self.buffer_start
        if cut > SAMPLE_RATE:  # not every window: a copy per second is enough
            self.buffer, self.buffer_start = self.buffer[cut:], keep_from

    def _end_turn(self, t: int) -> list[str]:
        turn, self.turn = self.turn, None
        assert turn is not None
        end = min(turn.last_speech + PAD, t)
        decoded = turn.tentative or self._decode(turn.audio_from, end, self.limits.beam_size)
        return self._final(decoded, turn.last_speech, t)

    def _cut(self, t: int) -> list[str]:
        """A turn at its longest: end it at its quietest window of the last few seconds; the
        speech after the cut opens the next turn (decoded from the cut, so no word is in both)."""
        turn = self.turn
        assert turn is not None
        recent = turn.probs[-(CUT_SEARCH_MS // 32):]
        cut = t - (len(recent) - int(np.argmin(recent)) - 1) * WINDOW - WINDOW // 2
        decoded = self._decode(turn.audio_from, cut, self.limits.beam_size)
        self.turn = OpenTurn(start=cut, last_speech=t, audio_from=cut, partial_at=t)
        return self._final(decoded, cut, cut)

    def _final(self, decoded: Decoded, speech_end: int, covered: int) -> list[str]:
        if not decoded.words:
            return self._held_due(covered)
        words = [w.text.strip() for w in decoded.words]
        turn = FinalTurn(self.turn_order, decoded.words, ms(speech_end), end_of_turn_confidence(words),
                         decoded.language, decoded.language_probability)
        self.turn_order += 1
        covered_ms = ms(self.turn.start) if self.turn else ms(covered)
        return self._send(self.window.add(turn, covered_ms))

    def _held_due(self, t: int) -> list[str]:
        """A held turn goes once what follows it is transcribed: silence up to the hold-back, or
        the next turn's first MIN_CONTEXT_MS of speech (decoded now, that turn still being open)."""
        until = self.window.waiting_until()
        if until is None:
            return []
        if self.turn is None or ms(self.turn.start) >= until:
            covered = ms(t) if self.turn is None else ms(self.turn.start)
            return self._send(self.window.release(covered, [])) if covered >= until else []
        if ms(t - self.turn.start) < MIN_CONTEXT_MS:
            return []
        following = self._decode(self.turn.audio_from, t, 1)
        return self._send(self.window.release(until, following.words))  # its first words stand for the rest

    # --- Whisper --------------------------------------------------------------------------------

    def _decode(self, lo: int, hi: int, beam: int) -> Decoded:
        samples = self.buffer[max(0, lo - self.buffer_start):max(0, hi - self.buffer_start)]
        allowed = self.params.languages_allowed if self.language is None else []
        decoded = self.decoder.decode(samples, ms(max(lo, self.buffer_start)), language=self.language,
                                      allowed=allowed, hotwords=" ".join(self.params.keyterms_prompt) or None,
                                      beam_size=beam)
        if self.language is None and decoded.words:  # detected once, then kept (as the batch pipeline does)
            self.language, self.language_probability = decoded.language, decoded.language_probability
        elif self.language_probability is not None:
            decoded.language_probability = self.language_probability
        return decoded

    def _partial(self, t: int) -> list[str]:
        assert self.turn is not None
        started = time.perf_counter()
        decoded = self._decode(self.turn.audio_from, t, 1)
        spent = int((time.perf_counter() - started) * SAMPLE_RATE)
        # decoding partials may take at most half the session's share of the ASR (real time)
        self.partial_gap = 2 * spent
        self.turn.partial_at = t
        if not decoded.words:
            return []
        words = [protocol.WordOut(start=w.start, end=w.end, text=unformatted_word(w.text.strip()),
                                  confidence=w.probability, word_is_final=False) for w in decoded.words]
        words = [w for w in words if w.text]
        return [protocol.dump(protocol.TurnOut(
            turn_order=self.turn_order, turn_is_formatted=False, end_of_turn=False,
            transcript=" ".join(w.text for w in words), words=words,
            end_of_turn_confidence=end_of_turn_confidence([w.text.strip() for w in decoded.words])))]

    # --- messages ---------------------------------------------------------------------------------

    def _send(self, released: list[Released]) -> list[str]:
        out = []
        for r in released:
            self.turns_sent += 1
            self.values_redacted += r.entities
            formatted = [(w, w.text) for w in r.redacted.words]
            plain = [(w, unformatted_word(w.text)) for w in r.redacted.words]
            for is_formatted, shown in ((False, plain), (True, formatted)):
                if is_formatted and not self.params.format_turns:
                    continue
                words = [protocol.WordOut(start=w.start, end=w.end, text=text, confidence=w.confidence,
                                          word_is_final=True) for w, text in shown if text]
                transcript = r.redacted.text if is_formatted else " ".join(w.text for w in words)
                detected = self.params.language_detection
                out.append(protocol.dump(protocol.TurnOut(
                    turn_order=r.turn.order, turn_is_formatted=is_formatted, end_of_turn=True, transcript=transcript,
                    end_of_turn_confidence=r.turn.confidence, words=words,
                    language_code=(r.turn.language or self.language) if detected else None,
                    language_confidence=(r.turn.language_probability if detected else None))))
        return out

