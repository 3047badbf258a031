"""Parts of the local stack dying mid-job (issue 14), on a stack of this module's own: a busy pool
process killed is replaced once (its models load within the start-up timeout) and its task
completes; Redis killed is started again by the supervisor while the same worker process lives
on and the job completes; the worker killed with its pool is started again without an operator."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bleeper.config import Settings
from bleeper.stack import Stack
from bleeper.stack.supervisor import restarts
from tests.integration.conftest import Api

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def own_stack(tmp_path_factory) -> Iterator[Stack]:
    # ports clear of the session stack's and the other modules' (SeaweedFS takes s3_port..+8 and
    # s3_port + 10008); two pool processes, so the worker's consumer waits on Redis with one idle
    # while the other transcribes, the state in which kombu 5.7 used to crash (workers/broker.py)
    settings = Settings(home=tmp_path_factory.mktemp("supervised"), redis_port=23379, s3_port=23333,
                        api_port=23000, flower_port=23555, worker_concurrency=2, log_format="json")
    st = Stack(settings)
    try:
        st.up(timeout=180, echo=lambda _: None)
        yield st
    finally:
        st.down(echo=lambda _: None)


@pytest.fixture(scope="module")
def own_api(own_stack: Stack) -> Api:
    return Api(own_stack.settings.api_url, next(iter(own_stack.settings.api_keys())))


def _log(stack: Stack, name: str) -> str:
    return (stack.log_dir / f"{name}.log").read_text(errors="replace")


def _children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _transcribing(stack: Stack, api: Api, sample_call: Path) -> str:
    """A job submitted and, once this returns, inside its transcription."""
    before = _log(stack, "worker").count("transcribe started")
    job_id = api.submit(audio_url=api.upload(sample_call), redact_pii=True, redact_pii_audio=True).json()["id"]
    deadline = time.monotonic() + 60
    while _log(stack, "worker").count("transcribe started") <= before:
        assert time.monotonic() < deadline, "the job's transcription never started"
        time.sleep(0.1)
    time.sleep(1.0)
    return job_id


def _wait_for(what: str, check, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"{what} not within {timeout:.0f} s")


def _busy_pool_process(stack: Stack) -> int:
    """The pool process using the most CPU right now (the one transcribing)."""
    def cpu(pid: int) -> int:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])

    main = stack.pid("worker")
    first = {pid: cpu(pid) for pid in _children(main)}
    time.sleep(0.5)
    return max(first, key=lambda pid: cpu(pid) - first[pid])


def test_a_killed_busy_pool_process_is_replaced_once_and_its_task_completes(own_stack, own_api, sample_call):
    main = own_stack.pid("worker")
    children = len(_children(main))  # the pool and the embedded beat
    job_id = _transcribing(own_stack, own_api, sample_call)
    victim = _busy_pool_process(own_stack)
    log_before = len(_log(own_stack, "worker"))
    os.kill(victim, signal.SIGKILL)

    done = own_api.wait(job_id, timeout=180)
    assert done["status"] == "completed", done.get("error")
    assert own_stack.pid("worker") == main
    assert len(_children(main)) == children
    # the replacement loaded its models inside BLEEPER_WORKER_START_TIMEOUT_S: not killed and forked again
    assert "Timed out waiting for UP message" not in _log(own_stack, "worker")[log_before:]


def test_the_worker_lives_through_a_redis_restart_and_the_job_completes(own_stack, own_api, sample_call):
    worker, redis = own_stack.pid("worker"), own_stack.pid("redis")
    job_id = _transcribing(own_stack, own_api, sample_call)
    os.kill(redis, signal.SIGKILL)

    # the supervisor starts Redis again (1 s backoff); nobody touches the worker
    _wait_for("redis started again", lambda: own_stack.pid("redis") not in (None, redis), 15)
    done = own_api.wait(job_id, timeout=180)
    assert done["status"] == "completed", done.get("error")
    assert own_stack.pid("worker") == worker
    log = _log(own_stack, "worker")
    assert "Connection to broker lost" in log
    assert "Unrecoverable error" not in log
    assert restarts(own_stack).get("redis") == 1
    assert "redis is not running; starting it again in 1 s" in _log(own_stack, "supervisor")


def test_a_killed_worker_is_started_again_without_an_operator(own_stack, own_api, short_call):
    main = own_stack.pid("worker")
    group = [main, *_children(main)]
    for pid in group:
        os.kill(pid, signal.SIGKILL)

    started = time.monotonic()
    new = _wait_for("a new worker", lambda: own_stack.pid("worker") not in (None, main) and own_stack.pid("worker"), 15)
    _wait_for("the new worker answering", own_stack._worker_ready, 60)
    back_after = time.monotonic() - started
    assert new != main
    assert restarts(own_stack).get("worker") == 1
    assert all(not Path(f"/proc/{pid}").exists() for pid in group)  # no orphaned pool process left
    done = own_api.wait(own_api.submit(audio_url=own_api.upload(short_call), redact_pii=True).json()["id"],
                        timeout=120)
    assert done["status"] == "completed", done.get("error")
    print(f"worker answering again {back_after:.1f} s after kill -9")
