"""The README's configuration table lists every setting with its default."""

from pathlib import Path

import pytest

from bleeper.config import Settings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_is_in_the_readme_table(name):
    assert f"`BLEEPER_{name.upper()}`" in README


def test_quick_start_names_the_two_commands():
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make demo" in quick and "make test" in quick
