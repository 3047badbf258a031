"""/v2/upload: raw body in, an upload_url to pass as audio_url out."""

from __future__ import annotations

import tempfile

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool

from bleeper.api.deps import Config, Owner, JobStoreDep, StorageDep
from bleeper.api.listing import UploadPublic
from bleeper.config import Settings
from bleeper.errors import InvalidRequest, PayloadTooLarge
from bleeper.state.jobs import JobStore, new_id
from bleeper.state.storage import Storage
from bleeper.artifacts import upload_key

router = APIRouter(prefix="/v2", tags=["uploads"])
SPOOL_BYTES = 8 * 1024 * 1024
WRITE_BYTES = 1024 * 1024  # body chunks are gathered to this before each write to the spool


@router.post("/upload", response_model=UploadPublic)
async def upload(request: Request, owner: Owner, store: JobStoreDep, storage: StorageDep, settings: Config) -> UploadPublic:
    upload_id = await receive(request, owner, store, storage, settings)
    return UploadPublic(upload_url=upload_url(settings, upload_id))


def upload_url(settings: Settings, upload_id: str) -> str:
    """What a job names an upload by (workers.fetch.upload_id_of reads it back)."""
    return f"{settings.api_url}/v2/uploads/{upload_id}"


async def receive(request: Request, owner: str, store: JobStore, storage: Storage, settings: Settings) -> str:
    """Stream the body to a spool file (disk above 8 MB), refusing it past BLEEPER_MAX_FILE_BYTES,
    then to S3 as an upload of `owner`'s; return its id (also Symbl's raw-body process calls)."""
    limit = settings.max_file_bytes
    declared = int(request.headers.get("content-length") or 0)
    if declared > limit:
        raise PayloadTooLarge(f"the upload is {declared} bytes; the limit is {limit} (BLEEPER_MAX_FILE_BYTES)")
    upload_id = new_id()
    # async for the body's stream; the spool's disk writes, S3 and Redis go to the thread pool
    spool = await run_in_threadpool(tempfile.SpooledTemporaryFile, max_size=SPOOL_BYTES)
    try:
        size = 0
        pending = bytearray()
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise PayloadTooLarge(f"the upload is over the {limit}-byte limit (BLEEPER_MAX_FILE_BYTES)")
            pending += chunk
            if len(pending) >= WRITE_BYTES:
                await run_in_threadpool(spool.write, pending)
                pending = bytearray()
        if size == 0:
            raise InvalidRequest("the upload is empty: send the audio file as the request body")
        await run_in_threadpool(spool.write, pending)
        spool.seek(0)
        await run_in_threadpool(storage.put_stream, upload_key(upload_id), spool)
    finally:
        await run_in_threadpool(spool.close)
    await run_in_threadpool(store.add_upload, upload_id, owner)
    return upload_id
