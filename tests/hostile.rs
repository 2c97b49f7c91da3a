//! Hostile and broken inputs: each gives a clear message or a sensible transcript, quickly, without a panic,
//! and without memory beyond a few times the file's size. Runs the real `check` command on every file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What `check` must say about a file: `Ok(turns, speakers)` or an error message containing the text.
enum Expect {
    Reads {
        turns: usize,
        speakers: usize,
        note: Option<&'static str>,
    },
    Refused(&'static [&'static str]),
}

const COMMITTED: &[(&str, Expect)] = &[
    (
        "empty.txt",
        Expect::Reads {
            turns: 0,
            speakers: 0,
            note: None,
        },
    ),
    ("empty.json", Expect::Refused(&["empty.json:1:1:", "the file is empty"])),
    (
        "image.png",
        Expect::Refused(&["image.png:1:1:", "this is a PNG image, not a transcript"]),
    ),
    (
        "archive.zip",
        Expect::Refused(&["archive.zip:1:1:", "ZIP archive", "not a transcript"]),
    ),
    (
        "invalid-utf8.txt",
        Expect::Reads {
            turns: 2,
            speakers: 2,
            note: Some("bytes that are not UTF-8 were replaced by \u{FFFD}; the first is at line 2, column 16"),
        },
    ),
    (
        "damaged-utf8.txt",
        Expect::Reads {
            turns: 2,
            speakers: 2,
            note: Some("bytes that are not UTF-8 were replaced by \u{FFFD}; the first is at line 1, column 11"),
        },
    ),
    (
        "utf16-no-bom.txt",
        Expect::Reads {
            turns: 2,
            speakers: 2,
            note: None,
        },
    ),
    (
        "text-only.pdf",
        Expect::Refused(&["text-only.pdf:1:1:", "this is a PDF document, not a transcript"]),
    ),
    // Transcripts and captions of kinds the editor does not read, and files that are none: named, never
    // shown as one speaker's garbage.
    (
        "film.sub",
        Expect::Refused(&["film.sub:1:1:", "looks like MicroDVD subtitles", ".vtt, .srt, .ass"]),
    ),
    (
        "captions.smi",
        Expect::Refused(&["captions.smi:1:1:", "looks like SAMI captions"]),
    ),
    (
        "player.ini",
        Expect::Refused(&["player.ini:1:1:", "looks like a settings file"]),
    ),
    (
        "feed.rss",
        Expect::Refused(&["feed.rss:1:1:", "XML file whose root element is <rss>"]),
    ),
    (
        "huge-time.json",
        Expect::Refused(&[
            "huge-time.json:2:",
            "turn 1: \"start\" is 1e300 seconds, more than 1,000 hours",
        ]),
    ),
    (
        "nan-time.json",
        Expect::Refused(&["nan-time.json:2:", "NaN is not a number JSON allows"]),
    ),
    (
        "text-time.json",
        Expect::Refused(&[
            "text-time.json:3:",
            "turn 2: \"start\" must be a number of seconds, not the text \"1\"",
        ]),
    ),
    (
        "bad-byte-in-key.json",
        Expect::Refused(&["bad-byte-in-key.json:2:6:", "not UTF-8"]),
    ),
    (
        "nul.txt",
        Expect::Refused(&["nul.txt:2:10:", "NUL byte", "binary data"]),
    ),
    (
        "big-number.json",
        Expect::Refused(&["big-number.json:2:", "turn 1: \"start\" is out of range"]),
    ),
    (
        "not-a-transcript.json",
        Expect::Refused(&["not-a-transcript.json:1:1:", "this JSON file is not a transcript"]),
    ),
    (
        "newer-version.json",
        Expect::Refused(&["newer-version.json:1:13:", "version 7", "Update the editor"]),
    ),
    (
        "truncated.json",
        Expect::Refused(&["truncated.json:1:", "ends too early"]),
    ),
    (
        "long-label.txt",
        Expect::Reads {
            turns: 2,
            speakers: 1,
            note: None,
        },
    ),
    (
        "long-label.json",
        Expect::Reads {
            turns: 1,
            speakers: 1,
            note: None,
        },
    ),
    (
        "unknown-speaker.json",
        Expect::Refused(&["unknown-speaker.json:3:24:", "no speaker has that id"]),
    ),
    (
        "whisper-end-before-start.json",
        Expect::Reads {
            turns: 2,
            speakers: 0,
            note: None,
        },
    ),
    (
        "elan-past-1000-hours.eaf",
        Expect::Refused(&["elan-past-1000-hours.eaf:6:", "TIME_VALUE", "more than 1,000 hours"]),
    ),
    (
        "ttml-past-1000-hours.ttml",
        Expect::Refused(&["ttml-past-1000-hours.ttml:5:", "more than 1,000 hours"]),
    ),
    (
        "elan-missing-time-slot.eaf",
        Expect::Refused(&[
            "elan-missing-time-slot.eaf:10:13:",
            "refers to time slot ts9, which TIME_ORDER does not have",
        ]),
    ),
    (
        "textgrid-inf.TextGrid",
        Expect::Refused(&["textgrid-inf.TextGrid:5:8:", "inf is not a number"]),
    ),
    (
        "ttml-cut-short.ttml",
        Expect::Refused(&["ttml-cut-short.ttml:6:1:", "inside <p>", "it is cut short"]),
    ),
];

