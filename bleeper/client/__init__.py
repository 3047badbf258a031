"""A client of the bleeper HTTP API: `http` (the one Client), `inputs` (what a batch reads and
writes on disk), `batch` (one job's flow and the pool), `display` (rich output)."""

from bleeper.client.batch import Options, Outcome, State, Substitution, run_batch, run_job
from bleeper.client.errors import JobFailed, SubmitError, Unreachable
from bleeper.client.http import Client, make_session, resolve_api
from bleeper.client.inputs import Input, collect_inputs, name_inputs

__all__ = ["Client", "Input", "JobFailed", "Options", "Outcome", "State", "SubmitError", "Substitution",
           "Unreachable", "collect_inputs", "make_session", "name_inputs", "resolve_api", "run_batch", "run_job"]
