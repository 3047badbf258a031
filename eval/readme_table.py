"""Print the README's detection results table from eval/results/*.json (written by eval-pii --out)."""

import json
from pathlib import Path

HERE = Path(__file__).parent
EMPTY = {"gold": 0, "precision": None, "recall": None, "recall_any": None}


def fmt(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f}"


def main() -> None:
    dev = json.loads((HERE / "results" / "pii_dev.json").read_text())
    hard = json.loads((HERE / "results" / "hard_calls.json").read_text())
    print("| policy | dev: gold | precision | recall | recall (any) | hard: gold | precision | recall | recall (any) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for p in [*sorted(set(dev["policies"]) | set(hard["policies"])), "overall"]:
        a = dev["overall"] if p == "overall" else dev["policies"].get(p, EMPTY)
        b = hard["overall"] if p == "overall" else hard["policies"].get(p, EMPTY)
        name = "**overall**" if p == "overall" else p
        print(f"| {name} | {a['gold']} | {fmt(a['precision'])} | {fmt(a['recall'])} | {fmt(a['recall_any'])} "
              f"| {b['gold']} | {fmt(b['precision'])} | {fmt(b['recall'])} | {fmt(b['recall_any'])} |")
    print()
    print(f"PII characters left visible: {dev['overall']['visible_char_share']:.2%} (dev), "
          f"{hard['overall']['visible_char_share']:.2%} (hard).")


if __name__ == "__main__":
    main()
