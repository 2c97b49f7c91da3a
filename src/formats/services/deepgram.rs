//! Deepgram's JSON: `results.utterances` when the request asked for them (each with its speaker and
//! words), else the words of each channel's best alternative (`results.channels[].alternatives[0].words`),
//! a word's `punctuated_word` as its text and its `speaker` (a number) as `Speaker 0`. With several
//! channels and no speakers, each channel is a speaker (`Channel 1`), their words in time order.

use super::{Heard, Stretch, by_speaker, confidence, from_json, has_keys, missing, numbered, seconds, transcript};
use crate::formats::ParseError;
use crate::model::Transcript;
use serde::Deserialize;

const SERVICE: &str = "Deepgram";

#[derive(Deserialize)]
struct Response {
    #[serde(default)]
    results: Option<Results>,
}

#[derive(Deserialize)]
struct Results {
    #[serde(default)]
    channels: Option<Vec<Channel>>,
    #[serde(default)]
    utterances: Option<Vec<Utterance>>,
}

#[derive(Deserialize)]
struct Channel {
    #[serde(default)]
    alternatives: Vec<Alternative>,
    #[serde(default)]
    detected_language: Option<String>,
}

#[derive(Deserialize)]
struct Alternative {
    #[serde(default)]
    transcript: String,
    #[serde(default)]
    words: Vec<DgWord>,
}

#[derive(Deserialize)]
struct DgWord {
    #[serde(default)]
    word: String,
    #[serde(default)]
    punctuated_word: Option<String>,
    #[serde(default)]
    start: Option<f64>,
    #[serde(default)]
    end: Option<f64>,
    #[serde(default)]
    confidence: Option<f64>,
    #[serde(default)]
    speaker: Option<u32>,
}

#[derive(Deserialize)]
struct Utterance {
    #[serde(default)]
    start: Option<f64>,
    #[serde(default)]
    end: Option<f64>,
    #[serde(default)]
    transcript: String,
    #[serde(default)]
    channel: Option<u32>,
    #[serde(default)]
    speaker: Option<u32>,
    #[serde(default)]
    words: Vec<DgWord>,
}

/// A word as heard; `what` names it in errors.
fn heard(w: &DgWord, what: &dyn Fn() -> String) -> Result<Heard, ParseError> {
    let text = w.punctuated_word.as_deref().unwrap_or(&w.word);
    Ok(Heard::word(
        text,
        seconds(w.start, what)?,
        seconds(w.end, what)?,
        confidence(w.confidence, what)?,
    ))
}

/// Who spoke: the diarized speaker, else the channel where there are several.
fn speaker(speaker: Option<u32>, channel: Option<u32>, channels: usize) -> Option<String> {
    match (speaker, channel) {
        (Some(s), _) => Some(numbered(s)),
        (None, Some(c)) if channels > 1 => Some(format!("Channel {}", c + 1)),
        _ => None,
    }
}

fn utterances(list: &[Utterance], channels: usize) -> Result<Vec<Stretch>, ParseError> {
    let mut out = Vec::with_capacity(list.len());
    for (u, utterance) in list.iter().enumerate() {
        let place = || format!("utterance {}", u + 1);
        let mut words = Vec::with_capacity(utterance.words.len());
        for (n, w) in utterance.words.iter().enumerate() {
            words.push(heard(w, &|| format!("utterance {}, word {}", u + 1, n + 1))?);
        }
        out.push(Stretch {
            speaker: speaker(utterance.speaker, utterance.channel, channels),
            start: seconds(utterance.start, &place)?,
            end: seconds(utterance.end, &place)?,
            text: utterance.transcript.clone(),
            words,
        });
    }
    Ok(out)
}

fn channel_words(channels: &[Channel]) -> Result<Vec<Stretch>, ParseError> {
    let mut all: Vec<(f64, usize, Option<String>, Heard)> = Vec::new();
    let mut untimed = Vec::new();
    for (c, channel) in channels.iter().enumerate() {
        let Some(best) = channel.alternatives.first() else {
            continue;
        };
        if best.words.is_empty() {
            untimed.push(Stretch {
                speaker: speaker(None, Some(c as u32), channels.len()),
                text: best.transcript.clone(),
                ..Stretch::default()
            });
        }
        for (n, w) in best.words.iter().enumerate() {
            let word = heard(w, &|| format!("channel {}, word {}", c + 1, n + 1))?;
            let who = speaker(w.speaker, Some(c as u32), channels.len());
            all.push((word.start.unwrap_or(0.0), all.len(), who, word));
        }
    }
    // Several channels' words in time order; within a channel, as they came.
    all.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut out = by_speaker(all.into_iter().map(|(_, _, who, word)| (who, word)));
    out.extend(untimed);
    Ok(out)
}

