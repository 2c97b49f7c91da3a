"""Our exports, read by libraries we did not write, must give what we meant: WebVTT (webvtt-py), SRT (srt)
and ASS (pysubs2) the same cues (and SBV, by a small reader of YouTube's documented layout written here), Word documents (python-docx) a bold name and the text per turn, ELAN (pympi-ling) and
Praat TextGrids (praatio) a tier per speaker with each turn's times and text, TTML (ttconv) each turn's
times and text with its speaker's agent, CHAT (pylangacq) an utterance per turn by its participant, with
its time mark; all compared with the editor's own JSON export of the same file. Captions
(`convert --captions`) read by srt, webvtt-py and pysubs2 keep the subtitle rules (2 lines of 42
characters, at most 7 s, no overlaps, cues touching or apart by the minimum gap) and every word in order.

Usage: python tests/independent_parsers.py PATH/TO/transcript-editor
Prints a line per checked file and a closing "N passed, M failed"; exits 1 on any failure.
"""

import html
import json
import pathlib
import subprocess
import sys
import tempfile

import xml.etree.ElementTree as ElementTree

import docx
import pylangacq
import pysubs2
import pympi
import srt
import webvtt
from praatio import textgrid
from ttconv.imsc import reader as imsc_reader

FIXTURES = pathlib.Path(__file__).parent / "fixtures"
INPUTS = [
    "voices.vtt",
    "zoom.vtt",
    "messy.srt",
    "prefixes.srt",
    "whisper.json",
    "whisperx.json",
    "aegisub.ass",
    "studio.sbv",
    "gesprek.cha",
    "interview.trs",
    "deepgram.json",
]


def convert(binary, source, target):
    subprocess.run([binary, "convert", str(source), str(target)], check=True, capture_output=True)


