#!/usr/bin/env python3
"""Train and cross-validate Pare's per-line keep/drop classifier (feasibility study).

  /tmp/lcv/bin/python train.py [--input raw|rules] [--model gbt|lr|rf] [--trees N]
                               [--depth D] [--lr RATE] [--weight none|words|sqrtwords]
                               [--stack] [--smooth] [--importance] [--out line-model.txt]
                               [--augment-clean [--aug-weight W]] [--idempotence]

Steps
  1. Input lines: the page text as is (--input raw), or what Pare's rule packs leave
     (--input rules: `pare --no-heuristics -z`, i.e. the text the content-region
     stage would see if the classifier replaced it).
  2. Labels (labels_for): a unit (line with words) is content if its \\w+ token
     sequence occurs in the gold's (units of >= 3 words; with --labels cover, the
     default, also when >= half its tokens lie in 3-token windows found in the gold)
     or equals the tokens of a gold line (shorter units). Tokens rather than raw
     characters so that curly vs straight quotes and spacing do not matter. Keeping
     exactly the content units scores word_F1 0.945, with 0.865 (the "oracle" row).
  3. Features: features.py (one row per unit).
  4. Grouped CV: GroupKFold(5) over registered domains; each held-out fold's pages
     are rebuilt from the kept lines and scored with the real metrics (word P/R/F1,
     shingle F1, with, without; overall and per page type).
     The keep threshold is chosen, for each held-out fold, on the out-of-fold
     predictions of the OTHER folds' pages (max word_F1 subject to with >= 0.85), so
     no held-out label picks its own threshold. The table for the best single
     threshold chosen on all OOF pages is printed too (a ceiling, one scalar leaked).
  5. --stack: a second model that also sees the first model's probabilities of the
     neighbouring units (k-3..k+3, window means, block mean). Its training inputs are
     inner-CV out-of-fold probabilities, so the held-out fold stays unseen.
  6. The final model(s) are trained on all pages and written to --out.
  7. --augment-clean: idempotence. The model otherwise only sees raw scraped pages, so
     on text it already cleaned (few lines, mostly prose) it drops titles and short
     lines again. Each page also gets a "clean" copy: its content-labelled units, in
     order, as Pare would print them (kept_text: blank lines between blocks, collapsed
     to one), features recomputed, every unit labelled content. The copy is in its
     page's CV fold (same site group) and is only ever trained on; held-out scoring
     and threshold choice use the original pages only. --aug-weight scales the copies'
     sample weights. --idempotence reports, on the held-out folds, the share of
     first-pass kept units/words that a second pass over the kept text would drop and
     the share of pages it would change.

Model file format (line-model.txt), plain text, one record a line, '#' comments:

  features N                          number of input features
  feature I NAME                      I = 0..N-1, the order of features.py's row
  stage S kind gbt trees T base B     S = 1 (or 2 when stacked); score = B + sum of leaves
  stage S threshold P                 keep a unit when sigmoid(score) >= P (last stage only
                                      matters; earlier stages feed probabilities forward)
  node S T K F THR L R V              tree T of stage S, node K (root = 0): if x[F] <= THR
                                      go to node L else node R; a leaf has F = -1 and
                                      value V (added to the score)
  stage S kind lr intercept B         logistic regression...
  coef S I MEAN SCALE W               ...score += W * (x[I] - MEAN) / SCALE
  stack-features S K NAME             stage-2 extra inputs, appended after the N base
                                      features, in this order (see stack_features())

Trees are sklearn HistGradientBoostingClassifier trees with real-valued thresholds;
the rule is exactly sklearn's: go left when x[F] <= THR, else right (features are
never NaN). p = 1 / (1 + exp(-score)). The export is checked against sklearn at the
end of a run (max difference printed).

Also printed: the grouped-CV tables, a threshold sweep (word_F1 / with / without),
optionally (--importance) permutation importance, and the number of splits per
feature in the exported model.
"""
import argparse
import gzip
import json
import math
import os
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from multiprocessing import Pool

import numpy as np
from scipy import sparse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import features as F  # noqa: E402

DATA = os.path.join(HERE, "..", "..", "..", "..", "shared", "eval", "wcxb-dev.jsonl.gz")
PARE = os.path.join(HERE, "..", "..", "..", ".build", "release", "pare")
# Two checkouts training at once (say, two worktrees) each set their own cache.
CACHE = os.environ.get("PARE_TRAIN_CACHE", "/tmp/lcv_cache")
WORD = re.compile(r"\w+")
TYPES = ("article", "collection", "documentation", "forum", "listing", "product", "service")


# ----------------------------------------------------------------------------- data

