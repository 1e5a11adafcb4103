#!/usr/bin/env bash
# Installs node_modules from the lock file when they are missing or older than the lock file.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
stamp=node_modules/.lock-stamp
want=$(sha256sum package-lock.json | cut -c1-16)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "[deps] npm ci" >&2
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi
