"""Per-process collaborators for tasks, built from the one Settings the worker was started with
(workers.app.configure): job store, storage, models. Created lazily, after fork."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from bleeper.config import Settings
from bleeper.state.jobs import JobStore, make_store
from bleeper.state.sealed import make_sealed_storage
from bleeper.state.storage import Storage

if TYPE_CHECKING:
    from faster_whisper import WhisperModel
    from presidio_analyzer import AnalyzerEngine

_settings: list[Settings] = []


def configure(settings: Settings) -> None:
    """The settings every collaborator below is built from (set by the Celery app's factory)."""
    _settings[:] = [settings]
    reset()
    whisper.cache_clear()
    analyzer.cache_clear()


def settings() -> Settings:
    if not _settings:
        raise RuntimeError("workers.context is not configured: import workers.app (or call configure) first")
    return _settings[0]


@lru_cache
def job_store() -> JobStore:
    return make_store(settings())


@lru_cache
def storage() -> Storage:
    return make_sealed_storage(settings())


@lru_cache
def whisper() -> WhisperModel:
    from bleeper.asr import load_model

    s = settings()
    return load_model(s.whisper_model, s)


@lru_cache
def analyzer() -> AnalyzerEngine:
    from bleeper.detection import build_analyzer

    return build_analyzer()


def reset() -> None:
    """Drop clients inherited from the parent process: sockets must not be shared across fork."""
    job_store.cache_clear()
    storage.cache_clear()
