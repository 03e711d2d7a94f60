"""Fine threshold sweep over saved OOF probabilities: word_F1 (all and per type) at the
largest threshold whose with >= 0.85, plus F1 at fixed with levels."""
import sys, json, numpy as np
sys.path.insert(0, __import__('os').path.join(__import__('os').path.dirname(__import__('os').path.abspath(__file__)), '..'))
import train as T
pages = T.load(T.DATA)
texts = json.load(open(__import__('os').path.join(T.CACHE, 'rules-out.json')))
z = np.load(T.features_cache_path('rules'), allow_pickle=True)
unit_idx = list(z['unit_idx'])
sc = T.Scorer(pages, texts, unit_idx)
n = len(pages)
ptype = [p['page_type'] for p in pages]
for path in sys.argv[1:]:
    o = np.load(path); p, page = o['oof'], o['page']
    res = []
    for thr in np.arange(0.08, 0.45, 0.005):
        s = sc.score(T.masks(p, page, n, thr))
        res.append((thr, s))
    ok = [(s['word_F1'], thr, s) for thr, s in res if s['with'] >= 0.85]
    f, thr, s = max(ok, key=lambda t: t[0])
    m = T.masks(p, page, n, thr)
    per = {t: sc.score(m, [k for k in range(n) if ptype[k] == t])['word_F1'] for t in ('collection', 'product', 'listing', 'forum', 'article')}
    # F1 at with interpolated to exactly 0.85
    ws = np.array([s['with'] for _, s in res]); fs = np.array([s['word_F1'] for _, s in res])
    order = np.argsort(ws)
    f85 = np.interp(0.85, ws[order], fs[order])
    extra = " ".join(f"@{w}:{np.interp(w, ws[order], fs[order]):.4f}" for w in (0.84, 0.83, 0.80))
    print(f"{path}: best thr {thr:.3f} F1 {s['word_F1']:.4f} with {s['with']:.4f} without {s['without']:.4f} | "
          + " ".join(f"{t[:4]} {v:.3f}" for t, v in per.items()) + f" | F1@with=0.85 interp {f85:.4f} {extra}")
