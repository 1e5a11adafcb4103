#!/usr/bin/env bash
# Runs the product on the local default stack: Node (scripts/node-env.sh), dependencies, the stack, a
# build, then both apps in the foreground. Ctrl-C stops the apps; the stack keeps running until
# `npm run stack:down`, because every server the launcher starts has a session of its own.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/node-env.sh
bash scripts/ensure-deps.sh
bash scripts/stack.sh up
# A build newer than every input is reused (the test suite's Ctrl-C test runs right after its build).
if [ -f dist/.built ] && [ -z "$(find apps libs proto package-lock.json tsconfig.json tsconfig.build.json \
  nest-cli.json -newer dist/.built -type f -print -quit)" ]; then
  echo "[dev] the build in dist/ is up to date" >&2
else
  npm run -s build
fi
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
