//! The command line as a script uses it: real processes, real files, exit codes and messages.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use transcript_editor::formats::{self, Format};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_transcript-editor"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A new folder holding one file with `content`.
fn file_with(name: &str, content: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::write(&path, content).expect("write");
    (dir, path)
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The seed transcript beside the repository (present in CI), else our own sample with the same troubles.
fn seed_or_sample() -> (PathBuf, usize, Vec<&'static str>) {
    let seed = repo("../shared/seeds/000_837b87a00f6f00a1.txt");
    if seed.exists() {
        (seed, 14, vec!["Hakar", "Mia", "H", "M"])
    } else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have the seed beside the repository"
        );
        (repo("assets/sample.txt"), 12, vec!["Joëlle", "Bram", "J", "B"])
    }
}

#[test]
fn convert_text_to_json_and_back_keeps_the_transcript() {
    let (input, turns, speakers) = seed_or_sample();
    let dir = tempfile::tempdir().expect("tempdir");
    let json = dir.path().join("out.json");
    let text = dir.path().join("back.txt");
    let o = run(&[
        "convert",
        input.to_str().expect("utf-8 path"),
        json.to_str().expect("utf-8 path"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));

    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).expect("json written")).expect("valid json");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["turns"].as_array().map(Vec::len), Some(turns));
    let names: Vec<&str> = doc["speakers"]
        .as_array()
        .expect("speakers")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(names, speakers);

    let o = run(&["convert", json.to_str().expect("utf-8"), text.to_str().expect("utf-8")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let original = formats::text::PlainText
        .read(&std::fs::read(&input).expect("read"))
        .expect("parse")
        .transcript;
    let back = formats::text::PlainText
        .read(&std::fs::read(&text).expect("read"))
        .expect("parse")
        .transcript;
    assert_eq!(back, original);
}

#[test]
fn info_counts_the_reviewed_turns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("talk.json");
    std::fs::write(
        &path,
        r#"{"version": 1, "turns": [{"text": "a", "reviewed": true}, {"text": "b"}, {"text": "c", "reviewed": true}]}"#,
    )
    .expect("write");
    let o = run(&["info", path.to_str().expect("utf-8")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("reviewed: 2/3"), "{}", stdout(&o));
}

#[test]
fn info_reports_format_encoding_and_speaker_counts() {
    let o = run(&["info", repo("assets/sample.txt").to_str().expect("utf-8")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("format:   Plain text"), "{out}");
    assert!(out.contains("encoding: UTF-8"), "{out}");
    assert!(out.contains("turns:    12"), "{out}");
    assert!(out.contains("reviewed: 0/12"), "{out}");
    let joelle = out
        .lines()
        .find(|l| l.trim_start().starts_with("Joëlle"))
        .expect("a line for Joëlle");
    assert!(joelle.contains(" 2 turns"), "{joelle}");
}

#[test]
fn check_reports_a_bad_json_file_with_path_line_and_column() {
    let (_dir, bad) = file_with(
        "bad.json",
        "{\"version\": 1,\n \"turns\": [{\"speaker\": \"S7\", \"text\": \"x\"}]}",
    );
    let o = run(&["check", bad.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains(&format!("{}:2:24:", bad.display())), "{err}");
    assert!(err.contains("no speaker has that id"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let good = repo("assets/sample.txt");
    let o = run(&["check", good.to_str().expect("utf-8")]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("ok: 12 turns, 4 speakers"), "{}", stdout(&o));
}

#[test]
fn stdin_to_stdout_with_explicit_formats() {
    let mut child = bin()
        .args(["convert", "-", "-", "--from", "text", "--to", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all("Mia: Hallo.\nH: Dag.\n".as_bytes())
        .expect("writes");
    let o = child.wait_with_output().expect("finishes");
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json on stdout");
    assert_eq!(doc["turns"][1]["text"], "Dag.");
    assert_eq!(doc["speakers"][1]["name"], "H");
}

#[test]
fn bad_arguments_and_missing_files_are_explained() {
    let o = run(&["convert", "nope.txt", "out.xyz"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("cannot tell the format of out.xyz"),
        "{}",
        stderr(&o)
    );

    let o = run(&["info", "/definitely/not/here.txt"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("/definitely/not/here.txt: cannot read the file"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("here.txt: cannot read the file: there is no such file\n"),
        "the reason once, in the same words on every system: {}",
        stderr(&o)
    );

    let o = run(&["convert", "a.txt", "b.json", "--from", "odt"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "unknown format \"odt\"; the formats are: amazon, deepgram, assemblyai, revai, speechmatics, azure, whisper-cpp, google, whisper, json, vtt, srt, ass, sbv, markdown, docx, eaf, textgrid, ttml, trs, chat, otter, text"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn converting_to_a_format_that_loses_data_says_so() {
    let (dir, json) = file_with(
        "in.json",
        r#"{"version": 1, "title": "Afl. 3", "speakers": [{"id": "S1", "name": "Mia"}], "turns": [{"speaker": "S1", "text": "Ja."}]}"#,
    );
    let out = dir.path().join("out.txt");
    let o = run(&["convert", json.to_str().expect("utf-8"), out.to_str().expect("utf-8")]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("Plain text cannot hold the title"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&out).expect("written"), "Mia: Ja.\n");
}

#[test]
fn a_failed_save_leaves_the_existing_file_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("out.json");
    std::fs::create_dir(&target).expect("a folder where the file should go");
    let o = run(&[
        "convert",
        repo("assets/sample.txt").to_str().expect("utf-8"),
        target.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot save"), "{}", stderr(&o));
    assert!(target.is_dir());
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("list").count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn edit_merge_aliases_on_the_seed_leaves_hakar_and_mia_with_seven_turns_each() {
    let (input, _, _) = seed_or_sample();
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("clean.json");
    let o = run(&[
        "edit",
        input.to_str().expect("utf-8"),
        "--merge-aliases",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report = stdout(&o);
    let t = formats::json::Json
        .read(&std::fs::read(&out).expect("written"))
        .expect("json")
        .transcript;
    let names: Vec<&str> = t.speakers.iter().map(|s| s.name.as_str()).collect();
    let turns: Vec<usize> = t.speaker_stats().iter().map(|s| s.turns).collect();
    if input.ends_with("000_837b87a00f6f00a1.txt") {
        assert_eq!(names, ["Hakar", "Mia"]);
        assert_eq!(turns, [7, 7]);
        assert!(report.contains("\"H\" looks like short for \"Hakar\""), "{report}");
    } else {
        assert_eq!(names, ["Joëlle", "Bram"]);
    }
}

#[test]
fn edit_renames_merges_and_replaces_in_order_and_says_what_changed() {
    let (dir, input) = file_with(
        "in.txt",
        "SPEAKER_00: Welkom bij Studytube.\nSPEAKER_01: Dank je.\nSPEAKER_02: Ja.\nSPEAKER_00: studytube is leuk.\n",
    );
    let out = dir.path().join("out.txt");
    let o = run(&[
        "edit",
        input.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
        "--rename",
        "SPEAKER_00=Hakar",
        "--rename",
        "SPEAKER_01=Mia",
        "--merge",
        "SPEAKER_02=Mia",
        "--replace",
        "(s)tudy(tube)=$1tudy-$2",
        "--regex",
        "--ignore-case",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&out).expect("written"),
        "Hakar: Welkom bij Study-tube.\nMia: Dank je.\nMia: Ja.\nHakar: study-tube is leuk.\n"
    );
    let report = stdout(&o);
    assert!(report.contains("renamed SPEAKER_00 to Hakar"), "{report}");
    assert!(report.contains("merged SPEAKER_02 into Mia (1 turns)"), "{report}");
    assert!(report.contains("replaced 2 matches"), "{report}");
}

#[test]
fn edit_explains_unknown_speakers_and_bad_patterns() {
    let input = repo("assets/sample.txt");
    let o = run(&[
        "edit",
        input.to_str().expect("utf-8"),
        "-o",
        "-",
        "--to",
        "text",
        "--rename",
        "Nobody=X",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no speaker is called \"Nobody\"; the speakers are: Joëlle, Bram, J, B"),
        "{}",
        stderr(&o)
    );
    let o = run(&[
        "edit",
        input.to_str().expect("utf-8"),
        "-o",
        "-",
        "--to",
        "text",
        "--replace",
        "(x=y",
        "--regex",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a valid regular expression"), "{}", stderr(&o));
    let o = run(&[
        "edit",
        input.to_str().expect("utf-8"),
        "-o",
        "-",
        "--to",
        "text",
        "--merge",
        "Bram",
    ]);
    assert!(stderr(&o).contains("--merge takes FROM=INTO"), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn a_read_only_output_is_refused_unless_forced() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, input) = file_with("talk.txt", "Mia: Hallo.\n");
    let output = dir.path().join("final.txt");
    std::fs::write(&output, "Mia: Goedgekeurd.\n").expect("write");
    std::fs::set_permissions(&output, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let args = [
        "convert",
        input.to_str().expect("utf-8"),
        output.to_str().expect("utf-8"),
    ];
    let refused = run(&args);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("is read-only"), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
    assert_eq!(std::fs::read_to_string(&output).expect("read"), "Mia: Goedgekeurd.\n");
    let forced = run(&[&args[..], &["--force"]].concat());
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert_eq!(std::fs::read_to_string(&output).expect("read"), "Mia: Hallo.\n");
}

#[test]
fn a_recognisers_file_is_not_replaced_in_place_unless_forced() {
    let whisper = std::fs::read_to_string(repo("tests/fixtures/whisper.json")).expect("fixture");
    let (_dir, path) = file_with("f.json", &whisper);
    let p = path.to_str().expect("utf-8");
    let refused = run(&["edit", p, "-o", p, "--replace", "podcast=uitzending"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("a recogniser's output"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        whisper,
        "the file is untouched"
    );
    // Whisper writes the whole text before the segments: a long one puts them far into the file.
    let long = whisper.replacen('{', &format!("{{\"text\": \"{}\",", "woord ".repeat(40_000)), 1);
    let (_dir2, long_path) = file_with("long.json", &long);
    let (_dir3, input) = file_with("talk.txt", "Mia: Hallo.\n");
    let refused = run(&[
        "convert",
        input.to_str().expect("utf-8"),
        long_path.to_str().expect("utf-8"),
    ]);
    assert!(
        stderr(&refused).contains("a recogniser's output"),
        "{}",
        stderr(&refused)
    );
    let forced = run(&["edit", p, "-o", p, "--replace", "podcast=uitzending", "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(std::fs::read_to_string(&path).expect("read").contains("\"version\": 1"));
}

#[cfg(unix)]
#[test]
fn converting_to_dev_null_leaves_the_device_alone() {
    use std::os::unix::fs::FileTypeExt;
    let (_dir, input) = file_with("talk.txt", "Mia: Hallo.\n");
    let done = run(&["convert", input.to_str().expect("utf-8"), "/dev/null", "--to", "json"]);
    assert!(done.status.success(), "{}", stderr(&done));
    let meta = std::fs::metadata("/dev/null").expect("meta");
    assert!(meta.file_type().is_char_device());
}

#[test]
fn a_save_into_a_missing_folder_says_so_once_in_words() {
    let (dir, input) = file_with("talk.txt", "Mia: Hallo.\n");
    let output = dir.path().join("nowhere").join("out.json");
    let failed = run(&[
        "convert",
        input.to_str().expect("utf-8"),
        output.to_str().expect("utf-8"),
    ]);
    assert_eq!(failed.status.code(), Some(1));
    let message = stderr(&failed);
    let folder = dir.path().join("nowhere");
    assert!(
        message.contains(&format!("No such folder: {}", folder.display())),
        "{message}"
    );
    assert!(
        !message.contains(".out.json.") && !message.contains("os error"),
        "{message}"
    );
}

#[test]
fn convert_and_edit_say_what_check_says_about_damaged_bytes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("damaged.txt");
    std::fs::write(&input, b"Mia: caf\xc3\xa9 \xff ok\n").expect("write");
    let output = dir.path().join("out.json");
    let i = input.to_str().expect("utf-8");
    let o = output.to_str().expect("utf-8");
    let warning =
        format!("{i}: warning: bytes that are not UTF-8 were replaced by \u{FFFD}; the first is at line 1, column 11");
    let check = run(&["check", i]);
    assert!(stdout(&check).contains(&warning), "{}", stdout(&check));
    for args in [vec!["convert", i, o], vec!["edit", i, "-o", o, "--force"]] {
        let done = run(&args);
        assert!(done.status.success(), "{}", stderr(&done));
        assert!(stderr(&done).contains(&warning), "{args:?}: {}", stderr(&done));
    }
    // Read as UTF-8 with one byte replaced, not as Windows-1252: the accent survives.
    assert!(
        std::fs::read_to_string(&output)
            .expect("read")
            .contains("café \u{FFFD} ok")
    );
}

/// Every file under `tests/` and `assets/` that the editor reads, with its name.
fn every_fixture() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for folder in ["tests/fixtures", "tests/hostile", "assets"] {
        for entry in std::fs::read_dir(repo(folder)).expect("folder").flatten() {
            let path = entry.path();
            let readable = path.extension().is_some_and(|e| {
                formats::REGISTRY
                    .iter()
                    .any(|f| f.extensions().contains(&e.to_str().unwrap_or("")))
            });
            if path.is_file() && readable && !path.to_string_lossy().ends_with(".schema.json") {
                files.push(path);
            }
        }
    }
    // The seed transcript beside the repository, where it is (as in CI).
    let seed = repo("../shared/seeds/000_837b87a00f6f00a1.txt");
    if seed.exists() {
        files.push(seed);
    }
    files.sort();
    files
}

#[test]
fn a_no_op_edit_writes_the_same_bytes_for_every_file_read_without_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut compared = 0;
    for input in every_fixture() {
        let check = run(&["check", input.to_str().expect("utf-8")]);
        if !check.status.success() || stdout(&check).contains("warning:") {
            continue;
        }
        let name = input.file_name().expect("name").to_string_lossy().into_owned();
        let output = dir.path().join(&name);
        let done = run(&[
            "edit",
            input.to_str().expect("utf-8"),
            "-o",
            output.to_str().expect("utf-8"),
        ]);
        assert!(done.status.success(), "{name}: {}", stderr(&done));
        assert_eq!(
            std::fs::read(&output).expect("written"),
            std::fs::read(&input).expect("read"),
            "{name}"
        );
        compared += 1;
    }
    assert!(compared >= 12, "only {compared} files were compared");
}

#[test]
fn the_plain_text_writer_itself_gives_back_text_files_byte_for_byte() {
    // Not only the no-op copy: what the writer makes of a text file read without a warning is that file.
    let mut compared = 0;
    for input in every_fixture()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        let bytes = std::fs::read(&input).expect("read");
        // Chinese and Japanese labels (`【访谈者】`, `田中：`) are written in the writer's own form, `Name: `.
        if String::from_utf8_lossy(&bytes).contains(['【', '：']) {
            continue;
        }
        let Ok(opened) = transcript_editor::store::read_bytes(&bytes, Some(&input), None) else {
            continue;
        };
        if opened.format.name() != "text" || !opened.loaded.warnings.is_empty() {
            continue;
        }
        // Compared as text: a UTF-16 file is written back as UTF-8.
        let (source, _) = formats::decode(&bytes).expect("decodes");
        let written = formats::text::render(&opened.loaded.transcript);
        assert_eq!(written, source, "{}", input.display());
        compared += 1;
    }
    assert!(compared >= 3, "only {compared} text files were compared");
}

#[test]
fn every_name_survives_json_to_text_and_back() {
    let names = [
        "C++",
        "Tom (host)",
        "Re: Mia",
        "👩‍💻 Dev",
        "[Bob]",
        "**Star**",
        "42",
        "A\\B",
        "- Dash",
        "Mia:",
        "Bob (01:23)",
        "",
        "x]",
        "مريم",
        "张伟",
        "Анна",
        "देवी",
    ];
    let long = "N".repeat(200);
    let speakers: Vec<String> = names
        .iter()
        .copied()
        .chain([long.as_str()])
        .enumerate()
        .map(|(i, n)| {
            format!(
                "{{\"id\": \"S{i}\", \"name\": {}}}",
                serde_json::to_string(n).expect("json")
            )
        })
        .collect();
    let turns: Vec<String> = (0..speakers.len())
        .map(|i| format!("{{\"speaker\": \"S{i}\", \"text\": \"Zin {i}.\"}}"))
        .collect();
    let json = format!(
        "{{\"version\": 1, \"speakers\": [{}], \"turns\": [{}]}}",
        speakers.join(","),
        turns.join(",")
    );
    let (dir, input) = file_with("x.json", &json);
    let text = dir.path().join("x.txt");
    let back = dir.path().join("y.json");
    let to_text = run(&["convert", input.to_str().expect("utf-8"), text.to_str().expect("utf-8")]);
    assert!(to_text.status.success(), "{}", stderr(&to_text));
    let to_json = run(&["convert", text.to_str().expect("utf-8"), back.to_str().expect("utf-8")]);
    assert!(to_json.status.success(), "{}", stderr(&to_json));
    let t = transcript_editor::store::open(&back, None)
        .expect("reads")
        .loaded
        .transcript;
    let read: Vec<&str> = t
        .turns
        .iter()
        .map(|x| t.speaker_name(x.speaker.as_ref()).unwrap_or("?"))
        .collect();
    let expected: Vec<&str> = names.iter().copied().chain([long.as_str()]).collect();
    assert_eq!(
        read,
        expected,
        "written as:\n{}",
        std::fs::read_to_string(&text).unwrap_or_default()
    );
}

#[test]
fn speakers_without_turns_are_named_when_converting_to_text() {
    let (dir, input) = file_with(
        "x.json",
        r#"{"version": 1, "speakers": [{"id": "a", "name": "Mia"}, {"id": "b", "name": "Bram"}], "turns": [{"speaker": "a", "text": "Ja."}]}"#,
    );
    let output = dir.path().join("x.txt");
    let done = run(&[
        "convert",
        input.to_str().expect("utf-8"),
        output.to_str().expect("utf-8"),
    ]);
    assert!(done.status.success(), "{}", stderr(&done));
    assert!(
        stderr(&done).contains("Plain text cannot hold speakers without turns (Bram)"),
        "{}",
        stderr(&done)
    );
}

#[test]
fn compare_gives_the_word_error_rate_the_changed_turns_and_the_speaker_changes() {
    let (_a_dir, a) = file_with(
        "reference.txt",
        "Mia: Welkom bij de podcast.\nBram: Dank je wel.\nMia: Zeker.\n",
    );
    let (_b_dir, b) = file_with(
        "recogniser.txt",
        "Mia: welkom bij podcast\nMia: Dank je wel.\nMia: Zeker, zeker.\n",
    );
    let o = run(&[
        "compare",
        a.to_str().expect("utf-8"),
        b.to_str().expect("utf-8"),
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let c: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    // 8 words in A; "de" deleted, a second "zeker" inserted; case and punctuation do not count.
    assert_eq!(c["words"], 8);
    assert_eq!(
        (
            c["deletions"].as_u64(),
            c["insertions"].as_u64(),
            c["substitutions"].as_u64()
        ),
        (Some(1), Some(1), Some(0))
    );
    assert!((c["wer"].as_f64().expect("a number") - 0.25).abs() < 1e-12);
    assert_eq!(c["changed_turns"], serde_json::json!([1, 3]));
    assert_eq!(c["speaker_changes"], 1);
    // The same as text; and with case kept, "welkom" is a substitution too.
    let o = run(&[
        "compare",
        a.to_str().expect("utf-8"),
        b.to_str().expect("utf-8"),
        "--keep-case",
    ]);
    let out = stdout(&o);
    assert!(out.contains("substitutions:   1"), "{out}");
    assert!(out.contains("changed turns:   2 (turns 1, 3 of B)"), "{out}");
    // A reference without words cannot be measured against.
    let (_e_dir, empty) = file_with("empty.json", r#"{"version": 1, "turns": []}"#);
    let o = run(&["compare", empty.to_str().expect("utf-8"), b.to_str().expect("utf-8")]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("has no words to measure"), "{}", stderr(&o));
}

#[test]
fn subtitles_from_start_times_only_need_fill_ends_which_estimates_and_says_so() {
    let (dir, input) = file_with(
        "starts.txt",
        "[00:00:01] Mia: Welkom bij de podcast.\n[00:00:04] Bram: Dank je.\n[00:00:04] Mia: Ja.\n",
    );
    let out = dir.path().join("starts.srt");
    let args = |extra: &[&str]| {
        let mut v = vec![
            "convert".to_string(),
            input.display().to_string(),
            out.display().to_string(),
        ];
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    let refused = run(&args(&[]).iter().map(String::as_str).collect::<Vec<_>>());
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("--fill-ends"), "{}", stderr(&refused));
    let o = run(&args(&["--fill-ends"]).iter().map(String::as_str).collect::<Vec<_>>());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the end times of 3 turns were estimated"),
        "{}",
        stderr(&o)
    );
    let srt = std::fs::read_to_string(&out).expect("written");
    // Up to where the next turn starts; where the next starts at the same time, and for the last, the time
    // the words take (one second at least).
    assert!(srt.contains("00:00:01,000 --> 00:00:04,000"), "{srt}");
    assert!(srt.contains("00:00:04,000 --> 00:00:05,000"), "{srt}");
    assert_eq!(srt.matches("00:00:04,000 --> 00:00:05,000").count(), 2, "{srt}");
}

#[test]
fn convert_clean_writes_a_clean_copy_and_leaves_the_source_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let source = dir.path().join("talk.txt");
    let verbatim = "Mia: Ja, eh, ik denk het.\nBram: Uhm.\nMia: Eh, we beginnen.\n";
    std::fs::write(&source, verbatim).expect("source");
    let out = dir.path().join("clean.txt");
    let o = run(&[
        "convert",
        source.to_str().expect("utf-8"),
        out.to_str().expect("utf-8"),
        "--clean",
        "--lang",
        "nl",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&out).expect("written"),
        "Mia: Ja, ik denk het. We beginnen.\n"
    );
    assert!(
        stderr(&o).contains("removed 3 fillers (eh 2, uhm 1); dropped 1 turn"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&source).expect("source"), verbatim);
    // A list of one's own, and no language to go by.
    let list = dir.path().join("fillers.txt");
    std::fs::write(&list, "ik denk\n").expect("list");
    let o = run(&[
        "convert",
        source.to_str().expect("utf-8"),
        "-",
        "--to",
        "text",
        "--clean",
        "--fillers",
        list.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).starts_with("Mia: Ja, eh, het.\n"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // No language said: the words tell (as spelling guesses), and the note says so.
    let o = run(&[
        "convert",
        source.to_str().expect("utf-8"),
        "-",
        "--to",
        "text",
        "--clean",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the fillers of Dutch (nl), the language guessed from the words"),
        "{}",
        stderr(&o)
    );
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("Mia: Ja, ik denk het."));
    // Words that do not tell: asked for.
    let unclear = dir.path().join("short.txt");
    std::fs::write(&unclear, "Mia: Hm.\nBram: Uhm, ja.\n").expect("source");
    let o = run(&[
        "convert",
        unclear.to_str().expect("utf-8"),
        "-",
        "--to",
        "text",
        "--clean",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("does not say its language and its words do not make it clear: add --lang"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn edit_applies_a_rule_file_and_a_bad_rule_stops_everything() {
    let dir = tempfile::tempdir().expect("tempdir");
    let source = dir.path().join("talk.txt");
    std::fs::write(&source, "Mia: Bij studytube zei hakar: 40 procent.\n").expect("source");
    let rules = dir.path().join("huisstijl.txt");
    std::fs::write(
        &rules,
        "# huisstijl\nstudytube => Studytube\nre:(\\d+) procent => $1%\n",
    )
    .expect("rules");
    let out = dir.path().join("out.txt");
    let o = run(&[
        "edit",
        source.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
        "--rules",
        rules.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&out).expect("written"),
        "Mia: Bij Studytube zei hakar: 40%.\n"
    );
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(
        said.contains("huisstijl.txt:2: \"studytube\" => \"Studytube\": 1 match"),
        "{said}"
    );
    // A bad rule: named by file and line, and nothing is written.
    std::fs::write(&rules, "studytube => Studytube\nre:([0-9] => x\n").expect("rules");
    let fresh = dir.path().join("fresh.txt");
    let o = run(&[
        "edit",
        source.to_str().expect("utf-8"),
        "-o",
        fresh.to_str().expect("utf-8"),
        "--rules",
        rules.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("huisstijl.txt:2:"), "{}", stderr(&o));
    assert!(!fresh.exists(), "nothing written");
}

#[test]
fn a_reader_that_stops_early_is_no_error() {
    // `info FILE | head -c 0`: the pipe is closed before the report is written.
    let (_dir, path) = file_with("talk.txt", "Mia: Welkom.\nHakar: Dank je.\n");
    for command in ["info", "check"] {
        let mut child = bin()
            .arg(command)
            .arg(&path)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("runs");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("ends");
        assert!(!stderr(&out).contains("panicked"), "{command}: {}", stderr(&out));
        assert_ne!(out.status.code(), Some(101), "{command}: {}", stderr(&out));
    }
}

#[test]
fn recognition_services_files_are_read_by_their_content_and_say_what_they_lack() {
    for (file, title, speaker) in [
        ("amazon-transcribe.json", "Amazon Transcribe JSON", "spk_1"),
        ("amazon-call.json", "Amazon Transcribe JSON", "Customer"),
        ("deepgram.json", "Deepgram JSON", "Speaker 1"),
        ("assemblyai.json", "AssemblyAI JSON", "Speaker B"),
        ("revai.json", "Rev.ai JSON", "Noor"),
        ("speechmatics.json", "Speechmatics JSON", "S2"),
        ("google-speech.json", "Google Speech-to-Text JSON", "Speaker 2"),
        ("azure-batch.json", "Azure Speech JSON", "Speaker 2"),
        ("whisper-cpp.json", "whisper.cpp JSON", ""),
    ] {
        let path = repo(&format!("tests/fixtures/{file}"));
        let o = run(&["info", path.to_str().expect("utf-8 path")]);
        assert!(o.status.success(), "{file}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains(&format!("format:   {title}\n")), "{file}: {out}");
        match speaker {
            "" => assert!(out.contains("speakers: 0"), "{file}: {out}"),
            _ => assert!(out.contains(&format!("\n  {speaker} ")), "{file}: {out}"),
        }
    }
    let (_dir, path) = file_with(
        "job.json",
        r#"{"jobName":"x","status":"IN_PROGRESS","results":{"transcripts":[]}}"#,
    );
    let o = run(&["check", path.to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).trim_end(),
        format!(
            "{}:1:1: Amazon Transcribe JSON without results.items, so there is nothing to read",
            path.display()
        )
    );
    // Saved back, a service's file becomes the editor's JSON, never the service's.
    let (_dir, out) = file_with("out.json", "");
    let o = run(&[
        "convert",
        repo("tests/fixtures/deepgram.json").to_str().expect("utf-8"),
        out.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let saved = std::fs::read_to_string(&out).expect("saved");
    assert!(
        saved.contains("\"version\": 1") && saved.contains("\"confidence\": 0.47"),
        "{saved}"
    );
}

#[test]
fn chinese_and_japanese_transcripts_have_their_speakers_and_words_counted_by_character() {
    let o = run(&["info", repo("tests/fixtures/interview-zh.txt").to_str().expect("utf-8")]);
    let out = stdout(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    // The header lines (the audio file, the processing time) are no speakers.
    assert!(out.contains("speakers: 2\n"), "{out}");
    assert!(out.contains("  访谈者       2 turns        17 words\n"), "{out}");
    assert!(out.contains("  受访者       2 turns        18 words\n"), "{out}");
    assert!(out.contains("  (1 turn without a speaker)\n"), "{out}");
    let o = run(&["info", repo("tests/fixtures/taidan-ja.txt").to_str().expect("utf-8")]);
    let out = stdout(&o);
    // In a terminal both take two columns a character: the counts stand one under the other.
    assert!(out.contains("  田中       2 turns        29 words\n"), "{out}");
    assert!(out.contains("  Ａ         2 turns        23 words\n"), "{out}");
}

/// A Windows user's files end their lines with CRLF: edited or converted, what is written ends its lines as
/// theirs did; a file with LF keeps LF, and JSON is written as always.
#[test]
fn crlf_files_are_written_back_with_crlf_and_lf_files_with_lf() {
    let dir = tempfile::tempdir().expect("tempdir");
    let srt = "1\r\n00:00:01,000 --> 00:00:02,500\r\nSPEAKER_00: Goedemorgen.\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nSPEAKER_01: Ja.\r\n";
    let crlf = dir.path().join("windows.srt");
    std::fs::write(&crlf, srt).expect("write");
    let lf = dir.path().join("unix.srt");
    std::fs::write(&lf, srt.replace("\r\n", "\n")).expect("write");

    for (input, expect_crlf) in [(&crlf, true), (&lf, false)] {
        for out_name in ["edited.srt", "edited.vtt", "edited.txt", "edited.md"] {
            let out = dir.path().join(out_name);
            let o = bin()
                .args(["edit", "--rename", "SPEAKER_00=Mia"])
                .arg(input)
                .arg("-o")
                .arg(&out)
                .output()
                .expect("runs");
            assert!(o.status.success(), "{}", stderr(&o));
            let written = std::fs::read_to_string(&out).expect("written");
            assert!(written.contains("Mia"), "{out_name}: {written}");
            let line_feeds = written.matches('\n').count();
            let crlfs = written.matches("\r\n").count();
            assert!(line_feeds >= 2, "{out_name}: {written:?}");
            if expect_crlf {
                assert_eq!(
                    crlfs,
                    line_feeds,
                    "{out_name} from {}: every line ends with CRLF: {written:?}",
                    input.display()
                );
            } else {
                assert_eq!(crlfs, 0, "{out_name} from {}: LF only: {written:?}", input.display());
            }
        }
    }
    // JSON is the editor's own format, written the same everywhere.
    let json = dir.path().join("edited.json");
    let o = bin().arg("convert").arg(&crlf).arg(&json).output().expect("runs");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!std::fs::read_to_string(&json).expect("written").contains('\r'));
    // And a CRLF file unchanged by edit is written byte for byte.
    let same = dir.path().join("same.srt");
    let o = bin()
        .args(["edit", "--replace", "Kwartel=Patrijs"])
        .arg(&crlf)
        .arg("-o")
        .arg(&same)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&same).expect("written"), srt.as_bytes());
}

/// An ELAN file says when it was written; SOURCE_DATE_EPOCH fixes that time, so a script writes the same
/// bytes every run.
#[test]
fn source_date_epoch_fixes_the_date_an_elan_file_carries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut written = Vec::new();
    for name in ["a.eaf", "b.eaf"] {
        let out = dir.path().join(name);
        let o = bin()
            .env("SOURCE_DATE_EPOCH", "1764806400")
            .arg("convert")
            .arg(repo("assets/sample.txt"))
            .arg(&out)
            .output()
            .expect("runs");
        assert!(o.status.success(), "{}", stderr(&o));
        written.push(std::fs::read_to_string(&out).expect("written"));
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    assert!(
        written[0].contains("DATE=\"2025-12-04T00:00:00Z\""),
        "{}",
        &written[0][..300]
    );
    assert_eq!(written[0], written[1]);
}
