"""Switches that keep the process from talking to anything but S3, Redis, fetched URLs and webhooks."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def switch_off_phoning_home() -> None:
    """Set the environment before onnxruntime, huggingface_hub or tldextract load.

    onnxruntime looks up Microsoft's telemetry host unless ORT_DISABLE_TELEMETRY is set (measured,
    shared/notes/asr-and-detection.md); faster-whisper fetches from the hub when given a model
    name or a directory missing a file; Presidio's email check makes tldextract download the public
    suffix list. An empty URL list makes tldextract use the snapshot it ships with.
    """
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
    os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
    os.environ.setdefault("TLDEXTRACT_CACHE", str(Path(tempfile.gettempdir()) / "bleeper-tldextract"))
    os.environ.setdefault("DO_NOT_TRACK", "1")
