"""Secrets a caller reads out: passwords, PINs, access keys, security answers, usernames and
handles — the value after the phrase that announces it (`my password is Harbor dollar sign
2025`, `my mother's maiden name is Okonkwo`, `my gamertag is ShadowFern207`, `@NightOwlDev`).
Digits-only PINs are typed with the other numbers in context_numbers.py as well."""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.casing import lowered
from bleeper.detection.recognizers.result import result

# symbols said aloud inside a password or username
_SYMBOL = (r"(?:exclamation (?:point|mark)|at (?:sign|symbol)|hashtag|hash(?: sign)?|pound sign|dollar sign|"
           r"underscore|dash|hyphen|period|dot|star|asterisk|ampersand|percent(?: sign)?|plus sign|number sign|"
           r"question mark|capital|uppercase|upper case|lowercase|lower case)")
_PIECE = r"[\w@#$%&*!+/'-]+(?:\.[\w@#$%&*!+/'-]+)*"  # a full stop inside (`j.smith`), not after
# one character or symbol of a value spelled out (`capital H, a, r, b, o, r, dollar sign, 2, 0`)
_ONE = rf"(?:{_SYMBOL}|[\w@#$%&*!+])(?=[ ,.;?!]|$)"
# the value: spelled out one character at a time, or up to a clause end, at most ten pieces
# (passwords are read word by word)
_VALUE = (rf"(?P<value>{_ONE}(?:,? {_ONE}){{2,40}}|"
          rf"(?:{_SYMBOL}|{_PIECE})(?: (?:{_SYMBOL}|{_PIECE})){{0,9}}?)")
_END = (r"(?=[,.;?!]?\s*$|[,.;?!:]\s|\s(?:but|and|no|or|sorry|right|okay|ok|if|with|for|so|because|please|then|"
        r"thanks|thank you|all (?:lower|upper) ?case|all one word|one word|no spaces|capital|lowercase)\b)")
# fillers, and how a value is written said before it (`is all lowercase, sunshine123`)
_FILLER = (r"(?:,? (?:um|uh|like|it's|its|just|all (?:lower|upper) ?case|all caps|one word|no spaces|"
           # what the value is before the value: `my password is my cat's name, Pickles`
           r"(?:my|his|her|our|the) [\w']+ (?:name|birthday|middle name|street name|birth year|nickname)|so)\b,?)*")
_SAYS = rf"(?:\s*(?:is|was|would be|will be|should be|'s|’s|:)|[,?.]? (?:it's|its|it is)){_FILLER}\s+"
_FOR = (r"(?: (?:for|on|in|at|to) (?:the |your |my |our )?[\w-]+(?: [\w-]+)?)?"
        # or who set it: `the password I set was …`, `the username you gave me is …`
        r"(?: (?:that |which )?(?:i|you|we|they|he|she) (?:set|chose|picked|use|used|created|made|had|have|gave|"
        r"put in|typed|entered|tried)(?: it)?(?: up)?(?: me| us)?)?")

_SECRET = (r"password|passcode|pass code|passphrase|pin(?: number| code)?|security (?:answer|word|phrase)|"
           r"secret (?:answer|word|phrase)|verbal password|(?:recovery|api|access|secret|license|product) key|"
           r"(?:wi-?fi|network|router) password|temporary password|new password|old password")
# a security question's answer (AssemblyAI: "My mother's maiden name is Smith" is a password)
_QUESTION = (r"security question(?: answer)?|answer to (?:my|the|your) security question|maiden name|"
             r"(?:first |childhood |favorite )?pet'?s name|first pet|(?:first|favorite|childhood) "
             r"(?:teacher|car|school|book|movie|food|sports team|team|friend|job|street)|street (?:i|you|we) grew "
             r"up on|high school mascot|city (?:i|you) were born in|father's middle name|mother's middle name")
_USER = (r"username|user name|user id|login(?: name| id)?|log-in|screen name|handle|gamertag|gamer tag|"
         r"venmo|cash app|cashtag|instagram|twitter|tiktok|snapchat|discord|psn|xbox(?: live)? (?:name|tag)|"
         r"account name|profile name")

RULES = [
    ("PASSWORD", re.compile(rf"\b(?:{_SECRET}){_FOR}{_SAYS}{_VALUE}{_END}"), 0.9),
    ("PASSWORD", re.compile(rf"\b(?:{_QUESTION}){_FOR}{_SAYS}(?:(?:a|an|the|my) [a-z]+ (?:named|called) )?"
                            rf"{_VALUE}{_END}"), 0.85),
    # "reset it to …", "changed it to …": said of a password, the value has a digit or a symbol
    ("PASSWORD", re.compile(rf"\b(?:chang|reset|set|updat|switch)\w* (?:it|that|mine|the password|my password|"
                            rf"the pin|my pin) to{_FILLER}\s+{_VALUE}{_END}"), 0.75),
    ("USERNAME", re.compile(rf"\b(?:{_USER}){_FOR}{_SAYS}{_VALUE}{_END}"), 0.9),
    # "I go by the handle gamer underscore girl 99": no "is", so the value must look like one
    ("USERNAME", re.compile(rf"\b(?:{_USER})\s+{_VALUE}{_END}"), 0.75),
    # a handle written with its @, not inside an email address
    ("USERNAME", re.compile(r"(?<![\w.@])@[a-z0-9_][a-z0-9_.]{1,30}(?<!\.)"), 0.85),
]  # lower case, matched in lowered text (casing.py); values are cut from the original
# the rest of a password read out after its first word: `Sunflower capital T seven exclamation point`
_NUMBER_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|" \
               r"eighty|ninety|hundred|double|triple)"
