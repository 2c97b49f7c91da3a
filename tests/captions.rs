//! Captions a viewer can read (`convert --captions`), the subtitle check (`check --captions`) and the timing
//! tools (`edit --shift/--fps/--sync`), as a script uses them; and a property test that captions keep every
//! rule they can and every word.

use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use transcript_editor::captions::{self, Names, Options, Rules};
use transcript_editor::formats::{self, Format};
use transcript_editor::model::{Transcript, Word};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_transcript-editor"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn read(path: &Path) -> Transcript {
    transcript_editor::store::open(path, None)
        .expect("reads")
        .loaded
        .transcript
}

/// The words of a transcript's turns, as a viewer would read them.
fn words(t: &Transcript) -> Vec<String> {
    t.turns
        .iter()
        .flat_map(|x| x.text.split_whitespace().map(str::to_string))
        .collect()
}

#[test]
fn the_samples_captions_keep_every_rule_and_every_word_in_every_subtitle_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = repo("assets/sample.txt");
    let spoken = words(&read(&sample));
    for ext in ["srt", "vtt", "ttml", "ass", "sbv"] {
        let out = dir.path().join(format!("sample.{ext}"));
        let o = run(&["convert", path_str(&sample), path_str(&out), "--captions"]);
        assert!(o.status.success(), "{ext}: {}", text(&o.stderr));
        let back = read(&out);
        assert_eq!(words(&back), spoken, "{ext}: every word once, in order");
        let cues = captions::check::cues_of(&back);
        assert!(cues.len() > 30, "{ext}: a 12-turn sample is {} cues", cues.len());
        assert_eq!(captions::check(&cues, &Rules::default()), vec![], "{ext}");
        let o = run(&["check", "--captions", path_str(&out)]);
        assert!(o.status.success(), "{ext}: {}", text(&o.stdout));
        assert!(
            text(&o.stdout).ends_with(&format!("ok: {} cues within the rules\n", cues.len())),
            "{}",
            text(&o.stdout)
        );
    }
}

