#!/usr/bin/env bash
# The game's frame time (`play --bench-frames`) with and without 1,000 queued results
# draining to a local team server, three rounds each. Run inside the test services:
#
#   scripts/services/run.sh scripts/bench-frames-while-syncing.sh
#
# Needs the `frontline` binary ($FRONTLINE_BIN, else target/debug/frontline) and builds
# the 1,000 results with examples/results_memory.rs. Prints each run's report and how
# many results had reached the server when the frames were done.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bin="${FRONTLINE_BIN:-${CARGO_TARGET_DIR:-$root/target}/debug/frontline}"
frames="${FRAMES:-3000}"
[ -n "${FRONTLINE_TEST_PG_URL:-}" ] || { echo "run me inside scripts/services/run.sh" >&2; exit 1; }
work="$(mktemp -d)"
db="frame_sync_$$"
export FRONTLINE_DATABASE_URL="${FRONTLINE_TEST_PG_URL%/*}/$db"
server_pid=""
cleanup() {
  [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true
  psql -q "$FRONTLINE_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/queued"
cargo run -q --no-default-features --example results_memory -- make "$work/queued/results.db" 1000
psql -q "$FRONTLINE_TEST_PG_URL" -c "CREATE DATABASE $db" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --listen "127.0.0.1:$port" >"$work/serve.log" 2>&1 & server_pid=$!
sleep 2
token=$("$bin" serve admin issue-token --trainer | grep -o 'flt_[A-Za-z0-9_-]*' | head -1)
for round in 1 2 3; do
  psql -q "$FRONTLINE_DATABASE_URL" -c "DELETE FROM results" >/dev/null
  for kind in alone syncing; do
    dir="$work/$kind-$round"; mkdir -p "$dir"; cp "$work/queued/results.db" "$dir/"
    echo "round $round, $kind:"
    if [ "$kind" = alone ]; then
      FRONTLINE_SERVER= "$bin" play --data-dir "$dir" --bench-frames "$frames" 2>/dev/null | sed -n 2,3p
    else
      "$bin" play --data-dir "$dir" --server "http://127.0.0.1:$port" --token "$token" \
        --bench-frames "$frames" 2>/dev/null | sed -n 2,3p
      echo "  results on the server when the frames were done: $(psql -tA "$FRONTLINE_DATABASE_URL" -c 'SELECT COUNT(*) FROM results')"
    fi
  done
done
