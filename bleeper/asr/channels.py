"""A multichannel recording's channels, transcribed apart, put back in time order (issue 16): a
call recorder puts the agent on one channel and the customer on the other, and the transcript
reads as the conversation went.

Each channel's Whisper segments are cut where another channel speaks in one of their pauses
(Whisper runs one agent turn, a silence while the customer answers, and the next agent turn into
one segment), then every segment is sorted by its start. Crosstalk inside a word does not cut:
an "mm-hmm" over a sentence comes before or after it, not inside it. A channel where Whisper heard
nothing but silence (it writes a "You" into it) gives nothing.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

# a segment Whisper wrote into silence: it says there is likely no speech, and its words are
# unlikely (" You", probability 0.06, no-speech 0.74 on 4 s of digital silence)
NO_SPEECH_PROB = 0.6
UNSURE_WORDS = 0.3


def silent_segment(no_speech_prob: float | None, confidences: list[float]) -> bool:
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return (no_speech_prob or 0.0) > NO_SPEECH_PROB and mean < UNSURE_WORDS


def _heard_nothing(segments: list[dict]) -> bool:
    return all(silent_segment(s["no_speech_prob"], [w[3] for w in s["words"]]) for s in segments)


def _cut(segment: dict, others: list[int]) -> Iterable[dict]:
    """`segment` in parts, cut in each pause between two of its words in which another channel
    starts a word (`others`: those starts, sorted)."""
    words = segment["words"]
    first = 0
    for i in range(len(words) - 1):
        pause_from, pause_to = words[i][2], words[i + 1][1]
        j = bisect_left(others, pause_from)
        if j < len(others) and others[j] <= pause_to:
            yield {**segment, "start": segment["start"] if first == 0 else words[first][1], "end": words[i][2],
                   "words": words[first:i + 1]}
            first = i + 1
    yield {**segment, "start": segment["start"] if first == 0 else words[first][1], "words": words[first:]}


def interleave(channels: dict[int, list[dict]]) -> list[tuple[int, dict]]:
    """(channel, segment) in the order they were said: `channels` maps each channel to its
    Whisper segments in order ({start, end, no_speech_prob, words: [[text, start, end, p], …]}).
    Channels where nothing but silence was heard are left out; segments without words too."""
    heard = {c: [s for s in segs if s["words"]] for c, segs in channels.items()}
    heard = {c: segs for c, segs in heard.items() if segs and not _heard_nothing(segs)}
    starts = {c: sorted(w[1] for s in segs for w in s["words"]) for c, segs in heard.items()}
    out: list[tuple[int, int, int, dict]] = []
    for c, segs in heard.items():
        others = sorted(t for o, ts in starts.items() if o != c for t in ts)
        for seg in segs:
            for part in _cut(seg, others):
                out.append((part["start"], c, len(out), part))
    out.sort(key=lambda item: item[:3])
    return [(c, part) for _, c, _, part in out]
