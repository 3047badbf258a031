"""Audio redaction: ffmpeg replaces each entity's padded time span with a 1 kHz beep (or silence),
in audio and in a video's sound, and writes nothing of the source's metadata."""

from __future__ import annotations

import logging
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import ffmpeg

from bleeper.errors import MediaError
from bleeper.media import CLI_INPUT_OPTIONS, NOT_MEDIA, channel_layout, input_path, run_ffmpeg
from bleeper.models import AudioOutput, Entity, Probe

log = logging.getLogger("bleeper.redact_audio")

# ffmpeg output options by redact_pii_audio_quality (the files' names: bleeper.artifacts)
QUALITIES = {
    "mp3": {"acodec": "libmp3lame", "q:a": 4, "f": "mp3"},
    "wav": {"acodec": "pcm_s16le", "f": "wav"},
}
CONTENT_TYPES = {"mp3": "audio/mpeg", "wav": "audio/wav"}

# What bleeper writes carries nothing of the source's metadata: no global or stream tags, no
# chapters (the explicit maps already leave out cover art, subtitles, data streams and
# attachments), and, bitexact, no ffmpeg version string either: the same job renders the same bytes.
CLEAN = {"map_metadata": -1, "map_chapters": -1, "fflags": "+bitexact", "flags:a": "+bitexact"}

# Sample rates an encoder can write; None: any (wav). mp3 and the video codecs also hold at most
# two channels here: aac and opus refuse the plain 3–8-channel layouts a wav declares.
RATES = {
    "pcm_s16le": None,
    "libmp3lame": (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000),
    "aac": (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 64000, 88200, 96000),
    "libopus": (48000,),
}
FORMAT_NAMES = {"pcm_s16le": "wav", "libmp3lame": "mp3", "libopus": "opus"}


def audio_output(info: Probe, acodec: str) -> AudioOutput:
    """What the redacted audio holds: the source's rate and channels where the codec can hold
    them; else stereo, and the lowest rate the codec has at or above the source's (the top one
    above that), so no frequency the source carries is lost."""
    rates = RATES[acodec]
    rate = info.sample_rate if rates is None else next((r for r in rates if r >= info.sample_rate), rates[-1])
    channels = info.channels if rates is None else min(info.channels, 2)
    return AudioOutput(format=FORMAT_NAMES.get(acodec, acodec), sample_rate=rate, channels=channels,
                       downmixed_from=info.channels if channels < info.channels else None,
                       resampled_from=info.sample_rate if rate != info.sample_rate else None)


def plan_intervals(entities: list[Entity], duration_ms: int, pad_ms: int,
                   pad_after_ms: int | None = None) -> list[tuple[int, int]]:
    """Padded entity spans (`pad_ms` before, `pad_after_ms` after, default the same), clipped
    to the file and merged where they touch or overlap.

    `duration_ms` comes from the file's header, which a damaged file can understate: the words
    were timed on the decoded samples, so a span the header puts past the end is kept whole
    (fail closed) instead of clipped away."""
    after = pad_ms if pad_after_ms is None else pad_after_ms
    end_of_file = max([duration_ms, *(e.end_ms for e in entities)])
    spans = ((max(0, e.start_ms - pad_ms), min(end_of_file, e.end_ms + after)) for e in entities)
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


def _redacted_audio(source: Path, source_input: Any, intervals: list[tuple[int, int]], info: Probe, out: AudioOutput,
                    method: str, beep_hz: int, beep_volume: float, workdir: Path) -> Any:
    """The source's first audio stream, downmixed if `out` holds fewer channels, with every
    interval muted and, for `beep`, a tone mixed in there.

    The clock is the count of samples decoded (asetpts), as in the transcript: a packet ffmpeg
    skips as damaged, or a gap in the source's timestamps, moves neither clock.
    The call and the tone each carry their own commands, so each switches on its own frames: a
    command sent from one stream to the other would land on whichever frame the other stream
    happens to be at (the tone would start and stop up to a few frames off)."""
    audio = source_input["a:0"].filter("asetpts", "N/SR/TB")
    if out.channels < info.channels:
        audio = audio.filter("pan", _downmix(info.channels))
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
        # the tone in every channel, in the call's own layout: amix converts a layout that
        # differs, and swresample upmixes mono into the centre channel only (or front left and
        # right, not LFE), which left the other channels of a 3–8-channel wav silent, not beeped
        layout = "stereo" if out.channels < info.channels else channel_layout(source)
        copies = "|".join(f"c{i}<c0" for i in range(out.channels))
        tone = (ffmpeg.input(f"sine=frequency={beep_hz}:sample_rate={info.sample_rate}:samples_per_frame={step}",
                             f="lavfi")
                .filter("asendcmd", f=str(beep))
                .filter("volume@tone", volume=0, precision="float")
                .filter("pan", f"{layout}|{copies}"))
        # duration=first: the endless tone stops where the call does
        audio = ffmpeg.filter([audio, tone], "amix", inputs=2, duration="first", normalize=0)
    return audio


