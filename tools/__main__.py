"""`python -m tools`: the development commands (demo, bench, eval-pii)."""

from tools.cli import app

app(prog_name="python -m tools")
