"""Redacted audio and video carry nothing of the source's metadata: tags of every container kind,
stream tags, chapters, cover art, subtitles, attachments, SEI user data (issue 11).

The inputs are made by the real ffmpeg with PII in every place a container keeps text; each
goes through both audio qualities and, for video, the video path; the output's bytes and PyAV's
view of it must hold none of it."""

from __future__ import annotations

from pathlib import Path

import av
import pytest

from bleeper.media import probe, run_ffmpeg
from bleeper.models import Probe
from bleeper.redaction.audio import render_audio, render_video, video_container

TITLE, COMMENT = "Call with John Lowry 610-265-1714", "SSN 123-45-6789"
ARTIST, CHAPTER = "Agent Sarah Jennings", "Card 4532015112830366"
NEEDLES = ("Lowry", "610-265", "6789", "Jennings", "4532015112830366")
SEI_UUID = "086f3693-b7b3-4f2c-9653-21492feee5b8"

FFMETADATA = f""";FFMETADATA1
title={TITLE}
comment={COMMENT}
artist={ARTIST}
[CHAPTER]
TIMEBASE=1/1000
START=0
END=1000
title={CHAPTER}
"""

SINE = ["-f", "lavfi", "-i", "sine=frequency=300:duration=2"]
COLOUR = ["-f", "lavfi", "-i", "color=c=blue:s=64x64:r=10:d=2"]
# input kind -> ffmpeg arguments after the sine (0), [colour video (1)], meta.txt, cover.png, sub.srt
INPUTS = {
    "id3v2.mp3": ["-i", "meta.txt", "-i", "cover.png", "-map", "0:a", "-map", "2:v", "-map_metadata", "1",
                  "-map_chapters", "1", "-c:v", "png", "-disposition:v", "attached_pic", "-metadata:s:a:0",
                  "language=fra", "-id3v2_version", "3", "-write_id3v1", "1"],
    "id3v1.mp3": ["-id3v2_version", "0"],  # the ID3v1 tag is appended below
    "info.wav": ["-i", "meta.txt", "-map", "0:a", "-map_metadata", "1", "-write_bext", "1",
                 "-metadata", f"description={TITLE}"],
    "udta.m4a": ["-i", "meta.txt", "-i", "cover.png", "-map", "0:a", "-map", "2:v", "-map_metadata", "1",
                 "-map_chapters", "1", "-c:a", "aac", "-c:v", "png", "-disposition:v", "attached_pic",
                 "-metadata:s:a:0", f"handler_name={ARTIST}"],
    "vorbis.opus": ["-i", "meta.txt", "-map", "0:a", "-map_metadata", "1", "-c:a", "libopus",
                    "-metadata:s:a:0", f"title={ARTIST}"],
    "vorbis.ogg": ["-i", "meta.txt", "-map", "0:a", "-map_metadata", "1", "-c:a", "libvorbis"],
    "picture.flac": ["-i", "meta.txt", "-i", "cover.png", "-map", "0:a", "-map", "2:v", "-map_metadata", "1",
                     "-c:v", "png", "-disposition:v", "attached_pic"],
    "udta.mp4": [*COLOUR, "-i", "meta.txt", "-i", "cover.png", "-i", "sub.srt", "-map", "1:v", "-map", "0:a",
                 "-map", "3:v", "-map", "4:s", "-map_metadata", "2", "-map_chapters", "2", "-c:v:0", "libx264",
                 "-c:v:1", "png", "-disposition:v:1", "attached_pic", "-c:a", "aac", "-c:s", "mov_text",
                 "-metadata:s:a:0", f"handler_name={ARTIST}", "-metadata:s:v:0", f"handler_name={ARTIST}",
                 "-bsf:v:0", f"h264_metadata=sei_user_data={SEI_UUID}+{TITLE}"],
    "tags.mkv": [*COLOUR, "-i", "meta.txt", "-i", "sub.srt", "-map", "1:v", "-map", "0:a", "-map", "3:s",
                 "-map_metadata", "2", "-map_chapters", "2", "-c:v", "libvpx", "-c:a", "libopus", "-c:s", "srt",
                 "-metadata:s:a:0", f"title={ARTIST}", "-attach", "cover.png", "-metadata:s:t",
                 "mimetype=image/png", "-metadata:s:t", f"filename={ARTIST}.png"],
}  # fmt: skip
VIDEO = {"udta.mp4", "tags.mkv"}


