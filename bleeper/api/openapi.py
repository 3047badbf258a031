"""Write the API's OpenAPI document (FastAPI's) to docs/openapi.json: `python -m bleeper.api.openapi`."""

from __future__ import annotations

import json
from pathlib import Path

from bleeper.config import Settings

OUT = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def document() -> dict:
    from bleeper.api.app import create_app

    # placeholder credentials: building the schema opens no connection
    settings = Settings(s3_access_key="schema", s3_secret_key="schema", api_key="schema")
    return create_app(settings).openapi()


def main() -> None:
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(document(), indent=2, sort_keys=True) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
