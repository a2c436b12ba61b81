#!/usr/bin/env python3
"""Check that examples/evaluate's figures equal ../shared/tools/score.py's.

    scorepy_agree.py EVALUATE_METRICS.json SCORE_PY.json

The first file is what `evaluate -metrics` wrote, the second what
`score.py --peer textguard --json` wrote for the same corpus and predictions.
Exits 1 and names every figure that differs by more than 1e-9.
"""
import json
import sys

# evaluate's JSON path -> score.py's JSON path
VIEWS = [
    ("classification", "classification"),
    ("spans.in_scope.micro", "span_supported"),
    ("spans.all.micro", "span_micro"),
    ("spans.any_type", "span_any_type"),
    ("spans.document", "document"),
]


def get(d, path):
    for k in path.split("."):
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-9


def compare(ours, theirs, where, diffs):
    for k, v in theirs.items():
        if isinstance(v, (int, float)) or v is None:
            if k in ours and not same(ours[k], v):
                diffs.append(f"{where}.{k}: evaluate {ours[k]} score.py {v}")
            elif k not in ours and k not in ("n", "positives", "negatives"):
                diffs.append(f"{where}.{k}: missing from evaluate")


def main(argv):
    with open(argv[1], encoding="utf-8") as f:
        ours = json.load(f)
    with open(argv[2], encoding="utf-8") as f:
        theirs = json.load(f)
    diffs, checked = [], 0
    for mine, score in VIEWS:
        a, b = get(ours, mine), theirs.get(score)
        if a is None and b is None:
            continue
        if a is None or b is None:
            diffs.append(f"{mine}: present in only one tool")
            continue
        compare(a, b, mine, diffs)
        checked += 1
    per_ours, per_theirs = get(ours, "spans.all.per_type") or {}, theirs.get("span_per_type") or {}
    if set(per_ours) != set(per_theirs):
        diffs.append(f"per-type types differ: {sorted(per_ours)} vs {sorted(per_theirs)}")
    for t in sorted(set(per_ours) & set(per_theirs)):
        compare(per_ours[t], per_theirs[t], f"spans.all.per_type.{t}", diffs)
        checked += 1
    for d in diffs:
        print("DIFF", d)
    print(f"{'DIFFERENT' if diffs else 'same'}: {checked} groups of figures compared")
    return 1 if diffs or not checked else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
