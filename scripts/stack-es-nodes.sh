# shellcheck shell=bash
# Elasticsearch as a cluster of N local nodes, sourced by scripts/stack.sh (see docs/cluster.md).
#
#   stack.sh up --es-nodes 3          three nodes, each with its own data, logs, config and pid file
#   stack.sh status                   one line for the cluster, one per node
#   stack.sh down elasticsearch-2     stop one node (TERM); `up elasticsearch-2` brings it back
#   stack.sh kill elasticsearch-2     SIGKILL one node, for fault tests
#   stack.sh down elasticsearch       stop every node
#
# Node i answers HTTP on STACK_ES_PORT+i-1 and transport on STACK_ES_TRANSPORT_PORT+i-1. The node
# count is remembered in $STACK_HOME, so later commands without --es-nodes address the same cluster;
# without a remembered cluster everything stays the single node of stack.sh.

ES_NODE_HEAP=${STACK_ES_NODE_HEAP:-512m}
ES_CLUSTER_DIR=$ES_DIR/cluster
ES_CLUSTER_NAME=${STACK_ES_CLUSTER_NAME:-jobtask-cluster}
ES_NODES_FILE=$ES_CLUSTER_DIR/nodes
ES_NODES=$(cat "$ES_NODES_FILE" 2>/dev/null || echo 1)
ES_ARGS=()

# Takes `--es-nodes N` out of the arguments (the rest land in ES_ARGS), records N and checks node names.
es_nodes_args() {
  ES_ARGS=()
  while [ $# -gt 0 ]; do
    case $1 in
      --es-nodes) [ $# -ge 2 ] || die "--es-nodes needs a number"; es_nodes_set "$2"; shift 2 ;;
      --es-nodes=*) es_nodes_set "${1#--es-nodes=}"; shift ;;
      *) ES_ARGS+=("$1"); shift ;;
    esac
  done
  # Checked here, in the launcher's own shell: a `die` inside a later $(es_nodes_of) would only end a subshell.
  local s
  for s in "${ES_ARGS[@]}"; do
    case $s in
      elasticsearch) ;;
      elasticsearch-*) es_nodes_of "$s" >/dev/null ;;
      elasticsearch*) die "unknown service '$s' (elasticsearch, or elasticsearch-<i> on a cluster)" ;;
    esac
  done
}

es_nodes_set() {
  [[ $1 =~ ^[1-9]$ ]] || die "--es-nodes must be 1 to 9, not '$1'"
  [ "$1" = "$ES_NODES" ] && return 0
  if [ "$1" -gt 1 ] && pid_alive "$ES_DIR/es.pid"; then
    die "the single Elasticsearch node is running; stop it first (stack.sh down elasticsearch)"
  fi
  if [ "$ES_NODES" -gt 1 ] && es_any_node_alive; then
    die "a $ES_NODES-node cluster is running; stop it first (stack.sh down elasticsearch)"
  fi
  ES_NODES=$1
  mkdir -p "$ES_CLUSTER_DIR"
  if [ "$ES_NODES" -gt 1 ]; then echo "$ES_NODES" > "$ES_NODES_FILE"; else rm -f "$ES_NODES_FILE"; fi
}

es_node_dir() { echo "$ES_CLUSTER_DIR/node-$1"; }
es_node_pidfile() { echo "$ES_CLUSTER_DIR/node-$1/es.pid"; }
es_node_http_port() { echo $(( ES_PORT + $1 - 1 )); }
es_node_transport_port() { echo $(( ES_TRANSPORT_PORT + $1 - 1 )); }

es_any_node_alive() {
  local i
  for i in $(seq 1 "$ES_NODES"); do pid_alive "$(es_node_pidfile "$i")" && return 0; done
  return 1
}

# `elasticsearch` means the single node or every node of the cluster; `elasticsearch-<i>` one node.
es_nodes_of() {
  case $1 in
    elasticsearch) seq 1 "$ES_NODES" ;;
    elasticsearch-*)
      local i=${1#elasticsearch-}
      [ "$ES_NODES" -gt 1 ] || die "'$1' names a cluster node, but no cluster is configured (up --es-nodes N)"
      [[ $i =~ ^[0-9]+$ ]] && [ "$i" -ge 1 ] && [ "$i" -le "$ES_NODES" ] || die "no node '$1' in a $ES_NODES-node cluster"
      echo "$i" ;;
  esac
}

es_node_config() { # i
  local i=$1 dir seeds='' masters='' j
  dir=$(es_node_dir "$i")
  for j in $(seq 1 "$ES_NODES"); do
    seeds+="${seeds:+, }\"127.0.0.1:$(es_node_transport_port "$j")\""
    masters+="${masters:+, }\"node-$j\""
  done
  mkdir -p "$dir/data" "$dir/logs"
  # A fresh copy of the distribution's config each start, so a new version never runs with old jvm.options.
  rm -rf "$dir/config"; cp -a "$ES_HOME/config" "$dir/config"
  sed -e "s#@CLUSTER_NAME@#$ES_CLUSTER_NAME#" -e "s#@NODE_NAME@#node-$i#" \
      -e "s#@DATA@#$dir/data#" -e "s#@LOGS@#$dir/logs#" \
      -e "s#@PORT@#$(es_node_http_port "$i")#" -e "s#@TRANSPORT_PORT@#$(es_node_transport_port "$i")#" \
      -e "s#@SEED_HOSTS@#$seeds#" -e "s#@INITIAL_MASTERS@#$masters#" \
      "$ROOT/infra/elasticsearch/elasticsearch-node.yml" > "$dir/config/elasticsearch.yml"
}

