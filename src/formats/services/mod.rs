//! The JSON of speech recognition services (Amazon Transcribe, Deepgram, AssemblyAI, Rev.ai, Speechmatics,
//! Google Cloud Speech-to-Text, Azure Speech) and of whisper.cpp: each a format of its own, read only, told
//! apart by content (all are `.json`). What they share lives here: the words they heard, gathered into
//! turns by speaker, with their times and confidences as the turn's words.

/// A service's format: read only, `.json`, told apart by `sniff`, read by `parse`.
macro_rules! service_format {
    ($ty:ident, $name:literal, $title:literal, $sniff:expr, $parse:path) => {
        pub struct $ty;

        impl crate::formats::Format for $ty {
            fn name(&self) -> &'static str {
                $name
            }
            fn title(&self) -> &'static str {
                $title
            }
            fn extensions(&self) -> &'static [&'static str] {
                &["json"]
            }
            fn sniff(&self, bytes: &[u8]) -> bool {
                let sniff: fn(&[u8]) -> bool = $sniff;
                sniff(bytes)
            }
            fn read(&self, bytes: &[u8]) -> Result<crate::formats::Loaded, crate::formats::ParseError> {
                let mut loaded = crate::formats::read_json_text(bytes, $parse)?;
                if loaded.transcript.turns.is_empty() {
                    loaded.warnings.push(super::NOTHING_HEARD.to_string());
                }
                Ok(loaded)
            }
            fn write(&self, _: &crate::model::Transcript) -> Result<Vec<u8>, crate::formats::WriteError> {
                Err(super::read_only($title))
            }
            fn can_write(&self) -> bool {
                false
            }
        }
    };
}

pub mod amazon;
pub mod assemblyai;
pub mod azure;
pub mod deepgram;
pub mod google;
pub mod revai;
pub mod speechmatics;
pub mod whisper_cpp;

use super::{ParseError, WriteError};
use crate::model::{Transcript, Word};
use std::collections::HashMap;

/// A word as a service heard it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Heard {
    pub text: String,
    pub start: Option<f64>,
    pub end: Option<f64>,
    pub confidence: Option<f32>,
    /// Punctuation the service gives as an item of its own: joined to the word before.
    pub punctuation: bool,
}

impl Heard {
    pub fn word(text: impl Into<String>, start: Option<f64>, end: Option<f64>, confidence: Option<f32>) -> Self {
        Self {
            text: text.into(),
            start,
            end,
            confidence,
            punctuation: false,
        }
    }

    pub fn punctuation(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            start: None,
            end: None,
            confidence: None,
            punctuation: true,
        }
    }
}

/// A stretch of speech as a service gives it: an utterance, a monologue, a phrase; or one word when the
/// service gives words only. Consecutive stretches of one speaker become one turn.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Stretch {
    pub speaker: Option<String>,
    pub start: Option<f64>,
    pub end: Option<f64>,
    /// The text, where the service gives no words (or to use where its words are empty).
    pub text: String,
    pub words: Vec<Heard>,
}

/// Why a file of `service` cannot be read: at the start of the file, in words that say what is missing.
pub(crate) fn missing(service: &str, what: &str) -> ParseError {
    ParseError::new(
        1,
        1,
        format!("{service} JSON without {what}, so there is nothing to read"),
    )
}

/// What opening a service's file that holds no words says (a silent recording, or one in another language
/// than the job was told).
pub(crate) const NOTHING_HEARD: &str =
    "the service heard no words in this recording (it may be silent, or in another language than the job was set to)";

/// Why a service's JSON is not written: the editor reads it and saves its own, which keeps everything read.
pub(crate) fn read_only(title: &str) -> WriteError {
    WriteError(format!(
        "{title} is only read; save as the editor's JSON (.json), which keeps the word times and confidences"
    ))
}

/// A speaker a service numbers (`0`, `1`) as a label that reads as one: `Speaker 0`.
pub(crate) fn numbered(n: impl std::fmt::Display) -> String {
    format!("Speaker {n}")
}

/// Parses JSON into `T`, or says where and why it is not `service`'s JSON as expected.
pub(crate) fn from_json<'a, T: serde::Deserialize<'a>>(src: &'a str, service: &str) -> Result<T, ParseError> {
    serde_json::from_str(src).map_err(|e| {
        let text = e.to_string();
        let message = text.rfind(" at line ").map_or(text.as_str(), |i| &text[..i]);
        ParseError::new(
            e.line().max(1),
            e.column().max(1),
            format!("not {service} JSON as expected: {message}"),
        )
    })
}