def load(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go", "gob", "nic"}


def site(url, fallback):
    """Registered domain (approximate public-suffix rule: example.co.uk, example.com)."""
    m = re.match(r"^[a-z]+://([^/:?#]+)", (url or "").lower())
    if not m:
        return "nourl:" + fallback
    labels = m.group(1).split(".")
    if len(labels) >= 3 and labels[-2] in SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def features_cache_path(input_mode):
    """Where the feature matrix for `input_mode` is cached: keyed by features.py's content
    and the extra-features switch as well as the input, so that an edit of features.py
    never meets a matrix computed by the code before it (`research/` reads it too)."""
    import hashlib
    with open(F.__file__, "rb") as fh:
        fhash = hashlib.sha1(fh.read()).hexdigest()[:10]
    return os.path.join(CACHE, f"features-{input_mode}{'-extra' if F.EXTRA else ''}-{fhash}.npz")


def rules_texts(pages):
    """What Pare's rule packs leave of each page, cached until the pare binary is rebuilt
    (a changed rule changes what the model learns from; a stale cache once made a
    retrained model repeat the old one split for split)."""
    path = os.path.join(CACHE, "rules-out.json")
    if os.path.exists(path) and os.path.getmtime(path) > os.path.getmtime(PARE):
        with open(path) as f:
            return json.load(f)
    payload = "\0".join(p["text"].replace("\0", " ") for p in pages).encode() + b"\0"
    out = subprocess.run([PARE, "--no-heuristics", "-z"], input=payload, capture_output=True, check=True).stdout
    texts = [t.decode("utf-8", "replace") for t in out.split(b"\0")[:len(pages)]]
    with open(path, "w") as f:
        json.dump(texts, f)
    return texts


def tokens(s):
    return WORD.findall(s.lower())


def labels_for(text, gold, unit_idx, mode="cover"):
    """1 = content, 0 = boilerplate, for each unit.

    mode "exact" (the brief's rule, on \\w+ tokens): a unit of >= 3 words is content
    if its token sequence occurs in the gold's; a shorter unit if it equals a gold
    line's tokens.
    mode "cover" (default): a unit of >= 3 words is content if at least half of its
    tokens lie in a 3-token window that also occurs in the gold (tolerates a list
    number "1." or a merged "Share" in front of a gold sentence, a drop cap "I f");
    a shorter unit as in "exact", also after dropping a leading list number."""
    gt = tokens(gold)
    g = " " + " ".join(gt) + " "
    tri = {tuple(gt[i:i + 3]) for i in range(len(gt) - 2)}
    gold_lines = {" ".join(tokens(l)) for l in gold.split("\n")}
    lines = text.split("\n")
    out = []
    for i in unit_idx:
        t = tokens(lines[i])
        if not t:
            out.append(0)
        elif len(t) >= 3:
            if (" " + " ".join(t) + " ") in g:
                out.append(1)
            elif mode == "exact":
                out.append(0)
            else:
                cov = [False] * len(t)
                for j in range(len(t) - 2):
                    if tuple(t[j:j + 3]) in tri:
                        cov[j] = cov[j + 1] = cov[j + 2] = True
                out.append(int(sum(cov) >= 0.5 * len(t)))
        else:
            hit = " ".join(t) in gold_lines
            if not hit and mode == "cover" and len(t) == 2 and t[0].isdigit():
                hit = t[1] in gold_lines
            out.append(int(hit))
    return out


def _extract(args):
    text, gold = args
    unit_idx, rows, names = F.page_features(text) if text.strip() else ([], [], None)
    if not unit_idx:
        return [], [], [], None
    return unit_idx, rows, labels_for(text, gold, unit_idx), names


def build(pages, texts):
    """Feature matrix, labels and page index of every unit (cached per input mode)."""
    with Pool(os.cpu_count()) as pool:
        res = pool.map(_extract, [(t, p["gold"]) for t, p in zip(texts, pages)], chunksize=8)
    names = next(r[3] for r in res if r[3])
    X, y, page, unit_idx = [], [], [], []
    for k, (ui, rows, lab, _) in enumerate(res):
        X.extend(rows); y.extend(lab); page.extend([k] * len(ui)); unit_idx.append(ui)
    return (np.asarray(X, dtype=np.float32), np.asarray(y, dtype=np.int8),
            np.asarray(page, dtype=np.int32), unit_idx, names)


def kept_text(text, unit_idx, keep):
    """The page as Pare prints it after keeping only the units with keep[k] true:
    dropped units and lines without words vanish, blank lines stay, collapsed to one,
    none leading or trailing (what a second `pare --heuristic classifier` pass reads)."""
    lines = text.split("\n")
    kept = {i for i, k in zip(unit_idx, keep) if k}
    out, gap = [], False
    for i, line in enumerate(lines):
        if i in kept:
            if gap and out:
                out.append("")
            out.append(line)
            gap = False
        elif not line.strip():
            gap = True
    return "\n".join(out)


def load_oof(oof_path):
    """The development set, train.py's cached rules output and units, and an OOF file
    made from them (`--save-oof`): (pages, texts, unit_idx, oof, page). Exits when the
    cache does not match the set, or the OOF file does not match the cache: probabilities
    from other rules' output (another binary, an older cache) would be read against the
    wrong lines."""
    pages = load(DATA)
    with open(os.path.join(CACHE, "rules-out.json"), encoding="utf-8") as f:
        texts = json.load(f)
    unit_idx = list(np.load(features_cache_path("rules"), allow_pickle=True)["unit_idx"])
    z = np.load(oof_path)
    oof, page = z["oof"], z["page"]
    if len(texts) != len(pages) or len(unit_idx) != len(pages):
        raise SystemExit("train.py's cache does not match the development set: run train.py first")
    units_per_page = np.bincount(page, minlength=len(unit_idx))
    if len(oof) != len(page) or len(units_per_page) != len(unit_idx) or any(
            units_per_page[k] != len(u) for k, u in enumerate(unit_idx)):
        raise SystemExit(f"{oof_path} was not made from train.py's current cache: run train.py --save-oof again")
    return pages, texts, unit_idx, oof, page


def _features_only(text):
    return F.page_features(text)[:2] if text.strip() else ([], [])


def page_rows(texts):
    """Feature rows of many pages: (list of per-page row arrays, list of unit_idx)."""
    with Pool(os.cpu_count()) as pool:
        res = pool.map(_features_only, texts, chunksize=8)
    ncol = next(len(r[0]) for u, r in res if len(u))
    return ([np.asarray(r, dtype=np.float32) if len(u) else np.zeros((0, ncol), dtype=np.float32) for u, r in res],
            [u for u, _ in res])


def clean_copies(texts, unit_idx, y, page, n_pages, min_gold_words=0, golds=None):
    """--augment-clean: for every page with content units, a copy made of exactly its
    content-labelled units (kept_text of the labels); all its units are content.
    --aug-min-words N: only pages whose gold holds >= N words.
    Returns (X_aug, y_aug, page_aug) with page_aug = the ORIGINAL page's index."""
    bounds = np.flatnonzero(np.diff(np.r_[-1, page, -2]))
    lab = [np.zeros(0, dtype=np.int8)] * n_pages
    for a, b in zip(bounds[:-1], bounds[1:]):
        lab[page[a]] = y[a:b]
    src = [k for k in range(n_pages) if len(lab[k]) and lab[k].sum() > 0
           and (not min_gold_words or len(tokens(golds[k])) >= min_gold_words)]
    clean = [kept_text(texts[k], unit_idx[k], lab[k]) for k in src]
    rows, uis = page_rows(clean)
    Xa = np.concatenate([r for r in rows if len(r)])
    pa = np.concatenate([np.full(len(r), k, dtype=np.int32) for k, r in zip(src, rows)])
    mism = sum(len(u) != int(lab[k].sum()) for k, u in zip(src, uis))
    print(f"augment-clean: {len(src)} clean copies, {len(Xa)} units "
          f"({mism} copies whose unit count differs from their content units)", flush=True)
    return Xa, np.ones(len(Xa), dtype=np.int8), pa


def self_copies(texts, unit_idx, keep_pages, n_pages, words_col, min_words=100, labels="all", golds=None):
    """--augment-self: the idempotence counterpart of --augment-clean. For every page,
    a copy made of the units the model kept on its first pass (kept_text of its
    out-of-fold keep mask): exactly what a second `pare --heuristic classifier` pass
    reads. labels "all": every unit is content (a cleaner keeps what it kept);
    "gold": the usual labels_for against the page's gold. Copies whose units hold
    fewer than min_words words are skipped: Pare hands such pages to the
    content-region stage, the model never sees them.
    Returns (X_aug, y_aug, page_aug) with page_aug = the ORIGINAL page's index."""
    src = [k for k in range(n_pages) if keep_pages[k] is not None and any(keep_pages[k])]
    kt = [kept_text(texts[k], unit_idx[k], keep_pages[k]) for k in src]
    rows, uis = page_rows(kt)
    Xs_, ys_, ps_ = [], [], []
    for k, t, r, ui in zip(src, kt, rows, uis):
        if not len(ui) or r[:, words_col].sum() < min_words:
            continue
        Xs_.append(r)
        ys_.append(np.ones(len(ui), dtype=np.int8) if labels == "all"
                   else np.asarray(labels_for(t, golds[k], ui), dtype=np.int8))
        ps_.append(np.full(len(ui), k, dtype=np.int32))
    Xa, ya, pa = np.concatenate(Xs_), np.concatenate(ys_), np.concatenate(ps_)
    print(f"augment-self: {len(Xs_)} first-pass copies (>= {min_words} words), {len(Xa)} units, "
          f"{ya.mean():.3f} labelled content", flush=True)
    return Xa, ya, pa


def second_pass(models, thrs, fold_of_page, cols, keep_pages, texts, unit_idx, min_words=100):
    """Idempotence on held-out folds: rebuild each page from its first-pass kept units,
    recompute the features, score them with the same fold model and threshold.
    Returns (units kept by pass 1, of them dropped by pass 2, words kept by pass 1,
    of them dropped by pass 2, pages with >= 1 kept unit, pages changed by pass 2,
    the same two counts over pages whose kept text has >= min_words words)."""
    kt = [kept_text(t, u, k) for t, u, k in zip(texts, unit_idx, keep_pages)]
    rows, uis = page_rows(kt)
    u1 = u2 = w1 = w2 = n = nc = nb = nbc = bw1 = bw2 = 0
    for k, (r, ui) in enumerate(zip(rows, uis)):
        if not len(ui):
            continue
        f = fold_of_page[k]
        p = models[f].predict_proba(r[:, cols])[:, 1]
        drop = p < thrs[f]
        lines = kt[k].split("\n")
        words = np.array([len(tokens(lines[i])) for i in ui])
        u1 += len(ui); u2 += int(drop.sum())
        w1 += int(words.sum()); w2 += int(words[drop].sum())
        n += 1; nc += bool(drop.any())
        if words.sum() >= min_words:
            nb += 1; nbc += bool(drop.any())
            bw2 += int(words[drop].sum())
        bw1 += int(words.sum())
    return dict(units=u1, units_dropped=u2, words=w1, words_dropped=w2,
                pages=n, pages_changed=nc, pages_big=nb, pages_big_changed=nbc,
                words_dropped_big=bw2)


# -------------------------------------------------------------------------- scoring

class Scorer:
    """Fast word-multiset P/R/F1 + with/without over kept-unit masks (the metric of
    /work/shared/eval/score.py, recomputed with per-page sparse count matrices)."""

    def __init__(self, pages, texts, unit_idx):
        self.pages, self.texts, self.unit_idx = pages, texts, unit_idx
        self.mats, self.golds, self.lines = [], [], []
        for p, text, ui in zip(pages, texts, unit_idx):
            lines = text.split("\n")
            self.lines.append([lines[i] for i in ui])
            vocab = {}
            rows, cols, vals = [], [], []
            for r, i in enumerate(ui):
                for w, c in Counter(tokens(lines[i])).items():
                    rows.append(r); cols.append(vocab.setdefault(w, len(vocab))); vals.append(c)
            gc = Counter(tokens(p["gold"]))
            for w in gc:
                vocab.setdefault(w, len(vocab))
            gold = np.zeros(len(vocab))
            for w, c in gc.items():
                gold[vocab[w]] = c
            self.mats.append(sparse.csr_matrix((vals, (rows, cols)), shape=(len(ui), len(vocab))))
            self.golds.append(gold)

    def page_texts(self, keep_by_page):
        return ["\n".join(l for l, k in zip(lines, keep) if k) for lines, keep in zip(self.lines, keep_by_page)]

    def score(self, keep_by_page, idx=None, shingles=False):
        idx = range(len(self.pages)) if idx is None else idx
        P = R = F1 = 0.0
        kw = kt = dw = dt = 0
        preds = {}
        for k in idx:
            keep = keep_by_page[k]
            gold = self.golds[k]
            pred = (np.asarray(keep, dtype=float) @ self.mats[k]) if len(keep) else np.zeros_like(gold)
            gsum, psum = gold.sum(), pred.sum()
            if gsum == 0:
                p, r, f = (1.0, 1.0, 1.0) if psum == 0 else (0.0, 1.0, 0.0)
            elif psum == 0:
                p, r, f = 1.0, 0.0, 0.0
            else:
                ov = np.minimum(pred, gold).sum()
                p, r = ov / psum, ov / gsum
                f = 2 * p * r / (p + r) if p + r else 0.0
            P += p; R += r; F1 += f
            text = " ".join(" ".join(l.lower().split()) for l, kk in zip(self.lines[k], keep) if kk)
            for s in self.pages[k]["with"]:
                kt += 1; kw += " ".join(s.lower().split()) in text
            for s in self.pages[k]["without"]:
                dt += 1; dw += " ".join(s.lower().split()) not in text
            if shingles:
                preds[k] = "\n".join(l for l, kk in zip(self.lines[k], keep) if kk)
        n = len(idx)
        out = {"word_F1": F1 / n, "word_P": P / n, "word_R": R / n,
               "with": kw / kt if kt else float("nan"), "without": dw / dt if dt else float("nan"), "n": n}
        if shingles:
            sys.path.insert(0, os.path.dirname(DATA))
            import score as S
            recs = [dict(self.pages[k], id=str(k)) for k in idx]
            out["sh_F1"] = S.score(recs, {str(k): preds[k] for k in idx})["sh_F1"]
        return out


def masks(prob, page, n_pages, thr, smooth=False):
    """Per-page keep masks from unit probabilities."""
    keep = prob >= thr
    if smooth:
        keep = smooth_keep(prob, page, thr)
    out = [[] for _ in range(n_pages)]
    bounds = np.flatnonzero(np.diff(np.r_[-1, page, -2])) if len(page) else []
    for a, b in zip(bounds[:-1], bounds[1:]):
        out[page[a]] = keep[a:b].tolist()
    return out


def smooth_keep(prob, page, thr, margin=0.15):
    """jusText-style: an uncertain unit (|p - thr| < margin) whose previous and next
    units agree takes their class."""
    keep = prob >= thr
    sure = np.abs(prob - thr) >= margin
    out = keep.copy()
    same_prev = np.r_[False, page[1:] == page[:-1]]
    same_next = np.r_[page[:-1] == page[1:], False]
    prev_keep = np.r_[False, keep[:-1]]
    next_keep = np.r_[keep[1:], False]
    agree = same_prev & same_next & (prev_keep == next_keep)
    out[~sure & agree] = prev_keep[~sure & agree]
    return out


def best_threshold(scorer, prob, page, n_pages, idx, smooth=False, min_with=0.85):
    """Threshold maximising word_F1 on pages idx subject to with >= min_with."""
    best = None
    for thr in np.arange(0.10, 0.81, 0.025):
        s = scorer.score(masks(prob, page, n_pages, thr, smooth), idx)
        ok = s["with"] >= min_with
        key = (ok, s["word_F1"] if ok else s["with"])
        if best is None or key > best[0]:
            best = (key, thr, s)
    return best[1], best[2]


# --------------------------------------------------------------------------- models

def make_model(kind, trees, depth, lr_rate):
    if kind == "gbt":
        from sklearn.ensemble import HistGradientBoostingClassifier
        return HistGradientBoostingClassifier(max_iter=trees, max_depth=depth, max_leaf_nodes=2 ** depth,
                                              learning_rate=lr_rate, early_stopping=False,
                                              l2_regularization=1.0, min_samples_leaf=50, random_state=0)
    if kind == "rf":
        from sklearn.ensemble import RandomForestClassifier
        return RandomForestClassifier(n_estimators=trees, max_depth=depth, min_samples_leaf=20,
                                      n_jobs=-1, random_state=0, max_features=0.3)
    if kind == "lr":
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler
        return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000))
    raise SystemExit(f"unknown model {kind}")