pub fn parse(src: &str) -> Result<Transcript, ParseError> {
    let response: Response = from_json(src, SERVICE)?;
    let results = response.results.ok_or_else(|| missing(SERVICE, "results"))?;
    let channels = results.channels.unwrap_or_default();
    let language = channels.iter().find_map(|c| c.detected_language.clone());
    let stretches = match &results.utterances {
        Some(list) if !list.is_empty() => utterances(list, channels.len())?,
        _ if channels.is_empty() => return Err(missing(SERVICE, "results.channels or results.utterances")),
        _ => channel_words(&channels)?,
    };
    Ok(transcript(stretches, language))
}

service_format!(
    Deepgram,
    "deepgram",
    "Deepgram JSON",
    |bytes| has_keys(bytes, &["results", "channels", "alternatives"]) && !has_keys(bytes, &["jobName"]),
    parse
);

#[cfg(test)]
mod tests {
    use super::super::rows;
    use super::*;
    use crate::formats::{Format, fixture};

    #[test]
    fn utterances_with_speakers_and_punctuated_words() {
        let t = Deepgram.read(&fixture("deepgram.json")).expect("reads").transcript;
        assert_eq!(
            rows(&t),
            [
                (
                    Some("Speaker 0"),
                    "Good morning, and welcome to the show.",
                    Some(0.08),
                    Some(2.4)
                ),
                (Some("Speaker 1"), "Morning!", Some(2.72), Some(3.2)),
                (Some("Speaker 0"), "Today we talk about bees.", Some(3.6), Some(5.36)),
            ]
        );
        let morning = &t.turns[1].words[0];
        assert_eq!((morning.text.as_str(), morning.confidence), ("Morning!", Some(0.47)));
        assert_eq!(t.meta.language.as_deref(), Some("en"));
    }

    #[test]
    fn without_utterances_the_words_of_each_speaker() {
        let src = r#"{"metadata":{"request_id":"x"},"results":{"channels":[{"alternatives":[{"transcript":"hi there yes",
            "words":[{"word":"hi","start":0.1,"end":0.3,"confidence":0.9,"speaker":0,"punctuated_word":"Hi"},
                     {"word":"there","start":0.3,"end":0.6,"confidence":0.8,"speaker":0,"punctuated_word":"there."},
                     {"word":"yes","start":1.0,"end":1.2,"confidence":0.7,"speaker":1}]}]}]}}"#;
        let t = parse(src).expect("reads");
        assert_eq!(
            rows(&t),
            [
                (Some("Speaker 0"), "Hi there.", Some(0.1), Some(0.6)),
                (Some("Speaker 1"), "yes", Some(1.0), Some(1.2))
            ]
        );
    }

    #[test]
    fn channels_without_speakers_are_speakers_in_time_order() {
        let src = r#"{"results":{"channels":[
            {"alternatives":[{"transcript":"hello","words":[{"word":"hello","start":0.0,"end":0.5},{"word":"bye","start":3.0,"end":3.4}]}]},
            {"alternatives":[{"transcript":"hi","words":[{"word":"hi","start":1.0,"end":1.3}]}]}]}}"#;
        let t = parse(src).expect("reads");
        let who: Vec<_> = rows(&t).into_iter().map(|r| (r.0, r.1)).collect();
        assert_eq!(
            who,
            [
                (Some("Channel 1"), "hello"),
                (Some("Channel 2"), "hi"),
                (Some("Channel 1"), "bye")
            ]
        );
    }

    #[test]
    fn what_is_missing_or_wrong_is_named() {
        let e = parse(r#"{"metadata":{}}"#).expect_err("no results");
        assert_eq!(e.message, "Deepgram JSON without results, so there is nothing to read");
        let e = parse(r#"{"results":{}}"#).expect_err("no channels");
        assert!(
            e.message.contains("without results.channels or results.utterances"),
            "{e}"
        );
        let e =
            parse(r#"{"results":{"channels":[{"alternatives":[{"words":[{"word":"a","start":1,"confidence":7}]}]}]}}"#)
                .expect_err("bad confidence");
        assert_eq!(
            e.message,
            "channel 1, word 1: the confidence is 7; it must be from 0 to 1"
        );
    }
}
