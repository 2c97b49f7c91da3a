#!/usr/bin/env python3
"""Makes assets/sample.mp3, the recording of the sample transcript, with espeak-ng (a voice per speaker) and
ffmpeg, and writes each turn's start and end into assets/sample.txt. Run it again after changing the
sample's words: `python3 scripts/make-sample-recording.py` (needs Debian's espeak-ng and ffmpeg)."""

import re
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "assets" / "sample.txt"
RECORDING = ROOT / "assets" / "sample.mp3"
# The first speaker's voice for "Joëlle" and "J", the other's for "Bram" and "B".
VOICES = {"J": ("en+f3", 165), "B": ("en+m3", 160)}
GAP = 0.35
TIMES = re.compile(r"^\[[0-9:.]+ - [0-9:.]+\] ")


def clock(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02}:{ms // 60_000 % 60:02}:{ms // 1000 % 60:02}.{ms % 1000:03}"


def main() -> int:
    lines = [TIMES.sub("", line) for line in TEXT.read_text(encoding="utf-8").splitlines() if line.strip()]
    rate = 22050
    frames = bytearray()
    timed = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, line in enumerate(lines):
            label, text = line.split(": ", 1)
            voice, words_per_minute = VOICES[label[0]]
            part = Path(tmp) / f"{n}.wav"
            subprocess.run(["espeak-ng", "-v", voice, "-s", str(words_per_minute), "-w", str(part), text], check=True)
            with wave.open(str(part)) as w:
                rate = w.getframerate()
                start = len(frames) / 2 / rate
                frames += w.readframes(w.getnframes())
            end = len(frames) / 2 / rate
            timed.append(f"[{clock(start)} - {clock(end)}] {line}")
            frames += bytes(2 * int(GAP * rate))
        whole = Path(tmp) / "whole.wav"
        with wave.open(str(whole), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(bytes(frames))
        # Mono, 16 kHz at 24 kbit/s: speech stays clear and the file small.
        subprocess.run(
            ["ffmpeg", "-v", "error", "-y", "-i", str(whole), "-ac", "1", "-ar", "16000", "-b:a", "24k", str(RECORDING)], check=True
        )
    TEXT.write_text("\n".join(timed) + "\n", encoding="utf-8")
    print(f"{RECORDING.relative_to(ROOT)}: {len(frames) / 2 / rate:.1f} s, {RECORDING.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