/// Whether the first 64 KiB of a JSON object hold every one of `keys` as a key (`"key":`).
pub(crate) fn has_keys(bytes: &[u8], keys: &[&str]) -> bool {
    let head = &bytes[..bytes.len().min(1 << 16)];
    let head = head.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(head);
    if head.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return false;
    }
    keys.iter().all(|key| {
        let quoted = format!("\"{key}\"");
        let mut from = 0;
        while let Some(at) = find(&head[from..], quoted.as_bytes()) {
            let after = &head[from + at + quoted.len()..];
            if after.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b':') {
                return true;
            }
            from += at + quoted.len();
        }
        false
    })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A time in seconds as a service writes it, checked; `what` names it in the error ("item 12").
pub(crate) fn seconds(value: Option<f64>, what: &dyn Fn() -> String) -> Result<Option<f64>, ParseError> {
    match value {
        Some(v) => crate::model::check_time(v)
            .map(|()| Some(v))
            .map_err(|why| ParseError::new(1, 1, format!("{}: the time {why}", what()))),
        None => Ok(None),
    }
}

/// A time in milliseconds (AssemblyAI's, whisper.cpp's, Call Analytics'), as checked seconds.
pub(crate) fn millis(value: Option<f64>, what: &dyn Fn() -> String) -> Result<Option<f64>, ParseError> {
    seconds(value.map(|m| m / 1000.0), what)
}

/// A confidence from 0 to 1, checked.
pub(crate) fn confidence(value: Option<f64>, what: &dyn Fn() -> String) -> Result<Option<f32>, ParseError> {
    match value {
        Some(c) if (0.0..=1.0).contains(&c) => Ok(Some(c as f32)),
        Some(c) => Err(ParseError::new(
            1,
            1,
            format!("{}: the confidence is {c}; it must be from 0 to 1", what()),
        )),
        None => Ok(None),
    }
}

/// A number written as text (Amazon writes `"start_time": "1.54"`), or `None` for none.
pub(crate) fn number(text: Option<&str>, what: &dyn Fn() -> String) -> Result<Option<f64>, ParseError> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => t
            .parse::<f64>()
            .map(Some)
            .map_err(|_| ParseError::new(1, 1, format!("{}: {t:?} is not a number", what()))),
    }
}

/// Words, one speaker's each, as stretches: a new stretch where the speaker changes.
pub(crate) fn by_speaker(words: impl IntoIterator<Item = (Option<String>, Heard)>) -> Vec<Stretch> {
    let mut out: Vec<Stretch> = Vec::new();
    for (speaker, word) in words {
        match out.last_mut() {
            Some(last) if last.speaker == speaker || word.punctuation => last.words.push(word),
            _ => out.push(Stretch {
                speaker,
                words: vec![word],
                ..Stretch::default()
            }),
        }
    }
    out
}

/// The transcript of `stretches`: consecutive stretches of one speaker are one turn; a turn's words are
/// what was heard (punctuation joined to the word before), its start the first time, its end the last.
pub(crate) fn transcript(stretches: Vec<Stretch>, language: Option<String>) -> Transcript {
    let mut t = Transcript::new();
    t.meta.language = language.filter(|l| !l.trim().is_empty());
    let mut ids = HashMap::new();
    let mut last: Option<Option<String>> = None;
    for stretch in stretches {
        let words = joined(stretch.words);
        let text = if words.is_empty() {
            stretch.text.split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
        };
        if text.is_empty() {
            continue;
        }
        let start = stretch.start.or_else(|| words.iter().find_map(|w| w.start));
        let end = stretch.end.or_else(|| words.iter().rev().find_map(|w| w.end));
        let words = if words.is_empty() {
            text.split_whitespace().map(Word::typed).collect()
        } else {
            words
        };
        if last.as_ref() == Some(&stretch.speaker)
            && stretch.speaker.is_some()
            && let Some(turn) = t.turns.last_mut()
        {
            turn.text.push(' ');
            turn.text.push_str(&text);
            turn.words.extend(words);
            turn.end = crate::model::end_not_before(turn.start, end.or(turn.end));
            continue;
        }
        let speaker = stretch.speaker.as_deref().map(|name| {
            ids.entry(name.to_string())
                .or_insert_with(|| t.intern_speaker(name))
                .clone()
        });
        let turn = t.push_turn(speaker, &text);
        turn.start = start;
        turn.end = crate::model::end_not_before(start, end);
        turn.words = words.into();
        last = Some(stretch.speaker);
    }
    t
}

