"""IP addresses read aloud and MAC addresses (network.py): every part said as digits or as a
number, each part at most 255; versions and decimals are no address."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.network import SpokenIpRecognizer, part_value

RECOGNIZER = SpokenIpRecognizer()


def found(text: str) -> list[tuple[str, str]]:
    return [(r.entity_type, text[r.start:r.end]) for r in RECOGNIZER.analyze(text, RECOGNIZER.supported_entities)]


@pytest.mark.parametrize("text,address", [
    ("the IP is one ninety-two dot one sixty-eight dot one dot twelve",
     "one ninety-two dot one sixty-eight dot one dot twelve"),
    ("Can you ping ten dot zero dot zero dot five for me?", "ten dot zero dot zero dot five"),
    ("the ip is ten dot zero dot zero dot one fifty-four", "ten dot zero dot zero dot one fifty-four"),
    ("My IP is 172 dot 16 dot 254 dot 3.", "172 dot 16 dot 254 dot 3"),
    ("It's seventy-three point two oh eight point one point nine.",
     "seventy-three point two oh eight point one point nine"),
    ("It's one hundred and ninety-two dot one sixty-eight dot one dot twelve.",
     "one hundred and ninety-two dot one sixty-eight dot one dot twelve"),
    ("The gateway is one nine two dot one six eight dot zero dot one.",
     "one nine two dot one six eight dot zero dot one"),
    ("It's, uh, five ten dot zero dot zero dot one.", "ten dot zero dot zero dot one"),  # 510 is no part
    ("It is 10. 0. 0. 5 now.", "10. 0. 0. 5"),  # written with spaces: not Presidio's
])  # fmt: skip
def test_a_spoken_ip_address_is_found_whole(text, address):
    assert found(text) == [("IP_ADDRESS", address)]


@pytest.mark.parametrize("text", [
    "The router's IP is 192.168.1.1.",  # written: Presidio's IpRecognizer finds it
    "We're on version 1.2.3.4 now.",
    "Version two point oh. It costs 3.50. I have one, two. Three.",
    "two fifty-six dot three hundred dot one dot one",  # parts over 255
    "It went from four point five to five point one.",
])  # fmt: skip
def test_versions_decimals_and_written_addresses_are_left_alone(text):
    assert [e for e, _ in found(text) if e == "IP_ADDRESS"] == []


@pytest.mark.parametrize("text,mac", [
    ("The MAC address is a4:83:e7:1f:09:c2.", "a4:83:e7:1f:09:c2"),
    ("It's 00-1A-2B-3C-4D-5E on the sticker.", "00-1A-2B-3C-4D-5E"),
])  # fmt: skip
def test_a_mac_address_is_a_number_sequence(text, mac):
    assert found(text) == [("NUMBER_SEQUENCE", mac)]


@pytest.mark.parametrize("said,value", [
    ("one ninety-two", 192), ("one hundred and twelve", 112), ("oh", 0), ("one nine two", 192),
    ("two fifty-five", 255), ("ten", 10), ("twenty", 20), ("one oh five", 105), ("seventy three", 73),
    ("254", 254), ("one hundred", 100), ("hundred", None), ("nine hundred hundred", None),
])  # fmt: skip
def test_a_part_is_read_as_callers_say_numbers(said, value):
    assert part_value(said) == value


WORDS = st.sampled_from(["one", "ninety-two", "dot", "point", "hundred", "and", "oh", "ten", "twelve", ".", "256",
                         "1", "a4", ":", "fifty-five", "uh", ",", "ip"])


@given(st.one_of(st.lists(WORDS, max_size=40).map(" ".join), st.text(max_size=200)))
@settings(max_examples=400, deadline=None)
def test_never_raises_and_every_span_lies_in_the_text(text):
    for r in RECOGNIZER.analyze(text, RECOGNIZER.supported_entities):
        assert 0 <= r.start < r.end <= len(text)
