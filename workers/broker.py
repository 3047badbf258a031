"""A patch to kombu's Redis transport so the worker lives through a Redis restart (issue 14).

kombu 5.7.0 (the newest release) closes a Redis channel that is waiting on BRPOP by first reading
BRPOP's reply (`Channel.close`: `if self._in_poll: self._brpop_read()`, kombu PR #1733, so a popped
message is not lost). When Redis itself is gone that read raises ConnectionError, and `close`
stops before it marks the channel closed. Celery's consumer, on losing the broker, then
`collect()`s the connection (which drops the transport's `client`) and `close()`s it again: the
second close reaches `restore_unacked`, which builds a connection pool from `client.hostname`,
and the worker dies with `Unrecoverable error: AttributeError("'NoneType' object has no attribute
'hostname'")` instead of reconnecting. It happens whenever a worker has a free pool process (so
its consumer sits in BRPOP) when Redis dies — with one process busy and one idle, every time.

The patch reads BRPOP's reply the same way but lets a connection error end the read (there is no
reply to read from a dead server), so `close` goes on, marks the channel closed, and the consumer
reconnects (`broker_connection_retry`, Celery's default). Unacknowledged messages stay in Redis's
unacked set and come back through the visibility timeout, as after any lost connection.
`tests/unit/workers/test_broker.py` reproduces the crash without the patch.
"""

from __future__ import annotations

import functools
from queue import Empty
from typing import Any

from kombu.transport import redis as kombu_redis

_PATCHED = "_bleeper_survives_a_dead_server"


def patch_redis_channel_close() -> None:
    """Install the patch on kombu's Redis `Channel.close` (idempotent)."""
    channel = kombu_redis.Channel
    original = channel.close
    if getattr(original, _PATCHED, False):
        return

    @functools.wraps(original)
    def close(self: Any) -> None:
        if getattr(self, "_in_poll", None) and not self.closed:
            try:
                self._brpop_read()  # what kombu does first, and it clears _in_poll
            except Empty:
                pass
            except self.connection_errors:
                pass  # the server is gone: nothing to read, the channel closes all the same
        original(self)

    setattr(close, _PATCHED, True)
    channel.close = close
