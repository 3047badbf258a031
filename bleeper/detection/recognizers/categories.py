"""Closed classes of words that say who someone is: religion, political affiliation, gender and
sexuality, marital status, zodiac sign, and events (holidays, observances, named events).

Each class is a public, closed vocabulary (the major religions and denominations, US and UK
parties and the ideologies people say they hold, the terms of gender identity and orientation,
the marital statuses of forms and tax filings, the twelve signs, the US federal and the major
religious holidays). A word that is only ever that class counts on its own (`Muslim`,
`divorced`, `nonbinary`, `Capricorn`, `Ramadan`); a word that is also an everyday word, a name
or a product waits for a cue of its class, the words just before or after it as people say them
(`I'm single`, `a Leo`, `I'm pretty conservative`, `they/them`), and words after it that make it
something else turn it off (`male connector`, `Catholic hospital`, `Cancer center`).

One regular expression finds every term; a few dozen characters around it check it (linear cost).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.result import result

CUE_SCORE = 0.85
WINDOW = 60  # characters looked at on each side of a term for its cues
# words said between a cue and its term ("I'm, um, a pretty proud Democrat")
FILLERS = (r"a|an|the|my|his|her|their|our|um|uh|like|really|very|pretty|so|just|also|actually|kind of|sort of|"
           r"definitely|totally|proud|proudly|still|always|now|more of|bit of|little|lifelong|registered|devout|"
           r"practicing|practising|strict|strong|staunch|big|huge|recently|newly|happily|legally|openly")
# what may follow a word used predicatively ("I'm single." / "I'm single, no dependents" / "she's bi and...")
CLAUSE_END = (r"\s*(?:[.,;:!?)\]\"]|$|-{2}|—|(?:and|but|so|though|too|now|again|myself|either|anyway|also|or|"
              r"because|since|if|when|no|yes|yeah|right|okay|ok|politically|at heart|all my life|my whole life|"
              r"since|these days|actually)\b)")


@dataclass(frozen=True)
class Family:
    """Words of one class and what makes them count. `terms` is a regex alternation matched
    case-insensitively (use `(?-i:…)` for terms that must be capitalised); `bare` the score of a
    term with no cue (0: it counts only after a cue); `before`/`after` cues that end just before or
    start just after it; `near` words anywhere within WINDOW that type it; `not_before`/`not_after`
    words that make it something else; `predicative`: a cued term counts only where a clause or a
    listed noun ends it ("I'm an independent." but not "an independent contractor")."""

    entity: str
    terms: str
    bare: float = 0.0
    before: str = ""
    after: str = ""
    near: str = ""
    not_before: str = ""
    not_after: str = ""
    not_near: str = ""  # words anywhere within WINDOW that make it something else
    predicative: str = ""  # extra words allowed right after a predicative term, besides CLAUSE_END


_SUBJECT = (r"i'm|i am|im|i was|we're|we are|were|they're|they are|he's|he is|she's|she is|you're|you are|"
            r"i've been|he's been|she's been|we've been|i'm not|ive been")

FAMILIES: tuple[Family, ...] = (
    Family(
        "RELIGION",
        r"(?:roman |greek |russian |eastern |coptic |ethiopian |serbian |syrian )?catholics?|catholicism|"
        r"(?:greek|russian|eastern|coptic|ethiopian|serbian|syrian) orthodox|orthodox (?:jewish|jews?|christians?)|"
        r"muslims?|moslems?|islam|islamic|hindus?|hinduism|buddhists?|buddhism|sikhs?|sikhism|jewish|jews?|judaism|"
        r"christianity|protestants?|protestantism|(?:southern |american )?baptists?|methodists?|lutherans?|"
        r"presbyterians?|episcopalians?|anglicans?|pentecostals?|evangelicals?|mormons?|latter[- ]day saints?|"
        r"(?-i:LDS)|jehovah'?s witness(?:es)?|(?:seventh[- ]day )?adventists?|amish|mennonites?|quakers?|"
        r"unitarians?(?: universalists?)?|hasidic|hasidim|jains?|jainism|bah[aá]'?[ií]s?|zoroastrians?|"
        r"rastafarians?|wiccans?|taoists?|taoism|shintoists?|scientologists?|atheists?|atheism|agnostics?|"
        r"(?-i:Sunni|Shia|Shiite|Sufi)|non-?denominational|born[- ]again(?: christians?)?",
        bare=0.8,
        # "Catholic Health", "Methodist Hospital", "Baptist Medical Center": an organisation's name
        not_after=r"hospitals?|health(?:care)?|medical|university|college|charities|charity|credit union|"
                  r"community credit|federal credit|family services|social services|healthcare",
    ),
    # `Christian` and `Orthodox` are names and adjectives too: only after a cue of faith
    Family(
        "RELIGION", r"(?-i:Christians?|Orthodox|Pagans?)|pagans?",
        before=r"i'm an?|i am an?|we're|we are|they're|they are|raised|grew up|as an?|devout|practicing|"
               r"practising|born[- ]again|good|strict|fellow|being an?|he's an?|she's an?|\w+['’]s an?",
        after=r"faith|church|household|home|family|values|beliefs|counseling|counselling",
        not_after=r"hospitals?|health(?:care)?|medical|university|college|charities|brothers",
    ),
    Family(
        "POLITICAL_AFFILIATION",
        r"(?-i:Republicans?|Democrats?|Democratic|Libertarians?|GOP|MAGA|Tea Party|Green Party|Green Partiers|"
        r"Socialists?|Communists?|Labour|Tor(?:y|ies)|Lib Dems?|Democratic Socialists?|Working Families Party|"
        r"Constitution Party|Reform Party|Independent Party)",
        bare=0.8,
        not_after=r"republic|peoples? republic",
    ),
    # ideologies that are everyday adjectives: "I'm pretty conservative", "liberal views", not
    # "a conservative estimate", "a liberal return policy", "progressive lenses", "an independent contractor"
    Family(
        "POLITICAL_AFFILIATION",
        r"conservatives?|liberals?|progressives?|moderates?|independents?|libertarians?|socialists?|leftists?|"
        r"left[- ]leaning|right[- ]leaning|centrists?|left[- ]wing(?:ers?)?|right[- ]wing(?:ers?)?|"
        r"far[- ](?:left|right)|populists?|marxists?|anarchists?|communists?|pro[- ]life|pro[- ]choice|maga",
        before=rf"{_SUBJECT}|registered(?: as)?|identify as|identifies as|consider myself|call myself|"
               r"lifelong|die[- ]?hard|card[- ]carrying|politically(?:,)?(?: i'm)?|vote|voted|votes|voting",
        after=r"voters?|party|candidates?|politics|political|views|values|leanings?|caucus|side of the aisle|"
              r"democrats?|republicans?|activists?|movement",
        near=r"politics|political|politically|vote|voted|voting|voter|election|ballot|party|democrats?|republicans?",
        predicative=r"voters?|guy|person|woman|man|family|household|democrats?|republicans?|on \w+",
    ),
    Family(
        "GENDER_SEXUALITY",
        r"(?:bisexual|pansexual|asexual|gay|queer|lesbian|non-?binary|transgender) (?:m[ae]n|wom[ae]n|guys?|couple)|"
        r"non-?binary|enby|genderqueer|gender[- ]?fluid|gender[- ]non[- ]?conforming|agender|bigender|"
        r"transgender|trans (?:wom[ae]n|m[ae]n|person|people|kids?|child|children|daughter|son|teens?|youth|"
        r"folks|community|rights|girl|boy|guy)|transwom[ae]n|transm[ae]n|transsexual|cisgender|"
        r"cis(?:[- ](?:wom[ae]n|m[ae]n|gender))|intersex|bisexual|pansexual|asexual|aromantic|demisexual|"
        r"homosexual|heterosexual|lesbians?|gay|queer|(?-i:LGBTQ?I?A?\+?|LGBT|FTM|MTF)|two[- ]spirit|"
        r"females?|males?",
        bare=0.75,
        not_near=r"cables?|cords?|connectors?|adapters?|plugs?|ports?|jacks?|fittings?|hoses?|pipes?|couplers?|"
                 r"sockets?|chargers?|usb|hdmi|aux|wires?|threads?|nozzles?",
        # connectors and fittings are male and female too; "male pattern baldness"
        not_after=r"ends?|connectors?|adapters?|plugs?|ports?|jacks?|cables?|pins?|threads?|threaded|fittings?|"
                  r"couplers?|sockets?|headers?|to|pattern|version|side|parts?",
        not_before=r"(?:fe)?male to|(?:fe)?male[- ]to[- ]",
    ),
    # words that are gender terms only when someone says they are one: "I'm a woman in my fifties",
    # "she's trans", "I'm bi"
    Family(
        "GENDER_SEXUALITY", r"wom[ae]n|trans|bi",
        before=r"i'm an?|i am an?|as an?|i identify as(?: an?)?|identify as(?: an?)?|identifies as(?: an?)?|"
               r"she's an?|i'm|i am|she's|he's|they're|he is|she is|openly|came out as|out as|being|are both",
        predicative=r"in my|in her|myself|over|of color|who|with|in (?:their|my|her) \w+|too|as well",
    ),
    Family(
        "MARITAL_STATUS",
        r"divorced|divorcee|divorcée|widowed|widows?|widowers?|married|unmarried|remarried|newlyweds?|"
        r"fianc[eé]e?s?|ex[- ](?:wife|husband|spouse|partner|boyfriend|girlfriend|fianc[eé]e?|wives|husbands)|"
        r"domestic partner(?:ship)?s?|civil (?:union|partnership)|common[- ]law(?: (?:wife|husband|partner|"
        r"spouse|marriage))?|legally separated|never been married|never married|late (?:husband|wife|spouse)|"
        r"(?:(?:going|went|gone) through|getting|got|filed for|filing for|in the middle of) (?:a |the |my )?divorce",
        bare=0.8,
        not_before=r"black",  # the spider
        not_after=r"'s peak|peak",
    ),
    # everyday words that are a status only when said of a person: "I'm single, no dependents",
    # "we're separated", "my ex", "just got engaged"; not "a single payment", "single-handedly",
    # "the pages separated", "engaged the brake"
    Family(
        "MARITAL_STATUS", r"single|separated|engaged|ex",
        before=rf"{_SUBJECT}|my|his|her|your|our|their|status is|status's|status|filing(?: as)?|file(?: as)?|"
               r"filed(?: as)?|listed as|marked(?: as)?|checked|just got|got|recently|currently|still|we|they|"
               r"getting|happily|legally|newly|i'm still",
        after=r"moms?|mothers?|dads?|fathers?|parents?|parenting|filers?|status",
        predicative=r"last|this|in (?:january|february|march|april|may|june|july|august|september|october|"
                    r"november|december|\d{4})|to|for|moms?|mothers?|dads?|fathers?|parents?|is|was|has|had|took|"
                    r"keeps|kept|got|left|who|said|wants|won't|will|would|didn't|doesn't|never|lives|used|"
                    r"shouldn't|should|can't|can|isn't|wasn't|and|but|still|just|does|did|owes|pays|"
                    r"'s|filers?|with (?:no|two|three|one|\d)|no dependents|from (?:my|his|her|their|our)",
        not_after=r"handedly|payment|use|family home|person household|click|file|digit|sign[- ]on|time",
    ),
    # `my ex` is a former spouse whatever follows (`take my ex off the plan`; `my ex-employer` never matches)
    Family("MARITAL_STATUS", r"ex", before=r"my|his|her|their|your|our"),
    Family(
        "ZODIAC_SIGN",
        r"(?-i:Aries|Virgos?|Libras?|Scorpios?|Sagittarius|Capricorns?|Aquarius|Pisces|Ophiuchus)|"
        r"sagittarius|capricorns?|aquarius|pisces",
        bare=0.6,
        before=r"i'm an?|i am an?|he's an?|she's an?|you're an?|they're|was an?|is an?|\w+['’]s an?|typical|"
               r"total|such an?|classic|fellow|true|born an?|sign is|sign's|rising|moon|sun|double",
        after=r"sign|season|rising|moon|sun|zodiac|horoscope|traits?|energy|personality|man|woman|guy|girl|baby|"
              r"pendant|necklace|charm|birthday|constellation|cusp",
        near=r"zodiac|horoscope|astrolog\w*|star sign|birth chart|sun sign|my sign|her sign|his sign",
    ),
    # signs that are also a name, a disease, an AI product or a car: only with a cue
    Family(
        "ZODIAC_SIGN", r"(?-i:Leos?|Cancers?|Geminis?|Taurus|Tauruses)",
        before=r"i'm an?|i am an?|he's an?|she's an?|you're an?|they're|was an?|is an?|\w+['’]s an?|typical|"
               r"total|such an?|classic|fellow|true|born an?|sign is|sign's|rising|moon|sun|double",
        after=r"sign|season|rising|moon|sun|zodiac|horoscope|traits?|energy|personality|pendant|necklace|charm|"
              r"birthday|constellation|cusp",
        near=r"zodiac|horoscope|astrolog\w*|star sign|birth chart|sun sign|my sign|her sign|his sign",
        not_after=r"cent(?:er|re)|treatment|patients?|survivors?|diagnosis|research|society|institute|screening|"
                  r"ward|doctor|care|cells?|app|model|ai|assistant|subscription|advanced|pro|ultra|sho",
    ),
    Family(
        "EVENT",
        # US federal holidays, observances and the major religious holidays
        r"(?:christmas|xmas)(?: (?:eve|day|morning))?|thanksgiving(?: day)?|halloween|hanukk?ah|chanukk?ah|"
        r"kwanzaa|passover|yom kippur|rosh hashan?ah?|sukkot|purim|shavuot|ramadan|ramzan|(?-i:Eid)(?: (?:al|ul)"
        r"[- ](?:fitr|adha))?|diwali|deepavali|(?-i:Holi|Navratri|Vesak|Lent|Advent|Epiphany|Pentecost|"
        r"Sabbath|Shabbat|Shabbos|Ash Wednesday|Good Friday|Palm Sunday|Maundy Thursday|Easter|Easter Sunday)|"
        r"easter(?: sunday| weekend)?|(?:lunar|chinese) new year|new year'?s(?: eve| day)?|juneteenth|"
        r"memorial day|labou?r day|veterans'? day|presidents'? day|independence day|fourth of july|"
        r"july (?:4th|fourth)|(?:martin luther king(?: jr\.?)?|mlk) day|columbus day|indigenous peoples'? day|"
        r"valentine'?s(?: day)?|mother'?s day|father'?s day|(?:st\.?|saint) patrick'?s day|cinco de mayo|"
        r"mardi gras|all saints'? day|d[ií]a de (?:los )?muertos|day of the dead|oktoberfest|boxing day|"
        r"earth day|election day|tax day|groundhog day|april fools'? day|black friday|cyber monday|prime day|"
        r"small business saturday|giving tuesday|super bowl(?: sunday)?|"
        # named sports, award and culture events
        r"olympics|olympic games|paralympics|world cup|world series|stanley cup(?: final)?s?|nba finals|"
        r"final four|march madness|kentucky derby|indy 500|daytona 500|tour de france|(?-i:Wimbledon|US Open|"
        r"Grammys|Oscars|Emmys|Golden Globes|Met Gala|Coachella|Lollapalooza|Burning Man|Comic-Con|SXSW|CES)",
        bare=0.9,
    ),
    # a name and an event noun: "the Boston Marathon", "Riverfest", "the county's Apple Festival"
    Family(
        "EVENT",
        r"(?-i:(?:(?:[A-Z][a-z]+|[A-Z]{2,}|\d{4})(?: of| de| & | and )?\s?){1,3}(?:Half Marathon|Marathon|"
        r"Festival|Fest|Fair|Expo|Conference|Convention|Summit|Championships?|Tournament|Invitational|Games|"
        r"Parade|Gala|Derby|Regatta|Rodeo|Carnival|Jamboree|Telethon|Triathlon|Ironman|Grand Prix|Awards|"
        r"Fashion Week|Con))",
        bare=0.75,
    ),
)
_NOT_EVENT_NAME = re.compile(r"(?:I|The|A|An|My|Our|Your|This|That|We|It|Next|Last|Every|Each|Same|One|Yes|No|"
                             r"Okay|So|And|But|Or|Hi|Hello|Thanks|Well|Oh|Um|Uh|Their|His|Her|Its|Annual)\s+")


class _Compiled:
    def __init__(self, family: Family) -> None:
        flags = re.IGNORECASE
        self.family = family
        # a possessive ends most terms' use as the class (`Cancer's`), but a marital status keeps
        # it: `under my ex-husband's name` still says the caller is divorced
        possessive = r"['’](?!s\b)[a-z]" if family.entity == "MARITAL_STATUS" else r"['’][a-z]"
        self.terms = re.compile(rf"(?<![\w'’-])(?:{family.terms})(?![\w-]|{possessive})", flags)
        filler = rf"(?:\W+(?:{FILLERS}))*"
        self.before = re.compile(rf"(?:^|\W)(?:{family.before}){filler}\W*$", flags) if family.before else None
        self.after = re.compile(rf"^\W*(?:{family.after})\b", flags) if family.after else None
        self.near = re.compile(rf"\b(?:{family.near})\b", flags) if family.near else None
        self.not_before = re.compile(rf"(?:^|\W)(?:{family.not_before})\W*$", flags) if family.not_before else None
        self.not_after = re.compile(rf"^[\s'’]*(?:{family.not_after})(?!\w)", flags) if family.not_after else None
        self.not_near = re.compile(rf"\b(?:{family.not_near})\b", flags) if family.not_near else None
        extra = rf"|\s+(?:{family.predicative})\b" if family.predicative else ""
        self.clause_end = re.compile(rf"^(?:{CLAUSE_END}{extra})", flags)

    def find(self, text: str) -> list[tuple[int, int, float, str]]:
        family, found = self.family, []
        for m in self.terms.finditer(text):
            start, end = m.span()
            left, right = text[max(0, start - WINDOW):start], text[end:end + WINDOW]
            if (self.not_after and self.not_after.match(right)) or (self.not_before and self.not_before.search(left)) \
                    or (self.not_near and self.not_near.search(left + " " + right)):
                continue
            cued_before = bool(self.before and self.before.search(left))
            cued = (cued_before and (not family.predicative or self.clause_end.match(right))) \
                or bool(self.after and self.after.match(right)) or bool(self.near and self.near.search(left + " " + right))
            if cued:
                found.append((start, end, CUE_SCORE, f"{family.entity.lower()} after a cue"))
            elif family.bare:
                found.append((start, end, family.bare, f"{family.entity.lower()} vocabulary"))
        return found


COMPILED = tuple(_Compiled(f) for f in FAMILIES)
ENTITIES = sorted({f.entity for f in FAMILIES})

# said of oneself with a gender marker or pronouns: "the gender marker on my passport is X", "they/them"
PRONOUNS = re.compile(r"(?<![\w/])(?:she|he|they|ze|xe|zie|ey)\s?/\s?(?:her|him|them|hir|zir|xem|em|hers|his|theirs)"
                      r"(?:\s?/\s?(?:hers|his|theirs|her|him|them|xyrs))?(?![\w/])"
                      r"|(?<=pronouns are )(?:she|he|they|ze|xe)(?:(?:,? and |[ ,/]+)(?:her|him|them|hers|his|theirs))"
                      r"{1,2}\b", re.IGNORECASE)
MARKER = re.compile(r"\b(?:gender|sex)(?: marker)?(?: (?:on|in|for) (?:my|his|her|their|the) \w+)?"
                    r"(?: (?:is|was|says|shows|reads|should be|listed as|marked as|as|'s|changed to|to))+,? "
                    r"(?:an? )?(?-i:(X|M|F))\b", re.IGNORECASE)


# a holiday after `born on` and before a year names a day
_A_DAY = re.compile(r",?\s+(?:in\s+)?(?:\d{4}|(?:nineteen|twenty|two thousand)\b)", re.IGNORECASE)
_BORN = re.compile(r"\bborn\s+(?:on\s+)?(?:the\s+)?$", re.IGNORECASE)


class CategoryRecognizer(EntityRecognizer):
    """RELIGION, POLITICAL_AFFILIATION, GENDER_SEXUALITY, MARITAL_STATUS, ZODIAC_SIGN and EVENT
    from the closed vocabularies above, typed by their cues."""

    def __init__(self) -> None:
        super().__init__(supported_entities=ENTITIES, name="CategoryRecognizer", supported_language="en")

    def load(self) -> None:
        pass

    def matches(self, text: str) -> list[tuple[str, int, int, float, str]]:
        found = []
        for compiled in COMPILED:
            for start, end, score, why in compiled.find(text):
                if compiled.family.entity == "EVENT":
                    if _A_DAY.match(text, end) and _BORN.search(text, max(0, start - 20), start):
                        continue  # `born on the fourth of July, 1982` is a date, not the holiday
                    lead = _NOT_EVENT_NAME.match(text, start, end)
                    while lead and lead.end() < end:  # "The Boston Marathon" → "Boston Marathon"
                        start = lead.end()
                        lead = _NOT_EVENT_NAME.match(text, start, end)
                found.append((compiled.family.entity, start, end, score, why))
        found += [("GENDER_SEXUALITY", m.start(), m.end(), CUE_SCORE, "pronouns") for m in PRONOUNS.finditer(text)]
        found += [("GENDER_SEXUALITY", m.start(1), m.end(1), CUE_SCORE, "gender marker") for m in MARKER.finditer(text)]
        return found

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        return [result(self, entity, s, e, score, why) for entity, s, e, score, why in self.matches(text)
                if entity in entities and e > s]
