"""Occupations said as what someone does rather than as a title: `I clean houses for a living`,
`I drive for Uber on weekends`, `my wife teaches third grade`, `I work in construction`, `I work
the front desk`, `I'm retired military` (issue 12).

occupation_forms.py finds titles after `I'm a`, `I work as`; callers as often name the work
itself. English marks it with a few frames — `… for a living`, `work in <a field>`, `teach
<a grade or subject>`, `drive/deliver for <a platform>`, the military — so the frames, not a
list of jobs, carry it. Each frame alone stays clear of everyday talk: `I work in the kitchen`
(a room, not a field), `I drive for an hour`, `she teaches me patience`.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.result import merged, result

_WHO = (r"(?:i|he|she|they|we|my (?:wife|husband|son|daughter|mom|mother|dad|father|brother|sister|partner|"
        r"boyfriend|girlfriend)|(?:my|his|her) (?:wife|husband|partner)(?:'s)?)")
# `I clean houses for a living`, `he does HVAC repair for a living`
LIVING = re.compile(rf"\b{_WHO}\s+(?:(?:do|does|did|just|mostly|basically|still|used to)\s+)*"
                    r"(?P<job>(?!do\b|does\b)[a-z][\w'-]*(?:\s+[\w'-]+){0,3}?)\s+for a living\b", re.IGNORECASE)
# gig work for a platform: `I drive for Uber`, `she delivers for DoorDash`
_PLATFORM = r"uber|lyft|doordash|door dash|instacart|grubhub|postmates|amazon flex|amazon|fedex|ups|shipt|taskrabbit"
GIG = re.compile(rf"\b{_WHO}\s+(?:also\s+|still\s+|just\s+)?(?P<job>(?:drive|drives|drove|driving|deliver|delivers|"
                 rf"delivered|delivering|shop|shops|shopping|dash|dashes)\s+for\s+(?:{_PLATFORM}))\b", re.IGNORECASE)
# `my wife teaches third grade`, `he teaches high school math`
TEACH = re.compile(rf"\b{_WHO}\s+(?:still\s+|also\s+)?(?P<job>(?:teach|teaches|taught|teaching)\s+(?:(?:at\s+(?:a|the)\s+)?"
                   r"(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|1st|2nd|3rd|4th|5th|6th|7th|8th)"
                   r" grade|kindergarten|preschool|pre-?k|high school|middle school|elementary(?: school)?|college|"
                   r"special ed(?:ucation)?|ESL|math|science|biology|chemistry|english|history|music|art|spanish|"
                   r"french|yoga|piano|nursing)(?:\s+(?:math|science|english|history|music|art|band|chemistry|"
                   r"biology|spanish))?))\b", re.IGNORECASE)
# `I work in construction`, `she's in sales`, `I work the front desk`, `I do IT for the county`
_FIELD = (r"construction|retail|sales|(?-i:IT|HR)|human resources|accounting|finance|banking|healthcare|health care|"
          r"nursing|hospitality|real estate|insurance|marketing|law enforcement|corrections|logistics|trucking|"
          r"manufacturing|landscaping|plumbing|roofing|childcare|child care|daycare|home health|hospice|tech|"
          r"software|education|customer service|food service|the restaurant business|the food industry|"
          r"payroll|billing|collections|dispatch|security|the military|the trades|oil and gas|mining|"
          r"agriculture|farming|fishing|the ministry")
FIELD = re.compile(rf"\b{_WHO}(?:'m|'s|'re| am| is| are)?\s+(?:(?:work|works|worked|working)\s+)?in\s+"
                   rf"(?P<job>{_FIELD})\b(?!\s+(?:mode|settings?|department of (?:the|your)|tab|menu|app|school|program|class|"
                   r"classes|degree|student|course|home|facility|stocks?|shares))"
                   rf"|\b{_WHO}\s+(?:work|works|worked)\s+(?P<post>the (?:front desk|register|night shift|"
                   r"overnight shift|graveyard shift|door|counter|drive-thru|drive-through|floor|line|kitchen "
                   r"line|nurses' station)|security|construction|retail|dispatch|reception)\b"
                   # `my wife does payroll for a trucking company`
                   rf"|\b{_WHO}\s+(?:do|does|did)\s+(?P<work>{_FIELD}|bookkeeping|taxes|hair|nails|books)\s+for\s+"
                   r"(?:a|an|the|my|his|her|their|our|\w+'s)\b", re.IGNORECASE)
# `my dad owns a landscaping business`, `I run a daycare`
OWNS = re.compile(rf"\b{_WHO}\s+(?:also\s+|still\s+)?(?P<job>(?:own|owns|owned|run|runs|ran)\s+(?:a|an|his|her|my|"
                  # the kind of business is the job: `my own business` names none
                  r"our|their)\s+(?:(?:small|little|family|local|own)\s+)?(?!(?:own|small|little|family|local)\s)"
                  r"(?:[a-z-]+\s+){1,2}(?:business|company|"
                  r"shop|store|restaurant|salon|bakery|farm|firm|practice|daycare|clinic|food truck|bar|cafe|café|"
                  r"garage|studio|gym|agency|contracting business))\b", re.IGNORECASE)
# service said as a job: `I'm retired military`, `he's in the military` (a named branch, `in the
# Navy`, is an organisation: the blind sets' labellers read AssemblyAI so)
SERVICE = re.compile(rf"\b(?:(?:retired|former|ex-|active[- ]duty|active)\s*(?P<a>military|armed forces)"
                     rf"|{_WHO}(?:'m|'s|'re| am| is| are| was| were)\s+in\s+the\s+(?P<b>military|armed forces))\b",
                     re.IGNORECASE)
_NOT_A_JOB = re.compile(r"(?i)^(?:it|this|that|nothing|something|anything|what|that stuff|this stuff|them|"
                        r"whatever|stuff|things)$")


class WorkTalkRecognizer(EntityRecognizer):
    """Work named by what someone does: OCCUPATION."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["OCCUPATION"], name="WorkTalkRecognizer", supported_language="en")

    def load(self) -> None:
        pass

    def matches(self, text: str) -> list[tuple[int, int, float]]:
        found = []
        for rx in (LIVING, GIG, TEACH, FIELD, SERVICE, OWNS):
            for m in rx.finditer(text):
                group = next((g for g in ("job", "post", "work", "a", "b") if g in rx.groupindex and m.group(g)), None)
                if group is None or m.group(group) != "IT" and _NOT_A_JOB.match(m.group(group)):
                    continue
                found.append((m.start(group), m.end(group), 0.7))
        return merged(found)

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        if "OCCUPATION" not in entities:
            return []
        return [result(self, "OCCUPATION", s, e, score, "work said as what someone does")
                for s, e, score in self.matches(text)]
