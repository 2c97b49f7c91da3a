//! SubRip subtitles (`.srt`): numbered cues with `00:00:01,000 --> 00:00:04,200` times. Read forgivingly
//! (missing or odd numbers, `.` for `,`, blank lines inside a cue, CRLF, no final newline); written strictly,
//! numbered from 1, with `Name: ` before each cue's text.

use super::cues::{self, Cue};
use super::text::lines;
use super::time::{format_millis, parse_clock, parse_timing};
use super::{Format, Loaded, ParseError, WriteError};
use crate::model::Transcript;

pub struct Srt;

/// A timing line as the forgiving SRT readers (`srt`, `pysrt`) take it: fullwidth digits and punctuation,
/// arrows written `-->`, `->`, `- >` or `-- >`, and anything after the end time.
fn timing(line: &str) -> Option<(f64, f64)> {
    let line: String = line.chars().map(halfwidth).collect();
    let arrow = line.find('>')?;
    let before = line[..arrow].trim_end();
    let dashes = before.len() - before.trim_end_matches('-').len();
    if !(1..=2).contains(&dashes) {
        return None;
    }
    let left = before[..before.len() - dashes].trim_end().trim_end_matches('-').trim();
    let start = parse_clock(left)?;
    let right = line[arrow + 1..].trim_start();
    let end_len = right
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, ':' | ',' | '.')))
        .unwrap_or(right.len());
    let end = parse_clock(right[..end_len].trim_end_matches([':', ',', '.']))?;
    Some((start, end))
}

/// A fullwidth digit or time punctuation (as East Asian input methods type them) as its ASCII self.
fn halfwidth(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}' => char::from(b'0' + (c as u32 - 0xFF10) as u8),
        '\u{FF1A}' => ':',
        '\u{FF0C}' | '\u{3001}' => ',',
        '\u{FF0E}' => '.',
        '\u{FF0D}' | '\u{2212}' => '-',
        '\u{FF1E}' => '>',
        c => c,
    }
}

/// A cue's number as readers take it: digits, maybe negative or dotted (`-3`, `1.2`).
fn is_index(line: &str) -> bool {
    let digits = line.trim().strip_prefix('-').unwrap_or(line.trim());
    !digits.is_empty()
        && digits
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
}

