#!/usr/bin/env bash
# Installs moto[server] (a local S3-compatible server used by the sinergi-blobs S3 test) into a
# venv under ~/.cache/sinergi-ci-venv when it is missing, and prints the path to moto_server.
# Only the path goes to stdout; progress goes to stderr, so CI can do
#   export SINERGI_MOTO_SERVER="$(.ci/s3-setup.sh)"
set -euo pipefail

VENV="${SINERGI_CI_VENV:-$HOME/.cache/sinergi-ci-venv}"
BIN="$VENV/bin/moto_server"

if ! "$BIN" --help >/dev/null 2>&1; then
  echo "installing moto[server] into $VENV" >&2
  PY="$(command -v python3 || command -v python)"
  "$PY" -m venv "$VENV" >&2
  "$VENV/bin/python" -m pip install --quiet --upgrade pip >&2
  "$VENV/bin/python" -m pip install --quiet 'moto[server]>=5,<6' >&2
fi
"$BIN" --help >/dev/null
echo "$BIN"
