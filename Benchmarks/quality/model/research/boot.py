"""Paired site-bootstrap of the per-page word_F1 difference (variant - base), each OOF
file at its own best single threshold with with >= 0.85 (0.005 grid)."""
import sys, json, numpy as np
sys.path.insert(0, __import__('os').path.join(__import__('os').path.dirname(__import__('os').path.abspath(__file__)), '..'))
import train as T
pages = T.load(T.DATA); texts = json.load(open(__import__('os').path.join(T.CACHE, 'rules-out.json')))
z = np.load(T.features_cache_path('rules'), allow_pickle=True); ui = list(z['unit_idx'])
sc = T.Scorer(pages, texts, ui); n = len(pages)
groups = np.array([T.site(p.get('url'), p['id']) for p in pages])
ptype = np.array([p['page_type'] for p in pages])

def per_page(path):
    o = np.load(path); p, page = o['oof'], o['page']
    best = None
    for thr in np.arange(0.08, 0.30, 0.005):
        s = sc.score(T.masks(p, page, n, thr))
        if s['with'] >= 0.85 and (best is None or s['word_F1'] > best[0]):
            best = (s['word_F1'], thr)
    m = T.masks(p, page, n, best[1])
    return np.array([sc.score(m, [k])['word_F1'] for k in range(n)]), best[1]

base, tb = per_page(sys.argv[1])
ug = np.unique(groups); gi = {g: np.flatnonzero(groups == g) for g in ug}
rng = np.random.default_rng(0)
for path in sys.argv[2:]:
    v, tv = per_page(path)
    d = v - base
    for sel_name, sel in (('all', np.ones(n, bool)), ('product', ptype == 'product'), ('collection', ptype == 'collection')):
        boots = []
        gs = [g for g in ug if sel[gi[g]].any()]
        for _ in range(1000):
            pick = rng.choice(len(gs), len(gs))
            idx = np.concatenate([gi[gs[i]][sel[gi[gs[i]]]] for i in pick])
            boots.append(d[idx].mean())
        lo, hi = np.percentile(boots, [2.5, 97.5])
        print(f"{path} vs base ({sel_name}, thr {tv:.3f} vs {tb:.3f}): diff {d[sel].mean():+.4f}  95% CI [{lo:+.4f}, {hi:+.4f}]  pages better {int((d[sel] > 0.001).sum())} worse {int((d[sel] < -0.001).sum())}")
