"""Money amounts, written and said: `$1,250.00`, `€40`, `forty dollars and fifty cents`, `eighty-nine
bucks`, `twelve grand`, `5k`, `sixty-something dollars`, `a hundred fifty euros`, `two thousand US
dollars`, and amounts with no currency word that a money word announces: `I was charged forty-nine
ninety-nine`, `my income is eighty-one thousand five hundred`, `seventeen hundred and some change`.

Every amount is a quantity read by quantities.py; this decides which quantities are money: a
currency next to it, a range that ends in one (`a hundred twelve to a hundred sixty-four dollars`),
or a money word in the same sentence with nothing after the number that makes it a count of
things (`four hundred transactions`, `eleven thousand steps`).
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.casing import lowered
from bleeper.detection.recognizers.money_frames import SALARY_DECADE, bought_for, flat_rate, no_amount, restated
from bleeper.detection.recognizers.quantities import SMALL_RX, Quantity, find_quantities, word_after, word_before
from bleeper.detection.recognizers.result import result
from bleeper.detection.recognizers.sentences import CLAUSE_END, sentence_start

_CURRENCY_WORDS = (r"k|dollars?|bucks?|cents?|pennies|euros?|quid|pesos?|yen|yuan|rupees?|francs?|reais|rand|won|"
                   r"dirhams?|shekels?|pounds? sterling|grand|usd|cad|aud|eur|gbp|mxn|jpy|inr")
_COUNTRY = r"(?:us|u\.s\.|american|canadian|australian|mexican|hong kong|singapore|new zealand|british)"
# a currency after the amount, and "... and fifty cents" after that
CURRENCY_AFTER = re.compile(rf"[ \t]*-?[ \t]*(?:{_COUNTRY}[ \t]+)?(?:{_CURRENCY_WORDS})\b")
POUNDS_AFTER = re.compile(r"[ \t]*pounds?\b")  # money or weight: money only where money is talked about
CENTS_TAIL = re.compile(r"[ \t]*(?:and[ \t]+)?")
SYMBOL_BEFORE = re.compile(r"(?:[$€£¥]|\b(?:usd|us\$|c\$|a\$|cad|eur|gbp))[ \t]?$")
RANGE_GAP = re.compile(r"[ \t]*(?:,[ \t]*|(?:,[ \t]*)?(?:to|or|and|-|–|through)[ \t]+)(?:maybe[ \t]+|like[ \t]+|about[ \t]+|"
                       r"possibly[ \t]+|even[ \t]+)?")
_PER_UNIT = "amount priced per unit or with change"
COMMA = re.compile(r"[ \t]*,[ \t]*")
# the second amount of a range after one with its currency: `from five grand to twelve thousand`
RANGE_END_GAP = re.compile(r"[ \t]*(?:to|-|–|through|or)[ \t]+(?:maybe[ \t]+|like[ \t]+|about[ \t]+)?")
# words that hedge an amount, before and after it
HEDGE_BEFORE = re.compile(r"\b(?:about|around|roughly|approximately|almost|nearly|like|maybe|just (?:under|over)|"
                          r"over|under|close to|upwards of|at least|more than|less than)[ \t]*,?[ \t]*$")
HEDGE_AFTER = re.compile(r"[ \t]*,?[ \t]*(?:and (?:some )?change|and something|or so|give or take|or something|"
                         r"-?ish|flat|even(?! (?:though|if|when|after|before|more|less|with|then|so)\b))\b")
# amounts with no number to read: "a grand", "a couple grand", "a dollar fifty", "a buck"
NUMBERLESS = re.compile(rf"\b(?:a (?:couple (?:of )?|few )?grand|a (?:dollar|buck)(?: (?:and )?{SMALL_RX}(?: cents)?)?)\b"
                        r"(?! (?:total|opening|prize|piano|jury|scheme|tour|slam|canyon|old|store|bill|coin|sign)\b)")

# words that say an amount of money is being talked about, in the same sentence
MONEY_CUES = re.compile(
    r"\b(?:charg(?:e|ed|es|ing)|paid|pay(?:s|ing|ment|ments)?|cost(?:s|ing)?|price[ds]?|fees?|bill(?:ed|s)?|"
    r"balance|refund(?:ed|s)?|deposit(?:ed|s)?|premium|income|salary|wages?|earn(?:s|ed|ing)?|mak(?:e|es|ing)|made|"
    r"owe[sd]?|owing|total(?:s|led)?|rent|spen[dt]|spending|budget|quot(?:e|ed|es)|estimate[sd]?|deductible|"
    r"co-?pay|credit(?:ed)?(?! scores?\b)|debit(?:ed)?|withdr[ae]w|withdrawal|transfer(?:red)?|wired?|loan|mortgage|fined|fines|"
    r"tip(?:s|ped)?|paycheck|worth|afford|savings|invoice[ds]?|tuition|cash|check for|discount|rebate|reimburse(?:d|ment)?|"
    r"settlement|payout|overdraft|penalty|sold|bought|buy|selling|sells|purchase[ds]?|expensive|cheap(?:er)?|"
    r"tax|subscription|on sale|marked down|sale price|gross|net|bonus(?:es)?|commissions?|raise|payable|take-home|zelle|venmo|paypal|cash app|"
    r"installments?|stipend|allowance|pension|payoff|death benefit|benefit amount|scholarship|grant|bank draft|"
    r"went up to|jumped to|came to|comes to|comes out to|raised to|dropped to|"
    r"down to|(?:that|it)(?:'ll| will|'s gonna|'s going to) be)\b")
# what may follow an amount that names no currency: the end of the clause or a word that is not a
# count's noun ("forty-nine ninety-nine twice", not "four hundred transactions")
FOLLOWERS = frozenset(
    "for each a an per in on to and or but is was were last this every plus total upfront now then back off that "
    "which from with at so when if because already yet too instead up down monthly yearly "
    "annually weekly before after since until by over under i i'm we they he she it you my your his her our their "
    "the um uh like right tops max even flat there here just only okay ok due owed out including includes or so "
    "not no yes yeah will would should could can did does do has have had was were are be been being twice "
    "again already anyway though actually apiece altogether yesterday today tomorrow earlier later once ago plus "
    "minus cash upfront every".split())
# words after an amount that are not what it counts: "fourteen hundred net", "four hundred went
# through", "twenty-three hundred fifty payable", "eight fifty posted" (blind2 tune half): a past
# tense or an adjective in -able/-ible says the amount is the subject or object, not a count
NOT_COUNTED = frozenset("net gross went came got took hit cleared bounced went sent paid due".split())
_VERB_OR_ADJECTIVE = re.compile(r"[a-z]{2,}(?:ed|able|ible)$")


def _not_a_count(word: str) -> bool:
    return word in NOT_COUNTED or _VERB_OR_ADJECTIVE.fullmatch(word) is not None
# words right before a number that make it something other than an amount
NOT_AMOUNT_BEFORE = frozenset(
    "number no # ending ends page step option press room seat gate flight version model ext extension apartment apt "
    "suite unit line level floor exit route highway channel code pin zip card account id order ticket claim case "
    "policy member batch lot aisle door row section chapter episode season grade size".split())
ID_WORDS = frozenset("number no # ending ends code pin zip id account card order ticket claim case policy member "
                     "ext extension confirmation reference".split())
YEAR_BEFORE = frozenset("in since from until by of during back".split())
CLOCK_BEFORE = frozenset("at by around until till after before".split())
# after an amount, words that price something: "thirty-four ninety-nine each", "forty a month"
PER_UNIT_AFTER = re.compile(r"[ \t]*(?:each|apiece|a piece|a pop|a head|per\b|a (?:month|year|week|night|day)\b|"
                            r"a (?:seat|ticket|person|session|class|lesson|visit|plate|pair)\b|"
                            r"(?:plus|before|after|including|with) tax)")
PRICE_CUE_AFTER = re.compile(r"\b(?:spen[dt]|cost|costs|pay|paid|charge[ds]?|afford|budget|owe[ds]?|refund(?:ed|s)?|"
                             r"reimbursed|credited|total|upfront|"
                             r"down payment|in cash|out of pocket|for shipping|for delivery|plus tax|bounced)\b")


class MoneyRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["MONEY_AMOUNT"], name="MoneyRecognizer", supported_language="en")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        if "MONEY_AMOUNT" not in entities:
            return []
        low = lowered(text)
        quantities = find_quantities(text)
        by_start = {q.start: q for q in quantities}
        spans: list[tuple[int, int, float, str]] = []
        previous: Quantity | None = None
        for q in quantities:
            found = self._with_currency(text, low, q, by_start) or self._announced(text, low, q) \
                or self._framed(text, low, q, quantities, spans[-1][1] if spans else None)
            if found is not None and found[3] in ("currency", _PER_UNIT) and previous is not None \
                    and (not spans or spans[-1][1] <= previous.start or spans[-1][:2] == (previous.start, previous.end)) \
                    and _range_start(low, previous) and RANGE_GAP.fullmatch(low, previous.end, q.start):
                # `eight, nine grand`, `one thousand, two hundred and four dollars`: one span, the gap too
                if spans and spans[-1][0] == previous.start:
                    spans.pop()
                found = (previous.start, found[1], found[2], "currency")
            elif found is None and spans and spans[-1][3] == "currency" and _range_end(low, q) \
                    and RANGE_END_GAP.fullmatch(low, spans[-1][1], q.start):
                found = (q.start, q.end, 0.65, "second amount of a range")  # `from five grand to twelve thousand`
            if found is not None and (not spans or spans[-1][1] <= found[0]):
                spans.append(found)
            previous = q
        spans += [(m.start(), m.end(), 0.7, "amount without a number") for m in NUMBERLESS.finditer(low)]
        # over the age recognizer's decade of life (0.7): a pay is what the words before it say
        spans += [(m.start(1), m.end(1), 0.75, "a pay said by its decade") for m in SALARY_DECADE.finditer(low)]
        spans.sort()
        spans = [(*widened(low, s, e), score, why) for s, e, score, why in spans]
        joined: list[tuple[int, int, float, str]] = []
        for span in spans:
            # `nine hundred ninety-nine, ninety-nine`: amounts said one after the other are one
            if joined and COMMA.fullmatch(low, joined[-1][1], span[0]):
                joined[-1] = (joined[-1][0], span[1], max(joined[-1][2], span[2]), joined[-1][3])
            else:
                joined.append(span)
        return [result(self, "MONEY_AMOUNT", s, e, score, why) for s, e, score, why in joined]

    @staticmethod
    def _with_currency(text: str, low: str, q: Quantity, by_start: dict[int, Quantity]
                       ) -> tuple[int, int, float, str] | None:
        if q.digit_string or q.price() is None:
            return None
        symbol = SYMBOL_BEFORE.search(low, max(0, q.start - 5), q.start)
        if symbol:
            return symbol.start(), q.end, 0.9, "currency"
        m = CURRENCY_AFTER.match(low, q.end) or (POUNDS_AFTER.match(low, q.end) if _money_talk(low, q) else None)
        if m is None:
            return None
        end = m.end()
        # "thirty-nine dollars and fifteen cents", "forty dollars fifty"
        tail = CENTS_TAIL.match(low, end)
        cents = by_start.get(tail.end()) if tail else None
        if cents is not None and not m.group().strip().startswith(("cent", "penn")):
            after = CURRENCY_AFTER.match(low, cents.end)
            if after and after.group().strip().startswith("cent"):
                end = after.end()
        return q.start, end, 0.85, "currency"

    @staticmethod
    def _announced(text: str, low: str, q: Quantity) -> tuple[int, int, float, str] | None:
        """An amount with no currency, in a sentence about money, or priced per unit, or with
        change (`seventeen hundred and some change`)."""
        if _price_tag(low, q):
            return q.start, q.end, 0.55, "said as a price tag"
        if not _amount(low, q) or no_amount(text, low, q):
            return None
        if low.endswith("change", q.start, q.end) or (PER_UNIT_AFTER.match(low, q.end) and not _not_amount(low, q)):
            return q.start, q.end, 0.7, _PER_UNIT
        if not _money_talk(low, q) and not _hundreds(text, q):
            return None
        nxt = word_after(text, q.end)
        if nxt and nxt not in FOLLOWERS and not _not_a_count(nxt) and not HEDGE_AFTER.match(low, q.end):
            return None
        return q.start, q.end, 0.6, "amount where money is talked about"


    @staticmethod
    def _framed(text: str, low: str, q: Quantity, quantities: tuple[Quantity, ...], previous_end: int | None
                ) -> tuple[int, int, float, str] | None:
        """An amount a frame makes a price (money_frames.py): said again after one, a count of
        things bought for it, a flat rate."""
        if not _amount(low, q) or no_amount(text, low, q) or _not_amount(low, q):
            return None
        nxt = word_after(text, q.end)
        if nxt and nxt not in FOLLOWERS and not _not_a_count(nxt) and not HEDGE_AFTER.match(low, q.end):
            return None
        if flat_rate(low, q) or bought_for(low, q, quantities) or restated(text, low, q, previous_end):
            return q.start, q.end, 0.55, "amount framed as a price"
        return None


def _range_end(low: str, q: Quantity) -> bool:
    price = q.price()
    return not q.digit_string and price is not None and price >= 1 and not _not_amount(low, q)


def widened(low: str, start: int, end: int) -> tuple[int, int]:
    """The amount with the words that hedge it: `about four grand`, `like, twelve hundred`, `twelve
    dollars and change`, `twenty-two hundred, give or take`, `nine hundred even`. They are part of
    what was said about the sum; left visible they narrow it down (and a beep over "about" costs
    nothing)."""
    hedge = HEDGE_BEFORE.search(low, max(0, start - 24), start)
    tail = HEDGE_AFTER.match(low, end)
    return hedge.start() if hedge else start, tail.end() if tail else end


def _amount(low: str, q: Quantity) -> bool:
    """Could this be an amount said without a currency? Not a digit string, a small bare number,
    a year or a clock time, and written digits as Whisper writes sums (`49.99`, `1,250`, `85`,
    not `2019`)."""
    price = q.price()
    if q.digit_string or price is None or price < 10 and len(q.groups) == 1:
        return False
    before = word_before(low, q.start)
    if (q.year() and before in YEAR_BEFORE) or (q.clock() and len(q.groups) == 2 and before in CLOCK_BEFORE):
        return False
    written = low[q.start:q.end]
    if len(q.groups) == 2 and all(g.value % 10 == 0 and 20 <= g.value <= 90 for g in q.groups) and "-" in written:
        return False  # `eighty-twenty`, `seventy-thirty`: a split, said tens to tens
    return q.spoken or price < 1000 or "," in written or "." in written


def _price_tag(low: str, q: Quantity) -> bool:
    """`nine ninety-nine`, `twenty-nine ninety-five`: a whole part and 95 or 99 said after it is
    how a shelf price is read (blind2 tune half: four of them with no money word), not a year
    (`in nineteen ninety-nine`, `born nineteen ninety-five`) or a clock time."""
    if not q.spoken or len(q.groups) != 2 or q.groups[1].value not in (95, 99) or not 1 <= q.groups[0].value <= 999:
        return False
    before = word_before(low, q.start)
    return before not in YEAR_BEFORE and before not in CLOCK_BEFORE and before not in {"born", "year", "since"} \
        and not _not_amount(low, q)


_HUNDREDS = re.compile(r"(?i)(?:[a-z]+-)?[a-z]+[ -]hundred(?:[ -](?:and[ -])?[a-z]+(?:-[a-z]+)?)?")


def _hundreds(text: str, q: Quantity) -> bool:
    """`twenty-two hundred`, `eleven hundred`: hundreds counted past ten are said of money (a
    year after `in`/`since` is not, and a count has its noun after it: `fifteen hundred miles`)."""
    v = q.whole
    return v is not None and 1100 <= v < 10000 and v // 100 % 10 != 0 and q.spoken \
        and _HUNDREDS.fullmatch(text, q.start, q.end) is not None


def _range_start(low: str, q: Quantity) -> bool:
    """The first amount of a range may lean on the second's magnitude: `two, maybe three thousand`."""
    return not q.digit_string and q.price() is not None and q.price() > 0 and not _not_amount(low, q)


