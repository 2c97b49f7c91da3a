//! Google Cloud Speech-to-Text's JSON (a recognize response, or the long-running operation holding one in
//! `response`): `results[]`, each with its best alternative's `transcript` and `words` (`startTime` /
//! `startOffset` as `"1.500s"`, `{seconds, nanos}` or a number; `speakerTag` or `speakerLabel`).
//! With speaker diarization, version 1 repeats every word of the file, tagged, in the last result: those
//! are read and the untagged ones before them are not.

use super::{Heard, Stretch, by_speaker, confidence, from_json, has_keys, missing, numbered, seconds, transcript};
use crate::formats::ParseError;
use crate::model::Transcript;
use serde::Deserialize;

const SERVICE: &str = "Google Speech-to-Text";

#[derive(Deserialize)]
struct Response {
    #[serde(default)]
    results: Option<Vec<Result_>>,
    #[serde(default)]
    response: Option<Box<Response>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Result_ {
    #[serde(default)]
    alternatives: Vec<Alternative>,
    #[serde(default, alias = "channel_tag")]
    channel_tag: Option<i64>,
    #[serde(default, alias = "language_code")]
    language_code: Option<String>,
}

#[derive(Deserialize)]
struct Alternative {
    #[serde(default)]
    transcript: String,
    #[serde(default)]
    words: Vec<GWord>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GWord {
    #[serde(default)]
    word: String,
    #[serde(default, alias = "start_time", alias = "startOffset", alias = "start_offset")]
    start_time: Option<Duration>,
    #[serde(default, alias = "end_time", alias = "endOffset", alias = "end_offset")]
    end_time: Option<Duration>,
    #[serde(default)]
    confidence: Option<f64>,
    #[serde(default, alias = "speaker_tag")]
    speaker_tag: Option<i64>,
    #[serde(default, alias = "speaker_label")]
    speaker_label: Option<String>,
}

impl GWord {
    fn speaker(&self) -> Option<String> {
        match (&self.speaker_label, self.speaker_tag) {
            (Some(label), _) if !label.trim().is_empty() => Some(numbered(label.trim())),
            (_, Some(tag)) if tag > 0 => Some(numbered(tag)),
            _ => None,
        }
    }
}

/// A protobuf duration as JSON writes it.
#[derive(Deserialize)]
#[serde(untagged)]
enum Duration {
    Text(String),
    Number(f64),
    Parts {
        #[serde(default)]
        seconds: Option<serde_json::Value>,
        #[serde(default)]
        nanos: Option<f64>,
    },
}

impl Duration {
    fn seconds(&self) -> Option<f64> {
        match self {
            Duration::Text(t) => t.trim().strip_suffix('s').unwrap_or(t.trim()).parse().ok(),
            Duration::Number(n) => Some(*n),
            Duration::Parts { seconds, nanos } => {
                let whole = match seconds {
                    None => 0.0,
                    Some(serde_json::Value::Number(n)) => n.as_f64()?,
                    Some(serde_json::Value::String(s)) => s.parse().ok()?,
                    Some(_) => return None,
                };
                Some(whole + nanos.unwrap_or(0.0) / 1e9)
            }
        }
    }
}

fn time(d: &Option<Duration>, what: &dyn Fn() -> String) -> Result<Option<f64>, ParseError> {
    match d {
        None => Ok(None),
        Some(d) => match d.seconds() {
            Some(s) => seconds(Some(s), what),
            None => Err(ParseError::new(
                1,
                1,
                format!("{}: a time that is not a duration such as \"1.5s\"", what()),
            )),
        },
    }
}

fn heard(w: &GWord, what: &dyn Fn() -> String) -> Result<Heard, ParseError> {
    Ok(Heard::word(
        w.word.as_str(),
        time(&w.start_time, what)?,
        time(&w.end_time, what)?,
        confidence(w.confidence, what)?,
    ))
}

pub fn parse(src: &str) -> Result<Transcript, ParseError> {
    let mut response: Response = from_json(src, SERVICE)?;
    while response.results.is_none()
        && let Some(inner) = response.response.take()
    {
        response = *inner;
    }
    let results = response.results.ok_or_else(|| missing(SERVICE, "results"))?;
    let language = results.iter().find_map(|r| r.language_code.clone());
    let tagged = |r: &Result_| {
        r.alternatives
            .first()
            .is_some_and(|a| a.words.iter().any(|w| w.speaker().is_some()))
    };
    let channels = {
        let mut tags: Vec<i64> = results.iter().filter_map(|r| r.channel_tag).collect();
        tags.sort_unstable();
        tags.dedup();
        tags.len()
    };
    let read: Vec<(usize, &Result_)> = match results.iter().filter(|r| tagged(r)).count() {
        // Version 1's diarization: the one tagged result holds every word.
        1 => results.iter().enumerate().filter(|(_, r)| tagged(r)).collect(),
        _ => results.iter().enumerate().collect(),
    };
    let mut stretches: Vec<Stretch> = Vec::new();
    for (k, result) in read {
        let Some(best) = result.alternatives.first() else {
            continue;
        };
        let channel = result
            .channel_tag
            .filter(|_| channels > 1)
            .map(|c| format!("Channel {c}"));
        if best.words.is_empty() {
            stretches.push(Stretch {
                speaker: channel,
                text: best.transcript.clone(),
                ..Stretch::default()
            });
            continue;
        }
        let mut words = Vec::with_capacity(best.words.len());
        for (n, w) in best.words.iter().enumerate() {
            let who = w.speaker().or_else(|| channel.clone());
            words.push((who, heard(w, &|| format!("result {}, word {}", k + 1, n + 1))?));
        }
        stretches.extend(by_speaker(words));
    }
    Ok(transcript(stretches, language))
}

service_format!(
    Google,
    "google",
    "Google Speech-to-Text JSON",
    |bytes| has_keys(bytes, &["results", "alternatives", "transcript"]),
    parse
);

#[cfg(test)]
mod tests {
    use super::super::rows;
    use super::*;
    use crate::formats::{Format, fixture};

