#!/usr/bin/env python3
"""Quality harness: run `pare` over an evaluation JSONL and score it against the gold.

  Benchmarks/quality/evaluate.py DATA.jsonl[.gz] [--pare PATH] [--by page_type]
                                 [--worst N] [--out PRED.jsonl] [-- PARE-ARGS...]

DATA holds one page a line with "id", "text" (Pare's input), "gold" (the main content),
and optionally "with"/"without" (snippets a good cleaning keeps / removes) and a grouping
field such as "page_type". All pages go through one `pare -z` process.

Metrics (the same definitions as the development set's scorer):
  word_P/R/F1  mean over pages of word-multiset precision/recall/F1 (tokens \\w+, lower-cased)
  sh_P/R/F1    4-word shingles: mean precision, mean recall, F1 of the two means
  with         share of must-keep snippets found in the output (white space folded)
  without      share of must-remove snippets absent from the output
Printed overall and per group, then the N worst pages by word F1 with a line diff:
'+' kept but not in the gold (boilerplate that got through), '-' gold text that was lost.
"""
import argparse, gzip, json, os, re, subprocess, sys, time
from collections import Counter, defaultdict

WORD = re.compile(r"\w+")


def words(text):
    return WORD.findall(text.lower())


def word_prf(pred, gold):
    p, g = Counter(words(pred)), Counter(words(gold))
    if not g:
        return (1.0, 1.0, 1.0) if not p else (0.0, 1.0, 0.0)
    if not p:
        return (1.0, 0.0, 0.0)
    overlap = sum((p & g).values())
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def shingles(text, n=4):
    tokens = WORD.findall(text)
    return Counter(tuple(tokens[i:i + n]) for i in range(max(len(tokens) - n + 1, 1 if tokens else 0)))


def fold(text):
    return " ".join(text.lower().split())


def score(pages, preds):
    out = {}
    prf = [word_prf(preds[p["id"]], p["gold"]) for p in pages]
    for i, name in enumerate(("word_P", "word_R", "word_F1")):
        out[name] = sum(x[i] for x in prf) / len(prf)
    precisions, recalls = [], []
    for p in pages:
        s, g = shingles(preds[p["id"]]), shingles(p["gold"])
        tp = sum((s & g).values())
        fp, fn = sum(s.values()) - tp, sum(g.values()) - tp
        if tp + fp > 0:
            precisions.append(1.0 if fp == fn == 0 else tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(1.0 if fp == fn == 0 else tp / (tp + fn))
    mp = sum(precisions) / len(precisions) if precisions else 0.0
    mr = sum(recalls) / len(recalls) if recalls else 0.0
    out["sh_P"], out["sh_R"] = mp, mr
    out["sh_F1"] = 2 * mp * mr / (mp + mr) if mp + mr else 0.0
    kept = keep_total = gone = drop_total = 0
    for p in pages:
        text = fold(preds[p["id"]])
        for snippet in p.get("with", []):
            keep_total += 1
            kept += fold(snippet) in text
        for snippet in p.get("without", []):
            drop_total += 1
            gone += fold(snippet) not in text
    out["with"] = kept / keep_total if keep_total else float("nan")
    out["without"] = gone / drop_total if drop_total else float("nan")
    out["n"] = len(pages)
    return out


def load(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def run_pare(pare, args, pages):
    # NUL separates documents; a page that itself holds NUL would split, so they are
    # replaced (and reported) rather than silently misaligning every later page.
    texts = []
    for p in pages:
        t = p["text"]
        if "\0" in t:
            print(f"note: page {p['id']} holds NUL bytes; replaced by spaces", file=sys.stderr)
            t = t.replace("\0", " ")
        texts.append(t)
    payload = "\0".join(texts).encode("utf-8") + b"\0"
    started = time.perf_counter()
    proc = subprocess.run([pare, "-z", *args], input=payload, capture_output=True)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"pare exited {proc.returncode}: {proc.stderr.decode(errors='replace')}")
    outputs = proc.stdout.split(b"\0")
    if outputs and outputs[-1] == b"":
        outputs.pop()
    if len(outputs) != len(pages):
        sys.exit(f"pare returned {len(outputs)} documents for {len(pages)} pages")
    return [o.decode("utf-8", errors="replace") for o in outputs], elapsed, len(payload)


def line_diff(pred, gold, limit=40):
    gold_folded = fold(gold)
    pred_folded = fold(pred)
    rows = []
    for line in pred.splitlines():
        f = fold(line)
        if f and f not in gold_folded:
            rows.append("+ " + line.strip()[:160])
    for line in gold.splitlines():
        f = fold(line)
        if f and f not in pred_folded:
            rows.append("- " + line.strip()[:160])
    more = len(rows) - limit
    return rows[:limit] + ([f"  … {more} more lines"] if more > 0 else [])


def main():
    argv = sys.argv[1:]
    pare_args = []
    if "--" in argv:
        cut = argv.index("--")
        argv, pare_args = argv[:cut], argv[cut + 1:]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data")
    ap.add_argument("--pare", default=os.path.join(os.path.dirname(__file__), "../../.build/release/pare"))
    ap.add_argument("--by", default="page_type", help="field to group by (default page_type)")
    ap.add_argument("--worst", type=int, default=0, help="show the N worst pages with a diff")
    ap.add_argument("--out", help="also write predictions JSONL here (id, converter, text)")
    ap.add_argument("--json", action="store_true", help="print metric rows as JSON only")
    opts = ap.parse_args(argv)

    pages = load(opts.data)
    outputs, elapsed, size = run_pare(opts.pare, pare_args, pages)
    preds = {p["id"]: o for p, o in zip(pages, outputs)}
    if opts.out:
        with open(opts.out, "w", encoding="utf-8") as f:
            for p, o in zip(pages, outputs):
                f.write(json.dumps({"id": p["id"], "converter": p.get("converter", ""), "text": o}, ensure_ascii=False) + "\n")

    groups = defaultdict(list)
    for p in pages:
        groups[str(p.get(opts.by) or "?")].append(p)
    rows = [("all", score(pages, preds))] + [(g, score(groups[g], preds)) for g in sorted(groups)]
    if opts.json:
        for name, s in rows:
            print(json.dumps({"group": name, **{k: round(v, 4) if isinstance(v, float) else v for k, v in s.items()}}))
    else:
        cols = ("word_F1", "word_P", "word_R", "sh_F1", "with", "without", "n")
        print(f"{'group':<15}" + "".join(f"{c:>9}" for c in cols))
        for name, s in rows:
            print(f"{name:<15}" + "".join(f"{s[c]:>9.3f}" if c != "n" else f"{s[c]:>9}" for c in cols))
        print(f"\n{len(pages)} pages, {size / 1e6:.1f} MB in {elapsed:.2f} s ({size / 1e6 / elapsed:.1f} MB/s through one pare -z process)")

    if opts.worst:
        ranked = sorted(pages, key=lambda p: word_prf(preds[p["id"]], p["gold"])[2])
        for p in ranked[:opts.worst]:
            P, R, F = word_prf(preds[p["id"]], p["gold"])
            print(f"\n=== {p['id']} {p.get(opts.by, '')} {p.get('url', '')}  F1 {F:.3f} P {P:.3f} R {R:.3f}")
            print("\n".join(line_diff(preds[p["id"]], p["gold"])))


if __name__ == "__main__":
    main()
