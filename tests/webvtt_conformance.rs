//! WebVTT files read as the WHATWG/W3C parsing algorithm reads them ("WebVTT parser algorithm", "collect a
//! WebVTT timestamp", "collect WebVTT cue timings and settings"). Each case is ours, written from the
//! spec's steps; the web-platform-tests suite `webvtt/parsing/file-parsing` covers the same ground: the
//! signature, line terminators, NUL characters, timestamps, the arrow and the white space around it,
//! identifiers, and where a cue's text ends.

use transcript_editor::formats::Format;
use transcript_editor::formats::vtt::{WebVtt, read_cues};

/// The cues a file gives: (start, end, text), or the error's message.
fn cues(src: &str) -> Result<Vec<(f64, f64, String)>, String> {
    read_cues(src, false)
        .map(|(t, _)| {
            t.turns
                .iter()
                .map(|x| (x.start.unwrap_or(-1.0), x.end.unwrap_or(-1.0), x.text.clone()))
                .collect()
        })
        .map_err(|e| e.message)
}

fn one(start: f64, end: f64, text: &str) -> Result<Vec<(f64, f64, String)>, String> {
    Ok(vec![(start, end, text.to_string())])
}

const NONE: Result<Vec<(f64, f64, String)>, String> = Ok(Vec::new());

#[test]
fn the_signature() {
    let cue = "\n\n00:00.000 --> 00:01.000\ntext\n";
    assert_eq!(cues(&format!("WEBVTT{cue}")), one(0.0, 1.0, "text"), "alone");
    assert_eq!(
        cues(&format!("\u{FEFF}WEBVTT{cue}")),
        one(0.0, 1.0, "text"),
        "after a BOM"
    );
    assert_eq!(
        cues(&format!("WEBVTT header text{cue}")),
        one(0.0, 1.0, "text"),
        "a space and text"
    );
    assert_eq!(
        cues(&format!("WEBVTT\theader{cue}")),
        one(0.0, 1.0, "text"),
        "a tab and text"
    );
    assert_eq!(cues("WEBVTT"), NONE, "the signature alone, no line end");
    assert_eq!(cues("WEBVTT "), NONE, "and a space");
    for bad in ["WEBVTTX", " WEBVTT", "webvtt", "WEBVT", "", "\u{FEFF}\u{FEFF}WEBVTT"] {
        assert!(
            cues(&format!("{bad}{cue}")).is_err(),
            "{bad:?} is not a WebVTT signature"
        );
    }
}

#[test]
fn line_terminators_are_lf_crlf_and_cr() {
    for end in ["\n", "\r\n", "\r"] {
        let src = [
            "WEBVTT",
            "",
            "00:00.000 --> 00:01.000",
            "een",
            "twee",
            "",
            "00:02.000 --> 00:03.000",
            "drie",
        ]
        .join(end);
        assert_eq!(
            cues(&src),
            Ok(vec![
                (0.0, 1.0, "een\ntwee".to_string()),
                (2.0, 3.0, "drie".to_string())
            ]),
            "{end:?}"
        );
    }
}

#[test]
fn a_nul_is_read_as_a_replacement_character() {
    let loaded = WebVtt
        .read(b"WEBVTT\n\n00:00.000 --> 00:01.000\na\0b\n")
        .expect("a NUL does not make a subtitle file binary");
    assert_eq!(loaded.transcript.turns[0].text, "a\u{FFFD}b");
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.starts_with("line 4, column 2:") && w.contains("NUL")),
        "{:?}",
        loaded.warnings
    );
    // In the signature line too: the signature is then not WEBVTT.
    assert!(WebVtt.read(b"WEBVTT\0\n\n00:00.000 --> 00:01.000\nx\n").is_err());
}

