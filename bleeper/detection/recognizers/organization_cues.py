"""Organisations named by how the caller deals with them, in any case and with no business word
in the name: `we bank with first horizon`, `I shop at harbor freight every week`, `I'm a welder
at, uh, blue ridge fabrication`, `my insurance is through blue cross`, `I ordered it from home
depot`, `I work for sunrise senior living`, `thanks for calling maple and thread`.

Whisper often writes such names in lower case, and they are made of everyday words, so neither
capitals nor a word list can find them (issue #12: `business names made of two common words`).
What does is grammar: a relational cue (`bank with`, `shop at`, `insured through`, `work for`
after a person, `ordered it from`, `a customer of`, `switched from`…) takes an organisation as its
object, and English puts a singular common noun there only with a determiner (`at the mall`,
`with my husband`, `from a guy`). So the words right after the cue, up to punctuation, a function
word or a word of time or place, are a name, unless they begin with a determiner or pronoun or
are one of the few nouns English leaves bare after these prepositions (`at home`, `at work`, `for
free`, `at night`). Weaker cues (`calling from`, `welcome to`) also need the name to end in what a
business is (`calling from blue ridge plumbing`, not `calling from dayton`).
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.casing import lowered
from bleeper.detection.recognizers.organizations import HEAD_PAIRS, HEADS
from bleeper.detection.recognizers.personal import OCCUPATIONS
from bleeper.detection.recognizers.result import result

_WHO = (r"(?:i|i've|we|we've|he|she|they|you|who|husband|wife|son|daughter|mom|dad|mother|father|brother|"
        r"sister|partner|boyfriend|girlfriend|parents|kids)")
_ADVERBS = r"(?: (?:still|currently|now|also|used to|have|had|has|been|both|just|already|actually|never|" \
           r"mostly|only|do|did|don't|didn't)){0,3}"
_OBJECT = (r"(?: (?:it|them|this|that|these|those|one|mine|ours|some|(?:my|the|a|an|our|his|her|those|these) "
           r"(?!call\b|text\b|message\b|email\b|letter\b|voicemail\b|visit\b)[a-z]+))?")
_OWN = r"(?:my|our|his|her|their|your)"
# cues whose object is an organisation; the group names how sure the cue is
CUES = re.compile(
    rf"(?:(?P<strong>\bbank(?:s|ed|ing)? (?:with|at)"
    rf"|\b(?:shop|shops|shopped|shopping) (?:at|with)"
    rf"|\b{_WHO}{_ADVERBS} (?:work|works|worked|working) (?:at|for)"
    rf"|\b(?:employed (?:by|at|with)|(?:job|position|shift|internship) (?:at|with))"
    rf"|\b(?:i'm|i am|i was|he's|she's|he is|she is|he was|she was|they're|we're|work as|worked as|working as) "
    rf"an? (?:[a-z]+ ){{0,2}}(?:(?:{OCCUPATIONS.lower()})s?,? (?:at|for)|[a-z]+(?:er|or|ist|ian|ant)s?,? at)"
    rf"|\b(?:ordered|order|bought|buy|purchased|purchase|got|get|rented|rent|leased|lease){_OBJECT} "
    rf"(?:from|through|off)"
    rf"|\b(?:bought|buy|purchased){_OBJECT} at|\b(?:got|get) (?:it|them|this|that|one) at"
    rf"|\b(?:insured|covered|financed|underwritten) (?:with|through|by)"
    rf"|\b(?:an|the) account (?:with|at)"
    rf"|\b{_OWN} (?:account|accounts|policy|loan|mortgage|card|insurance|coverage|health insurance|"
    rf"car insurance|benefits|plan|prescriptions?)(?: is| was|'s| are)? (?:with|through|at)"
    rf"|\b(?:i'm|we're|i am|we are) (?:insured )?with"
    rf"|\b(?:a|an) (?:(?:long[- ]?time|loyal|longtime) )?(?:customer|client|member|subscriber|policyholder) "
    rf"(?:of|at|with)|\ba patient at"
    rf"|\bthank(?:s| you) for (?:calling|choosing|contacting)|\bcalling on behalf of"
    rf"|\b(?:this is|it's|my name is|name's) [a-z]+(?: [a-z]+)?,? (?:and )?(?:i'm )?(?:calling )?(?:from|with)"
    rf"|\b(?:a|the) (?:place|company|business|shop|store|firm|restaurant|merchant|vendor|agency|clinic|practice|"
    rf"outfit|app|website|site|bank|brand) called"
    rf"|\b{_OWN} (?:bank|employer|insurer|insurance company|carrier|provider|lender|credit union|"
    rf"utility company|phone company|cable company|internet provider|pharmacy)(?: is|'s)"
    rf"|\bthe (?:guy|lady|tech|technician|rep|person|people|folks|woman|man|agent|adjuster|installer|driver) "
    rf"(?:from|at|with))"
    rf"|(?P<switch>\bswitch(?:ed|ing)? (?:over |carriers |providers |banks |insurance |companies )?(?:from|to))"
    rf"|(?P<weak>\b(?:calling|call|called) (?:you )?from|\bwelcome to|\byou(?:'ve| have) reached|\bthis is"
    # a charge and the merchant it came from, a business word ending the name (natural-voice bank
    # call: `a charge of eight hundred forty seven dollars ... from blue water electronics`)
    rf"|\b(?:charges?|charged|transactions?|debits?|payments?|withdrawals?|bills?|invoices?|refunds?)\b"
    rf"[^.?!\n]{{0,70}}?\bfrom))"
    rf"(?=[\s,])")
# a carrier's or a bank's world, for `switched to` (`switched to paperless` is no company)
SWITCH_DOMAIN = re.compile(r"\b(?:carriers?|providers?|insurance|insurers?|banks?|banking|phone|cell|wireless|"
                           r"internet|cable|service|company|companies|coverage|policy|lender|pharmacy|network)\b"
                           r"|\bfrom [\w'’ &-]+ to\b")
_FILLERS = re.compile(r"(?:[\s,]*\b(?:uh|um|uhm|er|erm|ah|like|you know|i think|i guess|i believe)\b)*[\s,]*")
_WORD = re.compile(r"[^\W_](?:[\w'’&-]|\.(?=\w))*")
_MAX_WORDS = 4
# words that end a name, wherever they come: function words, pronouns, time and place words
STOP = frozenset("""
the a an my our your his her their its this that these those some any another each every all both either
neither no none one two three four five six seven eight nine ten twenty hundred few many most several much more
less lot lots i me we us you he him she it they them myself yourself himself herself ourselves themselves
itself mine yours ours theirs who whom whose which what when where why how whatever anyone someone everyone
anybody somebody nobody everybody anything something nothing everything and or but so because since though
although if then than as while until till unless whether nor is are was were be been being am do does did
done have has had having will would can could should shall may might must don't didn't doesn't can't won't
isn't wasn't i'm i've i'll i'd it's that's there's they're we're you're he's she's let's in on at for from to
with by of about into onto over under near around across behind through during before after since between
against along toward towards off up down out back away here there now then today tonight yesterday tomorrow
morning afternoon evening night weekend week month year years last next ago recently lately already still
again anymore instead too also just only even really very pretty always never usually sometimes often mostly
once twice please thanks thank okay ok yes yeah no um uh like right well oh sorry monday tuesday wednesday
thursday friday saturday sunday january february march april june july august september october november
december said says told got get gets called sent charged gave asked came went took made kept left put ran
eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen thirty forty fifty sixty seventy
eighty ninety thousand million dozen couple half days weeks months hours minutes
downtown online remotely directly locally nearby somewhere anywhere everywhere
""".split())
# nouns English leaves bare after these prepositions, and what a thing is rather than who sells it
BARE = frozenset("""
home work school church college class night nights lunch dinner breakfast noon midnight bed town camp court
jail prison sea temple mass hospital university office church free cash money tips hire pay rent retail
wholesale first least best random times length ease fault heart large
website site app phone web internet account card store stores shop shops place places company companies bank
banks business businesses restaurant restaurants family friends friend mom dad grandma grandpa grandmother
grandfather mother father sister brother aunt uncle cousin neighbor neighbors husband wife son daughter kids
parents boss coworker coworkers doctor warranty insurance plan
""".split())
_JOINERS = {"and", "&", "of"}  # inside a name: `barnes and noble`, `bank of the west`
# words after a name that say which part of the organisation: `comcast customer service`
# a spoken or written email's local part: `at mmills at gmail dot com`
_EMAIL_AFTER = re.compile(r"\s?@| at [\w-]+(?:\.| dot )")
_SERVICE = re.compile(r" (?:customer (?:service|support|care)|member services|support|billing|tech support)\b")
_VERB_OR_ADVERB = re.compile(r"(?:ing|ed|ly)$")
# business words that end like a verb: `sunrise senior living`, `apex staffing`
_NAME_ENDINGS = frozenset("living building staffing printing marketing trucking manufacturing engineering housing "
                          "nursing learning training united limited incorporated unlimited".split())
# what `this is … customer service` says of a service rather than the company's name
# a title begins a person's name (`it's Rosalind from Dr. Achterberg's office`)
_TITLES = frozenset("dr dr. doctor mr mr. mrs mrs. ms ms. mister miss professor prof".split())
# a word with a number after it is a numbered thing (`it's Summer from room 208`, `gate 12`)
_NUMBER_AFTER = re.compile(r"\s+(?:#\s*)?(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten)\b)")
# after a copula a participle is the verb (`your provider is running late`, `my bank is closed`)
_COPULA = re.compile(r"(?: is| was| are|'s)$")
_JUDGEMENTS = frozenset("great good bad terrible awful horrible excellent amazing poor ridiculous fantastic "
                        "wonderful best worst lousy".split())


def _name(low: str, start: int) -> tuple[int, int, int] | None:
    """The name's span after a cue ending at `start` and how many words it has, or None."""
    start = _FILLERS.match(low, start).end()
    words: list[re.Match[str]] = []
    pos = start
    while len(words) < _MAX_WORDS + 2:
        m = _WORD.match(low, pos)
        if not m:
            break
        word, before = m.group().strip("'’"), words[-1].group() if words else None
        joins = before is not None and (word in _JOINERS or (word == "the" and before == "of"))
        if (word in STOP and not joins) or (before and _SERVICE.match(low, m.start() - 1)):
            break
        if word.isdigit() or (before and len(word) > 4 and _VERB_OR_ADVERB.search(word)
                              and word not in HEADS and word not in _NAME_ENDINGS):
            break  # a verb or an adverb after the name: `first horizon charged me`, `walmart mostly`
        words.append(m)
        if low[m.end():m.end() + 1] != " ":
            break
        pos = m.end() + 1
    while words and words[-1].group() in _JOINERS | {"the"}:
        words.pop()
    content = [w.group() for w in words if w.group() not in _JOINERS | {"the"}]
    if not content or len(content) > _MAX_WORDS or all(w in BARE or w.rstrip("s") in BARE for w in content):
        return None
    return words[0].start(), words[-1].end(), len(content)


