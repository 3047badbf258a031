"""The HTTP API: AssemblyAI's v2 transcript endpoints, served by FastAPI."""

from bleeper.api.app import create_app

__all__ = ["create_app"]
