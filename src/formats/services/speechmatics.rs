//! Speechmatics' JSON (`json-v2`): `results[]` of words and punctuation, each with `start_time`,
//! `end_time` and its best alternative's `content`, `confidence` and `speaker` (`S1`; `UU` when it could
//! not tell, read as no speaker); with channel diarization the result's `channel` is the speaker.
//! Punctuation that `attaches_to` the next word (an opening quote) is joined to it.

use super::{Heard, by_speaker, confidence, from_json, has_keys, missing, seconds, transcript};
use crate::formats::ParseError;
use crate::model::Transcript;
use serde::Deserialize;

const SERVICE: &str = "Speechmatics";

#[derive(Deserialize)]
struct Response {
    #[serde(default)]
    metadata: Option<Metadata>,
    #[serde(default)]
    results: Option<Vec<Result_>>,
}

#[derive(Deserialize)]
struct Metadata {
    #[serde(default)]
    transcription_config: Option<Config>,
}

#[derive(Deserialize)]
struct Config {
    #[serde(default)]
    language: Option<String>,
}

#[derive(Deserialize)]
struct Result_ {
    #[serde(default, rename = "type")]
    kind: String,
    #[serde(default)]
    start_time: Option<f64>,
    #[serde(default)]
    end_time: Option<f64>,
    #[serde(default)]
    channel: Option<String>,
    #[serde(default)]
    attaches_to: Option<String>,
    #[serde(default)]
    alternatives: Vec<Alternative>,
}

#[derive(Deserialize)]
struct Alternative {
    #[serde(default)]
    content: String,
    #[serde(default)]
    confidence: Option<f64>,
    #[serde(default)]
    speaker: Option<String>,
}

pub fn parse(src: &str) -> Result<Transcript, ParseError> {
    let response: Response = from_json(src, SERVICE)?;
    let results = response.results.ok_or_else(|| missing(SERVICE, "results"))?;
    let mut words = Vec::with_capacity(results.len());
    let mut prefix = String::new();
    let mut speaker = None;
    for (n, r) in results.iter().enumerate() {
        let what = || format!("result {}", n + 1);
        let best = r.alternatives.first();
        let text = best.map_or("", |a| a.content.as_str());
        if r.kind == "punctuation" {
            if r.attaches_to.as_deref() == Some("next") {
                prefix.push_str(text);
            } else {
                words.push((speaker.clone(), Heard::punctuation(text)));
            }
            continue;
        }
        speaker = best
            .and_then(|a| a.speaker.as_deref())
            .filter(|s| *s != "UU")
            .or(r.channel.as_deref())
            .map(str::to_string);
        let text = format!("{}{text}", std::mem::take(&mut prefix));
        let heard = Heard::word(
            text,
            seconds(r.start_time, &what)?,
            seconds(r.end_time, &what)?,
            confidence(best.and_then(|a| a.confidence), &what)?,
        );
        words.push((speaker.clone(), heard));
    }
    if !prefix.is_empty() {
        words.push((speaker, Heard::punctuation(prefix)));
    }
    let language = response.metadata.and_then(|m| m.transcription_config?.language);
    Ok(transcript(by_speaker(words), language))
}

service_format!(
    Speechmatics,
    "speechmatics",
    "Speechmatics JSON",
    |bytes| has_keys(bytes, &["transcription_config", "results"]) || has_keys(bytes, &["job", "format", "results"]),
    parse
);

#[cfg(test)]
mod tests {
    use super::super::rows;
    use super::*;
    use crate::formats::{Format, fixture};

    #[test]
    fn words_punctuation_and_speakers() {
        let t = Speechmatics
            .read(&fixture("speechmatics.json"))
            .expect("reads")
            .transcript;
        assert_eq!(
            rows(&t),
            [
                (Some("S1"), "The bridge opens at nine.", Some(0.36), Some(1.98)),
                (Some("S2"), "\"Nine\" sharp?", Some(2.4), Some(3.1)),
            ]
        );
        let nine = &t.turns[1].words[0];
        assert_eq!(
            (nine.text.as_str(), nine.start, nine.confidence),
            ("\"Nine\"", Some(2.4), Some(0.49))
        );
        assert_eq!(t.meta.language.as_deref(), Some("en"));
    }

    #[test]
    fn unknown_speakers_and_channels() {
        let src = r#"{"format":"2.9","job":{"id":"j"},"results":[
            {"type":"word","start_time":0.1,"end_time":0.4,"channel":"channel_1","alternatives":[{"content":"Hello","confidence":0.9}]},
            {"type":"word","start_time":0.9,"end_time":1.2,"alternatives":[{"content":"Hm","confidence":0.5,"speaker":"UU"}]}]}"#;
        let t = parse(src).expect("reads");
        assert_eq!(
            rows(&t),
            [
                (Some("channel_1"), "Hello", Some(0.1), Some(0.4)),
                (None, "Hm", Some(0.9), Some(1.2))
            ]
        );
    }

    #[test]
    fn what_is_missing_is_named() {
        let e = parse(r#"{"format":"2.9","job":{"id":"j"}}"#).expect_err("no results");
        assert_eq!(
            e.message,
            "Speechmatics JSON without results, so there is nothing to read"
        );
    }
}
