"""Job titles after `I'm a`, `I work as a`, `she's a`: the title with its modifiers (`a union
electrician`, `a personal chef`, `a commercial fisherman`), and titles no list holds, by the
English agent-noun endings (`farrier`, `arborist`, `phlebotomist`, `lineman`) (issue 12).

The occupation vocabulary (BLS titles) reports a bare title after a cue, but not the words before
it, and has no `farrier`. After a cue that announces what someone is, a noun phrase ending in an
agent noun is almost always a job; the agent nouns that are not jobs (`a customer`, `a member`, `a
homeowner`) are a closed set of everyday English, listed below.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.organizations import HEADS
from bleeper.detection.recognizers.personal import ROLES
from bleeper.detection.recognizers.result import result
from bleeper.detection.recognizers.vocabulary import load_terms

CUE = re.compile(
    r"\b(?:i'm|i am|i was|i've been|he's|he is|he was|she's|she is|she was|they're|my (?:wife|husband|son|"
    r"daughter|mom|dad|mother|father|brother|sister|partner)(?: is|'s)|i work as|works as|worked as|working as|"
    r"job as|employed as|career as|hired as|retired)\s+(?:(?:um|uh|like|actually),?\s+)*(?:an?|the)\s+",
    re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][a-z]*(?:-[a-z]+)?")
AGENT = re.compile(r"[a-z]{3,}(?:er|or|ist|ian|man|woman|smith|wright|ant|ent|eer|ier)$")
# words with an agent noun's ending that are adverbs or pronouns (`I've been a customer forever`)
NOT_AGENTS = frozenset("forever never ever whatever whenever wherever however together rather later sooner "
                       "earlier longer further other another either neither whether over under after hereafter "
                       "moment recent different current frequent constant urgent".split())
# agent nouns that say what someone is to a business or in life, not their job
NOT_JOBS = frozenset("""
member customer client user owner homeowner renter tenant borrower lender subscriber caller patient smoker
nonsmoker non-smoker beginner resident citizen survivor believer lover winner loser widower widow partner buyer
seller shopper traveler traveller passenger flyer rider holder cardholder policyholder beneficiary dependent
student parent grandparent neighbor neighbour stranger foreigner immigrant veteran retiree volunteer donor voter
participant applicant claimant recipient resident first-timer newcomer regular other mother
father brother sister daughter son sitter fan follower viewer listener reader runner walker golfer gamer
teenager youngster toddler senior minor adult man woman gentleman person human vegetarian vegan diabetic
christian catholic muslim buddhist hindu atheist democrat republican libertarian independent liberal
conservative mormon lutheran methodist baptist american canadian mexican italian indian asian european african
cancer scorpio sagittarius aquarius taurus leo virgo libra aries gemini capricorn pisces
little bit lot number matter quarter character victim witness suspect defendant plaintiff debtor creditor
guarantor cosigner co-signer signer account holder joint
sleeper sleepers eater drinker learner talker thinker worrier snorer saver spender tipper riser procrastinator
perfectionist optimist pessimist introvert extrovert night-owl
bigger taller shorter older younger smaller heavier larger thinner skinnier stronger weaker faster slower better
newer happier healthier sicker quieter louder richer poorer wider
""".split())  # the last line: comparatives (`I'm a bigger guy`), no agent nouns
# licences said as the job (`I'm an RN`, `she's a CNA`), and the job of keeping a home
TITLE_ACRONYM = re.compile(r"(?:RN|LPN|LVN|NP|CNA|EMT|CPA|MD|DDS|DMD|LCSW|LPC|LMFT|CRNA|PharmD|CFP|CDL driver|"
                           r"(?i:stay[- ]at[- ]home (?:mom|dad|mother|father|parent)))\b")
# a job named as someone's (`my manager`, `your own doctor`, `a supervisor`, `the plumber's scheduled`):
# AssemblyAI's occupation covers any job title; the call centre's own roles are left out, as the
# blind sets' authors left them out (`agent`, `representative`: unclear)
OWNED = re.compile(r"\b(?:a|an|the|my|your|his|her|our|their)\s+(?:own\s+)?", re.IGNORECASE)
# a judgement before an agent noun says how someone works, not what at: `a hard worker`, `a fast learner`
TRAITS = frozenset("hard good great bad terrible fast slow quick natural decent real total huge".split())
# heads whose thing's or firm's sense is the common one when no cue says a person does the job:
# `the replacement charger`, `the pro model`, `the urgent care`, `the death benefit`, `the card
# reader`, `my loan servicer is Keystone Lending`, `the manufacturer`, `my travel companion`
THINGS = frozenset("charger chargers model models server servers security benefit benefits care reader readers "
                   "servicer servicers manufacturer manufacturers companion companions aid fundraiser chair chairs opener "
                   "openers".split())
# a role on a policy or an account, not a job: `listed as a driver`, `added as a driver on the policy`
POLICY_ROLE = re.compile(r"\b(?:list\w*|add\w*|remov\w*|nam\w*|exclud\w*|cover\w*|insur\w*|keep|kept|put|"
                         r"still|on there|on it)\s+as\s+an?\s+$", re.IGNORECASE)
# titles whose everyday sense is a role, not a job (`the driver who hit me`, `the other driver's
# name`, `the guide was lovely`): a job only when a name is given with it (`the driver, Mr. Oduya`)
EVERYDAY = frozenset("driver drivers guide guides host hosts".split())
APPOSITIVE = re.compile(r",\s*(?:(?:uh|um),?\s*)?(?:[A-Z][a-z]|her name|his name)")
# what says an owned title is someone (`the technician's name was`, `the guide, Nikolaos`, `the
# nurse who came`, `my supervisor said`): a title reported only after a cue needs it
PERSON_AFTER = re.compile(r"(?:['’]s name\b|,\s*(?:(?:uh|um),?\s*)?(?:[A-Z][a-z]|her name|his name|their name)"
                          r"|\s+(?:who|named|called [A-Z]|said|says|told|tells|came|comes|is coming|was here|"
                          r"will be|wants|thinks|thought|recommended|gave|asked|prescribed|charged|sent|showed|"
                          r"is [A-Z][a-z]+\b(?! (?:account|card|app|plan))))")
VERBS_AFTER = frozenset("said says told tells thinks thought might may will would can could should is was has had "
                        "came comes left gave wants wanted recommended prescribed dropped called does did charged "
                        "sent showed put took asked knows knew".split())
CALL_CENTRE = frozenset("agent agents representative representatives rep reps associate associates specialist "
                        "specialists operator operators advisor adviser staff team person someone member members "
                        "customer customers caller callers user users owner owners".split())
# the professions personal.py names as a third party's role, as heads after a cue (`a hospice chaplain`)
_ROLE = re.compile(rf"(?:{ROLES})", re.IGNORECASE)
# a job said as a title before a surname (`Professor Bettencourt`, `Coach Dunleavy`, `Sergeant
# Ruiz`); a courtesy title (`Doctor Lee`) is part of the name, names.py's
# the surname is followed by the end of a clause or a verb, as a person is (`Coach Dunleavy said`,
# not `Driver Assist on the highway`, `Baker Street`)
TITLE_BEFORE_NAME = re.compile(
    r"\b([A-Z][a-z]+) (?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: [A-Z][a-z]+)?)(?=[,.?!;]|$| (?:said|says|is|was|will|"
    r"would|has|had|told|tells|called|gave|took|wants|thinks|and|who|came|sent|asked|didn't|doesn't|isn't|wasn't|"
    r"can|could|just|also|about|teaches|taught|coaches|runs|ran)\b)")
_PLACE_WORDS = frozenset("street road lane avenue drive court boulevard place way circle terrace parkway highway "
                         "trail plaza square park county city lake river mountain hill hills".split())
_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w'-]*,? $")
STOP = frozenset("and or but so because since for in at on with by from to of who that which when where if "
                 "i my we you he she they it is was".split())


class OccupationFormRecognizer(EntityRecognizer):
    """A job title after a cue, with its modifiers; unknown titles by their agent-noun ending."""

    def __init__(self) -> None:
        self.titles = {k for k, terms in load_terms().items() if any(t.entity == "OCCUPATION" for t in terms)}
        self.titles |= {"doctor", "doctors"}  # left out of the list, which also serves `Doctor Lee` (a title)
        super().__init__(supported_entities=["OCCUPATION"], name="OccupationFormRecognizer", supported_language="en")

    def load(self) -> None:
        pass

    def matches(self, text: str) -> list[tuple[int, int, float]]:
        found = self._after_cue(text) + self._titles_before_names(text)
        taken = [(s, e) for s, e, _ in found]
        for owner in OWNED.finditer(text):
            words = self._phrase(text, owner.end(), 3)
            # the phrase ends before a name or a verb: `my trainer Anselm left`, `the sleep doctor said`
            # (a bare `the doctor said` is anyone's doctor: the sets leave it, as they leave `the
            # technician can come out`)
            cut = next((k for k in range(1, len(words)) if words[k].group()[0].isupper()
                        or (k >= 2 and words[k].group().lower() in VERBS_AFTER)), len(words))
            words = words[:cut]
            if words and words[-1].group() == "Doctor" and re.match(r" [A-Z]", text[words[-1].end():]):
                continue  # `her Doctor Paddy`: a courtesy title, part of the name (names.py)
            if not words or (text.startswith(("'s", "’s"), words[-1].end())
                             and not PERSON_AFTER.match(text, words[-1].end())):
                continue  # `my driver's license`: a possessive title names the thing after it
            # the head of an English noun phrase is its last word: `the security code` is no guard
            head, phrase = words[-1].group().lower(), " ".join(w.group().lower() for w in words)
            title = next((" ".join(w.group().lower() for w in words[i:]) for i in range(len(words))
                          if " ".join(w.group().lower() for w in words[i:]) in self.titles), None)
            title = title or (head if _ROLE.fullmatch(head) else None)
            if title is None or head in CALL_CENTRE or head in NOT_JOBS or head in THINGS:
                continue
            if POLICY_ROLE.search(text, max(0, owner.start() - 30), owner.end()):
                continue
            if title in EVERYDAY and not APPOSITIVE.match(text, words[-1].end()):
                continue
            if len(words) == 1 and words[0].group()[0].isupper() and owner.group().strip().lower() in ("the", "a", "an"):
                continue  # a capitalised lone word after an article is a name (`the Manager app`)
            if not any(s < words[-1].end() and words[0].start() < e for s, e in taken):
                found.append((words[0].start(), words[-1].end(), 0.45))
        return found

    @staticmethod
    def _phrase(text: str, start: int, most: int) -> list[re.Match[str]]:
        """Up to `most` words from `start`, ended by punctuation or a function word; a possessive
        `'s` ends the phrase on its word (`a doctor's note`)."""
        words: list[re.Match[str]] = []
        for m in _WORD.finditer(text, start):
            gap = text[(words[-1].end() if words else start):m.start()]
            if gap.strip() or m.group().lower() in STOP or len(words) == most:
                break
            words.append(m)
            if text.startswith(("'s", "’s"), m.end()):
                break
        return words

    def _after_cue(self, text: str) -> list[tuple[int, int, float]]:
        found = []
        for cue in CUE.finditer(text):
            words = []
            for m in _WORD.finditer(text, cue.end()):
                gap = text[(words[-1].end() if words else cue.end()):m.start()]
                if gap.strip() or m.group().lower() in STOP or len(words) == 4:
                    break  # a comma, a full stop or a function word ends the phrase
                words.append(m)
            acronym = TITLE_ACRONYM.match(text, cue.end())
            if acronym:
                found.append((acronym.start(), acronym.end(), 0.8))
                continue
            # the longest prefix of the phrase that ends in a title: "union electrician", "personal chef"
            for n in range(len(words), 0, -1):
                head = words[n - 1].group().lower()
                phrase = " ".join(w.group().lower() for w in words[:n])
                if head in NOT_JOBS or phrase in NOT_JOBS or head in NOT_AGENTS or words[0].group().lower() in TRAITS:
                    continue
                known = head in self.titles or phrase in self.titles or head.rstrip("s") in self.titles \
                    or bool(_ROLE.fullmatch(head))
                if known or AGENT.fullmatch(head):
                    found.append((words[0].start(), words[n - 1].end(), 0.8 if known else 0.6))
                    break
        return found

    def _titles_before_names(self, text: str) -> list[tuple[int, int, float]]:
        found = []
        for m in TITLE_BEFORE_NAME.finditer(text):
            if _CAPITALISED_BEFORE.search(text, max(0, m.start() - 30), m.start()):
                continue  # inside a run of capitalised words: a business's or a product's name
            title, names = m.group(1).lower(), m.group("name").lower().split()
            if any(w in _PLACE_WORDS or w in HEADS for w in names):
                continue
            name = names[0]
            if title not in {"doctor", "doctors"} and (title in self.titles or _ROLE.fullmatch(title)) \
                    and title not in NOT_JOBS and title not in CALL_CENTRE and name not in self.titles:
                found.append((m.start(1), m.end(1), 0.7))
        return found

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        if "OCCUPATION" not in entities:
            return []
        return [result(self, "OCCUPATION", s, e, score, "job title after a cue") for s, e, score in self.matches(text)]
