"""The session engine on a scripted call: when turns end, what is held back, what is sent."""

from __future__ import annotations

import json

from tests.unit.bleeper.streaming.scripted import RATE, run, script, silence

from bleeper.streaming.session import Limits


def finals(messages: list, formatted: bool = False) -> list[dict]:
    out = [json.loads(m) if isinstance(m, str) else m for m in messages]
    return [m for m in out if m["type"] == "Turn" and m["end_of_turn"] and m["turn_is_formatted"] == formatted]


def emitted_at(session, said_until_ms: int, frame_ms: int = 32) -> list[tuple[int, dict]]:
    """(audio ms when it came out, message) for each message, feeding small frames."""
    out = []
    for _ in range(said_until_ms // frame_ms):
        for m in session.feed(silence(frame_ms)):
            out.append((session.audio_ms, json.loads(m)))
    return out


def test_a_finished_sentence_ends_its_turn_after_min_turn_silence(make_session):
    said = script((500, "Thanks for calling."))  # speech ends at 1360 ms
    session, _ = make_session(said)
    out = emitted_at(session, 3000)
    (when, turn), = [(t, m) for t, m in out if m["type"] == "Turn"]
    assert turn["transcript"] == "thanks for calling" and turn["end_of_turn"]
    assert 1360 + 400 <= when <= 1360 + 400 + 100  # min_turn_silence, give or take the windows


def test_a_turn_that_stops_on_a_comma_waits_for_max_turn_silence(make_session):
    said = script((500, "So I was thinking,"))
    session, _ = make_session(said)
    out = emitted_at(session, 4000)
    (when, _), = [(t, m) for t, m in out if m["type"] == "Turn"]
    end = said[-1].end
    assert end + 1280 <= when <= end + 1280 + 100


def test_a_pause_shorter_than_the_silences_keeps_one_turn(make_session):
    said = script((500, "My name is"), (1900, "Sarah, thanks."), ms_per_word=300)
    session, _ = make_session(said, {"min_turn_silence": "600"})
    messages = run(session, 4000) + session.finish()
    assert [t["transcript"] for t in finals(messages)] == ["my name is sarah thanks"]


def test_turn_settings_come_from_the_query(make_session):
    said = script((500, "Thanks for calling."))
    session, _ = make_session(said, {"min_turn_silence": "800", "end_of_turn_confidence_threshold": "0.95"})
    out = emitted_at(session, 4000)
    (when, _), = [(t, m) for t, m in out if m["type"] == "Turn"]
    assert when >= said[-1].end + 1280  # not confident enough: max_turn_silence decided


def test_a_number_split_by_a_pause_is_redacted_in_both_turns(make_session):
    # "my number is 555 20" … 1.2 s … "1 3344 thanks": neither half has the 7 digits the
    # stand-in detector needs; the window sees them together
    said = script((500, "My number is 555 20."), (3100, "1 3344, thanks."))
    session, _ = make_session(said)
    got = [t["transcript"] for t in finals(run(session, 6000) + session.finish())]
    assert got == ["my number is ### ##", "# #### thanks"]


def test_without_the_hold_back_the_first_half_would_go_unredacted(make_session):
    said = script((500, "My number is 555 20."), (3100, "1 3344, thanks."))
    session, _ = make_session(said, limits=Limits(holdback_ms=0))
    got = [t["transcript"] for t in finals(run(session, 6000) + session.finish())]
    assert got == ["my number is 555 20", "# #### thanks"]  # the second half still sees the first


def test_a_held_turn_waits_for_the_next_turns_first_words_not_its_end(make_session):
    said = script((500, "My number is 555 20."), (2600, "1 3344 and then a long story about my day, okay?"))
    session, decoder = make_session(said)
    out = emitted_at(session, 8000)
    first = [(t, m) for t, m in out if m["type"] == "Turn" and m["turn_order"] == 0]
    (when, turn), = first
    assert turn["transcript"] == "my number is ### ##"
    # released once a second of the next turn was decoded, long before that turn ended
    assert when < said[-1].end
    assert any(beam == 1 for _, _, beam in decoder.calls)  # the context decode


def test_a_turn_that_ends_in_ordinary_words_is_not_held(make_session):
    said = script((500, "Thanks for calling."), (2400, "You are welcome."))
    session, _ = make_session(said)
    out = emitted_at(session, 2400)
    assert [m["transcript"] for _, m in out if m["type"] == "Turn"] == ["thanks for calling"]


def test_turns_leave_in_order(make_session):
    said = script((500, "Call 555 20."), (2200, "Yes."), (3200, "Okay, bye."))
    session, _ = make_session(said)
    orders = [t["turn_order"] for t in finals(run(session, 8000) + session.finish())]
    assert orders == sorted(orders) == list(range(len(orders)))


def test_partials_are_off_by_default_when_redacting(make_session):
    said = script((500, "My number is 555 201 3344 thanks."))
    session, _ = make_session(said)
    messages = [json.loads(m) for m in run(session, 5000) + session.finish()]
    assert messages and all(m["end_of_turn"] for m in messages)


def test_partials_come_unredacted_when_asked_for(make_session):
    said = script((500, "My number is 555 201 3344 thanks."))
    session, _ = make_session(said, {"include_partial_turns": "true"})
    messages = [json.loads(m) for m in run(session, 5000) + session.finish()]
    partials = [m for m in messages if not m["end_of_turn"]]
    assert partials and all(not w["word_is_final"] for p in partials for w in p["words"])
    assert any("555" in p["transcript"] for p in partials)  # as documented: partials are not redacted
    assert "###" in finals(messages)[0]["transcript"]


def test_partials_are_on_by_default_without_redaction(make_session):
    said = script((500, "My number is 555 201 3344 thanks."))
    session, _ = make_session(said, {"redact_pii": "false"})
    messages = [json.loads(m) for m in run(session, 5000) + session.finish()]
    assert any(not m["end_of_turn"] for m in messages)
    assert "555" in finals(messages)[0]["transcript"]


def test_format_turns_sends_the_formatted_turn_after_the_unformatted_one(make_session):
    said = script((500, "Call me at 555-201-3344, please."))
    session, _ = make_session(said, {"format_turns": "true"})
    messages = [json.loads(m) for m in run(session, 5000) + session.finish()]
    ends = [(m["turn_is_formatted"], m["transcript"]) for m in messages if m["end_of_turn"]]
    assert ends == [(False, "call me at ###-###-#### please"), (True, "Call me at ###-###-####, please.")]


def test_entity_names_and_pseudonyms_stay_consistent_across_turns(make_session):
    said = script((500, "It is 555 201 3344."), (3000, "Not 555 201 9999."), (5500, "I said 555 201 3344."))
    session, _ = make_session(said, {"redact_pii_sub": "pseudonym"})
    got = [t["transcript"] for t in finals(run(session, 9000) + session.finish())]
    assert got == ["it is [NUMBER_SEQUENCE_1]", "not [NUMBER_SEQUENCE_2]", "i said [NUMBER_SEQUENCE_1]"]


def test_words_carry_integer_ms_on_the_session_clock(make_session):
    said = script((1000, "Thanks for calling."))
    session, _ = make_session(said)
    (turn,) = finals(run(session, 3000))
    assert [(w["start"], w["end"]) for w in turn["words"]] == [(w.start, w.end) for w in said]
    assert all(isinstance(w["start"], int) and isinstance(w["end"], int) for w in turn["words"])


def test_force_endpoint_ends_the_open_turn_now(make_session):
    said = script((500, "I am still talking and"))
    session, _ = make_session(said)
    assert not finals(run(session, 1800))
    assert [t["transcript"] for t in finals(session.force_endpoint())] == ["i am still talking"]


def test_finish_sends_the_open_turn_and_everything_held(make_session):
    said = script((500, "Call me at 555 20."), (2500, "1 3344"))
    session, _ = make_session(said)
    messages = run(session, 3100) + session.finish()
    assert [t["transcript"] for t in finals(messages)] == ["call me at ### ##", "# ####"]


def test_a_turn_at_its_longest_is_cut_and_goes_on(make_session):
    words = " ".join(f"w{i}" for i in range(40))
    said = script((0, words), ms_per_word=400)  # 16 s of talking without a pause
    session, decoder = make_session(said, limits=Limits(max_turn_ms=6000))
    messages = run(session, 17_000) + session.finish()
    turns = finals(messages)
    assert len(turns) >= 3
    got = " ".join(t["transcript"] for t in turns).split()
    assert got == words.split()  # each word in exactly one turn


def test_noise_that_whisper_hears_as_nothing_is_no_turn(make_session):
    said = script((500, "Hello there."))
    session, decoder = make_session(said)
    decoder.said = []  # the VAD heard something, Whisper wrote nothing
    assert finals(run(session, 3000) + session.finish()) == []


def test_audio_duration_counts_what_was_received(make_session):
    session, _ = make_session([])
    run(session, 2000)
    assert session.audio_ms == 2000 // 32 * 32


def test_a_mulaw_session_at_8_khz_runs_on_the_same_clock(make_session):
    said = script((500, "Thanks for calling."))
    session, _ = make_session(said, {"encoding": "pcm_mulaw", "sample_rate": "8000"})
    messages = []
    for _ in range(30):
        messages += session.feed(bytes([0xFF]) * 800)  # 100 ms of μ-law silence at 8 kHz
    messages += session.finish()
    (turn,) = finals(messages)
    assert turn["transcript"] == "thanks for calling"
    assert abs(session.audio_ms - 3000) <= 64


def test_a_busy_process_decodes_once_the_silence_reaches_min_turn_silence(make_session):
    said = script((500, "Thanks for calling."), (1660, "Bye now."))  # a 300 ms pause inside the turn
    session, decoder = make_session(said)
    session.spare = lambda: False
    messages = run(session, 4000) + session.finish()
    assert len(finals(messages)) == len(decoder.calls) == 1  # nothing decoded ahead and thrown away
    eager, eager_decoder = make_session(said)
    assert len(finals(run(eager, 4000))) == 1 and len(eager_decoder.calls) == 2  # one thrown away


def test_update_configuration_applies_to_the_open_turn(make_session):
    said = script((500, "Thanks for calling."))
    session, _ = make_session(said)
    run(session, 1000)
    session.update({"min_turn_silence": 1000, "max_turn_silence": 2000})
    out = emitted_at(session, 4000)
    (when, _), = [(t, m) for t, m in out if m["type"] == "Turn"]
    assert when >= said[-1].end + 1000
