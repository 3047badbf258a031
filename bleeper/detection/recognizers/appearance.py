"""How a person looks, said in words (PHYSICAL_ATTRIBUTE): hair, eyes, facial hair, skin, build
(`red hair`, `blue-eyed`, `a gray beard`, `he's bald`, `freckles`, `I'm pretty heavyset`, `an
amputee`). Heights, weights and marks (`six one`, `a scar on my arm`) are measures.py's; race
words are the nationality policy's (personal.py), as the blind set's labelling guide reads
AssemblyAI's two overlapping definitions.

A colour or a shape counts only next to the body part it describes, so `a red car` or `a black
eye` (an injury) stay clear; words with everyday senses (`bald`, `beard`, build words) count
only after the person they belong to or before a word for a person (`bald tires`, `it's thin`).
A wheelchair is not covered: it is an aid the caller uses, not an attribute of the body, and
what put them in it is a medical condition or injury.
"""

from __future__ import annotations

import regex as re  # variable-width look-behind

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.casing import lowered
from bleeper.detection.recognizers.descriptions import described
from bleeper.detection.recognizers.result import result

_SHADES = (r"red|blonde?|brown|black|gr[ae]y|white|dark|light|auburn|silver|sandy|ginger|platinum|strawberry blonde|"
           r"dirty blonde|salt and pepper|salt-and-pepper|jet black|jet-black|purple|pink|blue|green|bleached|dyed|"
           r"curly|straight|wavy|frizzy|kinky|long|short|shaggy|thinning|receding|braided|shaved|buzzed|"
           r"shoulder[- ]length|dreadlocked")
_PERSON = r"(?:guy|man|men|woman|women|lady|dude|gentleman|boy|girl|kid|head|spot|patch|fellow|person)"
_KIN = r"(?:son|daughter|kid|husband|wife|mom|mother|dad|father|brother|sister|boyfriend|girlfriend|partner|baby)"
_OWNER = (rf"(?:(?:i'm|i am|he's|she's|he is|she is|they're|you're|i was|he was|she was|(?:my|his|her|our) {_KIN}(?:'s| is"
          r"| was))(?: (?:pretty much|"
          r"mostly|completely|totally|kind of|kinda|pretty|a little|very|really|fairly|quite|a bit|going|gone))?"
          r"|going|gone|went)")
_BUILD = (r"heavyset|heavy-set|stocky|petite|skinny|slender|muscular|overweight|obese|chubby|lanky|plus[- ]size|"
          r"underweight|stout|scrawny|slim|thin-framed|well-built|frail|clean[- ]shaven|bearded|tattooed|freckled|"
          r"(?:average|medium|mid|slight|small|big|large|heavy|athletic|slim|thin|broad|stocky) (?:build|height|frame)|mid-height|"
          r"pudgy|portly|burly|brawny|wiry|gangly|hunched|hunchbacked|pale|pale-skinned")
