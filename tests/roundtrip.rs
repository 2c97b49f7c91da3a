//! Property tests: what the editor writes reads back to the same transcript, for generated transcripts.

use proptest::prelude::*;
use transcript_editor::formats::{self, Format};
use transcript_editor::model::{LabelStyle, SpeakerId, Transcript};

/// A time in whole milliseconds, as the text format writes them.
fn millis() -> impl Strategy<Value = f64> {
    (0u64..40_000_000).prop_map(|ms| ms as f64 / 1000.0)
}

/// A piece of a name or text: any character at all, or one of the things that trip readers up (labels,
/// brackets, escapes, line breaks, combining marks, right-to-left text, U+2028, emoji sequences, control
/// characters, words in several scripts).
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<char>().prop_map(String::from).boxed(),
        3 => "[A-Za-zéëöüß]{1,8}".boxed(),
        1 => prop::sample::select(vec![
            " ", ": ", ":", "[", "]", "\\", "\\]", "\\u{41}", "**", "(01:23)", "[00:01:23]", "00:12", "-", "\n",
            "\n\n", "\r\n", "\r", "\t", "\u{301}", "e\u{301}", "\u{200F}", "\u{2028}", "\u{FEFF}",
            "👩\u{200D}💻", "🇳🇱", "مريم", "张伟", "Анна", "देवी", "\u{0}", "\u{7}", "\u{1B}", "\u{85}",
            "SPEAKER_00", "Speaker 1", "Mia: ", "Let op: ", "%PDF-1.4", "WEBVTT",
        ])
        .prop_map(str::to_string)
        .boxed(),
    ]
}

fn unicode_string(max_pieces: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..max_pieces).prop_map(|p| p.concat())
}

/// What plain text holds of a turn's text, as the README says: words and line breaks, but not the spaces
/// at the ends of lines (nor at the start of a labelled turn's first line), nor blank lines at the start or
/// end of a turn; a carriage return is a line break.
fn as_plain_text_holds(text: &str, labelled: bool) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<&str> = text.split('\n').map(str::trim_end).collect();
    if labelled {
        lines[0] = lines[0].trim_start();
    }
    let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(lines.len());
    let last = lines.iter().rposition(|l| !l.is_empty()).map_or(first, |i| i + 1);
    lines[first..last].join("\n")
}

/// Names as they appear in transcripts, and names from all of Unicode.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => "[A-Z][a-zéëöüß]{1,8}( [A-Z][a-z]{1,7})?".boxed(),
        1 => "SPEAKER_[0-9]{2}".boxed(),
        1 => "[a-z]{2,8} [a-z]{2,9}".boxed(),
        1 => "[张李王田中访受][伟娜明谈者]{1,2}".boxed(),
        4 => unicode_string(6).boxed(),
    ]
}

