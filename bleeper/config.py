"""The one settings object: every knob is a BLEEPER_* environment variable (README, Configuration)."""

from __future__ import annotations

import json
import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bleeper.egress import Guard
from bleeper.policies import min_scores

CREDENTIALS_FILE = "credentials.json"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BLEEPER_", extra="ignore")

    # where the local stack keeps data, logs, pids and generated credentials
    home: Path = Path(".bleeper")
    # `bleeper up` leaves a supervisor running that starts again a component that dies, 1 s later,
    # then twice as long each time it dies again within a minute, up to restart_backoff_max_s
    supervise: bool = True
    restart_backoff_max_s: float = 60.0

    # Redis (broker and job records); unset = the local stack's own server on redis_port
    redis_url: str | None = None
    redis_port: int = 16379
    # Celery's broker, when it is not that Redis: RabbitMQ (`amqp://user:pass@host:5672//`), which
    # hands a dead worker's tasks to another at once; job records and chord results stay in Redis
    broker_url: str | None = None

    # S3; unset endpoint = the local stack's SeaweedFS on s3_port (it also uses the next 8 ports
    # and s3_port + 18 for its admin gRPC)
    s3_endpoint_url: str | None = None
    s3_port: int = 18333
    s3_access_key: SecretStr | None = None
    s3_secret_key: SecretStr | None = None
    s3_public_url: str | None = None
    s3_bucket: str = "bleeper"
    s3_region: str = "us-east-1"

    # HTTP API
    api_host: str = "127.0.0.1"
    api_port: int = 18000
    public_url: str | None = None
    api_key: SecretStr | None = None

    # Flower
    flower_port: int = 15555
    flower_user: str = "bleeper"
    flower_password: SecretStr | None = None

    # worker
    worker_concurrency: int = 2
    # every task is short (a recording is transcribed in pieces), so the broker can redeliver a
    # lost worker's task within minutes: see visibility_timeout
    task_time_limit: int = 240
    # a stage whose process dies this many times for one job (a poison file) ends the job in error
    max_stage_attempts: int = 3
    # retries of a stage's transient error (S3 or Redis down, a download that failed), 2 s
    # doubling with jitter: 8 wait about four minutes in all, so an outage of a minute or two is
    # waited out (bench/faults.py: with 5, jobs ended in error within 38 s of S3 going down for 60 s)
    stage_max_retries: int = 8
    # how long a new pool process may take to load Whisper and spaCy before Celery gives up on it
    # and forks another (Celery's worker_proc_alive_timeout, 4 s by default; 2-3 s measured on 2
    # idle cores, 3-6 s with both busy)
    worker_start_timeout_s: float = 60.0
    log_level: str = "INFO"
    log_format: Literal["json", "text"] = "json"

    # fetch
    allow_private_urls: bool = False
    # private hosts that may be reached anyway: "host", "host:port" or "host:lo-hi", comma-separated
    allowed_private_hosts: str = ""
    max_file_bytes: int = 512 * 1024 * 1024
    max_duration_s: float = 4 * 3600
    fetch_timeout_s: float = 30.0
    fetch_deadline_s: float = 180.0  # under the fetch task's soft limit

    # transcription
    whisper_model: str = "base"
    whisper_device: str = "cpu"
    whisper_compute_type: str = "int8"
    # a recording is transcribed in pieces of about this many seconds, each a task of its own
    # (workers/pieces.py): a lost worker loses one piece; at least 30 (a cut looks for the
    # quietest moment in the last 20 s of a piece)
    asr_piece_s: int = Field(300, ge=30)
    whisper_cpu_threads: int = 0
    whisper_beam_size: int = 5
    model_cache: Path = Path.home() / ".cache" / "bleeper"

    # streaming, GET /v3/ws (README, Streaming): per process; the model defaults to whisper_model
    stream_whisper_model: str | None = None
    stream_max_sessions: int = Field(4, ge=1)
    stream_max_session_s: int = Field(10800, ge=60)  # AssemblyAI's limit: 3 hours
    # 3007 when audio arrives faster than real time; off for tests and batch-like clients
    stream_realtime_check: bool = True
    # a final turn whose end could run on into a value waits for this much of the audio after it
    stream_holdback_ms: int = Field(1500, ge=0, le=10_000)
    stream_max_turn_s: float = Field(15.0, ge=5, le=28)  # one Whisper window, with room for padding
    stream_partial_interval_ms: int = Field(500, ge=100)
    stream_beam_size: int = Field(1, ge=1)
    stream_asr_workers: int = Field(1, ge=1)  # Whisper decodes that run at once in one process
    stream_port: int = 18001  # `bleeper stream`: a process with only the streaming routes

    # detection: lowest score redacted, per policy group ("0.3" or "0.3,identity=0.35"; README)
    detect_min_score: str = "0.3"
    # seconds each custom entity's phrases or pattern may take to search one transcript; over it the
    # job ends in error (never delivered with that entity unsearched)
    custom_pattern_timeout: float = Field(default=2.0, gt=0)

    # audio redaction
    # Whisper's word times are off by ~0.2 s on average, 0.46 s at p90 at the start of a word, and
    # base ends words ~0.2 s early (shared/notes/asr-and-detection.md)
    audio_padding_before_ms: int = 500
    audio_padding_after_ms: int = 350
    beep_hz: int = 1000
    beep_volume: float = 0.3
    audio_method: Literal["beep", "silence"] = "beep"

    # webhooks
    webhook_timeout_s: float = 10.0
    webhook_max_attempts: int = 10
    webhook_backoff_s: float = 2.0
    webhook_backoff_max_s: float = 600.0
    webhook_secret: SecretStr | None = None

    # artifacts
    presign_ttl: int = 1800
    retention: int = 24 * 3600
    sweep_interval_s: int = 300

    # the reaper (workers/reap.py, Celery beat): stranded jobs republished or ended in error
    reap_interval_s: int = 60
    reap_queued_after_s: int = 120  # a job whose chain never reached the broker is republished after this
    reap_grace_s: int = 600  # processing with no stage started for the visibility timeout + this: error

    # --- derived values -------------------------------------------------------------------------

    @property
    def home_dir(self) -> Path:
        return self.home.expanduser().resolve()

    @property
    def redis_address(self) -> str:
        """The Redis URL, as redis-py reads it (job store, keys, metrics, the chords' results)."""
        return self.redis_url or f"redis://127.0.0.1:{self.redis_port}/0"

    @property
    def celery_redis_url(self) -> str:
        """The same Redis for Celery (result backend, and broker by default): kombu spells a
        unix socket redis+socket://."""
        url = self.redis_address
        return "redis+socket://" + url.removeprefix("unix://") if url.startswith("unix://") else url

    @property
    def celery_broker_url(self) -> str:
        """Celery's broker: BLEEPER_BROKER_URL (RabbitMQ: amqp://…), else the Redis above."""
        return self.broker_url or self.celery_redis_url

    @property
    def broker_is_amqp(self) -> bool:
        return self.celery_broker_url.startswith(("amqp://", "amqps://", "pyamqp://"))

    @property
    def s3_url(self) -> str:
        return self.s3_endpoint_url or f"http://127.0.0.1:{self.s3_port}"

    @property
    def api_url(self) -> str:
        return (self.public_url or f"http://{self.api_host}:{self.api_port}").rstrip("/")

    @field_validator("detect_min_score")
    @classmethod
    def _readable_min_score(cls, value: str) -> str:
        min_scores(value)  # raises ValueError naming the problem
        return value

    @property
    def min_scores(self) -> dict[str, float]:
        """BLEEPER_DETECT_MIN_SCORE per policy group (bleeper.policies.GROUPS)."""
        return min_scores(self.detect_min_score)

    @property
    def egress_guard(self) -> Guard:
        """What fetch and webhooks may reach (bleeper/egress/)."""
        return Guard.of(self.allow_private_urls, self.allowed_private_hosts)

    @property
    def soft_time_limit(self) -> int:
        return max(self.task_time_limit - 60, self.task_time_limit * 9 // 10)

    @property
    def visibility_timeout(self) -> int:
        # Above the longest hard limit, or Redis redelivers a task that is still running
        # (shared/notes/local-stack.md: a 15 s task ran 3x with a 5 s timeout); with the default
        # limit a lost worker's task runs again on another within about 5 minutes.
        return self.task_time_limit + 30

    @property
    def stalled_after_s(self) -> int:
        """A processing job whose last stage started longer ago than this is stranded: a lost
        worker's task comes back after the visibility timeout, and a stage cannot run longer."""
        return self.visibility_timeout + self.reap_grace_s

    @property
    def stream_model(self) -> str:
        return self.stream_whisper_model or self.whisper_model

    @property
    def cpu_threads(self) -> int:
        # the cores this process may run on (a cpuset), not every core of the host
        return self.whisper_cpu_threads or min(4, len(os.sched_getaffinity(0)) or 1)

    def generated(self) -> dict[str, str]:
        """Credentials `bleeper up` generated under home; empty when none were."""
        path = self.home_dir / CREDENTIALS_FILE
        return json.loads(path.read_text()) if path.exists() else {}

    def s3_credentials(self) -> tuple[str, str]:
        gen = self.generated()
        access = self.s3_access_key.get_secret_value() if self.s3_access_key else gen.get("s3_access_key")
        secret = self.s3_secret_key.get_secret_value() if self.s3_secret_key else gen.get("s3_secret_key")
        if not access or not secret:
            raise RuntimeError(
                "no S3 credentials: set BLEEPER_S3_ACCESS_KEY and BLEEPER_S3_SECRET_KEY, "
                f"or run `bleeper up` to generate them under {self.home_dir}"
            )
        return access, secret

    def api_keys(self) -> set[str]:
        if self.api_key:
            return {self.api_key.get_secret_value()}
        key = self.generated().get("api_key")
        return {key} if key else set()

    def flower_auth(self) -> str:
        password = (
            self.flower_password.get_secret_value() if self.flower_password else self.generated().get("flower_password")
        )
        return f"{self.flower_user}:{password}"


def ensure_generated_credentials(settings: Settings) -> Path:
    """Create home/credentials.json once (0600) with fresh S3, API and Flower secrets."""
    path = settings.home_dir / CREDENTIALS_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        creds = {
            "s3_access_key": "BLEEPER" + secrets.token_hex(6).upper(),
            "s3_secret_key": secrets.token_urlsafe(30),
            "api_key": secrets.token_hex(16),
            "flower_password": secrets.token_urlsafe(12),
        }
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump(creds, f, indent=2)
    return path


@lru_cache
def get_settings() -> Settings:
    return Settings()
