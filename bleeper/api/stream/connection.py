"""One `GET /v3/ws` connection: who it is, its parameters, then the session until it ends.

Two tasks per connection: the reader takes frames off the socket as they come (so pings are
answered and the audio's pace is checked against the wall clock), the worker feeds them to the
session one at a time in the runtime's thread pool (Whisper and the detector never run on the
event loop) and sends what comes out. A refusal or failure is an `Error` message, then a close
with its code (AssemblyAI's); `Terminate` is answered with the last final turns, `Termination`
and a close 1000.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from typing import Any

from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from bleeper.errors import BleeperError
from bleeper.models import CustomEntity
from bleeper.streaming import protocol
from bleeper.streaming.audio import AudioInput, RateCheck
from bleeper.streaming.params import StreamParams
from bleeper.streaming.protocol import Close, ProtocolError
from bleeper.streaming.recording import Recording

log = logging.getLogger("bleeper.streaming")
# with the real-time check on, a client is at most a few seconds ahead; more queued than this means
# this process cannot keep up (too many sessions for its cores)
MAX_BACKLOG_MS = 30_000


async def refuse(ws: WebSocket, exc: ProtocolError) -> None:
    try:
        await ws.send_text(protocol.error(exc))
        await ws.close(int(exc.code), exc.message.encode()[:120].decode(errors="ignore"))  # a reason is ≤ 123 bytes
    except (WebSocketDisconnect, RuntimeError):
        pass


class Connection:
    def __init__(self, ws: WebSocket, params: StreamParams, owner: str, max_session_s: int,
                 job_extras: dict[str, bool] | None = None, custom: list[CustomEntity] | None = None) -> None:
        self.ws = ws
        self.state = ws.app.state
        self.runtime = self.state.stream_runtime
        self.params = params
        self.owner = owner
        self.id = uuid.uuid4().hex
        self.started = time.monotonic()
        self.deadline = self.started + max_session_s
        self.last_heard = self.started
        self.inbox: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        self.backlog_ms = 0.0
        self.recording = Recording(params.sample_rate) if params.redact_pii_audio else None
        self.closed_with: int | None = None
        self.job_extras = job_extras or {}  # the account's keep_unredacted and verify, for the job
        self.custom = custom or []  # the account's own entity types: the session's and its job's

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        expires = int(time.time() + (self.deadline - self.started))
        await self.ws.send_text(protocol.dump(protocol.BeginOut(id=self.id, expires_at=expires)))
        reader = asyncio.create_task(self._read())
        try:
            if not self.runtime.loaded:  # the API's first session: models load now, audio queues meanwhile
                await loop.run_in_executor(self.runtime.pool, self.runtime.load)
            session = self.runtime.session(self.params, self.recording.write if self.recording else None,
                                           custom=self.custom)
            await self._serve(session)
        except ProtocolError as exc:
            await self._end_with_error(exc)
        except (WebSocketDisconnect, RuntimeError):  # the client went away while we were sending
            self.closed_with = self.closed_with or 1006
        except Exception as exc:  # noqa: BLE001 — a bug: the client hears its type, the log its frames
            log.error("stream session %s failed", self.id, exc_info=exc)
            await self._end_with_error(ProtocolError(Close.server_error, f"internal error ({type(exc).__name__}); "
                                                                         f"the operator's log has session {self.id}"))
        finally:
            reader.cancel()
            if self.recording is not None:  # no Termination was sent: the client went away or was refused
                await self._hand_off()  # mid-call; its audio still goes to the pipeline (webhooks tell when)
            log.info("stream session %s ended: close %s after %.1f s", self.id, self.closed_with,
                     time.monotonic() - self.started)

    async def _serve(self, session: Any) -> None:
        loop = asyncio.get_running_loop()

        async def call(fn: Any, *args: Any) -> list[str]:
            try:
                return await loop.run_in_executor(self.runtime.pool, fn, *args)
            except BleeperError as exc:  # DetectionFailed: nothing unchecked is sent
                raise ProtocolError(Close.server_error, exc.message) from None

        while True:
            kind, body = await self._next()
            if kind == "audio":
                self.backlog_ms -= body[1]
                out = await call(session.feed, body[0])
            elif kind == "ForceEndpoint":
                out = await call(session.force_endpoint)
            elif kind == "UpdateConfiguration":
                out = await call(_update, session, body)
            elif kind in ("Terminate", "inactive"):
                out = await call(session.finish)
                await self._send(out)
                await self._terminate(session)
                return
            elif kind == "gone":
                self.closed_with = 1001
                return
            else:  # "error" from the reader
                raise body
            await self._send(out)

    async def _next(self) -> tuple[str, Any]:
        """The next thing to do: a client message, or the session's time running out."""
        while True:
            now = time.monotonic()
            if now >= self.deadline:
                raise ProtocolError(Close.too_long, "the session reached its maximum duration; open a new one "
                                                    "to go on")
            wait = self.deadline - now
            timeout = self.params.inactivity_timeout
            if timeout is not None:
                idle = self.last_heard + timeout - now
                if idle <= 0:
                    return "inactive", None
                wait = min(wait, idle)
            try:
                return await asyncio.wait_for(self.inbox.get(), timeout=wait)
            except asyncio.TimeoutError:
                continue

    async def _read(self) -> None:
        audio = AudioInput(self.params.encoding, self.params.sample_rate)
        rate = RateCheck(self.state.settings.stream_realtime_check)
        try:
            while True:
                message = await self.ws.receive()
                if message["type"] == "websocket.disconnect":
                    break
                if message.get("bytes") is not None:
                    data = message["bytes"]
                    frame_ms = audio.frame_ms(data)
                    rate.check(frame_ms)
                    self.backlog_ms += frame_ms
                    if rate.realtime and self.backlog_ms > MAX_BACKLOG_MS:
                        raise ProtocolError(Close.server_error, "the server cannot keep up with this session's audio "
                                                                "(too many sessions for its cores); try again")
                    self.last_heard = time.monotonic()
                    await self.inbox.put(("audio", (data, frame_ms)))
                elif message.get("text") is not None:
                    kind, body = protocol.parse_client_message(message["text"])
                    self.last_heard = time.monotonic()
                    if kind != "KeepAlive":
                        await self.inbox.put((kind, body))
                    if kind == "Terminate":
                        return
        except ProtocolError as exc:
            await self.inbox.put(("error", exc))
            return
        except (WebSocketDisconnect, RuntimeError):
            pass
        await self.inbox.put(("gone", None))

    async def _send(self, messages: list[str]) -> None:
        for text in messages:
            await self.ws.send_text(text)

    async def _terminate(self, session: Any) -> None:
        done = protocol.TerminationOut(audio_duration_seconds=int(round(session.audio_ms / 1000)),
                                       session_duration_seconds=int(round(time.monotonic() - self.started)))
        if self.recording is not None:
            done.transcript_id, done.redacted_audio_error = await self._hand_off()
        await self.ws.send_text(protocol.dump(done))
        self.closed_with = Close.normal
        await self.ws.close(Close.normal)
        log.info("stream session %s: %d turns, %d values redacted, %.1f s of audio", self.id, session.turns_sent,
                 session.values_redacted, session.audio_ms / 1000)

    async def _hand_off(self) -> tuple[str | None, str | None]:
        from bleeper.api.stream.handoff import hand_off

        recording, self.recording = self.recording, None
        if recording is None or not recording.samples:
            if recording is not None:
                recording.discard()
            return None, "no audio was received, so there is nothing to redact"
        try:
            job_id = await asyncio.get_running_loop().run_in_executor(
                None, hand_off, recording, self.params, self.owner, self.state, self.job_extras, self.custom)
        except Exception as exc:  # noqa: BLE001 — S3 or Redis down: the turns were sent; say so, log the type
            log.error("stream session %s: handing its audio to the pipeline failed", self.id, exc_info=exc)
            recording.discard()
            return None, (f"the session's audio could not be handed to the pipeline ({type(exc).__name__}); "
                          "the operator's log has the details")
        return job_id, None

    async def _end_with_error(self, exc: ProtocolError) -> None:
        self.closed_with = int(exc.code)
        if self.ws.client_state == WebSocketState.CONNECTED:
            await refuse(self.ws, exc)


def _update(session: Any, body: dict) -> list[str]:
    session.update(body)
    return []
