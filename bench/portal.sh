#!/usr/bin/env bash
# Portal load benchmark, side by side in one run: wrk against a public article page of
# `sinergi serve --demo` (release build, page cache warm) and against the very same HTML served
# as a static file by nginx, both on 127.0.0.1. Prints requests/s, p99 and the ratio, then checks
# that the public comment form is rate-limited.
#
#   bench/portal.sh                  # defaults: wrk -t2 -c64 -d15s --latency, 3 rounds
#   ROUNDS=5 DURATION=20s bench/portal.sh
#
# Needs: cargo, curl, wrk, nginx (Debian: apt-get install wrk curl nginx).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
DURATION="${DURATION:-15s}"
ROUNDS="${ROUNDS:-3}"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"

for tool in cargo curl wrk "$NGINX"; do
    command -v "$tool" >/dev/null || [[ -x "$tool" ]] || {
        echo "bench: '$tool' not found (apt-get install wrk curl nginx)" >&2
        exit 1
    }
done

echo "== cargo build --release -p sinergi"
(cd "$ROOT" && cargo build --release -p sinergi)
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/sinergi"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
    for _ in $(seq 50); do
        local p=$((20000 + RANDOM % 40000))
        if port_free "$p"; then
            echo "$p"
            return
        fi
    done
    echo "bench: no free port" >&2
    exit 1
}
PORT="$(free_port)"
NGINX_PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/sinergi-portal-bench.XXXXXX")"
DATA="$WORK/data"
mkdir -p "$DATA" "$WORK/static" "$WORK/nginx"
SERVER_PID=""
NGINX_PID=""
cleanup() {
    for pid in "$SERVER_PID" "$NGINX_PID"; do
        if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

echo "== starting sinergi on $BASE"
(cd "$WORK" && exec "$BIN" --data "$DATA" serve --demo --bind "127.0.0.1:$PORT") \
    >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1200); do
    if curl -fsS -o /dev/null "$BASE/portal/33" 2>/dev/null; then
        break
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "bench: server exited early:" >&2
        cat "$WORK/server.log" >&2
        exit 1
    fi
    sleep 0.1
done

# The demo release of Jawa Tengah: the first article on the province's portal.
ARTICLE="$(curl -fsS "$BASE/portal/33" | grep -o 'href="/portal/33/berita/[^"]*"' | head -n1 | sed 's/^href="//; s/"$//')"
[[ -n "$ARTICLE" ]] || {
    echo "bench: no article on /portal/33" >&2
    exit 1
}
curl -fsS "$BASE$ARTICLE" -o "$WORK/static/article.html"
# nginx workers run as an unprivileged user when started by root: let them read the page.
chmod 755 "$WORK" "$WORK/static"
chmod 644 "$WORK/static/article.html"
BYTES="$(wc -c <"$WORK/static/article.html")"
echo "== article $ARTICLE ($BYTES bytes)"

cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/static;
        location / { default_type "text/html; charset=utf-8"; try_files /article.html =404; }
    }
}
CONF
"$NGINX" -c "$WORK/nginx/nginx.conf" >"$WORK/nginx/out.log" 2>&1 &
NGINX_PID=$!
for _ in $(seq 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$NGINX_PORT/" 2>/dev/null && break
    sleep 0.05
done
cmp -s <(curl -fsS "http://127.0.0.1:$NGINX_PORT/") "$WORK/static/article.html" || {
    echo "bench: nginx does not serve the article" >&2
    cat "$WORK/nginx/error.log" >&2
    exit 1
}

rps() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
p99() { awk '$1 == "99%" { print $2 }' "$1"; }
errors() {
    local e
    e="$(grep -E '^\s*(Socket errors|Non-2xx or 3xx responses)' "$1" | sed 's/^ *//' | paste -sd ';' -)"
    echo "${e:-none}"
}

echo
printf '%-6s %-8s %12s %10s  %s\n' round server "requests/s" p99 "wrk errors"
for r in $(seq "$ROUNDS"); do
    for target in sinergi nginx; do
        if [[ "$target" == sinergi ]]; then url="$BASE$ARTICLE"; else url="http://127.0.0.1:$NGINX_PORT/"; fi
        out="$WORK/wrk-$target-$r.txt"
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url" >"$out"
        printf '%-6s %-8s %12s %10s  %s\n' "$r" "$target" "$(rps "$out")" "$(p99 "$out")" "$(errors "$out")"
    done
done

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
S_RPS="$(for r in $(seq "$ROUNDS"); do rps "$WORK/wrk-sinergi-$r.txt"; done | median)"
N_RPS="$(for r in $(seq "$ROUNDS"); do rps "$WORK/wrk-nginx-$r.txt"; done | median)"
echo
echo "== median of $ROUNDS rounds ($(nproc) CPU, wrk -t$THREADS -c$CONNECTIONS -d$DURATION)"
echo "sinergi $S_RPS requests/s, nginx static $N_RPS requests/s, ratio sinergi/nginx $(awk -v a="$S_RPS" -v b="$N_RPS" 'BEGIN { printf "%.2f", a / b }')"

# The comment form: the seventh post from one address within ten minutes is refused.
ID="$(echo "$ARTICLE" | sed 's#.*/berita/\([0-9]*\)-.*#\1#')"
codes=""
for i in $(seq 7); do
    codes="$codes $(curl -sS -o /dev/null -w '%{http_code}' \
        --data-urlencode "name=Pembaca $i" --data-urlencode "body=Pertanyaan nomor $i tentang jadwal penyaluran bantuan." \
        "$BASE/portal/33/berita/$ID/komentar")"
done
echo "comment POST status codes:$codes"
case "$codes" in
*429*) echo "comment POST is rate-limited" ;;
*)
    echo "bench: comment POST was not rate-limited" >&2
    exit 1
    ;;
esac
