"""The one egress path: which URLs bleeper may reach, and that it reaches only what it checked.

Name resolution is replaced by a resolver the test controls (no network): `bleeper.egress.resolve`
is the one resolution a request makes.
"""

from __future__ import annotations

import ipaddress
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from bleeper import egress
from bleeper.egress import Guard, check
from bleeper.errors import FetchFailed, FetchUnavailable, ForbiddenURL, InvalidRequest
from workers.fetch import download

PUBLIC = "93.184.215.14"


@pytest.fixture
def dns(monkeypatch):
    """A resolver the test fills in: name -> list of answers (each call pops the next answer
    when a list of lists is given). Unknown names do not resolve."""
    answers: dict[str, list] = {}
    calls: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        if host not in answers:
            raise OSError("no such name")
        value = answers[host]
        if value and isinstance(value[0], list):
            return value.pop(0) if len(value) > 1 else value[0]
        return value

    monkeypatch.setattr(egress, "resolve", resolve)
    answers["calls"] = calls  # type: ignore[assignment]
    return answers


# --- what check() refuses -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["ftp://example.com/call.mp3", "file:///etc/passwd", "example.com/call.mp3", "gopher://example.com/",
            "data:audio/wav;base64,AAAA"])
@pytest.mark.parametrize("guard", [Guard(), Guard(allow_private=True)], ids=["strict", "allow-private"])
def test_only_http_and_https_urls_are_accepted(url, guard):
    with pytest.raises(ForbiddenURL, match="http or https"):
        check(url, guard)


PRIVATE = [
    "http://127.0.0.1/call.mp3", "http://10.0.0.5/call.mp3", "http://172.16.3.4/call.mp3",
    "http://192.168.1.1/call.mp3", "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0/",
    "http://100.64.0.1/", "http://224.0.0.1/", "http://[::1]/", "http://[fe80::1]/", "http://[fd00::5]/",
    "http://[::]/",
    # IPv6 spellings that carry a private IPv4 address
    "http://[::ffff:127.0.0.1]/",  # IPv4-mapped
    "http://[::ffff:a00:1]/",
    "http://[64:ff9b::7f00:1]/",  # NAT64 of 127.0.0.1
    "http://[64:ff9b::a9fe:a9fe]/",  # NAT64 of 169.254.169.254
    "http://[64:ff9b:1::a00:1]/",  # local-use NAT64
    "http://[2002:7f00:1::1]/",  # 6to4 of 127.0.0.1
    "http://[2002:c0a8:101::5]/",  # 6to4 of 192.168.1.1
    "http://[::127.0.0.1]/",  # IPv4-compatible
    "http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/",  # Teredo whose client is 10.0.0.1
]


@pytest.mark.parametrize("url", PRIVATE)
def test_private_loopback_and_link_local_addresses_are_refused(url):
    with pytest.raises(ForbiddenURL, match="private, loopback or link-local"):
        check(url, Guard())


@pytest.mark.parametrize("url", PRIVATE)
def test_private_addresses_are_allowed_when_the_operator_says_so(url):
    assert check(url, Guard(allow_private=True)).address


@pytest.mark.parametrize("url", [
    "http://2130706433/", "https://2130706433/", "http://0x7f000001/", "http://0x7f.1/", "http://127.1/",
    "http://0177.0.0.1/", "http://127.000.000.001/", "http://127.0.0.1./", "http://0/", "http://017700000001/",
    "http://1.2.3/", "http://93.184.215.014/",
])
def test_non_canonical_ip_spellings_are_refused(url, dns):
    with pytest.raises(ForbiddenURL, match="non-standard way"):
        check(url, Guard(allow_private=True))
    assert dns["calls"] == []  # refused before any resolution


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:18600\\@example.com/../health",  # urlsplit says example.com; urllib3 says 127.0.0.1
    "http://example.com\\@127.0.0.1/",
    "http://user:pass@example.com/call.mp3",
    "http://example.com@127.0.0.1/",
    "http://@example.com/",
    "http://exa\tmple.com/", "http://example.com/a b", "http://example.com/\r\nX-Injected: 1", "http://ex\x00ample.com/",
    "http://example.com/call.mp3\x7f",
])
def test_backslashes_userinfo_and_control_characters_are_refused(url, dns):
    dns["example.com"] = [PUBLIC]
    with pytest.raises((ForbiddenURL, InvalidRequest)):
        check(url, Guard())


def test_an_ipv6_zone_is_refused():
    with pytest.raises(ForbiddenURL, match="zone"):
        check("http://[fe80::1%25eth0]/", Guard(allow_private=True))


@pytest.mark.parametrize("answer", [["127.0.0.1"], ["10.0.0.7"], [PUBLIC, "192.168.0.4"], ["::1"],
                                    ["64:ff9b::c0a8:1"], ["::ffff:169.254.169.254"]])