def _id3v1(title: str, comment: str) -> bytes:
    """A 128-byte ID3v1 tag, as old tools append it."""
    def field(text: str, size: int) -> bytes:
        return text.encode("latin-1")[:size].ljust(size, b"\0")

    return b"TAG" + field(title, 30) + field(ARTIST, 30) + field("", 30) + b"2024" + field(comment, 30) + b"\x0c"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, tuple[Path, Probe]]:
    d = tmp_path_factory.mktemp("tagged")
    (d / "meta.txt").write_text(FFMETADATA)
    (d / "sub.srt").write_text(f"1\n00:00:00,000 --> 00:00:01,000\n{TITLE}\n")
    made = {}
    cwd_args = ["-hide_banner", "-loglevel", "error", "-y"]
    assert run_ffmpeg([*cwd_args, "-f", "lavfi", "-i", "color=c=red:s=32x32", "-frames:v", "1",
                       str(d / "cover.png")]).returncode == 0
    for name, args in INPUTS.items():
        path = d / name
        args = [a if a not in {"meta.txt", "cover.png", "sub.srt"} else str(d / a) for a in args]
        proc = run_ffmpeg([*cwd_args, *SINE, *args, str(path)])
        assert proc.returncode == 0, proc.stderr.decode()[-500:]
        if name == "id3v1.mp3":
            path.write_bytes(path.read_bytes() + _id3v1(TITLE, COMMENT))
        assert _found(path.read_bytes()), f"{name}: the input holds no PII to strip"
        made[name] = path, probe(path)
    return made


def _found(data: bytes) -> list[str]:
    return [n for n in NEEDLES if n.encode() in data or n.encode("utf-16-le") in data or n.encode("utf-16-be") in data]


def _texts(path: Path) -> list[str]:
    """Every text PyAV sees in the file: global and stream tags, chapter titles."""
    with av.open(str(path)) as c:
        texts = [f"{k}={v}" for k, v in c.metadata.items()]
        for s in c.streams:
            texts += [f"{k}={v}" for k, v in s.metadata.items()]
        for ch in c.chapters():
            texts += [f"{k}={v}" for k, v in ch["metadata"].items()]
    return texts


CASES = [(name, out) for name in INPUTS for out in ("mp3", "wav", *(("video",) if name in VIDEO else ()))]


@pytest.mark.parametrize(("name", "output"), CASES, ids=[f"{n}->{o}" for n, o in CASES])
def test_nothing_of_the_source_metadata_reaches_the_redacted_file(inputs, tmp_path, name, output):
    source, info = inputs[name]
    if output == "video":
        out = tmp_path / f"redacted.{video_container(info)[0]}"
        render_video(source, out, [(500, 900)], info)
    else:
        out = tmp_path / f"redacted.{output}"
        render_audio(source, out, [(500, 900)], info, quality=output)
    data = out.read_bytes()
    assert _found(data) == []
    assert b"\x89PNG" not in data, "the cover art (or an attachment) was copied"
    assert b"x264" not in data and bytes.fromhex(SEI_UUID.replace("-", "")) not in data, "an SEI message was kept"
    texts = _texts(out)
    assert [t for t in texts if any(n in t for n in NEEDLES)] == []
    assert not [t for t in texts if t.split("=")[0].lower() in {"title", "comment", "artist", "description"}]
    with av.open(str(out)) as c:
        assert c.chapters() == []
        kinds = sorted(s.type for s in c.streams)
        assert kinds == (["audio", "video"] if output == "video" else ["audio"])
        assert not any(s.disposition & av.stream.Disposition.attached_pic for s in c.streams)


@pytest.mark.parametrize("quality", ["mp3", "wav"])
def test_the_same_job_renders_the_same_bytes(inputs, tmp_path, quality):
    """bitexact: no ffmpeg version string, nothing that changes from one run to the next."""
    source, info = inputs["udta.m4a"]
    a, b = tmp_path / f"a.{quality}", tmp_path / f"b.{quality}"
    render_audio(source, a, [(500, 900)], info, quality=quality)
    render_audio(source, b, [(500, 900)], info, quality=quality)
    assert a.read_bytes() == b.read_bytes()
    assert b"Lavf6" not in a.read_bytes() and b"Lavc6" not in a.read_bytes()


def test_the_video_is_the_real_picture_not_the_cover_art(inputs, tmp_path):
    source, info = inputs["udta.mp4"]
    out = tmp_path / "redacted.mp4"
    render_video(source, out, [(500, 900)], info)
    with av.open(str(out)) as c:
        [video] = c.streams.video
        assert (video.codec_context.width, video.codec_context.height) == (64, 64)  # the cover is 32×32
        assert sum(1 for _ in c.decode(video)) == 20
