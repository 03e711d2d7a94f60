import sys, json, gzip, numpy as np, re
sys.path.insert(0, __import__('os').path.join(__import__('os').path.dirname(__import__('os').path.abspath(__file__)), '..'))
oof = np.load(sys.argv[1]); thr = float(sys.argv[2]); types = sys.argv[3].split(',')
nshow = int(sys.argv[4]) if len(sys.argv) > 4 else 12
pages = [json.loads(l) for l in gzip.open('/work/shared/eval/wcxb-dev.jsonl.gz', 'rt')]
texts = json.load(open(__import__('os').path.join(T.CACHE, 'rules-out.json')))
z = np.load(T.features_cache_path('rules'), allow_pickle=True)
unit_idx = list(z['unit_idx']); page = z['page']
p, y = oof['oof'], oof['y']
W = re.compile(r'\w+')
bounds = np.flatnonzero(np.diff(np.r_[-1, page, -2]))
stats = []
for a, b in zip(bounds[:-1], bounds[1:]):
    k = page[a]
    if pages[k]['page_type'] not in types: continue
    lines = texts[k].split('\n')
    ws = np.array([len(W.findall(lines[i])) for i in unit_idx[k]])
    keep = p[a:b] >= thr; yy = y[a:b].astype(bool)
    fp = ws[keep & ~yy].sum(); fn = ws[~keep & yy].sum()
    stats.append((fp + fn, fp, fn, k, a, b))
stats.sort(reverse=True)
FP = sum(s[1] for s in stats); FN = sum(s[2] for s in stats)
print('pages', len(stats), 'FP words', FP, 'FN words', FN)
for tot, fp, fn, k, a, b in stats[:nshow]:
    print(f"\n=== page {k} {pages[k]['page_type']} {pages[k]['url'][:90]} FP {fp} FN {fn}")
    lines = texts[k].split('\n')
    for j, i in enumerate(unit_idx[k]):
        keep = p[a + j] >= thr; yy = y[a + j]
        tag = ('FP' if keep and not yy else 'FN' if yy and not keep else 'ok')
        print(f"  {tag} {p[a+j]:.2f} {'C' if yy else '.'} | {lines[i][:110]}")
