"""Our WebVTT and SRT exports, read by parsers we did not write (webvtt-py and srt from PyPI), must give
the cues we meant: the same number, times, speakers and text as the editor's own JSON export.

Usage: python tests/independent_parsers.py PATH/TO/transcript-editor
Prints a line per checked file and a closing "N passed, M failed"; exits 1 on any failure.
"""

import html
import json
import pathlib
import subprocess
import sys
import tempfile

import srt
import webvtt

FIXTURES = pathlib.Path(__file__).parent / "fixtures"
INPUTS = ["voices.vtt", "zoom.vtt", "messy.srt", "prefixes.srt", "whisper.json", "whisperx.json"]


def convert(binary, source, target):
    subprocess.run([binary, "convert", str(source), str(target)], check=True, capture_output=True)


def reference(binary, source, folder):
    """The turns as the editor holds them: (speaker or None, text, start, end)."""
    out = folder / (source.stem + "-reference.json")
    convert(binary, source, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    names = {s["id"]: s["name"] for s in doc["speakers"]}
    turns = []
    for t in doc["turns"]:
        # Cue text cannot hold blank lines; the editor folds them when it writes cues.
        text = "\n".join(line for line in t["text"].split("\n") if line.strip())
        turns.append((names.get(t.get("speaker")), text, t["start"], t["end"]))
    return turns


def close(a, b):
    return abs(a - b) < 0.0015


def seconds(clock):
    """'01:02:03.500' as seconds (webvtt-py's own start_in_seconds drops the milliseconds)."""
    parts = clock.split(":")
    return sum(float(p) * 60 ** i for i, p in enumerate(reversed(parts)))


def check_vtt(binary, source, folder, expected):
    out = folder / (source.stem + ".vtt")
    convert(binary, source, out)
    captions = webvtt.read(str(out))
    problems = []
    if len(captions) != len(expected):
        return [f"{len(captions)} cues, expected {len(expected)}"]
    for i, (caption, (speaker, text, start, end)) in enumerate(zip(captions, expected), 1):
        if not (close(seconds(caption.start), start) and close(seconds(caption.end), end)):
            problems.append(f"cue {i}: times {caption.start}-{caption.end}, expected {start}-{end}")
        if (caption.voice or None) != speaker:
            problems.append(f"cue {i}: voice {caption.voice!r}, expected {speaker!r}")
        # webvtt-py leaves character references as written; WebVTT's &amp; &lt; &gt; are HTML's.
        if html.unescape(caption.text) != text:
            problems.append(f"cue {i}: text {caption.text!r}, expected {text!r}")
    return problems


def check_srt(binary, source, folder, expected):
    out = folder / (source.stem + ".srt")
    convert(binary, source, out)
    subtitles = list(srt.parse(out.read_text(encoding="utf-8")))
    if len(subtitles) != len(expected):
        return [f"{len(subtitles)} cues, expected {len(expected)}"]
    problems = []
    for i, (sub, (speaker, text, start, end)) in enumerate(zip(subtitles, expected), 1):
        if sub.index != i:
            problems.append(f"cue {i}: numbered {sub.index}")
        if not (close(sub.start.total_seconds(), start) and close(sub.end.total_seconds(), end)):
            problems.append(f"cue {i}: times {sub.start}-{sub.end}, expected {start}-{end}")
        content = sub.content
        if speaker is not None:
            label = f"{speaker}: " if not content.startswith("[") else f"[{speaker}]: "
            if not content.startswith(label):
                problems.append(f"cue {i}: {content!r} does not start with {label!r}")
                continue
            content = content[len(label):]
        if content != text:
            problems.append(f"cue {i}: text {content!r}, expected {text!r}")
    return problems


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    binary = sys.argv[1]
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        for name in INPUTS:
            source = FIXTURES / name
            expected = reference(binary, source, folder)
            for kind, check in (("webvtt-py", check_vtt), ("srt", check_srt)):
                problems = check(binary, source, folder, expected)
                if problems:
                    failed += 1
                    print(f"FAIL {name} via {kind}:")
                    for p in problems:
                        print(f"    {p}")
                else:
                    passed += 1
                    print(f"ok   {name} via {kind}: {len(expected)} cues")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
