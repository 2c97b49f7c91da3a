//! The editor's own structured format, version 1. See `docs/json-format.md` and
//! `assets/transcript.schema.json`.
//!
//! Reading checks what serde cannot: that ids are unique, that turns name existing speakers and that times
//! make sense. Each complaint names the line and column of the offending value, found again in the source by
//! [`locate`], so there is one way of reporting positions for syntax and meaning alike.

mod errors;
mod write;

use write::refuse_non_numbers;
pub use write::{render, render_into};

use super::{Format, Loaded, ParseError, WriteError};
use crate::model::{Extra, Metadata, Speaker, SpeakerId, Transcript, Word};
use errors::{Step, field_error, locate, serde_error};
use serde::Deserialize;
use std::collections::HashMap;

pub struct Json;

/// The major version this editor reads and writes.
pub const VERSION: u64 = 1;

#[derive(Deserialize)]
struct RawDocument {
    version: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    media: Option<String>,
    #[serde(default)]
    speakers: Vec<RawSpeaker>,
    #[serde(default)]
    turns: Vec<RawTurn>,
    #[serde(flatten)]
    extra: Extra,
}

#[derive(Deserialize)]
struct RawSpeaker {
    id: String,
    name: String,
    #[serde(flatten)]
    extra: Extra,
}

#[derive(Deserialize)]
struct RawTurn {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    speaker: Option<String>,
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    start: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    end: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    words: Vec<RawWord>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    reviewed: bool,
    /// The text as first opened, where the text differs from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    original: Option<String>,
    /// Turns with one number were one turn when first opened.
    #[serde(default)]
    split_group: Option<u64>,
    #[serde(flatten)]
    extra: Extra,
}

/// A word as our JSON writes it; Whisper's `word` and `probability` and WhisperX's `score` are read too.
#[derive(Deserialize)]
pub(crate) struct RawWord {
    #[serde(alias = "word")]
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<f64>,
    #[serde(
        default,
        alias = "probability",
        alias = "score",
        skip_serializing_if = "Option::is_none"
    )]
    pub confidence: Option<f32>,
    #[serde(default)]
    pub cue: bool,
}

impl RawWord {
    /// What is wrong with the word's numbers, if anything: (field, why).
    pub(crate) fn check(&self) -> Option<(&'static str, String)> {
        for (key, value) in [("start", self.start), ("end", self.end)] {
            if let Some(v) = value
                && let Err(why) = crate::model::check_time(v)
            {
                return Some((key, format!("\"{key}\" {why}")));
            }
        }
        if let Some(c) = self.confidence
            && !(0.0..=1.0).contains(&c)
        {
            return Some(("confidence", format!("\"confidence\" is {c}; it must be from 0 to 1")));
        }
        None
    }
}

/// A turn's words from a file: trimmed (Whisper writes " word"), and brought in step with the turn's text
/// where they do not spell it (a word the file's author edited in the text only).
pub(crate) fn words_from(raw: Vec<RawWord>, text: &str) -> Vec<Word> {
    let mut words: Vec<Word> = raw
        .into_iter()
        .flat_map(|w| {
            let (start, end, confidence) = (w.start, w.end, w.confidence);
            // A "word" holding a space ("New York") becomes its parts, each with its span.
            w.text
                .split_whitespace()
                .enumerate()
                .map(|(i, part)| {
                    let mut word = Word::heard(part, start, end, confidence);
                    word.cue = w.cue && i == 0;
                    word
                })
                .collect::<Vec<_>>()
        })
        .collect();
    if !words.is_empty() && !crate::model::words::spell(&words, text) {
        let change = crate::model::words::realign(&words, text);
        change.apply(&mut words);
    }
    words
}

