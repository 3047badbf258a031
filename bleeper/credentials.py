"""What `bleeper up` generates into BLEEPER_HOME/credentials.json when the settings leave it unset:
S3 credentials, the API key, Flower's password, the Symbl-style app and the originals key."""

from __future__ import annotations

import base64
import json
import os
import secrets
from pathlib import Path

from bleeper.config import CREDENTIALS_FILE, Settings


def fresh_credentials() -> dict[str, str]:
    """Every secret `bleeper up` generates, new."""
    return {
        "s3_access_key": "BLEEPER" + secrets.token_hex(6).upper(),
        "s3_secret_key": secrets.token_urlsafe(30),
        "api_key": secrets.token_hex(16),
        "flower_password": secrets.token_urlsafe(12),
        "symbl_app_id": secrets.token_hex(16),
        "symbl_app_secret": secrets.token_hex(32),
        "originals_key": base64.b64encode(secrets.token_bytes(32)).decode(),
    }


def ensure_generated_credentials(settings: Settings) -> Path:
    """Create home/credentials.json (0600) with fresh S3, API, Flower, Symbl app and encryption
    secrets; a file from an older bleeper gets the ones it lacks, its others kept as they are."""
    path = settings.home_dir / CREDENTIALS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    current = json.loads(path.read_text()) if path.exists() else {}
    missing = {k: v for k, v in fresh_credentials().items() if k not in current}
    if not missing:
        return path
    # written whole to a private temporary file, then renamed over: never half a file, never readable by others
    tmp = path.with_name(f".{CREDENTIALS_FILE}.{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump({**current, **missing}, f, indent=2)
    os.replace(tmp, path)
    return path
