#!/usr/bin/env python3
"""Time one peer cleaner in this one process over the texts of a JSONL file.

  peer.py c4|justext corpus.jsonl [--pages N] [--field text]

The peers run exactly as Pare's quality evaluation runs them (/work/shared/eval/peers.py):
  c4       datatrove's C4QualityFilter(min_num_sentences=-1, filter_lorem_ipsum=False,
           filter_curly_bracket=False) on a Document per page
  justext  jusText with each non-blank line as a <p> paragraph, English stoplist
Prints one line of JSON: pages, text bytes processed, and the seconds spent importing,
reading + parsing the JSONL, and in the cleaning loop alone (wall and CPU).
"""
import time

t_start = time.perf_counter()
import argparse, html as htmlmod, json, sys

ap = argparse.ArgumentParser()
ap.add_argument("peer", choices=["c4", "justext"])
ap.add_argument("jsonl")
ap.add_argument("--pages", type=int, default=0, help="only the first N pages (0: all)")
ap.add_argument("--field", default="text")
opts = ap.parse_args()

if opts.peer == "c4":
    from datatrove.data import Document
    from datatrove.pipeline.filters import C4QualityFilter
    c4 = C4QualityFilter(min_num_sentences=-1, filter_lorem_ipsum=False, filter_curly_bracket=False)

    def clean(text):
        d = Document(text=text, id="x")
        return d.text if c4.filter(d) is True else ""
else:
    import justext
    stoplist = justext.get_stoplist("English")

    def clean(text):
        src = "<html><body>" + "".join(f"<p>{htmlmod.escape(l.strip())}</p>\n"
                                       for l in text.splitlines() if l.strip()) + "</body></html>"
        paras = justext.justext(src.encode("utf-8"), stoplist)
        return "\n\n".join(p.text for p in paras if not p.is_boilerplate)
t_imported = time.perf_counter()

texts = []
with open(opts.jsonl, "rb") as f:
    for raw in f:
        if raw.strip():
            texts.append(json.loads(raw)[opts.field])
            if opts.pages and len(texts) >= opts.pages:
                break
t_parsed = time.perf_counter()

kept = 0
c_loop = time.process_time()
for text in texts:
    kept += len(clean(text))
t_done = time.perf_counter()
c_done = time.process_time()

print(json.dumps({
    "peer": opts.peer,
    "pages": len(texts),
    "bytes": sum(len(t.encode("utf-8", "replace")) for t in texts),
    "kept_chars": kept,
    "import_seconds": t_imported - t_start,
    "parse_seconds": t_parsed - t_imported,
    "loop_seconds": t_done - t_parsed,
    "loop_cpu_seconds": c_done - c_loop,
}))
