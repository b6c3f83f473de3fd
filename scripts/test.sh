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
# --- Node 18 (issue 13), part 1: bwrap gives Debian's node 18 its /usr/share/nodejs in a private
# mount namespace (scripts/node18.sh, test/e2e/node18.test.ts).
if command -v dpkg-query >/dev/null 2>&1; then have_deb bubblewrap || need+=(bubblewrap); fi
# --- end Node 18 part 1
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

# --- Node 18 (issue 13), part 2: Debian bookworm's own nodejs 18 and the packages it loads, fetched
# with `apt-get download` and unpacked under node_modules/.cache (nothing is installed). When this
# fails, test/e2e/node18.test.ts fails with the same explanation; it is never skipped.
echo "test.sh: fetching Debian's Node 18 for test/e2e/node18.test.ts (scripts/node18.sh; cached)"
bash scripts/node18.sh >/dev/null || echo "test.sh: Debian's Node 18 is not available (above); test/e2e/node18.test.ts will fail"
# --- end Node 18 part 2

exec npx vitest run "$@"
