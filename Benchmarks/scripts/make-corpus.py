#!/usr/bin/env python3
"""Make a benchmark corpus: the "text" of every page of a JSONL(.gz) file, repeated until
the corpus reaches --min-mb, written NUL-separated (what `pare -z` and the benchmarks read).

  Benchmarks/scripts/make-corpus.py ../shared/eval/wcxb-dev.jsonl.gz /tmp/corpus.z --min-mb 200
"""
import argparse, gzip, json

ap = argparse.ArgumentParser()
ap.add_argument("jsonl")
ap.add_argument("out")
ap.add_argument("--field", default="text")
ap.add_argument("--min-mb", type=float, default=0, help="repeat the pages until the corpus is at least this big")
opts = ap.parse_args()
opener = gzip.open if opts.jsonl.endswith(".gz") else open
with opener(opts.jsonl, "rt", encoding="utf-8") as f:
    pages = [json.loads(line)[opts.field].replace("\0", " ").encode("utf-8") for line in f if line.strip()]
size = sum(len(p) for p in pages)
copies = max(1, int(-(-opts.min_mb * 1e6 // size))) if size else 1
with open(opts.out, "wb") as out:
    for _ in range(copies):
        for page in pages:
            out.write(page + b"\0")
print(f"{opts.out}: {len(pages) * copies} pages, {size * copies / 1e6:.1f} MB")
