#!/usr/bin/env bash
# Measures what the idle game costs: runs it under Xvfb with Mesa's software
# Vulkan driver, lets it settle, then reads its CPU time (user + system, all
# threads) from /proc over a window and prints it as a share of one core.
#
#   scripts/idle-cpu.sh [SECONDS]      default 20
#
# Three states, each in a fresh data folder:
#   title        the title screen with a profile filled in
#   first-start  the title screen at first start (empty name field, focused)
#   encounter    an encounter waiting for a choice (typing done, scene still)
# FRONTLINE_BIN picks the binary (default: the debug build in the target dir).
# FRONTLINE_TRACE_WAKES=1 in the environment makes the game log why each
# frame ran (see docs/playing.md, "Idle cost").
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
bin="${FRONTLINE_BIN:-${CARGO_TARGET_DIR:-target}/debug/frontline}"
[ -x "$bin" ] || { echo "idle-cpu: $bin not built" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "idle-cpu: xvfb-run missing (scripts/setup.sh)" >&2; exit 2; }
ticks_per_second="$(getconf CLK_TCK)"

# CPU ticks (user + system) the process and its threads used so far.
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

measure() {
  local state="$1"; shift
  local data; data="$(mktemp -d)"
  case "$state" in
    title|encounter)
      printf '(profile: (name: "Sam", team: "Riverside branch"), intro_seen: true)\n' \
        >"$data/preferences.ron" ;;
  esac
  xvfb-run -a -s "-screen 0 1280x800x24" "$bin" play "$@" --data-dir "$data" \
    >"$data/log" 2>&1 &
  local runner=$!
  local pid=""
  for _ in $(seq 1 100); do
    pid="$(pgrep -n -P "$runner" -f "$bin" || true)"
    [ -z "$pid" ] && pid="$(pgrep -n -f "^$bin play" || true)"
    [ -n "$pid" ] && break
    sleep 0.2
  done
  [ -n "$pid" ] || { echo "idle-cpu: $state: the game did not start" >&2; cat "$data/log" >&2; return 1; }
  sleep 10 # start-up, loading, the first line typing out and the scene settling
  local before; before="$(ticks "$pid")"
  sleep "$seconds"
  local after; after="$(ticks "$pid")"
  kill "$pid" 2>/dev/null || true
  wait "$runner" 2>/dev/null || true
  awk -v s="$state" -v t=$((after - before)) -v hz="$ticks_per_second" -v secs="$seconds" \
    'BEGIN { printf "%-12s %5.1f %% of one core over %d s\n", s, 100 * t / hz / secs, secs }'
  if [ -n "${FRONTLINE_TRACE_WAKES:-}" ]; then
    grep -c "wake:" "$data/log" | sed "s/^/  frames logged: /"
    grep "wake:" "$data/log" | tail -n 5 | sed 's/^.*wake:/  wake:/'
  fi
  rm -rf "$data"
}

measure title
measure first-start
measure encounter dialogues/retail-out-of-stock.ron
