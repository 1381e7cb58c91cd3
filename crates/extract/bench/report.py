#!/usr/bin/env python3
"""Per-site F1 (same token 4-gram F1 as shared/tools/extraction-f1) and
title/date exactness on the Indonesian pages.

usage: report.py ID_GT.json OURS.json TRAFILATURA.json
"""
import datetime, json, re, sys
from collections import Counter, defaultdict


def shingles(text):
    toks = re.findall(r"\w+", text or "", re.UNICODE)
    return Counter(tuple(toks[i:i + 4]) for i in range(max(1, len(toks) - 3)))


def pr(g, p):
    g, p = shingles(g), shingles(p)
    tp = sum((g & p).values())
    P = tp / sum(p.values()) if sum(p.values()) else 0.0
    R = tp / sum(g.values()) if sum(g.values()) else 0.0
    return P, R


def f1(rows):
    P = sum(r[0] for r in rows) / len(rows)
    R = sum(r[1] for r in rows) / len(rows)
    return 2 * P * R / (P + R) if P + R else 0.0


gt = json.load(open(sys.argv[1]))
ours = json.load(open(sys.argv[2]))
traf = json.load(open(sys.argv[3]))
sites = defaultdict(lambda: ([], []))
titles = dates = 0
for k, v in gt.items():
    o = ours.get(k, {})
    sites[v["site"]][0].append(pr(v["articleBody"], o.get("text", "")))
    sites[v["site"]][1].append(pr(v["articleBody"], traf.get(k, {}).get("text", "")))
    t_ok = o.get("title") == v["title"]
    pub = o.get("published")
    ms = int(datetime.datetime.fromisoformat(pub).timestamp() * 1000) if pub else None
    d_ok = ms == v["date"]
    titles += t_ok
    dates += d_ok
    print(f"  {k:22} title {'ok ' if t_ok else 'BAD'} date {'ok ' if d_ok else 'BAD'} {pub}")
for s, (o, t) in sorted(sites.items()):
    print(f"  site {s:14} pages {len(o):2}  F1 ours {f1(o):.3f}  trafilatura {f1(t):.3f}")
print(f"  titles exact {titles}/{len(gt)}  dates exact {dates}/{len(gt)}")
