"""Validate blind2.jsonl and print counts (labels x split, domains, negatives).

`python3 check.py --markdown` also prints the count tables used in README.md.
"""
import json, sys, collections, re
from add import LABELS, DOMAINS

args = [a for a in sys.argv[1:] if not a.startswith("--")]
path = args[0] if args else "blind2.jsonl"
rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
ok = True
ids = collections.Counter(r["id"] for r in rows)
for i, c in ids.items():
    if c > 1: print("dup id", i); ok = False
texts = collections.Counter(r["text"] for r in rows)
for t, c in texts.items():
    if c > 1: print("dup text", t); ok = False

def luhn(d):
    s = 0
    for i, c in enumerate(reversed(d)):
        x = int(c)
        if i % 2: x = x * 2 - 9 if x > 4 else x * 2
        s += x
    return s % 10 == 0

for r in rows:
    assert r["domain"] in DOMAINS and r["template_id"] == "hand"
    if not re.fullmatch(r"c\d{4}", r["id"]): print("id", r["id"]); ok = False
    if r["split"] not in ("tune", "test", "unassigned"): print("split", r["id"]); ok = False
    prev = 0
    for s in r["spans"]:
        if r["text"][s["start"]:s["end"]] != s["text"]:
            print("offset", r["id"], s); ok = False
        if s["start"] < prev:
            print("overlap/unsorted", r["id"], s); ok = False
        prev = s["end"]
        if s["label"] not in LABELS: print("label", r["id"], s); ok = False
        if s["text"] != s["text"].strip(): print("whitespace", r["id"], s); ok = False
        if s["label"] == "credit_card_number":
            d = re.sub(r"\D", "", s["text"])
            if len(d) >= 13 and not luhn(d):
                print("luhn fails:", r["id"], s["text"], len(d)); ok = False
cnt = collections.defaultdict(collections.Counter)
for r in rows:
    for s in r["spans"]:
        cnt[s["label"]][r["split"]] += 1
splits = sorted({r["split"] for r in rows})
print(f"{len(rows)} utterances; splits", collections.Counter(r['split'] for r in rows))
print("no-PII utterances:", sum(1 for r in rows if not r["spans"]),
      collections.Counter(r["split"] for r in rows if not r["spans"]))
print("domains:", dict(collections.Counter(r["domain"] for r in rows)))
for sp in splits:
    print(" domains in", sp, dict(collections.Counter(r["domain"] for r in rows if r["split"] == sp)))
print(f"{'label':28s}" + "".join(f"{s:>12s}" for s in splits) + f"{'total':>8s}")
for lab in sorted(LABELS):
    c = cnt.get(lab, collections.Counter())
    print(f"{lab:28s}" + "".join(f"{c[s]:12d}" for s in splits) + f"{sum(c.values()):8d}")
print("spans total", sum(sum(c.values()) for c in cnt.values()))
missing = [l for l in LABELS if any(cnt[l][s] == 0 for s in splits)]
print("labels missing from some split:", missing)
print("OK" if ok else "PROBLEMS")

if "--markdown" in sys.argv:
    # Markdown count tables for README.md.
    utt = collections.defaultdict(collections.Counter)
    for r in rows:
        for lab in {s["label"] for s in r["spans"]}:
            utt[lab][r["split"]] += 1
    print("\n| label | tune spans | test spans | total spans | utterances (tune / test) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for lab in sorted(LABELS):
        c = cnt.get(lab, collections.Counter())
        print(f"| `{lab}` | {c['tune']} | {c['test']} | {c['tune'] + c['test']} | {utt[lab]['tune']} / {utt[lab]['test']} |")
    tt = sum(c["tune"] for c in cnt.values()); te = sum(c["test"] for c in cnt.values())
    print(f"| **all** | {tt} | {te} | {tt + te} | |")
    print("\n| domain | tune | test | total | of which no PII (tune / test) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    order = ["telecom", "pharmacy", "payroll", "auto", "rental", "tax", "veterinary", "collections",
             "airline", "hotel", "telehealth", "insurance", "banking", "retail"]
    for d in order:
        n = collections.Counter(r["split"] for r in rows if r["domain"] == d)
        z = collections.Counter(r["split"] for r in rows if r["domain"] == d and not r["spans"])
        print(f"| {d} | {n['tune']} | {n['test']} | {n['tune'] + n['test']} | {z['tune']} / {z['test']} |")
    n = collections.Counter(r["split"] for r in rows)
    z = collections.Counter(r["split"] for r in rows if not r["spans"])
    print(f"| **all** | {n['tune']} | {n['test']} | {len(rows)} | {z['tune']} / {z['test']} |")
