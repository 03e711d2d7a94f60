import sys, json, numpy as np
sys.path.insert(0, __import__('os').path.join(__import__('os').path.dirname(__import__('os').path.abspath(__file__)), '..'))
import train as T
pages = T.load(T.DATA); texts = json.load(open(__import__('os').path.join(T.CACHE, 'rules-out.json')))
z = np.load(T.features_cache_path('rules'), allow_pickle=True); ui = list(z['unit_idx'])
sc = T.Scorer(pages, texts, ui)
s = sc.score([[True] * len(u) for u in ui]); print('keep all units:', {k: round(v, 4) for k, v in s.items()})
