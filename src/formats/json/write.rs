//! Writing the editor's JSON: straight from the transcript into the output, borrowing every text.

use super::{VERSION, WriteError};
use crate::model::{Extra, Transcript, Word};
use serde::Serialize;

/// The document as written: borrowed from the transcript, so that writing a long transcript copies none of
/// its text (the fields and their order are those of [`RawDocument`]).
#[derive(Serialize)]
struct DocumentOut<'a> {
    version: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    media: Option<&'a str>,
    speakers: Vec<SpeakerOut<'a>>,
    turns: TurnsOut<'a>,
    #[serde(flatten)]
    extra: &'a Extra,
}

#[derive(Serialize)]
struct SpeakerOut<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(flatten)]
    extra: &'a Extra,
}

/// The turns, serialised one by one as they are read from the transcript.
struct TurnsOut<'a>(&'a [crate::model::Turn], Vec<Option<u64>>);

impl Serialize for TurnsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().zip(&self.1).map(|(x, &split_group)| TurnOut {
            speaker: x.speaker.as_ref().map(|s| s.as_str()),
            text: &x.text,
            start: x.start,
            end: x.end,
            words: WordsOut(&x.words),
            reviewed: x.reviewed,
            original: x.changed_original(),
            split_group,
            extra: x.extra.as_deref(),
        }))
    }
}

#[derive(Serialize)]
struct TurnOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<&'a str>,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<f64>,
    #[serde(skip_serializing_if = "WordsOut::is_empty")]
    words: WordsOut<'a>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    reviewed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    original: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    split_group: Option<u64>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    extra: Option<&'a Extra>,
}

struct WordsOut<'a>(&'a [Word]);

impl WordsOut<'_> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for WordsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|w| WordOut {
            text: &w.text,
            start: w.start,
            end: w.end,
            confidence: w.confidence,
            cue: w.cue,
        }))
    }
}

#[derive(Serialize)]
struct WordOut<'a> {
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<f32>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    cue: bool,
}

/// Writes a transcript as pretty-printed version 1 JSON.
pub fn render(t: &Transcript) -> Vec<u8> {
    let mut out = Vec::with_capacity(t.turns.iter().map(|x| x.text.len() + 64).sum());
    // Serialising plain structs of strings and finite numbers into memory cannot fail.
    let _ = render_into(t, &mut out);
    out
}

/// Writes the JSON into `out` as it is made, turn by turn: no copy of the file in memory.
pub fn render_into(t: &Transcript, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let doc = DocumentOut {
        version: VERSION,
        title: t.meta.title.as_deref(),
        language: t.meta.language.as_deref(),
        media: t.meta.media.as_deref(),
        speakers: t
            .speakers
            .iter()
            .map(|s| SpeakerOut {
                id: s.id.as_str(),
                name: &s.name,
                extra: &s.extra,
            })
            .collect(),
        turns: TurnsOut(&t.turns, t.group_numbers()),
        extra: &t.meta.extra,
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}

/// JSON has no NaN or infinity: a time that is one cannot be written.
pub(super) fn refuse_non_numbers(t: &Transcript) -> Result<(), WriteError> {
    match t
        .turns
        .iter()
        .find(|x| [x.start, x.end].iter().flatten().any(|v| !v.is_finite()))
    {
        Some(turn) => Err(WriteError(format!(
            "turn \"{}\" has a time that is not a number",
            turn.text
        ))),
        None => Ok(()),
    }
}
