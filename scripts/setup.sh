#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build, test and run Frontline.
# Safe to run again: it only installs missing packages. Rust 1.95 (cargo) must be present.
set -euo pipefail

# Runtime libraries winit loads (X11, keyboard), the Vulkan loader with Mesa's software
# driver (so the game runs without a GPU), Xvfb for headless screenshots, and PostgreSQL,
# which the team server's tests start as a throwaway cluster (scripts/services/postgres.sh).
# Chromium for the dashboard's browser tests (scripts/dashboard-e2e.sh).
# Python (venv) for Ralph, the learning record store the tests push to; Node
# and npm for Learning Locker's xAPI validator (only when no node/npm is on the
# PATH: a Node installed another way ships its own npm, and Debian's would clash).
packages=(libx11-6 libxcursor1 libxi6 libxrandr2 libxkbcommon-x11-0 libvulkan1
          mesa-vulkan-drivers xvfb xauth postgresql python3 python3-venv chromium)
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v cargo >/dev/null || { echo "setup: cargo not found; install Rust 1.95 first" >&2; exit 1; }
rustup component list --installed 2>/dev/null | grep -q rustfmt || rustup component add rustfmt clippy 2>/dev/null || true
# Ralph (ralph-malph) in its own venv, with the extras its LRS server and
# `ralph auth` need (`requests` is missing from them). Pinned; reinstalled only
# when the pin changes.
ralph_venv="${FRONTLINE_RALPH_VENV:-$HOME/.cache/frontline/ralph-venv}"
ralph_pin="ralph-malph[cli,lrs]==5.1.0 requests"
if [ "$(cat "$ralph_venv/.frontline-pin" 2>/dev/null)" != "$ralph_pin" ]; then
  echo "setup: installing Ralph into $ralph_venv"
  python3 -m venv "$ralph_venv"
  # shellcheck disable=SC2086  # the pin is a list of requirements
  "$ralph_venv/bin/pip" install -q --disable-pip-version-check $ralph_pin
  echo "$ralph_pin" >"$ralph_venv/.frontline-pin"
fi

# Learning Locker's statement validator, at the versions package-lock.json names.
validator="$(cd "$(dirname "$0")/.." && pwd)/tools/xapi-validation"
if [ ! -d "$validator/node_modules/@learninglocker/xapi-validation" ]; then
  echo "setup: installing the xAPI validator"
  (cd "$validator" && npm ci --no-audit --no-fund --silent)
fi

# Playwright and axe-core for the dashboard's browser tests, at the versions
# package-lock.json names; Playwright drives Debian's Chromium, so no browser download.
dashboard_e2e="$(cd "$(dirname "$0")/.." && pwd)/tools/dashboard-e2e"
if [ ! -d "$dashboard_e2e/node_modules/@playwright/test" ]; then
  echo "setup: installing the dashboard's browser-test tools"
  (cd "$dashboard_e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
fi

echo "setup: ok"
