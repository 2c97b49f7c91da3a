//! Caption files as people download them (YouTube's automatic captions, an older Teams export, live CART
//! captions, a parliament's broadcast captions, Aegisub's ASS, YouTube Studio's SBV, Apple's TTML), read
//! by the real `check` and `convert` commands: each reads as what was said, with the right exit and
//! message, and every spoken word once.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_transcript-editor"))
        .args(args)
        .output()
        .expect("runs")
}

/// What `check` prints about a fixture, and its exit code.
fn check(name: &str) -> (Option<i32>, String) {
    let path = fixture(name);
    let out = run(&["check", path.to_str().expect("utf-8")]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), said)
}

/// The turns of a fixture as the editor's JSON holds them: (speaker, text).
fn turns(name: &str) -> Vec<(Option<String>, String)> {
    let dir = tempfile::tempdir().expect("tempdir");
    let json = dir.path().join("out.json");
    let done = run(&[
        "convert",
        fixture(name).to_str().expect("utf-8"),
        json.to_str().expect("utf-8"),
    ]);
    assert!(
        done.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&done.stderr)
    );
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).expect("written")).expect("json");
    let names: std::collections::HashMap<String, String> = doc["speakers"]
        .as_array()
        .expect("speakers")
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap_or("").to_string(),
                s["name"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    doc["turns"]
        .as_array()
        .expect("turns")
        .iter()
        .map(|t| {
            let speaker = t["speaker"].as_str().and_then(|id| names.get(id)).cloned();
            (speaker, t["text"].as_str().unwrap_or("").to_string())
        })
        .collect()
}

fn words(turns: &[(Option<String>, String)]) -> usize {
    turns.iter().map(|(_, text)| text.split_whitespace().count()).sum()
}

#[test]
fn youtube_automatic_captions_say_each_word_once() {
    for name in ["youtube-auto.vtt", "youtube-old.vtt"] {
        let (code, said) = check(name);
        assert_eq!(code, Some(0), "{name}: {said}");
        let read = turns(name);
        let all: Vec<&str> = read.iter().flat_map(|(_, t)| t.split_whitespace()).collect();
        // A rolling display shows each line twice; no word is read twice in a row.
        assert!(all.windows(2).all(|w| w[0] != w[1]), "{name}: {all:?}");
        assert!(all.len() >= 10, "{name}: {all:?}");
    }
}

#[test]
fn an_older_teams_export_reads_with_one_warning() {
    let (code, said) = check("teams-old.vtt");
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("ok: 3 turns, 2 speakers"), "{said}");
    assert_eq!(said.matches("warning:").count(), 1, "{said}");
    assert!(
        said.contains("not as WebVTT's 00:00:01.500 (older Microsoft Teams exports are)"),
        "{said}"
    );
    let read = turns("teams-old.vtt");
    assert_eq!(read[0].0.as_deref(), Some("Mia Bijman"));
    assert_eq!(
        read[0].1,
        "Goedemorgen allemaal, fijn dat jullie er zijn. We beginnen met de planning."
    );
}

#[test]
fn live_captions_change_speaker_at_their_marks_and_keep_the_speaker_between() {
    let read = turns("cart-live.srt");
    let who: Vec<Option<&str>> = read.iter().map(|(s, _)| s.as_deref()).collect();
    assert_eq!(
        who,
        [Some("MIRA ODUYA"), Some("MIRA ODUYA"), None, Some("MIRA ODUYA"), None],
        "{read:?}"
    );
    assert_eq!(read[1].1, "IT WAS A VERY SMALL TEAM THEN.");
    assert_eq!(read[4].1, "REALLY?");
    assert!(read.iter().all(|(_, t)| !t.contains(">>")), "{read:?}");
}

#[test]
fn broadcasters_labels_and_dialogue_dashes() {
    let read = turns("parliament.vtt");
    assert_eq!(
        read,
        [
            (
                Some("The Presiding Officer (Ken Dunmore)".into()),
                "Question 1 is from Jackson Carlin.".into()
            ),
            (
                Some("Jackson Carlin (Eastwood) (Con)".into()),
                "To ask the First Minister what engagements she has planned.".into()
            ),
            (
                Some("The First Minister (Nicola Stewart)".into()),
                "Engagements to take forward the Government's programme.".into()
            ),
            (None, "Hear, hear.".into()),
            (None, "Order, please.".into()),
        ]
    );
}

#[test]
fn aegisub_ass_and_youtube_studio_sbv_read_as_their_speakers_said() {
    let (code, said) = check("aegisub.ass");
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("ok: 3 turns, 2 speakers"), "{said}");
    let read = turns("aegisub.ass");
    assert_eq!(
        words(&read),
        16,
        "the glow layer's copy and the sign's drawing are not words: {read:?}"
    );
    assert!(read.iter().all(|(_, t)| !t.contains(['{', '\\'])), "{read:?}");
    let (code, said) = check("studio.sbv");
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("ok: 3 turns, 2 speakers"), "{said}");
}

#[test]
fn apples_ttml_reads_with_a_warning_and_word_times() {
    let (code, said) = check("apple-lyrics.ttml");
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("warning:") && said.contains("not strict TTML"), "{said}");
}
