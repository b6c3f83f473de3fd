#!/usr/bin/env bash
# Usage: scripts/node-line.sh MAJOR [ARGS...]
# Node.js MAJOR (22, 24, ...) from the npm registry's node-linux-<arch> package (nodejs.org's own binary,
# shipped inside a registry package), unpacked under node_modules/.cache/pyenvtui-node<MAJOR>. Installs
# nothing on the machine. Without ARGS prints the path of that node; with ARGS runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
major="${1:?usage: scripts/node-line.sh MAJOR [ARGS...]}"; shift
die() { echo "node-line.sh: $*" >&2; exit 1; }
[[ "$major" =~ ^[0-9]+$ ]] || die "MAJOR must be a number, got '$major'"
case "$(uname -m)" in
  x86_64) arch=x64 ;; aarch64) arch=arm64 ;; *) die "no node-linux package for $(uname -m)" ;;
esac
cache="node_modules/.cache/pyenvtui-node$major"
node="$cache/package/bin/node"
mkdir -p "$(dirname "$cache")"
exec 9>"$cache.lock"
flock 9
if ! "$node" --version >/dev/null 2>&1; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "node-linux-$arch@$major" >pack.log 2>&1) \
    || { cat "$tmp/pack.log" >&2; die "npm pack node-linux-$arch@$major failed (no npm registry?)"; }
  tar -xzf "$tmp"/node-linux-*.tgz -C "$tmp"
  rm -rf "$cache" && mv "$tmp/package" "$tmp/unpacked" && mkdir -p "$cache" && mv "$tmp/unpacked" "$cache/package"
  got="$("$node" --version 2>&1)" || die "node $major does not start here: $got"
  case "$got" in "v$major."*) ;; *) die "expected Node $major, got: $got" ;; esac
  echo "node-line.sh: Node $got ready in $cache" >&2
fi
flock -u 9
if [ "$#" -eq 0 ]; then echo "$(cd "$(dirname "$node")" && pwd)/node"; else exec "$node" "$@"; fi
