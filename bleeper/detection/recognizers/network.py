"""Network addresses as callers read them: IPv4 said with `dot`/`point` between the parts, each
part said as digits or as a number (`one ninety-two dot one sixty-eight dot one dot twelve`,
`ten dot zero dot zero dot five`, `192 dot 168 dot 1 dot 12`), and MAC addresses
(`a4:83:e7:1f:09:c2`, a number sequence by AssemblyAI's definitions). Written IPv4 and IPv6
(`192.168.1.1`) are Presidio's IpRecognizer's."""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.casing import lowered
from bleeper.detection.recognizers.numbers import TEENS, TENS, UNITS
from bleeper.detection.recognizers.result import result

_NUMBER_WORD = "|".join(sorted([*UNITS, *TEENS, *TENS, "hundred"], key=len, reverse=True))
# one part: digits, or up to five number words (`one hundred and ninety-two`)
_PART = rf"(?:\d{{1,3}}|(?:{_NUMBER_WORD})(?:(?:[ -]|,? and )(?:{_NUMBER_WORD})){{0,4}})"
_DOT = r"(?:\s*\.\s*|,?\s+(?:dot|point|period)\s+)"
SPOKEN_IPV4 = re.compile(rf"\b(?P<ip>{_PART}{_DOT}{_PART}{_DOT}{_PART}{_DOT}{_PART})\b(?![.:]?\d)")
MAC = re.compile(r"\b(?:[0-9a-f]{2}([:-]))(?:[0-9a-f]{2}\1){4}[0-9a-f]{2}\b")
_WRITTEN = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")  # the IpRecognizer's (and a version number's, `1.2.3.4`)
_VERSION_BEFORE = re.compile(r"\b(?:version|v|firmware|build|release|update)\s*$")


def part_value(said: str) -> int | None:
    """The number one part of an address was said as, or None: `one ninety-two` → 192,
    `one hundred and twelve` → 112, `oh` → 0, `one nine two` → 192, `two fifty-five` → 255."""
    words = [w for w in re.split(r"[\s,-]+", said) if w and w != "and"]
    if len(words) == 1 and words[0].isdigit():
        return int(words[0])
    if "hundred" in words:
        at = words.index("hundred")
        if at != 1 or words[0] not in UNITS or "hundred" in words[at + 1:]:
            return None
        rest = part_value(" ".join(words[2:])) if words[2:] else 0
        return None if rest is None or rest > 99 else int(UNITS[words[0]]) * 100 + rest
    digits, k = "", 0
    while k < len(words):
        w = words[k]
        if w in TENS:
            nxt = words[k + 1] if k + 1 < len(words) else ""
            if nxt in UNITS and UNITS[nxt] != "0":
                digits, k = digits + TENS[w] + UNITS[nxt], k + 2
                continue
            digits += TENS[w] + "0"
        elif w in TEENS:
            digits += TEENS[w]
        elif w in UNITS:
            digits += UNITS[w]
        else:
            return None
        k += 1
    return int(digits) if 1 <= len(digits) <= 3 else None


class SpokenIpRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["IP_ADDRESS", "NUMBER_SEQUENCE"], name="SpokenIpRecognizer",
                         supported_language="en")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        low, found = lowered(text), []
        if "IP_ADDRESS" in entities:
            pos = 0
            while (m := SPOKEN_IPV4.search(low, pos)) is not None:
                if self._address(low, m):
                    found.append(result(self, "IP_ADDRESS", m.start(), m.end(), 0.85, "IPv4 said with dots"))
                    pos = m.end()
                else:  # a number said before it may have joined the first part: try from the next word
                    space = low.find(" ", m.start() + 1, m.end())
                    pos = m.end() if space < 0 else space + 1
        if "NUMBER_SEQUENCE" in entities:
            found += [result(self, "NUMBER_SEQUENCE", m.start(), m.end(), 0.85, "MAC address")
                      for m in MAC.finditer(low)]
        return found

    @staticmethod
    def _address(low: str, m: re.Match[str]) -> bool:
        said = m.group("ip")
        if _WRITTEN.fullmatch(said) or _VERSION_BEFORE.search(low, max(0, m.start() - 12), m.start()):
            return False
        values = [part_value(p) for p in re.split(_DOT, said)]
        return len(values) == 4 and all(v is not None and v <= 255 for v in values)
