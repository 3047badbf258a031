"""bleeper: self-hosted PII redaction for call recordings."""

from bleeper import privacy as _privacy

# Before anything imports onnxruntime, huggingface_hub or tldextract (see DESIGN.md, Models).
_privacy.switch_off_phoning_home()

__version__ = "0.1.0"
__all__ = ["__version__"]
