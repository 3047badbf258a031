"""Stage 5: ffmpeg replaces each entity's padded time span with a 1 kHz beep (or silence)."""

from __future__ import annotations

import logging
import subprocess
import tempfile
from pathlib import Path
from typing import Any

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


def plan_intervals(entities: list[Entity], duration_ms: int, pad_ms: int,
                   pad_after_ms: int | None = None) -> list[tuple[int, int]]:
    """Padded entity spans (`pad_ms` before, `pad_after_ms` after, default the same), clipped
    to the file and merged where they touch or overlap."""
    after = pad_ms if pad_after_ms is None else pad_after_ms
    spans = sorted((max(0, e.start_ms - pad_ms), min(duration_ms, e.end_ms + after)) for e in entities)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _commands(intervals: list[tuple[int, int]], beep_level: float | None) -> str:
    """An `asendcmd` script: mute the call inside each interval and, for a beep, open the tone.

    Commands, not one `enable` expression: ffmpeg's expression evaluator runs out of memory on a
    few hundred between() terms (a 20-minute call has ~300 spans) and evaluates every term on
    every frame; commands cost nothing between the interval edges.
    """
    lines = []
    for a, b in intervals:
        cmds = ["[enter] volume@mute volume 0", "[leave] volume@mute volume 1"]
        if beep_level is not None:
            cmds += [f"[enter] volume@tone volume {beep_level:.4f}", "[leave] volume@tone volume 0"]
        lines.append(f"{a / 1000:.3f}-{b / 1000:.3f} {', '.join(cmds)};")
    return "\n".join(lines) + "\n"


def _redacted_audio(source_input: Any, intervals: list[tuple[int, int]], info: Probe, method: str, beep_hz: int,
                    beep_volume: float, workdir: Path) -> Any:
    """The source's audio with every interval muted and, for `beep`, a tone mixed in there."""
    audio = source_input.audio
    if not intervals:
        return audio
    script = workdir / "redact.cmd"
    beep_level = beep_volume * 8 if method == "beep" else None  # the sine source is 1/8 of full scale
    script.write_text(_commands(intervals, beep_level))
    # commands act on frame edges: 10 ms frames keep every edge within 10 ms of its time
    step = max(1, info.sample_rate // 100)
    audio = (audio.filter("asetnsamples", n=step).filter("asendcmd", f=str(script))
             .filter("volume@mute", volume=1, precision="float"))
    if beep_level is not None:
        layout = {1: "mono", 2: "stereo"}.get(info.channels, f"{info.channels}c")
        tone = (ffmpeg.input(f"sine=frequency={beep_hz}:sample_rate={info.sample_rate}:samples_per_frame={step}",
                             f="lavfi")
                .filter("volume@tone", volume=0, precision="float")
                .filter("aformat", channel_layouts=layout))
        # duration=first: the endless tone stops where the call does
        audio = ffmpeg.filter([audio, tone], "amix", inputs=2, duration="first", normalize=0)
    return audio


def _run(stream: Any, what: str) -> None:
    try:
        ffmpeg.run(stream.overwrite_output(), cmd=ffmpeg_exe(), capture_stdout=True, capture_stderr=True, quiet=True)
    except ffmpeg.Error as exc:
        tail = (exc.stderr or b"").decode(errors="replace").strip().splitlines()[-1:]
        log.error("ffmpeg failed writing the %s: %s", what, tail)
        raise MediaError(f"ffmpeg could not write the redacted {what}") from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise MediaError(f"ffmpeg could not be run ({type(exc).__name__})") from None


def render(
    source: Path,
    out: Path,
    intervals: list[tuple[int, int]],
    info: Probe,
    *,
    method: str = "beep",
    quality: str = "mp3",
    beep_hz: int = 1000,
    beep_volume: float = 0.3,
) -> None:
    """Write the redacted audio. Sample rate and channel count are the source's; the output lasts
    as long as the input."""
    audio = _redacted_audio(ffmpeg.input(str(source)), intervals, info, method, beep_hz, beep_volume, out.parent)
    _, options = QUALITIES[quality]
    _run(ffmpeg.output(audio, str(out), ar=info.sample_rate, ac=info.channels, **options), "audio")


def video_container(info: Probe) -> tuple[str, str]:
    """(file extension, audio codec) for a redacted copy that keeps the video stream as it is."""
    codec = info.video_codec or ""
    if "matroska" in info.format or "webm" in info.format:
        return ("webm", "libopus") if codec in {"vp8", "vp9", "av1"} else ("mkv", "aac")
    if "mp4" in info.format or "mov" in info.format:
        return ("mp4", "aac") if codec in {"h264", "hevc", "mpeg4", "av1", "vp9"} else ("mov", "aac")
    return "mkv", "aac"


def render_video(source: Path, out: Path, intervals: list[tuple[int, int]], info: Probe, *, method: str = "beep",
                 beep_hz: int = 1000, beep_volume: float = 0.3) -> None:
    """A copy of the video with its audio replaced by the redacted audio; the picture is copied
    as it is (no re-encode)."""
    inp = ffmpeg.input(str(source))
    audio = _redacted_audio(inp, intervals, info, method, beep_hz, beep_volume, out.parent)
    _, acodec = video_container(info)
    _run(ffmpeg.output(inp.video, audio, str(out), vcodec="copy", acodec=acodec, ar=48000 if acodec == "libopus"
                       else info.sample_rate, ac=info.channels, **{"map_metadata": 0}), "video")


@stage("redact_audio")
def redact_audio(job_id: str) -> None:
    settings = get_settings()
    store, storage = context.jobs(), context.storage()
    job = store.get(job_id)
    if job.probe is None:
        raise MediaError("the source was not probed; re-submit the job")
    entities = [Entity.model_validate(e) for e in storage.get_json(job_key(job_id, "entities.json"))]
    intervals = plan_intervals(entities, int(job.probe.duration_s * 1000), settings.audio_padding_before_ms,
                               settings.audio_padding_after_ms)
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
        if options.redact_pii_video and job.probe.has_video:
            ext, _ = video_container(job.probe)
            video = Path(tmp) / f"redacted_video.{ext}"
            render_video(source, video, intervals, job.probe, method=method, beep_hz=settings.beep_hz,
                         beep_volume=settings.beep_volume)
            storage.put_file(job_key(job_id, video.name), video, f"video/{'quicktime' if ext == 'mov' else ext}")
    log.info("job %s: %d intervals redacted (%s)", job_id, len(intervals), method)
