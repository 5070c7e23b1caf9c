#!/usr/bin/env bash
# Renders the game's main screens under Xvfb with Mesa's software Vulkan
# driver and saves them as PNGs: `frontline play --screenshots DIR` drives the
# real game (title, introduction, picker, an encounter mid-way, debrief, leaderboard, team,
# progress), checks every image is not blank, and exits non-zero otherwise.
#
#   scripts/screenshots.sh [OUT_DIR]     default OUT_DIR: target/screenshots
#
# FRONTLINE_BIN picks the binary (default: the debug build in the target dir).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/screenshots}"
bin="${FRONTLINE_BIN:-${CARGO_TARGET_DIR:-target}/debug/frontline}"
[ -x "$bin" ] || { echo "screenshots: $bin not built (run cargo build or cargo test first)" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "screenshots: xvfb-run missing (scripts/setup.sh installs it)" >&2; exit 2; }

data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
rm -f "$out"/*.png
mkdir -p "$out"
# A fresh data folder: the run fills in a profile (Sam, Riverside branch).
# Colleagues' results (made-up, from random playthroughs) so the leaderboard and
# team screens have something to compare; `cargo test` builds the example.
sample="$(dirname "$bin")/examples/sample_results"
if [ -x "$sample" ]; then
  "$sample" >"$data/sample.csv" 2>/dev/null
  "$bin" import "$data/sample.csv" --data-dir "$data" >/dev/null
fi
status=0
xvfb-run -a -s "-screen 0 1280x800x24" \
  "$bin" play --screenshots "$out" --data-dir "$data" >"$data/log" 2>&1 || status=$?
grep -E "screenshots|ERROR|startup" "$data/log" || true

expected=(title intro picker encounter debrief leaderboard team progress encounter-phone encounter-office)
missing=0
for name in "${expected[@]}"; do
  f="$out/$name.png"
  if [ ! -s "$f" ]; then echo "screenshots: $f missing"; missing=1; continue; fi
  echo "screenshots: $f ($(stat -c %s "$f") bytes)"
done
if [ "$status" -ne 0 ] || [ "$missing" -ne 0 ]; then
  echo "screenshots: FAILED (game exit $status; a blank image makes the game exit 1)" >&2
  exit 1
fi
echo "screenshots: ok, none blank"
