//! Otter-style text exports: a line with the speaker and a time (`Mia  0:03`, `Hakar  1:02:03`), the words
//! below it, and a blank line between turns. Read only; saved as plain text or JSON.

use super::line::{lines, otter_header as header};
use super::{Format, Loaded, ParseError, WriteError};
use crate::model::Transcript;

pub struct Otter;

/// Otter's footer, "Transcribed by https://otter.ai": not speech.
fn is_footer(line: &str) -> bool {
    let l = line.trim().to_ascii_lowercase();
    l.starts_with("transcribed by") && l.contains("otter.ai")
}

pub fn parse(text: &str) -> Transcript {
    let mut t = Transcript::new();
    let mut blank_before = true;
    let mut pending_blank = false;
    for line in lines(text) {
        let trimmed = line.trim_end();
        if trimmed.trim().is_empty() || is_footer(trimmed) {
            blank_before = true;
            pending_blank = true;
            continue;
        }
        match header(trimmed).filter(|_| blank_before || t.turns.is_empty()) {
            Some((name, start)) => {
                let id = t.intern_speaker(name);
                t.push_turn(Some(id), "").start = Some(start);
            }
            None => match t.turns.last_mut() {
                Some(turn) if !turn.text.is_empty() => {
                    turn.text.push_str(if pending_blank { "\n\n" } else { "\n" });
                    turn.text.push_str(trimmed);
                }
                Some(turn) => turn.text.push_str(trimmed),
                None => {
                    t.push_turn(None, trimmed);
                }
            },
        }
        blank_before = false;
        pending_blank = false;
    }
    t
}

impl Format for Otter {
    fn name(&self) -> &'static str {
        "otter"
    }
    fn title(&self) -> &'static str {
        "Otter text"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["txt"]
    }
    /// The first line that is not blank names a speaker and a time, and so does another line later.
    fn sniff(&self, bytes: &[u8]) -> bool {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(16 * 1024)]);
        let mut non_blank = head.lines().filter(|l| !l.trim().is_empty());
        non_blank.next().is_some_and(|l| header(l).is_some()) && non_blank.any(|l| header(l).is_some())
    }
    fn read(&self, bytes: &[u8]) -> Result<Loaded, ParseError> {
        super::read_text(bytes, |t| Ok(parse(t)))
    }
    fn write(&self, _: &Transcript) -> Result<Vec<u8>, WriteError> {
        Err(WriteError(
            "Otter text is only read; save as plain text (.txt) or JSON".into(),
        ))
    }
    fn can_write(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn otters_footer_is_not_speech() {
        let t = parse("Mia  0:03\nWelkom.\n\nHakar  0:09\nDank je.\n\n\nTranscribed by https://otter.ai\n");
        let texts: Vec<&str> = t.turns.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(texts, ["Welkom.", "Dank je."]);
    }

    #[test]
    fn headers_with_times_and_paragraphs() {
        let bytes = super::super::fixture("otter.txt");
        assert!(Otter.sniff(&bytes));
        let t = Otter.read(&bytes).expect("reads").transcript;
        let turns: Vec<(&str, &str, Option<f64>)> = t
            .turns
            .iter()
            .map(|x| {
                (
                    t.speaker_name(x.speaker.as_ref()).unwrap_or("-"),
                    x.text.as_str(),
                    x.start,
                )
            })
            .collect();
        assert_eq!(
            turns,
            [
                ("Mia Bijman", "Welkom bij de podcast.\nVandaag over leren.", Some(3.0)),
                ("Hakar", "Dank je.", Some(12.0)),
                ("Speaker 3", "Mag ik iets vragen?", Some(3723.0)),
            ]
        );
        assert_eq!(
            super::super::detect(Some(std::path::Path::new("talk.txt")), &bytes).name(),
            "otter"
        );
    }

    #[test]
    fn ordinary_plain_text_is_not_taken_for_otter() {
        let plain = b"Mia: Hallo.\nHakar: Om 10:30 begin ik.\n";
        assert!(!Otter.sniff(plain));
        assert_eq!(
            super::super::detect(Some(std::path::Path::new("t.txt")), plain).name(),
            "text"
        );
    }
}
