"""Webhook delivery: signed POSTs, retried with backoff on network errors, timeouts and 5xx."""

from webhooks.deliver import deliver, sign

__all__ = ["deliver", "sign"]
