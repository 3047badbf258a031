"""Stage 1: bring the audio into S3 as jobs/{id}/source and probe what it really is."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import urljoin

import requests

from bleeper.config import get_settings
from bleeper.errors import FetchFailed, FetchUnavailable, MediaError, NotFound, PayloadTooLarge
from bleeper.media import probe
from bleeper.models import JobStatus, Probe
from bleeper.storage import job_key, upload_key
from bleeper.urls import check_url
from workers import context
from workers.app import stage

MAX_REDIRECTS = 5
CHUNK = 1 << 16


def download(url: str, dest: Path, *, max_bytes: int, timeout: float, allow_private: bool) -> int:
    """Stream `url` to `dest`, re-checking every redirect hop; return the byte count."""
    session = requests.Session()
    session.trust_env = False  # no proxies or netrc from the environment
    for _ in range(MAX_REDIRECTS + 1):
        check_url(url, allow_private=allow_private)
        try:
            resp = session.get(url, stream=True, timeout=timeout, allow_redirects=False)
        except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError) as exc:
            raise FetchUnavailable(f"audio_url could not be reached ({type(exc).__name__})") from exc
        except requests.RequestException as exc:
            raise FetchFailed(f"audio_url could not be fetched ({type(exc).__name__})") from exc
        with resp:
            if resp.is_redirect:
                url = urljoin(url, resp.headers.get("location", ""))
                continue
            if resp.status_code >= 500:
                raise FetchUnavailable(f"audio_url answered HTTP {resp.status_code}")
            if resp.status_code >= 400:
                raise FetchFailed(f"audio_url answered HTTP {resp.status_code}; check that the URL is public and current")
            declared = int(resp.headers.get("content-length") or 0)
            if declared > max_bytes:
                raise PayloadTooLarge(f"audio_url is {declared} bytes; the limit is {max_bytes}")
            size = 0
            try:
                with open(dest, "wb") as f:
                    for chunk in resp.iter_content(CHUNK):
                        size += len(chunk)
                        if size > max_bytes:
                            raise PayloadTooLarge(f"audio_url is over the {max_bytes}-byte limit")
                        f.write(chunk)
            except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError) as exc:
                raise FetchUnavailable("audio_url stopped sending before the end") from exc
            return size
    raise FetchFailed(f"audio_url redirected more than {MAX_REDIRECTS} times")


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
    settings = get_settings()
    store, storage = context.jobs(), context.storage()
    job = store.mark(job_id, JobStatus.processing)
    with tempfile.TemporaryDirectory(prefix="bleeper-fetch-") as tmp:
        source = Path(tmp) / "source"
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
                allow_private=settings.allow_private_urls,
            )
        info = check_media(source, max_duration_s=settings.max_duration_s)
        storage.put_file(job_key(job_id, "source"), source)
    store.update(job_id, probe=info)
