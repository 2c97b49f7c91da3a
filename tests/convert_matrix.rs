//! `convert` between every pair of formats that can hold the content: what comes out reads back to the
//! same speakers and words (and times, where both formats hold them); where the target cannot hold the
//! content (subtitles need times), the command says so and writes nothing.

use std::path::{Path, PathBuf};
use std::process::Command;
use transcript_editor::formats;
use transcript_editor::model::Transcript;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn read(path: &Path) -> Transcript {
    transcript_editor::store::open(path, None)
        .expect("reads")
        .loaded
        .transcript
}

/// Speaker and words of each turn, blank lines folded: what every format keeps.
fn content(t: &Transcript) -> Vec<(String, String)> {
    t.turns
        .iter()
        .map(|x| {
            let words = x.text.split_whitespace().collect::<Vec<_>>().join(" ");
            (t.speaker_name(x.speaker.as_ref()).unwrap_or("").to_string(), words)
        })
        .collect()
}

fn times(t: &Transcript) -> Vec<(Option<f64>, Option<f64>)> {
    t.turns.iter().map(|x| (x.start, x.end)).collect()
}

/// Whether `format` declares that it keeps times only to the hundredth of a second.
fn coarse(format: &dyn formats::Format, t: &Transcript) -> bool {
    format
        .losses(t)
        .iter()
        .any(|l| l == "times finer than a hundredth of a second")
}

/// Each turn's times in whole hundredths of a second.
fn hundredths(t: &Transcript) -> Vec<(Option<i64>, Option<i64>)> {
    let cs = |x: Option<f64>| x.map(|s| (s * 100.0).round() as i64);
    t.turns.iter().map(|x| (cs(x.start), cs(x.end))).collect()
}

/// `t` with each speaker's name as CHAT writes it: spaces and commas as underscores.
fn names_as_fields(t: &Transcript) -> Transcript {
    let mut t = t.clone();
    for s in &mut t.speakers {
        s.name = s
            .name
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("_");
    }
    t
}

/// Turns compared as runs of one speaker: the speaker, the words, the first start and the last end.
fn runs(t: &Transcript) -> Vec<(String, String, Option<f64>, Option<f64>)> {
    let mut out: Vec<(String, String, Option<f64>, Option<f64>)> = Vec::new();
    for ((speaker, words), (start, end)) in content(t).into_iter().zip(times(t)) {
        match out.last_mut() {
            Some(last) if !speaker.is_empty() && last.0 == speaker => {
                last.1 = format!("{} {words}", last.1);
                last.3 = end;
            }
            _ => out.push((speaker, words, start, end)),
        }
    }
    out
}

#[test]
fn every_input_to_every_writable_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Every fixture and the sample, to every format the registry says the editor writes.
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(fixture(""))
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    inputs.sort();
    inputs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample.txt"));
    let out_exts: Vec<&str> = formats::writable()
        .filter_map(|f| f.extensions().first().copied())
        .collect();
    assert!(out_exts.len() >= 5, "{out_exts:?}");
    let mut checked = 0;
    for input in inputs {
        let original = &read(&input);
        let fully_timed = original.turns.iter().all(|t| t.start.is_some() && t.end.is_some());
        for &out_ext in &out_exts {
            let stem = input.file_stem().and_then(|s| s.to_str()).unwrap_or("x");
            let output = dir.path().join(format!(
                "{stem}-{}.{out_ext}",
                input.extension().and_then(|e| e.to_str()).unwrap_or("")
            ));
            let result = Command::new(env!("CARGO_BIN_EXE_transcript-editor"))
                .arg("convert")
                .arg(&input)
                .arg(&output)
                .output()
                .expect("runs");
            let stderr = String::from_utf8_lossy(&result.stderr);
            if !result.status.success() {
                // Only formats of timed annotations (subtitles, ELAN, TextGrid, TTML) refuse, and only for
                // turns without times.
                assert!(!fully_timed, "{} -> {out_ext}: {stderr}", input.display());
                assert_eq!(result.status.code(), Some(1), "{} -> {out_ext}", input.display());
                assert!(
                    stderr.contains("need both"),
                    "{} -> {out_ext}: {stderr}",
                    input.display()
                );
                assert!(!output.exists(), "nothing written");
                continue;
            }
            assert!(result.status.success(), "{} -> {out_ext}: {stderr}", input.display());
            let target = formats::by_extension(&output).expect("a writable format");
            if target
                .losses(original)
                .iter()
                .any(|l| l.starts_with("turns without a speaker"))
            {
                // Declared, not silent: plain text joins such a turn to the one before, and says so.
                assert!(
                    stderr.contains("cannot hold turns without a speaker"),
                    "{} -> {out_ext}: {stderr}",
                    input.display()
                );
                continue;
            }
            let back = read(&output);
            // CHAT writes a name's spaces as underscores, and says so.
            let as_fields;
            let original = if target
                .losses(original)
                .iter()
                .any(|l| l.starts_with("spaces and commas in speaker names"))
            {
                assert!(
                    stderr.contains("cannot hold spaces and commas in speaker names"),
                    "{stderr}"
                );
                as_fields = names_as_fields(original);
                &as_fields
            } else {
                original
            };
            // WebVTT, ASS and SBV read a speaker's consecutive cues as one turn; a turn read from several
            // cues is written back to subtitles as those cues.
            let anchored = original.turns.iter().any(|x| x.words.iter().skip(1).any(|w| w.cue));
            if anchored || matches!(out_ext, "vtt" | "ass" | "sbv") {
                let (mut back_runs, mut original_runs) = (runs(&back), runs(original));
                if coarse(target, original) {
                    assert!(stderr.contains("times finer than a hundredth of a second"), "{stderr}");
                    for run in back_runs.iter_mut().chain(original_runs.iter_mut()) {
                        run.2 = run.2.map(|s| (s * 100.0).round() / 100.0);
                        run.3 = run.3.map(|s| (s * 100.0).round() / 100.0);
                    }
                }
                assert_eq!(back_runs, original_runs, "{} -> {out_ext}", input.display());
                checked += 1;
                continue;
            }
            assert_eq!(content(&back), content(original), "{} -> {out_ext}", input.display());
            // Markdown and text hold times only beside a speaker's name, CHAT only a start with its end, and
            // they say so.
            let times_declared_lost = target.losses(original).into_iter().find(|l| {
                l.starts_with("the times of turns without a speaker")
                    || l.starts_with("the times of turns with a start and no end")
            });
            if let Some(lost) = times_declared_lost {
                assert!(stderr.contains(&format!("cannot hold {lost}")), "{stderr}");
            } else if coarse(target, original) {
                // ASS counts in hundredths of a second, and says so.
                assert!(stderr.contains("times finer than a hundredth of a second"), "{stderr}");
                assert_eq!(
                    hundredths(&back),
                    hundredths(original),
                    "{} -> {out_ext}",
                    input.display()
                );
            } else if formats::by_extension(&output).is_some_and(|f| f.name() != "text" || fully_timed) {
                assert_eq!(times(&back), times(original), "{} -> {out_ext}", input.display());
            }
            checked += 1;
        }
    }
    assert!(checked >= 25, "only {checked} conversions were compared in full");
}
