"""The local stack's commands: its processes run with its own settings, and uvicorn logs no requests."""

from __future__ import annotations

from pydantic import SecretStr

from bleeper.config import Settings
from bleeper.stack import Stack, settings_env


def test_the_processes_a_stack_starts_get_its_settings(monkeypatch, tmp_path):
    mine = Settings(home=tmp_path, redis_port=36379, api_port=38000, log_format="text", log_level="DEBUG",
                    api_key=SecretStr("k"), allow_private_urls=True)
    env = settings_env(mine)
    assert env["BLEEPER_REDIS_URL"] is None  # unset in the child, whatever the caller's environment has
    monkeypatch.setenv("BLEEPER_REDIS_URL", "redis://elsewhere:6379/0")
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert Settings() == mine


def test_uvicorn_access_log_is_off_and_flower_has_basic_auth(tmp_path):
    comps = {c.name: c for c in Stack(Settings(home=tmp_path, flower_password=SecretStr("pw"))).components()}
    assert "--no-access-log" in comps["api"].argv
    assert comps["flower"].env == {"FLOWER_BASIC_AUTH": "bleeper:pw"}


def test_a_pid_record_being_written_or_cut_short_reads_as_no_process(tmp_path):
    """`bleeper status`, the supervisor and the fault suite read pid records while processes are
    started: an empty or half-written record is no running process, never a crash."""
    from bleeper.stack.processes import running_pid

    record = tmp_path / "worker.pid"
    for content in ("", '{"pid": 12', "not json"):
        record.write_text(content)
        assert running_pid(record) is None
    assert running_pid(tmp_path / "never-started.pid") is None


def test_a_started_process_is_recorded_whole_and_found_running(tmp_path):
    import sys

    from bleeper.stack.processes import running_pid, start, stop

    record = tmp_path / "sleeper.pid"
    proc = start([sys.executable, "-c", "import time; time.sleep(30)"], env={}, log_path=tmp_path / "log",
                 cwd=tmp_path, record=record)
    try:
        assert running_pid(record) == proc.pid
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no partial file left
    finally:
        stop(proc.pid, grace=5)
        proc.wait()
    assert running_pid(record) is None
