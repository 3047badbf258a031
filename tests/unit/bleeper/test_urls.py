"""Which URLs bleeper may fetch from or post to: http(s) to public addresses unless allowed."""

from __future__ import annotations

import socket

import pytest

from bleeper.errors import ForbiddenURL, InvalidRequest
from bleeper.urls import check_url


@pytest.fixture
def numeric_hosts_only(monkeypatch):
    """Resolution without DNS: a host name fails as if there were no resolver at all."""
    real = socket.getaddrinfo

    def numeric(host, port, family=0, type=0, proto=0, flags=0):
        return real(host, port, family, type, proto, flags | socket.AI_NUMERICHOST)

    monkeypatch.setattr(socket, "getaddrinfo", numeric)


@pytest.mark.parametrize(
    "url",
    ["ftp://example.com/call.mp3", "file:///etc/passwd", "example.com/call.mp3", "gopher://example.com/", "data:audio/wav;base64,AAAA"],
)
@pytest.mark.parametrize("allow_private", [False, True])
def test_only_http_and_https_urls_are_accepted(url, allow_private):
    with pytest.raises(ForbiddenURL, match="http or https"):
        check_url(url, allow_private=allow_private)


PRIVATE = [
    "http://127.0.0.1/call.mp3",
    "http://localhost:8080/call.mp3",
    "http://10.0.0.5/call.mp3",
    "http://172.16.3.4/call.mp3",
    "http://192.168.1.1/call.mp3",
    "http://169.254.169.254/latest/meta-data/",
    "http://0.0.0.0/",
    "http://100.64.0.1/",
    "http://[::1]/",
    "http://[fe80::1]/",
    "http://[fd00::5]/",
    "http://[::ffff:127.0.0.1]/",
    "https://2130706433/",  # 127.0.0.1 as one decimal number
]


@pytest.mark.parametrize("url", PRIVATE)
def test_private_loopback_and_link_local_addresses_are_refused(url):
    with pytest.raises(ForbiddenURL, match="private, loopback or link-local"):
        check_url(url, allow_private=False)


@pytest.mark.parametrize("url", PRIVATE)
def test_private_addresses_are_allowed_when_the_operator_says_so(url):
    check_url(url, allow_private=True)


@pytest.mark.parametrize(
    "url", ["http://93.184.215.14/x", "https://93.184.215.14:8443/call.mp3?sig=1", "http://[2606:4700:4700::1111]/x"]
)
def test_a_public_ip_literal_passes_without_dns(url, numeric_hosts_only):
    check_url(url, allow_private=False)


def test_a_name_that_cannot_be_resolved_is_refused(numeric_hosts_only):
    with pytest.raises(ForbiddenURL, match="could not be resolved"):
        check_url("https://calls.example.com/a.mp3", allow_private=False)


def test_the_message_names_the_field_being_checked():
    with pytest.raises(ForbiddenURL, match="^webhook_url"):
        check_url("http://127.0.0.1/hook", allow_private=False, what="webhook_url")


@pytest.mark.parametrize("url", ["http://", "https:///path-only"])
def test_a_url_without_a_host_is_an_invalid_request(url):
    with pytest.raises(InvalidRequest, match="no host"):
        check_url(url, allow_private=True)


@pytest.mark.parametrize("url", ["http://93.184.215.14:99999/", "http://93.184.215.14:port/"])
def test_a_url_with_a_bad_port_is_refused(url):
    with pytest.raises(ForbiddenURL):
        check_url(url, allow_private=False)
