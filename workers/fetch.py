"""Stage 1: bring the audio into S3 as jobs/{id}/source and probe what it really is."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bleeper import artifacts, egress
from bleeper.egress import Guard
from bleeper.errors import FetchFailed, FetchUnavailable, MediaError, NotFound, PayloadTooLarge
from bleeper.media import probe
from bleeper.models import JobStatus, Probe
from bleeper.artifacts import job_key, upload_key
from workers import announce, context
from workers.app import stage

MAX_REDIRECTS = 5


def download(url: str, dest: Path, *, max_bytes: int, timeout: float, guard: Guard,
             deadline_s: float = 900.0) -> int:
    """Stream `url` to `dest` through the egress guard, every redirect hop checked; return the
    byte count. `timeout` bounds each connect and read, `deadline_s` the whole download."""
    try:
        with egress.request("GET", url, guard, timeout=timeout, deadline_s=deadline_s,
                            max_redirects=MAX_REDIRECTS) as resp:
            if resp.is_redirect:
                raise FetchFailed("audio_url answered a redirect without a usable Location")
            if resp.status >= 500:
                raise FetchUnavailable(f"audio_url answered HTTP {resp.status}")
            if resp.status >= 400:
                raise FetchFailed(f"audio_url answered HTTP {resp.status}; check that the URL is public and current")
            declared = int(resp.headers.get("content-length") or 0)
            if declared > max_bytes:
                raise PayloadTooLarge(f"audio_url is {declared} bytes; the limit is {max_bytes}")
            with open(dest, "wb") as f:
                size = resp.copy_to(f, max_bytes)
            if size is None:
                raise PayloadTooLarge(f"audio_url is over the {max_bytes}-byte limit")
            return size
    except egress.TooManyRedirects:
        raise FetchFailed(f"audio_url redirected more than {MAX_REDIRECTS} times") from None
    except egress.Unreachable as exc:
        if exc.reason == egress.DEADLINE:
            raise FetchFailed(f"audio_url took longer than {deadline_s:.0f} s to download "
                              "(BLEEPER_FETCH_DEADLINE_S); serve it faster or upload the file") from None
        raise FetchUnavailable(f"audio_url could not be reached or stopped sending ({exc.reason})") from None


def check_media(path: Path, *, max_duration_s: float) -> Probe:
    info = probe(path)
    if info.duration_s > max_duration_s:
        raise MediaError(f"the audio is {info.duration_s:.0f} s long; the limit is {max_duration_s:.0f} s")
    return info


def upload_id_of(audio_url: str, api_url: str) -> str | None:
    prefix = f"{api_url}/v2/uploads/"
    return audio_url.removeprefix(prefix) if audio_url.startswith(prefix) else None


@stage("fetch")
def fetch(job_id: str) -> None:
    settings = context.settings()
    store, storage = context.job_store(), context.storage()
    moved = store.transition(job_id, JobStatus.processing)
    announce.started(moved)  # a Symbl-style conversation's in_progress webhook
    job = moved.after
    with tempfile.TemporaryDirectory(prefix="bleeper-fetch-") as tmp:
        source = Path(tmp) / artifacts.SOURCE
        if job.upload_id:
            if store.upload_owner(job.upload_id) != job.owner:
                raise NotFound("audio_url names an upload that does not exist")
            storage.download(upload_key(job.upload_id), source)
        else:
            download(
                job.options.audio_url,
                source,
                max_bytes=settings.max_file_bytes,
                timeout=settings.fetch_timeout_s,
                guard=settings.egress_guard,
                deadline_s=settings.fetch_deadline_s,
            )
        info = check_media(source, max_duration_s=settings.max_duration_s)
        storage.put_file(job_key(job_id, artifacts.SOURCE), source)
    store.update(job_id, probe=info)