STACK_NAMES = ["q_self", "q_p1", "q_p2", "q_p3", "q_n1", "q_n2", "q_n3", "q_win2", "q_win5",
               "q_block", "q_list_run", "q_page_mean", "q_page_max_run"]


def stack_features(prob, page, X, names):
    """Stage-2 inputs from stage-1 probabilities (per page, over units):
    own p, p of units k-1..k-3 / k+1..k+3 (-1 off the page), mean p in windows of
    +-2 and +-5 units, mean p of the unit's block (units without a gap between them),
    mean p of its list run (same indent+marker), page mean p, and the longest run
    of units with p >= 0.5 on the page divided by the page's units."""
    gap = X[:, names.index("b_gap_before")]
    indent = X[:, names.index("s_indent")]
    marker = (X[:, names.index("s_bullet_star")] + 2 * X[:, names.index("s_bullet_plus")]
              + 3 * X[:, names.index("s_bullet_dash")] + 4 * X[:, names.index("s_bullet_other")]
              + 8 * X[:, names.index("s_numbered")])
    out = np.zeros((len(prob), len(STACK_NAMES)), dtype=np.float32)
    bounds = np.flatnonzero(np.diff(np.r_[-1, page, -2]))
    for a, b in zip(bounds[:-1], bounds[1:]):
        p = prob[a:b].astype(float)
        n = b - a
        cs = np.r_[0, np.cumsum(p)]
        ks = np.arange(n)
        cols = [p]
        for d in (-1, -2, -3, 1, 2, 3):
            j = ks + d
            cols.append(np.where((j >= 0) & (j < n), p[np.clip(j, 0, n - 1)], -1.0))
        for r in (2, 5):
            lo, hi = np.maximum(0, ks - r), np.minimum(n, ks + r + 1)
            cols.append((cs[hi] - cs[lo]) / (hi - lo))
        # block mean
        blk = np.cumsum(np.r_[0, (gap[a + 1:b] > 0).astype(int)])
        bm = np.bincount(blk, p) / np.bincount(blk)
        cols.append(bm[blk])
        # list-run mean
        key = indent[a:b] * 16 + marker[a:b]
        run = np.cumsum(np.r_[0, (key[1:] != key[:-1]).astype(int)])
        rm = np.bincount(run, p) / np.bincount(run)
        cols.append(rm[run])
        cols.append(np.full(n, p.mean()))
        hi_ = p >= 0.5
        best = cur = 0
        for v in hi_:
            cur = cur + 1 if v else 0
            best = max(best, cur)
        cols.append(np.full(n, best / n))
        out[a:b] = np.stack(cols, axis=1)
    return out


