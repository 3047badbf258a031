"""A person described as a list (PHYSICAL_ATTRIBUTE): `the driver who hit me was bald, heavyset,
maybe six foot, with a gray beard`, `he's six five, really thin`, `she's in her forties, dark hair,
about five-six`, `she's really small for her age`.

appearance.py finds a word where the words around it say whose body it describes (`a tall guy`,
`I'm pretty tall`); in a description the items follow one copula, comma after comma, and only the
first touches the person. So here a sentence whose person is followed by a copula (`he was`, `the
guy at the counter was`, `she's`) is cut at its commas and `and`s, and an item that is wholly a
word of size or build (with its `really`, `very`) or a height is an attribute. Words with an
everyday sense (`short`, `thin`, `big`) count only when the same sentence describes a body
elsewhere too (a hair or beard word, a build word, a height), so `he was short and rude` or
`she was small, sorry, I mean brief` stay clear.
"""

from __future__ import annotations

import re

from bleeper.detection.recognizers.measures import NUM

# a person, then within a few words a copula: the description follows it
_PERSON_COPULA = re.compile(
    r"\b(?:i'm|i am|he's|she's|he is|she is|they're|he was|she was|i was|they were|"
    r"(?:guy|man|woman|lady|dude|kid|boy|girl|driver|person|son|daughter|husband|wife|brother|sister|mom|dad|"
    r"suspect|fellow|gentleman|baby|teenager|guide|tech|technician|nurse|doctor|officer|cashier|clerk|neighbou?r|"
    r"stranger|passenger|thief|intruder|burglar|attacker|worker|employee|he|she|they|who)\b[^,.?!;]{0,40}?"
    r"(?:\bwas|\bis|'s|\blooked|\blooks|\bseemed|\bseems))\s+")
_ITEM_SPLIT = re.compile(r"\s*(?:,|;|(?<!hundred )\band\b|\bbut\b)\s*")  # not `a hundred and ten`
_FILLER = re.compile(r"(?:(?:maybe|like|probably|uh|um|i think|i'd say|pretty much)\s+)*")
# how near a number is, said with it and kept in its span, as the sets' authors mark it (`about five six`)
_APPROX = r"(?:(?:about|around|roughly|approximately|almost|nearly|over|under)\s+)?"
_INTENSIFIER = (r"(?:(?:really|real|very|pretty|kind of|kinda|sort of|super|quite|fairly|a little|a bit|so|too|"
                r"extremely)\s+)?")
# words that describe a body with no other sense in a description
_PLAIN = (r"bald|balding|heavyset|heavy-set|stocky|petite|skinny|slender|muscular|overweight|obese|chubby|lanky|"
          r"scrawny|burly|brawny|wiry|gangly|pudgy|portly|stout|blonde?|brunette|red-?headed|redhead|gray-haired|"
          r"grey-haired|white-haired|dark-haired|clean-shaven|bearded|freckled|tattooed|pale|frail|hunched")
# words of size that describe many things, and a person only in a description
_EVERYDAY = r"tall|short|thin|small|tiny|big|large|heavy|slim|skinny|huge|little|lean|fit|athletic|curvy"
_FOR_AGE = r"(?:\s+for (?:his|her|their|my|your) age)?"
ATTRIBUTE = re.compile(rf"{_INTENSIFIER}(?:(?P<plain>{_PLAIN})|(?P<everyday>{_EVERYDAY})(?P<age>{_FOR_AGE}))")
_NUM = r"(?:four|five|six|seven|4|5|6|7)"
_INCH = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2})"
_HEIGHT = rf"{_NUM}(?:(?:[- ](?:foot|feet|ft))(?:[- ]{_INCH})?|[- ]{_INCH}|'\s?\d{{1,2}}\"?)"
HEIGHT = re.compile(rf"{_APPROX}{_HEIGHT}(?=$|\s+(?:at|or so|tall|and|with)\b)")
WEIGHT = re.compile(rf"{_APPROX}(?:a )?{NUM}\s?(?:pounds|lbs|kilos|kilograms)(?: plus)?\b")
# items that mark a body: `nose ring`, `a scar`, `glasses`
MARK = re.compile(r"(?:an? )?(?:(?:nose|lip|eyebrow|septum) (?:ring|stud|piercing)|tattoos?|scars?|freckles|glasses|"
                  r"dimples|a limp)$")  # not `braces`: a bill as often as a smile
# another sign in the sentence that a body is described
_BODY = re.compile(rf"\b(?:hair|haired|beard|mustache|moustache|goatee|eyes|tattoo\w*|glasses|braids|ponytail|"
                   rf"scar|freckles|{_PLAIN}|pounds|lbs)\b|\b{_NUM}[- ](?:foot|feet)\b|\b{_NUM}[- ]{_INCH}\b")
_SENTENCE = re.compile(r"[^.?!]+")


def _items(low: str, start: int, end: int) -> list[tuple[int, int]]:
    """The comma- and `and`-separated items of low[start:end], as spans."""
    spans, pos = [], start
    for sep in _ITEM_SPLIT.finditer(low, start, end):
        spans.append((pos, sep.start()))
        pos = sep.end()
    spans.append((pos, end))
    return [(s, e) for s, e in spans if e > s]


def described(low: str) -> list[tuple[int, int, str]]:
    """Attribute spans of lower-cased text said as items of a description, with why."""
    found = []
    for sentence in _SENTENCE.finditer(low):
        copula = _PERSON_COPULA.search(low, sentence.start(), sentence.end())
        body_elsewhere = len(_BODY.findall(low, sentence.start(), sentence.end()))
        if not copula and body_elsewhere < 2:
            continue  # no person said, and no list of body words (`sixteen, short purple hair, nose ring`)
        items = _items(low, copula.end(), sentence.end()) if copula else []
        if body_elsewhere >= 2:  # a list may come before its person: `sixteen, short purple hair, she's…`
            items = _items(low, sentence.start(), copula.start() if copula else sentence.end()) + items
        for s, e in items:
            s = _FILLER.match(low, s, e).end()
            m = ATTRIBUTE.fullmatch(low, s, e)
            if m:
                # an everyday word needs the sentence to describe a body in another item too
                others = sum(1 for t, u in items if (t, u) != (s, e) and ATTRIBUTE.fullmatch(
                    low, _FILLER.match(low, t, u).end(), u))
                if m.group("plain") or m.group("age") or others or body_elsewhere:
                    found.append((s, e, "an item of a description"))
            elif (h := HEIGHT.match(low, s, e) or WEIGHT.match(low, s, e)) is not None:
                found.append((s, h.end(), "a height or weight in a description"))
            elif MARK.match(low, s, e):
                found.append((s, e, "a mark in a description"))
    return found
