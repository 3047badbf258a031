"""Stage 2: faster-whisper on the source audio → transcript.json with word timestamps."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from bleeper import artifacts
from bleeper.artifacts import job_key
from bleeper.asr import empty, is_silence, transcribe_audio
from bleeper.errors import InvalidRequest, NoSpeech
from workers import context
from workers.app import stage

log = logging.getLogger("bleeper.transcribe")


@stage("transcribe")
def transcribe(job_id: str) -> None:
    settings = context.settings()
    store, storage = context.job_store(), context.storage()
    job = store.get(job_id)
    language = job.options.language_code
    model = context.whisper()
    if language and settings.whisper_model.endswith(".en") and not language.startswith("en"):
        raise InvalidRequest(f"this worker's model ({settings.whisper_model}) only transcribes English")
    with tempfile.TemporaryDirectory(prefix="bleeper-asr-") as tmp:
        source = Path(tmp) / artifacts.SOURCE
        storage.download(job_key(job_id, artifacts.SOURCE), source)
        transcript = transcribe_audio(source, model, language=language, beam_size=settings.whisper_beam_size)
    log.info("job %s: %d words, language %s", job_id, len(transcript.words), transcript.language)
    o = job.options
    if is_silence(transcript):
        transcript = empty(transcript)
        if o.redact_pii_audio and not o.redact_pii_audio_options.return_redacted_no_speech_audio:
            raise NoSpeech("no speech was found in the audio; set redact_pii_audio_options."
                           "return_redacted_no_speech_audio to get the audio back anyway")
    storage.put_json(job_key(job_id, artifacts.TRANSCRIPT), transcript.model_dump())
    store.update(job_id, language_code=transcript.language)
