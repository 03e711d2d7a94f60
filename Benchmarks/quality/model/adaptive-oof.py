#!/usr/bin/env python3
"""Out-of-fold estimate of the adaptive default: what it would score on pages the line
classifier did not learn from.

  /tmp/lcv/bin/python adaptive-oof.py OOF.npz DEFAULT.jsonl REGION.jsonl OUT.jsonl [--threshold P]

The adaptive heuristic sends to the classifier the pages whose content region holds
little of the prose. Its scores on the development set are in-sample for those pages:
the shipped model learned from them. This script replaces the classifier's part with
out-of-fold probabilities and writes predictions to score with ../../shared/eval/score.py.

  OOF.npz        train.py --save-oof (site-grouped 5-fold CV; the same recipe as the
                 shipped model), made with the current rules' output in train.py's cache
  DEFAULT.jsonl  evaluate.py --out of `pare` (adaptive)
  REGION.jsonl   evaluate.py --out of `pare --heuristic region`
  A page whose two outputs differ went to the classifier; its prediction becomes the
  units whose out-of-fold probability reaches --threshold (default 0.1, the adaptive
  default's), as train.py prints a kept page (one pass: without Pare's neighbour
  revision, settling rounds and repeated-line removal). Every other page keeps the
  region's output.
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import train  # noqa: E402


def predictions(path):
    with open(path, encoding="utf-8") as f:
        return {r["id"]: r for r in map(json.loads, f)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("oof")
    ap.add_argument("default")
    ap.add_argument("region")
    ap.add_argument("out")
    ap.add_argument("--threshold", type=float, default=0.1)
    args = ap.parse_args()

    pages, texts, unit_idx, oof, page = train.load_oof(args.oof)

    default, region = predictions(args.default), predictions(args.region)
    sent = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for k, p in enumerate(pages):
            record = region[p["id"]]
            if default[p["id"]]["text"] != record["text"]:
                sent += 1
                keep = oof[page == k] >= args.threshold
                record = {"id": p["id"], "text": train.kept_text(texts[k], unit_idx[k], keep)}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{sent} of {len(pages)} pages went to the classifier; wrote {args.out}")


if __name__ == "__main__":
    main()
