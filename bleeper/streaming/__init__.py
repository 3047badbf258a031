"""Streaming redaction: AssemblyAI's v3 streaming protocol over live audio, final turns redacted.

    protocol   the messages and close codes (checked against the official SDK's models)
    params     the query string and UpdateConfiguration, parsed and refused by name
    audio      frames of pcm_s16le / pcm_mulaw at any rate → 16 kHz float32; the real-time check
    vad        faster-whisper's Silero VAD, run frame by frame
    decoder    Whisper over one turn's audio
    window     the redaction window: detection over earlier and later turns, the hold-back
    session    one session: audio in, Turn messages out (synchronous, no framework)
    runtime    what a process shares: models loaded once, threads, the session count

The WebSocket route that serves it is a face (bleeper/api/routes/streaming.py).
"""

# the session and the runtime load Presidio, spaCy and Whisper's modules: imported from their own
# modules, so that the API can mount the route without loading them until a session opens
from bleeper.streaming.params import StreamParams, apply_update, parse_query
from bleeper.streaming.protocol import Close, ProtocolError

__all__ = ["Close", "ProtocolError", "StreamParams", "apply_update", "parse_query"]