# and how it is written (`sunflower with a capital S and then 2019`) and its spelling (`pinecone,
# P-I-N-E-C-O-N-E`): a spelled name after a secret is the secret read again
TAIL = re.compile(rf"(?:,?\s+(?:(?:capital|uppercase|upper case|lowercase|lower case|small) [a-z]\b|{_SYMBOL}\b|\d+\b|"
                  rf"{_NUMBER_WORD}\b|(?:and )?then(?= (?:\d|{_NUMBER_WORD}|{_SYMBOL}|capital|the number))|the number\b|"
                  rf"with an? (?:capital|uppercase|upper case|lowercase|lower case|small) [a-z]\b|"
                  rf"and(?= (?:\d|{_NUMBER_WORD}\b|{_SYMBOL}))|"
                  rf"with an? (?:{_NUMBER_WORD}|\d+|{_SYMBOL}|capital [a-z]|number \w+) (?:at|on) the (?:end|start|"
                  r"beginning|front)\b|"
                  r"(?:[a-z](?:,? as in [a-z]+)?(?:[ ,.-]+|$)){3,}))+")
# a value with how it is written after it and no phrase before: `It's blue dog 77, all lowercase`
_HOW_WRITTEN = r"(?=,? (?:all (?:lower|upper) ?case|all caps|case[- ]sensitive|no spaces|with a capital)\b)"
# characters read out with their case and no phrase before them: only secrets are read so (`try
# capital Q, W, E, R, T, Y, one two three`)
_CASED = r"(?:capital|uppercase|upper case|lowercase|lower case|small) [a-z]"
RULES.append(("PASSWORD", re.compile(rf"\b(?P<value>{_CASED}(?=[ ,.;?!]|$)(?:,? (?:{_CASED}|{_ONE}|{_NUMBER_WORD})"
                                     rf"(?=[ ,.;?!]|$)){{3,40}})"), 0.7))
RULES.append(("PASSWORD", re.compile(rf"\b(?:it's|it is|its|that's|it was)(?:,? (?:um|uh))?,? {_VALUE}{_HOW_WRITTEN}"),
              0.7))
_HOW_LAST = re.compile(r",?\s+with an? (?:capital|uppercase|upper case|lowercase|lower case|small) [a-z]$")
_SHAPED_ONLY = {2, 4}  # the rules above whose value must look like a secret
NOT_VALUES = {"the", "a", "an", "my", "your", "it", "that", "this", "same", "wrong", "right", "correct", "reset",
              "changed", "expired", "locked", "again", "for", "please", "and", "to", "on", "in", "sorry", "no", "yes",
              "um", "uh", "is", "was", "not", "too", "still", "case", "incorrect", "what", "something", "just",
              "going", "supposed", "required", "needed", "asking", "saying", "working", "at", "being", "also",
              "probably", "definitely", "different", "new", "old", "there", "here", "never", "always", "so",
              "like", "really", "very", "all", "one", "of", "with", "because", "i", "we", "you", "they", "he",
              "she", "gone", "done", "fine", "good", "ok", "okay", "usually", "either", "now", "over", "set",
              "updated", "letters", "characters", "digits", "numbers", "required", "long", "short", "easy", "hard",
              "strong", "weak", "then", "blank", "empty", "about", "sensitive", "invalid", "broken", "down", "stuck",
              "blocked", "disabled", "failing", "slow", "low", "high", "valid", "accepted", "rejected", "saved", "temporary", "his",
              "her", "their", "our", "asterisks", "hidden", "showing", "what", "what's", "where", "who", "which",
              "how", "when", "why"}
_PASSWORD_SHAPED = re.compile(rf"\d|[@#$%&*!_+]|(?i:\b{_SYMBOL}\b)|[a-z][A-Z]")


class CredentialRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["PASSWORD", "USERNAME"], name="CredentialRecognizer",
                         supported_language="en")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        out, low = [], lowered(text)
        for index, (entity, rx, score) in enumerate(RULES):
            if entity not in entities:
                continue
            for m in rx.finditer(low):
                if "value" not in rx.groupindex:
                    out.append(result(self, entity, m.start(), m.end(), score, "written handle"))
                    continue
                value = text[m.start("value"):m.end("value")]
                first = value.split()[0].lower()
                if first in NOT_VALUES and not (entity == "USERNAME" and first == "at" and " " in value):
                    continue  # "at marcus dash tillery": a handle's @, said
                end = m.end("value")
                if entity == "PASSWORD":
                    tail = TAIL.match(low, end)
                    end = tail.end() if tail else end
                while end > m.end("value") and text[end - 1] in " ,.-":
                    end -= 1
                how = _HOW_LAST.search(low, m.end("value"), end)  # says how, when no value follows it
                end = how.start() if how else end
                if index in _SHAPED_ONLY and not _PASSWORD_SHAPED.search(text, m.start("value"), end):
                    continue  # "set it to Tuesday", "the handle broke": not a secret
                if index == len(RULES) - 1 and re.search(r"user ?name|handle|e-?mail|log ?in", low[:m.start()]):
                    continue  # `the username is … it's jdoe, all lowercase`: the username rules have it
                out.append(result(self, entity, m.start("value"), end, score, "announced secret"))
        return out
