#!/usr/bin/env bash
# Runs jest on the project's Node (scripts/node-env.sh). NestJS 12 ships as ES modules that the
# CommonJS test code requires; jest 30 can only evaluate those with vm.SourceTextModule, which Node
# exposes behind --experimental-vm-modules (the apps themselves need no flag: Node's own require(esm)
# loads them). The warning that flag prints on every run says nothing new, so it is silenced.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
export NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--experimental-vm-modules --disable-warning=ExperimentalWarning"
exec "$(dirname "${BASH_SOURCE[0]}")/../node_modules/.bin/jest" "$@"