/// Reads decoded JSON text.
pub fn parse(src: &str) -> Result<Transcript, ParseError> {
    if src.trim().is_empty() {
        return Err(ParseError::new(
            1,
            1,
            "the file is empty; a transcript is a JSON object with \"version\": 1",
        ));
    }
    let mut deserializer = serde_json::Deserializer::from_str(src);
    let raw: RawDocument = match serde_path_to_error::deserialize(&mut deserializer) {
        Ok(raw) => raw,
        Err(e) => {
            let path = e.path().clone();
            let e = e.into_inner();
            let error = newer_version(src)
                .or_else(|| not_a_transcript(src))
                .unwrap_or_else(|| field_error(src, &path, &e));
            return Err(error);
        }
    };
    deserializer.end().map_err(|e| serde_error(src, &e))?;
    let fail = |path: &[Step], message: String| {
        let offset = locate(src, path).unwrap_or(0);
        ParseError::at_offset(src, offset, message)
    };
    if raw.version != VERSION {
        return Err(version_error(src, raw.version));
    }

    let mut t = Transcript::new();
    t.meta = Metadata {
        title: raw.title,
        language: raw.language,
        media: raw.media,
        extra: raw.extra,
    };
    let mut ids: HashMap<String, usize> = HashMap::with_capacity(raw.speakers.len());
    for (i, s) in raw.speakers.into_iter().enumerate() {
        if let Some(first) = ids.insert(s.id.clone(), i) {
            return Err(fail(
                &[Step::Key("speakers"), Step::Index(i), Step::Key("id")],
                format!(
                    "speaker id \"{}\" is used twice (speakers {} and {}); each speaker needs its own id",
                    s.id,
                    first + 1,
                    i + 1
                ),
            ));
        }
        t.speakers.push(Speaker {
            id: SpeakerId::new(&s.id),
            name: s.name,
            extra: s.extra,
        });
    }
    t.turns.reserve(raw.turns.len());
    // The file's group numbers, each a group of this session.
    let mut groups: std::collections::HashMap<u64, crate::model::SplitGroup> = std::collections::HashMap::new();
    for (i, r) in raw.turns.into_iter().enumerate() {
        let at = |key| [Step::Key("turns"), Step::Index(i), Step::Key(key)];
        if let Some(id) = &r.speaker
            && !ids.contains_key(id)
        {
            return Err(fail(
                &at("speaker"),
                format!(
                    "turn {} names speaker \"{id}\", but no speaker has that id; add it to \"speakers\"",
                    i + 1
                ),
            ));
        }
        for (key, value) in [("start", r.start), ("end", r.end)] {
            if let Some(v) = value
                && let Err(why) = crate::model::check_time(v)
            {
                return Err(fail(&at(key), format!("turn {}: \"{key}\" {why}", i + 1)));
            }
        }
        if let (Some(start), Some(end)) = (r.start, r.end)
            && end < start
        {
            return Err(fail(
                &at("end"),
                format!("turn {} ends ({end} s) before it starts ({start} s)", i + 1),
            ));
        }
        if let Some((j, (key, why))) = r.words.iter().enumerate().find_map(|(j, w)| Some((j, w.check()?))) {
            let path = [
                Step::Key("turns"),
                Step::Index(i),
                Step::Key("words"),
                Step::Index(j),
                Step::Key(key),
            ];
            return Err(fail(&path, format!("turn {}, word {}: {why}", i + 1, j + 1)));
        }
        let words = words_from(r.words, &r.text);
        let turn = t.push_turn(r.speaker.as_deref().map(SpeakerId::new), r.text);
        turn.start = r.start;
        turn.end = r.end;
        turn.words = words.into();
        turn.reviewed = r.reviewed;
        turn.original = r.original.map(String::into_boxed_str);
        turn.group = r
            .split_group
            .map(|n| *groups.entry(n).or_insert_with(crate::model::SplitGroup::fresh));
        turn.extra = (!r.extra.is_empty()).then(|| Box::new(r.extra));
    }
    Ok(t)
}

