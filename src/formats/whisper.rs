//! Whisper and WhisperX JSON, as the recognisers write it: `segments` with `start`, `end` and `text`,
//! optional `words`, and with WhisperX a `speaker` per segment and per word. Read only: the editor saves its
//! own JSON, which keeps what Whisper had (word times and confidences stay in each turn's `words`).

use super::json::{RawWord, words_from};
use super::{Format, Loaded, ParseError, WriteError};
use crate::model::Transcript;
use serde::Deserialize;
use std::collections::HashMap;

pub struct Whisper;

#[derive(Deserialize)]
struct Document {
    segments: Vec<Segment>,
    #[serde(default)]
    language: Option<String>,
}

/// Whisper's document, or the list of segments faster-whisper's users write (`json.dump` of its segments
/// with their words).
enum Source {
    Document(Document),
    Segments(Vec<Segment>),
}

#[derive(Deserialize)]
struct Segment {
    #[serde(default)]
    start: Option<f64>,
    #[serde(default)]
    end: Option<f64>,
    text: String,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    words: Vec<RawWord>,
}

/// Reads decoded Whisper JSON. Segments become turns; consecutive segments of one WhisperX speaker become
/// one turn, with their words joined.
pub fn parse(src: &str) -> Result<Transcript, ParseError> {
    let source: Source = if src.trim_start_matches('\u{feff}').trim_start().starts_with('[') {
        serde_json::from_str::<Vec<Segment>>(src).map(Source::Segments)
    } else {
        serde_json::from_str::<Document>(src).map(Source::Document)
    }
    .map_err(|e| {
        let text = e.to_string();
        let message = text.rfind(" at line ").map_or(text.as_str(), |i| &text[..i]);
        ParseError::new(
            e.line().max(1),
            e.column().max(1),
            format!("not Whisper JSON as expected: {message}"),
        )
    })?;
    let doc = match source {
        Source::Document(doc) => doc,
        Source::Segments(segments) => Document {
            segments,
            language: None,
        },
    };
    let mut t = Transcript::new();
    t.meta.language = doc.language;
    let mut ids = HashMap::new();
    let mut last_speaker: Option<String> = None;
    for (i, segment) in doc.segments.into_iter().enumerate() {
        for (name, v) in [("start", segment.start), ("end", segment.end)] {
            if let Some(v) = v
                && let Err(why) = crate::model::check_time(v)
            {
                return Err(ParseError::new(1, 1, format!("segment {}: \"{name}\" {why}", i + 1)));
            }
        }
        let text = segment.text.trim();
        if let Some((j, (_, why))) = segment
            .words
            .iter()
            .enumerate()
            .find_map(|(j, w)| Some((j, w.check()?)))
        {
            return Err(ParseError::new(
                1,
                1,
                format!("segment {}, word {}: {why}", i + 1, j + 1),
            ));
        }
        // A segment's words, in step with its text, as every turn's words are.
        let mut words = words_from(segment.words, text);
        let same = segment.speaker.is_some() && segment.speaker == last_speaker;
        if same && let Some(turn) = t.turns.last_mut() {
            if !text.is_empty() {
                turn.text.push(' ');
                turn.text.push_str(text);
            }
            // Recognisers write ends a few milliseconds before their starts: a turn never ends before it starts.
            turn.end = crate::model::end_not_before(turn.start, segment.end.or(turn.end));
            if !words.is_empty() && turn.words.is_empty() {
                // The turn so far had no words: its words are typed ones, so that all of them spell it.
                let before = turn.text.len() - text.len();
                turn.words = turn.text[..before]
                    .split_whitespace()
                    .map(crate::model::Word::typed)
                    .collect();
            }
            if words.is_empty() && !turn.words.is_empty() {
                words = text.split_whitespace().map(crate::model::Word::typed).collect();
            }
            turn.words.extend(words);
            continue;
        }
        let speaker = segment.speaker.as_deref().map(|name| {
            ids.entry(name.to_string())
                .or_insert_with(|| t.intern_speaker(name))
                .clone()
        });
        let turn = t.push_turn(speaker, text);
        turn.start = segment.start;
        turn.end = crate::model::end_not_before(segment.start, segment.end);
        turn.words = words.into();
        last_speaker = segment.speaker;
    }
    Ok(t)
}

