"""Per-process collaborators for tasks: settings, job store, storage, models. Created after fork."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from bleeper.config import get_settings
from bleeper.state.jobs import JobStore, make_store
from bleeper.state.storage import Storage, make_storage

if TYPE_CHECKING:
    from faster_whisper import WhisperModel
    from presidio_analyzer import AnalyzerEngine


@lru_cache
def jobs() -> JobStore:
    return make_store(get_settings())


@lru_cache
def storage() -> Storage:
    return make_storage(get_settings())


@lru_cache
def whisper() -> WhisperModel:
    from workers.transcribe import load_model

    s = get_settings()
    return load_model(s.whisper_model, s)


@lru_cache
def analyzer() -> AnalyzerEngine:
    from workers.detect import build_analyzer

    return build_analyzer()


def reset() -> None:
    """Drop clients inherited from the parent process: sockets must not be shared across fork."""
    jobs.cache_clear()
    storage.cache_clear()
