#!/usr/bin/env bash
# Runs the product on the local default stack: Node (scripts/node-env.sh), dependencies, the stack, a
# build, then both apps in the foreground. Ctrl-C stops the apps; the stack keeps running until
# `npm run stack:down`, because every server the launcher starts has a session of its own.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/node-env.sh

# Settings: the environment, then .env (or JOBTASK_ENV_FILE) for what it leaves unset (env-file.sh).
. scripts/env-file.sh

bash scripts/ensure-deps.sh
bash scripts/stack.sh up
# A build newer than every input is reused (the test suite's Ctrl-C test runs right after its build).
if [ -f dist/.built ] && [ -z "$(find apps libs proto package-lock.json tsconfig.json tsconfig.build.json \
  nest-cli.json -newer dist/.built -type f -print -quit)" ]; then
  echo "[dev] the build in dist/ is up to date" >&2
else
  echo "[dev] building dist/ (nest build projector and api)" >&2
  npm run -s build
fi

# exec: the pid that $! gives is then the app itself, so stopping it stops the app, not a subshell around it.
app() { exec node "${env_file_args[@]}" "dist/apps/$1/apps/$1/src/main.js"; }
# The ports the apps will use, from the same sources they read, for the line below.
read -r projector_port api_port grpc_port < <(node "${env_file_args[@]}" -p \
  '["PROJECTOR_PORT:3001", "API_PORT:3000", "API_GRPC_PORT:50051"].map((v) => { const [k, d] = v.split(":"); return process.env[k] || d; }).join(" ")')

app projector &
projector=$!
app api &
api=$!
stop_apps() { kill -TERM "$projector" "$api" 2>/dev/null || true; wait || true; }
trap 'stop_apps; exit 130' INT
trap 'stop_apps; exit 143' TERM
echo "[dev] projector pid $projector (http://127.0.0.1:$projector_port), api pid $api (http://127.0.0.1:$api_port/docs, gRPC $grpc_port)" >&2

# When one app exits (a port already taken, a bad setting), the other is stopped too: left running, it would
# hold its port and consumer group, and the next `npm start` would fail on it.
status=0
wait -n "$projector" "$api" || status=$?
if kill -0 "$projector" 2>/dev/null; then gone=api gone_pid=$api other=projector; else gone=projector gone_pid=$projector other=api; fi
echo "[dev] the $gone (pid $gone_pid) exited with status $status; stopping the $other" >&2
stop_apps
exit "$status"
