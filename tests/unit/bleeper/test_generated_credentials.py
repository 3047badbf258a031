"""`bleeper up` generates what is not set: a Symbl app and the originals key among them, added to
an older credentials.json without changing what it held."""

from __future__ import annotations

import base64
import json
import stat

from bleeper.config import Settings
from bleeper.credentials import ensure_generated_credentials


def test_a_fresh_home_gets_every_secret_private(tmp_path):
    settings = Settings(home=tmp_path)

    path = ensure_generated_credentials(settings)

    creds = json.loads(path.read_text())
    assert {"api_key", "symbl_app_id", "symbl_app_secret", "originals_key"} <= set(creds)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert settings.symbl_app() == (creds["symbl_app_id"], creds["symbl_app_secret"])
    assert len(settings.originals_key_bytes()) == 32


def test_an_older_file_keeps_its_secrets_and_gains_the_new_ones(tmp_path):
    (tmp_path / "credentials.json").write_text(json.dumps({"api_key": "kept", "s3_access_key": "A",
                                                           "s3_secret_key": "B", "flower_password": "C"}))

    creds = json.loads(ensure_generated_credentials(Settings(home=tmp_path)).read_text())

    assert creds["api_key"] == "kept" and creds["s3_access_key"] == "A" and "originals_key" in creds
    again = json.loads(ensure_generated_credentials(Settings(home=tmp_path)).read_text())
    assert again == creds


def test_settings_win_over_generated_ones(tmp_path):
    ensure_generated_credentials(Settings(home=tmp_path))
    key = base64.b64encode(b"k" * 32).decode()

    settings = Settings(home=tmp_path, symbl_app_id="mine", symbl_app_secret="s", originals_key=key)

    assert settings.symbl_app() == ("mine", "s") and settings.originals_key_bytes() == b"k" * 32
