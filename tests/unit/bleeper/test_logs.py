"""Structured logs: JSON lines with job id and stage; an exception's message never reaches them."""

from __future__ import annotations

import io
import json
import logging

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
