#!/usr/bin/env bash
# End-to-end layer: builds the release bundle, serves dist/ on 127.0.0.1 with a static file
# server started here and stopped by its PID, and runs the node:test suites with playwright-core
# driving Debian's Chromium. Prints node's TAP summary (`# pass N`, `# fail N`).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"

scripts/build-page >target/trunk-release.log 2>&1 || { cat target/trunk-release.log; exit 1; }
# The send tests start the signing proxy binary.
cargo build -q -p signing-proxy

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory dist >target/e2e-server.log 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -sf "http://127.0.0.1:$port/" >/dev/null && break
  sleep 0.1
done

export BASE_URL="http://127.0.0.1:$port/"
node --test --test-reporter=tap --test-concurrency=1 tests/e2e/*.test.mjs