PATTERNS: list[tuple[re.Pattern, float, str]] = [
    (re.compile(rf"\b(?:(?:{_SHADES})(?:,? (?:and )?|-)){{0,4}}(?:{_SHADES})(?:[- ]colou?red)?[- ](?:hair|hairline|"
                rf"haired|curls|braids|dreadlocks|dreads|ponytail)\b(?![- ](?:dryers?|salon|stylists?|dye|"
                rf"products?|ties?|brush|spray|clips?|care|cuts?|appointment|straightener|removal|extensions?|"
                rf"loss|color|colour|net))(?: (?:in|up in|pulled back in) (?:a|two) (?:bun|ponytail|braids?|pigtails))?"), 0.85,
     "hair described"),
    (re.compile(r"\b(?:(?:blue|brown|green|hazel|gr[ae]y|dark|light|amber|violet)(?:,? (?:and )?|-)){0,2}"
                r"(?:blue|brown|green|hazel|gr[ae]y|dark|light|amber|violet)[- ](?:eyes|eyed)\b"), 0.85,
     "eye colour"),
    (re.compile(rf"\b(?:(?:{_SHADES}|full|bushy|thick|scruffy|scraggly|neat|trimmed) ){{1,4}}(?:beard|mustache|"
                rf"moustache|goatee|sideburns|stubble)\b(?! (?:trimmer|oil|balm|nets?|wax|products?))"), 0.85,
     "facial hair described"),
    (re.compile(r"(?<=\b(?:has|have|had|with|wears|wearing|grew|growing|got|his|my|her) )(?:an? )?(?:beard|"
                r"mustache|moustache|goatee|sideburns)\b(?! (?:trimmer|oil|balm|nets?|wax|products?))"), 0.8,
     "facial hair of a person"),
    (re.compile(r"\b(?:dark|light|fair|pale|olive|brown|tan|tanned|darker|lighter)[- ](?:skin|skinned|"
                r"complexion|complexioned)\b(?! (?:care|cream|products?|tone foundation))"), 0.85, "skin described"),
    (re.compile(rf"(?<=\b{_OWNER} )bald(?:ing)?\b|\bbald(?:ing)?(?=,? (?:and )?(?:an? )?(?:{_PERSON})s?\b)"
                rf"|\b(?:a )?(?:redhead|brunette)s?\b|\bhair (?:colou?r )?is (?:{_SHADES})\b"
                rf"|\beye colou?r is (?:blue|brown|green|hazel|gr[ae]y)\b"), 0.85, "bald, redhead, hair colour"),
    (re.compile(r"\b(?:(?:an? )?(?:shaved|bald|buzzed|shaven) head|freckles|freckled|dimples|cleft chin|unibrow|buck teeth|gap in (?:my|his|her) teeth|"
                r"(?:(?:double|triple|bilateral|single|below[- ]the[- ]knee|above[- ]the[- ]knee) )?amputees?|"
                r"(?:(?:really|very|pretty|super) )?broad(?:[- ]shouldered| shoulders)|(?:left|right)[- ]handed|ambidextrous|albino|albinism|vitiligo|heterochromia)\b"), 0.85,
     "a feature of the body"),
    (re.compile(r"\b(?:lazy eye|cross[- ]eyed|crossed eyes|walks? with a limp|(?:has|have|had|with) a (?:[a-z]+ ){0,2}limp|"
                r"missing (?:a|one|two|three|four|some|most of (?:my|his|her)|(?:my|his|her|their) (?:left|right)) "
                r"(?:fingers?|toes?|teeth|tooth|legs?|"
                r"arms?|hands?|eyes?)(?: on (?:my|his|her|their|the) (?:(?:left|right) )?(?:hand|foot|side))?|"
                r"(?:with|has|have|had|wears?|wearing) (?:(?:glasses|a ponytail|pigtails) and )?(?:braids|"
                r"cornrows|pigtails|a ponytail|a hearing aid|hearing aids)|(?:wears?|wearing|with) (?:thick |big |reading )?glasses|dreadlocks|"
                r"braces on (?:my|his|her) teeth)\b"), 0.8, "a feature of the body"),
    # size said of a person: `I'm pretty tall`, `a short guy`
    (re.compile(rf"(?<=\b{_OWNER} )(?:tall|short|blonde?|thin|curvy|athletic|big-boned|broad-shouldered)\b"
                r"(?! (?:on|of|for|with|by|notice|staffed|handed|term|list|story|cut|answer|order|version|enough))"
                r"(?![^.?!]{0,25}\b(?:\d|four|five|six|seven)\b)"  # a height said next: that is the attribute
                rf"|\b(?:tall|short|big|heavy|thin|blonde?|tiny|petite|husky|bigger|taller|shorter|heavier|larger)"
                rf"(?=,? (?:an? )?(?:guy|man|woman|lady|dude|"
                r"gentleman|girl|fellow)s?\b)"), 0.75, "size of a person"),
    (re.compile(rf"(?<=\b{_OWNER} )(?:{_BUILD})\b(?! (?:on|of|for|with|traffic|rain|load|lifting|duty|machinery|"
                rf"equipment|cream|fees?|price))|\b(?:{_BUILD})(?=,? (?:an? )?(?:{_PERSON})s?\b)"), 0.75,
     "build of a person"),
    # one item of a description list after the person: `he's about five nine, stocky, with a goatee`
    (re.compile(rf"(?<=\b(?:i'm|i am|he's|she's|he is|she is)\b[^.?!]{{0,40}},\s)(?:(?:kind of|kinda|sort of|pretty|"
                rf"really|very|a little|a bit)\s+)?(?:{_BUILD})\b(?=\s*(?:[,.;?!]|and\b|$))"),
     0.7, "build in a description"),
]


class AppearanceRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["PHYSICAL_ATTRIBUTE"], name="AppearanceRecognizer",
                         supported_language="en")

    def load(self) -> None:
        pass

    def matches(self, text: str) -> list[tuple[int, int, float, str]]:
        low = lowered(text)
        return [(m.start(), m.end(), score, why) for rx, score, why in PATTERNS for m in rx.finditer(low)] + \
            [(s, e, 0.75, why) for s, e, why in described(low)]

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        if "PHYSICAL_ATTRIBUTE" not in entities:
            return []
        return [result(self, "PHYSICAL_ATTRIBUTE", s, e, score, why) for s, e, score, why in self.matches(text)
                if e > s]
