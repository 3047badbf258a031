"""The fault suite's private stack and the processes it kills: its own home and ports, default
settings (nothing inherited from the caller's BLEEPER_* but the model cache), and how each
component is found, killed with SIGKILL and brought back (by a supervisor if one does, else `up`)."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path
from typing import Any

from bleeper.stack import port_free
from tools.bench.environment import choose_ports, stack_env
from tools.bench.host import children

# Away from the developer stack, the test suite, tools/bench (47xxx, 43333: its SeaweedFS also takes
# s3 + 10008, 53341 and up) and bench/load.py (52xxx). The RabbitMQ run starts 500 above, so the two
# suites test_faults.py starts side by side never pick the same ports.
PORTS = {"redis": 41379, "s3": 41333, "api": 41000, "flower": 41555}
RABBITMQ_PORT_OFFSET = 500
PEERS = (41950, 41999)  # the receiver and the file server: the only private ports the stack may call
KEPT = ("BLEEPER_MODEL_CACHE",)  # where the models are, not how the pipeline behaves
SUPERVISOR_WAIT_S = 20  # how long a killed component is given to come back on its own


def fault_environment(home: Path, quick_overrides: dict[str, str], broker_url: str | None = None) -> dict[str, int]:
    """Point this process (and the stack it starts) at a home and ports of its own, with every
    other setting at its default (`quick_overrides` aside; `broker_url` a RabbitMQ vhost of the
    suite's own instead of the stack's Redis). Returns the ports."""
    ports = choose_ports({k: v + (RABBITMQ_PORT_OFFSET if broker_url else 0) for k, v in PORTS.items()})
    for var in [v for v in os.environ if v.startswith("BLEEPER_") and v not in KEPT]:
        del os.environ[var]
    os.environ.update({
        **stack_env(home, ports),
        "BLEEPER_ALLOWED_PRIVATE_HOSTS": f"127.0.0.1:{PEERS[0]}-{PEERS[1]}",
        **quick_overrides,
        **({"BLEEPER_BROKER_URL": broker_url} if broker_url else {}),
    })
    from bleeper.config import get_settings

    get_settings.cache_clear()
    return ports


def peer_port() -> int:
    """A free port on 127.0.0.1 inside PEERS (what BLEEPER_ALLOWED_PRIVATE_HOSTS lets through)."""
    # in random order: two suites side by side (test_faults.py runs one per broker) rarely race for one
    for port in random.sample(range(*PEERS), PEERS[1] - PEERS[0]):
        if port_free(port):
            return port
    raise RuntimeError(f"no free port in {PEERS}")


def alive(pid: int | None) -> bool:
    if pid is None:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def tree(pid: int) -> list[int]:
    """A process and all its descendants."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo += children(p)
    return found


def kill9(pids: list[int]) -> list[int]:
    killed = []
    for p in pids:
        try:
            os.kill(p, signal.SIGKILL)
            killed.append(p)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        for p in killed:  # our own children (the stack's main processes) are reaped here
            try:
                os.waitpid(p, os.WNOHANG)
            except ChildProcessError:
                pass
        if not any(alive(p) for p in killed):
            break
        time.sleep(0.05)
    return killed


def pause(pid: int | None) -> bool:
    """SIGSTOP a process (the supervisor, so an outage lasts as long as planned); whether it was."""
    if not alive(pid):
        return False
    os.kill(pid, signal.SIGSTOP)
    return True


def resume(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGCONT)
    except ProcessLookupError:
        pass


def processes_named(fragment: str) -> list[int]:
    """Live processes whose command line contains `fragment` (a worker name, a port)."""
    found = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit() and int(d.name) != os.getpid():
            try:
                cmd = (d / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if fragment in cmd and alive(int(d.name)):
                found.append(int(d.name))
    return found


def answers(stack: Any, name: str) -> bool:
    """The component is back in service (what `Stack.up` waits for), whoever started it."""
    comp = next(c for c in stack.components() if c.name == name)
    try:
        return bool(comp.ready())
    except Exception:  # noqa: BLE001 — not answering yet
        return False


def main_pids(stack: Any, name: str) -> list[int]:
    """The component's main process(es): the recorded pid, or any live process that is it."""
    pid = stack.pid(name)
    if pid is not None:
        return [pid]
    marker = {"worker": stack.worker_name, "redis": f"127.0.0.1:{stack.settings.redis_port}",
              "s3": f"-s3.port={stack.settings.s3_port}"}.get(name)
    if marker is None:
        return []
    found = processes_named(marker)
    return [p for p in found if not any(q in found for q in _ancestors(p))]


def _ancestors(pid: int) -> list[int]:
    out = []
    try:
        while (pid := int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])) > 1:
            out.append(pid)
    except (OSError, ValueError):
        pass
    return out


def kill_component(stack: Any, name: str) -> list[int]:
    """SIGKILL a component's main process and every process under it; the pids killed."""
    pids = [p for main in main_pids(stack, name) for p in tree(main)]
    return kill9(pids)


def bring_back(stack: Any, name: str, killed: list[int], wait_s: float = SUPERVISOR_WAIT_S,
               timeout: float = 180) -> dict[str, Any]:
    """Wait up to `wait_s` for a supervisor to restart the component; else `Stack.up()` (which
    starts what is missing). Returns who restarted it and when it answered (s after this call)."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < wait_s:
        back = [p for p in main_pids(stack, name) if p not in killed and alive(p)]
        if back and _until(lambda: answers(stack, name), timeout):
            return {"restarted_by": "supervisor", "new_pid_after_s": round(time.monotonic() - t0, 1),
                    "answering_after_s": round(time.monotonic() - t0, 1)}
        time.sleep(0.5)
    from bleeper.stack import StackError

    try:
        stack.up(timeout=timeout, echo=lambda _: None)
    except StackError as exc:  # a supervisor started it meanwhile (port taken): wait for it
        if not _until(lambda: answers(stack, name), timeout):
            raise
        return {"restarted_by": "supervisor", "note": str(exc)[:200],
                "answering_after_s": round(time.monotonic() - t0, 1)}
    return {"restarted_by": "suite (Stack.up)", "waited_for_supervisor_s": wait_s,
            "answering_after_s": round(time.monotonic() - t0, 1)}


def _until(check: Any, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.25)
    return False


def active_task(stack: Any, job_id: str, names: tuple[str, ...]) -> dict[str, Any] | None:
    """The task of `job_id` named one of `names` that the worker runs now (`celery inspect
    active`: public Celery, and it names the pool process in `worker_pid`)."""
    from celery import Celery

    probe = Celery(broker=stack.settings.celery_broker_url)
    try:
        replies = probe.control.inspect(timeout=1.0).active() or {}
    except Exception:  # noqa: BLE001 — broker or worker not answering
        return None
    finally:
        probe.close()
    for tasks in replies.values():
        for t in tasks or []:
            if t.get("name") in names and job_id in str(t.get("args")):
                return t
    return None


def wait_active(stack: Any, job_id: str, names: tuple[str, ...], timeout: float) -> dict[str, Any] | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (task := active_task(stack, job_id, names)) is not None:
            return task
        time.sleep(0.2)
    return None
