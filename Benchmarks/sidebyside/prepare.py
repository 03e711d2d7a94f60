#!/usr/bin/env python3
"""Prepare the side-by-side corpus from a JSONL(.gz) of pages with a text field.

  prepare.py INPUT.jsonl[.gz] WORKDIR [--repeat N] [--field text]

Writes, in WORKDIR:
  corpus.jsonl  the input's lines, uncompressed, repeated N times (pare's JSONL mode, the peers)
  corpus.z      the texts, each followed by a NUL (pare -z); the same bytes as
                Benchmarks/scripts/make-corpus.py writes
  corpus.txt    the texts concatenated, each ending in a newline (the floor, wc -l)
  corpus.json   sizes: pages, text bytes, file bytes, and what the corpus was made from
Skips the work when corpus.json already describes the same input, size and repeat count.
"""
import argparse, gzip, json, os, sys

ap = argparse.ArgumentParser()
ap.add_argument("input")
ap.add_argument("workdir")
ap.add_argument("--repeat", type=int, default=1)
ap.add_argument("--field", default="text")
opts = ap.parse_args()
if opts.repeat < 1:
    sys.exit("prepare.py: --repeat must be at least 1")

st = os.stat(opts.input)
source = {"input": os.path.abspath(opts.input), "input_bytes": st.st_size,
          "input_mtime": int(st.st_mtime), "repeat": opts.repeat, "field": opts.field}
meta_path = os.path.join(opts.workdir, "corpus.json")
names = ["corpus.jsonl", "corpus.z", "corpus.txt"]
if os.path.exists(meta_path) and all(os.path.exists(os.path.join(opts.workdir, n)) for n in names):
    with open(meta_path) as f:
        meta = json.load(f)
    if meta.get("source") == source:
        print(f"corpus: reusing {opts.workdir} ({meta['pages']} pages, {meta['text_bytes'] / 1e6:.1f} MB of text)")
        sys.exit(0)

opener = gzip.open if opts.input.endswith(".gz") else open
lines, texts = [], []
with opener(opts.input, "rb") as f:
    for n, raw in enumerate(f, 1):
        if not raw.strip():
            continue
        try:
            text = json.loads(raw)[opts.field]
        except (ValueError, KeyError, TypeError) as e:
            sys.exit(f"prepare.py: {opts.input}:{n}: no string field {opts.field!r} ({e})")
        if not isinstance(text, str):
            sys.exit(f"prepare.py: {opts.input}:{n}: field {opts.field!r} is not a string")
        lines.append(raw if raw.endswith(b"\n") else raw + b"\n")
        texts.append(text.replace("\0", " ").encode("utf-8", "replace"))
if not texts:
    sys.exit(f"prepare.py: {opts.input}: no pages")

os.makedirs(opts.workdir, exist_ok=True)
def write(name, chunks):
    tmp = os.path.join(opts.workdir, name + ".tmp")
    with open(tmp, "wb") as out:
        for _ in range(opts.repeat):
            for c in chunks:
                out.write(c)
    os.replace(tmp, os.path.join(opts.workdir, name))

write("corpus.jsonl", lines)
write("corpus.z", [t + b"\0" for t in texts])
write("corpus.txt", [t if t.endswith(b"\n") else t + b"\n" for t in texts])
meta = {
    "source": source,
    "pages": len(texts) * opts.repeat,
    "text_bytes": sum(len(t) for t in texts) * opts.repeat,
    "jsonl_bytes": os.path.getsize(os.path.join(opts.workdir, "corpus.jsonl")),
    "z_bytes": os.path.getsize(os.path.join(opts.workdir, "corpus.z")),
    "txt_bytes": os.path.getsize(os.path.join(opts.workdir, "corpus.txt")),
}
with open(meta_path + ".tmp", "w") as f:
    json.dump(meta, f, indent=1)
os.replace(meta_path + ".tmp", meta_path)
print(f"corpus: {meta['pages']} pages, {meta['text_bytes'] / 1e6:.1f} MB of text, "
      f"{meta['jsonl_bytes'] / 1e6:.1f} MB of JSONL, in {opts.workdir}")
