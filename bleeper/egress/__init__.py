"""The one way out: every URL bleeper fetches (audio_url) or posts to (webhooks) goes through here.

A URL is parsed once, with urllib3's parser (the one the HTTP client uses), and the request is
built from that parse, so what was checked is what is asked for. The host name is resolved once
(`resolve`, which tests replace), every address must be public (or on the operator's allow
list), and the connection goes to the address that was checked — a DNS answer that changes
between check and connect (rebinding) never reaches a private address. TLS still verifies the
certificate against the host name. Redirects are followed only where the caller allows, each
hop checked the same way; a download has a wall-clock deadline as well as per-read timeouts.

`guard` says which addresses may be reached, `urls` turns a URL into a checked `Target`, and
`client` sends the request to that target.
"""

from bleeper.egress.client import DEADLINE, Response, TooManyRedirects, Unreachable, request
from bleeper.egress.guard import Address, Guard, is_public
from bleeper.egress.urls import Target, check, resolve

__all__ = ["DEADLINE", "Address", "Guard", "Response", "Target", "TooManyRedirects", "Unreachable", "check",
           "is_public", "request", "resolve"]
