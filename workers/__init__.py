"""The pipeline's stages as Celery tasks; `submit` puts a job on the queue from Python.

    from bleeper.models import JobOptions
    from workers import submit
    job = submit(JobOptions(audio_url="https://…/call.mp3", redact_pii_audio=True), owner)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["submit"]

if TYPE_CHECKING:
    from workers.pipeline import submit


def __getattr__(name: str) -> Any:
    # Lazy, so `import workers.context` does not build the Celery app and every stage.
    if name == "submit":
        from workers.pipeline import submit

        return submit
    raise AttributeError(name)
