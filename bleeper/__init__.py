"""bleeper: self-hosted PII redaction for call recordings.

As a library (README, "Use as a library"): `bleeper.redact_text(text)` and
`bleeper.redact_file("call.mp3", "call.redacted.mp3")` run detection and redaction in this process.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bleeper import privacy as _privacy

# Before anything imports onnxruntime, huggingface_hub or tldextract (see DESIGN.md, Models).
_privacy.switch_off_phoning_home()

__version__ = "0.1.0"
__all__ = ["Redacted", "__version__", "redact_file", "redact_text"]

if TYPE_CHECKING:
    from bleeper.library import Redacted, redact_file, redact_text


def __getattr__(name: str) -> Any:
    # Lazy: importing bleeper (the API, a worker) must not load Presidio, spaCy or Whisper.
    if name in ("Redacted", "redact_file", "redact_text"):
        from bleeper import library

        return getattr(library, name)
    raise AttributeError(f"module 'bleeper' has no attribute {name!r}")
