"""The models and detectors make no network connection: no hub, no telemetry, no suffix list."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

PROBE = r"""
import json, sys
attempts = []
def hook(event, args):
    if event in ("socket.connect", "socket.getaddrinfo", "socket.sendto"):
        attempts.append([event, repr(args[1] if event == "socket.connect" else args[0])[:80]])
sys.addaudithook(hook)

from pathlib import Path
import bleeper
from bleeper.config import get_settings
from bleeper.models import Transcript
from bleeper.asr import load_model, transcribe_audio
from bleeper.detection import build_analyzer, detect_pii
from bleeper.redaction.text import redact_text
from bleeper import policies

model = load_model(sys.argv[2], get_settings())
transcript = transcribe_audio(Path(sys.argv[1]), model, language=None, beam_size=1)
analyzer = build_analyzer()
text = "Write to sarah.jennings@gmail.com or john dot lowry at outlook dot com, or visit https://example.org."
analyzer.analyze(text, language="en")
found = detect_pii(transcript, analyzer, policies.DEFAULT_POLICIES)
redact_text(transcript, found, "hash")
print(json.dumps({"attempts": attempts, "words": len(transcript.words)}))
"""


@pytest.mark.parametrize("model", ["base", "tiny.en"])
def test_transcribe_and_detect_try_no_connection(model, sample_call, tmp_path):
    out = subprocess.run([sys.executable, "-c", PROBE, str(sample_call), model], capture_output=True, text=True,
                         timeout=300, cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["words"] > 50
    assert report["attempts"] == [], report["attempts"]