/// When the file could not be read as version 1, says so if it declares a newer version: its structure may
/// have changed, and "update the editor" is more useful than a complaint about a field.
fn newer_version(src: &str) -> Option<ParseError> {
    #[derive(Deserialize)]
    struct VersionOnly {
        version: u64,
    }
    let v: VersionOnly = serde_json::from_str(src).ok()?;
    (v.version != VERSION).then(|| version_error(src, v.version))
}

/// A well-formed JSON file of another kind (a package manifest, an array) gets one plain sentence instead
/// of a complaint about the first field serde missed.
fn not_a_transcript(src: &str) -> Option<ParseError> {
    #[derive(Deserialize)]
    struct Shape {
        version: Option<serde_json::Value>,
        turns: Option<serde::de::IgnoredAny>,
    }
    serde_json::from_str::<serde::de::IgnoredAny>(src).ok()?;
    // A numeric version or a list of turns: a transcript with something wrong, reported as such. A package
    // manifest's "version": "1.0.0" is not one.
    match serde_json::from_str::<Shape>(src) {
        Ok(
            Shape {
                version: Some(serde_json::Value::Number(_)),
                ..
            }
            | Shape { turns: Some(_), .. },
        ) => None,
        _ => Some(ParseError::new(
            1,
            1,
            "this JSON file is not a transcript: a transcript is an object with \"version\": 1, \"speakers\" and \"turns\"",
        )),
    }
}

fn version_error(src: &str, version: u64) -> ParseError {
    let offset = locate(src, &[Step::Key("version")]).unwrap_or(0);
    let message = if version > VERSION {
        format!(
            "this file uses version {version} of the transcript format; this editor reads version {VERSION}. Update the editor to open it"
        )
    } else {
        format!("version {version} of the transcript format does not exist; the current version is {VERSION}")
    };
    ParseError::at_offset(src, offset, message)
}

