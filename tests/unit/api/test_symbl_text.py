"""Text conversations as transcripts: every word is found where the transcript says it is, one
segment per message, speakers numbered by first appearance."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, strategies as st

from bleeper.api.symbl.schemas import ChannelMetadata, Duration, Message, Payload, Speaker
from bleeper.api.symbl.text import channel_speakers, from_messages

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)

names = st.sampled_from([None, "Ann", "Bob", "Cy"])
messages = st.lists(st.tuples(st.text(max_size=60), names, st.integers(0, 50), st.integers(0, 20)),
                    min_size=1, max_size=8)


@given(messages, st.booleans())
def test_each_message_is_one_segment_whose_words_point_into_the_text(items, timed):
    msgs = [Message(payload=Payload(content=c), from_=Speaker(name=n) if n else None,
                    duration=Duration(startTime=T0 + timedelta(seconds=s), endTime=T0 + timedelta(seconds=s + d))
                    if timed else None) for c, n, s, d in items]

    conv = from_messages(msgs)
    t = conv.transcript

    assert len(t.segments) == len(msgs)
    for seg, (content, name, _, _) in zip(t.segments, items):
        assert seg.text == content
        words = t.words[seg.first_word:seg.last_word]
        assert [w.text for w in words] == content.split()
        assert all(t.text[w.char_start:w.char_end] == w.text and seg.start <= w.start <= w.end <= seg.end
                   for w in words)
        assert (seg.speaker is None) == (name is None)
        if name:
            assert conv.speakers[seg.speaker]["name"] == name
    assert len(conv.speakers) == len({n for _, n, _, _ in items if n})


def test_times_are_relative_to_the_first_message_and_speakers_keep_their_ids():
    msgs = [Message(payload=Payload(content="hello there"), from_=Speaker(name="Ann", userId="ann@example.com"),
                    duration=Duration(startTime=T0 + timedelta(seconds=5), endTime=T0 + timedelta(seconds=7))),
            Message(payload=Payload(content="hi"), from_=Speaker(name="Bob"),
                    duration=Duration(startTime=T0 + timedelta(seconds=2), endTime=T0 + timedelta(seconds=3)))]

    conv = from_messages(msgs)

    assert [(s.start, s.end) for s in conv.transcript.segments] == [(3000, 5000), (0, 1000)]
    assert conv.start_time == (T0 + timedelta(seconds=2)).timestamp() and conv.duration_ms == 5000
    assert conv.speakers[0] == {"name": "Ann", "email": None, "userId": "ann@example.com", "channel": None}


def test_channel_metadata_becomes_speakers_in_channel_order():
    meta = [ChannelMetadata(channel=2, speaker=Speaker(name="Rep")),
            ChannelMetadata(channel=1, speaker=Speaker(name="Caller", email="c@example.com"))]

    assert [(s["channel"], s["name"], s["email"]) for s in channel_speakers(meta)] == [
        (1, "Caller", "c@example.com"), (2, "Rep", None)]
