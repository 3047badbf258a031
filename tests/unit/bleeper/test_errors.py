"""The error tree: every class mapped once to an HTTP status and a retry decision, as drawn."""

from __future__ import annotations

import pickle
import re

import pytest

from bleeper import errors
from bleeper.errors import BleeperError, TransientError, user_message


def _all_subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_all_subclasses(sub))
    return found


ERRORS = _all_subclasses(BleeperError)
ERROR_IDS = [cls.__name__ for cls in ERRORS]


def _drawn_tree() -> dict[str, tuple[str | None, int | None]]:
    """name -> (parent drawn above it, HTTP status written next to it) from the module docstring."""
    lines = errors.__doc__.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "BleeperError")
    drawn: dict[str, tuple[str | None, int | None]] = {}
    stack: list[tuple[int, str]] = []  # (column of the name, name)
    for line in lines[start:]:
        if not line.strip():
            break
        match = re.match(r"^([\s│├└─]*)(\w+)\s*(\d{3})?", line)
        assert match, f"unreadable tree line: {line!r}"
        column, name, status = len(match.group(1)), match.group(2), match.group(3)
        while stack and stack[-1][0] >= column:
            stack.pop()
        drawn[name] = (stack[-1][1] if stack else None, int(status) if status else None)
        stack.append((column, name))
    return drawn


DRAWN = _drawn_tree()


def test_the_tree_is_found_and_has_every_branch():
    assert {"BleeperError", "PermanentError", "TransientError", "Unauthorized"} <= DRAWN.keys()
    assert len(ERRORS) >= 18


@pytest.mark.parametrize("cls", ERRORS, ids=ERROR_IDS)
def test_every_error_declares_an_http_status(cls):
    assert isinstance(cls.http_status, int)
    assert 200 <= cls.http_status <= 599


@pytest.mark.parametrize("cls", ERRORS, ids=ERROR_IDS)
def test_an_error_is_retried_exactly_when_it_is_transient(cls):
    assert cls.retryable is issubclass(cls, TransientError)


@pytest.mark.parametrize("cls", _all_subclasses(TransientError), ids=lambda c: c.__name__)
def test_transient_errors_are_retryable_with_503(cls):
    assert cls.retryable is True
    assert cls.http_status == 503


@pytest.mark.parametrize("cls", ERRORS, ids=ERROR_IDS)
def test_every_error_is_drawn_under_its_real_parent(cls):
    assert cls.__name__ in DRAWN, "add the class to the tree in bleeper/errors.py's docstring"
    parent, _ = DRAWN[cls.__name__]
    assert parent == cls.__bases__[0].__name__


@pytest.mark.parametrize(
    "name,status", [(n, s) for n, (_, s) in DRAWN.items() if s is not None], ids=lambda v: str(v)
)
def test_the_drawn_http_status_is_the_one_the_class_declares(name, status):
    assert getattr(errors, name).http_status == status


@pytest.mark.parametrize("cls", ERRORS, ids=ERROR_IDS)
def test_user_message_is_our_own_message(cls):
    assert user_message(cls("set redact_pii_policies to known names")) == "set redact_pii_policies to known names"


@pytest.mark.parametrize(
    "exc",
    [
        ValueError("Sarah Jennings 610-265-1714"),
        KeyError("sarah.jennings@gmail.com"),
        RuntimeError("https://bucket.example/jobs/x?X-Amz-Signature=abc123"),
        OSError(2, "No such file", "/tmp/Sarah Jennings.mp3"),
    ],
    ids=["ValueError", "KeyError", "RuntimeError", "OSError"],
)
def test_user_message_for_a_foreign_exception_names_only_its_type(exc):
    message = user_message(exc)
    assert type(exc).__name__ in message
    for fragment in ("Sarah", "Jennings", "610", "1714", "gmail", "Signature", "abc123", "No such file"):
        assert fragment not in message


@pytest.mark.parametrize("cls", [errors.WebhookRejected, errors.WebhookUnavailable], ids=lambda c: c.__name__)
def test_webhook_errors_carry_the_receivers_status_code(cls):
    assert cls("receiver answered 503", 503).status_code == 503
    assert cls("receiver unreachable").status_code is None


@pytest.mark.parametrize("cls", ERRORS, ids=ERROR_IDS)
def test_every_error_survives_pickling_with_its_message(cls):
    # Celery moves exceptions between processes; a class that cannot be rebuilt from its args
    # turns into an unpickleable-exception wrapper and loses its type.
    again = pickle.loads(pickle.dumps(cls("the audio_url answered HTTP 404")))
    assert type(again) is cls
    assert user_message(again) == "the audio_url answered HTTP 404"
