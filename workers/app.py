"""The Celery app, built from the worker's Settings, its reliability settings, and the stage
decorator every task goes through.

The worker's entry point (`celery -A workers.app worker`, `bleeper up`, compose) reads the
environment once, here; everything below gets those settings through `workers.context`. A process
that only sends jobs (the API) publishes with the broker URL of the settings it was given
(`workers.pipeline.submit`)."""

from __future__ import annotations

import functools
import logging
import sys
import time
from collections.abc import Callable
from typing import Any

from celery import Celery, Task
from celery.canvas import Signature
from celery.exceptions import Retry, SoftTimeLimitExceeded, TaskPredicate
from celery.signals import before_task_publish, celeryd_after_setup, setup_logging, worker_process_init

import bleeper  # noqa: F401  (privacy switches before any model library loads)
from bleeper import logs
from bleeper.config import Settings, get_settings
from bleeper.errors import BleeperError, InternalError, MediaError, TransientError, user_message
from bleeper.queues import PRIORITY_STEPS, QUEUES, STAGE_PRIORITY, STAGE_QUEUES
from workers import context, guard
from workers.broker import patch_redis_channel_close

log = logging.getLogger("bleeper.worker")


def _without_chain(exc: BaseException) -> BaseException:
    exc.__cause__ = exc.__context__ = None
    exc.__suppress_context__ = True
    return exc


def _safe_retry(retry: Retry) -> Retry:
    # The task-retried event carries repr(retry.exc) and the traceback of the Retry, chain and all.
    cause = retry.exc
    if cause is not None and not isinstance(cause, BleeperError):
        cause = InternalError(user_message(cause))
    return Retry(exc=_without_chain(cause) if cause is not None else None, when=retry.when,
                 is_eager=retry.is_eager, sig=retry.sig)


class SafeTask(Task):
    """Every bleeper task: what Celery records of a failure holds no foreign exception's text.

    Celery formats the exception a task raises, with its whole chain of causes and contexts, into
    the task-failed and task-retried events (Flower shows them) and the worker log. Our own errors
    hold no values (errors.py), so they go out as they are but without their chain (`raise
    FetchUnavailable(...) from exc` would show a requests error quoting the audio URL, query and
    all); anything else becomes InternalError naming only its type, its frames logged here.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().__call__(*args, **kwargs)
        except Retry as exc:
            safe: BaseException = _safe_retry(exc)
        except (BleeperError, TaskPredicate, SoftTimeLimitExceeded) as exc:
            safe = exc
        except Exception as exc:  # noqa: BLE001 — a bug: keep the frames, drop the message
            log.error("%s%s raised %s", self.name, f" (job {args[0]})" if args else "", type(exc).__name__,
                      exc_info=exc)
            safe = InternalError(user_message(exc))
        # raised outside the except blocks, so Python chains nothing to it either
        raise _without_chain(safe) from None


def create_app(settings: Settings) -> Celery:
    """The Celery app for `settings`; the tasks' collaborators (workers.context) use them too."""
    context.configure(settings)
    celery = Celery(
        "bleeper",
        task_cls=SafeTask,
        broker=settings.celery_broker_url,
        # by name: the stages and the notify task register themselves when the worker imports them
        include=[
            "workers.fetch",
            "workers.text",
            "workers.transcribe",
            "workers.pieces",
            "workers.detect",
            "workers.redact_text",
            "workers.redact_audio",
            "workers.finalize",
            "workers.verify",
            "workers.sweep",
            "workers.reap",
            "webhooks.tasks",
        ],
    )
    celery.conf.update(_conf(settings))
    return celery


def _conf(settings: Settings) -> dict[str, Any]:
    return dict(
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,  # job state lives in our own record, not in a result backend
        # ... except for the chord that joins a transcription's pieces, which counts its pieces'
        # results (job ids only) in the same Redis
        result_backend=settings.celery_redis_url,
        result_expires=3600,
        task_acks_late=True,  # stages are idempotent, so a lost worker's task is simply run again
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_time_limit=settings.task_time_limit,
        task_soft_time_limit=settings.soft_time_limit,
        task_default_queue="io",
        task_routes={f"bleeper.{stage}": {"queue": q} for stage, q in STAGE_QUEUES.items()},
        task_send_sent_event=True,
        worker_send_task_events=True,
        broker_connection_retry_on_startup=True,
        # publishing the chain's next step waits out a broker restart (kombu's default gives up
        # after 3 tries within a second or so, and the step is lost)
        task_publish_retry_policy={"max_retries": 30, "interval_start": 0.5, "interval_step": 1,
                                   "interval_max": 5},
        # pool processes load the models before they report up (_load_models)
        worker_proc_alive_timeout=settings.worker_start_timeout_s,
        # RabbitMQ: queues declared with priorities (it redelivers a dead worker's tasks at once, so
        # there is no visibility timeout); Redis: the timeout and kombu's priority lists
        **({"task_queue_max_priority": PRIORITY_STEPS[-1], "task_default_priority": 0} if settings.broker_is_amqp
           else {"broker_transport_options": {
               "visibility_timeout": settings.visibility_timeout,
               # sweep for abandoned messages every 10 s instead of every ~100 s (kombu 5.7 default)
               "unacked_restore_interval": 10,
               "unacked_restore_throttle": 1,
               "priority_steps": list(PRIORITY_STEPS),
               "queue_order_strategy": "priority",
           }}),
        beat_schedule={
            "retention-sweep": {"task": "bleeper.sweep", "schedule": float(settings.sweep_interval_s)},
            "reaper": {"task": "bleeper.reap", "schedule": float(settings.reap_interval_s)},
        },
    )


