"""`bleeper keys create|list|revoke --symbl`: an app id and secret shown once, listed without the
secret, revoked by id."""

from __future__ import annotations

import re

import pytest
import redis
from typer.testing import CliRunner

from bleeper import cli
from bleeper.config import Settings
from bleeper.state.symbl_apps import make_symbl_apps


@pytest.fixture
def settings(redis_url: str, monkeypatch: pytest.MonkeyPatch) -> Settings:
    redis.Redis.from_url(redis_url).flushdb()
    s = Settings(redis_url=redis_url)
    monkeypatch.setattr(cli, "get_settings", lambda: s)
    return s


def test_an_app_is_created_listed_without_its_secret_and_revoked(settings):
    made = CliRunner().invoke(cli.app, ["keys", "create", "--symbl", "--name", "crm"])
    found = dict(re.findall(r"^(appId|appSecret)=(\S+)$", made.output, re.M))
    apps = make_symbl_apps(settings)

    assert made.exit_code == 0 and apps.authenticate(found["appId"], found["appSecret"]) is not None
    listed = CliRunner().invoke(cli.app, ["keys", "list", "--symbl"], env={"COLUMNS": "200"})
    assert found["appId"] in listed.output and found["appSecret"] not in listed.output and "active" in listed.output
    revoked = CliRunner().invoke(cli.app, ["keys", "revoke", "--symbl", found["appId"]])
    assert revoked.exit_code == 0 and apps.authenticate(found["appId"], found["appSecret"]) is None
    assert CliRunner().invoke(cli.app, ["keys", "revoke", "--symbl", "nope"]).exit_code == 1
