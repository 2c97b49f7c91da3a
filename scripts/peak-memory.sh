#!/usr/bin/env bash
# Watches the newest process whose command line matches PATTERN and prints its peak memory (the kernel's
# VmHWM) when it ends, or after SECONDS (default 300):
#   scripts/peak-memory.sh PATTERN [SECONDS]
# For example, the editor with a three-hour recording open, its waveform computed, playing for a while,
# driven in a virtual display by gui-shot while this watches:
#   scripts/peak-memory.sh 'release/transcript-editor long.txt' &
#   ../shared/tools/gui-shot -w 15 -a actions.txt -- target/release/transcript-editor long.txt
set -uo pipefail
pattern=$1
limit=${2:-300}
pid=""
for _ in $(seq 100); do
  pid=$(pgrep -n -f -- "$pattern") && break
  sleep 0.1
done
[[ -n "$pid" ]] || { echo "peak-memory: no process matches $pattern" >&2; exit 1; }
peak=0
start=$SECONDS
while kill -0 "$pid" 2>/dev/null && ((SECONDS - start < limit)); do
  kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  [[ -n "$kb" && "$kb" -gt "$peak" ]] && peak=$kb
  sleep 0.2
done
echo "peak memory of $pid: $((peak / 1024)) MB"