patch_redis_channel_close()  # or a Redis restart kills the worker (workers/broker.py)
app = create_app(get_settings())


@before_task_publish.connect
def _priority_for_the_broker(properties: dict[str, Any] | None = None, **_: Any) -> None:
    """bleeper/queues.py gives priorities as Redis serves them (0 first); RabbitMQ serves the
    highest first, so there the number is turned over as the message is published."""
    if context.settings().broker_is_amqp and properties and properties.get("priority") is not None:
        properties["priority"] = PRIORITY_STEPS[-1] - properties["priority"]

_consumed_queues: set[str] = set(QUEUES)


@celeryd_after_setup.connect
def _remember_queues(sender: str, instance: Any, **_: Any) -> None:
    global _consumed_queues
    _consumed_queues = set(instance.app.amqp.queues.consume_from or QUEUES)


@setup_logging.connect
def _structured_logs(**_: Any) -> None:
    """With a receiver for this signal Celery configures no logging itself (worker and beat)."""
    logs.configure(context.settings().log_level, context.settings().log_format)


# Flower (`celery -A workers.app flower`) logs through tornado, which puts a handler printing
# whole tracebacks on the root logger once it has parsed Flower's options. Celery's command line
# has imported tornado.options (Flower's plugin) before it imports this module: ours goes back on
# right after each parse.
if "tornado.options" in sys.modules:
    sys.modules["tornado.options"].options.add_parse_callback(
        lambda: logs.configure(context.settings().log_level, context.settings().log_format))


@worker_process_init.connect
def _load_models(**_: Any) -> None:
    """Load the models this worker's queues need once per pool process, after fork."""
    context.reset()
    if "asr" in _consumed_queues:
        context.whisper()
    if "nlp" in _consumed_queues:
        context.analyzer()


class StageTask(SafeTask):
    """Retries transient errors with backoff; a final failure puts the job in `error`."""

    autoretry_for = (TransientError,)
    retry_backoff = 2
    retry_backoff_max = 300
    retry_jitter = True
    max_retries = context.settings().stage_max_retries  # BLEEPER_STAGE_MAX_RETRIES
    acks_late = True

    def on_failure(self, exc: BaseException, task_id: str, args: tuple, kwargs: dict, einfo: Any) -> None:
        job_id = args[0] if args else kwargs.get("job_id")
        stage = self.name.removeprefix("bleeper.")
        log.warning("job %s failed in %s: %s", job_id, stage, type(exc).__name__)
        if job_id:
            guard.fail(self, job_id, stage, user_message(exc))  # not if the job already finished


def stage(name: str, **task_options: Any) -> Callable[[Callable[..., Signature | None]], Task]:
    """Make `fn(job_id, *args)` the Celery task `bleeper.<name>`: timed, recorded, errors translated.

    The task takes and returns only the job id (and small arguments such as a piece's number), so
    a chain passes it along and neither the broker nor Flower ever sees transcript text. A stage
    that returns a signature is replaced by it (Celery's `replace`: a transcription fanned out
    into pieces), the rest of the chain following the replacement.
    """

    def decorate(fn: Callable[..., Signature | None]) -> Task:
        @app.task(name=f"bleeper.{name}", base=StageTask, bind=True, priority=STAGE_PRIORITY[name], **task_options)
        @functools.wraps(fn)
        def run(self: Task, job_id: str, *args: Any) -> str:
            logs.job_context.set({"job_id": job_id, "stage": name})
            attempt = ":".join([name, *map(str, args)])  # a piece of a stage counts on its own
            if not guard.admit(self, job_id, name, attempt):  # finished job, or a poison file
                return job_id
            context.job_store().progress.stage_started(job_id, name)  # the reaper's sign of life (workers/reap.py)
            started = time.perf_counter()
            log.info("job %s: %s started (attempt %d)", job_id, name, self.request.retries + 1)
            try:
                then = fn(job_id, *args)  # errors: SafeTask
            except SoftTimeLimitExceeded:
                raise MediaError(
                    f"the {name} stage ran over its {context.settings().soft_time_limit} s limit; "
                    "try a shorter file or raise BLEEPER_TASK_TIME_LIMIT"
                ) from None
            finally:
                guard.ended(job_id, attempt)
            elapsed = time.perf_counter() - started
            guard.patiently(lambda: context.job_store().record_stage(job_id, name, elapsed))
            try:
                context.job_store().metrics.stage(name, elapsed)
            except Exception:  # noqa: BLE001 — a figure lost is no reason to lose the work
                log.warning("job %s: %s's time not counted in the metrics", job_id, name)
            log.info("job %s: %s done in %.2f s", job_id, name, elapsed)
            if then is not None:
                raise self.replace(then)
            return job_id

        return run

    return decorate
