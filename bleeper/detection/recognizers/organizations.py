"""Organisations said in calls: a business name ending in what the business is (`Riverbend
Plumbing`, `Little Sprouts Pediatrics`, `Keystone Federal Credit Union`, `Tidewater Marine Supply`,
`Delgado and Partners`, `Acme LLC`), and a name where the words before it say it is one
(`thank you for calling Maple and Thread`, `I work at Dunmore and Price`, `my Verizon account`,
`I bank with Chase`, `a place called Copper Kettle`, `paid with PayPal`).

spaCy sm knows many brands and the learned tagger has no organisation label (it calls `Wells
Fargo` a person and `Riverbend` a place); these shapes need neither. Names Whisper wrote in lower
case are organization_cues.py's (`thanks for calling blue ridge plumbing`). Each
candidate is a run of capitalised words found by one regex pass, checked by the words at its end
and just before it, so the cost is linear in the text.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.result import result

# what a business is, said as the last words of its name
HEADS = {
    "plumbing", "heating", "cooling", "hvac", "electric", "electrical", "roofing", "construction", "contractors",
    "landscaping", "lawn", "cleaning", "cleaners", "movers", "moving", "storage", "towing", "auto", "automotive",
    "motors", "collision", "tire", "tires", "dental", "dentistry", "orthodontics", "pediatrics", "dermatology",
    "cardiology", "orthopedics", "oncology", "radiology", "chiropractic", "optometry", "pharmacy", "drugs", "clinic",
    "hospital", "medical", "health", "healthcare", "labs", "laboratories", "imaging", "veterinary", "bank",
    "bancorp", "banking", "savings", "trust", "financial", "finance", "capital", "mortgage", "lending", "loans",
    "insurance", "assurance", "mutual", "realty", "properties", "apartments", "homes", "builders", "energy",
    "power", "utilities", "telecom", "wireless", "communications", "cable", "broadband", "airlines", "airways",
    "travel", "tours", "cruises", "rentals", "hotel", "hotels", "inn", "resort", "resorts", "suites", "lodge",
    "logistics", "shipping", "freight", "express", "supply", "supplies", "hardware", "lumber", "market", "foods",
    "grocery", "groceries", "cafe", "café", "coffee", "bakery", "restaurant", "grill", "kitchen", "diner", "pizza",
    "pizzeria", "tavern", "salon", "spa", "barbershop", "fitness", "gym", "studio", "studios", "law", "legal",
    "accounting", "consulting", "management", "holdings", "industries", "enterprises", "technologies", "systems",
    "software", "solutions", "services", "media", "publishing", "agency", "partners", "associates", "group",
    "company", "co", "corp", "corporation", "inc", "llc", "ltd", "llp", "pllc", "outfitters", "apparel", "boutique",
    "jewelers", "furniture", "mattress", "appliances", "renewables", "solar", "marine", "academy", "university",
    "college", "institute", "foundation", "ministries", "center", "daycare", "preschool", "montessori", "wholesale",
    "outlet", "depot", "mart", "warehouse", "school", "pharmaceuticals", "dealership", "sons", "brothers", "bros",
    "pd", "police", "sheriff", "parish", "church", "electronics", "computers", "optical", "wellness", "nursery",
    "florist", "printing", "sporting", "pets",
    # more of what a business is: `Ridgeview Glass`, `Dollar Barn`, `Quillon Therapeutics`, `Westbrook Elementary`
    "glass", "barn", "therapeutics", "medicine", "catering", "brewery", "farms", "garage", "works", "shop",
    "gallery", "theater", "theatre", "bistro", "cantina", "taqueria", "deli", "motel", "elementary", "kitchens",
    "landscapes", "productions", "events", "bookbinding", "upholstery", "welding", "staffing", "trucking",
}
# what a business is, said first (`Casa Verdejo`, `Hotel Marisol`, `Café Luna`)
LEADS = {"casa", "hotel", "motel", "club", "café", "cafe", "hostal", "posada", "taqueria", "clinica", "bodega"}
# payment services, a closed set like the card networks, named wherever money is sent (`my Venmo
# is`, `set up Zelle`, `Cash App says it sent`): spaCy sm reads them as people
PAYMENT_APPS = re.compile(r"\b(?:Venmo|Zelle|PayPal|Cash App|CashApp|Apple Pay|Google Pay|Samsung Pay)\b")
HEAD_PAIRS = {("credit", "union"), ("body", "shop"), ("urgent", "care"), ("eye", "care"), ("pest", "control"),
              ("physical", "therapy"), ("animal", "hospital"), ("medical", "center"), ("learning", "center"),
              ("auto", "body"), ("auto", "repair"), ("auto", "parts"), ("sporting", "goods")}
# names of a hospital: "Mercy General", but not "Attorney General"
_GENERAL_TITLES = {"attorney", "surgeon", "inspector", "consul", "postmaster", "secretary", "adjutant", "major"}
# capitalised words that name no one: the call's own vocabulary, and words that begin a sentence
GENERIC = {
    "customer", "billing", "technical", "tech", "support", "claims", "member", "members", "account", "accounts",
    "fraud", "sales", "patient", "patients", "main", "front", "online", "service", "department", "team", "mental",
    "behavioral", "public", "primary", "urgent", "family", "emergency", "home", "local", "the", "a", "an", "my",
    "our", "your", "their", "his", "her", "this", "that", "i", "we", "you", "it", "he", "she", "they", "and", "or",
    "but", "so", "yes", "no", "okay", "ok", "hi", "hello", "thanks", "thank", "well", "oh", "um", "uh", "mr", "mrs",
    "ms", "dr", "mr.", "mrs.", "ms.", "dr.", "st", "saint", "new", "old", "next", "last", "every", "general",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "is", "was", "are",
    "i'm", "i've", "i'll", "i'd", "yeah", "yep", "sure", "please", "sorry", "just", "also", "actually", "then", "now",
    "when", "if", "because", "what", "where", "how", "why", "who", "can", "could", "would", "will", "do", "does",
    "did", "let", "let's", "there", "here", "christmas", "thanksgiving", "easter", "halloween", "hanukkah", "after", "before", "since", "once", "like", "maybe", "right", "great",
    "perfect", "good", "got", "get", "have", "had", "has", "not", "all", "any", "some", "one", "two", "to", "in",
    "on", "at", "for", "from", "with", "by", "as", "of", "it's", "that's", "there's", "we're", "they're", "you're",
}
_CAP = r"(?:[A-Z][\w'’.&-]*|\d+(?:st|nd|rd|th)?|&)"
RUN = re.compile(rf"(?<![\w'’-]){_CAP}(?:(?:,? (?:&|and|of|the|de|la|du|for|on) | )(?-i:{_CAP}))*(?<!')")
# (scores above spaCy sm's 0.85: Presidio keeps one of two equal spans, the higher-scored, and
# spaCy's guesses rank under the learned tagger's names in detect.resolve_overlaps)
# cues strong enough that the words after them are an organisation even in lower case
STRONG = re.compile(
    r"(?:thank(?:s| you) for calling|calling on behalf of|i work (?:at|for)|"
    # "calling from" names a place as often as a company ("I'm calling from Dayton"), unless a name
    # came first: "this is Andrea calling from Humana"
    r"(?:this is|it's|my name is|name's) [a-z]+(?: [a-z]+)?,? (?:and )?(?:i'm )?calling from|"
    r"(?:a|the) (?:place|company|business|shop|store|firm|restaurant|merchant|vendor|agency|clinic|practice|"
    r"outfit|app|website|site|bank|practice) called|my (?:bank|employer|insurer|insurance company|carrier|"
    r"lender|credit union|utility company) is|i bank (?:with|at))\W*$", re.IGNORECASE)
# cues after which a capitalised name is an organisation
CUED = re.compile(
    r"(?:\b(?:work|works|worked|working|employed|interning|volunteer|volunteering|job|position|shift) (?:at|for|with|by)"
    r"|\b(?:i'm|i am|he's|she's|he is|she is|they're) (?:an? [a-z]+(?: [a-z]+)? at|with)"
    r"|\bthis is [A-Z][a-z]+(?: [A-Z][a-z]+)? (?:from|with|at)"
    r"|\b(?:insurance|coverage|plan|policy|benefits|loan|mortgage|account|card|service|internet|phone|cable)"
    r"(?: is| are|'s)? (?:through|with|from)"
    r"|\b(?:insured|covered|financed|serviced|installed|done|repaired|built) (?:with|by|through)"
    # `we bank with you and with Wells Fargo`
    r"|\b(?:bought|acquired|taken over|bought out) by|\bmerged with|\ba subsidiary of|\bswitched (?:over )?(?:from|to)|\bbank(?:s|ed)? (?:with|at)(?: \w+,? (?:and|or) (?:with|at))?|\bbanking with"
    r"|\b(?:paid|pay|paying|sent it|send it|transfer(?:red)?) (?:with|through|via|using)"
    r"|\b(?:charges?|payments?|transactions?|deposits?|orders?|refunds?|bills?|statements?|debits?|income|ach|"
    r"wires?|paychecks?|invoices?|reimbursements?|1099s?|w-2s?) from"
    r"|\b(?:my|our) (?:bank|employer|company|insurer|insurance|carrier|provider|pharmacy|lender|utility|airline)"
    r"(?: is|'s|,)"
    r"|\bthe (?:guy|lady|tech|technician|rep|person|people|folks|woman|man|agent|nurse|pharmacist|girl|"
    r"adjuster|inspector) (?:at|from|with))\W*$", re.IGNORECASE)
# an organisation's name just before what it sells: "my Verizon account", "on the Verizon plan"
# Words naming a site (`store`, `branch`, `location`, `office`) are not here: a place names a branch
# as often as the company does (`the Tukwila store`, `the Midtown office`, `the Paramus location`:
# 3 false positives on blind2, no right one on any set).
OWNED = re.compile(r"\s(?:account|card|credit card|debit card|app|bill|plan|policy|statement|membership|"
                   r"rewards|points|miles|checking|savings|website|site|customer|payment|payments|price|money|"
                   r"customers|subscription|order|package|delivery|technician|rep|representative|agent|"
                   r"claim|adjuster|deductible|premium|username|user name|profile|handle|login)\b")
# an acronym before such a word is a kind of it (`the SIM card`, `her ER bill`, `an HSA account`)
_ACRONYM = re.compile(r"[A-Z]{2,5}")
# `through` takes an organisation (`booked through Expedia`, `donate through Vitalant`, `a check
# through Sterling`) except after a word of moving (`connecting through Seattle`)
THROUGH = re.compile(r"\bthrough\W*$", re.IGNORECASE)
_MOVING = re.compile(r"\b(?:connect\w*|go|goes|going|went|gone|driv\w*|drove|fl(?:y|ew|ies|ying|ights?)|pass\w*|"
                     r"travel\w*|walk\w*|rode|rid(?:e|es|ing)|rout\w*|layovers?|stop\w*|run|ran|running|way|"
                     r"straight|sleep\w*|slept|read\w*|lived?|living|sat)\b[^.?!]{0,25}$", re.IGNORECASE)
# a name with `the` before it and a street or a town after it is a business's branch (`the
# Walgreens on Fulton Street`): people and towns take no article
_BRANCH_AFTER = re.compile(r" (?:on|in|at|over on|out on|by|off) (?:[A-Z]\w+|\d)")
_BEFORE_PLACE = re.compile(r"(.+?)(?= (?:on|in|at|by|off) )")
_DIGIT = re.compile(r"\d")
_NUMBERED = re.compile(r"\d")
# a rank, a place in a building or a step, numbered: `this is Wade from Tier 2`, `from Suite 4`
_NUMBERED_THING = re.compile(r"(?i:tier|level|class|grade|step|phase|zone|gate|room|suite|floor|unit|line|option|"
                             r"building|section|aisle|bay|dock)\s+(?:\d+\w?|one|two|three|four|five|six|seven|eight|"
                             r"nine|ten|[a-z])\b")
_THE = re.compile(r"\bthe\s$", re.IGNORECASE)
# The card networks, a closed set, named where a card is talked about: with an article or an owner
# before (`on the Amex`, `It's a Visa debit`) or card words or digits after (`Discover number is`,
# `American Express, 3461…`). `Visa` and `Discover` are everyday words too, so only capitalised.
NETWORK = re.compile(r"\b(?:Visa|Discover|(?i:master ?card|amex|american express))\b")
_CARD_BEFORE = re.compile(r"\b(?:the|a|an|my|your|his|her|our|their|with|on)\s$", re.IGNORECASE)
_CARD_AFTER = re.compile(r"(?:'s)?,?\s(?:(?:\w+\s){0,2}(?:card|ending|ends|number|debit|credit|expir\w*|on file)\b|\d)",
                         re.IGNORECASE)
_OWNER = re.compile(r"\b(?:my|our|your|his|her|their|the|a|an)\s$", re.IGNORECASE)


# generic words that begin a name when capitalised inside a sentence (`with Sure Step Physical
# Therapy`, `at Two Hands Catering`); at a sentence's start they are the sentence's own word
_NAME_STARTERS = {"sure", "two", "one", "great", "good", "perfect", "new", "old", "next", "last", "every", "main",
                  "front", "first", "best", "right"}


def _trim(words: list[str], sentence_start: bool = True) -> list[str]:
    """Leading words that begin a sentence or a title ("The", "My", "Dr.") are not the name."""
    while words and words[0].lower().rstrip(",.") in GENERIC and words[0].lower() not in {"general"}:
        if not sentence_start and words[0].lower() in _NAME_STARTERS and len(words) > 2:
            break
        words = words[1:]
    return words


def _head_end(words: list[str]) -> int:
    """How many of `words` make a business name ending in a head noun (0: none)."""
    keys = [w.lower().strip(".,'’") for w in words]
    for n in range(len(keys), 1, -1):
        last, pair = keys[n - 1], tuple(keys[n - 2:n])
        if last in HEADS or pair in HEAD_PAIRS or (last == "general" and keys[n - 2] not in _GENERAL_TITLES):
            names = [k for k in keys[:n] if k not in HEADS and k not in GENERIC and k not in {"&", "and", "of"}
                     and (k, "") not in HEAD_PAIRS]
            if names and not (pair in HEAD_PAIRS and n == 2):
                return n
    return 0


class OrganizationRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["ORGANIZATION"], name="OrganizationRecognizer", supported_language="en")

    def load(self) -> None:
        pass

    def matches(self, text: str) -> list[tuple[int, int, float, str]]:
        found: list[tuple[int, int, float, str]] = []
        for m in RUN.finditer(text):
            words = m.group().split(" ")
            before = text[:m.start()].rstrip()
            trimmed = _trim(words, not before or before[-1] in ".?!")
            start = m.start() + len(" ".join(words[:len(words) - len(trimmed)])) + (len(words) > len(trimmed))
            if not trimmed:
                continue
            left = text[max(0, start - 60):start]
            n = _head_end(trimmed)
            if len(trimmed) >= 2 and trimmed[0].lower() in LEADS and trimmed[1][0].isupper() \
                    and not _NUMBERED.match(trimmed[1]):
                k = next((i for i in range(1, min(len(trimmed), 3)) if not trimmed[i][0].isupper()), min(len(trimmed), 3))
                found.append((start, start + len(" ".join(trimmed[:k]).rstrip(",.")), 0.9, "business named by its kind"))
            elif n:
                found.append((start, start + len(" ".join(trimmed[:n]).rstrip(",.")), 0.9, "business name"))
            elif (CUED.search(left) or STRONG.search(left) or (THROUGH.search(left) and not _MOVING.search(left))) \
                    and not _NUMBERED_THING.match(" ".join(trimmed)):
                found.append((start, start + len(" ".join(trimmed[:5]).rstrip(",.")), 0.9, "organisation after a cue"))
            elif _OWNER.search(left) and OWNED.match(text, m.end()) and len(trimmed) <= 3 \
                    and not _ACRONYM.fullmatch(" ".join(trimmed)) \
                    and any(w.lower() not in HEADS and w.lower() not in GENERIC for w in trimmed):
                found.append((start, m.end(), 0.86, "organisation before what it sells"))
            elif _THE.search(left) and len(trimmed) == len(words):
                name = _BEFORE_PLACE.match(m.group())  # the run reads on: `Walgreens on Fulton Street`
                end = m.start() + len(name.group(1)) if name else m.end()
                if len(text[start:end].split()) <= 3 and _BRANCH_AFTER.match(text, end) and text[start].isupper() \
                        and not _DIGIT.search(text, start, end):
                    found.append((start, end, 0.86, "a business's branch"))
        for m in PAYMENT_APPS.finditer(text):
            if not any(s <= m.start() < e for s, e, _, _ in found):
                found.append((m.start(), m.end(), 0.9, "payment service"))
        for m in NETWORK.finditer(text):
            if (_CARD_BEFORE.search(text, 0, m.start()) or _CARD_AFTER.match(text, m.end())) \
                    and not any(s <= m.start() < e for s, e, _, _ in found):
                found.append((m.start(), m.end(), 0.86, "card network"))
        return found

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        if "ORGANIZATION" not in entities:
            return []
        return [result(self, "ORGANIZATION", s, e, score, why) for s, e, score, why in self.matches(text) if e > s]
