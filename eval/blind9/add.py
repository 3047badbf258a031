"""Append hand-written utterances to blind9.jsonl.

Input (stdin), one utterance a line:
    @domain banking                      -> sets the domain for following lines
    text || label::span text ;; label::span text
    text                                 -> no PII (hard negative)
Spans are listed in order of appearance; each is searched for from the end of
the previous one, so this script only computes character offsets.  It never
generates text.  Every item is written with `"split": "test"` (the whole set is held out).
A span must start and end on a word boundary (no letter or digit just outside it);
otherwise the line is an error, which catches "Will" found inside "Willow".
"""
import json, sys, os

LABELS = set("""account_number banking_information blood_type credit_card_cvv
credit_card_expiration credit_card_number date date_interval date_of_birth
drivers_license drug duration email_address event filename gender_sexuality
healthcare_number injury ip_address language location marital_status
medical_condition medical_process money_amount nationality number_sequence
occupation organization passport_number password person_age person_name
phone_number physical_attribute political_affiliation religion statistics time
url us_social_security_number username vehicle_id zodiac_sign""".split())
DOMAINS = {"funeral", "alarm", "daycare", "plasma", "genealogy", "wedding"}
PREFIX = "j"


def find_span(text, val, pos):
    """First occurrence of val at or after pos that sits on word boundaries."""
    i = text.find(val, pos)
    while i >= 0:
        before = text[i - 1] if i > 0 else " "
        after = text[i + len(val)] if i + len(val) < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return i
        i = text.find(val, i + 1)
    return -1


if __name__ == "__main__":
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "blind9.jsonl")
    existing = []
    if os.path.exists(path):
        existing = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    n = len(existing)
    texts = {r["text"] for r in existing}
    domain = None
    out, errors = [], []
    for lineno, raw in enumerate(sys.stdin, 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("@domain "):
            domain = line.split()[1]
            assert domain in DOMAINS, domain
            continue
        if " || " in line:
            text, spec = line.split(" || ", 1)
            items = [s.strip() for s in spec.split(" ;; ") if s.strip()]
        else:
            text, items = line, []
        text = text.strip()
        spans, pos = [], 0
        for it in items:
            if "::" not in it:
                errors.append(f"line {lineno}: no '::' in {it!r}"); continue
            label, val = it.split("::", 1)
            label = label.strip()
            if label not in LABELS:
                errors.append(f"line {lineno}: bad label {label!r}"); continue
            i = find_span(text, val, pos)
            if i < 0:
                errors.append(f"line {lineno}: {val!r} not found (on word boundaries) after {pos} in {text!r}"); continue
            spans.append({"start": i, "end": i + len(val), "label": label, "text": val})
            pos = i + len(val)
        if text in texts:
            errors.append(f"line {lineno}: duplicate text {text!r}")
        texts.add(text)
        n += 1
        out.append({"id": f"{PREFIX}{n:04d}", "split": "test", "template_id": "hand",
                    "domain": domain, "text": text, "spans": spans})
    if errors:
        print("\n".join(errors)); sys.exit(1)
    with open(path, "a", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"appended {len(out)} ({sum(1 for r in out if not r['spans'])} without spans); total {n}")
