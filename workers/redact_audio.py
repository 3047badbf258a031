"""Stage 5: ffmpeg replaces each entity's padded time span with a 1 kHz beep (or silence)."""

from __future__ import annotations

import logging
import subprocess
import tempfile
from pathlib import Path

import ffmpeg

from bleeper.config import get_settings
from bleeper.errors import MediaError
from bleeper.media import ffmpeg_exe
from bleeper.models import Entity, Probe
from bleeper.storage import job_key
from workers import context
from workers.app import stage

log = logging.getLogger("bleeper.redact_audio")

# output container by redact_pii_audio_quality: (file name, ffmpeg output options)
QUALITIES = {
    "mp3": ("redacted_audio.mp3", {"acodec": "libmp3lame", "q:a": 4, "f": "mp3"}),
    "wav": ("redacted_audio.wav", {"acodec": "pcm_s16le", "f": "wav"}),
}


def plan_intervals(entities: list[Entity], duration_ms: int, pad_ms: int) -> list[tuple[int, int]]:
    """Padded entity spans, clipped to the file and merged where they touch or overlap."""
    spans = sorted((max(0, e.start_ms - pad_ms), min(duration_ms, e.end_ms + pad_ms)) for e in entities)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _enable(intervals: list[tuple[int, int]]) -> str:
    return "+".join(f"between(t,{a / 1000:.3f},{b / 1000:.3f})" for a, b in intervals)


def render(
    source: Path,
    out: Path,
    intervals: list[tuple[int, int]],
    info: Probe,
    *,
    method: str = "beep",
    quality: str = "mp3",
    beep_hz: int = 1000,
    beep_volume: float = 0.5,
) -> None:
    """Write the source's audio with every interval muted and, for `beep`, a tone mixed in.

    The original keeps its sample rate and channel count; the output lasts as long as the input.
    """
    audio = ffmpeg.input(str(source)).audio
    if intervals:
        enable = _enable(intervals)
        audio = audio.filter("volume", volume=0, enable=enable)
        if method == "beep":
            layout = {1: "mono", 2: "stereo"}.get(info.channels, f"{info.channels}c")
            tone = (
                ffmpeg.input(f"sine=frequency={beep_hz}:sample_rate={info.sample_rate}", f="lavfi")
                .filter("volume", volume=beep_volume * 8)  # the sine source is 1/8 of full scale
                .filter("volume", volume=0, enable=f"not({enable})")
                .filter("aformat", channel_layouts=layout)
            )
            # duration=first: the endless tone stops where the call does
            audio = ffmpeg.filter([audio, tone], "amix", inputs=2, duration="first", normalize=0)
    _, options = QUALITIES[quality]
    stream = ffmpeg.output(audio, str(out), ar=info.sample_rate, ac=info.channels, **options).overwrite_output()
    try:
        ffmpeg.run(stream, cmd=ffmpeg_exe(), capture_stdout=True, capture_stderr=True, quiet=True)
    except ffmpeg.Error as exc:
        tail = (exc.stderr or b"").decode(errors="replace").strip().splitlines()[-1:]
        log.error("ffmpeg failed: %s", tail)
        raise MediaError("ffmpeg could not write the redacted audio") from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise MediaError(f"ffmpeg could not be run ({type(exc).__name__})") from None


@stage("redact_audio")
def redact_audio(job_id: str) -> None:
    settings = get_settings()
    store, storage = context.jobs(), context.storage()
    job = store.get(job_id)
    if job.probe is None:
        raise MediaError("the source was not probed; re-submit the job")
    entities = [Entity.model_validate(e) for e in storage.get_json(job_key(job_id, "entities.json"))]
    intervals = plan_intervals(entities, int(job.probe.duration_s * 1000), settings.audio_padding_ms)
    options = job.options
    method = options.redact_pii_audio_options.override_audio_redaction_method or settings.audio_method
    name, _ = QUALITIES[options.redact_pii_audio_quality]
    with tempfile.TemporaryDirectory(prefix="bleeper-audio-") as tmp:
        source, out = Path(tmp) / "source", Path(tmp) / name
        storage.download(job_key(job_id, "source"), source)
        render(source, out, intervals, job.probe, method=method, quality=options.redact_pii_audio_quality,
               beep_hz=settings.beep_hz, beep_volume=settings.beep_volume)
        content_type = "audio/mpeg" if name.endswith(".mp3") else "audio/wav"
        storage.put_file(job_key(job_id, name), out, content_type)
    log.info("job %s: %d intervals redacted (%s)", job_id, len(intervals), method)
