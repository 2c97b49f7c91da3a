"""Checks `transcript-editor compare` against jiwer, a word error rate library we did not write: for the
sample transcript and many changed copies of it (words substituted, deleted, inserted, swapped, case and
punctuation changed), the WER and the number of errors (substitutions + deletions + insertions) must be the
same. How a tie is split (one substitution, or a deletion and an insertion around a kept word) differs
between equally short alignments, and jiwer's own choice is not a simple rule ("a b" -> "b c" is two
substitutions, "a b c" -> "b c d" a deletion and an insertion), so the split is printed, not compared.
Run by .ci/run: python3 tests/jiwer_check.py path/to/transcript-editor"""

import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import jiwer

EDITOR = sys.argv[1]
ROOT = Path(__file__).resolve().parent.parent
NORMALISE = jiwer.Compose(
    [
        jiwer.ToLowerCase(),
        jiwer.RemovePunctuation(),
        jiwer.RemoveMultipleSpaces(),
        jiwer.Strip(),
        jiwer.ReduceToListOfListOfWords(),
    ]
)


def turns(path: Path) -> list:
    """The turns of a transcript as (speaker, text), read by the editor itself."""
    result = subprocess.run([EDITOR, "convert", str(path), "-", "--to", "json"], capture_output=True, check=True)
    doc = json.loads(result.stdout)
    names = {s["id"]: s["name"] for s in doc.get("speakers", [])}
    return [(names.get(t.get("speaker"), ""), t["text"]) for t in doc["turns"]]


def changed(text: str, rng: random.Random) -> str:
    words = text.split()
    pool = ["roof", "gull", "Ja.", "the", "niet", "Rotterdam,", "kestrel", "and"]
    for _ in range(rng.randint(0, 6)):
        if not words:
            break
        i = rng.randrange(len(words))
        kind = rng.choice(["sub", "del", "ins", "swap", "case", "punct"])
        if kind == "sub":
            words[i] = rng.choice(pool)
        elif kind == "del":
            del words[i]
        elif kind == "ins":
            words.insert(i, rng.choice(pool))
        elif kind == "swap" and i + 1 < len(words):
            words[i], words[i + 1] = words[i + 1], words[i]
        elif kind == "case":
            words[i] = words[i].upper()
        else:
            words[i] = words[i] + ","
    return " ".join(words) or "hm"


def main() -> int:
    sample = ROOT / "assets" / "sample.txt"
    reference = turns(sample)
    failures = 0
    splits = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(60):
            rng = random.Random(seed)
            hypothesis = [(name, changed(text, rng)) for name, text in reference]
            b = Path(tmp) / f"b{seed}.txt"
            b.write_text("".join(f"{name}: {text}\n" for name, text in hypothesis), encoding="utf-8")
            ours = json.loads(
                subprocess.run([EDITOR, "compare", str(sample), str(b), "--json"], capture_output=True, check=True).stdout
            )
            theirs = jiwer.process_words(
                " ".join(t for _, t in reference),
                " ".join(t for _, t in hypothesis),
                reference_transform=NORMALISE,
                hypothesis_transform=NORMALISE,
            )
            expected = {
                "wer": theirs.wer,
                "substitutions": theirs.substitutions,
                "deletions": theirs.deletions,
                "insertions": theirs.insertions,
                "hits": theirs.hits,
            }
            got = {k: ours[k] for k in expected}
            errors = lambda c: c["substitutions"] + c["deletions"] + c["insertions"]
            if abs(got["wer"] - expected["wer"]) > 1e-12 or errors(got) != errors(expected):
                failures += 1
                print(f"seed {seed}: ours {got}, jiwer {expected}")
            elif got != expected:
                splits += 1
    print(f"compare against jiwer: the same WER and errors for {60 - failures} of 60 ({splits} split differently)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
