"""`bench/faults.py --quick` (issue 14's fault suite, short): every fault is injected into a private
stack and every job still ends `completed`, none lost or stuck, its webhooks in order and any
duplicate carrying one event id.

The suite starts its own stack (own temp home and ports, default settings but the task time limit
it says it lowers), so it runs as a subprocess, started in the background as soon as these tests
are collected (it mostly waits on timeouts: the other tests run meanwhile). No duration is
asserted: recovery times are the suite's figures, written to its JSON.
"""

from __future__ import annotations

import pytest

from bleeper.stack import port_free, weed_ports
from tests.integration.background import Background

pytestmark = [pytest.mark.integration, pytest.mark.slow]

FAULTS = ("baseline", "pool_kill", "worker_kill", "redis_kill", "s3_down", "receiver_refusing")
RABBITMQ_FAULTS = ("baseline", "pool_kill", "worker_kill", "redis_kill", "broker_restart", "s3_down",
                   "receiver_refusing")


@pytest.fixture(scope="module", params=("redis", "rabbitmq"))
def faults(request: pytest.FixtureRequest) -> dict:
    """The quick suite's result on each broker: it started in the background when this module's
    tests were collected (tests/integration/background.py)."""
    result = request.config.stash[Background.KEY][f"faults:{request.param}"].result()
    if result.get("skipped"):
        pytest.skip(f"fault suite on {request.param}: {result['skipped']}")
    return result


def test_the_quick_run_says_what_it_lowered(faults: dict) -> None:
    assert faults["quick"] is True
    if faults["broker"] == "redis":
        assert faults["lowered_settings"] == {"BLEEPER_TASK_TIME_LIMIT": "60"}
        assert "--quick lowers BLEEPER_TASK_TIME_LIMIT=60" in faults["_stdout"]
        assert [f["fault"] for f in faults["faults"]] == list(FAULTS)
    else:  # RabbitMQ hands a lost worker's task on at once: nothing to lower, and one fault more
        assert faults["lowered_settings"] == {}
        assert [f["fault"] for f in faults["faults"]] == list(RABBITMQ_FAULTS)
    assert faults["machine"]["cores"] >= 1


def test_every_fault_was_injected(faults: dict) -> None:
    by = {f["fault"]: f for f in faults["faults"]}
    assert all(k["killed"] for k in by["pool_kill"]["details"]["kills"])
    assert all(r["killed_pids"] >= 2 for r in by["worker_kill"]["details"]["rounds"])  # main and pool
    assert all(r["redis"]["restarted_by"] for r in by["redis_kill"]["details"]["rounds"])
    assert by["s3_down"]["details"]["killed_pids"] >= 1
    if "broker_restart" in by:
        assert by["broker_restart"]["submitted"] == 2
    assert all(j["transcribing_when_killed"] for f in ("pool_kill", "worker_kill", "redis_kill")
               for j in by[f]["jobs"])


def test_no_job_is_lost_stuck_or_out_of_order(faults: dict) -> None:
    for f in faults["faults"]:
        _every_job_ended_with_its_webhooks_in_order(f)


def _every_job_ended_with_its_webhooks_in_order(f: dict) -> None:
    name = f["fault"]
    assert f["submitted"] >= 1, name
    assert f["lost"] == 0 and f["stuck"] == 0, (name, f["jobs"])
    assert f["final_statuses"] == {"completed": f["submitted"]}, (name, f["jobs"])
    assert f["out_of_order"] == 0, (name, [j["webhooks"]["sequence"] for j in f["jobs"]])
    assert f["missing_final_webhook"] == [], name
    # at-least-once delivery: a webhook twice only with one event id a receiver can drop it by
    assert set(f["duplicate_event_ids"]) <= {"same"}, (name, f["duplicate_event_ids"])


def test_the_suite_stopped_its_stack(faults: dict) -> None:
    ports = faults["stack"]["ports"]
    used = [ports["redis"], ports["api"], ports["flower"], *weed_ports(ports["s3"]).values()]
    assert [p for p in used if not port_free(p)] == []
    assert faults["ok"] is (faults["failures"] == [])