es_node_start() { # i
  local i=$1 dir pidfile port
  dir=$(es_node_dir "$i"); pidfile=$(es_node_pidfile "$i"); port=$(es_node_http_port "$i")
  if pid_alive "$pidfile"; then log "elasticsearch-$i: already running (pid $(cat "$pidfile"))"; return 0; fi
  port_open "$port" && die "elasticsearch-$i: port $port is taken by a process this launcher did not start"
  es_node_config "$i"
  rm -f "$pidfile"
  : > "$dir/logs/launcher.out"
  # Own session (setsid), so a Ctrl-C aimed at whoever ran `up` does not reach the node; -w keeps
  # the exit status of `-d`, which returns once the node has started or failed.
  es_run setsid -w env ES_PATH_CONF="$dir/config" ES_JAVA_HOME="$(es_java_home)" \
    ES_JAVA_OPTS="-Xms$ES_NODE_HEAP -Xmx$ES_NODE_HEAP" \
    "$ES_HOME/bin/elasticsearch" -d -p "$pidfile" >> "$dir/logs/launcher.out" 2>&1 < /dev/null 9>&- \
    || { es_node_tail "$i" >&2; die "elasticsearch-$i: failed to start"; }
  log "elasticsearch-$i: started (pid $(cat "$pidfile" 2>/dev/null || echo '?'), http $port)"
}

es_node_tail() { # i
  local dir; dir=$(es_node_dir "$1")
  tail -n 20 "$dir/logs/launcher.out" 2>/dev/null
  tail -n 40 "$dir/logs/$ES_CLUSTER_NAME.log" 2>/dev/null || true
}

# Ready: the node answers and sees the whole cluster at yellow or better (every primary assigned).
es_node_ready() { # i
  curl -sf --max-time 2 "http://127.0.0.1:$(es_node_http_port "$1")/_cluster/health?wait_for_nodes=$ES_NODES&wait_for_status=yellow&timeout=1s" >/dev/null
}

es_service_start() { # service
  [ "$ES_NODES" -gt 1 ] || { start_elasticsearch; return; }
  pid_alive "$ES_DIR/es.pid" && die "the single Elasticsearch node is running; stop it before starting the cluster"
  local i pids=() failed=0
  for i in $(es_nodes_of "$1"); do es_node_start "$i" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
  return $failed
}

es_service_wait() { # service
  [ "$ES_NODES" -gt 1 ] || { wait_ready elasticsearch es_ready es_tail "$ES_DIR/es.pid"; return; }
  local i failed=0
  for i in $(es_nodes_of "$1"); do
    # wait_ready calls its check and tail functions without arguments.
    eval "es_ready_$i() { es_node_ready $i; }; es_tail_$i() { es_node_tail $i; }"
    wait_ready "elasticsearch-$i" "es_ready_$i" "es_tail_$i" "$(es_node_pidfile "$i")" || failed=1
  done
  return $failed
}

es_service_stop() { # service
  [ "$ES_NODES" -gt 1 ] || { stop_by_pidfile elasticsearch "$ES_DIR/es.pid"; return; }
  local i pids=()
  for i in $(es_nodes_of "$1"); do stop_by_pidfile "elasticsearch-$i" "$(es_node_pidfile "$i")" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p"; done
}

# SIGKILL, no grace: what a crashed host looks like to the rest of the cluster.
es_service_kill() { # elasticsearch-<i> ...
  local s i pidfile
  for s in "$@"; do
    case $s in elasticsearch-*) ;; *) die "kill takes cluster nodes (elasticsearch-<i>), not '$s'" ;; esac
    i=$(es_nodes_of "$s"); pidfile=$(es_node_pidfile "$i")
    if pid_alive "$pidfile"; then
      kill -KILL "$(cat "$pidfile")"; rm -f "$pidfile"; log "elasticsearch-$i: killed"
    else
      log "elasticsearch-$i: not running"
    fi
  done
}

es_service_tail() { # service
  [ "$ES_NODES" -gt 1 ] || { es_tail; return; }
  local i; for i in $(es_nodes_of "$1"); do echo "== elasticsearch-$i"; es_node_tail "$i"; done
}

es_status_lines() {
  if [ "$ES_NODES" -le 1 ]; then status_line elasticsearch "$ES_DIR/es.pid" "$ES_PORT" es_ready "$(cat "$ES_DIR/es.version" 2>/dev/null)"; return; fi
  local i health='' port
  for i in $(seq 1 "$ES_NODES"); do
    port=$(es_node_http_port "$i")
    health=$(curl -sf --max-time 2 "http://127.0.0.1:$port/_cat/health?h=status,node.total" 2>/dev/null) && break
  done
  set -- ${health:-down -}
  printf '%-16s %-9s nodes=%s/%s cluster %s\n' elasticsearch "$1" "$2" "$ES_NODES" "$ES_CLUSTER_NAME"
  for i in $(seq 1 "$ES_NODES"); do
    eval "es_up_$i() { curl -sf --max-time 2 http://127.0.0.1:$(es_node_http_port "$i")/_cluster/health?local=true >/dev/null; }"
    status_line "elasticsearch-$i" "$(es_node_pidfile "$i")" "$(es_node_http_port "$i")" "es_up_$i"
  done
}
