"""Whatever a client sends to a Symbl-style process call, the answer is the parsed request or a
400 naming fields — never a crash, never the values sent."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from bleeper.api.symbl.schemas import MediaUrlBody, TextBody, from_query, parse
from bleeper.errors import InvalidRequest

SECRET = "Jane-Roe-555-0100"
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.just(SECRET),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(
        ["url", "name", "messages", "payload", "content", "from", "duration", "channelMetadata", "channel",
         "speaker", "entities", "customType", "text", "webhookUrl", SECRET]), inner, max_size=4),
    max_leaves=12)


@settings(max_examples=300)
@given(st.dictionaries(st.sampled_from(["url", "name", "messages", "entities", "channelMetadata", "webhookUrl",
                                        "languageCode", "enableSeparateRecognitionPerChannel", SECRET]),
                       json_values, max_size=5))
def test_any_body_is_parsed_or_refused_without_echoing_values(body):
    for model in (MediaUrlBody, TextBody):
        try:
            parse(model, body)
        except InvalidRequest as exc:
            assert SECRET not in exc.message.replace(f"{SECRET}: unknown field", "")


@given(st.lists(st.tuples(st.sampled_from(["name", "webhookUrl", "entities", "channelMetadata", "languageCode",
                                           "enableSeparateRecognitionPerChannel", "mode", "bogus"]),
                          st.text(max_size=30)), max_size=5))
def test_any_query_string_is_parsed_or_refused(params):
    try:
        from_query(params)
    except InvalidRequest as exc:
        assert exc.message
