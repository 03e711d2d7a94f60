#!/usr/bin/env python3
"""Parity check of Pare's Swift port of the line classifier against features.py.

  python3 Benchmarks/quality/model/parity.py [DATA.jsonl.gz] [--pare PATH] [--model FILE]

1. Runs `pare --no-heuristics -z` over the pages (NUL-joined, as evaluate.py does) and
   computes features.py's rows on each output page: the text the model was trained on.
2. Runs `pare -z --dump-line-features` (the Swift features on the same virtual page,
   one line per unit: DOC, UNIT, 122 features, probability).
3. Compares: unit counts per page, max |difference| per feature (names and an example
   of each mismatch), the share of units whose features all agree within 1e-6, and
   the keep/drop agreement (each side's probability against the model's threshold;
   the Python probability comes from evaluating the model file here).
"""
import argparse, gzip, json, math, os, subprocess, sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..", "..")
sys.path.insert(0, HERE)
import features as F  # noqa: E402

TOL = 1e-6


def load_model(path):
    base = thr = None
    nodes = defaultdict(dict)
    for line in open(path, encoding="utf-8"):
        f = line.split()
        if not f or f[0].startswith("#"):
            continue
        if f[0] == "stage" and f[2] == "kind":
            base = float(f[7])
        elif f[0] == "stage" and f[2] == "threshold":
            thr = float(f[3])
        elif f[0] == "node":
            t, k = int(f[2]), int(f[3])
            nodes[t][k] = (int(f[4]), float(f[5]), int(f[6]), int(f[7]), float(f[8]))
    trees = [nodes[t] for t in sorted(nodes)]

    def prob(x):
        s = base
        for tree in trees:
            k = 0
            while True:
                feat, th, l, r, v = tree[k]
                if feat < 0:
                    s += v
                    break
                k = l if x[feat] <= th else r
        return 1 / (1 + math.exp(-s))
    return prob, thr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data", nargs="?", default=os.path.join(ROOT, "..", "shared", "eval", "wcxb-dev.jsonl.gz"))
    ap.add_argument("--pare", default=os.path.join(ROOT, ".build", "release", "pare"))
    ap.add_argument("--model", default=os.path.join(ROOT, "Patterns", "models", "line-classifier.txt"))
    args = ap.parse_args()

    opener = gzip.open if args.data.endswith(".gz") else open
    with opener(args.data, "rt", encoding="utf-8") as f:
        pages = [json.loads(l) for l in f if l.strip()]
    payload = "\0".join(p["text"].replace("\0", " ") for p in pages).encode("utf-8") + b"\0"

    out = subprocess.run([args.pare, "--no-heuristics", "-z"], input=payload, capture_output=True, check=True).stdout
    texts = [t.decode("utf-8", "replace") for t in out.split(b"\0")[:len(pages)]]
    dump = subprocess.run([args.pare, "-z", "--dump-line-features"], input=payload, capture_output=True, check=True).stdout
    swift = defaultdict(list)
    for line in dump.decode().splitlines():
        f = line.split("\t")
        swift[int(f[0])].append([float(x) for x in f[2:]])

    prob, thr = load_model(args.model)
    names = None
    count_mismatch = []
    max_diff = defaultdict(float)
    example = {}
    mismatched_features = defaultdict(int)
    units = units_ok = decisions = decisions_ok = 0
    prob_diff = 0.0
    for i, text in enumerate(texts):
        _, rows, n = F.page_features(text) if text.strip() else ([], [], None)
        names = names or n
        srows = swift.get(i, [])
        if len(rows) != len(srows):
            count_mismatch.append((i, len(rows), len(srows)))
            continue
        for k, (py, sw) in enumerate(zip(rows, srows)):
            units += 1
            if len(sw) != len(py) + 1:
                sys.exit(f"page {i} unit {k}: Swift row has {len(sw) - 1} features, features.py {len(py)}")
            ok = True
            for j, (a, b) in enumerate(zip(py, sw[:-1])):
                d = abs(a - b)
                if d > max_diff[j]:
                    max_diff[j] = d
                if d > TOL:
                    ok = False
                    mismatched_features[j] += 1
                    example.setdefault(j, (i, k, a, b, text.split("\n")[_unit_line(text, k)][:100]))
            units_ok += ok
            p = prob(py)
            prob_diff = max(prob_diff, abs(p - sw[-1]))
            decisions += 1
            decisions_ok += (p >= thr) == (sw[-1] >= thr)

    print(f"pages: {len(texts)}; unit counts agree on {len(texts) - len(count_mismatch)} "
          f"({len(count_mismatch)} differ)")
    for i, a, b in count_mismatch[:10]:
        print(f"  page {i}: features.py {a} units, Swift {b}")
    print(f"units compared: {units}; all features within {TOL:g}: {units_ok} "
          f"({100 * units_ok / max(1, units):.3f} %)")
    worst = max(max_diff.values(), default=0.0)
    print(f"max |difference| over all features: {worst:.3g}")
    bad = [j for j in sorted(mismatched_features, key=lambda j: -mismatched_features[j])]
    if bad:
        print("features with mismatches (units, max |diff|, example page/unit py vs swift: line):")
        for j in bad:
            i, k, a, b, line = example[j]
            print(f"  {names[j]:24s} {mismatched_features[j]:6d}  {max_diff[j]:.3g}  "
                  f"page {i} unit {k}: {a!r} vs {b!r}: {line!r}")
    else:
        print("no feature differs by more than the tolerance")
    print(f"max |p(python) - p(swift)|: {prob_diff:.3g}")
    print(f"keep/drop decisions agree: {decisions_ok}/{decisions} "
          f"({100 * decisions_ok / max(1, decisions):.3f} %) at threshold {thr}")


def _unit_line(text, k):
    """Line index of unit k (for showing examples)."""
    idx, _, _ = F.page_features(text)
    return idx[k]


if __name__ == "__main__":
    main()
