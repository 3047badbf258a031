"""What a batch reads and writes on disk: inputs found and named, outputs named and written whole."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bleeper.client.errors import SubmitError
from bleeper.logs import redact_url

AUDIO_EXTENSIONS = frozenset(
    {".mp3", ".wav", ".m4a", ".flac", ".ogg", ".opus", ".aac", ".mp4", ".mov", ".webm", ".mkv"}
)


@dataclass(frozen=True)
class Input:
    source: str  # a local path or an http(s) URL, as collected
    stem: str  # output name without extension, unique in the batch

    @property
    def is_url(self) -> bool:
        return _is_url(self.source)

    @property
    def label(self) -> str:
        """What the terminal shows: URLs lose their query (it may hold a signature) and userinfo."""
        return redact_url(self.source) if self.is_url else self.source


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def collect_inputs(args: Sequence[str], exclude: Path | None = None) -> list[str]:
    """Files as named, folders searched recursively for audio/video by extension, http(s) URLs.

    Hidden files are left out (macOS `._call.mp3` forks are not audio), and so is `exclude` (the
    output folder: its `.redacted.mp3` files must not come back as inputs). Order is stable, so
    a rerun gives every input the same stem."""
    skip = exclude.resolve() if exclude else None
    found: list[str] = []
    seen: set[str] = set()

    def take(source: str, key: str) -> None:
        if key not in seen:
            seen.add(key)
            found.append(source)

    for arg in args:
        if _is_url(arg):
            take(arg, arg)
        elif "://" in arg:
            raise SubmitError(f"{redact_url(arg)}: only http and https URLs can be submitted")
        elif (path := Path(arg)).is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if (child.is_file() and child.suffix.lower() in AUDIO_EXTENSIONS
                        and not any(p.startswith(".") for p in rel)
                        and not (skip and child.resolve().is_relative_to(skip))):
                    take(str(child), str(child.resolve()))
        elif path.is_file():
            take(arg, str(path.resolve()))
        else:
            raise SubmitError(f"{arg}: no such file or folder")
    return found


def _url_stem(url: str) -> str:
    parts = urlsplit(url)
    last = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    name = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", last) if last else parts.hostname or ""
    return re.sub(r"[^\w.-]+", "_", name).strip("._-")[:100] or "download"


def name_inputs(sources: Sequence[str]) -> list[Input]:
    """Give each input a stem for its outputs: the file name, or the URL's last path component
    (sanitised); a repeated stem gets `-2`, `-3`, ... (compared case-insensitively, for macOS)."""
    used: set[str] = set()
    named = []
    for source in sources:
        base = _url_stem(source) if _is_url(source) else Path(source).stem
        stem, n = base, 1
        while stem.casefold() in used:
            n += 1
            stem = f"{base}-{n}"
        used.add(stem.casefold())
        named.append(Input(source, stem))
    return named


@dataclass(frozen=True)
class Outputs:
    json: Path  # written last: a completed one marks the input done
    txt: Path
    audio: Path

    @classmethod
    def of(cls, out: Path, stem: str) -> Outputs:
        return cls(out / f"{stem}.json", out / f"{stem}.txt", out / f"{stem}.redacted.mp3")


def completed_before(out: Path, stem: str, audio: bool) -> str | None:
    """The transcript id when `out` already holds this input's completed outputs, else None."""
    paths = Outputs.of(out, stem)
    try:
        job = json.loads(paths.json.read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(job, dict) or job.get("status") != "completed" or not paths.txt.exists():
        return None
    if audio and not paths.audio.exists():
        return None
    return str(job.get("id") or "—")


def write_whole(path: Path, data: bytes | Iterable[bytes]) -> None:
    """All or nothing: a half-written output must never look like a finished one."""
    part = path.with_name(f".{path.name}.part")
    try:
        with open(part, "wb") as f:
            for chunk in [data] if isinstance(data, bytes) else data:
                f.write(chunk)
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
