"""What kind of number a phrase announces: the table context_numbers.py types digit runs by.

Policy names follow AssemblyAI's definitions (eval/blind/README.md, "Which kind of number"):
customer, member, loyalty, frequent-flyer and (non-health) policy numbers are `account_number`;
bank account and routing numbers `banking_information`; health-plan member ids, Medicare and
Medicaid numbers, MRNs `healthcare_number`; order, tracking, claim, confirmation, booking,
ticket, serial, meter and gift-card numbers `number_sequence` ("numerical PII that doesn't fall
under other categories"); PINs and passcodes `password`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

STATES = (r"alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|hawaii|"
          r"idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|"
          r"minnesota|mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|new york|"
          r"north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|south carolina|"
          r"south dakota|tennessee|texas|utah|vermont|virginia|washington|west virginia|wisconsin|wyoming")
# nouns whose number is not about a person: `room number 412`, `flight number 1172`, `model 4200`
NOT_PII_NOUNS = ("room", "seat", "gate", "flight", "door", "floor", "aisle", "page", "step", "option", "item",
                 "model", "version", "extension", "channel", "lane", "row", "bay", "platform", "terminal",
                 "section", "level", "chapter", "exit", "store", "bus", "train", "route", "size", "part", "lot")

# words before `plan` that make it no health plan
PLAN_NOT_HEALTH = ("service", "phone", "cell", "wireless", "data", "payment", "protection", "warranty", "installment",
                   "internet", "cable", "calling", "family", "rate", "retirement", "mobile", "meal", "maintenance")

# words that make a bare "code" someone else's than the card's
CODE_OF = ("reservation", "confirmation", "booking", "promo", "promotional", "discount", "coupon", "gift", "voucher",
           "referral", "activation", "redemption", "tracking", "authorization", "error", "product", "zip", "postal",
           "area", "country", "qr", "bar", "dress", "source", "access", "gate", "door", "garage", "alarm", "lock",
           "lockbox", "building", "entry", "keypad", "pin", "login", "one-time", "otp", "text", "sms", "wifi",
           "two-factor")


@dataclass(frozen=True)
class Kind:
    entity: str
    context: str  # regex of phrases that announce this kind (lower case)
    digits: tuple[int, int]  # accepted digit count right after the phrase (fragments included)
    alnum: bool = False  # letters allowed (ids)
    reach: int = 10  # how many words after the phrase it still applies
    weak: bool = False  # a generic phrase (`ends in`, `the number`): yields to a specific one in reach
    sizes: tuple[int, ...] = ()  # if set, only these digit counts
    not_after: frozenset[str] = frozenset()  # words that, said just before the phrase, void it
    yields_to: frozenset[str] = frozenset()  # kinds whose phrase, in reach before this one, names the value


KINDS = (
    Kind("CREDIT_CARD_CVV", r"cvv|cvc|csc|cid|security code|(?:three|four|3|4)[- ]digits?(?: code)?|"
         r"(?:three|four|3|4)(?: digits)? on the (?:back|front)|code on the (?:back|front)|card verification|"
         r"the (?:one|number|numbers|digits) on the back|(?:and )?the back(?: is|'s)|"
         r"verification code", (2, 4), reach=6),
    # a bare "code" is the card's, unless a word before it says whose (`reservation code`, `gate code`)
    Kind("CREDIT_CARD_CVV", r"(?:the |little |that )?code(?:'s| is)?", (2, 4), reach=6,
         not_after=frozenset(CODE_OF)),
    Kind("CREDIT_CARD_EXPIRATION", r"expir\w*|exp|exp date|valid (?:thru|through)|good (?:thru|through)",
         (3, 6)),
    Kind("DATE_OF_BIRTH", r"born|birth|birthday|birth date|date of birth|dob|d o b", (4, 8)),
    Kind("CREDIT_CARD", r"card(?: number)?|credit(?! union| score| report| line| limit| check| history| bureau)|debit|visa|master ?card|amex|american express|discover|"
         r"the card is|new card|card (?:ending|ends) in|last (?:four|4)(?: digits)? of (?:the|your|my) card",
         (3, 20)),
    # "ends in" names no kind: the phrase before it does (`social on file ends in 9004`)
    Kind("CREDIT_CARD", r"ending in|ends in", (4, 4), reach=3, weak=True),
    # a bare `last four` is a social's more often than a card's: identity checks ask for it (10 of
    # the 11 in the visible sets; the card's is said `ending in`)
    Kind("US_SSN", r"last (?:four|4)(?: digits)?", (4, 4), reach=3, weak=True),
    Kind("US_SSN", r"social(?: security)?(?: number)?|ssn|(?:last (?:four|4) of (?:your|my|the) )social", (3, 10)),
    # longer phrases first: an alternation takes the first that matches, not the longest
    Kind("US_BANK_NUMBER", r"(?:bank |checking |savings )account (?:ending|ends) in|"
         r"(?:savings|checking) (?:one |account )?(?:ending|ends) in|account and routing|"
         r"(?:bank|checking|savings|joint) account(?: number)?|routing(?: number)?|aba|checking|savings|wire",
         (3, 17)),
    # international bank ids hold letters: `IBAN is G B 8 2 W E S T 1 2 3…`, `SWIFT code`
    Kind("US_BANK_NUMBER", r"iban|swift(?: code)?|bic|sort code", (6, 34), alnum=True),
    # a bare "account": a bank account unless the call says otherwise (context_numbers._account)
    Kind("ACCOUNT", r"account (?:ending|ends) in|account(?: number| no)?", (3, 17), alnum=True),
    Kind("ACCOUNT_NUMBER", r"policy(?: number| no)?|customer (?:id|number|account(?: number)?)|"
         r"member(?:ship)? (?:number|account)|membership|account id|loan(?: account)?(?: number| no| id)?|frequent fl(?:y|i)er(?: number)?|"
         r"mileage(?: plan)?(?: number)?|rewards?(?: account| number| id| card number)?|"
         r"loyalty(?: number| id| account)?|"
         r"utility account(?: number)?", (3, 20), alnum=True),
    # a bare `member ID` or `subscriber ID` is the health plan card's term (14 of 18 in the visible
    # sets); a loyalty word near it makes it an account's (context_numbers._announced)
    Kind("HEALTHCARE_NUMBER", r"medicare(?: number| id)?|medicaid(?: number| id)?|member id|subscriber (?:id|number)|"
         r"health ?care (?:id|number|card number)|"
         r"(?:health )?(?:insurance|health plan)(?: card)?(?: member)? (?:id|number)|"
         r"member id on (?:the|my|your) insurance card|beneficiary (?:id|number)|mrn|medical record(?: number)?|"
         r"patient (?:id|number)|prescription number|rx(?: number)?", (3, 20), alnum=True),
    # a bare `plan ID` is a health plan's; a `service plan` or `phone plan` number is an account's
    Kind("HEALTHCARE_NUMBER", r"plan(?: card)?(?: member)? (?:id|number)", (3, 20), alnum=True,
         not_after=frozenset(PLAN_NOT_HEALTH)),
    Kind("ACCOUNT_NUMBER", r"plan (?:id|number)", (3, 20), alnum=True),
    Kind("US_DRIVER_LICENSE", r"driver'?s licen[cs]e(?: number)?|licen[cs]e(?: number)?|dl(?: number)?",
         (5, 15), alnum=True),
    Kind("US_PASSPORT", r"passport(?: number)?", (6, 10), alnum=True),
    Kind("VEHICLE_ID", r"vin|plate(?: number)?|license plate|tag(?: number)?|hull(?: number| id)?|"
         r"vehicle identification number", (4, 17), alnum=True),
    Kind("LOCATION", rf"zip(?: code)?|postal code", (5, 9), reach=6),
    # a ZIP after a state has 5 or 9 digits; a licence or a plate said after its state is not one
    # (`my driver's license is Texas, four four seven…`: context_numbers._classify)
    Kind("LOCATION", STATES, (5, 9), reach=6, sizes=(5, 9),
         yields_to=frozenset({"US_DRIVER_LICENSE", "US_PASSPORT", "VEHICLE_ID"})),
    # a ZIP said after the street line or city, with no state or "zip" (`…Drive, Tucson, 85718`)
    Kind("LOCATION", r"address|street|avenue|road|boulevard|drive|lane|court|place|terrace|parkway|"
         r"apartment|apt|suite|unit|box", (5, 9), reach=4, sizes=(5, 9)),
    Kind("PHONE_NUMBER", r"phone|cell|mobile|call(?:back)?(?: me)?(?: at)?|reach (?:me|you|him|her)(?: at)?|"
         r"telephone|contact number|work number|home number|text me(?: at)?|fax|area code", (3, 15)),
    Kind("PHONE_NUMBER", r"(?:my|the|your|that|this|their|his|her|wife's|husband's) number(?! of)", (3, 15),
         weak=True),
    Kind("PASSWORD", r"pin(?: number| code)?|passcode|pass code|password|security pin|"
         r"(?:access|gate|door|garage|alarm|lock|lockbox|building|entry|keypad) code|"
         r"code (?:to|for) (?:the|my|your) (?:gate|door|garage|alarm|lockbox|building|keypad)", (2, 12),
         alnum=True, reach=6),
    Kind("NUMBER_SEQUENCE", r"confirmation|reference|case|claim|tracking|order|ticket|invoice|id number|"
         r"transaction|serial|booking|reservation|pnr|record locator|locator|gift card(?: number)?|"
         r"known traveler(?: number)?|ktn|redress(?: number)?|meter(?: number)?|incident|report number|"
         r"work order|rma|return authorization|ein|tin|itin|tax id(?:entification)?(?: number)?|"
         r"employer identification number", (3, 20), alnum=True),
    # any other "… number" or "ID": still a number about the caller (fail closed)
    Kind("NUMBER_SEQUENCE", r"id|number(?! of)", (3, 20), alnum=True, weak=True,
         not_after=frozenset(NOT_PII_NOUNS)),
)

# the words around a bare "account" that say it is not a bank's (hard set: `account number on the
# bill`, `account with you guys`); and those that say it is
NOT_BANK = re.compile(r"\b(?:bill|billing|statement|utility|electric|gas|water|internet|cable|wireless|service|"
                      r"rewards?|loyalty|member|customer|subscriber|with (?:you|your company|us)|online|portal|"
                      r"streaming|subscription|insurance|policy|store|ticket|tickets|season|club|gym|membership)\b")
BANK = re.compile(r"\b(?:bank|banking|checking|savings|routing|deposit|wire|transfer|ach|joint|credit union)\b")
# words that put a member id or policy number under health care
# words that make a `member ID` a store's, club's or lender's, not a health plan's
NOT_HEALTH = re.compile(r"\b(?:rewards?|loyalty|club|gym|store|points|frequent|miles|mileage|warehouse|credit union|"
                        r"bank|airline|hotel|library|museum)\b")
HEALTH = re.compile(r"\b(?:health|medical|medicare|medicaid|insurance card|dental|vision|pharmacy|prescription|"
                    r"doctor|clinic|hospital|patient|copay|deductible|hmo|ppo)\b")
# a bare `code` is a card's only where a card is talked about; else an access code or another number
CARD_TALK = re.compile(r"\b(?:card|visa|master ?card|amex|american express|discover|cvv|cvc|credit|debit|expir\w*|exp|back of|"
                       r"(?:three|four|3|4)[- ]digits?|security|verification)\b")
ACCESS = re.compile(r"\b(?:gate|door|garage|alarm|lock|lockbox|building|entry|keypad|house|front|back door|safe|"
                    r"wifi|wi-fi|router|phone|voicemail|login|app|storage|locker|unit|padlock)\b")
