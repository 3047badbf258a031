"""Artifacts in S3 through boto3: SigV4, path-style, fixed keys under jobs/{id}/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, BinaryIO

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from bleeper.config import Settings
from bleeper.errors import ArtifactMissing, StorageRefused, StorageUnavailable

_MISSING = {"NoSuchKey", "404", "NotFound"}


class Storage:
    """The few operations bleeper needs, with boto3's errors translated at this boundary."""

    def __init__(self, client: Any, bucket: str, presigner: Any = None) -> None:
        self.client = client
        self.bucket = bucket
        # presigned URLs name the host clients reach S3 at (BLEEPER_S3_PUBLIC_URL), which may not
        # be the one workers use
        self.presigner = presigner or client

    def _call(self, op: str, key: str, **kwargs: Any) -> Any:
        try:
            return getattr(self.client, op)(Bucket=self.bucket, Key=key, **kwargs)
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
            if code in _MISSING:
                raise ArtifactMissing(f"stored object {key} is missing (expired or deleted)") from exc
            if status >= 500 or code in {"SlowDown", "ServiceUnavailable", "InternalError"}:
                raise StorageUnavailable(f"S3 answered {status} {code} for {op}") from exc
            raise StorageRefused(f"S3 refused {op} ({code}); check the BLEEPER_S3_* settings") from exc
        except BotoCoreError as exc:
            raise StorageUnavailable(f"S3 unreachable during {op}: {type(exc).__name__}") from exc

    def put_bytes(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> None:
        self._call("put_object", key, Body=data, ContentType=content_type)

    def put_json(self, key: str, obj: Any) -> None:
        self.put_bytes(key, json.dumps(obj, separators=(",", ":")).encode(), "application/json")

    def put_stream(self, key: str, stream: BinaryIO, content_type: str = "application/octet-stream") -> None:
        try:
            self.client.upload_fileobj(stream, self.bucket, key, ExtraArgs={"ContentType": content_type})
        except (ClientError, BotoCoreError) as exc:
            raise StorageUnavailable(f"S3 upload failed: {type(exc).__name__}") from exc

    def put_file(self, key: str, path: Path, content_type: str = "application/octet-stream") -> None:
        with open(path, "rb") as f:
            self.put_stream(key, f, content_type)

    def get_bytes(self, key: str) -> bytes:
        return self._call("get_object", key)["Body"].read()

    def get_json(self, key: str) -> Any:
        return json.loads(self.get_bytes(key))

    def download(self, key: str, path: Path) -> None:
        body = self._call("get_object", key)["Body"]
        with open(path, "wb") as f:
            for chunk in body.iter_chunks(1 << 20):
                f.write(chunk)

    def exists(self, key: str) -> bool:
        try:
            self._call("head_object", key)
        except ArtifactMissing:
            return False
        return True

    def presign_get(self, key: str, ttl: int) -> str:
        return self.presigner.generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket, "Key": key}, ExpiresIn=ttl
        )

    def delete_prefix(self, prefix: str, *, before: float | None = None) -> int:
        """Delete the objects under `prefix` (only those last modified before `before`, epoch
        seconds, when given); return how many."""
        deleted = 0
        try:
            pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix)
            for page in pages:
                keys = [{"Key": o["Key"]} for o in page.get("Contents", [])
                        if before is None or o["LastModified"].timestamp() < before]
                if keys:
                    self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": keys, "Quiet": True})
                    deleted += len(keys)
        except (ClientError, BotoCoreError) as exc:
            raise StorageUnavailable(f"S3 delete failed: {type(exc).__name__}") from exc
        return deleted

    def delete_older_than(self, cutoff: float, prefixes: tuple[str, ...]) -> int:
        """Delete objects last modified before `cutoff` (epoch seconds) under the prefixes."""
        return sum(self.delete_prefix(prefix, before=cutoff) for prefix in prefixes)

    def ensure_bucket(self, retention_s: int) -> None:
        """Create the bucket if needed and set the expiry rule (whole days; the sweep does the rest)."""
        try:
            try:
                self.client.create_bucket(Bucket=self.bucket)
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") not in {"BucketAlreadyOwnedByYou", "BucketAlreadyExists"}:
                    raise
            days = max(1, -(-retention_s // 86400))
            self.client.put_bucket_lifecycle_configuration(
                Bucket=self.bucket,
                LifecycleConfiguration={
                    "Rules": [
                        {"ID": "bleeper-retention", "Status": "Enabled", "Filter": {"Prefix": ""},
                         "Expiration": {"Days": days}}
                    ]
                },
            )
        except (ClientError, BotoCoreError) as exc:
            raise StorageUnavailable(f"could not prepare bucket {self.bucket}: {exc}") from exc


def s3_client(settings: Settings, endpoint_url: str | None = None) -> Any:
    access, secret = settings.s3_credentials()
    return boto3.client(
        "s3",
        endpoint_url=endpoint_url or settings.s3_url,
        aws_access_key_id=access,
        aws_secret_access_key=secret,
        region_name=settings.s3_region,
        # botocore otherwise presigns with SigV2 (shared/notes/local-stack.md)
        config=Config(
            signature_version="s3v4",
            s3={"addressing_style": "path"},
            retries={"max_attempts": 3, "mode": "standard"},
            connect_timeout=5,
            read_timeout=60,
        ),
    )


def make_storage(settings: Settings) -> Storage:
    presigner = s3_client(settings, settings.s3_public_url) if settings.s3_public_url else None
    return Storage(s3_client(settings), settings.s3_bucket, presigner)
