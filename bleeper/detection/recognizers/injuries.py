"""Bodily injuries said the way callers say them: a trauma verb and the body part it hit (`broke two
toes`, `tore his rotator cuff`, `cut my finger`), or a body part or kind with a trauma noun (`ankle
sprain`, `lumbar strain`, `hairline fracture`, `dog bite`) (issue 12).

Held-out injury recall was 0.53 in the first wave: a fixed list of `broken wrist`-style phrases
cannot reach what people do to themselves. The grammar here is closed-class: body parts, trauma
verbs and nouns are a few hundred words of anatomy and English, not examples from any set — a
verb without a body part (`broke my phone`, `cut my hair`) or a body part without trauma (`my knee
hurts` is a symptom, left to the condition rules) is not an injury.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.result import merged, result
from bleeper.detection.recognizers.sentences import CLAUSES


def _alternation(words: str) -> str:
    items = sorted({w.strip() for w in words.split("|") if w.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in items) + ")"


# singular forms; plurals are matched by an optional s/es (and the irregular ones listed)
_PARTS = """
head|skull|face|forehead|temple|eye|eyebrow|eyelid|eye socket|ear|eardrum|nose|cheek|cheekbone|jaw|chin|lip|
mouth|tongue|tooth|teeth|front tooth|neck|throat|shoulder|shoulder blade|collarbone|clavicle|arm|upper arm|
forearm|elbow|wrist|hand|palm|thumb|finger|fingers|pinky|knuckle|fingernail|toenail|chest|rib|ribs|sternum|
breastbone|back|lower back|upper back|spine|tailbone|coccyx|vertebra|vertebrae|disc|disk|hip|pelvis|groin|
abdomen|stomach|belly|butt|buttock|leg|thigh|femur|hamstring|quad|quadricep|kneecap|knee|shin|tibia|fibula|
calf|calves|ankle|heel|foot|feet|toe|big toe|sole|arch|achilles|achilles tendon|acl|mcl|pcl|meniscus|
rotator cuff|labrum|tendon|ligament|cartilage|muscle|bone|bones|spinal cord|brain|nerve|skin|scalp|spleen|
molar|molars|incisor|gum|gums|eye tooth|
liver|kidney|lung|lungs|eye ball|eyeball|orbital|wrist bone|hand bone|shoulder joint|joint|limb|leg bone|
"""
PART = _alternation(_PARTS) + r"(?:s|es)?"
# adjectives naming where: `lumbar strain`, `cervical fracture`
_PLACES = "lumbar|cervical|thoracic|spinal|facial|dental|orbital|pelvic|hip|wrist|ankle|knee|neck|back|head|brain"
_TRAUMA_VERBS = """
broke|broken|break|breaks|breaking|fractured|fracture|fractures|sprained|sprain|sprains|tore|torn|tear|tears|
ripped|dislocated|dislocate|injured|injure|injures|hurt|bruised|bruise|cracked|pulled|pull|
strained|strain|twisted|twist|burned|burnt|burn|burns|cut|cuts|sliced|slice|jammed|jam|smashed|smash|busted|
bust|banged up|banged|scraped|scrape|skinned|stubbed|wrenched|crushed|crush|herniated|ruptured|rupture|
punctured|chipped|snapped|tweaked|rolled|messed up|banged|bit|bitten|split|gashed|lacerated|scalded|scratched|
shattered|bumped|hit|whacked|impaled|blew out|blown out|threw out|throw out|thrown out|throws out|wrecked|
bulging|bulged|knocked|knocked out|chipped
"""
VERB = _alternation(_TRAUMA_VERBS)
# whose, how many, which side: `both`, `two`, `his left`, `a` (not `the`: `hit the back button`)
_DETERMINER = (r"(?P<det>(?:my|his|her|their|your|our|a|an|both|one|two|three|four|five|several|a couple of|"
               r"a few|all)\s+)?")
# parts that are also everyday words need an owner: `cut back on`, `give me a hand`, `hit a wall`;
# `a muscle`, `a bone` are fine (`pulled a muscle`), and so is any part after an adjective-like
# participle (`a broken arm`, `fractured back`)
AMBIGUOUS = frozenset("back hand head face arm chest lip mouth nose skin sole joint bone muscle nerve heel palm "
                      "temple arch quad limb calf".split())
OWNERLESS_OK = frozenset("muscle bone nerve joint".split())
PARTICIPLES = frozenset("broken fractured sprained torn dislocated bruised injured herniated ruptured shattered "
                        "busted".split())
_SIDE = r"(?:(?:left|right|lower|upper|middle|front|back|top|bottom|inner|outer|big|little|index|ring|whole)\s+)?"
_OPEN = r"(?:\s+(?:open|up|out|badly|bad|pretty bad|pretty badly|again))?"
_WHERE = (r"(?:\s+(?:in|on)\s+(?:my|his|her|their|your|the|both)\s+" + _SIDE + PART + r")?")
# `pulled a muscle in my groin`, `broke two toes`, `busted her knee open`
VERB_PART = re.compile(rf"\b(?P<verb>{VERB})\s+(?:(?:up|out)\s+)?{_DETERMINER}(?P<side>{_SIDE})(?P<part>{PART})\b{_WHERE}{_OPEN}",
                       re.IGNORECASE)
_A = re.compile(r"^an?\s", re.IGNORECASE)

_TRAUMA_NOUNS = """
fracture|break|sprain|strain|tear|burn|cut|gash|laceration|wound|bruise|contusion|injury|puncture|bite|
abrasion|dislocation|rupture|concussion|whiplash|stab wound|gunshot wound|bone bruise|road rash|sting|sunburn|
frostbite|
"""
NOUN = _alternation(_TRAUMA_NOUNS) + r"(?:s|es)?"
_KINDS = (r"mild|minor|severe|slight|bad|nasty|hairline|stress|compound|open|closed|displaced|avulsion|greenstick|partial|complete|full|"
          r"first[\s-]degree|second[\s-]degree|third[\s-]degree|deep|dog|cat|bee|spider|snake|"
          r"traumatic|repetitive|puncture|chemical|grease|sports|work|workplace|whiplash|paper|bug|tick|mosquito|"
          r"bite|stab|gunshot|wasp|hornet|jellyfish|scorpion|ant|"
          r"\w+[\s-](?:inch|centimeter|cm)")
# `ankle sprain`, `a bad lumbar strain`, `second-degree burns`, `two-inch gash`, `dog bite`
KIND_NOUN = re.compile(rf"\b(?:(?:{_KINDS})\s+)?(?:(?:{_PLACES}|{PART})\s+)?{NOUN}\b", re.IGNORECASE)
# the nouns that are injuries on their own; the rest (`cut`, `break`, `tear`, `bite`) need a kind
ALONE = re.compile(r"^(?:concussion|whiplash|fracture|laceration|contusion|dislocation|stab wound|"
                   r"gunshot wound|bone bruise|road rash|sprain|sunburn|frostbite)(?:s|es)?$", re.IGNORECASE)
# a wound placed on a body, whatever its kind: `a nasty gash on her shin`, `a splinter stuck in his
# palm`, `a stress fracture in my foot` (ranked over the condition lists' `stress fracture`)
PLACED = re.compile(rf"\b(?:(?:a|an|the|this|that|some|two|three|these|those)\s+(?:[a-z-]+\s+){{0,2}})?"
                    rf"(?:{NOUN}|splinters?|blisters?|welts?|scrapes?|sunburn|frostbite|goose[\s-]eggs?|shiners?)"
                    rf"(?:\s+(?:stuck|lodged|caught))?\s+(?:on|in|to|across|above|below|under|along|over)\s+"
                    rf"(?:my|his|her|their|your|the baby's|both)\s+{_SIDE}{PART}\b", re.IGNORECASE)
# `break` and `cut` after a place are other things: a coffee break, a price cut, a bite to eat
NOT_INJURY = re.compile(r"^(?:back|head|work|open|closed|full|complete|partial)\s+(?:break|cut|bite|tear)s?$"
                        r"|^lumbar\s+punctures?$", re.IGNORECASE)  # a procedure


# what an animal did: `bitten by a dog`, `got stung by a wasp`, `the neighbor's dog bit her`
BITE = re.compile(
    r"\b(?:bitten|bit|stung|scratched|kicked|mauled|gored|attacked|trampled) by (?:a|an|the|my|his|her|our|their|"
    r"some|that|this|the neighbor's|a neighbor's|a stray)\s+(?:\w+\s+)?(?:dog|puppy|cat|kitten|snake|rattlesnake|"
    r"spider|tick|bee|wasp|hornet|yellowjacket|jellyfish|horse|raccoon|bat|rat|squirrel|mosquito|scorpion|fox|"
    r"coyote|ant|ants|bees|animal|pit ?bull|shepherd|rottweiler|bird|goose|parrot|stingray|shark|fish|ferret)s?\b"
    r"|\b(?:bitten|bit|stung) by (?:something|some (?:kind of )?(?:bug|insect|animal|spider)|a bug|an insect)\b",
    re.IGNORECASE)


# trauma done to oneself or by something sharp underfoot: `cut myself`, `stepped on a nail`
SELF = re.compile(
    r"\b(?:cut|sliced|burned|burnt|scalded|hurt|injured|stabbed|scratched|bruised|banged up|knocked out|electrocuted|"
    r"impaled|concussed) (?:myself|himself|herself|themselves|yourself|ourselves)\b"
    r"|\b(?:stepped|stepping|steps|stood|landed|fell|kneeled|knelt) (?:on|in) (?:a|an|some|the|this|broken) "
    r"(?:(?:rusty|broken|sharp|old)\s+)?(?:nail|nails|glass|piece of glass|shard of glass|needle|tack|thumbtack|"
    r"shard|rake|razor blade|fish ?hook|fishing hook|landmine)\b",
    re.IGNORECASE)


# what happened to a body, said as the event: a blow to a part, a part caught in a door, a
# needle's stick, something in an eye, a fall from or onto something (`got hit in the face with a
# baseball`, `his finger slammed in the car door`, `stuck with a used needle`, `fell off my bike`,
# `slipped on ice`, `a cart ran over my foot`, `took an elbow to the mouth`, `strained something in my back`)
_FALL_ONTO = (r"ladder|roof|stairs|staircase|steps|step ?stool|stool|chair|bed|bunk ?bed|bike|bicycle|horse|"
              r"scaffold(?:ing)?|deck|porch|balcony|tree|trampoline|skateboard|scooter|monkey bars|swing|treadmill|"
              r"motorcycle|ledge|curb|bathtub|tub|shower|ice|black ice|wet floor|floor|sidewalk|pavement|driveway|"
              r"concrete|rug|toy|cord|hose|playground|slide")
# a fall is the injury only where it is all that is said: with a wound named after it (`slipped on
# the ice and fractured my hip`) the sets mark the wound, in three cases of four
FALL = re.compile(
    rf"\b(?P<who>i|he|she|they|we|(?:my|his|her|our|their) \w+)\s+(?:(?:just|also|then|actually|kind of)\s+)?"
    rf"(?P<fall>(?:fell|tumbled|toppled|rolled|slipped|tripped) (?:off|from|down|in|on|over|out of) "
    rf"(?:a|an|the|his|her|my|their|our|some)?\s*(?:\w+\s+)?(?:{_FALL_ONTO}))\b", re.IGNORECASE)
EVENT = re.compile(
    rf"\b(?:ran|run|runs|rolled|drove|driven) over (?:my|his|her|their|your) {_SIDE}{PART}\b"
    rf"|\btook (?:a|an) (?:\w+\s+)?(?:elbow|knee|ball|puck|bat|stick|fist|punch|hit|kick|foot|helmet|shot) "
    rf"(?:to|in) (?:the|his|her|my|their) {_SIDE}{PART}\b"
    rf"|\b{VERB} (?:something|it) (?:in|on) (?:my|his|her|their|your) {_SIDE}{PART}\b"
    rf"|\b(?:got|get|gets|getting|was|were|been|being) (?:hit|struck|smacked|whacked|kicked|punched|elbowed|kneed|"
    rf"head-?butted|clocked|nailed) (?:in|on) (?:the|his|her|my|their|your) {_SIDE}{PART}\b"
    r"(?: (?:with|by) (?:a|an|the|some) (?:\w+\s+)?\w+)?"
    rf"|\b{PART}\s+(?:got\s+|was\s+)?(?:slammed|shut|caught|crushed|pinched|smashed|jammed) in (?:a|an|the)\s+"
    r"(?:\w+\s+)?\w+\b"
    r"|\b(?:stuck|poked|pricked|jabbed) (?:myself |himself |herself |themselves )?with (?:a|an|the|some) (?:\w+\s+){0,2}?"
    r"needles?\b|\bneedle[\s-]?sticks?\b"
    r"|\bgot (?:something|some \w+|a \w+|(?:\w+ )?(?:dirt|sand|glass|metal|grit|dust|bleach|chemicals?|sawdust|"
    r"shavings|splinters?|debris|particles)) in "
    r"(?:my|his|her|their|your) eyes?\b",
    re.IGNORECASE)


class InjuryRecognizer(EntityRecognizer):
    """Trauma verb + body part, and body part or kind + trauma noun."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["INJURY"], name="InjuryRecognizer", supported_language="en")

    def load(self) -> None:
        pass

    def matches(self, text: str) -> list[tuple[int, int, float]]:
        """(start, end, score) of each injury phrase, longest first, not overlapping."""
        found: list[tuple[int, int, float]] = []
        for m in VERB_PART.finditer(text):
            part, det = m.group("part").lower(), (m.group("det") or "")
            part = part[:-1] if part.endswith("s") else part
            if (part in AMBIGUOUS and not m.group("side") and m.group("verb").lower() not in PARTICIPLES
                    and (not det or (_A.match(det) and part not in OWNERLESS_OK))):
                continue
            found.append((m.start(), m.end(), 0.8))
        for m in KIND_NOUN.finditer(text):
            said = m.group()
            if " " not in said.strip() and "-" not in said and not ALONE.match(said):
                continue  # a bare `cut` or `break` is not an injury
            if NOT_INJURY.match(said):
                continue
            found.append((m.start(), m.end(), 0.75))
        found += [(m.start(), m.end(), 0.8) for rx in (BITE, SELF, EVENT) for m in rx.finditer(text)]
        found += [(m.start(), m.end(), 0.9) for m in PLACED.finditer(text)]
        for sentence in CLAUSES.finditer(text):
            if not any(sentence.start() <= s < sentence.end() for s, _, _ in found):
                found += [(m.start("fall"), m.end("fall"), 0.7)
                          for m in FALL.finditer(text, sentence.start(), sentence.end())]
        return merged(found)

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        if "INJURY" not in entities:
            return []
        return [result(self, "INJURY", s, e, score, "injury: trauma and a body part") for s, e, score in self.matches(text)]