impl Format for Whisper {
    fn name(&self) -> &'static str {
        "whisper"
    }
    fn title(&self) -> &'static str {
        "Whisper JSON"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["json"]
    }
    fn sniff(&self, bytes: &[u8]) -> bool {
        let start = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        let mut from = start.iter().filter(|b| !b.is_ascii_whitespace());
        match (from.next(), from.next()) {
            (Some(b'{'), _) => {
                start.windows(10).any(|w| w == b"\"segments\"") && !start.windows(7).any(|w| w == b"\"turns\"")
            }
            // faster-whisper's segments: a list of objects with a start and a text.
            (Some(b'['), Some(b'{')) => {
                let head = &start[..start.len().min(4096)];
                head.windows(7).any(|w| w == b"\"start\"") && head.windows(6).any(|w| w == b"\"text\"")
            }
            _ => false,
        }
    }
    fn read(&self, bytes: &[u8]) -> Result<Loaded, ParseError> {
        super::read_json_text(bytes, parse)
    }
    fn write(&self, _: &Transcript) -> Result<Vec<u8>, WriteError> {
        Err(WriteError(
            "Whisper JSON is only read; save as the editor's JSON (.json), which keeps the word times".into(),
        ))
    }
    fn can_write(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::fixture;

    #[test]
    fn plain_whisper_segments_become_turns_with_word_times() {
        let t = Whisper.read(&fixture("whisper.json")).expect("reads").transcript;
        assert_eq!(t.meta.language.as_deref(), Some("nl"));
        let texts: Vec<&str> = t.turns.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(texts, ["Welkom bij de podcast.", "Dank je."]);
        assert!(t.turns.iter().all(|x| x.speaker.is_none()));
        assert_eq!((t.turns[1].start, t.turns[1].end), (Some(2.5), Some(3.4)));
        let words = &t.turns[0].words;
        assert_eq!(words[0].text, "Welkom");
        assert_eq!(words[0].confidence, Some(0.98));
        assert!(crate::model::words::spell(words, &t.turns[0].text));
    }

    #[test]
    fn whisperx_speakers_merge_consecutive_segments_and_keep_words_without_times() {
        let t = Whisper.read(&fixture("whisperx.json")).expect("reads").transcript;
        let turns: Vec<(&str, &str)> = t
            .turns
            .iter()
            .map(|x| (t.speaker_name(x.speaker.as_ref()).unwrap_or("-"), x.text.as_str()))
            .collect();
        assert_eq!(
            turns,
            [
                ("SPEAKER_00", "Welkom bij de podcast. Vandaag: leren."),
                ("SPEAKER_01", "Ja.")
            ]
        );
        assert_eq!((t.turns[0].start, t.turns[0].end), (Some(0.0), Some(5.0)));
        assert_eq!(t.turns[0].words.len(), 6);
        assert!(crate::model::words::spell(&t.turns[0].words, &t.turns[0].text));
        assert_eq!(t.turns[1].words[0].start, None, "a word without a time keeps none");
    }

    #[test]
    fn faster_whisper_segments_as_a_list() {
        let t = Whisper.read(&fixture("faster-whisper.json")).expect("reads").transcript;
        let texts: Vec<&str> = t.turns.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(texts, ["Goedemiddag, luisteraars.", "Fijn dat u er bent."]);
        assert_eq!((t.turns[1].start, t.turns[1].end), (Some(2.8), Some(4.0)));
        let w = &t.turns[0].words[1];
        assert_eq!((w.text.as_str(), w.confidence), ("luisteraars.", Some(0.64)));
        let e = parse("[{\"start\": 0, \"end\": 1}]").expect_err("no text");
        assert!(e.message.contains("missing field `text`"), "{e}");
    }

    #[test]
    fn detected_by_content_among_json_files() {
        let path = std::path::Path::new("x.json");
        assert_eq!(
            super::super::detect(Some(path), &fixture("whisperx.json")).name(),
            "whisper"
        );
        assert_eq!(
            super::super::detect(Some(path), b"{\"version\": 1, \"turns\": []}").name(),
            "json"
        );
        assert_eq!(
            super::super::by_extension(path).map(|f| f.name()),
            Some("json"),
            "written as the editor's JSON"
        );
    }
}
