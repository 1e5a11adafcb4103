#!/usr/bin/env bash
# The whole test suite on a fresh machine: Node (scripts/node-env.sh), dependencies, lint, typecheck,
# build and unit tests once; then the integration and end-to-end tiers against each Elasticsearch
# major in turn (8.19, then 9.x), each on its own STACK_HOME, since a data directory cannot go from 9
# back to 8; then the cluster tier once. One closing line sums every run.
#
# A stack that was already running for a major is reused; one this script started is stopped again
# (unless KEEP_STACK=1). The majors share the ports, so a reused stack is stopped for the next major
# and brought back at the end. TEST_ES_VERSIONS picks the majors (default "8 9").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

. scripts/node-env.sh
bash scripts/ensure-deps.sh
bash scripts/ensure-tools.sh

results=$(mktemp -d)
base_home=${STACK_HOME:-/var/tmp/jobtask-stack}
restore_home="" restore_version=""
started_home=""
cleanup() {
  # Interrupted in the middle of a major: stop what this script started.
  if [ -n "$started_home" ]; then
    STACK_HOME=$started_home bash scripts/stack.sh down kafka elasticsearch || true
  fi
  if [ -n "$restore_home" ]; then
    STACK_HOME=$restore_home STACK_ES_VERSION=$restore_version bash scripts/stack.sh up kafka elasticsearch || true
  fi
  rm -rf "$results"
}
trap cleanup EXIT

step() { printf '\n==> %s\n' "$*"; }
jest_tier() { # project result-name [jest args...]
  local project=$1 name=$2; shift 2
  bash scripts/jest.sh --selectProjects "$project" --json --outputFile="$results/$name.json" "$@"
}

# The runtime the tests really run on: node-env.sh must have put a Node >= 22.12 first on the PATH.
node -e '
  const [major, minor] = process.versions.node.split(".").map(Number);
  console.log(`[node] tests run on Node ${process.version}`);
  if (major < 22 || (major === 22 && minor < 12)) { console.error("[node] ERROR: Node >= 22.12 is required"); process.exit(1); }
'

step lint; npm run -s lint
step typecheck; npm run -s check
step build; npm run -s build
step "unit tests"; jest_tier unit unit

status=0
majors=${TEST_ES_VERSIONS:-8 9}
last_major=${majors##* }
stack_ready() { bash scripts/stack.sh status | grep -q "^$1 .*ready"; }
for major in $majors; do
  home=$base_home
  [ "$major" = 8 ] || home=$base_home-es$major
  export STACK_HOME=$home STACK_ES_VERSION=$major
  if stack_ready kafka && stack_ready elasticsearch; then reused=1; else reused=0; fi
  step "stack: Elasticsearch $major ($STACK_HOME)"
  bash scripts/stack.sh up kafka elasticsearch redis || { status=1; continue; }
  [ $reused = 1 ] || started_home=$home
  version=$(bash scripts/stack.sh status | awk '$1 == "elasticsearch" { print $NF }')
  step "integration tests on Elasticsearch $version"
  jest_tier int "int-es$major" --runInBand --forceExit || status=1
  step "end-to-end tests on Elasticsearch $version"
  jest_tier e2e "e2e-es$major" --runInBand --forceExit || status=1
  # The majors share the ports: each stack is stopped before the next, and a reused one comes back
  # at the end. KEEP_STACK=1 keeps the last one this script started.
  if [ $reused = 1 ]; then
    restore_home=$home restore_version=$major
    bash scripts/stack.sh down kafka elasticsearch
  elif [ "$major" != "$last_major" ] || [ "${KEEP_STACK:-0}" != 1 ]; then
    bash scripts/stack.sh down kafka elasticsearch
  fi
  started_home=""
done
export STACK_HOME=$base_home
unset STACK_ES_VERSION

# The cluster tier (its own three-node Elasticsearch on its own ports), when the project has one.
if node -e 'process.exit(require("./jest.config.js").projects.some((p) => [p.displayName, p.displayName?.name].includes("cluster")) ? 0 : 1)'; then
  step "cluster tests"
  jest_tier cluster cluster --runInBand --forceExit || status=1
fi

# One closing line in the plain "N passed, N failed" form, summed over every tier and major.
node -e '
  const fs = require("fs");
  let passed = 0, failed = 0, skipped = 0;
  for (const f of fs.readdirSync(process.argv[1]).sort()) {
    const r = JSON.parse(fs.readFileSync(process.argv[1] + "/" + f, "utf8"));
    console.log(`  ${f.replace(/\.json$/, "").padEnd(10)} ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
    passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
  }
  console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
' "$results"
exit $status
