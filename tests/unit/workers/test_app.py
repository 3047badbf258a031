"""What Celery records of a failed task (Flower's task view, the task-failed and task-retried
events, the worker log) holds no foreign exception's message, not even as a chained cause."""

from __future__ import annotations

import importlib

import pytest
from celery.exceptions import Retry

from bleeper import logs
from bleeper.errors import FetchUnavailable, InternalError, TransientError
from workers.app import SafeTask, StageTask, _safe_retry, app

# in pieces, so the source lines a traceback quotes never hold them whole
URL = "http://files.example/call.mp3?caller=" + "Low" + "ry&phone=" + "610" + "2651714"
NAME = "Sarah Jen" + "nings"


def _leaks(text: str) -> list[str]:
    return [v for v in ("Lowry", "6102651714", "Jennings") if v.lower() in text.lower()]


@app.task(name="test.own_error_from_foreign", bind=True)
def own_error_from_foreign(self, job_id: str) -> str:
    try:
        raise ConnectionError(f"HTTPConnectionPool: Max retries exceeded with url: {URL}")
    except ConnectionError as exc:
        raise FetchUnavailable("audio_url could not be reached (ConnectionError)") from exc


@app.task(name="test.own_error_during_foreign", bind=True)
def own_error_during_foreign(self, job_id: str) -> str:
    try:
        raise ValueError(NAME)
    except ValueError:
        raise FetchUnavailable("audio_url could not be reached (ValueError)")  # noqa: B904 — the point


@app.task(name="test.foreign_error", bind=True)
def foreign_error(self, job_id: str) -> str:
    try:
        raise KeyError(URL)
    except KeyError as exc:
        raise RuntimeError(f"could not read the tags of {NAME}'s call") from exc


def test_every_task_goes_through_safetask():
    for module in app.conf.include:
        importlib.import_module(module)
    ours = {name: t for name, t in app.tasks.items() if name.startswith("bleeper.")}
    assert {"bleeper.fetch", "bleeper.notify", "bleeper.sweep"} <= ours.keys()
    assert all(isinstance(t, SafeTask) for t in ours.values()) and issubclass(StageTask, SafeTask)


@pytest.mark.parametrize("task", [own_error_from_foreign, own_error_during_foreign])
def test_our_error_is_recorded_without_the_foreign_exception_chained_to_it(task):
    result = task.apply(("job1",))
    assert isinstance(result.result, FetchUnavailable)
    assert "FetchUnavailable" in result.traceback and "could not be reached" in result.traceback
    assert not _leaks(result.traceback) and not _leaks(repr(result.result))
    assert "direct cause" not in result.traceback and "During handling" not in result.traceback


def test_a_foreign_error_is_recorded_as_internal_error_naming_its_type(caplog):
    result = foreign_error.apply(("job1",))
    assert isinstance(result.result, InternalError)
    assert "RuntimeError" in str(result.result)
    assert not _leaks(result.traceback) and not _leaks(repr(result.result))
    # the worker log has its frames; our formatters print no message (pytest's own one does)
    logged = [f.format(r) for r in caplog.records for f in (logs.JsonFormatter(), logs.TextFormatter())]
    assert any("foreign_error" in line and "KeyError" in line for line in logged)
    assert not _leaks("\n".join(logged))


def test_a_retry_carries_no_foreign_exception_or_chain():
    try:
        raise ConnectionError(URL)
    except ConnectionError as exc:
        transient = TransientError("S3 unreachable")
        transient.__cause__ = exc
    for caused_by, shown in ((ValueError(NAME), "InternalError"), (transient, "TransientError")):
        retry = _safe_retry(Retry(exc=caused_by, when=5))
        assert shown in repr(retry.exc) and shown in str(retry)
        assert not _leaks(repr(retry.exc) + str(retry) + repr(retry.args))
        assert retry.exc.__cause__ is None and retry.when == 5
