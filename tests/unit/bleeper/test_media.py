"""Untrusted media in: only local files, only real audio/video demuxers, by PyAV and by the ffmpeg
command line; one pinned ffmpeg; an ffmpeg child never outlives the task that started it."""

from __future__ import annotations

import errno
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bleeper import media
from bleeper.errors import MediaError
from bleeper.media import NOT_MEDIA, ffmpeg_exe, probe, run_ffmpeg
from bleeper.models import Probe
from bleeper.redaction.audio import render_audio
from bleeper.asr import pcm_chunks

SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "sample_call.mp3"
INFO = Probe(duration_s=3.0, codec="mp3", sample_rate=16_000, channels=1, has_video=False, format="mp3")


class Tripwires:
    """A FIFO and a TCP port that record whether anything opened them. A reader blocks opening a
    FIFO until a writer comes, so a thread that keeps trying to open it for writing sees every
    reader; the port accepts and records each connection."""

    def __init__(self, tmp: Path) -> None:
        self.fifo = tmp / "segment.mp3"
        os.mkfifo(self.fifo)
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.05)
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}/segment.mp3"
        self.touched: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.is_set():
            try:
                fd = os.open(self.fifo, os.O_WRONLY | os.O_NONBLOCK)
                self.touched.append("fifo")
                os.close(fd)
            except OSError as exc:
                assert exc.errno == errno.ENXIO  # no reader: as it should be
            try:
                conn, _ = self.server.accept()
                self.touched.append("tcp")
                conn.close()
            except TimeoutError:
                pass

    def close(self) -> list[str]:
        time.sleep(0.2)
        self._stop.set()
        self._thread.join()
        self.server.close()
        return self.touched


@pytest.fixture
def wires(tmp_path):
    w = Tripwires(tmp_path)
    yield w
    w.close()


def _playlists(w: Tripwires, tmp: Path) -> dict[str, Path]:
    """Files whose demuxer would open other files or URLs: HLS (named as such, so ffmpeg's own
    extension check does not stop it), ffconcat, SDP (RTP over UDP), and a still image."""
    hls = (f"#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXTINF:3.0,\n{w.fifo}\n"
           f"#EXTINF:3.0,\n{w.url}\n#EXTINF:3.0,\nhttp://127.0.0.1:1/x.mp3\n#EXT-X-ENDLIST\n")
    files = {
        "hls.m3u8": hls,
        "hls": hls,
        "list.ffconcat": f"ffconcat version 1.0\nfile '{w.fifo}'\nfile '{w.url}'\n",
        "call.sdp": "v=0\no=- 0 0 IN IP4 127.0.0.1\ns=call\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio 5004 RTP/AVP 0\n",
    }
    out = {}
    for name, text in files.items():
        out[name] = tmp / name
        out[name].write_text(text)
    out["still.png"] = tmp / "still.png"
    run_ffmpeg(["-loglevel", "error", "-f", "lavfi", "-i", "color=s=16x16", "-frames:v", "1", str(out["still.png"])])
    return out


KINDS = ["hls.m3u8", "hls", "list.ffconcat", "call.sdp", "still.png"]


@pytest.mark.parametrize("kind", KINDS)
def test_pyav_refuses_what_is_not_an_audio_or_video_container_and_reads_nothing_it_names(wires, tmp_path, kind):
    path = _playlists(wires, tmp_path)[kind]
    with pytest.raises(MediaError) as probed:
        probe(path)
    with pytest.raises(MediaError) as decoded:
        list(pcm_chunks(path))
    assert probed.value.message == decoded.value.message == NOT_MEDIA
    assert wires.close() == []


@pytest.mark.parametrize("kind", KINDS)
def test_the_ffmpeg_command_line_refuses_it_too(wires, tmp_path, kind):
    """redact_audio never probes again: its ffmpeg input carries the same whitelists."""
    path = _playlists(wires, tmp_path)[kind]
    with pytest.raises(MediaError) as refused:
        render_audio(path, tmp_path / "out.mp3", [(500, 1000)], INFO)
    assert refused.value.message == NOT_MEDIA
    assert wires.close() == []
    assert not (tmp_path / "out.mp3").exists()


def test_the_tripwires_do_see_an_unguarded_open(wires, tmp_path):
    """The same HLS playlist opened without the whitelists reads the FIFO it names."""
    import av

    path = _playlists(wires, tmp_path)["hls.m3u8"]
    try:
        av.open(str(path), timeout=2).close()
    except av.error.FFmpegError:
        pass
    assert "fifo" in wires.close()


def test_real_media_still_opens(sample_call):
    assert probe(sample_call).duration_s == pytest.approx(51.8, abs=0.5)


# --- the ffmpeg binary ---------------------------------------------------------------------------


def test_ffmpeg_is_the_pinned_build_whatever_path_and_imageio_say(tmp_path, monkeypatch):
    fake = tmp_path / "ffmpeg"
    fake.write_text("#!/bin/sh\necho 'ffmpeg version 0.0-evil'\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("IMAGEIO_FFMPEG_EXE", str(fake))
    media.ffmpeg_exe.cache_clear()
    media.ffmpeg_version.cache_clear()
    try:
        exe = Path(ffmpeg_exe())
        assert exe.parent.name == "binaries" and exe.parent.parent.name == "imageio_ffmpeg"
        assert "evil" not in media.ffmpeg_version() and media.ffmpeg_version()
    finally:
        media.ffmpeg_exe.cache_clear()
        media.ffmpeg_version.cache_clear()


def test_status_says_which_ffmpeg_runs():
    from bleeper.cli import app

    result = CliRunner().invoke(app, ["status"])
    assert f"ffmpeg: {ffmpeg_exe()} (version {media.ffmpeg_version()})" in result.output.replace("\n", "")


# --- an ffmpeg child dies with its task -----------------------------------------------------------

LONG = ["-re", "-f", "lavfi", "-i", "sine=duration=120", "-f", "null", "-"]  # 2 minutes, in real time


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


def _wait(predicate, timeout: float = 10.0) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(sys.platform != "linux", reason="PR_SET_PDEATHSIG is Linux's")
def test_ffmpeg_dies_when_its_parent_is_killed_outright():
    """Celery's hard time limit SIGKILLs the pool process: no Python code runs to stop ffmpeg."""
    parent = subprocess.Popen([sys.executable, "-c", f"from bleeper.media import run_ffmpeg; run_ffmpeg({LONG!r})"],
                              cwd=Path(__file__).resolve().parents[3])
    try:
        assert _wait(lambda: bool(_children(parent.pid))), "ffmpeg never started"
        [child] = _children(parent.pid)
        assert _alive(child)
        parent.kill()
        parent.wait()
        assert _wait(lambda: not _alive(child)), "ffmpeg outlived its parent"
    finally:
        parent.kill()


def test_ffmpeg_is_killed_when_the_task_is_interrupted():
    """SoftTimeLimitExceeded is raised by a signal handler in the waiting thread."""

    class SoftLimit(Exception):
        pass

    def interrupt(*_):  # noqa: ANN002
        raise SoftLimit

    before = _children(os.getpid())
    old = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    try:
        with pytest.raises(SoftLimit):
            run_ffmpeg(LONG)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert _children(os.getpid()) - before == set()
