"""Emails as Whisper writes speech: `sarah dot jennings at gmail dot com`, `Sir.Jennings at
mail.com`, `R, O, S, E, dot, T, A, N, at gmail dot com`."""

import re
from bisect import bisect_left

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

from bleeper.detection.recognizers.casing import lowered
from bleeper.detection.recognizers.result import result

TLD = r"(?:com|net|org|edu|gov|io|co|us|uk|info|biz|me|ca|de|health|app|live|ai|tv|dev|shop|store|online|site|tech)"
DOT = r"(?:\s*\.\s*|,?\s+dot,?\s+)"
# a word of the local part: not the words that announce an email, nor a separator (said or
# written): a part that could also be a separator lets the regex split `0-0-0-5-3-4` every
# possible way, and a long run of those before an `at` took seconds
_PART = (r"(?!(?:email|e-mail|address|is|it's|its|my|to|at|the|send|it|me|mail|work|personal|spell|that|"
         r"and|or|use|uh|um|dot|underscore|dash|hyphen|period|"
         # words that end a sentence's own phrase before a website's `at`: `log in at`, `upload it all at`
         r"in|on|up|online|everything|anything|all|us|them|you|we|here|there|found|find|sign|log|book|apply|"
         r"register|pay|order|download|upload|check|look)\b)[a-z0-9][a-z0-9%+]*")
# never empty: an empty separator would let the regex split a word every possible way
_JOIN = r"(?:\s*,\s*|\s+|[._-])(?:(?:dot|underscore|dash|hyphen|period)(?:\s*,\s*|\s+))?"
_LOCAL = rf"{_PART}(?:{_JOIN}{_PART}){{0,12}}"
_AT = r",?\s+(?:at|@)(?:\s+(?:symbol|sign))?,?\s+"
_DOMAIN = rf"[a-z0-9-]+(?:\s+[a-z0-9-]+)?(?:{DOT}[a-z0-9-]+)*{DOT}{TLD}"
_ANCHOR = re.compile(r"\bat\b|@")
# a correction of an email just said, in a second, shorter form: `..., no wait, it's p dot venkataraman`
CORRECTED = re.compile(r"[ \t]*,?[ \t]*(?:no,? wait|wait|sorry|i mean|actually|correction|scratch that|my bad)[ \t]*,?[ \t]*"
                       r"(?:(?:it's|its|it is|that's|make that)[ \t]+)?"
                       r"([a-z0-9]+(?:(?:[ \t]+(?:dot|underscore|dash)[ \t]+|[._-])[a-z0-9]+)+)\b(?![ \t]+(?:at|@)\b)")
LOCAL_WORDS = 26  # the most words a local part spans: 13 parts and a `dot` between each two
DOMAIN_CHARS = 200


def _windows(text: str) -> list[tuple[int, int]]:
    """The stretches of text an email can lie in: each `at` or `@` with the words before it and
    the characters after it. The patterns try every word of the text as the start of a local
    part; trying only the words near an `at` finds the same matches in a fraction of the time."""
    word_starts = [m.start() for m in re.finditer(r"\S+", text)]
    windows: list[tuple[int, int]] = []
    for anchor in _ANCHOR.finditer(text):
        start = word_starts[max(0, bisect_left(word_starts, anchor.start()) - LOCAL_WORDS)] if word_starts else 0
        space = text.find(" ", anchor.end() + DOMAIN_CHARS)
        end = len(text) if space < 0 else space
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


class SpokenEmailRecognizer(PatternRecognizer):
    PATTERNS = [
        Pattern("spoken email", rf"\b{_LOCAL}{_AT}{_DOMAIN}\b", 0.9),
        Pattern("email missing its domain dot", rf"\b{_LOCAL}{_AT}(?:gmail|yahoo|outlook|hotmail|icloud|aol)\b", 0.7),
    ]
    CONTEXT = ["email", "e-mail", "address", "mail"]

    def __init__(self) -> None:
        super().__init__(
            supported_entity="EMAIL_ADDRESS",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            name="SpokenEmailRecognizer",
        )
        self._compiled = [(p, re.compile(p.regex)) for p in self.PATTERNS]

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None, regex_flags=None  # noqa: ANN001
                ) -> list[RecognizerResult]:
        """The patterns (lower case) over the lowered text near each `at`: what Presidio's
        PatternRecognizer finds over the whole text with IGNORECASE, in a fraction of the time."""
        if "EMAIL_ADDRESS" not in entities:
            return []
        low, found = lowered(text), []
        for start, end in _windows(low):
            for pattern, compiled in self._compiled:
                found += [result(self, "EMAIL_ADDRESS", m.start(), m.end(), pattern.score, pattern.name)
                          for m in compiled.finditer(low, start, end)]
        found = self.remove_duplicates(found)
        return found + [r for f in found if (r := self._corrected(low, f)) is not None]

    def _corrected(self, low: str, email: RecognizerResult) -> RecognizerResult | None:
        """The local part said again after a correction cue, sharing a word with the email's."""
        m = CORRECTED.match(low, email.end, min(len(low), email.end + 120))
        if m is None:
            return None
        said = set(re.findall(r"[a-z0-9]{3,}", low[email.start:email.end]))
        again = {w for w in re.findall(r"[a-z0-9]{3,}", m.group(1)) if not re.fullmatch(TLD, w)} - {"dot", "the"}
        # or the same letters with separators said now (`dkhan` again as `d underscore khan`)
        local, fixed = (re.sub(r"[ \t]+(?:dot|underscore|dash)[ \t]+|[._\s-]", "", t)
                        for t in (low[email.start:email.end].split(" at ")[0], m.group(1)))
        same = len(fixed) >= 4 and (fixed in local or local in fixed)
        if not (said & again or same) or m.group(1).startswith(("the ", "a ")):
            return None
        return result(self, "EMAIL_ADDRESS", m.start(1), m.end(1), 0.6, "an email corrected after it was said")  # as PatternRecognizer does: a match inside a longer one goes