impl Format for Json {
    fn name(&self) -> &'static str {
        "json"
    }
    fn title(&self) -> &'static str {
        "Transcript JSON"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["json"]
    }
    fn sniff(&self, bytes: &[u8]) -> bool {
        let start = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        start.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
    }
    fn read(&self, bytes: &[u8]) -> Result<Loaded, ParseError> {
        super::read_json_text(bytes, parse)
    }
    fn write(&self, t: &Transcript) -> Result<Vec<u8>, WriteError> {
        refuse_non_numbers(t)?;
        Ok(render(t))
    }
    fn write_to(&self, t: &Transcript, out: &mut dyn std::io::Write) -> Result<(), super::WriteTo> {
        refuse_non_numbers(t).map_err(super::WriteTo::Refused)?;
        render_into(t, out).map_err(super::WriteTo::Io)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(src: &str) -> ParseError {
        parse(src).expect_err("should be rejected")
    }

    const GOOD: &str = r##"{
  "version": 1,
  "title": "Afl. 12",
  "speakers": [{"id": "S1", "name": "Hakar", "colour": "#f00"}],
  "turns": [
    {"speaker": "S1", "text": "Hallo", "start": 0.0, "end": 4.2, "confidence": 0.9},
    {"text": "zonder spreker"}
  ],
  "producer": {"tool": "future", "v": [1, 2]}
}"##;

    #[test]
    fn reads_the_documented_shape_and_keeps_unknown_fields() {
        let t = parse(GOOD).expect("valid");
        assert_eq!(t.meta.title.as_deref(), Some("Afl. 12"));
        assert_eq!(t.speakers[0].name, "Hakar");
        assert_eq!(t.speakers[0].extra["colour"], "#f00");
        assert_eq!(t.turns[0].end, Some(4.2));
        assert_eq!(t.turns[0].extra.as_ref().expect("kept")["confidence"], 0.9);
        assert_eq!(t.turns[1].speaker, None);
        let again = parse(std::str::from_utf8(&render(&t)).expect("utf-8")).expect("reads back");
        assert_eq!(again, t);
        assert_eq!(again.meta.extra["producer"]["tool"], "future");
    }

    #[test]
    fn malformed_json_names_line_and_column() {
        let e = err("{\n  \"version\": 1,\n  \"turns\": [\n    {\"text\": \"a\",}\n  ]\n}");
        assert_eq!((e.line, e.column), (4, 18));
        assert!(e.message.contains("trailing comma"), "{}", e.message);
    }

    #[test]
    fn newer_major_version_asks_for_an_update() {
        let e = err("{\"version\": 2, \"turns\": {\"new\": \"shape\"}}");
        assert!(
            e.message.contains("version 2") && e.message.contains("Update the editor"),
            "{}",
            e.message
        );
        assert_eq!((e.line, e.column), (1, 13));
    }

    #[test]
    fn unknown_speaker_id_points_at_the_turn() {
        let e = err(
            "{\"version\": 1,\n\"speakers\": [],\n\"turns\": [{\"text\": \"a\"},\n  {\"speaker\": \"S9\", \"text\": \"b\"}]}",
        );
        assert_eq!((e.line, e.column), (4, 15));
        assert!(
            e.message.contains("turn 2") && e.message.contains("\"S9\""),
            "{}",
            e.message
        );
    }

    #[test]
    fn duplicate_speaker_ids() {
        let e = err(
            "{\"version\": 1, \"speakers\": [\n {\"id\": \"S1\", \"name\": \"A\"},\n {\"id\": \"S1\", \"name\": \"B\"}]}",
        );
        assert_eq!((e.line, e.column), (3, 9));
        assert!(e.message.contains("used twice"), "{}", e.message);
    }

    #[test]
    fn a_bad_word_is_named_by_turn_and_word_where_it_stands() {
        let src = "{\"version\": 1, \"turns\": [{\"text\": \"ja nee\",\n  \"words\": [{\"text\": \"ja\"}, {\"text\": \"nee\", \"confidence\": 3}]}]}";
        let e = err(src);
        assert!(e.message.contains("turn 1, word 2"), "{}", e.message);
        assert!(e.message.contains("from 0 to 1"), "{}", e.message);
        assert_eq!((e.line, e.column), (2, 59), "at the 3");
        let e =
            err("{\"version\": 1, \"turns\": [{\"text\": \"ja\", \"words\": [{\"text\": \"ja\", \"start\": -2}]}]}");
        assert!(e.message.contains("turn 1, word 1: \"start\""), "{}", e.message);
    }

    #[test]
    fn words_that_do_not_spell_the_text_are_brought_in_step() {
        let src = r#"{"version": 1, "turns": [{"text": "welgekomen bij de podcast",
            "words": [{"word": " welkom", "start": 0.1, "end": 0.5, "probability": 0.4},
                      {"text": "bij", "start": 0.6, "end": 0.8}, {"text": "de"}, {"text": "podcast", "start": 1.0, "end": 1.6, "score": 0.9}]}]}"#;
        let t = parse(src).expect("reads");
        let words = &t.turns[0].words;
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["welgekomen", "bij", "de", "podcast"]);
        assert_eq!(
            (words[0].start, words[0].end, words[0].confidence),
            (Some(0.1), Some(0.5), None)
        );
        assert_eq!(words[3].confidence, Some(0.9));
    }

    #[test]
    fn bad_times() {
        let e = err("{\"version\": 1, \"turns\": [{\"text\": \"a\", \"start\": -1}]}");
        assert!(e.message.contains("0 or more"), "{}", e.message);
        assert_eq!(e.column, 49);
        let e = err("{\"version\": 1, \"turns\": [{\"text\": \"a\", \"start\": 5, \"end\": 2}]}");
        assert!(e.message.contains("before it starts"), "{}", e.message);
        let e = err("{\"version\": 1, \"turns\": [{\"text\": \"a\", \"start\": 1e400}]}");
        assert!(e.message.contains("out of range"), "{}", e.message);
    }

    #[test]
    fn wrong_values_are_named_by_field_in_words() {
        let src = "{\"version\": 1,\n \"turns\": [{\"text\": \"a\"},\n  {\"text\": \"b\", \"start\": \"1\"}]}";
        let e = err(src);
        assert_eq!(
            e.message,
            "turn 2: \"start\" must be a number of seconds, not the text \"1\""
        );
        assert_eq!((e.line, e.column), (3, 26));
        let e = err("{\"version\": 1, \"turns\": [{\"text\": 7}]}");
        assert_eq!(e.message, "turn 1: \"text\" must be text in quotes, not the number 7");
        let e = err("{\"version\": 1, \"turns\": [{\"start\": 1}]}");
        assert_eq!(e.message, "turn 1 has no \"text\"; it is needed");
        let e = err("{\"version\": 1, \"speakers\": [{\"id\": \"S1\", \"name\": null}]}");
        assert_eq!(e.message, "speaker 1: \"name\" must be text in quotes, not null");
        let e = err("{\"version\": 1, \"turns\": {}}");
        assert_eq!(
            e.message,
            "\"turns\" must be a list of turns ([…]), not an object ({…})"
        );
    }

    #[test]
    fn absurd_and_impossible_numbers_are_refused_in_words() {
        let e = err("{\"version\": 1, \"turns\": [{\"text\": \"a\", \"start\": 1e300}]}");
        assert!(
            e.message
                .starts_with("turn 1: \"start\" is 1e300 seconds, more than 1,000 hours"),
            "{}",
            e.message
        );
        let e = err("{\"version\": 1, \"turns\": [{\"text\": \"a\", \"end\": NaN}]}");
        assert!(
            e.message.starts_with("NaN is not a number JSON allows"),
            "{}",
            e.message
        );
        let e = err("{\"version\": 1, \"turns\": [{\"text\": \"a\", \"end\": Infinity}]}");
        assert!(
            e.message.starts_with("Infinity is not a number JSON allows"),
            "{}",
            e.message
        );
        let deep = format!("{{\"version\": 1, \"x\": {}{}}}", "[".repeat(200), "]".repeat(200));
        let e = err(&deep);
        assert!(e.message.contains("nested more than 128 levels"), "{}", e.message);
        let e = err("{\"version\": 1} trailing");
        assert!(e.message.contains("trailing"), "{}", e.message);
    }

    #[test]
    fn a_byte_that_is_not_utf8_is_refused_where_it_stands() {
        let e = Json
            .read(b"{\"version\": 1,\n \"ti\xfftle\": \"x\"}")
            .expect_err("JSON is UTF-8");
        assert_eq!((e.line, e.column), (2, 5));
        assert!(e.message.contains("not UTF-8"), "{}", e.message);
    }

    #[test]
    fn valid_json_that_is_not_a_transcript() {
        for src in ["[1, 2, 3]", "{\"name\": \"package\", \"dependencies\": {}}", "42"] {
            let e = err(src);
            assert!(e.message.contains("not a transcript"), "{src}: {}", e.message);
        }
    }

    #[test]
    fn cut_short_file() {
        let e = err("{\"version\": 1, \"turns\": [{\"text\": \"a\"");
        assert!(e.message.contains("ends too early"), "{}", e.message);
    }

    #[test]
    fn locate_walks_nested_values() {
        let src = r#"{"a": [1, {"b": "x,]}"}, {"c": [[], {}], "d": true}], "e": 3}"#;
        assert_eq!(locate(src, &[Step::Key("e")]).map(|o| &src[o..o + 1]), Some("3"));
        let at = locate(src, &[Step::Key("a"), Step::Index(2), Step::Key("d")]).expect("found");
        assert_eq!(&src[at..at + 4], "true");
    }
}
