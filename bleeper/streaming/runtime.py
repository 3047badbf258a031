"""What a streaming process shares between its sessions: the models, loaded once (Whisper, the
detector, the VAD), the threads that run them off the event loop, and the count of sessions."""

from __future__ import annotations

import logging
import threading
import traceback
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bleeper.config import Settings
from bleeper.custom import definitions
from bleeper.detection.analyzer import Found, find_pii
from bleeper.errors import DetectionFailed
from bleeper.models import CustomEntity
from bleeper.streaming.decoder import Decoder, WhisperDecoder, load_stream_model
from bleeper.streaming.params import StreamParams
from bleeper.streaming.session import Limits, Session
from bleeper.streaming.vad import StreamingVad, silero_session
from bleeper.streaming.window import Detect

log = logging.getLogger("bleeper.streaming")


class StreamRuntime:
    """Models load on `load()` (the `bleeper stream` process at start, the API on its first
    session); sessions beyond BLEEPER_STREAM_MAX_SESSIONS are refused (`admit`)."""

    def __init__(self, settings: Settings, *, decoder: Decoder | None = None, analyzer: Any = None,
                 vad_session: Any = None) -> None:
        self.settings = settings
        self.model_name = settings.stream_model
        self.max_sessions = settings.stream_max_sessions
        self.limits = Limits(holdback_ms=settings.stream_holdback_ms, max_turn_ms=int(settings.stream_max_turn_s * 1000),
                             partial_interval_ms=settings.stream_partial_interval_ms,
                             beam_size=settings.stream_beam_size)
        # one thread per session (each runs one call at a time) plus one for loading the models
        self.pool = ThreadPoolExecutor(max_workers=self.max_sessions + 1, thread_name_prefix="bleeper-stream")
        self.decoder, self.analyzer, self.vad_session = decoder, analyzer, vad_session
        self.active = 0
        self._count = threading.Lock()
        self._loading = threading.Lock()
        self._detecting = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self.decoder is not None and self.analyzer is not None and self.vad_session is not None

    def load(self) -> None:
        with self._loading:
            if self.decoder is None:
                workers = max(1, min(self.max_sessions, self.settings.stream_asr_workers))
                self.decoder = WhisperDecoder(load_stream_model(self.model_name, self.settings, workers))
            if self.analyzer is None:
                from bleeper.detection import build_analyzer

                self.analyzer = build_analyzer()
            if self.vad_session is None:
                self.vad_session = silero_session()

    def admit(self) -> bool:
        with self._count:
            if self.active >= self.max_sessions:
                return False
            self.active += 1
            return True

    def leave(self) -> None:
        with self._count:
            self.active = max(0, self.active - 1)

    def session(self, params: StreamParams, on_audio=None, custom: list[CustomEntity] | None = None  # noqa: ANN001
                ) -> Session:
        """A session with this process's models; `custom`: the account's own entity types, detected
        in its final turns as in its jobs (those the session excludes stay visible)."""
        assert self.loaded, "load() first"
        assert self.decoder is not None
        detect = self.detector(params.policies, definitions.wanted(custom, params.redact_pii_exclude),
                               definitions.excluded(custom, params.redact_pii_exclude)) if params.redact_pii else None
        return Session(params, self.decoder, self.vad(), detect, self.limits, on_audio, spare=self.spare)

    def vad(self) -> StreamingVad:
        """A session's own voice-activity state over the process's shared Silero model."""
        return StreamingVad(self.vad_session)

    def spare(self) -> bool:
        """Whether decoding ahead (a decode that may be thrown away) costs no other session its
        latency: at most one session per two cores."""
        return self.active * 2 <= max(2, self.settings.cpu_threads)

    def detector(self, wanted: tuple[str, ...], custom: list[CustomEntity] | None = None,
                 shown: list[CustomEntity] | None = None) -> Detect:
        """find_pii with this process's analyzer, one call at a time (spaCy and Presidio are not
        documented as thread-safe; a call takes a few ms). Fails closed like the batch detect stage."""
        min_scores = self.settings.min_scores

        def detect(text: str) -> list[Found]:
            try:
                with self._detecting:
                    return find_pii(text, self.analyzer, wanted, min_scores, custom=custom or None,
                                    pattern_timeout=self.settings.custom_pattern_timeout, shown=shown or None)
            except Exception as exc:  # noqa: BLE001 — a recognizer's bug; its message may quote the text
                log.error("streaming detection raised %s\n%s", type(exc).__name__,
                          "".join(traceback.format_tb(exc.__traceback__)))
                raise DetectionFailed("PII detection failed, so the session was stopped rather than send a turn "
                                      "that may not be fully redacted; the operator's log has the details") from None

        return detect

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
