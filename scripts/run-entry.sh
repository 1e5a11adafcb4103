#!/usr/bin/env bash
# `npm run api|projector|dlq|simulate|emit` and `npm run start:api|start:projector`: one of our entry points on the
# project's Node, with .env for what the environment leaves unset (env-file.sh). A .ts entry runs from source
# (transpile only, the @app/* paths resolved), a .js one from the build in dist/. Run from the repository's root,
# as npm does. Tests start the entry points with node itself and their own environment, so a developer's .env
# never reaches them.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
. "$(dirname "${BASH_SOURCE[0]}")/env-file.sh"
entry=$1
shift
from_source=()
[[ $entry == *.ts ]] && from_source=(-r ts-node/register/transpile-only -r tsconfig-paths/register)
exec node "${env_file_args[@]}" "${from_source[@]}" "$entry" "$@"
