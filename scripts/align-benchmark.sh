#!/usr/bin/env bash
# Aligning long recordings: the sample's recording repeated to 1 hour (27 times) and to 3 hours (81 times),
# with its text repeated without times, aligned by the release build; prints the wall-clock time, the peak
# memory, and how far each turn's start is from where it really is (the sample's own times, repeated).
# Needs ffmpeg, espeak-ng and GNU time (/usr/bin/time). Usage: scripts/align-benchmark.sh [COPIES...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${CARGO_TARGET_DIR:-$root/target}/release/transcript-editor
[[ -x $bin ]] || (cd "$root" && cargo build --release)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for copies in "${@:-27 81}"; do
  for copies_one in $copies; do
    list=$work/list.txt
    : > "$list"
    for _ in $(seq "$copies_one"); do echo "file '$root/assets/sample.mp3'" >> "$list"; done
    ffmpeg -v error -y -f concat -safe 0 -i "$list" -c copy "$work/long.mp3"
    python3 - "$root/assets/sample.txt" "$copies_one" > "$work/long.txt" <<'PY'
import re, sys
lines = [re.sub(r"^\[[^\]]*\] ", "", l) for l in open(sys.argv[1], encoding="utf-8").read().splitlines() if l.strip()]
print("\n".join(lines * int(sys.argv[2])))
PY
    duration=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$work/long.mp3")
    echo "== $copies_one copies: $(python3 -c "print(f'{$duration/60:.1f}')") minutes"
    /usr/bin/time -v "$bin" align "$work/long.txt" "$work/long.mp3" -o "$work/long.json" 2> "$work/time.txt"
    grep -E "^aligned|Elapsed|Maximum resident" "$work/time.txt"
    python3 - "$root/assets/sample.txt" "$work/long.json" "$copies_one" "$duration" <<'PY'
import json, re, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8").read().splitlines() if l.strip()]
def seconds(c):
    h, m, s = c.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)
starts = [seconds(re.match(r"\[([^ ]+) - ", l).group(1)) for l in lines]
period = float(sys.argv[4]) / int(sys.argv[3])
turns = json.load(open(sys.argv[2]))["turns"]
errors = sorted(abs(t["start"] - ((k // len(starts)) * period + starts[k % len(starts)])) for k, t in enumerate(turns))
n = len(errors)
print(f"turn starts: median {errors[n // 2] * 1000:.0f} ms, 90th percentile {errors[int(n * 0.9)] * 1000:.0f} ms, "
      f"largest {errors[-1] * 1000:.0f} ms, within 250 ms: {100 * sum(e < 0.25 for e in errors) // n}%")
PY
  done
done
