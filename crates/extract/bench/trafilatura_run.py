#!/usr/bin/env python3
"""Run Python trafilatura on pages, timing extraction only (files are read and
decompressed first), and write {id: {"text": ...}} for extraction-f1.

usage: trafilatura_run.py OUT.json FILE...
"""
import gzip, json, sys, time
import trafilatura

out, files = sys.argv[1], sys.argv[2:]
pages = []
for f in files:
    raw = open(f, "rb").read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    name = f.rsplit("/", 1)[-1]
    for suf in (".gz", ".html"):
        if name.endswith(suf):
            name = name[: -len(suf)]
    pages.append((name, raw))
res = {}
t0 = time.perf_counter()
for name, raw in pages:
    try:
        txt = trafilatura.extract(raw, include_comments=False) or ""
    except Exception as e:  # noqa: BLE001 - a crash counts as an empty result
        txt = ""
    res[name] = {"text": txt}
secs = time.perf_counter() - t0
print(f"pages {len(pages)} seconds {secs:.3f} pages/s {len(pages)/secs:.1f}")
json.dump(res, open(out, "w"), ensure_ascii=False)