#[test]
fn whole_turns_as_cues_fail_the_check_with_each_cue_rule_and_amount() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("turns.srt");
    let o = run(&["convert", path_str(&repo("assets/sample.txt")), path_str(&out)]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = run(&["check", "--captions", path_str(&out)]);
    assert_eq!(o.status.code(), Some(1), "a broken rule is exit 1");
    let report = text(&o.stdout);
    let name = path_str(&out);
    assert!(
        report.starts_with(&format!(
            "{name}: cue 1 (00:00:00.000 --> 00:00:13.526): too long on screen: 13.526 s (limit 7 s, 6.526 s over)\n"
        )),
        "{report}"
    );
    // The speaker's label is read as the speaker, not counted in the line.
    assert!(
        report.contains("cue 1 (00:00:00.000 --> 00:00:13.526): line 1 too long: 218 characters (limit 42, 176 over)"),
        "{report}"
    );
    assert!(
        report.ends_with(": 11 of 12 cues break a rule (17 findings)\n"),
        "{report}"
    );
    // The limits are options: with room enough, the same file passes.
    let o = run(&[
        "check",
        "--captions",
        "--max-chars",
        "400",
        "--max-duration",
        "30",
        path_str(&out),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        text(&o.stdout).ends_with(": ok: 12 cues within the rules\n"),
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn the_limits_names_and_dialogue_are_options() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = repo("assets/sample.txt");
    let out = dir.path().join("one-line.srt");
    let o = run(&[
        "convert",
        path_str(&sample),
        path_str(&out),
        "--captions",
        "--max-chars",
        "32",
        "--max-lines",
        "1",
        "--max-duration",
        "4",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let cues = captions::check::cues_of(&read(&out));
    assert!(
        cues.iter()
            .all(|c| c.lines.len() == 1 && c.lines[0].chars().count() <= 32)
    );
    assert!(cues.iter().all(|c| c.end - c.start <= 4.0 + 1e-9));
    // Names on each turn's first cue.
    let named = dir.path().join("named.srt");
    let o = run(&[
        "convert",
        path_str(&sample),
        path_str(&named),
        "--captions",
        "--names",
        "first",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let srt = std::fs::read_to_string(&named).expect("written");
    assert!(srt.starts_with("1\n00:00:00,000 --> "), "{srt}");
    assert!(
        srt.lines()
            .nth(2)
            .is_some_and(|l| l.starts_with("Joëlle: Welcome back")),
        "{srt}"
    );
    // Voices in WebVTT; SubRip has none.
    let voices = dir.path().join("voices.vtt");
    let o = run(&[
        "convert",
        path_str(&sample),
        path_str(&voices),
        "--captions",
        "--names",
        "voice",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let vtt = std::fs::read_to_string(&voices).expect("written");
    assert_eq!(
        vtt.matches("<v Joëlle>").count()
            + vtt.matches("<v J>").count()
            + vtt.matches("<v B>").count()
            + vtt.matches("<v Bram>").count(),
        vtt.matches("-->").count()
    );
    let o = run(&[
        "convert",
        path_str(&sample),
        path_str(&named),
        "--captions",
        "--names",
        "voice",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("cannot hold voice spans"),
        "{}",
        text(&o.stderr)
    );
    // Two short turns as dialogue.
    let talk = dir.path().join("talk.txt");
    std::fs::write(
        &talk,
        "[00:00:01.000 - 00:00:01.600] Hakar: Ja.\n[00:00:01.700 - 00:00:04.000] Mia: In de praktijk werkt dat anders.\n",
    )
    .expect("write");
    let dialogue = dir.path().join("dialogue.srt");
    let o = run(&[
        "convert",
        path_str(&talk),
        path_str(&dialogue),
        "--captions",
        "--dialogue",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(
        std::fs::read_to_string(&dialogue).expect("written"),
        "1\n00:00:01,000 --> 00:00:04,000\n- Ja.\n- In de praktijk werkt dat anders.\n\n"
    );
}

#[test]
fn cue_times_come_from_the_recognisers_word_times() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = repo("tests/fixtures/whisperx.json");
    let out = dir.path().join("words.vtt");
    let o = run(&["convert", path_str(&input), path_str(&out), "--captions"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let source = read(&input);
    let starts: Vec<f64> = source
        .turns
        .iter()
        .flat_map(|t| t.words.iter().filter_map(|w| w.start).chain(t.start))
        .collect();
    let cues = captions::check::cues_of(&read(&out));
    for c in &cues {
        assert!(
            starts.iter().any(|s| (s - c.start).abs() < 0.0015),
            "cue at {} starts on no word or turn: {cues:#?}",
            c.start
        );
    }
}

#[test]
fn untimed_turns_and_wrong_formats_are_explained() {
    let dir = tempfile::tempdir().expect("tempdir");
    let talk = dir.path().join("talk.txt");
    std::fs::write(&talk, "[00:00:01] Mia: Goedemorgen.\n[00:00:03] Bram: Morgen.\n").expect("write");
    let out = dir.path().join("out.srt");
    let o = run(&["convert", path_str(&talk), path_str(&out), "--captions"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        text(&o.stderr),
        "error: turn 1 (\"Goedemorgen.\") has no end time, and captions need each turn's times (or its words' times); add --fill-ends to estimate the missing ends\n"
    );
    assert!(!out.exists(), "nothing written");
    let o = run(&["convert", path_str(&talk), path_str(&out), "--captions", "--fill-ends"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("the end times of 2 turns were estimated"));
    let o = run(&[
        "convert",
        path_str(&talk),
        path_str(&dir.path().join("out.txt")),
        "--captions",
    ]);
    assert!(text(&o.stderr).contains("captions are subtitles: write them as .srt, .vtt, .ttml, .ass or .sbv"));
    let o = run(&["convert", path_str(&talk), path_str(&out), "--max-chars", "30"]);
    assert!(text(&o.stderr).contains("are for --captions"), "{}", text(&o.stderr));
    let o = run(&[
        "convert",
        path_str(&talk),
        path_str(&out),
        "--captions",
        "--min-duration",
        "9",
    ]);
    assert!(
        text(&o.stderr).contains("shortest time on screen"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn edit_shifts_rescales_and_synchronises_every_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let talk = dir.path().join("talk.txt");
    std::fs::write(
        &talk,
        "[00:00:01.000 - 00:00:02.000] Mia: Een.\n[00:00:03.000 - 00:00:04.500] Bram: Twee.\n[00:00:11.000 - 00:00:12.000] Mia: Drie.\n",
    )
    .expect("write");
    let out = dir.path().join("out.txt");
    let edit = |args: &[&str]| {
        let mut all = vec!["edit", path_str(&talk), "-o", path_str(&out)];
        all.extend_from_slice(args);
        run(&all)
    };
    let o = edit(&["--shift=-0.5", "--from-turn", "2"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "shifted the times of 2 turns by -0.500 s\n");
    assert_eq!(
        std::fs::read_to_string(&out).expect("written"),
        "[00:00:01.000 - 00:00:02.000] Mia: Een.\n[00:00:02.500 - 00:00:04.000] Bram: Twee.\n[00:00:10.500 - 00:00:11.500] Mia: Drie.\n"
    );
    let o = edit(&["--fps", "25:20"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        std::fs::read_to_string(&out)
            .expect("written")
            .ends_with("[00:00:13.750 - 00:00:15.000] Mia: Drie.\n")
    );
    let o = edit(&["--sync", "1=0:02", "--sync", "3=0:22"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(
        std::fs::read_to_string(&out).expect("written"),
        "[00:00:02.000 - 00:00:04.000] Mia: Een.\n[00:00:06.000 - 00:00:09.000] Bram: Twee.\n[00:00:22.000 - 00:00:24.000] Mia: Drie.\n"
    );
    let o = edit(&["--shift=-2"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        text(&o.stderr),
        "error: --shift: turn 1's start (1.000 s) would be at -1.000 s, before the recording starts\n"
    );
    let o = edit(&["--sync", "1=0:02"]);
    assert!(
        text(&o.stderr).contains("--sync takes two turns"),
        "{}",
        text(&o.stderr)
    );
    let o = edit(&["--fps", "25"]);
    assert!(text(&o.stderr).contains("--fps takes FROM:TO"), "{}", text(&o.stderr));
}

/// A transcript of generated turns: words with times where `timed`, speakers, gaps and overlaps.
fn generated() -> impl Strategy<Value = Transcript> {
    let word = prop_oneof![
        "[a-z]{1,9}",
        "[A-Z][a-z]{1,8}",
        "[a-z]{2,8}[.,?!]",
        "[a-z]{20,50}",
        Just("de".to_string()),
        Just("and".to_string()),
        Just("的".to_string()),
    ];
    let turn = (
        prop::collection::vec(word, 1..60),
        0usize..3,
        0.0f64..3.0,
        0.05f64..0.6,
        any::<bool>(),
    );
    prop::collection::vec(turn, 1..12).prop_map(|turns| {
        let mut t = Transcript::new();
        let ids: Vec<_> = ["Mia", "Bram", "Hakar"].iter().map(|n| t.intern_speaker(n)).collect();
        let mut at = 0.0;
        for (words, speaker, gap, per_word, timed) in turns {
            // A negative gap now and then: people talk over each other.
            at = (at + gap - 0.8f64).max(0.0);
            let start = at;
            let mut list = Vec::new();
            for w in &words {
                list.push(Word::heard(w, Some(at), Some(at + per_word * 0.8), None));
                at += per_word;
            }
            let turn = t.push_turn(Some(ids[speaker].clone()), words.join(" "));
            (turn.start, turn.end) = (Some(start), Some(at));
            if timed {
                turn.words = list.into();
            }
        }
        t
    })
}

fn rules() -> impl Strategy<Value = Rules> {
    (
        16usize..60,
        1usize..4,
        2.0f64..9.0,
        0.3f64..1.5,
        10.0f64..30.0,
        0.0f64..0.2,
    )
        .prop_map(
            |(max_chars, max_lines, max_duration, min_duration, max_cps, min_gap)| Rules {
                max_chars,
                max_lines,
                max_duration,
                min_duration: min_duration.min(max_duration),
                max_cps,
                min_gap,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn captions_keep_every_word_and_every_rule_that_the_words_allow(
        t in generated(),
        rules in rules(),
        names in prop_oneof![Just(Names::None), Just(Names::FirstCue), Just(Names::Voice)],
        dialogue in any::<bool>(),
    ) {
        let options = Options { rules, names, dialogue, language: Some("en".to_string()) };
        let cues = captions::make(&t, &options, &|_| {}).expect("every turn is timed");
        // Every word once, in order.
        let shown = captions::words_shown(&cues, &t, &options);
        let spoken: Vec<&str> = t.turns.iter().flat_map(|x| x.text.split_whitespace()).collect();
        prop_assert_eq!(shown, spoken);
        let mut previous_end = 0.0f64;
        for c in &cues {
            // In order, never overlapping, never ending before they start.
            prop_assert!(c.start >= previous_end - 1e-9, "{:?} starts before {}", c, previous_end);
            prop_assert!(c.end >= c.start, "{:?}", c);
            previous_end = c.end;
            // Lines within the limit, but for a word longer than a line, which stands alone.
            for line in &c.lines {
                // A name before a word too long to follow it on the line stays with it.
                let line = ["Mia: ", "Bram: ", "Hakar: "].iter().fold(line.as_str(), |l, p| l.strip_prefix(p).unwrap_or(l));
                let long_word = !line.contains(' ') || line.split(' ').any(|w| w.chars().count() > rules.max_chars);
                prop_assert!(line.chars().count() <= rules.max_chars || long_word, "{:?}", c);
            }
            let long_words = c.lines.iter().any(|l| l.chars().count() > rules.max_chars);
            prop_assert!(c.lines.len() <= rules.max_lines || long_words, "{:?} has too many lines", c);
        }
        for pair in cues.windows(2) {
            let gap = pair[1].start - pair[0].end;
            prop_assert!(gap.abs() < 1e-9 || gap >= rules.min_gap - 1e-9, "{:?}", pair);
        }
        // Written as SubRip and read back: the same words.
        let out = captions::into_transcript(&cues, &t);
        let bytes = formats::srt::Srt.write(&out).expect("subtitles");
        let back = formats::srt::parse(&String::from_utf8(bytes).expect("utf-8")).expect("reads");
        // Names written before a cue are read back as its speaker, dialogue dashes as turns: the words are
        // what is compared.
        let named = |w: &&str| !["Mia:", "Bram:", "Hakar:", "-"].contains(w);
        let back_words: Vec<&str> = back.turns.iter().flat_map(|x| x.text.split_whitespace()).filter(named).collect();
        let written: Vec<&str> = out.turns.iter().flat_map(|x| x.text.split_whitespace()).filter(named).collect();
        prop_assert_eq!(back_words, written);
    }
}
