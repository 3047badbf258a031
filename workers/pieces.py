"""A recording transcribed as pieces that are tasks of their own (issue 14: short tasks, so recovery
is short). The stage that starts it decodes the recording once, transcribes the first piece itself
(which fixes the language, as one run over the whole file did) and stores the others' samples; a
chord of `bleeper.transcribe_piece` tasks, one per piece, then runs on any worker of the `asr`
queue, and its body joins them. A lost worker loses one piece of at most five minutes of audio,
redelivered within the broker's visibility timeout, which every task now fits under.

`kind` names what is transcribed: `source` (the transcript) or `heard` (verification's new
transcription of the redacted audio); the samples and pieces live under `jobs/<id>/pieces/`.

A multichannel job (issue 16) cuts each channel into pieces of its own, from one decoding of the
file (bleeper.asr.channel_chunks), so a 60-minute stereo call is 24 pieces of one channel each and
holds no more samples at a time than a mono one; a channel's piece that is silent throughout is
stored as heard-nothing without a task. The join interleaves the channels by time.
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
from bleeper.asr import Piece, assemble, channel_chunks, pcm_chunks, quiet, transcribe_piece
from bleeper.models import Transcript
from workers import context
from workers.app import stage

log = logging.getLogger("bleeper.transcribe")


def fan_out(job_id: str, audio_key: str, kind: str, language: str | None, then: Signature,
            finish: Callable[[str], None], *, channels: bool = False) -> Signature | None:
    """Cut the recording at `audio_key` into pieces (each channel's apart with `channels`),
    transcribe the first, store the rest. Returns the chord that transcribes the rest and then
    runs `then`; with nothing left to wait for, `finish(job_id)` (what `then` does) runs here and
    None is returned."""
    settings, storage = context.settings(), context.storage()
    offsets: list[float] = []
    piece_channels: list[int | None] = []
    waiting: list[int] = []
    with tempfile.TemporaryDirectory(prefix="bleeper-asr-") as tmp:
        audio = Path(tmp) / "audio"
        storage.download(job_key(job_id, audio_key), audio)
        chunks = channel_chunks(audio, settings.asr_piece_s) if channels else \
            ((None, offset, samples) for offset, samples in pcm_chunks(audio, settings.asr_piece_s))
        for index, (channel, offset, samples) in enumerate(chunks):
            offsets.append(offset)
            piece_channels.append(channel)
            if index == 0 or (channel is not None and quiet(samples)):
                heard = transcribe_piece(samples, offset, context.whisper(), language=language,
                                         beam_size=settings.whisper_beam_size, channel=channel)
                if heard.segments:  # the first piece with speech fixes the language, as one run over the file did
                    language = language or heard.language
                storage.put_json(job_key(job_id, artifacts.piece_heard(kind, index)), heard.to_json())
            else:
                buffer = io.BytesIO()
                np.save(buffer, samples, allow_pickle=False)
                storage.put_bytes(job_key(job_id, artifacts.piece_samples(kind, index)), buffer.getvalue())
                waiting.append(index)
    storage.put_json(job_key(job_id, artifacts.piece_plan(kind)),
                     {"offsets": offsets, "language": language, "channels": piece_channels})
    log.info("job %s: %s in %d piece(s)%s", job_id, kind, len(offsets),
             f" over {len(set(piece_channels))} channel(s), {len(waiting)} sent to the asr queue" if channels else "")
    if not waiting:
        finish(job_id)
        return None
    return chord(group(transcribe_piece_task.si(job_id, kind, i) for i in waiting), then)


@stage("transcribe_piece", ignore_result=False)  # a chord counts its header's results
def transcribe_piece_task(job_id: str, kind: str, index: int) -> None:
    settings, storage = context.settings(), context.storage()
    plan = storage.get_json(job_key(job_id, artifacts.piece_plan(kind)))
    samples = np.load(io.BytesIO(storage.get_bytes(job_key(job_id, artifacts.piece_samples(kind, index)))),
                      allow_pickle=False)
    channel = (plan.get("channels") or [None] * len(plan["offsets"]))[index]
    heard = transcribe_piece(samples, plan["offsets"][index], context.whisper(), language=plan["language"],
                             beam_size=settings.whisper_beam_size, channel=channel)
    storage.put_json(job_key(job_id, artifacts.piece_heard(kind, index)), heard.to_json())


def joined(job_id: str, kind: str) -> Transcript:
    """The pieces of `kind` as one transcript; their stored samples and pieces are deleted."""
    storage = context.storage()
    plan = storage.get_json(job_key(job_id, artifacts.piece_plan(kind)))
    pieces = [Piece.from_json(storage.get_json(job_key(job_id, artifacts.piece_heard(kind, i))))
              for i in range(len(plan["offsets"]))]
    # no piece of the first ones had speech: the language of the first that has
    language = plan["language"] or next((p.language for p in pieces if p.segments), None)
    transcript = assemble(pieces, language)
    storage.delete_prefix(job_key(job_id, f"{artifacts.PIECES}{kind}"))
    return transcript
