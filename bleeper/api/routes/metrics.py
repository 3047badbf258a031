"""GET /metrics: the pipeline's figures in Prometheus' text format (no PII: counts and seconds)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from bleeper.state.metrics import RedisCollector

router = APIRouter(tags=["operations"])


@router.get("/metrics", response_class=Response)
def metrics(request: Request) -> Response:
    registry = CollectorRegistry()
    registry.register(RedisCollector(request.app.state.store.metrics))
    body = generate_latest(registry)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
