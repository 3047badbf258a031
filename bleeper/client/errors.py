"""What the client raises. Never the text of a transcript, never a signed URL.

    SubmitError          the batch cannot start (no inputs, no key, API unreachable): nothing was sent
    JobFailed            one input or request failed; the message is the server's or names the step
     └── Unreachable     a network error or a 5xx: polling goes on through a short outage
"""

from __future__ import annotations


class SubmitError(Exception):
    """The batch cannot start (no inputs, no key, API unreachable): nothing was submitted."""


class JobFailed(Exception):
    """One input failed; the message is the server's or names the step, never text or signed URLs.

    From an HTTP answer, `status_code` and `detail` (the server's `error`, else the reason phrase)
    are kept apart too, for a caller that words its own message."""

    def __init__(self, message: str, status_code: int | None = None, detail: str | None = None) -> None:
        super().__init__(message)
        self.status_code, self.detail = status_code, detail


class Unreachable(JobFailed):
    """A network error or a 5xx: polling goes on through a short outage (an API restart)."""
