#!/usr/bin/env bash
# Installs the machine tools the test suite drives besides Node and the JDK: tmux, for the test that
# presses Ctrl-C at `npm start` in a real terminal. Debian packages, installed only when missing.
set -euo pipefail
missing=()
command -v tmux > /dev/null || missing+=(tmux)
[ ${#missing[@]} = 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get > /dev/null; then
  echo "[tools] ERROR: ${missing[*]} missing; install it (Debian: apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "[tools] apt-get install ${missing[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
