"""The custom webhook header: a well-formed name and value bleeper may send as given, or a 400."""

from __future__ import annotations

import pytest

from bleeper.errors import InvalidRequest
from bleeper.headers import check_header


@pytest.mark.parametrize("name, value", [
    ("Authorization", "Bearer abc.def"),
    ("X-Api-Key", "k"),
    ("x-custom_header.v2", "a value\twith inside spaces"),
    ("A" * 256, "v" * 4096),
    ("!#$%&'*+-.^_`|~", "~"),
])
def test_a_well_formed_header_is_accepted(name, value):
    check_header(name, value)


@pytest.mark.parametrize("name", [
    "X-Auth\r\nX-Injected: 1", "X-Auth\n", "X-Auth\r", "X\x00Auth", "X Auth", "X-Auth:", "", "A" * 257,
    "Ünicode", "(comment)", "a/b",
])
def test_a_name_that_is_not_an_http_token_is_refused(name):
    with pytest.raises(InvalidRequest, match=r"^webhook_auth_header_name: expected an HTTP header name"):
        check_header(name, "v")


@pytest.mark.parametrize("name", [
    "Host", "content-length", "Transfer-Encoding", "CONNECTION", "Content-Type", "User-Agent", "Expect", "TE",
    "Trailer", "Upgrade", "Keep-Alive", "Proxy-Authorization", "proxy-anything", "X-Bleeper-Signature",
    "x-bleeper-timestamp", "X-Bleeper-Event-Id", "Content-Encoding",
])
def test_a_header_bleeper_or_the_http_client_sets_is_refused_whatever_its_case(name):
    with pytest.raises(InvalidRequest, match=r"^webhook_auth_header_name: this header is set by bleeper"):
        check_header(name, "v")


@pytest.mark.parametrize("value", [
    "secret\r\nX-Injected: 1", "secret\n", "secret\r", "sec\x00ret", "", " leading", "trailing ", "\ttab",
    "v" * 4097, "caf\u00e9", "\x7f",
])
def test_a_value_that_is_not_a_plain_field_value_is_refused(value):
    with pytest.raises(InvalidRequest, match=r"^webhook_auth_header_value: expected 1 to 4096 visible"):
        check_header("X-Api-Key", value)


def test_the_message_never_carries_the_submitted_text():
    for name, value in [("X-Secret-Name\n", "v"), ("X-Api-Key", "hunter2\r\n")]:
        with pytest.raises(InvalidRequest) as caught:
            check_header(name, value)
        assert "Secret-Name" not in caught.value.message and "hunter2" not in caught.value.message

