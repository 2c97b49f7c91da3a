//! Property tests: what the editor writes reads back to the same transcript, for generated transcripts.

use proptest::prelude::*;
use transcript_editor::formats::{self, Format};
use transcript_editor::model::{SpeakerId, Transcript};

/// A time in whole milliseconds, as the text format writes them.
fn millis() -> impl Strategy<Value = f64> {
    (0u64..40_000_000).prop_map(|ms| ms as f64 / 1000.0)
}

/// Names as they appear in transcripts: capitalised names, initials, numbered speakers and lower-case roles
/// (which the text writer must bracket to be read back).
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-zéëöüß]{1,8}( [A-Z][a-z]{1,7})?",
        "[A-Z]",
        "SPEAKER_[0-9]{2}",
        "Dr\\. [A-Z][a-z]{2,6} [A-Z][a-z]{1,4}",
        "[a-z]{2,8} [a-z]{2,9}",
    ]
}

/// Text lines: words with punctuation, colons, non-ASCII letters, lines that look like labels, backslashes.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Za-zéèëïöüÅ]([A-Za-zéèëïöüÅ ,.?!]{0,40}[a-z.?!])?",
        1 => "[A-Z][a-z]{1,6}: [a-z ]{1,20}[a-z]",
        1 => "\\\\[a-z]{1,10}",
        1 => "at [0-9]{2}:[0-9]{2}: ok",
        1 => "\\[00:0[0-9]:[0-5][0-9]\\] [A-Z][a-z]{2}: [a-z]{1,5}",
    ]
}

/// A turn's text: one or more lines, with blank lines only between them.
fn text() -> impl Strategy<Value = String> {
    (line(), prop::collection::vec((any::<bool>(), line()), 0..3)).prop_map(|(first, more)| {
        let mut s = first;
        for (blank, l) in more {
            s.push_str(if blank { "\n\n" } else { "\n" });
            s.push_str(&l);
        }
        s
    })
}

#[derive(Debug, Clone)]
struct TurnSpec {
    speaker: usize,
    text: String,
    times: Option<(f64, Option<f64>)>,
}

fn turn() -> impl Strategy<Value = TurnSpec> {
    (
        0usize..8,
        text(),
        prop::option::of((millis(), prop::option::of(0u64..60_000))),
    )
        .prop_map(|(speaker, text, times)| TurnSpec {
            speaker,
            text,
            times: times.map(|(start, len)| {
                (
                    start,
                    len.map(|l| ((start * 1000.0).round() as u64 + l) as f64 / 1000.0),
                )
            }),
        })
}

/// A transcript that plain text can hold: speakers in order of first appearance, each with a turn, and text
/// without a label only at the very start.
fn text_transcript() -> impl Strategy<Value = Transcript> {
    (
        prop::collection::btree_set(name(), 1..8),
        prop::option::of(text()),
        prop::collection::vec(turn(), 0..25),
        any::<(bool, bool, bool)>(),
    )
        .prop_map(|(names, preamble, turns, (blank, crlf, final_newline))| {
            let names: Vec<String> = names.into_iter().collect();
            let mut t = Transcript::new();
            t.layout.blank_line_between_turns = blank;
            t.layout.crlf = crlf;
            t.layout.final_newline = final_newline;
            if let Some(p) = preamble {
                t.push_turn(None, p);
            }
            for spec in turns {
                let id: SpeakerId = t.intern_speaker(&names[spec.speaker % names.len()]);
                let turn = t.push_turn(Some(id), spec.text);
                if let Some((start, end)) = spec.times {
                    turn.start = Some(start);
                    turn.end = end;
                }
            }
            t
        })
}

/// Any transcript the model can hold, including metadata and fields from newer versions.
fn json_transcript() -> impl Strategy<Value = Transcript> {
    (
        text_transcript(),
        prop::option::of("[\\PC]{0,20}"),
        prop::option::of("[a-z]{2}(-[A-Z]{2})?"),
        prop::collection::vec(("[a-z_]{1,8}", any::<i32>()), 0..3),
        "[\\PC\n\t\"\\\\]{0,30}",
        any::<f64>().prop_filter("JSON numbers are finite", |v| v.is_finite()),
    )
        .prop_map(|(mut t, title, language, extra, odd_text, number)| {
            t.meta.title = title;
            t.meta.language = language;
            for (k, v) in extra {
                // Unknown fields must not shadow the format's own.
                t.meta.extra.insert(format!("x_{k}"), v.into());
            }
            let speaker = t.intern_speaker("Unused Speaker");
            t.speakers
                .last_mut()
                .map(|s| s.extra.insert("colour".into(), "#123456".into()));
            let turn = t.push_turn(Some(speaker), odd_text);
            turn.extra
                .get_or_insert_default()
                .insert("confidence".into(), serde_json::json!(number));
            t
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn plain_text_reads_back_to_the_same_transcript(t in text_transcript()) {
        let text = formats::text::PlainText;
        prop_assert!(text.losses(&t).is_empty(), "{:?}", text.losses(&t));
        let bytes = text.write(&t).expect("writes");
        let back = text.read(&bytes).expect("reads").transcript;
        prop_assert_eq!(back, t, "written as:\n{}", String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn json_round_trip_is_exact(t in json_transcript()) {
        let json = formats::json::Json;
        let bytes = json.write(&t).expect("writes");
        let back = json.read(&bytes).expect("reads").transcript;
        prop_assert_eq!(&back, &t);
        prop_assert_eq!(json.write(&back).expect("writes again"), bytes);
    }
}