#[test]
fn timestamps() {
    let at = |timing: &str| cues(&format!("WEBVTT\n\n{timing}\nx\n")).map(|c| c.first().map(|c| (c.0, c.1)));
    // Minutes and seconds, or hours of two digits or more.
    assert_eq!(at("00:01.500 --> 00:02.000"), Ok(Some((1.5, 2.0))));
    assert_eq!(at("01:00:01.500 --> 01:00:02.000"), Ok(Some((3601.5, 3602.0))));
    assert_eq!(
        at("100:00:00.000 --> 100:00:00.001"),
        Ok(Some((360_000.0, 360_000.001)))
    );
    // A first number other than two digits is hours, so a colon and seconds must follow.
    assert_eq!(at("1:00.000 --> 1:01.000"), Ok(None));
    assert_eq!(at("001:00.000 --> 001:01.000"), Ok(None));
    // A first number over 59 is hours too.
    assert_eq!(at("60:00.000 --> 61:00.000"), Ok(None));
    // Minutes and seconds are two digits, at most 59; the fraction is exactly three digits after a dot.
    for bad in [
        "00:60.000 --> 01:00.000",
        "00:00:60.000 --> 00:01:00.000",
        "00:60:00.000 --> 00:61:00.000",
        "00:0.000 --> 00:01.000",
        "00:00.00 --> 00:01.000",
        "00:00.0000 --> 00:01.000",
        "00:00,000 --> 00:01,000",
        "00:00 --> 00:01",
        "-00:01.000 --> 00:02.000",
        "00:00.000 --> 00:01.",
        "x00:00.000 --> 00:01.000",
    ] {
        assert_eq!(at(bad), Ok(None), "{bad} is no timing: its cue is left out");
    }
}

#[test]
fn the_arrow_and_the_white_space_around_it() {
    let at = |timing: &str| cues(&format!("WEBVTT\n\n{timing}\nx\n")).map(|c| c.len());
    for good in [
        "00:00.000 --> 00:01.000",
        "00:00.000-->00:01.000",
        "00:00.000 \t --> \t 00:01.000",
        "\t 00:00.000 --> 00:01.000",
        "00:00.000 --> 00:01.000 align:start",
        "00:00.000 --> 00:01.000align:start",
        "00:00.000 --> 00:01.000\tline:0",
    ] {
        assert_eq!(at(good), Ok(1), "{good:?}");
    }
    for bad in [
        "00:00.000 - -> 00:01.000",
        "00:00.000 -> 00:01.000",
        "00:00.000 —> 00:01.000",
        "00:00.000 => 00:01.000",
        "00:00.000 --> ",
        "--> 00:01.000",
    ] {
        assert_eq!(at(bad), Ok(0), "{bad:?}");
    }
}

#[test]
fn identifiers_and_where_a_cue_ends() {
    // An identifier is the line before the timing; any line without the arrow may be one.
    assert_eq!(
        cues("WEBVTT\n\nintro 1\n00:00.000 --> 00:01.000\nx\n"),
        one(0.0, 1.0, "x")
    );
    // A line with the arrow ends the cue's text and starts the next cue, without a blank line between.
    assert_eq!(
        cues("WEBVTT\n\n00:00.000 --> 00:01.000\neen\n00:01.000 --> 00:02.000\ntwee\n"),
        Ok(vec![(0.0, 1.0, "een".to_string()), (1.0, 2.0, "twee".to_string())])
    );
    // Two lines before a timing line: the block is not a cue (the identifier must be right before it)
    // and the timing line after it starts one.
    assert_eq!(
        cues("WEBVTT\n\nnot an id\nstill not\n00:00.000 --> 00:01.000\nx\n"),
        one(0.0, 1.0, "x")
    );
    // A cue without text is no turn; a block without a timing line is passed over.
    assert_eq!(cues("WEBVTT\n\n00:00.000 --> 00:01.000\n\nloose text\n\n"), NONE);
    // NOTE, STYLE and REGION blocks are not cues.
    assert_eq!(
        cues("WEBVTT\n\nNOTE a note\nover two lines\n\nSTYLE\n::cue { color: red }\n\n00:00.000 --> 00:01.000\nx\n"),
        one(0.0, 1.0, "x")
    );
}

#[test]
fn a_bad_timing_leaves_out_its_cue_with_a_warning_that_names_the_line() {
    let (t, warnings) = read_cues(
        "WEBVTT\n\n00:00.000 --> 00:01.000\neen\n\n00:01,000 --> 00:02,000\ntwee\n\n00:02.000 --> 00:03.000\ndrie\n",
        false,
    )
    .expect("opens");
    let texts: Vec<&str> = t.turns.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(texts, ["een", "drie"]);
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].starts_with("line 6:"), "{}", warnings[0]);
}
