#!/usr/bin/env bash
# Side-by-side benchmark: Python trafilatura 2.3.1 vs sinergi-extract, same pages,
# one core each (taskset -c 0). Prints F1 (token 4-gram, shared/tools/extraction-f1)
# on the Zyte set (181 pages) and the Indonesian set (13 article pages), pages/s
# for each, the speed ratio, per-site Indonesian F1 and title/date exactness.
#
# usage: crates/extract/bench/compare.sh   (from anywhere; needs ../shared next to the repo)
# env:   SHARED=path/to/shared  VENV=path/to/venv  REPEAT=N (our timing passes, default 5)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared}"
VENV="${VENV:-$ROOT/target/trafilatura-venv}"
REPEAT="${REPEAT:-5}"
ZYTE="$SHARED/data/zyte-article-extraction"
IDN="$SHARED/data/id-news-html"
F1="$SHARED/tools/extraction-f1"
PIN="taskset -c 0"
command -v taskset >/dev/null || PIN=""
[ -d "$ZYTE" ] || { echo "missing $ZYTE (set SHARED=...)"; exit 1; }

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import trafilatura" 2>/dev/null; then
  echo "== creating trafilatura venv in $VENV"
  python3 -m venv "$VENV"
  # lxml >= 5.2 split html.clean out; justext (used by trafilatura) still imports it.
  "$VENV/bin/pip" install -q trafilatura==2.3.1 lxml_html_clean
fi
echo "== trafilatura $("$VENV/bin/python" -c 'import trafilatura; print(trafilatura.__version__)')"

echo "== building our bench binary (release)"
(cd "$ROOT" && cargo build -q --release -p sinergi-extract --example bench)
BENCH="$ROOT/target/release/examples/bench"

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
# Indonesian ground truth in the scorer's shape, article pages only.
python3 - "$IDN" "$OUT/id-gt.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1] + "/expected.json"))
gt = {}
for v in d:
    if "expected" in v:
        e = v["expected"]
        name = v["fixture"].split("/")[-1].rsplit(".", 1)[0]
        gt[name] = {"articleBody": e["content"], "title": e["title"], "date": e["date"],
                    "url": e["url"], "site": v["fixture"].split("/")[1]}
json.dump(gt, open(sys.argv[2], "w"), ensure_ascii=False)
PY
ID_FILES=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(' '.join(sys.argv[2]+'/'+v['fixture'] for v in d if 'expected' in v))" "$IDN/expected.json" "$IDN")

rate() { sed -n 's/.*pages\/s \([0-9.]*\).*/\1/p' "$1"; }
f1() { python3 "$F1" "$1" "$2" | tail -1 | sed 's/.*F1 //'; }

echo "== Zyte (181 pages)"
$PIN "$VENV/bin/python" "$HERE/trafilatura_run.py" "$OUT/traf-zyte.json" "$ZYTE"/html/*.html.gz | tee "$OUT/traf-zyte.txt"
$PIN "$BENCH" --repeat "$REPEAT" --out "$OUT/ours-zyte.json" "$ZYTE"/html/*.html.gz | tee "$OUT/ours-zyte.txt"
echo "== Indonesian (13 article pages)"
$PIN "$VENV/bin/python" "$HERE/trafilatura_run.py" "$OUT/traf-id.json" $ID_FILES | tee "$OUT/traf-id.txt"
# Fetch time after the pages' dates (2015-2017), so no date counts as "future".
$PIN "$BENCH" --repeat "$REPEAT" --fetched 2026-11-26T12:00:00Z --out "$OUT/ours-id.json" $ID_FILES | tee "$OUT/ours-id.txt"

TZ_F=$(f1 "$ZYTE/ground-truth.json" "$OUT/traf-zyte.json"); OZ_F=$(f1 "$ZYTE/ground-truth.json" "$OUT/ours-zyte.json")
TI_F=$(f1 "$OUT/id-gt.json" "$OUT/traf-id.json"); OI_F=$(f1 "$OUT/id-gt.json" "$OUT/ours-id.json")
TR=$(rate "$OUT/traf-zyte.txt"); OR=$(rate "$OUT/ours-zyte.txt")
echo
echo "== Results (one core each)"
printf "%-22s %10s %12s %10s\n" "" "F1 Zyte" "F1 Indonesian" "pages/s (Zyte)"
printf "%-22s %10s %12s %10s\n" "trafilatura 2.3.1" "$TZ_F" "$TI_F" "$TR"
printf "%-22s %10s %12s %10s\n" "sinergi-extract" "$OZ_F" "$OI_F" "$OR"
python3 -c "import sys; print(f'speed ratio (ours / trafilatura): {float(sys.argv[1])/float(sys.argv[2]):.1f}x')" "$OR" "$TR"
echo "== Indonesian per page and per site"
python3 "$HERE/report.py" "$OUT/id-gt.json" "$OUT/ours-id.json" "$OUT/traf-id.json"