/// The limit that tells a hang from slowness, not a speed target (those are in the benchmarks). Generous,
/// since tests run unoptimised on a shared machine.
const HANG: Duration = Duration::from_secs(120);

struct Outcome {
    ok: bool,
    stdout: String,
    stderr: String,
    /// Peak resident memory in KiB, where `/usr/bin/time` can tell.
    peak_kib: Option<u64>,
}

/// The editor's binary, to give a command line.
fn editor() -> Command {
    Command::new(env!("CARGO_BIN_EXE_transcript-editor"))
}

/// Runs `command` to its end, or fails the test when it takes longer than `limit` (a hang, or waiting on
/// something that never comes).
fn finish_within(command: &mut Command, limit: Duration, what: &str) -> std::process::Output {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the editor runs");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("{what} hung for {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn check(file: &Path) -> Outcome {
    let time = Path::new("/usr/bin/time");
    let mut command = if time.exists() {
        let mut c = Command::new(time);
        c.args(["-f", "PEAK_KIB %M"])
            .arg(env!("CARGO_BIN_EXE_transcript-editor"));
        c
    } else {
        editor()
    };
    let output = finish_within(command.arg("check").arg(file), HANG, &file.display().to_string());
    let mut stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let peak_kib = stderr
        .lines()
        .find_map(|l| l.strip_prefix("PEAK_KIB "))
        .and_then(|n| n.trim().parse().ok());
    stderr = stderr
        .lines()
        .filter(|l| !l.starts_with("PEAK_KIB "))
        .collect::<Vec<_>>()
        .join("\n");
    Outcome {
        ok: output.status.success(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr,
        peak_kib,
    }
}

fn assert_outcome(file: &Path, expect: &Expect) -> Outcome {
    let out = check(file);
    assert!(!out.stderr.contains("panicked"), "{}: {}", file.display(), out.stderr);
    match expect {
        Expect::Reads { turns, speakers, note } => {
            assert!(out.ok, "{} should read: {}", file.display(), out.stderr);
            let summary = format!("ok: {turns} turns, {speakers} speakers");
            assert!(
                out.stdout.contains(&summary),
                "{}: {} (wanted {summary})",
                file.display(),
                out.stdout
            );
            if let Some(note) = note {
                assert!(out.stdout.contains(note), "{}: {}", file.display(), out.stdout);
            }
        }
        Expect::Refused(parts) => {
            assert!(!out.ok, "{} should be refused", file.display());
            for part in *parts {
                assert!(
                    out.stderr.contains(part),
                    "{}: {:?} lacks {part:?}",
                    file.display(),
                    out.stderr
                );
            }
        }
    }
    out
}

/// Peak memory stays within a few times the file's size (plus the program itself).
fn assert_memory(file: &Path, out: &Outcome, times: u64) {
    let size_kib = std::fs::metadata(file).expect("size").len() / 1024;
    if let Some(peak) = out.peak_kib {
        let limit = 64 * 1024 + times * size_kib;
        assert!(
            peak <= limit,
            "{}: peak {peak} KiB for a {size_kib} KiB file (limit {limit} KiB)",
            file.display()
        );
    }
}

#[test]
fn every_committed_bad_input_gets_its_message() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("hostile");
    for (name, expect) in COMMITTED {
        let file = dir.join(name);
        let out = assert_outcome(&file, expect);
        assert_memory(&file, &out, 5);
    }
}

/// What the editor opens, it saves as JSON that it opens again: every committed file that reads, converted.
#[test]
fn every_committed_file_that_reads_saves_as_json_that_reopens() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("hostile");
    let out = tempfile::tempdir().expect("tempdir");
    for (name, expect) in COMMITTED {
        if !matches!(expect, Expect::Reads { .. }) {
            continue;
        }
        let json = out.path().join(format!("{name}.json"));
        let converted = editor()
            .arg("convert")
            .arg(dir.join(name))
            .arg(&json)
            .output()
            .expect("runs");
        assert!(
            converted.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&converted.stderr)
        );
        let again = check(&json);
        assert!(again.ok, "{name} saved as JSON does not reopen: {}", again.stderr);
    }
}

