#!/usr/bin/env bash
# Runs the product on the local default stack: dependencies, the stack, a build, then both apps in
# the foreground (Ctrl-C stops the apps; the stack keeps running until `npm run stack:down`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/ensure-deps.sh
bash scripts/stack.sh up
npm run -s build
[ -f .env ] && set -a && . ./.env && set +a
node dist/apps/projector/apps/projector/src/main.js &
projector=$!
node dist/apps/api/apps/api/src/main.js &
api=$!
trap 'kill -TERM $projector $api 2>/dev/null; wait' INT TERM
echo "[dev] projector pid $projector (http://127.0.0.1:${PROJECTOR_PORT:-3001}), api pid $api (http://127.0.0.1:${API_PORT:-3000}/docs)" >&2
wait -n $projector $api
kill -TERM $projector $api 2>/dev/null || true
wait
