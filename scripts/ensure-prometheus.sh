#!/usr/bin/env bash
# Makes sure `prometheus` and `promtool` are on the machine (Debian's `prometheus` package), for the
# observability tests and for checking ops/observability by hand. Installs only when one is missing:
# `apt-get update` once, then `apt-get install -y prometheus`. The package's own service must not keep
# running: it would hold port 9090 and scrape nothing of ours, so it is stopped and disabled (and kept
# from starting at install time where a policy-rc.d can be used).
set -euo pipefail

log() { printf '[ensure-prometheus] %s\n' "$*" >&2; }

if command -v prometheus >/dev/null && command -v promtool >/dev/null; then
  log "present: $(prometheus --version 2>&1 | head -1)"
else
  [ "$(id -u)" = 0 ] || { log "ERROR: prometheus/promtool missing and not root: apt-get install -y prometheus"; exit 1; }
  export DEBIAN_FRONTEND=noninteractive
  # invoke-rc.d consults policy-rc.d: exit 101 = "do not start services" for the duration of the install.
  policy=/usr/sbin/policy-rc.d
  own_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && own_policy=1
  fi
  trap 'if [ "$own_policy" = 1 ]; then rm -f "$policy"; fi' EXIT
  log "installing Debian's prometheus package"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  log "installed: $(prometheus --version 2>&1 | head -1)"
fi

# Whatever happened at install time, leave no packaged server behind on 9090.
if command -v systemctl >/dev/null && systemctl is-active --quiet prometheus 2>/dev/null; then
  log "stopping and disabling the packaged prometheus service"
  systemctl stop prometheus || true
  systemctl disable prometheus >/dev/null 2>&1 || true
fi
if [ -x /etc/init.d/prometheus ] && /etc/init.d/prometheus status >/dev/null 2>&1; then
  log "stopping the packaged prometheus service (init.d)"
  /etc/init.d/prometheus stop >/dev/null 2>&1 || true
  command -v update-rc.d >/dev/null && update-rc.d prometheus disable >/dev/null 2>&1 || true
fi
