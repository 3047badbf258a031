"""ffmpeg and PyAV: which ffmpeg binary to run, and what a media file holds."""

from __future__ import annotations

import shutil
from functools import lru_cache
from pathlib import Path

import av

from bleeper.errors import MediaError
from bleeper.models import Probe


@lru_cache
def ffmpeg_exe() -> str:
    """The system ffmpeg if present, else the static build that imageio-ffmpeg ships."""
    found = shutil.which("ffmpeg")
    if found:
        return found
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def probe(path: Path) -> Probe:
    """Read duration and streams from the content itself (imageio-ffmpeg ships no ffprobe)."""
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            audio = next((s for s in container.streams if s.type == "audio"), None)
            video = next((s for s in container.streams if s.type == "video" and not _is_cover_art(s)), None)
            has_video = video is not None
            if not container.streams:
                raise MediaError("the file is not audio or video that ffmpeg can decode")
            if audio is None:
                raise MediaError("the file has no audio stream")
            duration = _duration(container, audio)
            return Probe(
                duration_s=round(duration, 3),
                codec=audio.codec_context.name,
                sample_rate=audio.codec_context.sample_rate or 0,
                channels=audio.codec_context.channels or 1,
                has_video=has_video,
                format=container.format.name,
                video_codec=video.codec_context.name if video is not None else None,
            )
    except MediaError:
        raise
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError) as exc:
        raise MediaError("the file is not audio or video that ffmpeg can decode") from exc


def _is_cover_art(stream: av.stream.Stream) -> bool:
    return bool(stream.disposition & av.stream.Disposition.attached_pic)


def _duration(container: av.container.InputContainer, audio: av.audio.stream.AudioStream) -> float:
    if container.duration:
        return container.duration / av.time_base
    if audio.duration and audio.time_base:
        return float(audio.duration * audio.time_base)
    # no header duration (raw streams): decode to count
    seconds = 0.0
    for frame in container.decode(audio):
        seconds = float(frame.time or 0) + frame.samples / (frame.sample_rate or 1)
    if seconds <= 0:
        raise MediaError("the file's audio is empty")
    return seconds