fn write_big(path: &Path, mut fill: impl FnMut(&mut std::io::BufWriter<std::fs::File>)) -> PathBuf {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    fill(&mut out);
    out.flush().expect("flush");
    path.to_path_buf()
}

#[test]
fn a_50_mb_textgrid_reads_in_a_few_times_its_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    let intervals = 300_000;
    let file = write_big(&dir.path().join("big.TextGrid"), |w| {
        write!(
            w,
            "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\nxmin = 0\nxmax = {intervals}\ntiers? <exists>\n\
             size = 1\nitem []:\n    item [1]:\n        class = \"IntervalTier\"\n        name = \"Mia\"\n        \
             xmin = 0\n        xmax = {intervals}\n        intervals: size = {intervals}\n"
        )
        .expect("write");
        for i in 0..intervals {
            write!(
                w,
                "        intervals [{}]:\n            xmin = {i}\n            xmax = {}\n            text = \"Dit is een \
                 gewone zin van een gewone spreker, met een woord of twee.\"\n",
                i + 1,
                i + 1
            )
            .expect("write");
        }
    });
    let out = assert_outcome(
        &file,
        &Expect::Reads {
            turns: intervals,
            speakers: 1,
            note: None,
        },
    );
    assert_memory(&file, &out, 5);
}

/// A Word document of a few hundred KB whose text part inflates to 1,000 MiB: refused once it has inflated
/// past what its size allows, without the memory the whole would take (3 GB before).
#[test]
fn a_word_document_that_inflates_a_thousandfold_is_refused_in_little_memory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bomb.docx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).expect("part");
    zip.write_all(b"<w:document><w:body><w:p><w:r><w:t>Mia: ")
        .expect("write");
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..1000 {
        zip.write_all(&spaces).expect("write");
    }
    zip.write_all(b"</w:t></w:r></w:p></w:body></w:document>")
        .expect("write");
    zip.finish().expect("finish");
    let out = assert_outcome(
        &path,
        &Expect::Refused(&[
            "bomb.docx:1:1:",
            "inflates to more than",
            "the file is damaged, or not a transcript",
        ]),
    );
    assert_memory(&path, &out, 5);
    if let Some(peak) = out.peak_kib {
        eprintln!(
            "a {} KB Word bomb: peak {peak} KiB",
            std::fs::metadata(&path).expect("size").len() >> 10
        );
    }
}

#[test]
fn a_50_mb_single_line_is_one_long_turn() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write_big(&dir.path().join("line.txt"), |w| {
        w.write_all(b"Mia: ").expect("write");
        for _ in 0..(50 << 20) / 32 {
            w.write_all(b"een heel lange zin zonder einde ").expect("write");
        }
    });
    let out = assert_outcome(
        &file,
        &Expect::Reads {
            turns: 1,
            speakers: 1,
            note: None,
        },
    );
    assert_memory(&file, &out, 5);
}

#[test]
fn a_200_mb_transcript_reads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let line = "Mia: Dit is een gewone zin van een gewone spreker, met één woord of twee.\nHakar: Ja.\n";
    let repeats = (200 << 20) / line.len();
    let file = write_big(&dir.path().join("huge.txt"), |w| {
        for _ in 0..repeats {
            w.write_all(line.as_bytes()).expect("write");
        }
    });
    let out = assert_outcome(
        &file,
        &Expect::Reads {
            turns: 2 * repeats,
            speakers: 2,
            note: None,
        },
    );
    assert_memory(&file, &out, 5);
}

#[test]
fn deeply_nested_json_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write_big(&dir.path().join("deep.json"), |w| {
        w.write_all(&b"[".repeat(100_000)).expect("write");
        w.write_all(&b"]".repeat(100_000)).expect("write");
    });
    assert_outcome(
        &file,
        &Expect::Refused(&["deep.json:1:1:", "this JSON file is not a transcript"]),
    );
    // Nested deep inside an otherwise good transcript, in a field the editor would keep.
    let file = write_big(&dir.path().join("deep-field.json"), |w| {
        w.write_all(b"{\"version\": 1, \"turns\": [], \"x\": ").expect("write");
        w.write_all(&b"[".repeat(100_000)).expect("write");
        w.write_all(&b"]".repeat(100_000)).expect("write");
        w.write_all(b"}").expect("write");
    });
    assert_outcome(
        &file,
        &Expect::Refused(&["deep-field.json:1:", "nested more than 128 levels deep"]),
    );
}

