#!/usr/bin/env python3
"""Whether the development set's gold treats a site's repeated lines alike.

  python3 gold_consistency.py [DATA.jsonl.gz] [--examples N]

For every site (URL host) with two or more pages, a line of three or more words that
stands on several of its pages (the site's template: a tagline, a review, a spec row)
is either gold on all of them, on none, or on some only. The last kind is gold that
contradicts itself: no cleaner that treats a site's template the same way on every
page (as any rule or model that generalises does) can match it on both pages.
Prints the counts and N random examples.
"""
import argparse
import collections
import gzip
import json
import os
import random
import re
from urllib.parse import urlparse

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "..", "..", "..", "shared", "eval", "wcxb-dev.jsonl.gz")
WORD = re.compile(r"\w+")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data", nargs="?", default=DATA)
    ap.add_argument("--examples", type=int, default=10)
    args = ap.parse_args()
    with gzip.open(args.data, "rt", encoding="utf-8") as f:
        pages = [json.loads(line) for line in f]
    by_host = collections.defaultdict(list)
    for p in pages:
        host = urlparse(p.get("url") or "").netloc.lower().removeprefix("www.")
        if host:
            by_host[host].append(p)

    shared = contradicted = words = 0
    hosts, touched, examples = set(), set(), []
    for host, group in by_host.items():
        if len(group) < 2:
            continue
        seen = collections.defaultdict(dict)   # line's tokens -> page id -> in that page's gold
        for p in group:
            gold = " " + " ".join(WORD.findall(p["gold"].lower())) + " "
            for line in p["text"].split("\n"):
                tokens = WORD.findall(line.lower())
                if len(tokens) >= 3:
                    key = " ".join(tokens)
                    seen[key][p["id"]] = (" " + key + " ") in gold
        for key, labels in seen.items():
            if len(labels) < 2:
                continue
            shared += 1
            if len(set(labels.values())) > 1:
                contradicted += 1
                words += len(key.split()) * len(labels)
                hosts.add(host)
                touched.update(labels)
                examples.append((host, key[:100], labels))
    multi = [g for g in by_host.values() if len(g) >= 2]
    print(f"sites with two or more pages: {len(multi)} ({sum(map(len, multi))} pages)")
    print(f"lines of >= 3 words on several pages of one site: {shared}")
    print(f"  gold on some of those pages and not on others: {contradicted} "
          f"({words} words; {len(hosts)} sites, {len(touched)} pages)")
    random.seed(0)
    for host, key, labels in random.sample(examples, min(args.examples, len(examples))):
        print(f"  {host}: {key!r} {labels}")


if __name__ == "__main__":
    main()
