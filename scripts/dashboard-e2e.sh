#!/usr/bin/env bash
# Browser tests of the dashboard: Debian's Chromium, driven by Playwright
# (tools/dashboard-e2e), against a real `frontline serve` on 127.0.0.1 over a
# fresh database on the test PostgreSQL, filled with engine playthroughs.
# Screenshots of every page land in docs/screenshots/dashboard-*.png.
#
#   scripts/services/run.sh scripts/dashboard-e2e.sh
#
# Uses $FRONTLINE_BIN when set, else builds the binary without the game.
# Without chromium or node it skips, except under CI=true, where it fails.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
e2e="$root/tools/dashboard-e2e"
chromium="${CHROMIUM:-/usr/bin/chromium}"

missing() {
  if [ "${CI:-}" = "true" ]; then echo "dashboard-e2e: $1 (scripts/setup.sh installs it)" >&2; exit 1; fi
  echo "dashboard-e2e: skipped: $1 (scripts/setup.sh installs it)" >&2; exit 0
}
[ -x "$chromium" ] || missing "no Chromium at $chromium"
command -v node >/dev/null || missing "no node"
[ -n "${FRONTLINE_TEST_PG_URL:-}" ] || missing "no PostgreSQL (run me inside scripts/services/run.sh)"
if [ ! -d "$e2e/node_modules/@playwright/test" ]; then
  (cd "$e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
fi

bin="${FRONTLINE_BIN:-}"
if [ -z "$bin" ]; then
  (cd "$root" && cargo build -q --no-default-features --bin frontline)
  bin="${CARGO_TARGET_DIR:-$root/target}/debug/frontline"
fi

db="dashboard_e2e_$$"
base="${FRONTLINE_TEST_PG_URL%/*}"
export FRONTLINE_DATABASE_URL="$base/$db"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -z "$server_pid" ] || { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
  psql -q "$FRONTLINE_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql -q "$FRONTLINE_TEST_PG_URL" -c "CREATE DATABASE $db" >/dev/null

admin() { "$bin" serve admin "$@"; }
token() { admin issue-token "$@" | tail -1; }
admin create-team North >/dev/null
admin create-team South >/dev/null
export NORTH_TOKEN SOUTH_TOKEN TRAINER_TOKEN
NORTH_TOKEN="$(token --team North)"
SOUTH_TOKEN="$(token --team South)"
TRAINER_TOKEN="$(token --trainer)"
plays=8
(cd "$root" && admin demo-data --teams 2 --plays "$plays" --seed 13 --dialogues dialogues)
export PLAYS_PER_TEAM=$((plays * 3))

# Plain HTTP on loopback: the session cookie goes without `Secure` by this explicit allowance.
"$bin" serve --listen 127.0.0.1:0 --dashboard-over-http >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  url="$(sed -n 's/^frontline serve: listening on \(http:[^ ]*\)$/\1/p' "$work/serve.log")"
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "dashboard-e2e: the server did not start" >&2; cat "$work/serve.log" >&2; exit 1; }

export DASHBOARD_URL="$url" CHROMIUM="$chromium" SCREENSHOT_DIR="$root/docs/screenshots"
mkdir -p "$SCREENSHOT_DIR"
cd "$e2e"
npx --no-install playwright test --output "$work/results"
