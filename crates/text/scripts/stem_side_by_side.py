#!/usr/bin/env python3
"""Stem the same distinct words with PySastrawi and with sinergi-text, in one run, and print
both rates, their ratio and the agreement.

usage (from the repository root):
  python3 -m venv /tmp/venv-sastrawi && /tmp/venv-sastrawi/bin/pip install PySastrawi
  cargo build --release -p sinergi-text --example stem_stdin
  /tmp/venv-sastrawi/bin/python crates/text/scripts/stem_side_by_side.py [WORDS.tsv ...]

Default words: ../shared/data/sastrawi/reference-stems-indosum.tsv (44,485 IndoSum words) and
crates/text/tests/data/unseen-stems.tsv (11,163 words PySastrawi stemmed that IndoSum lacks).
PySastrawi is timed with its plain (uncached) Stemmer: the words are distinct, so a cache
cannot help either side. The Rust rate is measured in-process (best of 5 passes, no I/O).
"""
import os, subprocess, sys, time
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
files = sys.argv[1:] or [
    os.path.join(root, "..", "shared", "data", "sastrawi", "reference-stems-indosum.tsv"),
    os.path.join(root, "crates", "text", "tests", "data", "unseen-stems.tsv"),
]
words = []
seen = set()
for f in files:
    if not os.path.exists(f):
        print(f"skip missing {f}")
        continue
    for line in open(f, encoding="utf-8"):
        w = line.split("\t")[0].strip()
        if w and w not in seen:
            seen.add(w)
            words.append(w)

stemmer = StemmerFactory().create_stemmer().delegatedStemmer  # plain Stemmer, no cache
t = time.perf_counter()
py = [stemmer.stem(w) for w in words]
py_s = time.perf_counter() - t
py_rate = len(words) / py_s
print(f"PySastrawi words {len(words)} seconds {py_s:.2f} words/s {py_rate:.0f}")

binary = os.path.join(root, "target", "release", "examples", "stem_stdin")
r = subprocess.run([binary, "--time"], input="\n".join(words).encode() + b"\n", capture_output=True)
rust = r.stdout.decode().split("\n")
line = r.stderr.decode().strip()
print(line)
rust_rate = float(line.split()[-1])
agree = sum(1 for a, b in zip(py, rust) if a == b)
print(f"agreement {agree}/{len(words)} ({100 * agree / len(words):.3f}%)")
print(f"speed ratio rust/python {rust_rate / py_rate:.0f}x")
