"""The embedded local stack: Redis, SeaweedFS S3, a Celery worker, the API and Flower.

Everything `up` starts is recorded under BLEEPER_HOME/run, so `down` stops exactly that.
`programs` finds the binaries and ports, `processes` starts, records and stops a process, and
`launcher` holds the `Stack` that brings the components up in order.
"""

from bleeper.stack.launcher import QUEUES, Stack
from bleeper.stack.processes import settings_env
from bleeper.stack.programs import Component, StackError, port_free, redis_server_exe, weed_exe, weed_ports

__all__ = ["QUEUES", "Component", "Stack", "StackError", "port_free", "redis_server_exe", "settings_env",
           "weed_exe", "weed_ports"]
