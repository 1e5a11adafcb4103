#!/usr/bin/env bash
# Runs a command with a Node >= 22 first on the PATH (scripts/node-env.sh); every npm script goes
# through it, so `npm run …` on a machine with an older Node still runs on the project's Node.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
exec "$@"
