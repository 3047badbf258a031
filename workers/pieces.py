"""A recording transcribed as pieces that are tasks of their own (issue 14: short tasks, so recovery
is short). The stage that starts it decodes the recording once, transcribes the first piece itself
(which fixes the language, as one run over the whole file did) and stores the others' samples; a
chord of `bleeper.transcribe_piece` tasks, one per piece, then runs on any worker of the `asr`
queue, and its body joins them. A lost worker loses one piece of at most five minutes of audio,
redelivered within the broker's visibility timeout, which every task now fits under.

`kind` names what is transcribed: `source` (the transcript) or `heard` (verification's new
transcription of the redacted audio); the samples and pieces live under `jobs/<id>/pieces/`.
"""

from __future__ import annotations

import io
import logging
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
from celery import chord, group
from celery.canvas import Signature

from bleeper import artifacts
from bleeper.artifacts import job_key
from bleeper.asr import Piece, assemble, pcm_chunks, transcribe_piece
from bleeper.models import Transcript
from workers import context
from workers.app import stage

log = logging.getLogger("bleeper.transcribe")


def fan_out(job_id: str, audio_key: str, kind: str, language: str | None, then: Signature,
            finish: Callable[[str], None]) -> Signature | None:
    """Cut the recording at `audio_key` into pieces, transcribe the first, store the rest. Returns
    the chord that transcribes the rest and then runs `then`; with one piece there is nothing to
    wait for: `finish(job_id)` (what `then` does) runs here and None is returned."""
    settings, storage = context.settings(), context.storage()
    offsets: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bleeper-asr-") as tmp:
        audio = Path(tmp) / "audio"
        storage.download(job_key(job_id, audio_key), audio)
        for index, (offset, samples) in enumerate(pcm_chunks(audio, settings.asr_piece_s)):
            offsets.append(offset)
            if index == 0:
                first = transcribe_piece(samples, offset, context.whisper(), language=language,
                                         beam_size=settings.whisper_beam_size)
                language = language or first.language
                storage.put_json(job_key(job_id, artifacts.piece_heard(kind, 0)), first.to_json())
            else:
                buffer = io.BytesIO()
                np.save(buffer, samples, allow_pickle=False)
                storage.put_bytes(job_key(job_id, artifacts.piece_samples(kind, index)), buffer.getvalue())
    storage.put_json(job_key(job_id, artifacts.piece_plan(kind)), {"offsets": offsets, "language": language})
    log.info("job %s: %s in %d piece(s)", job_id, kind, len(offsets))
    if len(offsets) <= 1:
        finish(job_id)
        return None
    return chord(group(transcribe_piece_task.si(job_id, kind, i) for i in range(1, len(offsets))), then)


@stage("transcribe_piece", ignore_result=False)  # a chord counts its header's results
def transcribe_piece_task(job_id: str, kind: str, index: int) -> None:
    settings, storage = context.settings(), context.storage()
    plan = storage.get_json(job_key(job_id, artifacts.piece_plan(kind)))
    samples = np.load(io.BytesIO(storage.get_bytes(job_key(job_id, artifacts.piece_samples(kind, index)))),
                      allow_pickle=False)
    heard = transcribe_piece(samples, plan["offsets"][index], context.whisper(), language=plan["language"],
                             beam_size=settings.whisper_beam_size)
    storage.put_json(job_key(job_id, artifacts.piece_heard(kind, index)), heard.to_json())


def joined(job_id: str, kind: str) -> Transcript:
    """The pieces of `kind` as one transcript; their stored samples and pieces are deleted."""
    storage = context.storage()
    plan = storage.get_json(job_key(job_id, artifacts.piece_plan(kind)))
    pieces = [Piece.from_json(storage.get_json(job_key(job_id, artifacts.piece_heard(kind, i))))
              for i in range(len(plan["offsets"]))]
    transcript = assemble(pieces, plan["language"])
    storage.delete_prefix(job_key(job_id, f"{artifacts.PIECES}{kind}"))
    return transcript
