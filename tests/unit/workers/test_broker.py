"""The worker's broker connection survives Redis dying under it (workers/broker.py): what Celery's
consumer does on losing the broker — collect the connection, then close it — raises nothing that
is not a connection error, while a message is unacknowledged and the channel waits on BRPOP."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from kombu import Connection, Exchange, Queue
from kombu.common import ignore_errors

from bleeper.stack import redis_server_exe
from workers.broker import patch_redis_channel_close


@pytest.fixture
def doomed_redis(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """A Redis of this test's own (unix socket, no port), for the test to kill."""
    sock = tmp_path / "redis.sock"
    proc = subprocess.Popen([redis_server_exe(), "--port", "0", "--unixsocket", str(sock), "--save", "",
                             "--appendonly", "no", "--dir", str(tmp_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while True:
        try:
            if sock.exists() and redis.Redis(unix_socket_path=str(sock)).ping():
                break
        except redis.RedisError:
            pass
        assert proc.poll() is None and time.monotonic() < deadline, "redis-server did not start"
        time.sleep(0.05)
    yield f"redis+socket://{sock}", proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(10)


def test_losing_redis_while_waiting_on_brpop_leaves_a_connection_that_closes(doomed_redis) -> None:
    patch_redis_channel_close()  # as importing workers.app does
    url, server = doomed_redis
    conn = Connection(url, transport_options={"visibility_timeout": 3600})
    queue = Queue("q", routing_key="q")
    received: list = []
    with conn.Producer() as producer:
        producer.publish({"job": 1}, routing_key="q", declare=[queue])
    consumer = conn.Consumer([queue], callbacks=[lambda body, message: received.append(message)])
    consumer.consume()
    # a second channel with a fanout queue, as Celery's remote-control (pidbox) consumer has: its
    # close fails first once the server is gone, before the connection gets to the first channel
    control = conn.Consumer([Queue("ctl", Exchange("ctl", type="fanout"), auto_delete=True)], channel=conn.channel())
    control.consume()
    deadline = time.monotonic() + 5
    while not received and time.monotonic() < deadline:
        conn.drain_events(timeout=2)  # the message, left unacknowledged (acks_late)
    assert received and not received[0].acknowledged
    for _ in range(5):  # until nothing comes (the control channel's subscription replies first)
        try:
            conn.drain_events(timeout=0.3)
        except TimeoutError:
            break  # now the channel waits on BRPOP, as a worker's consumer does with a free process
    assert conn.default_channel._in_poll

    server.send_signal(signal.SIGKILL)
    server.wait(10)

    # celery.worker.consumer.Consumer.on_connection_error_after_connected, in order
    try:
        conn.collect(socket_timeout=1)
    except Exception:  # noqa: BLE001 — Celery ignores anything here too
        pass
    ignore_errors(conn, conn.close)  # kombu 5.7 unpatched: AttributeError ('hostname' of None)
