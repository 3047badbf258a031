"""Print the README's detection results table from eval/results/*.json (written by `make eval`, with
`python -m tools eval-pii --out`): the dev set, the hard set and the blind set's tune half (its test
half is scored apart, once)."""

import json
from pathlib import Path

HERE = Path(__file__).parent
EMPTY = {"gold": 0, "precision": None, "recall": None, "recall_any": None}
SETS = [("dev", "pii_dev.json"), ("hard", "hard_calls.json"), ("blind tune", "blind_tune.json")]


def fmt(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f}"


def main() -> None:
    results = [(name, json.loads((HERE / "results" / file).read_text())) for name, file in SETS
               if (HERE / "results" / file).exists()]
    head = " | ".join(f"{name}: gold | precision | recall | recall (any)" for name, _ in results)
    print(f"| policy | {head} |")
    print("|---|" + "---|" * 4 * len(results))
    policies = sorted(set().union(*(r["policies"] for _, r in results)))
    for p in [*policies, "overall"]:
        cells = []
        for _, r in results:
            a = r["overall"] if p == "overall" else r["policies"].get(p, EMPTY)
            cells.append(f"{a['gold']} | {fmt(a['precision'])} | {fmt(a['recall'])} | {fmt(a['recall_any'])}")
        name = "**overall**" if p == "overall" else p
        print(f"| {name} | {' | '.join(cells)} |")
    print()
    shares = ", ".join(f"{r['overall']['visible_char_share']:.2%} ({name})" for name, r in results)
    crashes = sum(r["overall"].get("crashes", 0) for _, r in results)
    print(f"PII characters left visible: {shares}. Crashes: {crashes}.")


if __name__ == "__main__":
    main()
