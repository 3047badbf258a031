"""A turn's words as text: joined as Whisper wrote them (so `555`, `-201`, `-3344.` read
`555-201-3344.` to the detector), AssemblyAI's unformatted form (`format_turns=false`: lower case,
no punctuation), and what the end of a turn says about whether it is over."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bleeper.models import Segment, Transcript, Word
from bleeper.streaming.decoder import StreamWord

_EDGE_PUNCT = ".,?!;:\"“”()…-–—"
_TOKEN = re.compile(r"\[[A-Z0-9_]+\]")  # entity_name / pseudonym tokens stay as written
NUMBER_WORDS = frozenset(
    "zero oh o one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand double "
    "triple".split())
# words that join the parts of a spoken email, URL or spelled value
CONNECTORS = frozenset("at dot underscore dash hyphen slash point".split())


def transcript_of(words: Sequence[StreamWord], language: str = "en") -> Transcript:
    """The words as one Transcript whose word offsets index its text (bleeper.asr.whisper.assemble)."""
    text, out = "", []
    for w in words:
        written = w.text.lstrip() if not text else (w.text if w.text[:1].isspace() or w.text[:1] in "-.,?!'%"
                                                    else " " + w.text)
        start_char = len(text) + len(written) - len(written.lstrip())
        text += written
        out.append(Word(text=written.strip(), start=w.start, end=w.end, confidence=w.probability,
                        char_start=start_char, char_end=len(text)))
    segments = [Segment(start=out[0].start, end=out[-1].end, text=text, first_word=0, last_word=len(out))] if out else []
    return Transcript(text=text, language=language, duration_ms=out[-1].end if out else 0, words=out,
                      segments=segments)


def unformatted_word(text: str) -> str:
    """AssemblyAI's unformatted words: lower case without punctuation around them; redaction marks
    (`###`, `[PHONE_NUMBER]`) kept."""
    if _TOKEN.fullmatch(text.strip(_EDGE_PUNCT)):
        return text.strip(_EDGE_PUNCT)
    return text.strip(_EDGE_PUNCT).lower()


def _spoken_units(word: str) -> str:
    return word.strip(_EDGE_PUNCT).lower()


def tail_is_open(words: Sequence[str]) -> bool:
    """Whether a turn ends in something the next words could complete into a value: a digit or a
    number word, a single letter (spelling), a connector of an email or address (`at`, `dot`), or
    a capitalised word (a name, the surname may follow) — unless it is a one-word sentence of its
    own (`… Thanks. Bye.`)."""
    if not words:
        return False
    word = words[-1]
    bare = _spoken_units(word)
    if any(ch.isdigit() for ch in word) or bare in NUMBER_WORDS or bare in CONNECTORS:
        return True
    if len(bare) == 1 and bare.isalpha() and bare not in ("a", "i"):
        return True
    if word[:1].isupper() and bare not in ("i", "i'm", "i'll", "i've", "i'd"):
        sentence_start = len(words) == 1 or words[-2].endswith((".", "?", "!"))
        return not (sentence_start and word.rstrip("\"”)").endswith((".", "?", "!")))
    return False


def end_of_turn_confidence(words: Sequence[str]) -> float:
    """How sure bleeper is that a turn is over, from its words (AssemblyAI uses a model; Whisper
    gives punctuation): a finished sentence is likely over; a comma or no punctuation at the end
    likely is not; a value at the end (Whisper often writes no period after digits) counts as a
    pause worth ending on, since the redaction window joins a value split across turns anyway, and
    waiting would merge the next speaker's answer into the turn (3.7 s late on a test call). Compared
    with `end_of_turn_confidence_threshold` (default 0.4) once the silence reaches `min_turn_silence`."""
    if not words:
        return 0.0
    if tail_is_open(words):
        return 0.5
    return 0.9 if words[-1].rstrip("\"”)").endswith((".", "?", "!")) else 0.3