    #[test]
    fn diarized_words_of_the_last_result() {
        let t = Google.read(&fixture("google-speech.json")).expect("reads").transcript;
        assert_eq!(
            rows(&t),
            [
                (Some("Speaker 1"), "Is the library open today?", Some(0.2), Some(1.6)),
                (Some("Speaker 2"), "Until six.", Some(2.0), Some(2.9)),
            ]
        );
        let six = &t.turns[1].words[1];
        assert_eq!(
            (six.text.as_str(), six.start, six.confidence),
            ("six.", Some(2.4), Some(0.52))
        );
        assert_eq!(t.meta.language.as_deref(), Some("en-us"));
    }

    #[test]
    fn times_as_durations_numbers_and_parts_and_results_without_speakers() {
        let src = r#"{"name":"op","done":true,"response":{"results":[
            {"alternatives":[{"transcript":"One two","words":[
              {"word":"One","startTime":{"seconds":"1","nanos":500000000},"endTime":"1.900s"},
              {"word":"two","startOffset":"2s","endOffset":2.5}]}]},
            {"alternatives":[{"transcript":"Three"}]}]}}"#;
        let t = parse(src).expect("reads");
        assert_eq!(
            rows(&t),
            [(None, "One two", Some(1.5), Some(2.5)), (None, "Three", None, None)]
        );
    }

    #[test]
    fn what_is_missing_or_wrong_is_named() {
        let e = parse(r#"{"name":"op","done":false}"#).expect_err("no results");
        assert_eq!(
            e.message,
            "Google Speech-to-Text JSON without results, so there is nothing to read"
        );
        let e =
            parse(r#"{"results":[{"alternatives":[{"transcript":"a","words":[{"word":"a","startTime":"soon"}]}]}]}"#)
                .expect_err("bad time");
        assert_eq!(
            e.message,
            "result 1, word 1: a time that is not a duration such as \"1.5s\""
        );
    }
}
