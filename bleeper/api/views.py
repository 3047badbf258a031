"""Views of a finished transcript: sentences, paragraphs, utterances (turns of a multichannel
call), SRT and VTT captions, word search.

They read the redacted document (redacted.json) whenever the job redacted PII, so nothing here
can show a value the transcript hides.
"""

from __future__ import annotations

import re
from typing import Any

PARAGRAPH_PAUSE_MS = 1500
PARAGRAPH_MAX_SENTENCES = 6
DEFAULT_CHARS_PER_CAPTION = 64


def _channel(item: dict[str, Any]) -> dict[str, Any]:
    """AssemblyAI's multichannel labels: the channel as a string counted from 1 ("1" left, "2"
    right), also as the speaker (AssemblyAI labels a channel's speaker by it); nothing for mono."""
    channel = item.get("channel")
    return {} if channel is None else {"channel": str(channel + 1), "speaker": str(channel + 1)}


def _labels(sentence: dict[str, Any]) -> dict[str, Any]:
    """A view's sentence's channel and speaker, already labelled."""
    return {k: sentence[k] for k in ("channel", "speaker") if k in sentence}


def _word(w: dict[str, Any]) -> dict[str, Any]:
    return {"text": w["text"], "start": w["start"], "end": w["end"], "confidence": w["confidence"], **_channel(w)}


def words(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [_word(w) for w in doc["words"]]


def _mean(words: list[dict[str, Any]]) -> float:
    return round(sum(w["confidence"] for w in words) / len(words), 4) if words else 0.0


def sentences(doc: dict[str, Any]) -> list[dict[str, Any]]:
    words = doc["words"]
    out = []
    for s in doc.get("sentences") or doc.get("segments") or []:
        ws = [_word(w) for w in words[s["first_word"]:s["last_word"]]]
        if ws:
            out.append({"text": s["text"], "start": s["start"], "end": s["end"], "confidence": _mean(ws),
                        "words": ws, **_channel(s)})
    return out


def paragraphs(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Sentences grouped at pauses of 1.5 s or more, at most six to a paragraph, never two channels
    in one."""
    groups: list[list[dict[str, Any]]] = []
    for s in sentences(doc):
        if not groups or s["start"] - groups[-1][-1]["end"] >= PARAGRAPH_PAUSE_MS \
                or len(groups[-1]) >= PARAGRAPH_MAX_SENTENCES or s.get("channel") != groups[-1][-1].get("channel"):
            groups.append([])
        groups[-1].append(s)
    out = []
    for g in groups:
        ws = [w for s in g for w in s["words"]]
        out.append({"text": " ".join(s["text"] for s in g), "start": g[0]["start"], "end": g[-1]["end"],
                    "confidence": _mean(ws), "words": ws, **_labels(g[0])})
    return out


def utterances(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """AssemblyAI's turn-by-turn utterances of a multichannel transcript: consecutive sentences on
    one channel, in the document's (redacted) text. Times are the words' (a sentence's start can
    lie in the silence before it)."""
    out: list[dict[str, Any]] = []
    for s in sentences(doc):
        if out and out[-1]["channel"] == s.get("channel"):
            out[-1]["text"] += " " + s["text"]
            out[-1]["words"] += s["words"]
        else:
            out.append({"text": s["text"], "words": list(s["words"]), "channel": None, "speaker": None, **_labels(s)})
    for u in out:
        u.update(start=u["words"][0]["start"], end=u["words"][-1]["end"], confidence=_mean(u["words"]))
    return out


def captions(doc: dict[str, Any], chars_per_caption: int | None) -> list[tuple[int, int, str]]:
    """(start ms, end ms, text): a caption never crosses a sentence and stays within the width."""
    width = chars_per_caption or DEFAULT_CHARS_PER_CAPTION
    out: list[tuple[int, int, str]] = []
    for s in sentences(doc):
        line: list[dict[str, Any]] = []
        for w in s["words"]:
            if line and len(" ".join(x["text"] for x in [*line, w])) > width:
                out.append((line[0]["start"], line[-1]["end"], " ".join(x["text"] for x in line)))
                line = []
            line.append(w)
        if line:
            out.append((line[0]["start"], line[-1]["end"], " ".join(x["text"] for x in line)))
    return out


def _stamp(ms: int, sep: str) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def srt(doc: dict[str, Any], chars_per_caption: int | None = None) -> str:
    cues = captions(doc, chars_per_caption)
    return "\n".join(f"{i}\n{_stamp(a, ',')} --> {_stamp(b, ',')}\n{t}\n" for i, (a, b, t) in enumerate(cues, 1))


def vtt(doc: dict[str, Any], chars_per_caption: int | None = None) -> str:
    cues = captions(doc, chars_per_caption)
    return "WEBVTT\n\n" + "\n".join(f"{_stamp(a, '.')} --> {_stamp(b, '.')}\n{t}\n" for a, b, t in cues)


def _norm(text: str) -> str:
    return re.sub(r"[^\w#']", "", text.lower())


def word_search(doc: dict[str, Any], terms: list[str]) -> dict[str, Any]:
    """AssemblyAI's word search over the (redacted) words: a redacted value is never found."""
    words = doc["words"]
    normed = [_norm(w["text"]) for w in words]
    matches = []
    for term in terms:
        parts = [_norm(p) for p in term.split() if _norm(p)]
        if not parts:
            continue
        hits = [i for i in range(len(words) - len(parts) + 1) if normed[i:i + len(parts)] == parts]
        if hits:
            matches.append({"text": term, "count": len(hits), "indexes": [i for i in hits],
                            "timestamps": [[words[i]["start"], words[i + len(parts) - 1]["end"]] for i in hits]})
    return {"id": doc.get("id"), "total_count": sum(m["count"] for m in matches), "matches": matches}