def test_a_name_resolving_to_any_private_address_is_refused(dns, answer):
    dns["calls.example.com"] = answer
    with pytest.raises(ForbiddenURL, match="private"):
        check("https://calls.example.com/a.mp3", Guard())


def test_a_public_name_is_checked_once_and_the_checked_address_is_kept(dns):
    dns["calls.example.com"] = [PUBLIC]
    target = check("https://calls.example.com:8443/a/b.mp3?sig=1#frag", Guard())
    assert (target.address, target.host, target.port, target.path) == (PUBLIC, "calls.example.com", 8443,
                                                                        "/a/b.mp3?sig=1")
    assert target.host_header == "calls.example.com:8443"
    assert dns["calls"] == ["calls.example.com"]


@pytest.mark.parametrize("url", ["http://93.184.215.14/x", "https://93.184.215.14:8443/call.mp3?sig=1",
                                 "http://[2606:4700:4700::1111]/x", "http://[2002:5db8:d70e::1]/x"])
def test_a_public_ip_literal_passes_without_dns(url, dns):
    check(url, Guard())
    assert dns["calls"] == []


def test_a_name_that_cannot_be_resolved_is_refused(dns):
    with pytest.raises(ForbiddenURL, match="could not be resolved"):
        check("https://calls.example.com/a.mp3", Guard())


def test_the_message_names_the_field_and_never_the_url():
    with pytest.raises(ForbiddenURL) as caught:
        check("http://127.0.0.1/hook?caller=Lowry", Guard(), "webhook_url")
    assert caught.value.message.startswith("webhook_url") and "Lowry" not in caught.value.message


@pytest.mark.parametrize("url", ["http://", "https:///path-only"])
def test_a_url_without_a_host_is_an_invalid_request(url):
    with pytest.raises((InvalidRequest, ForbiddenURL)):
        check(url, Guard(allow_private=True))


@pytest.mark.parametrize("url", ["http://93.184.215.14:99999/", "http://93.184.215.14:port/"])
def test_a_url_with_a_bad_port_is_refused(url):
    with pytest.raises((InvalidRequest, ForbiddenURL)):
        check(url, Guard())


@pytest.mark.parametrize("allowed,url,ok", [
    ("127.0.0.1:29150", "http://127.0.0.1:29150/hook", True),
    ("127.0.0.1:29150", "http://127.0.0.1:29151/hook", False),
    ("127.0.0.1:29150", "http://10.0.0.1:29150/hook", False),
    ("127.0.0.1:29100-29199", "http://127.0.0.1:29199/hook", True),
    ("127.0.0.1:29100-29199", "http://127.0.0.1:28000/v2/transcript", False),
    ("10.0.0.8", "http://10.0.0.8:8080/a.mp3", True),
    ("[::1]:8080", "http://[::1]:8080/a.mp3", True),
    ("receiver.internal:443", "https://receiver.internal/hook", True),
])
def test_only_the_private_hosts_the_operator_listed_are_allowed(dns, allowed, url, ok):
    dns["receiver.internal"] = ["10.1.2.3"]
    guard = Guard.of(False, allowed)
    if ok:
        check(url, guard)
    else:
        with pytest.raises(ForbiddenURL):
            check(url, guard)


def test_a_bad_allow_list_entry_is_refused_when_settings_are_read():
    with pytest.raises(ValueError, match="ALLOWED_PRIVATE_HOSTS"):
        Guard.of(False, "127.0.0.1:abc")


# Whatever the spelling, nothing reaches a loopback address: with every name resolving to
# 127.0.0.1, check() accepts no URL at all, and it never fails any other way.
_URLISH = st.text(alphabet="htps:/\\@.%[]0123456789abcdefx:#?&=-_ \t\r\nABCDEFX", max_size=60)


@given(rest=_URLISH, scheme=st.sampled_from(["http://", "https://", "HTTP://", "http:/", "http:\\\\", ""]))
@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
def test_no_spelling_of_a_url_gets_through_to_loopback(monkeypatch, scheme, rest):
    monkeypatch.setattr(egress, "resolve", lambda host, port: ["127.0.0.1"])
    with pytest.raises((ForbiddenURL, InvalidRequest)):
        check(scheme + rest, Guard())


@given(st.integers(min_value=0, max_value=2**32 - 1), st.sampled_from(["dec", "hex", "octet-hex", "short"]))
@settings(max_examples=200, deadline=None)
def test_every_odd_spelling_of_any_ipv4_address_is_refused(n, form):
    a = ipaddress.IPv4Address(n)
    o = a.packed
    spelled = {"dec": str(n), "hex": hex(n), "octet-hex": ".".join(hex(b) for b in o),
               "short": f"{o[0]}.{int.from_bytes(o[1:], 'big')}"}[form]
    with pytest.raises(ForbiddenURL):
        check(f"http://{spelled}/x", Guard(allow_private=True))


