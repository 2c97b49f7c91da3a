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

# Windows' icon (the exe's resource and the installer's): the PNGs of 16 to 256 pixels in one ICO file, each
# stored as PNG, which Windows Vista and later read.
python3 - <<'PY'
import struct
sizes = [16, 32, 48, 64, 128, 256]
images = [open(f"assets/icon/hicolor/{s}x{s}/apps/transcript-editor.png", "rb").read() for s in sizes]
offset = 6 + 16 * len(images)
header = struct.pack("<HHH", 0, 1, len(images))
entries = b""
for size, data in zip(sizes, images):
    # width and height 0 mean 256; no palette; 1 plane; 32 bits a pixel
    entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset)
    offset += len(data)
with open("assets/icon/transcript-editor.ico", "wb") as out:
    out.write(header + entries + b"".join(images))
print("assets/icon/transcript-editor.ico")
PY