def reference(binary, source, folder):
    """The turns as the editor holds them: (speaker or None, text, start, end, words)."""
    out = folder / (source.stem + "-reference.json")
    convert(binary, source, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    names = {s["id"]: s["name"] for s in doc["speakers"]}
    turns = []
    for t in doc["turns"]:
        # Cue text cannot hold blank lines; the editor folds them when it writes cues.
        text = "\n".join(line for line in t["text"].split("\n") if line.strip())
        turns.append((names.get(t.get("speaker")), text, t["start"], t["end"], t.get("words", [])))
    return turns


def as_cues(turns):
    """The cues the subtitle exports should hold: a turn read from several cues (its words marked "cue" where
    each began) is those cues again, from the first word's start to the last word's end."""
    cues = []
    for speaker, text, start, end, words in turns:
        cuts = [i for i, w in enumerate(words) if i > 0 and w.get("cue")]
        if not cuts:
            cues.append((speaker, text, start, end))
            continue
        groups = [words[a:b] for a, b in zip([0] + cuts, cuts + [len(words)])]
        for k, group in enumerate(groups):
            begin = start if k == 0 else group[0].get("start", cues[-1][3])
            if k == len(groups) - 1:
                finish = end
            else:
                finish = group[-1].get("end", groups[k + 1][0].get("start", begin))
            cues.append((speaker, " ".join(w["text"] for w in group), begin, finish))
    return cues


def close(a, b):
    return abs(a - b) < 0.0015


def seconds(clock):
    """'01:02:03.500' as seconds (webvtt-py's own start_in_seconds drops the milliseconds)."""
    parts = clock.split(":")
    return sum(float(p) * 60 ** i for i, p in enumerate(reversed(parts)))


def check_vtt(binary, source, folder, turns):
    expected = as_cues(turns)
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


def check_srt(binary, source, folder, turns):
    expected = as_cues(turns)
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


def hundredths(seconds):
    return round(seconds * 100) / 100


def check_ass(binary, source, folder, turns):
    expected = as_cues(turns)
    out = folder / (source.stem + ".ass")
    convert(binary, source, out)
    events = [e for e in pysubs2.load(str(out), encoding="utf-8").events if not e.is_comment]
    if len(events) != len(expected):
        return [f"{len(events)} events, expected {len(expected)}"]
    problems = []
    for i, (event, (speaker, text, start, end)) in enumerate(zip(events, expected), 1):
        # ASS counts in hundredths of a second (the editor says so when a time is finer).
        if not (close(event.start / 1000, hundredths(start)) and close(event.end / 1000, hundredths(end))):
            problems.append(f"event {i}: times {event.start}-{event.end} ms, expected {start}-{end}")
        if (event.name or None) != speaker:
            problems.append(f"event {i}: name {event.name!r}, expected {speaker!r}")
        if event.plaintext != text:
            problems.append(f"event {i}: text {event.plaintext!r}, expected {text!r}")
    return problems


def read_sbv(path):
    """SBV as YouTube documents it: a caption is a line 'H:MM:SS.mmm,H:MM:SS.mmm', its text lines, and a
    blank line. Returns (start, end, text) per caption."""
    captions = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        start, end = lines[0].split(",")
        captions.append((seconds(start), seconds(end), "\n".join(lines[1:])))
    return captions


def check_sbv(binary, source, folder, turns):
    expected = as_cues(turns)
    out = folder / (source.stem + ".sbv")
    convert(binary, source, out)
    captions = read_sbv(out)
    if len(captions) != len(expected):
        return [f"{len(captions)} captions, expected {len(expected)}"]
    problems = []
    for i, ((begin, finish, content), (speaker, text, start, end)) in enumerate(zip(captions, expected), 1):
        if not (close(begin, start) and close(finish, end)):
            problems.append(f"caption {i}: times {begin}-{finish}, expected {start}-{end}")
        if speaker is not None:
            label = f"{speaker}: " if not content.startswith("[") else f"[{speaker}]: "
            if not content.startswith(label):
                problems.append(f"caption {i}: {content!r} does not start with {label!r}")
                continue
            content = content[len(label):]
        if content != text:
            problems.append(f"caption {i}: text {content!r}, expected {text!r}")
    return problems


def check_docx(binary, source, folder, turns):
    out = folder / (source.stem + ".docx")
    convert(binary, source, out)
    document = docx.Document(str(out))
    paragraphs = [p for p in document.paragraphs if p.style.name != "Title"]
    if len(paragraphs) != len(turns):
        return [f"{len(paragraphs)} paragraphs, expected {len(turns)}"]
    problems = []
    for i, (paragraph, (speaker, text, _start, _end, _words)) in enumerate(zip(paragraphs, turns), 1):
        bold = "".join(r.text for r in paragraph.runs if r.bold)
        if speaker is not None and bold not in (f"{speaker}:", f"[{speaker}]:"):
            problems.append(f"paragraph {i}: bold {bold!r}, expected the name {speaker!r}")
        if speaker is None and bold:
            problems.append(f"paragraph {i}: bold {bold!r} in a turn without a speaker")
        # A line inside a turn that reads as a speaker's label ("Vandaag: ondertitels.") is written with a
        # backslash before it, so that it is not taken for a new turn when the document is read again.
        shown = paragraph.text.replace("\n\\", "\n")
        if not shown.endswith(text):
            problems.append(f"paragraph {i}: {paragraph.text!r} does not end with {text!r}")
    return problems


def by_speaker(turns):
    """Each speaker's turns as (start ms, end ms, text), in order: what a tier per speaker holds."""
    tiers = {}
    for speaker, text, start, end, _words in turns:
        tiers.setdefault(speaker, []).append((round(start * 1000), round(end * 1000), text))
    return {k: sorted(v) for k, v in tiers.items()}


def check_eaf(binary, source, folder, turns):
    out = folder / (source.stem + ".eaf")
    convert(binary, source, out)
    eaf = pympi.Elan.Eaf(str(out))
    found = {}
    for tier in eaf.get_tier_names():
        participant = eaf.tiers[tier][2].get("PARTICIPANT") or None
        found[participant] = sorted(eaf.get_annotation_data_for_tier(tier))
    expected = by_speaker(turns)
    if found != expected:
        return [f"tiers {found!r}, expected {expected!r}"]
    return []


def check_textgrid(binary, source, folder, turns):
    out = folder / (source.stem + ".TextGrid")
    convert(binary, source, out)
    grid = textgrid.openTextgrid(str(out), includeEmptyIntervals=False)
    found = {}
    for name in grid.tierNames:
        entries = grid.getTier(name).entries
        found[name or None] = sorted((round(e.start * 1000), round(e.end * 1000), e.label) for e in entries)
    expected = by_speaker(turns)
    if found != expected:
        return [f"tiers {found!r}, expected {expected!r}"]
    return []


def ttml_text(element):
    """The text of a ttconv paragraph, line breaks as \\n."""
    parts = []
    for child in element:
        if child.__class__.__name__ == "Br":
            parts.append("\n")
        elif hasattr(child, "get_text"):
            parts.append(child.get_text())
        else:
            parts.append(ttml_text(child))
    return "".join(parts)


def check_ttml(binary, source, folder, turns):
    out = folder / (source.stem + ".ttml")
    convert(binary, source, out)
    tree = ElementTree.parse(str(out))
    model = imsc_reader.to_model(tree)
    paragraphs = [p for div in model.get_body() for p in div]
    if len(paragraphs) != len(turns):
        return [f"{len(paragraphs)} paragraphs, expected {len(turns)}"]
    problems = []
    for i, (p, (_speaker, text, start, end, _words)) in enumerate(zip(paragraphs, turns), 1):
        # ttconv gives no begin for a paragraph that begins at 0.
        begin, finish = float(p.get_begin() or 0), float(p.get_end() or 0)
        if not (close(begin, start) and close(finish, end)):
            problems.append(f"paragraph {i}: times {p.get_begin()}-{p.get_end()}, expected {start}-{end}")
        if ttml_text(p) != text:
            problems.append(f"paragraph {i}: text {ttml_text(p)!r}, expected {text!r}")
    # ttconv keeps no agents: the speakers are checked in the XML itself.
    ns = {"tt": "http://www.w3.org/ns/ttml", "ttm": "http://www.w3.org/ns/ttml#metadata"}
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    agents = {a.get(xml_id): a.find("ttm:name", ns).text for a in tree.getroot().iter(f"{{{ns['ttm']}}}agent")}
    for i, (p, turn) in enumerate(zip(tree.getroot().iter(f"{{{ns['tt']}}}p"), turns), 1):
        agent = p.get(f"{{{ns['ttm']}}}agent")
        if agents.get(agent) != turn[0]:
            problems.append(f"paragraph {i}: agent {agent!r} ({agents.get(agent)!r}), expected {turn[0]!r}")
    return problems


def check_cha(binary, source, folder, turns):
    out = folder / (source.stem + ".cha")
    convert(binary, source, out)
    reader = pylangacq.read_chat(str(out))
    names = {p.code: p.name for p in reader.participants()}
    utterances = reader.utterances()
    if len(utterances) != len(turns):
        return [f"{len(utterances)} utterances, expected {len(turns)}"]
    problems = []
    for i, (u, (speaker, text, start, end, _words)) in enumerate(zip(utterances, turns), 1):
        # CHAT writes a name's spaces as underscores, and a turn without a speaker as UNK.
        want = "_".join(speaker.replace(",", " ").split()) if speaker is not None else None
        got = names.get(u.participant) if u.participant != "UNK" else None
        if got != want:
            problems.append(f"utterance {i}: participant {u.participant} ({got!r}), expected {want!r}")
        if start is not None and end is not None and u.time_marks != (round(start * 1000), round(end * 1000)):
            problems.append(f"utterance {i}: time mark {u.time_marks}, expected {start}-{end}")
        line = u.tiers[u.participant].split("\x15")[0]
        # CHAT puts a space before the utterance's final . ? or !
        words = " ".join(text.split())
        if words and words[-1] in ".?!" and len(words) > 1:
            words = words[:-1] + " " + words[-1]
        if " ".join(line.split()) != words:
            problems.append(f"utterance {i}: {line!r}, expected {words!r}")
    return problems


CAPTION_INPUTS = [
    pathlib.Path(__file__).parent.parent / "assets" / "sample.txt",
    FIXTURES / "whisperx.json",
    FIXTURES / "deepgram.json",
    FIXTURES / "interview.trs",
]


def caption_cues(path):
    """(start, end, lines) of each cue of a caption export, read by a library we did not write."""
    if path.suffix == ".srt":
        return [(c.start.total_seconds(), c.end.total_seconds(), c.content.split("\n"))
                for c in srt.parse(path.read_text(encoding="utf-8"))]
    if path.suffix == ".vtt":
        return [(seconds(c.start), seconds(c.end), html.unescape(c.text).split("\n")) for c in webvtt.read(str(path))]
    events = [e for e in pysubs2.load(str(path), encoding="utf-8").events if not e.is_comment]
    return [(e.start / 1000, e.end / 1000, e.plaintext.split("\n")) for e in events]


def check_captions(binary, source, folder, turns):
    """The captions of `source` in each format keep the rules and every word of `turns`."""
    words = [w for (_, text, _, _, _) in turns for w in text.split()]
    problems = []
    for ext, slack in ((".srt", 0.0005), (".vtt", 0.0005), (".ass", 0.005)):
        out = folder / (source.stem + "-captions" + ext)
        subprocess.run([binary, "convert", str(source), str(out), "--captions"], check=True, capture_output=True)
        cues = caption_cues(out)
        if len(cues) < len(turns):
            problems.append(f"{ext}: {len(cues)} cues for {len(turns)} turns")
        shown = [w for (_, _, lines) in cues for line in lines for w in line.split()]
        if shown != words:
            problems.append(f"{ext}: the cues' words differ from the turns' words")
        for i, (start, end, lines) in enumerate(cues, 1):
            if len(lines) > 2 or any(len(line) > 42 for line in lines):
                problems.append(f"{ext}: cue {i} has lines {lines!r}")
            if end - start > 7 + slack or end < start:
                problems.append(f"{ext}: cue {i} is {end - start:.3f} s on screen")
            if i < len(cues):
                gap = cues[i][0] - end
                if gap < -slack or slack < gap < 0.083 - slack:
                    problems.append(f"{ext}: cue {i} is {gap:.3f} s before the next")
    return problems


CHECKS = (
    ("webvtt-py", check_vtt),
    ("srt", check_srt),
    ("pysubs2", check_ass),
    ("our SBV reader", check_sbv),
    ("python-docx", check_docx),
    ("pympi-ling", check_eaf),
    ("praatio", check_textgrid),
    ("ttconv", check_ttml),
    ("pylangacq", check_cha),
)


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
            for kind, check in CHECKS:
                problems = check(binary, source, folder, expected)
                if problems:
                    failed += 1
                    print(f"FAIL {name} via {kind}:")
                    for p in problems:
                        print(f"    {p}")
                else:
                    passed += 1
                    print(f"ok   {name} via {kind}: {len(expected)} turns")
        for source in CAPTION_INPUTS:
            expected = reference(binary, source, folder)
            problems = check_captions(binary, source, folder, expected)
            if problems:
                failed += 1
                print(f"FAIL captions of {source.name} via srt, webvtt-py and pysubs2:")
                for p in problems:
                    print(f"    {p}")
            else:
                passed += 1
                print(f"ok   captions of {source.name} via srt, webvtt-py and pysubs2")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
