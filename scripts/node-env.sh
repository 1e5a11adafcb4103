# Sourced by every script that runs Node (scripts/with-node.sh wraps the npm scripts): puts a Node
# >= 22.12 first on the PATH (22.12 is where require() of ES modules, which NestJS 12 needs, is on by
# default). The machine's own is used when it is new enough; otherwise the version in
# .nvmrc is installed once from the npm registry's node-linux-<arch> package (the node binary only,
# the machine's npm runs on it) into the git-ignored .tools/ folder. See docs/stack.md.

NODE_MIN=22.12
_node_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
_node_tools=${JOBTASK_NODE_TOOLS:-$_node_root/.tools}

_node_log() { printf '[node] %s\n' "$*" >&2; }

# Whether the node at $1 is at least $NODE_MIN.
_node_new_enough() {
  "$1" -e 'const [a, b] = process.versions.node.split(".").map(Number);
    const [x, y] = process.argv[1].split(".").map(Number);
    process.exit(a > x || (a === x && b >= y) ? 0 : 1)' "$NODE_MIN" 2>/dev/null
}

_node_install() { # version dir
  local version=$1 dir=$2 arch tmp
  case $(uname -s)-$(uname -m) in
    Linux-x86_64) arch=x64 ;;
    Linux-aarch64) arch=arm64 ;;
    *) _node_log "ERROR: Node >= $NODE_MIN is needed and no package fits $(uname -sm); install it yourself"; return 1 ;;
  esac
  _node_log "installing Node $version (npm package node-linux-$arch) into ${dir#"$_node_root"/}"
  tmp=$(mktemp -d)
  if ! (cd "$tmp" && npm pack --silent "node-linux-$arch@$version" > /dev/null) ||
    ! tar -xzf "$tmp/node-linux-$arch-$version.tgz" -C "$tmp" package/bin/node package/LICENSE; then
    rm -rf "$tmp"; _node_log "ERROR: could not fetch node-linux-$arch@$version from the npm registry"; return 1
  fi
  # Whole or not at all: a half-extracted binary must not pass for an installed one.
  mkdir -p "$(dirname "$dir")"
  rm -rf "$dir"; mv "$tmp/package" "$dir"; rm -rf "$tmp"
}

_node_ensure() {
  local machine version dir
  machine=$(command -v node || true)
  if [ -n "$machine" ] && _node_new_enough "$machine"; then
    [ -n "${JOBTASK_NODE_REPORTED:-}" ] || _node_log "using $("$machine" -v) ($machine)"
    return 0
  fi
  version=$(tr -d ' \nv' < "$_node_root/.nvmrc")
  dir=$_node_tools/node-v$version
  if [ ! -x "$dir/bin/node" ]; then
    mkdir -p "$_node_tools"
    # Two scripts bootstrapping at once (npm test while npm start runs) take turns.
    (
      flock -w 300 8 || { _node_log "ERROR: another install of Node holds $_node_tools/.lock"; exit 1; }
      [ -x "$dir/bin/node" ] || _node_install "$version" "$dir"
    ) 8> "$_node_tools/.lock" || return 1
  fi
  PATH="$dir/bin:$PATH"
  export PATH
  local why="the machine has no node"
  [ -z "$machine" ] || why="the machine's $("$machine" -v) is older than $NODE_MIN"
  [ -n "${JOBTASK_NODE_REPORTED:-}" ] || _node_log "using $(node -v) from ${dir#"$_node_root"/} ($why)"
}

_node_ensure || { _node_log "ERROR: no Node >= $NODE_MIN"; exit 1; }
export JOBTASK_NODE_REPORTED=1

# kafkajs 2.2.4 arms a negative timer (kafkajs issue #1751), which Node >= 23 reports on stderr once per process as
# TimeoutNegativeWarning; Node 20 clamped it to 1 ms silently, so behaviour is the same and the line would only
# interrupt the JSON log. Every other warning is still printed.
case " ${NODE_OPTIONS:-} " in
  *" --disable-warning=TimeoutNegativeWarning "*) ;;
  *) export NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--disable-warning=TimeoutNegativeWarning" ;;
esac