/// What was heard as the turn's words: punctuation joined to the word before (or, at the start, to the
/// word after), a word holding spaces cut into its parts with its times.
fn joined(heard: Vec<Heard>) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::with_capacity(heard.len());
    let mut pending = String::new();
    for h in heard {
        let text = h.text.trim();
        if text.is_empty() {
            continue;
        }
        if h.punctuation {
            match out.last_mut() {
                Some(last) => last.text.push_str(text),
                None => pending.push_str(text),
            }
            continue;
        }
        for part in text.split_whitespace() {
            let mut word = Word::heard(part, h.start, h.end, h.confidence);
            if !pending.is_empty() {
                word.text = format!("{}{}", std::mem::take(&mut pending), word.text);
            }
            out.push(word);
        }
    }
    if !pending.is_empty() {
        out.push(Word::typed(&pending));
    }
    out
}

/// The formats' tests: the turns of a transcript as (speaker, text, start, end).
#[cfg(test)]
pub(crate) use super::rows;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_joins_the_word_before_and_speakers_make_turns() {
        let words = vec![
            (
                Some("spk_0".to_string()),
                Heard::word("Hello", Some(0.0), Some(0.4), Some(0.99)),
            ),
            (Some("spk_0".to_string()), Heard::punctuation(",")),
            (
                Some("spk_0".to_string()),
                Heard::word("Mia", Some(0.5), Some(0.9), Some(0.6)),
            ),
            (None, Heard::punctuation(".")),
            (
                Some("spk_1".to_string()),
                Heard::word("Hi", Some(1.0), Some(1.2), Some(0.9)),
            ),
            (Some("spk_0".to_string()), Heard::word("So", Some(1.5), Some(1.7), None)),
        ];
        let t = transcript(by_speaker(words), Some("en-US".into()));
        assert_eq!(
            rows(&t),
            [
                (Some("spk_0"), "Hello, Mia.", Some(0.0), Some(0.9)),
                (Some("spk_1"), "Hi", Some(1.0), Some(1.2)),
                (Some("spk_0"), "So", Some(1.5), Some(1.7)),
            ]
        );
        let w = &t.turns[0].words;
        assert_eq!(
            (w[1].text.as_str(), w[1].confidence, w[1].start),
            ("Mia.", Some(0.6), Some(0.5))
        );
        assert!(crate::model::words::spell(w, &t.turns[0].text));
        assert_eq!(t.meta.language.as_deref(), Some("en-US"));
    }

    #[test]
    fn each_service_is_told_apart_by_content_among_json_files() {
        let path = std::path::Path::new("transcript.json");
        for (file, format) in [
            ("amazon-transcribe.json", "amazon"),
            ("amazon-call.json", "amazon"),
            ("deepgram.json", "deepgram"),
            ("assemblyai.json", "assemblyai"),
            ("revai.json", "revai"),
            ("speechmatics.json", "speechmatics"),
            ("google-speech.json", "google"),
            ("azure-batch.json", "azure"),
            ("whisper-cpp.json", "whisper-cpp"),
            ("faster-whisper.json", "whisper"),
            ("whisperx.json", "whisper"),
        ] {
            let bytes = crate::formats::fixture(file);
            assert_eq!(crate::formats::detect(Some(path), &bytes).name(), format, "{file}");
            assert_eq!(
                crate::formats::detect(None, &bytes).name(),
                format,
                "{file} without a name"
            );
        }
        let other = br#"{"version": 2, "something": []}"#;
        assert_eq!(
            crate::formats::detect(Some(path), other).name(),
            "json",
            "the editor's own says what it expects"
        );
    }

    #[test]
    fn a_file_of_no_words_opens_empty_and_says_so() {
        use crate::formats::Format;
        let loaded = deepgram::Deepgram
            .read(br#"{"results":{"channels":[{"alternatives":[{"transcript":"","words":[]}]}]}}"#)
            .expect("reads");
        assert!(loaded.transcript.turns.is_empty());
        assert_eq!(loaded.warnings, [NOTHING_HEARD]);
        let loaded = amazon::Amazon
            .read(&crate::formats::fixture("amazon-call.json"))
            .expect("reads");
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    }

    #[test]
    fn keys_are_found_as_keys_not_as_text() {
        assert!(has_keys(br#"{"jobName": "x", "results": {}}"#, &["jobName", "results"]));
        assert!(!has_keys(
            br#"{"text": "the \"jobName\" is", "results": {}}"#,
            &["jobName"]
        ));
        assert!(!has_keys(br#"["jobName": 1]"#, &["jobName"]));
    }
}
