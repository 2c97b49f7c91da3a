#!/usr/bin/env bash
# Installs what the editor needs on Debian or Ubuntu (the window's system libraries), builds it, and opens
# the sample transcript. Rust itself comes from https://rustup.rs.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v apt-get >/dev/null && command -v dpkg >/dev/null; then
  # The window's libraries, ALSA's headers and pkg-config for building the audio output, an English
  # spelling dictionary for the (English) sample, and espeak-ng's library for Play → Align with the recording.
  packages=(libx11-6 libxcursor1 libxrandr2 libxi6 libxkbcommon-x11-0 libgl1 libegl1 libwayland-client0 libwayland-egl1
    libasound2-dev pkg-config hunspell-en-gb libespeak-ng1)
  missing=()
  for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if ((${#missing[@]})); then
    SUDO=""
    [[ $(id -u) -ne 0 ]] && SUDO=sudo
    echo "Installing ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi

if ! command -v cargo >/dev/null; then
  echo "cargo was not found: install Rust from https://rustup.rs, then run this script again." >&2
  exit 1
fi

exec cargo run --release -- assets/sample.txt
