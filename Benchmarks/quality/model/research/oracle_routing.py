#!/usr/bin/env python3
"""How far choosing between Pare's two heuristics page by page can go, out of fold.

  /tmp/lcv/bin/python oracle_routing.py OOF.npz REGION.jsonl DEFAULT.jsonl [--threshold P]

OOF.npz        train.py --save-oof on the current rules' output (train.py's cache)
REGION.jsonl   evaluate.py --out of `pare --heuristic region`
DEFAULT.jsonl  evaluate.py --out of `pare` (a page whose output differs from REGION's
               went to the classifier)

For every page it scores the content region's output and the classifier's out-of-fold
output (one pass at --threshold, default 0.1, as adaptive-oof.py builds it) and prints,
by page type, the mean word F1 of: the region alone, the classifier alone, the default's
choice, and an oracle that takes the better of the two on each page. The oracle is an
upper bound for any rule that routes pages between the two heuristics.
"""
import argparse
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "..", "shared", "eval"))
import train  # noqa: E402
import score  # noqa: E402


def outputs(path):
    with open(path, encoding="utf-8") as f:
        return {r["id"]: r["text"] for r in map(json.loads, f)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("oof")
    ap.add_argument("region")
    ap.add_argument("default")
    ap.add_argument("--threshold", type=float, default=0.1)
    args = ap.parse_args()

    pages, texts, unit_idx, oof, page = train.load_oof(args.oof)
    region, default = outputs(args.region), outputs(args.default)

    rows = {}
    for k, p in enumerate(pages):
        clf = train.kept_text(texts[k], unit_idx[k], oof[page == k] >= args.threshold)
        f_region = score.word_prf(region[p["id"]], p["gold"])[2]
        f_clf = score.word_prf(clf, p["gold"])[2]
        sent = default[p["id"]] != region[p["id"]]
        row = (f_region, f_clf, f_clf if sent else f_region, max(f_region, f_clf))
        rows.setdefault(p["page_type"], []).append(row)
        rows.setdefault("all", []).append(row)
    print(f"{'page type':<15}{'region':>9}{'classifier':>12}{'default':>9}{'oracle':>9}{'n':>6}")
    for t in ["all"] + sorted(t for t in rows if t != "all"):
        m = np.mean(rows[t], axis=0)
        print(f"{t:<15}{m[0]:>9.4f}{m[1]:>12.4f}{m[2]:>9.4f}{m[3]:>9.4f}{len(rows[t]):>6}")


if __name__ == "__main__":
    main()