def fit_predict(kind, args, Xtr, ytr, wtr, Xte):
    m = make_model(kind, args.trees, args.depth, args.lr)
    if kind == "lr":
        m.fit(Xtr, ytr, logisticregression__sample_weight=wtr)
    else:
        m.fit(Xtr, ytr, sample_weight=wtr)
    return m, m.predict_proba(Xte)[:, 1]


def weights(X, y, page, names, mode):
    """Sample weights: 'none'; 'words' = the unit's words over the page's words (each
    page weighs the same, as in the mean-over-pages metric), scaled to mean 1."""
    if mode == "none":
        return np.ones(len(y))
    w = X[:, names.index("s_words")].astype(float)
    if mode == "sqrtwords":
        w = np.sqrt(w)
    tot = np.bincount(page, w)
    w = w / tot[page]
    return w * len(w) / w.sum()


# -------------------------------------------------------------------------- export

def export_trees(model, stage, f):
    base = float(np.ravel(model._baseline_prediction)[0])
    preds = model._predictors
    f.write(f"stage {stage} kind gbt trees {len(preds)} base {base!r}\n")
    for t, (pred,) in enumerate(preds):
        for k, nd in enumerate(pred.nodes):
            if nd["is_leaf"]:
                f.write(f"node {stage} {t} {k} -1 0 0 0 {float(nd['value'])!r}\n")
            else:
                f.write(f"node {stage} {t} {k} {int(nd['feature_idx'])} {float(nd['num_threshold'])!r} "
                        f"{int(nd['left'])} {int(nd['right'])} 0\n")


