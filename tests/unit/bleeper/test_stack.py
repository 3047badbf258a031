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