# --- requests: connect to what was checked ------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        self.server.seen.append((self.path, self.headers.get("Host")))
        if self.path.startswith("/to/"):
            self.send_response(302)
            self.send_header("Location", self.path.removeprefix("/to/"))
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/drip":
            self.send_response(200)
            self.send_header("Content-Length", "1000000")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
        else:
            body = b"audio bytes"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int]) -> None:
        super().__init__(address, _Handler)
        self.seen: list[tuple[str, str | None]] = []

    def handle_error(self, request, client_address) -> None:
        pass


@pytest.fixture
def two_hosts():
    """An 'outside' server on 127.0.0.1 (allowed by the guard) and an 'inside' one on 127.0.0.2,
    same port: the inside one stands for an internal service that must never be reached."""
    outside = _Server(("127.0.0.1", 0))
    port = outside.server_port
    inside = _Server(("127.0.0.2", port))
    for srv in (outside, inside):
        threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield outside, inside, port, Guard.of(False, f"127.0.0.1:{port}")
    for srv in (outside, inside):
        srv.shutdown()
        srv.server_close()


def test_a_rebinding_answer_never_reaches_the_address_it_rebinds_to(dns, two_hosts, tmp_path):
    outside, inside, port, guard = two_hosts
    dns["calls.example.com"] = [["127.0.0.1"], ["127.0.0.2"]]  # first answer checked, later ones private
    size = download(f"http://calls.example.com:{port}/call.mp3", tmp_path / "source", max_bytes=1000, timeout=5,
                    guard=guard)
    assert size == len(b"audio bytes")
    assert outside.seen == [("/call.mp3", f"calls.example.com:{port}")]  # the name, not the address
    assert inside.seen == []
    assert dns["calls"] == ["calls.example.com"]  # resolved once


@pytest.mark.parametrize("hop", ["http://127.0.0.2:{port}/secret", "http://169.254.169.254/latest/meta-data/",
                                 "http://2130706433:{port}/", "http://127.0.0.1:{port}\\@example.com/",
                                 "http://inside.example.com:{port}/"])
def test_a_redirect_to_a_private_address_is_refused(dns, two_hosts, tmp_path, hop):
    outside, inside, port, guard = two_hosts
    dns["inside.example.com"] = ["127.0.0.2"]
    with pytest.raises(ForbiddenURL):
        download(f"http://127.0.0.1:{port}/to/{hop.format(port=port)}", tmp_path / "source", max_bytes=1000,
                 timeout=5, guard=guard)
    assert inside.seen == []


def test_a_server_dripping_bytes_is_cut_off_at_the_deadline(two_hosts, tmp_path):
    outside, _, port, guard = two_hosts
    with pytest.raises(FetchFailed, match="BLEEPER_FETCH_DEADLINE_S") as caught:
        download(f"http://127.0.0.1:{port}/drip", tmp_path / "source", max_bytes=10**7, timeout=5, guard=guard,
                 deadline_s=1.0)
    assert not caught.value.retryable
    assert (tmp_path / "source").stat().st_size < 100  # it stopped reading; it did not wait for the rest


# --- TLS: connected by address, verified by name ------------------------------------------------


@pytest.fixture
def tls_server(monkeypatch):
    import ssl

    import trustme

    ca = trustme.CA()
    cert = ca.issue_cert("calls.example.com")
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(ctx)
    srv = _Server(("127.0.0.1", 0))
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    with ca.cert_pem.tempfile() as ca_file:
        monkeypatch.setattr(egress.client, "_ca_file", lambda: ca_file)
        yield srv, Guard.of(False, f"127.0.0.1:{srv.server_port}")
    srv.shutdown()
    srv.server_close()


def test_https_connects_to_the_checked_address_and_verifies_the_name(dns, tls_server, tmp_path):
    srv, guard = tls_server
    dns["calls.example.com"] = ["127.0.0.1"]
    assert download(f"https://calls.example.com:{srv.server_port}/a.mp3", tmp_path / "s", max_bytes=100, timeout=5,
                    guard=guard) == len(b"audio bytes")
    assert srv.seen == [("/a.mp3", f"calls.example.com:{srv.server_port}")]


def test_https_to_a_name_the_certificate_does_not_cover_fails(dns, tls_server, tmp_path):
    srv, guard = tls_server
    dns["other.example.com"] = ["127.0.0.1"]
    with pytest.raises(FetchUnavailable, match="SSL"):
        download(f"https://other.example.com:{srv.server_port}/a.mp3", tmp_path / "s", max_bytes=100, timeout=5,
                 guard=guard)
    assert srv.seen == []


def test_at_submit_a_name_that_does_not_resolve_yet_is_left_to_the_worker(dns):
    assert check("https://calls.example.com/a.mp3", Guard(), unresolved_ok=True) is None
    dns["calls.example.com"] = ["10.0.0.1"]
    with pytest.raises(ForbiddenURL):  # but one that resolves to a private address is refused at once
        check("https://calls.example.com/a.mp3", Guard(), unresolved_ok=True)