def export_lr(model, stage, f):
    sc, lr = model.steps[0][1], model.steps[1][1]
    f.write(f"stage {stage} kind lr intercept {float(lr.intercept_[0])!r}\n")
    for i, (m, s, w) in enumerate(zip(sc.mean_, sc.scale_, lr.coef_[0])):
        f.write(f"coef {stage} {i} {float(m)!r} {float(s)!r} {float(w)!r}\n")


def predict_trees_like_swift(path, X):
    """Re-evaluates an exported gbt file by hand (what the Swift port will do); used
    to check the export."""
    nodes = defaultdict(dict)
    base = {}
    for line in open(path):
        p = line.split()
        if not p or p[0] == "#":
            continue
        if p[0] == "stage" and p[2] == "kind" and p[3] == "gbt":
            base[int(p[1])] = float(p[7])
        if p[0] == "node":
            s, t, k, fi, thr, l, r, v = int(p[1]), int(p[2]), int(p[3]), int(p[4]), float(p[5]), int(p[6]), int(p[7]), float(p[8])
            nodes[(s, t)][k] = (fi, thr, l, r, v)
    out = np.full(len(X), base[1])
    for (s, t), nd in nodes.items():
        if s != 1:
            continue
        for i in range(len(X)):
            k = 0
            while nd[k][0] >= 0:
                fi, thr, l, r, _ = nd[k]
                k = l if X[i, fi] <= thr else r
            out[i] += nd[k][4]
    return 1 / (1 + np.exp(-out))


def write_model_header(f, args, pages, snames):
    """The model file's comment lines and feature names, shared by both export paths."""
    f.write(f"# Pare line classifier; trained by train.py on {len(pages)} pages ({args.input} input)\n")
    f.write(f"# {' '.join(sys.argv[1:])}\n")
    f.write(f"features {len(snames)}\n")
    for i, n in enumerate(snames):
        f.write(f"feature {i} {n}\n")


def write_model(args, final, thr, pages, snames, Xs):
    """Export a single-stage model (the --no-cv path) and check the export."""
    with open(args.out, "w") as f:
        write_model_header(f, args, pages, snames)
        (export_trees if args.model == "gbt" else export_lr)(final, 1, f)
        f.write(f"stage 1 threshold {thr:.3f}\n")
    if args.model == "gbt":
        sample = Xs[:2000]
        diff = np.abs(predict_trees_like_swift(args.out, sample) - final.predict_proba(sample)[:, 1]).max()
        print(f"export check: max |p(file) - p(sklearn)| on 2000 units = {diff:.2e}")
    print(f"wrote {args.out} ({os.path.getsize(args.out) / 1024:.0f} KB)")


def model_file_probability(path):
    """(probability function over a feature matrix, threshold) of an exported
    single-stage gbt model file, vectorised (for --self-keep-model)."""
    base = thr = None
    nodes = defaultdict(dict)
    for line in open(path):
        p = line.split()
        if not p or p[0].startswith("#"):
            continue
        if p[0] == "stage" and p[2] == "kind" and p[3] == "gbt":
            base = float(p[7])
        elif p[0] == "stage" and p[2] == "threshold":
            thr = float(p[3])
        elif p[0] == "node":
            nodes[int(p[2])][int(p[3])] = (int(p[4]), float(p[5]), int(p[6]), int(p[7]), float(p[8]))
    trees = []
    for t in sorted(nodes):
        a = np.zeros((max(nodes[t]) + 1, 5))
        for k, v in nodes[t].items():
            a[k] = v
        trees.append((a[:, 0].astype(int), a[:, 1], a[:, 2].astype(int), a[:, 3].astype(int), a[:, 4]))

    def prob(X):
        X = np.asarray(X, dtype=np.float64)
        s, r = np.full(len(X), base), np.arange(len(X))
        for fe, th, l, rr, v in trees:
            k = np.zeros(len(X), dtype=int)
            while True:
                inner = fe[k] >= 0
                if not inner.any():
                    break
                go = np.where(X[r, np.maximum(fe[k], 0)] <= th[k], l[k], rr[k])
                k = np.where(inner, go, k)
            s += v[k]
        return 1 / (1 + np.exp(-s))
    return prob, thr


