#!/usr/bin/env bash
# Makes the icon's PNGs (the hicolor theme's sizes, and the window icon) from assets/icon/transcript-editor.svg.
# Needs rsvg-convert (Debian: librsvg2-bin) or ImageMagick's convert. The PNGs are committed: building the
# editor or its package does not need either.
set -euo pipefail
cd "$(dirname "$0")/.."
svg=assets/icon/transcript-editor.svg
for size in 16 32 48 64 128 256 512; do
  out=assets/icon/hicolor/${size}x${size}/apps/transcript-editor.png
  mkdir -p "$(dirname "$out")"
  if command -v rsvg-convert >/dev/null; then
    rsvg-convert -w "$size" -h "$size" "$svg" -o "$out"
  else
    convert -background none -density 384 "$svg" -resize "${size}x${size}" "PNG32:$out"
  fi
  echo "$out"
done
