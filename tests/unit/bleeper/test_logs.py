"""Structured logs: JSON lines with job id and stage; an exception's message never reaches them."""

from __future__ import annotations

import io
import json
import logging

import pytest

from bleeper import logs


def _capture() -> tuple[logging.Logger, io.StringIO]:
    out = io.StringIO()
    logger = logging.getLogger("bleeper.test-logs")
    logger.handlers = [logging.StreamHandler(out)]
    logger.propagate = False
    logs.configure("INFO", "json", logger)
    return logger, out


def test_every_line_is_json_with_the_job_and_stage():
    logger, out = _capture()
    token = logs.job_context.set({"job_id": "abc123", "stage": "detect"})
    try:
        logger.info("job %s: %d entities", "abc123", 4)
    finally:
        logs.job_context.reset(token)
    line = json.loads(out.getvalue())
    assert line["msg"] == "job abc123: 4 entities"
    assert (line["job_id"], line["stage"], line["level"]) == ("abc123", "detect", "info")


def test_an_exception_is_logged_by_type_and_frames_without_its_message():
    logger, out = _capture()
    value = "".join(["Sarah Jen", "nings 610-", "265-1714"])  # the frames show code lines, not values
    try:
        raise ValueError(value)
    except ValueError:
        logger.exception("stage failed")
    line = json.loads(out.getvalue())
    assert line["error"] == "ValueError" and "test_logs.py" in line["frames"]
    assert "Jennings" not in out.getvalue() and "610" not in out.getvalue()


# Values that must never reach a log line, in pieces so this file's own source lines (which the
# frames of a traceback show) never hold them whole.
PII = ("Jen" + "nings", "610" + "2651714", "sarah.jen" + "nings", "Low" + "ry", "4532" + "0151")


def _raise_foreign_chain() -> None:
    """A RuntimeError raised while handling a LookupError that was raised from an OSError: each
    message holds PII, as a library's might (a URL with its query, a tag, transcript text)."""
    try:
        try:
            raise OSError("GET http://files.example/call.mp3?caller=" + PII[3] + "&phone=" + PII[1])
        except OSError as exc:
            raise LookupError(PII[2] + "@gmail.com") from exc
    except LookupError:
        raise RuntimeError("transcript: my name is Sarah " + PII[0] + ", card " + PII[4])


def _logger(fmt: str) -> tuple[logging.Logger, io.StringIO]:
    out = io.StringIO()
    logger = logging.getLogger(f"bleeper.test-logs-{fmt}")
    logger.handlers = [logging.StreamHandler(out)]
    logger.propagate = False
    logs.configure("INFO", fmt, logger)
    return logger, out


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_foreign_exception_and_its_chain_are_logged_by_type_and_frames_only(fmt):
    logger, out = _logger(fmt)
    try:
        _raise_foreign_chain()
    except RuntimeError:
        logger.exception("stage failed")
    text = out.getvalue()
    shown = json.loads(text)["frames"] if fmt == "json" else text
    for name in ("OSError", "LookupError", "RuntimeError", "_raise_foreign_chain", "test_logs.py"):
        assert name in shown
    assert "direct cause" in shown and "During handling" in shown
    for value in PII:
        assert value.lower() not in text.lower()


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_celerys_wrapped_exception_and_a_cached_traceback_are_not_printed(fmt):
    # Celery logs a failed task with billiard's ExceptionInfo, whose exception wrapper prints the
    # whole original traceback as its message; another handler may have cached one in exc_text.
    from billiard.einfo import ExceptionInfo

    logger, out = _logger(fmt)
    try:
        _raise_foreign_chain()
    except RuntimeError:
        einfo = ExceptionInfo()
    record = logger.makeRecord(logger.name, logging.ERROR, __file__, 1, "Task %s raised", ("t1",), einfo.exc_info)
    record.exc_text = einfo.traceback
    logger.handle(record)
    text = out.getvalue()
    assert "RuntimeError" in text and "LookupError" in text
    for value in PII:
        assert value.lower() not in text.lower()


@pytest.fixture
def fresh_logging():
    """Process-wide configure() changes global state: put it back afterwards."""
    root = logging.getLogger()
    saved = (list(root.handlers), root.level, logging.lastResort.formatter)
    lib = logging.getLogger("somelib.http")
    yield lib
    root.handlers, root.level = saved[0], saved[1]
    logging.lastResort.setFormatter(saved[2])
    for name in ("bleeper", "celery", "somelib.http"):
        logging.getLogger(name).setLevel(logging.NOTSET)
    lib.handlers = []


def test_process_wide_setup_covers_every_handler_and_holds_libraries_at_info(fresh_logging):
    lib = fresh_logging
    own_handler = logging.StreamHandler(io.StringIO())  # e.g. uvicorn's or tornado's
    lib.addHandler(own_handler)
    lib.setLevel(logging.DEBUG)
    logs.configure("DEBUG", "text")
    assert isinstance(own_handler.formatter, logs.TextFormatter)
    assert isinstance(logging.lastResort.formatter, logs.TextFormatter)
    assert logging.getLogger("bleeper.worker").isEnabledFor(logging.DEBUG)
    assert logging.getLogger("celery.worker").isEnabledFor(logging.DEBUG)
    # at DEBUG, urllib3 logs every URL with its query and botocore every request body
    for name in ("somelib.http", "urllib3.connectionpool", "botocore.endpoint"):
        assert not logging.getLogger(name).isEnabledFor(logging.DEBUG), name


@pytest.mark.parametrize(("url", "shown"), [
    ("https://files.example/calls/a.mp3?X-Amz-Signature=abc&caller=Lowry", "https://files.example/calls/a.mp3"),
    ("http://user:secret@files.example:8080/a.mp3#t=10", "http://files.example:8080/a.mp3"),
    ("http://[::1]:9000/a.mp3?x=1", "http://[::1]:9000/a.mp3"),
    ("http://[not-an-address/a.mp3", "<unreadable URL>"),
])
def test_a_url_is_logged_without_query_fragment_or_userinfo(url, shown):
    assert logs.redact_url(url) == shown
