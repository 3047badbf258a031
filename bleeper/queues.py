"""The pipeline's queues, which stage runs on which, and in what priority: named once, for the
workers that consume them, the metrics that count them and the stack that starts workers on them."""

from __future__ import annotations

# one queue per kind of work, so an operator can give each its own workers (docs: Operations).
# fetch has its own: slow downloads must not hold back finalize and the webhooks on io (issue 14)
QUEUES = ("io", "fetch", "asr", "nlp", "media")
STAGE_QUEUES = {
    "fetch": "fetch",
    "begin_text": "io",
    "transcribe": "asr",
    "transcribe_piece": "asr",
    "transcribe_join": "nlp",
    "detect": "nlp",
    "redact_text": "nlp",
    "redact_audio": "media",
    "verify": "asr",
    "verify_join": "nlp",
    "finalize": "io",
    "notify": "io",
    "sweep": "io",
    "reap": "io",
}
# With Redis, priority 0 is served first. Later stages go first, so a busy worker finishes the
# jobs it has started before it starts new ones: with 200 jobs queued at once, breadth-first
# order made every job wait for all the others (bench/load.py).
PRIORITY_STEPS = (0, 3, 6, 9)  # kombu keeps one Redis list per queue and step
STAGE_PRIORITY = {
    "fetch": 9, "begin_text": 9, "transcribe": 6, "transcribe_piece": 6, "transcribe_join": 3, "detect": 3, "redact_text": 3,
    "redact_audio": 3, "verify": 3, "verify_join": 3, "notify": 0, "finalize": 0, "sweep": 9, "reap": 0,
}
