"""Validate blind9.jsonl and print counts (labels, domains, negatives).

Every item must be `"split": "test"` (the whole set is held out) and every label
must have at least 6 spans.  Spans must sit on word boundaries.
Card numbers read out as digit words are converted to digits before the Luhn check.
`python3 check.py --markdown` also prints the count tables used in README.md.
"""
import json, sys, collections, re
from add import LABELS, DOMAINS, PREFIX

MIN_SPANS = 6
args = [a for a in sys.argv[1:] if not a.startswith("--")]
path = args[0] if args else "blind9.jsonl"
rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
ok = True
ids = collections.Counter(r["id"] for r in rows)
for i, c in ids.items():
    if c > 1: print("dup id", i); ok = False
texts = collections.Counter(r["text"] for r in rows)
for t, c in texts.items():
    if c > 1: print("dup text", t); ok = False
norm = collections.Counter(re.sub(r"\W+", " ", r["text"].lower()).strip() for r in rows)
for t, c in norm.items():
    if c > 1: print("near-dup text (case/punctuation only)", t); ok = False

def luhn(d):
    s = 0
    for i, c in enumerate(reversed(d)):
        x = int(c)
        if i % 2: x = x * 2 - 9 if x > 4 else x * 2
        s += x
    return s % 10 == 0

WORD_DIGITS = {"zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3",
               "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}


def spoken_digits(text):
    """Digits of a card number written as digits and/or single digit words
    ("four five three nine, oh one ...", "double oh", "triple five")."""
    out, rep = [], 1
    for tok in re.findall(r"[A-Za-z]+|\d", text.lower()):
        if tok == "double": rep = 2; continue
        if tok == "triple": rep = 3; continue
        d = tok if tok.isdigit() else WORD_DIGITS.get(tok)
        if d is not None:
            out.append(d * rep)
        rep = 1
    return "".join(out)


for k, r in enumerate(rows, 1):
    if r["domain"] not in DOMAINS: print("domain", r["id"]); ok = False
    if r["template_id"] != "hand": print("template_id", r["id"]); ok = False
    if not re.fullmatch(PREFIX + r"\d{4}", r["id"]): print("id", r["id"]); ok = False
    if r["id"] != f"{PREFIX}{k:04d}": print("id out of sequence", r["id"]); ok = False
    if r["split"] != "test": print("split", r["id"]); ok = False
    if r["text"] != r["text"].strip() or "  " in r["text"]: print("text whitespace", r["id"]); ok = False
    prev = 0
    for s in r["spans"]:
        t = r["text"]
        if t[s["start"]:s["end"]] != s["text"]:
            print("offset", r["id"], s); ok = False
        if s["start"] < prev:
            print("overlap/unsorted", r["id"], s); ok = False
        prev = s["end"]
        if s["label"] not in LABELS: print("label", r["id"], s); ok = False
        if s["text"] != s["text"].strip() or not s["text"]: print("whitespace", r["id"], s); ok = False
        if (s["start"] > 0 and t[s["start"] - 1].isalnum()) or (s["end"] < len(t) and t[s["end"]].isalnum()):
            print("span not on word boundary", r["id"], s); ok = False
        if s["label"] == "credit_card_number":
            d = spoken_digits(s["text"])
            if len(d) >= 13 and not luhn(d):
                print("luhn fails:", r["id"], s["text"], len(d)); ok = False
cnt = collections.Counter(s["label"] for r in rows for s in r["spans"])
utt = collections.Counter(lab for r in rows for lab in {s["label"] for s in r["spans"]})
neg = sum(1 for r in rows if not r["spans"])
print(f"{len(rows)} utterances; no-PII {neg} ({100 * neg / max(1, len(rows)):.1f}%)")
print("domains:", dict(collections.Counter(r["domain"] for r in rows)))
for lab in sorted(LABELS):
    flag = "" if cnt[lab] >= MIN_SPANS else "   <-- below minimum"
    print(f"{lab:28s}{cnt[lab]:6d}{utt[lab]:6d}{flag}")
print("spans total", sum(cnt.values()))
low = [l for l in sorted(LABELS) if cnt[l] < MIN_SPANS]
if low:
    print(f"labels with fewer than {MIN_SPANS} spans:", low); ok = False
print("OK" if ok else "PROBLEMS")

if "--markdown" in sys.argv:
    print("\n| label | spans | utterances |")
    print("| --- | ---: | ---: |")
    for lab in sorted(LABELS):
        print(f"| `{lab}` | {cnt[lab]} | {utt[lab]} |")
    print(f"| **all** | {sum(cnt.values())} | |")
    print("\n| domain | utterances | of which no PII | spans |")
    print("| --- | ---: | ---: | ---: |")
    order = ["funeral", "alarm", "daycare", "plasma", "genealogy", "wedding"]
    for d in order:
        n = sum(1 for r in rows if r["domain"] == d)
        z = sum(1 for r in rows if r["domain"] == d and not r["spans"])
        sp = sum(len(r["spans"]) for r in rows if r["domain"] == d)
        print(f"| {d} | {n} | {z} | {sp} |")
    print(f"| **all** | {len(rows)} | {neg} | {sum(cnt.values())} |")