/// Reads decoded SRT text. A cue runs from its timing line to the next one, so blank lines inside a cue
/// and missing numbers do no harm.
pub fn parse(text: &str) -> Result<Transcript, ParseError> {
    let all: Vec<&str> = lines(text).collect();
    let timings: Vec<(usize, (f64, f64))> = all
        .iter()
        .enumerate()
        .filter_map(|(i, l)| timing(l).map(|t| (i, t)))
        .collect();
    if timings.is_empty() && text.trim().is_empty() {
        return Ok(Transcript::new());
    }
    if timings.is_empty() {
        return Err(ParseError::new(
            1,
            1,
            "no subtitle cues found: an SRT file has timing lines like 00:00:01,000 --> 00:00:04,000",
        ));
    }
    let mut out = Vec::with_capacity(timings.len());
    for (k, &(line, (start, end))) in timings.iter().enumerate() {
        let next = timings.get(k + 1).map_or(all.len(), |&(n, _)| n);
        let mut body: Vec<&str> = all[line + 1..next].iter().map(|l| l.trim_end()).collect();
        // The next cue's number stands just before its timing line.
        while body.last().is_some_and(|l| l.is_empty()) {
            body.pop();
        }
        if k + 1 < timings.len() && body.last().is_some_and(|l| is_index(l)) {
            body.pop();
        }
        while body.last().is_some_and(|l| l.is_empty()) {
            body.pop();
        }
        if end < start {
            return Err(ParseError::new(
                line + 1,
                1,
                format!("this cue ends ({end} s) before it starts ({start} s)"),
            ));
        }
        let text = body
            .iter()
            .filter(|l| !l.trim().is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("\n");
        out.push(Cue::new(start, end, None, text));
    }
    cues::take_speaker_prefixes(&mut out);
    Ok(cues::into_transcript(out, false))
}

pub fn render(t: &Transcript) -> Result<String, WriteError> {
    // SRT has no escapes: a line that reads as a timing line would come back as a cue of its own.
    for (i, turn) in t.turns.iter().enumerate() {
        if let Some(line) = turn.text.lines().find(|l| timing(l).is_some()) {
            return Err(WriteError(format!(
                "turn {} holds the line {line:?}, which SRT would read back as a cue's times (SRT has no way to \
                 escape it); save as WebVTT or JSON, or change the line",
                i + 1
            )));
        }
    }
    let cues = cues::out_cues(t, "SRT")?;
    let mut out = String::new();
    for (i, cue) in cues.iter().enumerate() {
        let ms = |s: f64| (s.max(0.0) * 1000.0).round() as u64;
        out.push_str(&format!(
            "{}\n{} --> {}\n",
            i + 1,
            format_millis(ms(cue.start), ','),
            format_millis(ms(cue.end), ',')
        ));
        if let Some(name) = cue.speaker {
            out.push_str(&cues::prefix(name, cue.text));
        }
        out.push_str(&cues::without_blank_lines(cue.text));
        out.push_str("\n\n");
    }
    Ok(out)
}

/// What SRT cannot hold: what no cue format holds, and a title.
fn losses(t: &Transcript, resave: bool) -> Vec<String> {
    let title = t.meta.title.as_ref().map(|_| "the title".to_string());
    title.into_iter().chain(cues::losses(t, resave)).collect()
}

impl Format for Srt {
    fn name(&self) -> &'static str {
        "srt"
    }
    fn title(&self) -> &'static str {
        "SubRip subtitles"
    }
    fn is_lines(&self) -> bool {
        true
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["srt"]
    }
    fn sniff(&self, bytes: &[u8]) -> bool {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
        head.lines()
            .take(4)
            .any(|l| parse_timing(l).is_some() && l.contains(','))
    }
    fn read(&self, bytes: &[u8]) -> Result<Loaded, ParseError> {
        super::read_text(bytes, parse)
    }
    fn write(&self, t: &Transcript) -> Result<Vec<u8>, WriteError> {
        render(t).map(String::into_bytes)
    }
    fn losses(&self, t: &Transcript) -> Vec<String> {
        losses(t, false)
    }
    fn losses_on_resave(&self, t: &Transcript) -> Vec<String> {
        losses(t, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::fixture;

    fn turns(t: &Transcript) -> Vec<(String, String, Option<f64>, Option<f64>)> {
        t.turns
            .iter()
            .map(|x| {
                (
                    t.speaker_name(x.speaker.as_ref()).unwrap_or("-").to_string(),
                    x.text.clone(),
                    x.start,
                    x.end,
                )
            })
            .collect()
    }

    #[test]
    fn a_line_that_reads_as_a_timing_line_is_refused_not_turned_into_a_cue() {
        let mut t = crate::formats::text::parse("Mia: Welkom.\nHakar: Kijk:\n00:00:01,000 --> 00:00:02,000\n");
        for (k, turn) in t.turns.iter_mut().enumerate() {
            turn.start = Some(k as f64);
            turn.end = Some(k as f64 + 1.0);
        }
        assert_eq!(t.turns.len(), 2, "the timing line is part of Hakar's turn");
        let e = render(&t).expect_err("refused");
        assert!(
            e.0.starts_with("turn 2 holds the line \"00:00:01,000 --> 00:00:02,000\""),
            "{}",
            e.0
        );
    }

    #[test]
    fn arrows_indexes_junk_fullwidth_times_and_runs_of_blank_lines_read_as_forgiving_readers_do() {
        let src = "-3\n00:00:01,000 - > 00:00:02,000\nEen.\n\n\n\n1.2\n00:00:02,500 -- > 00:00:03,000 X1:40 Y1:50\nTwee.\n\n\
                   00:00:03,000 -> 00:00:04,000.\nDrie.\n\n\
                   \u{FF10}\u{FF10}\u{FF1A}\u{FF10}\u{FF10}\u{FF1A}\u{FF10}\u{FF15}\u{FF0C}\u{FF10}\u{FF10}\u{FF10} --\u{FF1E} 00:00:06,000\nVier.\n";
        let t = parse(src).expect("reads");
        assert_eq!(
            turns(&t),
            [
                ("-".into(), "Een.".into(), Some(1.0), Some(2.0)),
                ("-".into(), "Twee.".into(), Some(2.5), Some(3.0)),
                ("-".into(), "Drie.".into(), Some(3.0), Some(4.0)),
                ("-".into(), "Vier.".into(), Some(5.0), Some(6.0)),
            ],
            "the dotted and negative numbers are numbers, not words of the cue before"
        );
        // Three dashes, or none, is not an arrow.
        assert!(timing("00:00:01,000 ---> 00:00:02,000").is_none());
        assert!(timing("00:00:01,000 > 00:00:02,000").is_none());
    }

    #[test]
    fn bom_crlf_odd_numbers_dots_blank_lines_and_no_final_newline() {
        let t = Srt.read(&fixture("messy.srt")).expect("reads").transcript;
        assert_eq!(
            turns(&t),
            [
                ("Mia".into(), "Welkom bij de podcast.".into(), Some(1.0), Some(4.2)),
                (
                    "Hakar".into(),
                    "Dank je.\nFijn dat ik er ben.".into(),
                    Some(4.5),
                    Some(7.0)
                ),
                ("-".into(), "[muziek]".into(), Some(7.25), Some(9.0)),
                ("Mia".into(), "Zullen we beginnen?".into(), Some(9.0), Some(11.5)),
            ]
        );
    }

    #[test]
    fn speaker_prefix_forms() {
        let t = Srt.read(&fixture("prefixes.srt")).expect("reads").transcript;
        let names: Vec<String> = turns(&t).into_iter().map(|x| x.0).collect();
        assert_eq!(names, ["SPEAKER_00", "speaker 1", "Mia", "-"]);
        assert_eq!(t.turns[1].text, "Ja, dat klopt.");
        assert_eq!(t.turns[3].text, "Let op: dit is geen spreker.");
    }

    #[test]
    fn writes_numbered_cues_that_read_back() {
        let t = Srt.read(&fixture("messy.srt")).expect("reads").transcript;
        let written = render(&t).expect("writes");
        assert!(
            written.starts_with("1\n00:00:01,000 --> 00:00:04,200\nMia: Welkom bij de podcast.\n\n2\n"),
            "{written}"
        );
        assert_eq!(parse(&written).expect("reads back"), t);
    }

    #[test]
    fn a_speaker_whose_only_cue_opens_with_a_quotation_reads_back() {
        let mut t = Transcript::new();
        for (k, (who, text)) in [("S1", "The bridge opens at nine."), ("S2", "\"Nine\" sharp?")]
            .iter()
            .enumerate()
        {
            let id = t.intern_speaker(who);
            let turn = t.push_turn(Some(id), *text);
            turn.start = Some(k as f64 * 2.0);
            turn.end = Some(k as f64 * 2.0 + 1.5);
        }
        let written = render(&t).expect("writes");
        assert!(written.contains("\n[S2]: \"Nine\" sharp?\n"), "{written}");
        assert_eq!(parse(&written).expect("reads back"), t);
    }

    #[test]
    fn turns_without_times_cannot_become_cues() {
        let t = super::super::text::parse("Mia: Hallo.\nHakar: Dag.");
        let e = render(&t).expect_err("no times");
        assert!(e.0.contains("turn 1") && e.0.contains("no start time"), "{}", e.0);
    }

    #[test]
    fn an_empty_file_is_no_cues_and_reads_back() {
        let t = parse("").expect("empty");
        assert!(t.turns.is_empty());
        assert_eq!(parse(&render(&t).expect("writes")).expect("reads back"), t);
    }

    #[test]
    fn a_file_without_cues_says_what_it_expected() {
        let e = parse("gewoon tekst\n").expect_err("no cues");
        assert!(e.message.contains("no subtitle cues found"), "{}", e.message);
    }
}