def _downmix(channels: int) -> str:
    """A `pan` to stereo: odd-numbered channels to the left, even to the right, each side their
    mean. ffmpeg's surround downmix would drop an LFE channel (and guesses the layout of a plain
    8-channel wav); a call recorded one speaker per channel has no LFE."""
    left = "+".join(f"c{i}" for i in range(0, channels, 2))
    right = "+".join(f"c{i}" for i in range(1, channels, 2))
    return f"stereo|c0<{left}|c1<{right}"  # `<`: gains scaled to sum to 1, so nothing clips


def _run(stream: Any, what: str) -> None:
    args = ["-hide_banner", "-loglevel", "error", "-max_error_rate", "1",  # damaged packets are skipped, not fatal
            *ffmpeg.get_args(stream.overwrite_output())]
    try:
        proc = run_ffmpeg(args)
    except (OSError, subprocess.SubprocessError) as exc:
        raise MediaError(f"ffmpeg could not be run ({type(exc).__name__})") from None
    if proc.returncode:
        tail = proc.stderr.decode(errors="replace").strip().splitlines()[-1:]
        log.error("ffmpeg failed writing the %s (exit %d): %s", what, proc.returncode, tail)
        if b"not on whitelist" in proc.stderr or b"Error opening input" in proc.stderr:
            raise MediaError(NOT_MEDIA)  # refused by the whitelists, or not media at all
        raise MediaError(f"ffmpeg could not write the redacted {what}")


def render_audio(
    source: Path,
    out: Path,
    intervals: list[tuple[int, int]],
    info: Probe,
    *,
    method: str = "beep",
    quality: str = "mp3",
    beep_hz: int = 1000,
    beep_volume: float = 0.3,
) -> AudioOutput:
    """Write the redacted audio, as long as the input; wav keeps the source's sample rate and
    channels, mp3 what of them it can hold (`audio_output`). Nothing of the source but its
    first audio stream reaches the file."""
    options = QUALITIES[quality]
    fmt = audio_output(info, options["acodec"])
    audio = _redacted_audio(source, _source(source), intervals, info, fmt, method, beep_hz, beep_volume, out.parent)
    # no -ac: it would remix to the default layout of that many channels (quad → 4.0); the
    # channels are already what `fmt` says (_redacted_audio downmixes)
    _run(ffmpeg.output(audio, input_path(out), ar=fmt.sample_rate, **options, **CLEAN), "audio")
    return fmt


def video_container(info: Probe) -> tuple[str, str]:
    """(file extension, audio codec) for a redacted copy that keeps the video stream as it is."""
    codec = info.video_codec or ""
    if "matroska" in info.format or "webm" in info.format:
        return ("webm", "libopus") if codec in {"vp8", "vp9", "av1"} else ("mkv", "aac")
    if "mp4" in info.format or "mov" in info.format:
        return ("mp4", "aac") if codec in {"h264", "hevc", "mpeg4", "av1", "vp9"} else ("mov", "aac")
    return "mkv", "aac"


# Copied video keeps its bitstream, and with it whatever the source's encoder wrote into it:
# H.264/HEVC SEI messages (encoder settings, arbitrary user data: sei_user_data), AV1 metadata
# OBUs. None of them is needed to decode a picture.
SEI_FILTERS = {"h264": "filter_units=remove_types=6", "hevc": "filter_units=remove_types=39|40",
               "av1": "filter_units=remove_types=5"}


def render_video(source: Path, out: Path, intervals: list[tuple[int, int]], info: Probe, *, method: str = "beep",
                 beep_hz: int = 1000, beep_volume: float = 0.3) -> AudioOutput:
    """A copy of the video with its audio replaced by the redacted audio; the picture (the first
    video stream that is not cover art, `V`) is copied as it is (no re-encode), and nothing else
    of the source — no other stream, tag, chapter or attachment — comes along."""
    inp = _source(source)
    _, acodec = video_container(info)
    fmt = audio_output(info, acodec)
    audio = _redacted_audio(source, inp, intervals, info, fmt, method, beep_hz, beep_volume, out.parent)
    unset = {"bsf:v": SEI_FILTERS[info.video_codec]} if info.video_codec in SEI_FILTERS else {}
    _run(ffmpeg.output(inp["V:0"], audio, input_path(out), vcodec="copy", acodec=acodec, ar=fmt.sample_rate,
                       **unset, **CLEAN), "video")
    return fmt


def _source(path: Path) -> Any:
    """The received file as an ffmpeg input: local, whitelisted demuxers only (bleeper.media)."""
    return ffmpeg.input(input_path(path), **CLI_INPUT_OPTIONS)
