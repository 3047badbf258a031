"""Which custom HTTP header a client may have bleeper send: one rule for submit time and delivery time."""

from __future__ import annotations

import re

from bleeper.errors import InvalidRequest

MAX_NAME = 256
MAX_VALUE = 4096
# RFC 9110 §5.6.2: token = 1*tchar
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
# RFC 9110 §5.5: visible ASCII, with spaces and tabs only between visible characters (no CR, LF, NUL)
_VALUE = re.compile(r"[\x21-\x7e](?:[\x20-\x7e\t]*[\x21-\x7e])?")
# Headers that would change the request itself (framing, routing, body), and those bleeper sets:
# a client's header must not smuggle a second request, redirect it or forge a signature.
RESERVED = frozenset({
    "host", "content-length", "transfer-encoding", "connection", "content-type", "content-encoding",
    "user-agent", "expect", "te", "trailer", "upgrade", "keep-alive",
})
RESERVED_PREFIXES = ("proxy-", "x-bleeper-")  # Proxy-Authorization, …; X-Bleeper-Signature, -Timestamp, …


def check_header(name: str, value: str) -> None:
    """Raise InvalidRequest unless `name: value` is one well-formed header bleeper may send as given.

    The messages name the request fields (webhook_auth_header_name / _value), never the submitted text."""
    if not isinstance(name, str) or not 1 <= len(name) <= MAX_NAME or not _TOKEN.fullmatch(name):
        raise InvalidRequest(f"webhook_auth_header_name: expected an HTTP header name (1 to {MAX_NAME} letters, "
                             "digits or !#$%&'*+-.^_`|~; no spaces, colons or line breaks)")
    lowered = name.lower()
    if lowered in RESERVED or lowered.startswith(RESERVED_PREFIXES):
        raise InvalidRequest("webhook_auth_header_name: this header is set by bleeper or the HTTP client and "
                             "cannot be replaced; use another name (Authorization, X-Api-Key, …)")
    if not isinstance(value, str) or not 1 <= len(value) <= MAX_VALUE or not _VALUE.fullmatch(value):
        raise InvalidRequest(f"webhook_auth_header_value: expected 1 to {MAX_VALUE} visible ASCII characters "
                             "(spaces and tabs only between them; no line breaks or NUL)")
