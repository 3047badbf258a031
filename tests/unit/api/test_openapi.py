"""The published OpenAPI document is the one the API serves."""

import json

from bleeper.api.openapi import OUT, document


def test_docs_openapi_json_is_current():
    assert json.loads(OUT.read_text()) == json.loads(json.dumps(document(), sort_keys=True)), (
        "run `python -m bleeper.api.openapi` and commit docs/openapi.json"
    )


def test_the_assemblyai_endpoints_are_documented():
    paths = document()["paths"]
    for path in ["/v2/upload", "/v2/transcript", "/v2/transcript/{transcript_id}",
                 "/v2/transcript/{transcript_id}/redacted-audio", "/v2/transcript/{transcript_id}/sentences",
                 "/v2/transcript/{transcript_id}/paragraphs", "/v2/transcript/{transcript_id}/srt",
                 "/v2/transcript/{transcript_id}/vtt"]:
        assert path in paths
