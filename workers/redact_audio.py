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
    spans = ((max(0, e.start_ms - pad_ms), min(duration_ms, e.end_ms + after)) for e in entities)
    return _merged([(start, end) for start, end in spans if end > start])


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, with spans that touch or overlap joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


# Commands act on whole frames: a frame is muted when it starts inside an interval. Frames of
# 10 ms made the filter graph cost 2.6 s on a 20-minute call (120,000 frames), 40 ms 0.9 s.
FRAME_MS = 40


def _frame_safe(intervals: list[tuple[int, int]], frame_ms: int) -> list[tuple[int, int]]:
    """Each interval from one frame earlier (a frame that starts just before it still holds its
    first sound), merged where that makes them meet (two commands on one frame may run in
    either order)."""
    return _merged([(max(0, start - frame_ms), end) for start, end in intervals])


def _commands(intervals: list[tuple[int, int]], target: str, inside: str, outside: str) -> str:
    """An `asendcmd` script setting the volume of filter `target` inside and outside each interval.

    Commands, not one `enable` expression: ffmpeg's expression evaluator runs out of memory on a
    few hundred between() terms (a 20-minute call has ~300 spans) and evaluates every term on
    every frame; commands cost nothing between the interval edges.
    """
    return "".join(f"{a / 1000:.3f}-{b / 1000:.3f} [enter] {target} volume {inside}, "
                   f"[leave] {target} volume {outside};\n" for a, b in intervals)


def _redacted_audio(source_input: Any, intervals: list[tuple[int, int]], info: Probe, method: str, beep_hz: int,
                    beep_volume: float, workdir: Path) -> Any:
    """The source's audio with every interval muted and, for `beep`, a tone mixed in there.

    The call and the tone each carry their own commands, so each switches on its own frames: a
    command sent from one stream to the other would land on whichever frame the other stream
    happens to be at (the tone would start and stop up to a few frames off)."""
    audio = source_input.audio
    if not intervals:
        return audio
    step = max(1, info.sample_rate * FRAME_MS // 1000)
    intervals = _frame_safe(intervals, step * 1000 // info.sample_rate + 1)
    mute = workdir / "mute.cmd"
    mute.write_text(_commands(intervals, "volume@mute", "0", "1"))
    audio = (audio.filter("asetnsamples", n=step).filter("asendcmd", f=str(mute))
             .filter("volume@mute", volume=1, precision="float"))
    if method == "beep":
        beep = workdir / "beep.cmd"
        beep.write_text(_commands(intervals, "volume@tone", f"{beep_volume * 8:.4f}", "0"))  # sine is 1/8 scale
        layout = {1: "mono", 2: "stereo"}.get(info.channels, f"{info.channels}c")
        tone = (ffmpeg.input(f"sine=frequency={beep_hz}:sample_rate={info.sample_rate}:samples_per_frame={step}",
                             f="lavfi")
                .filter("asendcmd", f=str(beep))
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
