#!/usr/bin/env bash
# The whole test suite, from a clean clone: installs what the tests need, then runs every layer.
# Ends with the line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use: real interpreters, venv, pip and pipx build the sandboxes; tmux drives the dashboard;
# ansible-core and openssh-server run the fleet test (ansible-playbook over SSH to loopback).
need=()
have_deb() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
for p in python3 python3-venv python3-pip pipx tmux ansible-core openssh-server; do
  if command -v dpkg-query >/dev/null 2>&1; then
    have_deb "$p" || need+=("$p")
  fi
done
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing missing Debian packages: ${need[*]}"
    echo "test.sh: running: apt-get update && apt-get install -y --no-install-recommends ${need[*]}"
    apt-get update -qq >/dev/null || { echo "test.sh: apt-get update failed"; echo "0 passed, 1 failed"; exit 1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
      || { echo "test.sh: apt-get install failed"; echo "0 passed, 1 failed"; exit 1; }
  else
    echo "test.sh: missing Debian packages: ${need[*]}"
    echo "test.sh: install them with: sudo apt-get update && sudo apt-get install -y ${need[*]}"
    echo "0 passed, 1 failed"
    exit 1
  fi
fi
for tool in /usr/bin/python3 tmux pipx ansible-playbook /usr/sbin/sshd; do
  command -v "$tool" >/dev/null 2>&1 || { echo "test.sh: $tool not found"; echo "0 passed, 1 failed"; exit 1; }
done

# npm dependencies, exactly as locked, when missing or stale.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "test.sh: installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error || { echo "0 passed, 1 failed"; exit 1; }
fi

exec npx vitest run "$@"
