#!/usr/bin/env bash
# The whole test suite on a fresh machine: dependencies, lint, typecheck, unit tests, then the
# integration and end-to-end tests against the real stack, which is started here when it is not
# already running (and stopped again afterwards, unless KEEP_STACK=1).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/ensure-deps.sh

results=$(mktemp -d)
started_stack=0
cleanup() {
  if [ "$started_stack" = 1 ] && [ "${KEEP_STACK:-0}" != 1 ]; then bash scripts/stack.sh down kafka elasticsearch || true; fi
  rm -rf "$results"
}
trap cleanup EXIT

step() { printf '\n==> %s\n' "$*"; }

step lint; npm run -s lint
step typecheck; npm run -s check
step build; npm run -s build
step "unit tests"; npx jest --selectProjects unit --json --outputFile="$results/unit.json"

if ! bash scripts/stack.sh status | grep -q '^kafka .*ready' || ! bash scripts/stack.sh status | grep -q '^elasticsearch .*ready'; then
  started_stack=1
fi
step "stack"; bash scripts/stack.sh up

status=0
step "integration tests"; npx jest --selectProjects int --runInBand --forceExit --json --outputFile="$results/int.json" || status=1
step "end-to-end tests"; npx jest --selectProjects e2e --runInBand --forceExit --json --outputFile="$results/e2e.json" || status=1

# One closing line in the plain "N passed, N failed" form, summed over the three tiers.
node -e '
  const fs = require("fs");
  let passed = 0, failed = 0, skipped = 0;
  for (const f of fs.readdirSync(process.argv[1])) {
    const r = JSON.parse(fs.readFileSync(process.argv[1] + "/" + f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
  }
  console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
' "$results"
exit $status