# ---------------------------------------------------------------------------- main

def table(title, rows):
    print(f"\n{title}")
    cols = ("word_F1", "word_P", "word_R", "sh_F1", "with", "without", "n")
    print(f"{'group':<15}" + "".join(f"{c:>9}" for c in cols))
    for name, s in rows:
        print(f"{name:<15}" + "".join(f"{s.get(c, float('nan')):>9.3f}" if c != "n" else f"{s[c]:>9}" for c in cols))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DATA)
    ap.add_argument("--input", choices=("raw", "rules"), default="raw")
    ap.add_argument("--model", choices=("gbt", "lr", "rf"), default="gbt")
    ap.add_argument("--trees", type=int, default=100)
    ap.add_argument("--depth", type=int, default=4)
    ap.add_argument("--lr", type=float, default=0.1, help="learning rate (gbt)")
    ap.add_argument("--weight", choices=("none", "words", "sqrtwords"), default="none")
    ap.add_argument("--stack", action="store_true", help="second stage over neighbour probabilities")
    ap.add_argument("--smooth", action="store_true")
    ap.add_argument("--features", help="comma-separated feature-name prefixes to keep (ablation)")
    ap.add_argument("--labels", choices=("cover", "exact"), default="cover")
    ap.add_argument("--min-with", type=float, default=0.85)
    ap.add_argument("--out", default=os.path.join(HERE, "line-model.txt"))
    ap.add_argument("--save-oof", help="write out-of-fold probabilities (npz) for error analysis")
    ap.add_argument("--no-export", action="store_true")
    ap.add_argument("--importance", action="store_true", help="permutation importance on the OOF folds")
    ap.add_argument("--augment-clean", action="store_true",
                    help="also train on a clean copy of every training page (its content units only, "
                         "all labelled content), so a second pass over cleaned text keeps it")
    ap.add_argument("--aug-weight", type=float, default=1.0, help="sample-weight factor of the clean copies")
    ap.add_argument("--aug-min-words", type=int, default=0,
                    help="--augment-clean: only pages whose gold holds at least this many words")
    ap.add_argument("--augment-self", type=int, default=0, metavar="ROUNDS",
                    help="also train on each page's first-pass output (the previous CV round's "
                         "held-out kept text, all units labelled content); repeated ROUNDS times")
    ap.add_argument("--self-weight", type=float, default=1.0, help="sample-weight factor of the --augment-self copies")
    ap.add_argument("--self-min-words", type=int, default=100,
                    help="skip first-pass copies with fewer words (Pare's classifier fallback size)")
    ap.add_argument("--self-labels", choices=("all", "gold"), default="all")
    ap.add_argument("--self-boiler-weight", type=float, default=1.0,
                    help="--augment-self: weight factor of copy units the gold calls boilerplate (0 = left out)")
    ap.add_argument("--self-keep-model", help="--augment-self: take the first pass from this model file "
                    "(in-sample) instead of a first CV round")
    ap.add_argument("--no-cv", action="store_true", help="skip cross-validation (with --self-keep-model: "
                    "just train and export; the threshold is chosen in-sample unless --threshold)")
    ap.add_argument("--threshold", type=float, help="export this keep threshold instead of the chosen one")
    ap.add_argument("--extra-features", action="store_true",
                    help="also compute features.py's research features (t_ topic overlap, y_ shape "
                         "periodicity, h_ page context; not in the Swift port)")
    ap.add_argument("--idempotence", action="store_true",
                    help="second pass over each held-out page's kept text (features recomputed)")
    args = ap.parse_args()
    os.makedirs(CACHE, exist_ok=True)
    t0 = time.time()

    pages = load(args.data)
    texts = [p["text"] for p in pages] if args.input == "raw" else rules_texts(pages)
    if args.extra_features:
        os.environ["PARE_LCV_EXTRA"] = "1"
        F.EXTRA = True
    cache = features_cache_path(args.input)
    # Stale when features.py or (for --input rules) the rules' output is newer.
    sources = [F.__file__] + ([os.path.join(CACHE, "rules-out.json")] if args.input == "rules" else [])
    if os.path.exists(cache) and os.path.getmtime(cache) > max(os.path.getmtime(f) for f in sources):
        z = np.load(cache, allow_pickle=True)
        X, page, names = z["X"], z["page"], list(z["names"])
        unit_idx = list(z["unit_idx"])
    else:
        X, y, page, unit_idx, names = build(pages, texts)
        np.savez(cache, X=X, page=page, names=np.array(names), unit_idx=np.array(unit_idx, dtype=object))
    y = np.concatenate([np.asarray(labels_for(t, p["gold"], u, args.labels), dtype=np.int8)
                        for t, p, u in zip(texts, pages, unit_idx)])
    print(f"{len(pages)} pages, {len(y)} units, {X.shape[1]} features, {y.mean():.3f} content "
          f"({time.time() - t0:.0f} s)", flush=True)

    cols = list(range(len(names)))
    if args.features:
        pre = args.features.split(",")
        cols = [i for i, n in enumerate(names) if any(n.startswith(p) for p in pre)]
    Xs, snames = X[:, cols], [names[i] for i in cols]

    scorer = Scorer(pages, texts, unit_idx)
    n_pages = len(pages)
    ptype = [p["page_type"] for p in pages]
    # oracle: keep exactly the content-labelled units
    oracle = scorer.score(masks(y.astype(float), page, n_pages, 0.5), shingles=True)
    table("oracle (keep exactly the content-labelled lines)", [("all", oracle)])

    groups = np.array([site(p.get("url"), p["id"]) for p in pages])
    from sklearn.model_selection import GroupKFold
    folds = list(GroupKFold(n_splits=5).split(np.zeros(n_pages), groups=groups))
    fold_of_page = np.zeros(n_pages, dtype=int)
    for f, (_, te) in enumerate(folds):
        fold_of_page[te] = f
    fold_of_unit = fold_of_page[page]
    w = weights(X, y, page, names, args.weight)

    if (args.augment_clean or args.augment_self) and args.stack:
        raise SystemExit("--augment-clean / --augment-self do not support --stack")
    golds = [p["gold"] for p in pages]
    words_col = names.index("s_words")
    if args.augment_clean:
        Xa, ya, pa = clean_copies(texts, unit_idx, y, page, n_pages, args.aug_min_words, golds)
        # weights of the copies: as if each were a page of its own (page ids shifted)
        wa = weights(Xa, ya, pa + n_pages, names, args.weight) * args.aug_weight
        clean_aug = (Xa[:, cols], ya, wa, fold_of_page[pa])
    else:
        clean_aug = (np.zeros((0, len(cols)), dtype=np.float32), np.zeros(0, dtype=np.int8),
                     np.zeros(0), np.zeros(0, dtype=int))
    aug = clean_aug

    def train_set(mask_orig, mask_aug):
        Xas, ya_, wa_, _ = aug
        return (np.vstack([Xs[mask_orig], Xas[mask_aug]]), np.r_[y[mask_orig], ya_[mask_aug]],
                np.r_[w[mask_orig], wa_[mask_aug]])

    def cross_validate(label):
        oof1 = np.zeros(len(y))
        oof = np.zeros(len(y))
        fold_models = []
        fold_of_aug = aug[3]
        for f in range(5):
            tr, te = fold_of_unit != f, fold_of_unit == f
            m1, oof1[te] = fit_predict(args.model, args, *train_set(tr, fold_of_aug != f), Xs[te])
            fold_models.append(m1)
            if args.stack:
                # inner CV on the training folds for honest stage-1 probabilities
                inner = np.zeros(tr.sum())
                ftr = fold_of_unit[tr]
                Xtr, ytr, wtr = Xs[tr], y[tr], w[tr]
                for g in set(ftr.tolist()):
                    a, b = ftr != g, ftr == g
                    _, inner[b] = fit_predict(args.model, args, Xtr[a], ytr[a], wtr[a], Xtr[b])
                S_tr = np.hstack([Xtr, stack_features(inner, page[tr], X[tr], names)])
                S_te = np.hstack([Xs[te], stack_features(oof1[te], page[te], X[te], names)])
                _, oof[te] = fit_predict(args.model, args, S_tr, ytr, wtr, S_te)
            else:
                oof[te] = oof1[te]
            print(f"{label}fold {f}: {te.sum()} units ({time.time() - t0:.0f} s)", flush=True)

        from sklearn.metrics import roc_auc_score
        print(f"\n{label}unit AUC stage 1 {roc_auc_score(y, oof1):.4f}" + (f", stacked {roc_auc_score(y, oof):.4f}" if args.stack else ""))

        # (a) per-fold thresholds chosen on the other folds' OOF pages
        keep_pages = [None] * n_pages
        thrs = []
        for f in range(5):
            other = np.flatnonzero(fold_of_page != f)
            thr, _ = best_threshold(scorer, oof, page, n_pages, other, args.smooth, args.min_with)
            thrs.append(thr)
            m = masks(oof, page, n_pages, thr, args.smooth)
            for k in np.flatnonzero(fold_of_page == f):
                keep_pages[k] = m[k]
        rows = [("all", scorer.score(keep_pages, shingles=True))]
        for t in TYPES:
            rows.append((t, scorer.score(keep_pages, [k for k in range(n_pages) if ptype[k] == t], shingles=True)))
        table(f"{label}grouped 5-fold CV, held-out folds, threshold per fold from the other folds {[round(t, 3) for t in thrs]}", rows)
        if args.idempotence and not args.stack:
            r = second_pass(fold_models, thrs, fold_of_page, cols, keep_pages, texts, unit_idx)
            print(f"\n{label}idempotence (held-out folds, per-fold models and thresholds; second pass on the kept text):\n"
                  f"  units kept by pass 1 that pass 2 drops: {r['units_dropped']}/{r['units']} = {r['units_dropped'] / r['units']:.4f}\n"
                  f"  words kept by pass 1 that pass 2 drops: {r['words_dropped']}/{r['words']} = {r['words_dropped'] / r['words']:.4f}\n"
                  f"  pages changed by pass 2: {r['pages_changed']}/{r['pages']} = {r['pages_changed'] / r['pages']:.3f}"
                  f" (pages whose kept text has >= 100 words: {r['pages_big_changed']}/{r['pages_big']})\n"
                  f"  as Pare runs it (kept text under 100 words goes to the region stage, not counted):"
                  f" {r['pages_big_changed']} pages changed, {r['words_dropped_big'] / r['words']:.4f} of words dropped", flush=True)
        return oof, keep_pages

    if args.self_keep_model:
        # first-pass keep masks of an existing model file, in-sample (what that model
        # prints for these pages), instead of a first CV round
        prob_m, thr_m = model_file_probability(args.self_keep_model)
        keep_pages = masks(prob_m(X), page, n_pages, thr_m)
        oof = None
        print(f"self-keep-model {args.self_keep_model}: in-sample first pass at threshold {thr_m}", flush=True)
    elif args.no_cv:
        oof = keep_pages = None
    else:
        oof, keep_pages = cross_validate("")
    for it in range(args.augment_self):
        # idempotence by self-training: add the first-pass output of the previous
        # round's held-out models (each page's copy stays in its own fold)
        Xb, yb, pb = self_copies(texts, unit_idx, keep_pages, n_pages, words_col,
                                 args.self_min_words, args.self_labels, golds)
        wb = weights(Xb, yb, pb + n_pages, names, args.weight) * args.self_weight
        if args.self_boiler_weight != 1.0:
            # kept units that the gold calls boilerplate: weight scaled (0 = left out:
            # neither taught to keep nor to drop)
            lab = np.concatenate([np.asarray(labels_for(kept_text(texts[k], unit_idx[k], keep_pages[k]), golds[k],
                                                        F.page_features(kept_text(texts[k], unit_idx[k], keep_pages[k]))[0]),
                                             dtype=np.int8) for k in dict.fromkeys(pb.tolist())])
            assert len(lab) == len(yb)
            wb = np.where(lab == 1, wb, wb * args.self_boiler_weight)
            print(f"augment-self: {int((lab == 0).sum())} kept boilerplate units weighted x{args.self_boiler_weight}", flush=True)
        if args.no_cv and it == args.augment_self - 1:
            aug = tuple(np.concatenate([c, d]) if c.ndim == 1 else np.vstack([c, d])
                        for c, d in zip(clean_aug, (Xb[:, cols], yb, wb, fold_of_page[pb])))
            break
        aug = tuple(np.concatenate([c, d]) if c.ndim == 1 else np.vstack([c, d])
                    for c, d in zip(clean_aug, (Xb[:, cols], yb, wb, fold_of_page[pb])))
        oof, keep_pages = cross_validate(f"[self round {it + 1}] ")
    from sklearn.metrics import roc_auc_score
    if args.save_oof:
        np.savez(args.save_oof, oof=oof, y=y, page=page, fold=fold_of_page)

    if oof is None or (args.no_cv and args.augment_self):
        # --no-cv: the final model's own in-sample probabilities choose the threshold
        # (unless --threshold)
        final, p_in = fit_predict(args.model, args, *train_set(np.ones(len(y), bool), np.ones(len(aug[1]), bool)), Xs)
        thr = args.threshold if args.threshold is not None else \
            best_threshold(scorer, p_in, page, n_pages, range(n_pages), args.smooth, args.min_with)[0]
        s_in = scorer.score(masks(p_in, page, n_pages, thr))
        print(f"--no-cv: in-sample at threshold {thr:.3f}: word_F1 {s_in['word_F1']:.3f} with {s_in['with']:.3f} "
              f"without {s_in['without']:.3f}", flush=True)
        write_model(args, final, thr, pages, snames, Xs)
        return
    # (b) one global threshold on all OOF pages (ceiling)
    thr, _ = best_threshold(scorer, oof, page, n_pages, range(n_pages), args.smooth, args.min_with)
    if args.threshold is not None:
        thr = args.threshold
    m = masks(oof, page, n_pages, thr, args.smooth)
    rows = [("all", scorer.score(m, shingles=True))]
    for t in TYPES:
        rows.append((t, scorer.score(m, [k for k in range(n_pages) if ptype[k] == t])))
    table(f"same, one threshold {thr:.3f} chosen on all OOF pages", rows)
    # the F1/with trade-off curve
    print("\nthreshold sweep (all OOF pages): thr word_F1 with without")
    for t in np.arange(0.2, 0.71, 0.05):
        s = scorer.score(masks(oof, page, n_pages, t, args.smooth))
        print(f"  {t:.2f} {s['word_F1']:.3f} {s['with']:.3f} {s['without']:.3f}")

    if args.importance:
        # importance: gain-free, model-agnostic: drop in OOF AUC when a feature is
        # shuffled, on a sample of held-out units (fold 0 model)
        tr, te = fold_of_unit != 0, fold_of_unit == 0
        m0, p0 = fit_predict(args.model, args, Xs[tr], y[tr], w[tr], Xs[te])
        base = roc_auc_score(y[te], p0)
        rng = np.random.default_rng(0)
        imp = []
        Xte = Xs[te].copy()
        for i, n in enumerate(snames):
            keep_col = Xte[:, i].copy()
            Xte[:, i] = rng.permutation(keep_col)
            imp.append((base - roc_auc_score(y[te], m0.predict_proba(Xte)[:, 1]), n))
            Xte[:, i] = keep_col
        imp.sort(reverse=True)
        print("\npermutation importance (AUC drop on fold 0, stage 1):")
        for d, n in imp:
            print(f"  {n:<24} {d:.4f}")

    if args.no_export:
        return
    # final model on all pages
    final, _ = fit_predict(args.model, args, *train_set(np.ones(len(y), bool), np.ones(len(aug[1]), bool)), Xs[:1])
    with open(args.out, "w") as f:
        write_model_header(f, args, pages, snames)
        (export_trees if args.model == "gbt" else export_lr)(final, 1, f)
        if args.stack:
            p_all = np.zeros(len(y))
            for g in range(5):
                a, b = fold_of_unit != g, fold_of_unit == g
                _, p_all[b] = fit_predict(args.model, args, Xs[a], y[a], w[a], Xs[b])
            for k, n in enumerate(STACK_NAMES):
                f.write(f"stack-features 2 {k} {n}\n")
            S = np.hstack([Xs, stack_features(p_all, page, X, names)])
            final2, _ = fit_predict(args.model, args, S, y, w, S[:1])
            (export_trees if args.model == "gbt" else export_lr)(final2, 2, f)
        f.write(f"stage {2 if args.stack else 1} threshold {thr:.3f}\n")
    if args.model == "gbt" and not args.stack:
        sample = Xs[:2000]
        diff = np.abs(predict_trees_like_swift(args.out, sample) - final.predict_proba(sample)[:, 1]).max()
        print(f"\nexport check: max |p(file) - p(sklearn)| on 2000 units = {diff:.2e}")
    if args.model == "gbt":
        used = Counter()
        for line in open(args.out):
            p = line.split()
            if p[0] == "node" and p[4] != "-1":
                used[snames[int(p[4])]] += 1
        print(f"splits per feature ({len(used)} of {len(snames)} features used):")
        print("  " + ", ".join(f"{n} {c}" for n, c in used.most_common()))
    print(f"wrote {args.out} ({os.path.getsize(args.out) / 1024:.0f} KB), {time.time() - t0:.0f} s total")


if __name__ == "__main__":
    main()
