#!/usr/bin/env bash
# Builds the editor for 64-bit Windows on Linux, and its installer:
#   TARGET/windows/transcript-editor.exe              the program (icon and version information inside)
#   TARGET/windows/transcript-editor-VERSION-setup.exe  the installer (NSIS)
# where TARGET is cargo's target folder ($CARGO_TARGET_DIR, else ./target).
#
# Needs Rust's Windows target and MinGW and NSIS (Debian: apt install gcc-mingw-w64-x86-64 nsis); the
# first is added with rustup when missing. --no-installer builds the exe only.
set -euo pipefail
cd "$(dirname "$0")/.."

installer=1
[[ ${1:-} == --no-installer ]] && installer=0

triple=x86_64-pc-windows-gnu
target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
out="$target_dir/windows"
mkdir -p "$out"

missing=()
command -v x86_64-w64-mingw32-gcc >/dev/null || missing+=(gcc-mingw-w64-x86-64)
((installer)) && ! command -v makensis >/dev/null && missing+=(nsis)
if ((${#missing[@]})); then
  echo "build-windows: needs ${missing[*]} (Debian and Ubuntu: sudo apt install ${missing[*]})" >&2
  exit 1
fi
rustup target list --installed 2>/dev/null | grep -qx "$triple" || rustup target add "$triple"

cargo build --release --locked --target "$triple"
# Line tables help a backtrace on Linux; the Windows exe is shipped without them (108 MB → about 20 MB).
x86_64-w64-mingw32-strip -o "$out/transcript-editor.exe" "$target_dir/$triple/release/transcript-editor.exe"
echo "build-windows: $out/transcript-editor.exe"

if ((installer)); then
  version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
  (cd packaging/windows &&
    makensis -V2 -DVERSION="$version" -DEXE="$out/transcript-editor.exe" \
      -DOUT="$out/transcript-editor-$version-setup.exe" installer.nsi)
  echo "build-windows: $out/transcript-editor-$version-setup.exe"
fi
