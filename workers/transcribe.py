"""Stage 2: faster-whisper on the source audio → transcript.json with word timestamps, in pieces
that are tasks of their own (workers/pieces.py)."""

from __future__ import annotations

import logging

from celery.canvas import Signature

from bleeper import artifacts
from bleeper.artifacts import job_key
from bleeper.asr import empty, is_silence
from bleeper.errors import InvalidRequest, NoSpeech
from workers import context
from workers.app import stage
from workers.pieces import fan_out, joined

log = logging.getLogger("bleeper.transcribe")


@stage("transcribe")
def transcribe(job_id: str) -> Signature | None:
    settings = context.settings()
    job = context.job_store().get(job_id)
    language = job.options.language_code
    if language and settings.whisper_model.endswith(".en") and not language.startswith("en"):
        raise InvalidRequest(f"this worker's model ({settings.whisper_model}) only transcribes English")
    return fan_out(job_id, artifacts.SOURCE, "source", language, transcribe_join.si(job_id), finish)


@stage("transcribe_join")
def transcribe_join(job_id: str) -> None:
    finish(job_id)


def finish(job_id: str) -> None:
    store, storage = context.job_store(), context.storage()
    job = store.get(job_id)
    transcript = joined(job_id, "source")
    log.info("job %s: %d words, language %s", job_id, len(transcript.words), transcript.language)
    o = job.options
    if is_silence(transcript):
        transcript = empty(transcript)
        if o.redact_pii_audio and not o.redact_pii_audio_options.return_redacted_no_speech_audio:
            raise NoSpeech("no speech was found in the audio; set redact_pii_audio_options."
                           "return_redacted_no_speech_audio to get the audio back anyway")
    storage.put_json(job_key(job_id, artifacts.TRANSCRIPT), transcript.model_dump())
    store.update(job_id, language_code=transcript.language)
