#!/usr/bin/env bash
# Where the projector's CPU goes by thread: its JavaScript (main) thread against V8's worker threads (garbage
# collection, concurrent compilation), read from /proc/<pid>/task/*/stat while it consumes a whole topic.
#
#   [THREAD_SPLIT_NODE_FLAGS=--a-node-flag] [THREAD_SPLIT_HEAP_PROFILE=/tmp/w] bash bench/thread-split.sh TOPIC EVENTS LABEL [VAR=value ...]
#
# TOPIC must hold EVENTS messages (e.g. `npm run simulate -- --tasks 40000 --rate 0 --seed 7 --topic T`, which
# prints how many). Each run consumes it into its own alias and consumer group, so runs can be alternated; the
# VAR=value pairs are passed to the projector (e.g. PROJECTOR_HEAP_GROWING_PERCENT=0). The CPU is counted from the
# first reading of /metrics to the last message (start-up excluded) and divided by the messages consumed in
# between. Prints one line; needs the stack up (scripts/stack.sh) and Node 24's thread names (MainThread, V8Worker).
# THREAD_SPLIT_HEAP_PROFILE=BASE also samples every allocation over the same span (bench/workers/heap-profile-hook.ts)
# into BASE.heapprofile and prints the bytes per event by package and function; the profiler's own cost is then in
# the CPU figures, so time and allocation are best measured in separate runs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ $# -ge 3 ] || { sed -n 2,13p "$0"; exit 2; }
topic=$1 events=$2 label=$3
shift 3
run="$topic-$label-$$"
port=${THREAD_SPLIT_PORT:-3999}
consumed() { curl -s "localhost:$port/metrics" | awk '/^projector_messages_consumed_total /{print $2}'; }
threads() { for t in /proc/$1/task/*; do echo "$(basename "$t") $(tr ' ' '_' < "$t/comm") $(awk '{print $14 + $15}' "$t/stat")"; done | sort; }

if curl -s -o /dev/null "localhost:$port/metrics"; then
  echo "$label: port $port is taken (another projector?); set THREAD_SPLIT_PORT" >&2
  exit 1
fi
heap=${THREAD_SPLIT_HEAP_PROFILE:-}
hook=() && [ -n "$heap" ] && hook=(-r ./bench/workers/heap-profile-hook.ts) && rm -f "$heap.heapprofile"
env "$@" EVENTS_TOPIC="$topic" JOB_TASKS_ALIAS="$run" PROJECTOR_GROUP_ID="$run" LOG_LEVEL=warn PROJECTOR_PORT="$port" \
  BENCH_HEAP_PROFILE="$heap" bash scripts/with-node.sh node ${THREAD_SPLIT_NODE_FLAGS:-} \
  -r ts-node/register/transpile-only -r tsconfig-paths/register "${hook[@]}" apps/projector/src/main.ts > "/tmp/thread-split-$label.log" 2>&1 &
pid=$! # env and scripts/with-node.sh exec, so this is node itself
# Wait for the projector to be gone: one still shutting down would answer the next run's /metrics.
# Then its index goes too: each run writes one of its own, which nothing reads afterwards.
es=${ELASTICSEARCH_URL:-http://127.0.0.1:9200}
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  curl -s -o /dev/null -X DELETE "$es/$run-v1" || true' EXIT
until [ "$(consumed || true)" != "" ] && [ "$(consumed)" != 0 ]; do sleep 0.2; done
before=$(threads "$pid") started=$(date +%s%N) first=$(consumed)
[ -z "$heap" ] || kill -WINCH "$pid"
# /metrics answers only once start-up is done, so the first reading may come after some messages: the CPU is
# divided by the messages consumed between the two readings.
if [ "$first" -gt $((events / 2)) ]; then
  echo "$label: not measured: $first of $events messages were consumed before the first reading" >&2
  exit 1
fi
until [ "$(consumed)" = "$events" ]; do sleep 0.2; done
sleep 1.5 # the last window's flush
after=$(threads "$pid") ended=$(date +%s%N)
[ -z "$heap" ] || kill -WINCH "$pid"
peak=$(awk '/VmHWM/{print int($2 / 1024)}' "/proc/$pid/status")
join <(echo "$before") <(echo "$after") | awk -v label="$label" -v events="$((events - first))" -v peak="$peak" \
  -v wall="$(((ended - started) / 1000000))" '
  { cpu = ($5 - $3) / 100; if ($2 == "MainThread") main += cpu; else if ($2 == "V8Worker") v8 += cpu; else other += cpu }
  END { printf "%-12s %d events in %.1f s; CPU main %.2f s, V8 workers %.2f s, other threads %.2f s; %.1f us per event; peak RSS %d MiB\n",
        label, events, wall / 1000, main, v8, other, (main + v8 + other) * 1e6 / events, peak }'

if [ -n "$heap" ]; then
  for _ in $(seq 100); do [ -f "$heap.heapprofile" ] && break; sleep 0.1; done
  bash scripts/with-node.sh node -r ts-node/register/transpile-only -r tsconfig-paths/register \
    bench/report/heap-profile.summary.ts "$heap.heapprofile" "$((events - first))" 2>/dev/null
fi
