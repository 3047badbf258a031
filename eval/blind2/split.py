"""Assign split = tune/test, 50/50, by a seeded random shuffle of the utterances.

Starts at SEED and takes the first seed whose halves both contain >= MIN_PER_HALF spans of every label
and every domain (and hard negatives from every domain); prints the seed used.
"""
import json, random, collections, sys
from add import LABELS, DOMAINS

SEED = 1000
MIN_PER_HALF = 2   # spans of every label in each half
path = "blind2.jsonl"
rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]

def ok(assign):
    for half in ("tune", "test"):
        labs = collections.Counter(s["label"] for r in rows if assign[r["id"]] == half for s in r["spans"])
        if any(labs[l] < MIN_PER_HALF for l in LABELS):
            return False
        labs = set(labs)
        doms = {r["domain"] for r in rows if assign[r["id"]] == half}
        negdoms = {r["domain"] for r in rows if assign[r["id"]] == half and not r["spans"]}
        if labs != LABELS or doms != DOMAINS or negdoms != DOMAINS:
            return False
    return True

seed = SEED
while True:
    ids = sorted(r["id"] for r in rows)
    random.Random(seed).shuffle(ids)
    half = len(ids) // 2
    assign = {i: ("tune" if k < half else "test") for k, i in enumerate(ids)}
    if ok(assign):
        break
    seed += 1
for r in rows:
    r["split"] = assign[r["id"]]
with open(path, "w", encoding="utf-8") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print("seed", seed, collections.Counter(r["split"] for r in rows))
