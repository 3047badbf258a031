"""`python -m tools bench` (`make bench`): what a whole job costs next to the bare Whisper pass it
is built around.

For each input file the bench alternates, in one process tree and on the same file:

- **bare ASR**: `bleeper.asr.transcribe_audio` in this process with a model loaded once by
  `bleeper.asr.load_model(settings.whisper_model, settings)`: the very calls, model,
  compute type, threads and beam size the worker uses;
- **job**: the full pipeline through a local stack the bench starts itself (own BLEEPER_HOME in
  a temp dir, own ports, one worker process): the file is uploaded with POST /v2/upload first
  (timed apart, as `upload_s`, and not counted: the issue's job is "submit over HTTP → completed
  webhook received"), then the clock runs from the POST /v2/transcript call (redact_pii and
  redact_pii_audio true) to the receipt of the `completed` webhook at a receiver in this process.

Both sides are warmed up first (one bare pass and one job on a 9 s clip) and run strictly
alternately (bare, job, bare, job, …), all files in each round, so a noisy neighbour hits both.
Stage timings come from the job record in Redis (`JobStore.get(id).stages`), which the API does
not show; the worker's peak RSS is VmHWM of its pool process(es), reset before each job.

Modules: inputs (the files), environment (own home and ports), host (memory, machine, versions),
timing (one bare pass, one job), summary (figures and tables), run (the whole bench).
"""

from tools.bench.environment import bench_environment, choose_ports
from tools.bench.errors import BenchError
from tools.bench.host import machine
from tools.bench.run import DEFAULT_OUT, run_bench
from tools.bench.summary import STAGES

__all__ = ["DEFAULT_OUT", "STAGES", "BenchError", "bench_environment", "choose_ports", "machine", "run_bench"]
