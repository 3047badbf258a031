"""Stage 2: faster-whisper on the source audio → transcript.json with word timestamps, in pieces
that are tasks of their own (workers/pieces.py); with `multichannel`, each channel apart, their
segments interleaved by time and marked with their channel."""

from __future__ import annotations

import logging
from collections import Counter

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
    channels = job.probe.channels if job.probe else 1
    if job.options.multichannel and channels > settings.multichannel_max_channels:
        raise InvalidRequest(f"multichannel: the audio has {channels} channels and this deployment transcribes at "
                             f"most {settings.multichannel_max_channels} apart (BLEEPER_MULTICHANNEL_MAX_CHANNELS); "
                             "mix them down or leave multichannel off")
    return fan_out(job_id, artifacts.SOURCE, "source", language, transcribe_join.si(job_id), finish,
                   channels=job.options.multichannel)


@stage("transcribe_join")
def transcribe_join(job_id: str) -> None:
    finish(job_id)


def finish(job_id: str) -> None:
    store, storage = context.job_store(), context.storage()
    job = store.get(job_id)
    o = job.options
    transcript = joined(job_id, "source")
    log.info("job %s: %d words, language %s", job_id, len(transcript.words), transcript.language)
    if o.multichannel:
        log.info("job %s: words per channel %s", job_id,
                 dict(Counter(w.channel for w in transcript.words)) or "{}")
    if is_silence(transcript):
        transcript = empty(transcript)
        if o.redact_pii_audio and not o.redact_pii_audio_options.return_redacted_no_speech_audio:
            raise NoSpeech("no speech was found in the audio; set redact_pii_audio_options."
                           "return_redacted_no_speech_audio to get the audio back anyway")
    storage.put_json(job_key(job_id, artifacts.TRANSCRIPT), transcript.model_dump())
    store.update(job_id, language_code=transcript.language)