def _has_head(low: str, start: int, end: int) -> bool:
    keys = low[start:end].split()
    return keys[-1] in HEADS or tuple(keys[-2:]) in HEAD_PAIRS or bool(_SERVICE.match(low, end))


class OrganizationCueRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["ORGANIZATION"], name="OrganizationCueRecognizer",
                         supported_language="en")

    def load(self) -> None:
        pass

    def matches(self, text: str) -> list[tuple[int, int, float, str]]:
        low = lowered(text)
        found = []
        for cue in CUES.finditer(low):
            span = _name(low, cue.end())
            if span is None:
                continue
            start, end, size = span
            first = low[start:end].split()[0]
            if _EMAIL_AFTER.match(low, end) or first in _TITLES or (size == 1 and _NUMBER_AFTER.match(low, end)):
                continue
            if _COPULA.search(cue.group()) and _VERB_OR_ADVERB.search(first) and first not in HEADS \
                    and first not in _NAME_ENDINGS:
                continue
            if cue.group("weak") and (not _has_head(low, start, end) or low[start:end].split()[0] in _JUDGEMENTS):
                continue
            if size == 1 and re.search(r"\ban? [a-z ]+,? for$", cue.group()) and low[start:end].endswith("s") \
                    and text[start].islower():
                continue  # a bare plural after `for` is who the work is for: `a lighting designer, for concerts`
            if cue.group("switch") and not SWITCH_DOMAIN.search(low, max(0, cue.start() - 80), end + 60):
                continue
            capitalised = any(c.isupper() for c in text[start:end])
            found.append((start, end, 0.85 if capitalised else 0.6,
                          "organisation after a relational cue" + ("" if capitalised else ", lower case")))
        return found

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        if "ORGANIZATION" not in entities:
            return []
        return [result(self, "ORGANIZATION", s, e, score, why) for s, e, score, why in self.matches(text) if e > s]
