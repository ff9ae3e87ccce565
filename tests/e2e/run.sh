#!/usr/bin/env bash
# End-to-end layer: builds the release bundle, serves dist/ on 127.0.0.1 with a static file
# server started here and stopped by its PID, and runs the node:test suites with playwright-core
# driving Debian's Chromium. Then the same for the stable toolchain's bundle (dist-stable/) and
# its smoke suite (tests/e2e/stable/). Prints node's TAP summaries (`# pass N`, `# fail N`).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"

scripts/build-page >target/trunk-release.log 2>&1 || { cat target/trunk-release.log; exit 1; }
# The send tests start the signing proxy binary.
cargo build -q -p signing-proxy

# Serves a folder on a free port of 127.0.0.1 (stopped on exit) and prints its URL.
servers=()
trap 'kill "${servers[@]}" 2>/dev/null || true' EXIT
serve() {
  local dir=$1 port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dir" >"target/e2e-server-$dir.log" 2>&1 &
  servers+=($!)
  for _ in $(seq 1 50); do
    curl -sf "http://127.0.0.1:$port/" >/dev/null && break
    sleep 0.1
  done
  url="http://127.0.0.1:$port/"
}

serve dist
status=0
BASE_URL=$url node --test --test-reporter=tap --test-concurrency=1 tests/e2e/*.test.mjs || status=1

scripts/build-page --stable >target/trunk-stable.log 2>&1 || { cat target/trunk-stable.log; exit 1; }
serve dist-stable
BASE_URL=$url node --test --test-reporter=tap --test-concurrency=1 tests/e2e/stable/*.test.mjs || status=1
exit $status
