#!/usr/bin/env bash
# The local stack without Docker: a real Apache Kafka (KRaft) and a real Elasticsearch, both resolved
# from Maven Central by the poms under infra/, plus the machine's Redis. See docs/stack.md.
#
#   scripts/stack.sh up [kafka|elasticsearch|redis ...]    start (idempotent: running services are left alone)
#   scripts/stack.sh down [kafka|elasticsearch|redis ...]  stop by pid file (TERM, then KILL after a grace period)
#   scripts/stack.sh status                                one line per service
#   scripts/stack.sh logs kafka|elasticsearch              tail a service's log
#   scripts/stack.sh up --es-nodes 3                       Elasticsearch as a 3-node cluster (scripts/stack-es-nodes.sh)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/stack-es-version.sh
. "$ROOT/scripts/stack-es-version.sh"
# Outside the checkout on purpose: Elasticsearch runs as an unprivileged user that must be able to
# traverse every directory above its files, which a checkout under /root would not allow. Each
# Elasticsearch major has its own default, since data written by 9 can never be opened by 8.
STACK_HOME=${STACK_HOME:-/var/tmp/jobtask-stack$([ "$ES_MAJOR" = 8 ] || echo "-es$ES_MAJOR")}
KAFKA_PORT=${STACK_KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${STACK_KAFKA_CONTROLLER_PORT:-9093}
KAFKA_HEAP=${STACK_KAFKA_HEAP:-512m}
ES_PORT=${STACK_ES_PORT:-9200}
ES_TRANSPORT_PORT=${STACK_ES_TRANSPORT_PORT:-9300}
ES_HEAP=${STACK_ES_HEAP:-1g}
ES_USER=${STACK_ES_USER:-esdev}
REDIS_PORT=${STACK_REDIS_PORT:-6379}
READY_TIMEOUT=${STACK_READY_TIMEOUT:-150}
JAVA_HOME_17=${STACK_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}

KAFKA_DIR=$STACK_HOME/kafka
ES_DIR=$STACK_HOME/elasticsearch
REDIS_DIR=$STACK_HOME/redis

log() { printf '[stack] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
ES_HOME=$ES_DIR/elasticsearch-$ES_VERSION

now() { date +%s; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A fingerprint of the pom, so that changing a version re-installs instead of running stale jars.
stamp_of() { sha256sum "$1" | cut -c1-16; }

mvn_quiet() { mvn -q -B "$@" || die "maven failed: mvn $*"; }

# ---------------------------------------------------------------- Kafka
install_kafka() {
  local stamp; stamp=$(stamp_of "$ROOT/infra/kafka/pom.xml")
  [ "$(cat "$KAFKA_DIR/lib/.stamp" 2>/dev/null)" = "$stamp" ] && return 0
  log "kafka: resolving jars from Maven Central (first run only)"
  local t0; t0=$(now)
  rm -rf "$KAFKA_DIR/lib"; mkdir -p "$KAFKA_DIR/lib"
  mvn_quiet -f "$ROOT/infra/kafka/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$KAFKA_DIR/lib"
  ls "$KAFKA_DIR/lib" | grep -q '^slf4j-api-2' && die "kafka: slf4j 2.x on the classpath would silence logging"
  echo "$stamp" > "$KAFKA_DIR/lib/.stamp"
  log "kafka: jars ready in $(( $(now) - t0 ))s"
}

write_kafka_config() {
  mkdir -p "$KAFKA_DIR/data" "$KAFKA_DIR/logs"
  sed -e "s#@DATA@#$KAFKA_DIR/data#" -e "s#@PORT@#$KAFKA_PORT#g" \
      -e "s#@CONTROLLER_PORT@#$KAFKA_CONTROLLER_PORT#g" \
      "$ROOT/infra/kafka/server.properties" > "$KAFKA_DIR/server.properties"
  sed -e "s#@LOGS@#$KAFKA_DIR/logs#" "$ROOT/infra/kafka/log4j2.properties" > "$KAFKA_DIR/log4j2.properties"
}

kafka_java() {
  "$JAVA_HOME_17/bin/java" -Xms256m "-Xmx$KAFKA_HEAP" -XX:+UseG1GC \
    "-Dlog4j2.configurationFile=$KAFKA_DIR/log4j2.properties" -Dkafka.logs.dir="$KAFKA_DIR/logs" \
    -cp "$KAFKA_DIR/lib/*" "$@"
}

start_kafka() {
  if pid_alive "$KAFKA_DIR/kafka.pid"; then log "kafka: already running (pid $(cat "$KAFKA_DIR/kafka.pid"))"; return 0; fi
  port_open "$KAFKA_PORT" && die "kafka: port $KAFKA_PORT is taken by a process this launcher did not start"
  install_kafka
  write_kafka_config
  if [ ! -f "$KAFKA_DIR/data/meta.properties" ]; then
    local cluster_id; cluster_id=$(kafka_java kafka.tools.StorageTool random-uuid | tail -n 1)
    kafka_java kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_DIR/server.properties" \
      > "$KAFKA_DIR/logs/format.log" 2>&1 || { tail -n 30 "$KAFKA_DIR/logs/format.log" >&2; die "kafka: storage format failed"; }
  fi
  : > "$KAFKA_DIR/logs/kafka.out"
  # Own session, so a Ctrl-C aimed at whoever ran `up` does not reach the broker; the child records
  # its pid before exec-ing the JVM, so the pid file names the broker itself.
  setsid bash -c 'echo $$ > "$0"; exec "$@"' "$KAFKA_DIR/kafka.pid" \
    "$JAVA_HOME_17/bin/java" -Xms256m "-Xmx$KAFKA_HEAP" -XX:+UseG1GC \
    "-Dlog4j2.configurationFile=$KAFKA_DIR/log4j2.properties" -Dkafka.logs.dir="$KAFKA_DIR/logs" \
    -cp "$KAFKA_DIR/lib/*" kafka.Kafka "$KAFKA_DIR/server.properties" \
    >> "$KAFKA_DIR/logs/kafka.out" 2>&1 < /dev/null 9>&- &
  for _ in $(seq 1 50); do [ -s "$KAFKA_DIR/kafka.pid" ] && break; sleep 0.1; done
  log "kafka: started (pid $(cat "$KAFKA_DIR/kafka.pid"))"
}

kafka_ready() { port_open "$KAFKA_PORT" && grep -q 'Kafka Server started' "$KAFKA_DIR/logs/kafka.out" 2>/dev/null; }

# ---------------------------------------------------------------- Elasticsearch
install_elasticsearch() {
  es_preflight
  local stamp; stamp="$(stamp_of "$ROOT/infra/elasticsearch/pom.xml")-$ES_VERSION"
  [ "$(cat "$ES_HOME/.stamp" 2>/dev/null)" = "$stamp" ] && [ -x "$ES_HOME/bin/elasticsearch" ] && return 0
  log "elasticsearch: resolving the $ES_VERSION distribution from Maven Central (first run only)"
  local t0; t0=$(now)
  # Fresh each time: a copy cut short (the launcher killed mid-install) would otherwise be kept and fail to unzip.
  rm -rf "$ES_DIR/download"
  mkdir -p "$ES_DIR/download"
  mvn_quiet -f "$ROOT/infra/elasticsearch/pom.xml" dependency:copy-dependencies \
    -Des.version="$ES_VERSION" -DincludeTypes=zip -DoutputDirectory="$ES_DIR/download"
  rm -rf "$ES_HOME"
  local zip="$ES_DIR/download/elasticsearch-$ES_VERSION.zip"
  if command -v unzip >/dev/null; then unzip -q -o "$zip" -d "$ES_DIR"; else python3 -m zipfile -e "$zip" "$ES_DIR"; fi
  chmod +x "$ES_HOME"/bin/* "$ES_HOME"/lib/*/bin/* 2>/dev/null || true
  echo "$stamp" > "$ES_HOME/.stamp"
  log "elasticsearch: distribution ready in $(( $(now) - t0 ))s"
}

# Elasticsearch refuses to run as root; when we are root, it runs as a dedicated system user. Always
# in a session of its own (see start_elasticsearch).
es_run() {
  if [ "$(id -u)" = 0 ]; then
    id "$ES_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER"
    chown -R "$ES_USER:" "$ES_DIR"
    setsid -w runuser -u "$ES_USER" -- "$@"
  else
    setsid -w "$@"
  fi
}

start_elasticsearch() {
  if pid_alive "$ES_DIR/es.pid"; then
    es_check_running_version
    log "elasticsearch: already running (pid $(cat "$ES_DIR/es.pid"), $ES_VERSION)"; return 0
  fi
  port_open "$ES_PORT" && die "elasticsearch: port $ES_PORT is taken by a process this launcher did not start"
  es_preflight
  local java_home; java_home=$(es_java_home)
  install_elasticsearch
  mkdir -p "$ES_DIR/data" "$ES_DIR/logs"
  sed -e "s#@DATA@#$ES_DIR/data#" -e "s#@LOGS@#$ES_DIR/logs#" -e "s#@PORT@#$ES_PORT#" \
      -e "s#@TRANSPORT_PORT@#$ES_TRANSPORT_PORT#" \
      "$ROOT/infra/elasticsearch/elasticsearch.yml" > "$ES_HOME/config/elasticsearch.yml"
  rm -f "$ES_DIR/es.pid" "$ES_DIR/es.version"
  : > "$ES_DIR/logs/launcher.out"
  # -d detaches after the node has started (or failed); the node writes its own pid file. -d alone
  # leaves the node in the caller's process group, where a Ctrl-C at `npm start` reached it: setsid
  # gives it a session of its own (-w: still wait for -d to return, for its exit status).
  es_run env ES_JAVA_HOME="$java_home" ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP" \
    "$ES_HOME/bin/elasticsearch" -d -p "$ES_DIR/es.pid" >> "$ES_DIR/logs/launcher.out" 2>&1 < /dev/null 9>&- \
    || { es_tail >&2; die "elasticsearch: failed to start"; }
  echo "$ES_VERSION" > "$ES_DIR/es.version"
  log "elasticsearch: started (pid $(cat "$ES_DIR/es.pid" 2>/dev/null || echo '?'), $ES_VERSION on $java_home)"
}

es_ready() {
  curl -sf --max-time 2 "http://127.0.0.1:$ES_PORT/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null
}

es_tail() {
  tail -n 20 "$ES_DIR/logs/launcher.out" 2>/dev/null
  tail -n 40 "$ES_DIR/logs/dev.log" 2>/dev/null || true
}

# ---------------------------------------------------------------- Redis
redis_ready() {
  if command -v redis-cli >/dev/null; then
    [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]
  else
    port_open "$REDIS_PORT"
  fi
}

start_redis() {
  redis_ready && { log "redis: answering on 127.0.0.1:$REDIS_PORT"; return 0; }
  command -v redis-server >/dev/null || die "redis: nothing answers on 127.0.0.1:$REDIS_PORT and redis-server is not installed"
  mkdir -p "$REDIS_DIR"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
    --dir "$REDIS_DIR" --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" 9>&-
  log "redis: started"
}

# A multi-node Elasticsearch and its per-node services (elasticsearch-<i>) live in their own file.
# shellcheck source=stack-es-nodes.sh
. "$ROOT/scripts/stack-es-nodes.sh"

# ---------------------------------------------------------------- orchestration
wait_ready() { # name check tail-fn [pidfile]
  local name=$1 check=$2 tail_fn=$3 pidfile=${4:-} t0; t0=$(now)
  while ! $check; do
    if [ -n "$pidfile" ] && ! pid_alive "$pidfile"; then
      log "$name: the process exited during start-up; last log lines:"; $tail_fn >&2; return 1
    fi
    if [ $(( $(now) - t0 )) -ge "$READY_TIMEOUT" ]; then
      log "$name: not ready after ${READY_TIMEOUT}s; last log lines:"; $tail_fn >&2; return 1
    fi
    sleep 1
  done
  log "$name: ready after $(( $(now) - t0 ))s"
}

kafka_tail() { tail -n 40 "$KAFKA_DIR/logs/kafka.out" 2>/dev/null || true; }
redis_tail() { tail -n 20 "$REDIS_DIR/redis.log" 2>/dev/null || true; }

stop_by_pidfile() { # name pidfile
  local name=$1 pidfile=$2 pid
  if ! pid_alive "$pidfile"; then rm -f "$pidfile"; log "$name: not running"; return 0; fi
  pid=$(cat "$pidfile")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then log "$name: still alive after 30s, sending KILL"; kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$pidfile"
  log "$name: stopped"
}

services_of() { if [ $# -eq 0 ]; then echo kafka elasticsearch redis; else echo "$@"; fi; }

cmd_up() {
  local t0; t0=$(now)
  mkdir -p "$STACK_HOME"
  local services; services=$(services_of "$@")
  # Resolve artifacts one after the other (the local Maven repository is not safe for concurrent
  # writers), then start the JVMs in parallel: on 2 cores that halves the cold start.
  # A running server keeps the files it runs from: a changed pom takes effect at its next start.
  for s in $services; do
    case $s in
      kafka) pid_alive "$KAFKA_DIR/kafka.pid" || install_kafka ;;
      elasticsearch*) pid_alive "$ES_DIR/es.pid" || es_any_node_alive || install_elasticsearch ;;
    esac
  done
  local pids=()
  for s in $services; do
    case $s in
      kafka) start_kafka & pids+=($!) ;;
      elasticsearch*) es_service_start "$s" & pids+=($!) ;;
      redis) start_redis ;;
      *) die "unknown service '$s' (kafka, elasticsearch, redis)" ;;
    esac
  done
  local failed=0
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
  [ $failed = 0 ] || die "a service failed to start"
  for s in $services; do
    case $s in
      kafka) wait_ready kafka kafka_ready kafka_tail "$KAFKA_DIR/kafka.pid" || failed=1 ;;
      elasticsearch*) es_service_wait "$s" || failed=1 ;;
      redis) wait_ready redis redis_ready redis_tail || failed=1 ;;
    esac
  done
  [ $failed = 0 ] || die "the stack is not ready"
  log "stack ready in $(( $(now) - t0 ))s"
}

cmd_down() {
  for s in $(services_of "$@"); do
    case $s in
      kafka) stop_by_pidfile kafka "$KAFKA_DIR/kafka.pid" ;;
      elasticsearch*) es_service_stop "$s"; [ "$s" = elasticsearch ] && rm -f "$ES_DIR/es.version" ;;
      # Only a Redis this launcher started has a pid file here; the machine's own is left alone.
      redis) stop_by_pidfile redis "$REDIS_DIR/redis.pid" ;;
      *) die "unknown service '$s'" ;;
    esac
  done
}

status_line() { # name pidfile port check [version]
  local state=stopped pid=-
  if pid_alive "$2"; then pid=$(cat "$2"); state=starting; fi
  $4 && state=ready
  printf '%-16s %-9s pid=%-8s 127.0.0.1:%-6s %s\n' "$1" "$state" "$pid" "$3" "${5:-}"
}

cmd_status() {
  status_line kafka "$KAFKA_DIR/kafka.pid" "$KAFKA_PORT" kafka_ready
  es_status_lines
  status_line redis "$REDIS_DIR/redis.pid" "$REDIS_PORT" redis_ready
}

# Test suites, developers and CI may call `up`/`down` at the same time; one at a time keeps the pid
# files true (two concurrent starts once lost Elasticsearch's pid file). Every server is spawned with
# fd 9 closed, or it would inherit the lock and hold it for its whole life.
with_lock() {
  mkdir -p "$STACK_HOME"
  exec 9>"$STACK_HOME/.launcher.lock"
  flock -w 600 9 || die "another stack.sh has held the lock for 10 minutes"
  "$@"
}

case ${1:-} in
  up) shift; es_nodes_args "$@"; with_lock cmd_up "${ES_ARGS[@]}" ;;
  down) shift; es_nodes_args "$@"; with_lock cmd_down "${ES_ARGS[@]}" ;;
  kill) shift; es_nodes_args "$@"; with_lock es_service_kill "${ES_ARGS[@]}" ;;
  status) cmd_status ;;
  logs) case ${2:-} in kafka) kafka_tail ;; elasticsearch*) es_service_tail "$2" ;; redis) redis_tail ;; *) die "logs kafka|elasticsearch|redis" ;; esac ;;
  *) echo "usage: $0 up [--es-nodes N] | down [kafka|elasticsearch|elasticsearch-<i>|redis ...] | kill elasticsearch-<i> | status | logs SERVICE" >&2; exit 2 ;;
esac
