"""Structured logs: one JSON object per line with the job id and stage when there is one.

Stage tasks set the job id and stage in a context variable (workers/app.py), so every line a
stage writes — ours or a library's — carries them. Messages never hold PII (STYLE.md).
"""

from __future__ import annotations

import contextvars
import json
import logging
import time
import traceback

job_context: contextvars.ContextVar[dict[str, str]] = contextvars.ContextVar("bleeper_job", default={})


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
            **job_context.get(),
        }
        if record.exc_info and record.exc_info[0] is not None:
            # the type and the frames, not the message: a foreign exception's text may hold PII
            line["error"] = record.exc_info[0].__name__
            line["frames"] = "".join(traceback.format_tb(record.exc_info[2]))
        return json.dumps(line)


def configure(level: str = "INFO", fmt: str = "json", logger: logging.Logger | None = None) -> None:
    """Put our formatter on the root logger's handlers (or on a given logger's)."""
    target = logger or logging.getLogger()
    if not target.handlers:
        target.addHandler(logging.StreamHandler())
    formatter: logging.Formatter = JsonFormatter() if fmt == "json" else logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s")
    for handler in target.handlers:
        handler.setFormatter(formatter)
    target.setLevel(level)