def _not_amount(low: str, q: Quantity) -> bool:
    """`room 204`, `card ending in 4417`, `account number is 5512`: the number names a thing."""
    words = re.findall(r"[a-z#]+", low[max(0, q.start - 30):q.start])[-3:]
    if words and words[-1] in NOT_AMOUNT_BEFORE:
        return True
    while len(words) > 1 and words[-1] in ("in", "of", "is", "was", "number", "#", "no", "at"):
        if words[-2] in ID_WORDS:
            return True
        words.pop()
    return False


def _money_talk(low: str, q: Quantity) -> bool:
    """A money word before the amount in its sentence (or after it, for a few verbs), with no
    word between that makes the number something else (`the bill for card ending in 4417`)."""
    if _not_amount(low, q):
        return False
    window = low[max(0, q.start - 70):q.start]
    cut = sentence_start(window, len(window), ends=CLAUSE_END)
    cue = None
    for cue in MONEY_CUES.finditer(window, cut):
        pass
    if cue is not None:
        # only the words of the amount's own clause: `the stipend comes on a card, twelve fifty after`
        between = window[cue.end():].rsplit(",", 1)[-1]
        return not any(w in NOT_AMOUNT_BEFORE for w in re.findall(r"[a-z#]+", between))
    ahead = low[q.end:q.end + 60]
    stop = CLAUSE_END.search(ahead)
    return bool(PRICE_CUE_AFTER.search(ahead, 0, stop.start() if stop else len(ahead)))
