"""Logs that hold no PII: JSON lines (or text) with the job id and stage when there is one.

Stage tasks set the job id and stage in a context variable (workers/app.py), so every line a
stage writes — ours or a library's — carries them. Our messages never hold PII (STYLE.md); an
exception is logged by type and frames only, for it and every cause and context chained to it,
whatever the format: a foreign exception's message may quote a URL with its query, a file's
tags or transcript text (issue 11).
"""

from __future__ import annotations

import contextvars
import json
import logging
import time
import traceback
from types import TracebackType
from urllib.parse import urlsplit, urlunsplit

job_context: contextvars.ContextVar[dict[str, str]] = contextvars.ContextVar("bleeper_job", default={})

# Loggers that follow BLEEPER_LOG_LEVEL. Every other logger (the libraries') stays at INFO or
# above: at DEBUG urllib3 logs each URL it opens with its query, and botocore each request with
# its body (transcripts and entities are S3 objects).
OWN_LOGGERS = ("bleeper", "celery")

ExcInfo = tuple[type[BaseException], BaseException | None, TracebackType | None]

_CAUSE = "\nThe above exception was the direct cause of the following exception:\n\n"
_CONTEXT = "\nDuring handling of the above exception, another exception occurred:\n\n"


def _type_name(cls: type) -> str:
    module = getattr(cls, "__module__", None)
    return cls.__qualname__ if module in (None, "builtins", "__main__") else f"{module}.{cls.__qualname__}"


def format_exception(exc_info: ExcInfo) -> str:
    """A traceback as Python prints it, chained causes and contexts included, but each exception
    shown by its type alone: the frames say where it happened, the message is never printed."""
    etype, value, tb = exc_info
    if value is not None and not isinstance(value, etype):
        # Celery logs billiard's ExceptionWithTraceback, whose str() is the whole original
        # traceback, messages included; the exception it wraps is its `exc`
        inner = getattr(value, "exc", None)
        value = inner if isinstance(inner, BaseException) else None
    chain: list[tuple[type, TracebackType | None, str]] = [(etype, tb, "")]
    seen = set()
    while value is not None and id(value) not in seen:
        seen.add(id(value))
        if value.__cause__ is not None:
            value, link = value.__cause__, _CAUSE
        elif value.__context__ is not None and not value.__suppress_context__:
            value, link = value.__context__, _CONTEXT
        else:
            break
        if id(value) not in seen:
            chain.append((type(value), value.__traceback__, link))
    parts: list[str] = []
    for cls, frames, link in reversed(chain):
        if frames is not None:
            parts.append("Traceback (most recent call last):\n" + "".join(traceback.format_tb(frames)))
        parts.append(_type_name(cls) + "\n")
        parts.append(link)
    return "".join(parts).rstrip("\n")


def redact_url(url: str) -> str:
    """A URL fit for a log line or a terminal: scheme, host, port and path. The query (signatures,
    and whatever a client put there), the fragment and any user:password@ are dropped."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname or "", parts.port
    except ValueError:
        return "<unreadable URL>"
    if ":" in host:
        host = f"[{host}]"
    return urlunsplit((parts.scheme, f"{host}:{port}" if port else host, parts.path, "", ""))


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
            line["error"] = record.exc_info[0].__name__
            line["frames"] = format_exception(record.exc_info)
        return json.dumps(line)


class TextFormatter(logging.Formatter):
    """`time level logger message`, and an exception as format_exception shows it.

    record.exc_text is never used: another handler's formatter may have cached the full
    traceback there, messages and all."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        record.message = record.getMessage()
        record.asctime = self.formatTime(record, self.datefmt)
        text = self.formatMessage(record)
        if record.exc_info and record.exc_info[0] is not None:
            text += "\n" + format_exception(record.exc_info)
        if record.stack_info:
            text += "\n" + self.formatStack(record.stack_info)
        return text


def formatter(fmt: str) -> logging.Formatter:
    return JsonFormatter() if fmt == "json" else TextFormatter()


def configure(level: str = "INFO", fmt: str = "json", logger: logging.Logger | None = None) -> None:
    """Set up one logger, or (by default) the whole process.

    Process-wide: the root logger gets a stderr handler if it has none; every handler any
    logger has by now (uvicorn's, tornado's for Flower, billiard's) and Python's last-resort
    handler get our formatter; bleeper's and Celery's loggers take `level`, the rest INFO at most.
    """
    fmt_ = formatter(fmt)
    root = logging.getLogger()
    if logger is not None and logger is not root:
        if not logger.handlers:
            logger.addHandler(logging.StreamHandler())
        for handler in logger.handlers:
            handler.setFormatter(fmt_)
        logger.setLevel(level)
        return
    if not root.handlers:
        root.addHandler(logging.StreamHandler())
    numeric = logging.getLevelName(level.upper()) if isinstance(level, str) else level
    numeric = numeric if isinstance(numeric, int) else logging.INFO
    root.setLevel(max(numeric, logging.INFO))
    for name in OWN_LOGGERS:
        logging.getLogger(name).setLevel(numeric)
    loggers = [root, *(lg for lg in logging.Logger.manager.loggerDict.values() if isinstance(lg, logging.Logger))]
    for lg in loggers:
        for handler in lg.handlers:
            handler.setFormatter(fmt_)
        own = lg.name.split(".", 1)[0] in OWN_LOGGERS
        if not own and logging.NOTSET < lg.level < logging.INFO:
            lg.setLevel(logging.INFO)
    if logging.lastResort is not None:
        logging.lastResort.setFormatter(fmt_)
