#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build, test and run Frontline.
# Safe to run again: it only installs missing packages. Rust 1.95 (cargo) must be present.
set -euo pipefail

# Runtime libraries winit loads (X11, keyboard), the Vulkan loader with Mesa's software
# driver (so the game runs without a GPU), Xvfb for headless screenshots, and PostgreSQL,
# which the team server's tests start as a throwaway cluster (scripts/services/postgres.sh).
packages=(libx11-6 libxcursor1 libxi6 libxrandr2 libxkbcommon-x11-0 libvulkan1
          mesa-vulkan-drivers xvfb xauth postgresql)

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
echo "setup: ok"
