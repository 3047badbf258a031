"""The one error tree. Each class says once what it means for the job, the HTTP caller and Celery.

    BleeperError
    ├── PermanentError            job → error, no retry
    │   ├── InvalidRequest        400  bad option, unknown policy, malformed body
    │   ├── ForbiddenURL          400  non-http(s) scheme, private/loopback/link-local address
    │   ├── PayloadTooLarge       413  upload or fetched file over BLEEPER_MAX_FILE_BYTES
    │   ├── FetchFailed           400  the audio_url answered 4xx
    │   ├── MediaError            400  not audio/video, no audio stream, too long
    │   ├── NoSpeech                   the file decodes but nothing was said
    │   ├── ArtifactMissing       404  an S3 object a stage needs is gone
    │   ├── NotFound              404  no such job or upload (or not yours)
    │   ├── Gone                  410  the job's artifacts were deleted after retention
    │   ├── NotReady              202  asked for an artifact that is not produced yet
    │   ├── WebhookRejected            the receiver answered 4xx: final
    │   ├── StorageRefused        500  S3 refused the request (credentials, bucket policy)
    │   ├── DetectionFailed       500  a recognizer raised: the job stops, nothing is delivered as redacted
    │   └── InternalError         500  a bug; the message names only the exception type
    ├── Unauthorized              401  missing or wrong API key
    └── TransientError            Celery retries with backoff (autoretry_for)
        ├── StorageUnavailable         S3 unreachable or 5xx
        ├── FetchUnavailable           audio_url unreachable, timed out or 5xx
        └── WebhookUnavailable         receiver unreachable, timed out or 5xx

Messages are shown to users and stored on jobs: they say what to fix and never carry PII,
transcript text or signed URLs.
"""

from __future__ import annotations


class BleeperError(Exception):
    http_status: int = 500
    retryable: bool = False

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PermanentError(BleeperError):
    http_status = 400


class InvalidRequest(PermanentError):
    http_status = 400


class ForbiddenURL(PermanentError):
    http_status = 400


class PayloadTooLarge(PermanentError):
    http_status = 413


class FetchFailed(PermanentError):
    http_status = 400


class MediaError(PermanentError):
    http_status = 400


class NoSpeech(PermanentError):
    http_status = 400


class ArtifactMissing(PermanentError):
    http_status = 404


class NotFound(PermanentError):
    http_status = 404


class Gone(PermanentError):
    http_status = 410


class NotReady(PermanentError):
    http_status = 202


class WebhookRejected(PermanentError):
    http_status = 400

    def __init__(self, message: str, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


class StorageRefused(PermanentError):
    http_status = 500


class DetectionFailed(PermanentError):
    http_status = 500


class InternalError(PermanentError):
    http_status = 500


class Unauthorized(BleeperError):
    http_status = 401


class TransientError(BleeperError):
    http_status = 503
    retryable = True


class StorageUnavailable(TransientError):
    pass


class FetchUnavailable(TransientError):
    pass


class WebhookUnavailable(TransientError):
    def __init__(self, message: str, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


def user_message(exc: BaseException) -> str:
    """What a job in `error` says: our own message, or a generic one for anything unexpected."""
    if isinstance(exc, BleeperError):
        return exc.message
    # Foreign exception text can carry transcript fragments or URLs; never store it.
    return f"internal error ({type(exc).__name__}); the operator's worker log has the job id"