#[test]
fn json_with_a_million_speakers_reads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write_big(&dir.path().join("speakers.json"), |w| {
        w.write_all(b"{\"version\": 1, \"speakers\": [").expect("write");
        for i in 0..1_000_000 {
            let sep = if i > 0 { "," } else { "" };
            write!(w, "{sep}\n{{\"id\": \"S{i}\", \"name\": \"Speaker {i}\"}}").expect("write");
        }
        w.write_all(b"], \"turns\": [{\"speaker\": \"S999999\", \"text\": \"Ja.\"}]}")
            .expect("write");
    });
    let out = assert_outcome(
        &file,
        &Expect::Reads {
            turns: 1,
            speakers: 1_000_000,
            note: None,
        },
    );
    // A speaker is an id, a name and a map for unknown fields: more per byte than text.
    assert_memory(&file, &out, 12);
}

/// Side files that are devices or never end: a rule file of /dev/zero is refused by name at once (it grew
/// until memory ran out); a glossary given as a named pipe nobody writes to is refused, not waited on.
#[test]
fn side_files_that_are_devices_or_pipes_are_refused_by_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let talk = dir.path().join("talk.txt");
    std::fs::write(&talk, "Mia: Welkom.\n").expect("write");
    let out = editor()
        .args(["edit", "--rules", "/dev/zero", "-o", "-"])
        .arg(&talk)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("/dev/zero: the rule file is a device, not a file"),
        "{stderr}"
    );
    let pipe = dir.path().join("glossary.txt");
    if Command::new("mkfifo").arg(&pipe).status().is_ok_and(|s| s.success()) {
        let mut spell = editor();
        spell
            .args(["spell", "--lang", "nl", "--glossary"])
            .arg(&pipe)
            .arg(&talk);
        let out = finish_within(
            &mut spell,
            Duration::from_secs(20),
            "spell with a named pipe for a glossary",
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("is a named pipe (FIFO), not a file"), "{stderr}");
    }
}

/// Removing fillers from one long turn full of them is linear: a 2 MB turn (280 KB took 195 s before).
#[test]
fn a_long_turn_of_fillers_is_cleaned_without_hanging() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write_big(&dir.path().join("fillers.txt"), |w| {
        w.write_all(b"Mia: ").expect("write");
        for _ in 0..(2 << 20) / 24 {
            w.write_all(b"ja eh, dat klopt, uhm, ").expect("write");
        }
        w.write_all(b"einde.\n").expect("write");
    });
    let mut clean = editor();
    clean
        .args(["convert", "--clean", "--lang", "nl", "--to", "text"])
        .arg(&file)
        .arg(dir.path().join("clean.txt"));
    let out = finish_within(&mut clean, HANG, "cleaning a 2 MB turn of fillers");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let clean = std::fs::read_to_string(dir.path().join("clean.txt")).expect("written");
    assert!(!clean.contains(" eh") && !clean.contains("uhm"), "fillers left");
}

/// TTML whose elements are nested deep, each naming a long agent: the agent is shared, not copied per
/// element (a 650 KB file peaked at 4.8 GB).
#[test]
fn deeply_nested_ttml_with_a_long_agent_reads_in_little_memory() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Copied per element, the agent would take 20,000 × 100 KB = 2 GB.
    let depth = 20_000;
    let agent = "a".repeat(100_000);
    let file = write_big(&dir.path().join("deep.ttml"), |w| {
        write!(w, "<tt xmlns=\"http://www.w3.org/ns/ttml\" xmlns:ttm=\"http://www.w3.org/ns/ttml#metadata\"><body ttm:agent=\"{agent}\">").expect("write");
        for _ in 0..depth {
            w.write_all(b"<div>").expect("write");
        }
        w.write_all(b"<p begin=\"1s\" end=\"2s\">Welkom.</p>").expect("write");
        for _ in 0..depth {
            w.write_all(b"</div>").expect("write");
        }
        w.write_all(b"</body></tt>").expect("write");
    });
    let out = assert_outcome(
        &file,
        &Expect::Reads {
            turns: 1,
            speakers: 1,
            note: None,
        },
    );
    assert_memory(&file, &out, 5);
}