/// A turn's text: one or more lines of anything.
fn text() -> impl Strategy<Value = String> {
    unicode_string(12)
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
        prop_oneof![
            Just(LabelStyle::Colon),
            Just(LabelStyle::FullwidthColon),
            Just(LabelStyle::Lenticular)
        ],
    )
        .prop_map(|(names, preamble, turns, (blank, crlf, final_newline), labels)| {
            let names: Vec<String> = names.into_iter().collect();
            let mut t = Transcript::new();
            t.layout.labels = labels;
            t.layout.blank_line_between_turns = blank;
            t.layout.crlf = crlf;
            t.layout.final_newline = final_newline;
            // Text before the first label is a turn without a speaker, if it holds anything.
            if let Some(p) = preamble.filter(|p| !as_plain_text_holds(p, false).is_empty()) {
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

/// What a turn may carry besides its text: word times and confidences (from a start in milliseconds, with a
/// confidence in hundredths), a review mark, the text first opened, and a split group (of three).
type TurnExtras = (Option<(u64, u8)>, bool, Option<String>, Option<u8>);

fn turn_extras() -> impl Strategy<Value = Vec<TurnExtras>> {
    prop::collection::vec(
        (
            prop::option::of((0u64..40_000_000, 0u8..=100)),
            any::<bool>(),
            prop::option::of("[\\PC]{0,12}"),
            prop::option::weighted(0.3, 0u8..3),
        ),
        0..30,
    )
}

/// Any transcript the model can hold, including metadata and fields from newer versions, words with times
/// and confidences, review marks, originals and split groups.
fn json_transcript() -> impl Strategy<Value = Transcript> {
    (rich_transcript(), turn_extras()).prop_map(|(mut t, extras)| {
        let groups: Vec<transcript_editor::model::SplitGroup> =
            (0..3).map(|_| transcript_editor::model::SplitGroup::fresh()).collect();
        for (turn, (words, reviewed, original, group)) in t.turns.iter_mut().zip(extras) {
            if let Some((ms, confidence)) = words {
                turn.words = turn
                    .text
                    .split_whitespace()
                    .enumerate()
                    .map(|(k, w)| {
                        let at = (ms + 250 * k as u64) as f64 / 1000.0;
                        let sure = (k % 2 == 0).then_some(f32::from(confidence) / 100.0);
                        transcript_editor::model::Word::heard(w, Some(at), Some(at + 0.2), sure)
                    })
                    .collect();
            }
            turn.reviewed = reviewed;
            turn.original = original.map(String::into_boxed_str);
            turn.group = group.map(|g| groups[g as usize]);
        }
        t
    })
}

fn rich_transcript() -> impl Strategy<Value = Transcript> {
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
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn plain_text_reads_back_every_name_and_what_it_holds_of_every_text(t in text_transcript()) {
        let text = formats::text::PlainText;
        prop_assert!(text.losses(&t).is_empty(), "{:?}", text.losses(&t));
        let bytes = match text.write(&t) {
            Ok(bytes) => bytes,
            Err(e) => {
                // Only a NUL is refused, and the refusal says which turn holds it.
                let turn = t.turns.iter().position(|x| x.text.contains('\0'));
                prop_assert!(turn.is_some(), "refused without a NUL: {}", e);
                prop_assert!(e.0.contains(&format!("turn {} holds a NUL", turn.unwrap_or(0) + 1)), "{}", e);
                return Ok(());
            }
        };
        // Read as the editor opens a `.txt` file: by extension and content (Otter text shares `.txt`).
        let opened = transcript_editor::store::read_bytes(&bytes, Some(std::path::Path::new("talk.txt")), None);
        let opened = match opened {
            Ok(opened) => opened,
            Err(e) => return Err(TestCaseError::fail(format!("{e}; written as:\n{}", String::from_utf8_lossy(&bytes)))),
        };
        prop_assert_eq!(opened.format.name(), "text");
        let loaded = opened.loaded;
        prop_assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let mut expected = t.clone();
        for turn in &mut expected.turns {
            turn.text = as_plain_text_holds(&turn.text, turn.speaker.is_some());
        }
        prop_assert_eq!(loaded.transcript, expected, "written as:\n{}", String::from_utf8_lossy(&bytes));
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A transcript from a file with CRLF line ends is written with them in every format of lines, and
    /// reopens as what the same format holds with LF: the line ends change nothing else.
    #[test]
    fn crlf_line_ends_write_and_reopen_as_lf_does(t in text_transcript()) {
        for format in formats::writable().filter(|f| f.is_lines()) {
            let mut lf = t.clone();
            lf.layout.crlf = false;
            let mut crlf = t.clone();
            crlf.layout.crlf = true;
            let mut lf_bytes = Vec::new();
            let mut crlf_bytes = Vec::new();
            let written = format.write_to(&lf, &mut lf_bytes).is_ok();
            prop_assert_eq!(written, format.write_to(&crlf, &mut crlf_bytes).is_ok(), "{}", format.name());
            if !written {
                continue;
            }
            let line_feeds = crlf_bytes.iter().filter(|&&b| b == b'\n').count();
            prop_assert_eq!(line_feeds, crlf_bytes.windows(2).filter(|w| w == b"\r\n").count(), "{}: every line ends with CRLF", format.name());
            let name = format!("talk.{}", format.extensions()[0]);
            let path = Some(std::path::Path::new(&name));
            let from_lf = transcript_editor::store::read_bytes(&lf_bytes, path, Some(format));
            let from_crlf = transcript_editor::store::read_bytes(&crlf_bytes, path, Some(format));
            match (from_lf, from_crlf) {
                (Ok(a), Ok(b)) => {
                    // (A file without a line, as an empty transcript may be, has no line ends to keep.)
                    prop_assert_eq!(b.loaded.transcript.layout.crlf, line_feeds > 0, "{}: reopened, it still has CRLF", format.name());
                    prop_assert_eq!(a.loaded.transcript, b.loaded.transcript, "{}", format.name());
                }
                (a, b) => prop_assert_eq!(a.is_ok(), b.is_ok(), "{}: {:?} / {:?}", format.name(), a.err(), b.err()),
            }
        }
    }
}
