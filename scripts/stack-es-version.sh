# Sourced by scripts/stack.sh: which Elasticsearch the launcher runs and on which JDK (docs/stack.md).
#
#   STACK_ES_VERSION    8 or 9 (the versions the pom names: es.version, es9.version), or a full
#                       8.19.x / 9.x version (default: 8)
#   STACK_ES_JAVA_HOME  the JDK to run it on (default: the first JDK found that the major supports)
#   STACK_JVM_ROOT      where JDKs are searched (default /usr/lib/jvm)
#
# Sourced before the rest of stack.sh is defined: needs ROOT now, and ES_DIR, STACK_HOME, JAVA_HOME_17
# and die() when its functions run.

pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/infra/elasticsearch/pom.xml"; }
case ${STACK_ES_VERSION:-8} in
  8) ES_VERSION=$(pom_property es.version) ;;
  9) ES_VERSION=$(pom_property es9.version) ;;
  *) ES_VERSION=$STACK_ES_VERSION ;;
esac
ES_MAJOR=${ES_VERSION%%.*}
JVM_ROOT=${STACK_JVM_ROOT:-/usr/lib/jvm}

# Only the two lines the project tests (scripts/test-all.sh runs both); anything else is refused
# before Maven is asked, so a typo cannot turn into a long failed download.
es_check_version() {
  [[ $ES_VERSION =~ ^(8\.19|9\.[0-9]+)\.[0-9]+$ ]] ||
    die "elasticsearch: STACK_ES_VERSION=$ES_VERSION is not supported (8.19.x or 9.x, e.g. 8.19.9 or 9.2.4)"
}

# The lowest JDK each major runs on: 8.19 on 17, 9.x on 21 (its launcher refuses older ones).
es_min_java() { if [ "$ES_MAJOR" -ge 9 ]; then echo 21; else echo 17; fi; }

java_major_of() { # JAVA_HOME -> major version, or nothing
  local v
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
  if [ -z "$v" ] && [ -x "$1/bin/java" ]; then
    v=$("$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')
  fi
  echo "$v"
}

# Prints the JDK for this major: STACK_ES_JAVA_HOME when given (and good enough), else the JDK on
# the PATH, else the newest under $JVM_ROOT. Fails naming what it found when none is new enough.
es_java_home() {
  local min seen="" jh m best="" best_m=0
  min=$(es_min_java)
  if [ -n "${STACK_ES_JAVA_HOME:-}" ]; then
    m=$(java_major_of "$STACK_ES_JAVA_HOME")
    [ -n "$m" ] && [ "$m" -ge "$min" ] && { echo "$STACK_ES_JAVA_HOME"; return 0; }
    die "elasticsearch $ES_VERSION needs a JDK >= $min, but STACK_ES_JAVA_HOME=$STACK_ES_JAVA_HOME is ${m:-not a JDK}"
  fi
  m=$(java_major_of "$JAVA_HOME_17")
  [ -n "$m" ] && [ "$m" -ge "$min" ] && { echo "$JAVA_HOME_17"; return 0; }
  seen="$JAVA_HOME_17 (${m:-?})"
  for jh in "$JVM_ROOT"/*/; do
    jh=${jh%/}
    [ -x "$jh/bin/java" ] || continue
    m=$(java_major_of "$jh")
    seen="$seen, $jh (${m:-?})"
    if [ -n "$m" ] && [ "$m" -ge "$min" ] && [ "$m" -gt "$best_m" ]; then best=$jh; best_m=$m; fi
  done
  [ -n "$best" ] && { echo "$best"; return 0; }
  die "elasticsearch $ES_VERSION needs a JDK >= $min and none was found (looked at: $seen). Install one under $JVM_ROOT or set STACK_ES_JAVA_HOME."
}

# Elasticsearch upgrades a data directory in place and cannot go back, and a different major on the
# same data is never what a test matrix wants: each major keeps its own STACK_HOME.
es_check_data_major() {
  local marker="$ES_DIR/data.major" written
  written=$(cat "$marker" 2>/dev/null || true)
  if [ -n "$written" ] && [ "$written" != "$ES_MAJOR" ]; then
    die "elasticsearch: $ES_DIR/data was written by Elasticsearch $written.x; $ES_VERSION must not open it. Use another STACK_HOME (e.g. $STACK_HOME-es$ES_MAJOR) or remove $ES_DIR/data."
  fi
  mkdir -p "$ES_DIR"
  echo "$ES_MAJOR" > "$marker"
}

# A node that is already running keeps running; asking for another version of it is an error, not a
# silent no-op that would test the wrong server.
es_check_running_version() {
  local running
  running=$(cat "$ES_DIR/es.version" 2>/dev/null || true)
  [ -z "$running" ] || [ "$running" = "$ES_VERSION" ] ||
    die "elasticsearch: $running is running from $STACK_HOME, not the requested $ES_VERSION; run 'stack.sh down elasticsearch' first or use another STACK_HOME"
}

# Everything that can be refused before a download or a start: the version, the JDK, the data.
es_preflight() {
  es_check_version
  es_java_home > /dev/null
  es_check_data_major
}
