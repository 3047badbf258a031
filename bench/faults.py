"""The fault suite: what becomes of jobs when parts of the stack die (issue 14).

    .venv/bin/python bench/faults.py [--quick] [--rabbitmq] [--out bench/faults.json]     (make faults)

Starts its own stack (own BLEEPER_HOME and ports, every other setting at its default), serves the
sample call from a local file server and sends webhooks to a local receiver, then: kill -9 of a
busy pool process ×10, of the whole worker mid-transcription ×3 (restarted), of Redis mid-job ×2
(only Redis restarted), the receiver refusing connections for 5 minutes, S3 down for a minute.
Writes bench/faults.json and prints a table; exits 1 if any job was lost, stuck, ended otherwise
than `completed`, or got webhooks out of order or duplicated without one event id.

--quick (CI: tests/integration/test_faults.py) does each fault once or twice with shorter outages
and lowers BLEEPER_TASK_TIME_LIMIT to 60 s (it says so), so a lost task returns within minutes.

--rabbitmq runs the same faults with the machine's RabbitMQ as the broker (a vhost of its own;
Redis keeps the job records) plus one more, RabbitMQ itself stopped and started; where no
RabbitMQ answers on 127.0.0.1:5672 it writes why it skipped and says so.
The suite lives in tools/faults/.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tools/ is not installed: it is imported from the repository


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the short version CI runs")
    parser.add_argument("--rabbitmq", action="store_true", help="the machine's RabbitMQ as the broker")
    parser.add_argument("--out", type=Path, default=None,
                        help="results JSON (default bench/faults.json, bench/faults_rabbitmq.json)")
    args = parser.parse_args()
    from rich.console import Console

    from tools.faults import DEFAULT_OUT, RABBITMQ_OUT, run_faults

    console = Console()
    if not console.is_terminal:  # CI and logs: the table whole, not squeezed into 80 columns
        console = Console(width=160)
    out = args.out or (RABBITMQ_OUT if args.rabbitmq else DEFAULT_OUT)
    return run_faults(args.quick, out, console, rabbitmq=args.rabbitmq)


if __name__ == "__main__":
    sys.exit(main())
