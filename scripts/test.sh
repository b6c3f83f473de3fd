#!/usr/bin/env bash
# The whole test suite, from a clean clone: installs what the tests need, then runs every layer.
# Ends with the line "N passed, N failed" (the tiers added up).
set -uo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use: real interpreters, venv, pip and pipx build the sandboxes; tmux drives the dashboard;
# ansible-core and openssh-server run the fleet test (ansible-playbook over SSH to loopback); python3-poetry makes
# the Poetry envs whose lost projects clean-up recognises.
need=()
have_deb() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
for p in python3 python3-venv python3-pip pipx python3-poetry tmux ansible-core openssh-server lz4; do
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
# Node 22 and 24: nodejs.org's binaries from the registry's node-linux-<arch> packages (cached; nothing
# installed). test/e2e/node-lines.test.ts fails with the reason when one cannot be fetched.
for major in 22 24; do
  echo "test.sh: fetching Node $major for test/e2e/node-lines.test.ts (scripts/node-line.sh; cached)"
  bash scripts/node-line.sh "$major" >/dev/null || echo "test.sh: Node $major is not available (above); test/e2e/node-lines.test.ts will fail"
done

# With arguments (a file, a filter), one vitest run of exactly that.
if [ "$#" -gt 0 ]; then exec npx vitest run "$@"; fi

# The whole suite in two runs: the fast unit tier first (pure code, no subprocess: seconds), then
# integration, components and e2e (real tools, the bundle, tmux, ssh). One line adds them up.
tally="$(mktemp)"
trap 'rm -f "$tally"' EXIT
echo "test.sh: unit tier (npm run test:unit)"
PYENVTUI_TEST_TALLY="$tally" npx vitest run --project unit
echo "test.sh: integration, components and e2e tiers"
PYENVTUI_TEST_TALLY="$tally" npx vitest run --project integration --project components --project e2e
runs=$(wc -l <"$tally")
read -r passed failed skipped < <(awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}' "$tally")
# A tier that died before reporting counts as a failure.
[ "$runs" -lt 2 ] && failed=$((failed + 2 - runs))
echo
echo "all tiers: ${passed} passed, ${failed} failed, ${skipped} skipped"
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
