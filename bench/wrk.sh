#!/usr/bin/env bash
# Load benchmark: builds `sinergi` in release, starts it with demo data on a temporary data
# folder (127.0.0.1 only), signs in as the centre admin with curl, then runs wrk against
# /healthz and the signed-in dashboard /, and prints requests/s and p99 latency for both.
#
#   bench/wrk.sh                     # defaults: wrk -t2 -c64 -d15s --latency
#   THREADS=4 CONNECTIONS=128 DURATION=30s PORT=18080 bench/wrk.sh
#
# Needs: cargo, curl, wrk (Debian: apt-get install wrk curl).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
DURATION="${DURATION:-15s}"
EMAIL="admin@pusat.sinergi.id"

for tool in cargo curl wrk; do
    command -v "$tool" >/dev/null || {
        echo "bench: '$tool' not found (apt-get install wrk curl)" >&2
        exit 1
    }
done

echo "== cargo build --release -p sinergi"
(cd "$ROOT" && cargo build --release -p sinergi)
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/sinergi"
[[ -x "$BIN" ]] || {
    echo "bench: $BIN not built" >&2
    exit 1
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [[ -z "${PORT:-}" ]]; then
    for _ in $(seq 50); do
        candidate=$((20000 + RANDOM % 40000))
        if port_free "$candidate"; then
            PORT=$candidate
            break
        fi
    done
fi
[[ -n "${PORT:-}" ]] || {
    echo "bench: no free port found" >&2
    exit 1
}
BASE="http://127.0.0.1:$PORT"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/sinergi-bench.XXXXXX")"
DATA="$WORK/data"
mkdir -p "$DATA"
SERVER_PID=""
cleanup() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

echo "== starting sinergi on $BASE (data: $DATA)"
# Run from the work folder so no ./sinergi.toml of the caller is picked up.
(cd "$WORK" && exec "$BIN" --data "$DATA" serve --demo --bind "127.0.0.1:$PORT") \
    >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 600); do
    if curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null && [[ -s "$DATA/akun-demo.txt" ]]; then
        break
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "bench: server exited early:" >&2
        cat "$WORK/server.log" >&2
        exit 1
    fi
    sleep 0.1
done
curl -fsS -o /dev/null "$BASE/healthz" || {
    echo "bench: server not healthy after 60 s" >&2
    cat "$WORK/server.log" >&2
    exit 1
}

PASSWORD="$(sed -n '1s/^Kata sandi semua akun demo: //p' "$DATA/akun-demo.txt")"
[[ -n "$PASSWORD" ]] || {
    echo "bench: no demo password in $DATA/akun-demo.txt" >&2
    exit 1
}

echo "== signing in as $EMAIL"
JAR="$WORK/cookies.txt"
CSRF="$(curl -fsS -c "$JAR" "$BASE/masuk" |
    grep -o 'name="_csrf" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//')"
[[ -n "$CSRF" ]] || {
    echo "bench: no _csrf field on /masuk" >&2
    exit 1
}
STATUS="$(curl -sS -o /dev/null -w '%{http_code}' -b "$JAR" -c "$JAR" \
    --data-urlencode "_csrf=$CSRF" \
    --data-urlencode "email=$EMAIL" \
    --data-urlencode "password=$PASSWORD" \
    --data-urlencode "next=/" \
    "$BASE/masuk")"
[[ "$STATUS" == "303" ]] || {
    echo "bench: login answered $STATUS, expected 303" >&2
    exit 1
}
# Netscape cookie jar: HttpOnly cookies are written as "#HttpOnly_host ..." lines.
SESSION="$(awk '$6 == "sinergi_sesi" { v = $7 } END { print v }' "$JAR")"
[[ -n "$SESSION" ]] || {
    echo "bench: no sinergi_sesi cookie after login" >&2
    exit 1
}
COOKIE="Cookie: sinergi_sesi=$SESSION"

dashboard_ok() {
    curl -fsS -H "$COOKIE" "$BASE/" | grep -q "Selamat datang"
}
dashboard_ok || {
    echo "bench: the session cookie does not open the dashboard" >&2
    exit 1
}

run_wrk() { # name url [extra wrk args...]
    local name="$1" url="$2"
    shift 2
    local out="$WORK/wrk-$name.txt"
    # Do not echo the session cookie itself.
    echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency ${*:+${*%%=*}=… }$url"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url" | tee "$out"
}

run_wrk healthz "$BASE/healthz"
run_wrk dashboard "$BASE/" -H "$COOKIE"

# wrk counts redirects as success: make sure the dashboard really answered 200 throughout.
dashboard_ok || {
    echo "bench: session no longer valid after the run" >&2
    exit 1
}
METRICS="$(curl -fsS "$BASE/metrics")"
count() { # route status
    printf '%s\n' "$METRICS" |
        awk -v want="sinergi_http_requests_total{method=\"GET\",route=\"$1\",status=\"$2\"}" \
            '$1 == want { n = $2 } END { print n + 0 }'
}
non_ok() { # route: GET responses that were not 200
    printf '%s\n' "$METRICS" |
        awk -v prefix="sinergi_http_requests_total{method=\"GET\",route=\"$1\",status=\"" \
            'index($1, prefix) == 1 && $1 != prefix "200\"}" { n += $2 } END { print n + 0 }'
}

field() { # file: "Requests/sec" value
    awk '/^Requests\/sec:/ { print $2 }' "$1"
}
p99() { # file: the 99% line of the latency distribution
    awk '$1 == "99%" { print $2 }' "$1"
}
errors() { # file: socket errors and non-2xx/3xx responses reported by wrk
    local e
    e="$(grep -E '^\s*(Socket errors|Non-2xx or 3xx responses)' "$1" | sed 's/^ *//' | paste -sd ';' -)"
    echo "${e:-none}"
}

echo
echo "== results ($(nproc) CPU, wrk -t$THREADS -c$CONNECTIONS -d$DURATION)"
printf '%-12s %12s %10s %10s %10s  %s\n' endpoint "requests/s" p99 "200s" "non-200" "wrk errors"
printf '%-12s %12s %10s %10s %10s  %s\n' /healthz "$(field "$WORK/wrk-healthz.txt")" \
    "$(p99 "$WORK/wrk-healthz.txt")" "$(count /healthz 200)" "$(non_ok /healthz)" \
    "$(errors "$WORK/wrk-healthz.txt")"
printf '%-12s %12s %10s %10s %10s  %s\n' "/ (signed in)" "$(field "$WORK/wrk-dashboard.txt")" \
    "$(p99 "$WORK/wrk-dashboard.txt")" "$(count / 200)" "$(non_ok /)" \
    "$(errors "$WORK/wrk-dashboard.txt")"

if [[ "$(non_ok /)" != "0" ]]; then
    echo "bench: the dashboard answered non-200 responses under load" >&2
    exit 1
fi
