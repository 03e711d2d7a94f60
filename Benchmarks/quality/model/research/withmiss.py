import sys, json, gzip, numpy as np, re
from collections import Counter
sys.path.insert(0, __import__('os').path.join(__import__('os').path.dirname(__import__('os').path.abspath(__file__)), '..'))
o = np.load(sys.argv[1]); thr = float(sys.argv[2])
pages = [json.loads(l) for l in gzip.open('/work/shared/eval/wcxb-dev.jsonl.gz', 'rt')]
texts = json.load(open(__import__('os').path.join(T.CACHE, 'rules-out.json')))
z = np.load(T.features_cache_path('rules'), allow_pickle=True)
unit_idx = list(z['unit_idx']); page = o['page']; p = o['oof']
bounds = np.flatnonzero(np.diff(np.r_[-1, page, -2]))
miss = Counter(); tot = Counter(); examples = []
norm = lambda s: " ".join(s.lower().split())
for a, b in zip(bounds[:-1], bounds[1:]):
    k = page[a]; lines = texts[k].split('\n')
    ul = [lines[i] for i in unit_idx[k]]
    kept = " ".join(norm(l) for l, q in zip(ul, p[a:b]) if q >= thr)
    for s in pages[k]['with']:
        tot[pages[k]['page_type']] += 1
        if norm(s) not in kept:
            miss[pages[k]['page_type']] += 1
            # best line containing it
            cand = [(q, l) for l, q in zip(ul, p[a:b]) if norm(s)[:30] in norm(l)]
            examples.append((pages[k]['page_type'], k, s[:70], cand[:1]))
for t in tot: print(t, miss[t], tot[t], round(1 - miss[t] / tot[t], 3))
print(sum(miss.values()), sum(tot.values()))
import random; random.seed(1)
for e in random.sample(examples, min(len(examples), int(sys.argv[3]) if len(sys.argv) > 3 else 40)):
    print(e[0], e[1], repr(e[2]), [(round(q, 2), l.strip()[:60]) for q, l in e[3]])
