"""Secrets and handles read out (credentials.py): the value after its phrase, whole, however the
symbols are said; ordinary talk about passwords and logins finds nothing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.credentials import CredentialRecognizer

RECOGNIZER = CredentialRecognizer()


def found(text: str) -> list[tuple[str, str]]:
    return sorted({(r.entity_type, text[r.start:r.end]) for r in RECOGNIZER.analyze(text, ["PASSWORD", "USERNAME"])})


@pytest.mark.parametrize("text,entity,value", [
    ("The password was, um, Sunflower 2 2 exclamation point, but it says it's wrong.", "PASSWORD",
     "Sunflower 2 2 exclamation point"),
    # how a letter is written is part of what is read out
    ("My password is Tiger dollar sign 99, capital T.", "PASSWORD", "Tiger dollar sign 99, capital T"),
    ("My password is Sunflower capital T seven exclamation point.", "PASSWORD",
     "Sunflower capital T seven exclamation point"),
    ("And the password is, um, Bluebird, capital B, 2 0 0 4, exclamation point.", "PASSWORD",
     "Bluebird, capital B, 2 0 0 4, exclamation point"),
    ("It's blue dog 77, all lowercase.", "PASSWORD", "blue dog 77"),  # no phrase: how it is written says it
    ("The Wi-Fi password is, uh, greenhouse772, all lowercase.", "PASSWORD", "greenhouse772"),
    ("My password is all lowercase, sunshine123.", "PASSWORD", "sunshine123"),
    ("My password is capital H, a, r, b, o, r, dollar sign, 2, 0, 2, 5.", "PASSWORD",
     "capital H, a, r, b, o, r, dollar sign, 2, 0, 2, 5"),  # spelled out
    ("The username is J, D, O, E, 8, 4, all lowercase.", "USERNAME", "J, D, O, E, 8, 4"),
    ("Reset it to Harbor dollar sign 2 0 2 5, please.", "PASSWORD", "Harbor dollar sign 2 0 2 5"),
    ("I changed it to Sunflower88! and it's already locked.", "PASSWORD", "Sunflower88!"),
    ("The recovery key is X4T9-77QK-2PLM-8RW3.", "PASSWORD", "X4T9-77QK-2PLM-8RW3"),
    ("My mother's maiden name is Okonkwo.", "PASSWORD", "Okonkwo"),
    ("My first pet was a dog named Biscuit.", "PASSWORD", "Biscuit"),
    ("My security answer is Pepper.", "PASSWORD", "Pepper"),
    ("The answer to my security question is Fluffy.", "PASSWORD", "Fluffy"),
    ("My username for the portal is bostrowski_77.", "USERNAME", "bostrowski_77"),
    ("My login is priya underscore v eighty-eight.", "USERNAME", "priya underscore v eighty-eight"),
    ("username is d rodriguez eighty-two, all lowercase, no spaces", "USERNAME", "d rodriguez eighty-two"),
    ("Your username for the portal? It's rbell underscore seventy seven.", "USERNAME",
     "rbell underscore seventy seven"),
    ("My gamertag is ShadowFern207.", "USERNAME", "ShadowFern207"),
    ("I use the handle gamer underscore girl 99.", "USERNAME", "gamer underscore girl 99"),
    ("The password I set was Winter2024! with a capital W.", "PASSWORD", "Winter2024!"),
    ("My Venmo is at marcus dash tillery dash 9.", "USERNAME", "at marcus dash tillery dash 9"),
    ("My handle on the forum is @NightOwlDev.", "USERNAME", "@NightOwlDev"),
    ("Tweet at me, I'm @sarah_j on there.", "USERNAME", "@sarah_j"),
    # its spelling and how it is written, when more of the value follows
    ("The Wi-Fi password is pinecone, P-I-N-E-C-O-N-E, all lowercase.", "PASSWORD", "pinecone, P-I-N-E-C-O-N-E"),
    ("I set it to sunflower with a capital S and then 2019.", "PASSWORD",
     "sunflower with a capital S and then 2019"),
    ("My password is my cat's name, Pickles, with a one at the end.", "PASSWORD", "Pickles, with a one at the end"),
    ("Try capital Q, W, E, R, T, Y, one two three.", "PASSWORD", "capital Q, W, E, R, T, Y, one two three"),
])  # fmt: skip
def test_an_announced_secret_is_found_whole(text, entity, value):
    assert (entity, value) in found(text)


@pytest.mark.parametrize("text", [
    "I forgot my password yesterday and the login is broken.",
    "The password is case sensitive.",
    "My password expired again.",
    "I set it to Tuesday at noon.",
    "I set it to Tuesday and then we talked.",
    "My password is my dog's name.",
    "The old account was under my maiden name, Sullivan.",
    "The success rate of our app login is low.",
    "I set it to the new one with a capital letter in it.",
    "Email me at sarah@gmail.com.",
    "I can handle it, thanks.",
    "The handle broke off the door.",
    "Is your login at the bank?",
    "The password is the same as before.",
    "It's fine, all lowercase is okay.",
    "It's Jennifer, all one word? No, my name is Jennifer Cole.",
    "My PIN is the one I always use, then two more digits.",
])  # fmt: skip
def test_talk_about_passwords_finds_nothing(text):
    assert found(text) == []


WORDS = st.sampled_from(["my", "password", "is", "PIN", "username", "for", "the", "portal", "it's", "um", "dollar",
                         "sign", "underscore", "at", "@", "x", "Tiger99", "maiden", "name", "reset", "it", "to", ",",
                         ".", "?", "!", "changed", "handle", "venmo"])


@given(st.one_of(st.lists(WORDS, max_size=40).map(" ".join), st.text(max_size=200)))
@settings(max_examples=300, deadline=None)
def test_never_raises_and_every_span_lies_in_the_text(text):
    for r in RECOGNIZER.analyze(text, ["PASSWORD", "USERNAME"]):
        assert 0 <= r.start < r.end <= len(text)
