"""The fault suite (`bench/faults.py`, `make faults`; issue 14): a private local stack, the sample
call and a webhook receiver, and the faults an operator meets — a busy pool process killed, a whole
worker killed mid-transcription, Redis killed mid-job, the receiver refusing connections, S3 down —
each judged from outside the pipeline (API statuses, webhooks, process pids): jobs lost or stuck,
final statuses, duplicate and out-of-order webhooks, time from the fault to the end. On RabbitMQ
too (rabbitmq: a vhost of the suite's own, and the broker restarted).

Modules: stack (own home and ports, finding, killing and restarting components), jobs (submitting
and following jobs, the receiver, the file server), phases (the faults), report (verdicts, table),
run (the whole suite).
"""

from tools.faults.run import DEFAULT_OUT, RABBITMQ_OUT, run_faults

__all__ = ["DEFAULT_OUT", "RABBITMQ_OUT", "run_faults"]
