//! Amazon Transcribe's JSON: a standard job's output (`results.items`, each a pronunciation with its
//! times and confidence as text, or a punctuation mark; speakers from the items' `speaker_label` or from
//! `results.speaker_labels.segments`; with channel identification, each channel a speaker) and Call
//! Analytics' (`Transcript[]` of the AGENT's and the CUSTOMER's turns, times in milliseconds).

use super::{
    Heard, Stretch, by_speaker, confidence, from_json, has_keys, millis, missing, number, seconds, transcript,
};
use crate::formats::ParseError;
use crate::model::Transcript;
use serde::Deserialize;
use std::collections::HashMap;

const SERVICE: &str = "Amazon Transcribe";

#[derive(Deserialize)]
struct Job<'a> {
    #[serde(borrow, default)]
    results: Option<Results<'a>>,
    #[serde(rename = "Transcript", borrow, default)]
    call: Option<Vec<CallTurn<'a>>>,
    #[serde(rename = "LanguageCode", default)]
    call_language: Option<String>,
}

#[derive(Deserialize)]
struct Results<'a> {
    #[serde(borrow, default)]
    items: Option<Vec<Item<'a>>>,
    #[serde(default)]
    language_code: Option<String>,
    #[serde(borrow, default)]
    speaker_labels: Option<SpeakerLabels<'a>>,
    #[serde(borrow, default)]
    channel_labels: Option<ChannelLabels<'a>>,
}

#[derive(Deserialize)]
struct Item<'a> {
    #[serde(borrow, default)]
    start_time: Option<&'a str>,
    #[serde(borrow, default)]
    end_time: Option<&'a str>,
    #[serde(borrow, default)]
    alternatives: Vec<Alternative<'a>>,
    #[serde(borrow, default, rename = "type")]
    kind: Option<&'a str>,
    #[serde(borrow, default)]
    speaker_label: Option<&'a str>,
}

#[derive(Deserialize)]
struct Alternative<'a> {
    #[serde(borrow, default)]
    confidence: Option<&'a str>,
    #[serde(default)]
    content: String,
}

#[derive(Deserialize)]
struct SpeakerLabels<'a> {
    #[serde(borrow, default)]
    segments: Vec<SpeakerSegment<'a>>,
}

#[derive(Deserialize)]
struct SpeakerSegment<'a> {
    #[serde(borrow, default)]
    speaker_label: Option<&'a str>,
    #[serde(borrow, default)]
    items: Vec<SegmentItem<'a>>,
}

#[derive(Deserialize)]
struct SegmentItem<'a> {
    #[serde(borrow, default)]
    start_time: Option<&'a str>,
}

#[derive(Deserialize)]
struct ChannelLabels<'a> {
    #[serde(borrow, default)]
    channels: Vec<Channel<'a>>,
}

#[derive(Deserialize)]
struct Channel<'a> {
    #[serde(borrow, default)]
    channel_label: Option<&'a str>,
    #[serde(borrow, default)]
    items: Vec<Item<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CallTurn<'a> {
    #[serde(default)]
    content: String,
    #[serde(default)]
    begin_offset_millis: Option<f64>,
    #[serde(default)]
    end_offset_millis: Option<f64>,
    #[serde(borrow, default)]
    participant_role: Option<&'a str>,
    #[serde(borrow, default)]
    items: Vec<CallItem<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CallItem<'a> {
    #[serde(default)]
    content: String,
    #[serde(default)]
    begin_offset_millis: Option<f64>,
    #[serde(default)]
    end_offset_millis: Option<f64>,
    #[serde(default)]
    confidence: Option<f64>,
    #[serde(borrow, default, rename = "Type")]
    kind: Option<&'a str>,
}

/// One item as heard, `n` its place for errors.
fn heard(item: &Item<'_>, n: usize, place: &str) -> Result<Heard, ParseError> {
    let what = || format!("{place}item {n}");
    let best = item.alternatives.first();
    let text = best.map_or("", |a| a.content.as_str());
    if item.kind == Some("punctuation") {
        return Ok(Heard::punctuation(text));
    }
    let start = seconds(number(item.start_time, &what)?, &what)?;
    let end = seconds(number(item.end_time, &what)?, &what)?;
    let sure = confidence(number(best.and_then(|a| a.confidence), &what)?, &what)?;
    Ok(Heard::word(text, start, end, sure))
}

/// A standard job's words, each with its speaker.
fn standard(results: &Results<'_>) -> Result<Vec<Stretch>, ParseError> {
    let speaker_of_start: HashMap<&str, &str> = results
        .speaker_labels
        .iter()
        .flat_map(|l| &l.segments)
        .flat_map(|s| s.items.iter().map(move |i| (i.start_time, s.speaker_label)))
        .filter_map(|(start, label)| Some((start?, label?)))
        .collect();
    let channels = results.channel_labels.as_ref().map_or(&[][..], |c| &c.channels[..]);
    let labelled = results.items.iter().flatten().any(|i| i.speaker_label.is_some()) || !speaker_of_start.is_empty();
    if !labelled && channels.len() > 1 {
        return by_channel(channels);
    }
    let items = results
        .items
        .as_ref()
        .ok_or_else(|| missing(SERVICE, "results.items"))?;
    let mut words = Vec::with_capacity(items.len());
    let mut speaker: Option<String> = None;
    for (n, item) in items.iter().enumerate() {
        if item.kind != Some("punctuation") {
            speaker = item
                .speaker_label
                .or_else(|| item.start_time.and_then(|s| speaker_of_start.get(s).copied()))
                .map(str::to_string)
                .or(speaker);
        }
        words.push((speaker.clone(), heard(item, n + 1, "")?));
    }
    Ok(by_speaker(words))
}

/// Channel identification without speaker labels: each channel a speaker (`ch_0`), their words in time
/// order, a punctuation mark staying with the word before it.
fn by_channel(channels: &[Channel<'_>]) -> Result<Vec<Stretch>, ParseError> {
    let mut pieces: Vec<(f64, Option<String>, Vec<Heard>)> = Vec::new();
    for (c, channel) in channels.iter().enumerate() {
        let label = channel.channel_label.map(str::to_string);
        let place = format!("channel {}, ", c + 1);
        for (n, item) in channel.items.iter().enumerate() {
            let word = heard(item, n + 1, &place)?;
            match pieces.last_mut() {
                Some(last) if word.punctuation && last.1 == label => last.2.push(word),
                _ => pieces.push((word.start.unwrap_or(0.0), label.clone(), vec![word])),
            }
        }
    }
    pieces.sort_by(|a, b| a.0.total_cmp(&b.0));
    Ok(by_speaker(pieces.into_iter().flat_map(|(_, label, words)| {
        words.into_iter().map(move |w| (label.clone(), w))
    })))
}

/// Call Analytics' turns: AGENT and CUSTOMER as Agent and Customer.
fn call(turns: &[CallTurn<'_>]) -> Result<Vec<Stretch>, ParseError> {
    let mut out = Vec::with_capacity(turns.len());
    for (k, turn) in turns.iter().enumerate() {
        let place = || format!("Transcript turn {}", k + 1);
        let mut words = Vec::with_capacity(turn.items.len());
        for (n, item) in turn.items.iter().enumerate() {
            let what = || format!("Transcript turn {}, item {}", k + 1, n + 1);
            words.push(if item.kind == Some("punctuation") {
                Heard::punctuation(item.content.as_str())
            } else {
                Heard::word(
                    item.content.as_str(),
                    millis(item.begin_offset_millis, &what)?,
                    millis(item.end_offset_millis, &what)?,
                    confidence(item.confidence, &what)?,
                )
            });
        }
        out.push(Stretch {
            speaker: turn.participant_role.map(role),
            start: millis(turn.begin_offset_millis, &place)?,
            end: millis(turn.end_offset_millis, &place)?,
            text: turn.content.clone(),
            words,
        });
    }
    Ok(out)
}

/// `AGENT` as `Agent`.
fn role(r: &str) -> String {
    let lower = r.to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub fn parse(src: &str) -> Result<Transcript, ParseError> {
    let job: Job = from_json(src, SERVICE)?;
    if let Some(turns) = &job.call {
        return Ok(transcript(call(turns)?, job.call_language.clone()));
    }
    let results = job.results.as_ref().ok_or_else(|| missing(SERVICE, "results"))?;
    Ok(transcript(standard(results)?, results.language_code.clone()))
}

service_format!(
    Amazon,
    "amazon",
    "Amazon Transcribe JSON",
    |bytes| {
        has_keys(bytes, &["jobName", "results"])
            || has_keys(bytes, &["transcripts", "items"])
            || has_keys(bytes, &["ParticipantRole", "BeginOffsetMillis"])
    },
    parse
);

#[cfg(test)]
mod tests {
    use super::super::rows;
    use super::*;
    use crate::formats::{Format, fixture};

    #[test]
    fn a_standard_job_with_speaker_labels_and_punctuation() {
        let loaded = Amazon.read(&fixture("amazon-transcribe.json")).expect("reads");
        let t = loaded.transcript;
        assert_eq!(
            rows(&t),
            [
                (
                    Some("spk_0"),
                    "Welcome back to the garden hour.",
                    Some(0.04),
                    Some(1.89)
                ),
                (Some("spk_1"), "Thanks, Mia.", Some(2.1), Some(2.83)),
                (Some("spk_0"), "Let's plant tomatoes.", Some(3.2), Some(4.61)),
            ]
        );
        let thanks = &t.turns[1].words[0];
        assert_eq!(
            (thanks.text.as_str(), thanks.start, thanks.confidence),
            ("Thanks,", Some(2.1), Some(0.62))
        );
        assert_eq!(t.meta.language.as_deref(), Some("en-US"));
    }

    #[test]
    fn an_older_job_takes_its_speakers_from_the_segments() {
        let src = r#"{"jobName":"old","results":{"transcripts":[{"transcript":"Hi. Yes."}],
            "speaker_labels":{"speakers":2,"segments":[
              {"start_time":"0.5","end_time":"0.9","speaker_label":"spk_0","items":[{"start_time":"0.5","end_time":"0.9","speaker_label":"spk_0"}]},
              {"start_time":"1.0","end_time":"1.4","speaker_label":"spk_1","items":[{"start_time":"1.0","end_time":"1.4","speaker_label":"spk_1"}]}]},
            "items":[
              {"start_time":"0.5","end_time":"0.9","alternatives":[{"confidence":"0.9","content":"Hi"}],"type":"pronunciation"},
              {"alternatives":[{"confidence":"0.0","content":"."}],"type":"punctuation"},
              {"start_time":"1.0","end_time":"1.4","alternatives":[{"confidence":"1.0","content":"Yes"}],"type":"pronunciation"},
              {"alternatives":[{"confidence":"0.0","content":"."}],"type":"punctuation"}]}}"#;
        let t = parse(src).expect("reads");
        assert_eq!(
            rows(&t),
            [
                (Some("spk_0"), "Hi.", Some(0.5), Some(0.9)),
                (Some("spk_1"), "Yes.", Some(1.0), Some(1.4))
            ]
        );
    }

    #[test]
    fn channels_are_speakers_in_time_order() {
        let src = r#"{"jobName":"ch","results":{"transcripts":[{"transcript":"x"}],"items":[],
            "channel_labels":{"number_of_channels":2,"channels":[
              {"channel_label":"ch_0","items":[
                {"start_time":"0.0","end_time":"0.4","alternatives":[{"confidence":"0.9","content":"Hello"}],"type":"pronunciation"},
                {"alternatives":[{"confidence":"0.0","content":"?"}],"type":"punctuation"},
                {"start_time":"2.0","end_time":"2.4","alternatives":[{"confidence":"0.9","content":"Good"}],"type":"pronunciation"}]},
              {"channel_label":"ch_1","items":[
                {"start_time":"1.0","end_time":"1.3","alternatives":[{"confidence":"0.8","content":"Hi"}],"type":"pronunciation"}]}]}}}"#;
        let t = parse(src).expect("reads");
        let who: Vec<(Option<&str>, &str)> = rows(&t).into_iter().map(|r| (r.0, r.1)).collect();
        assert_eq!(
            who,
            [(Some("ch_0"), "Hello?"), (Some("ch_1"), "Hi"), (Some("ch_0"), "Good")]
        );
    }

    #[test]
    fn call_analytics_agent_and_customer() {
        let t = Amazon.read(&fixture("amazon-call.json")).expect("reads").transcript;
        assert_eq!(
            rows(&t),
            [
                (
                    Some("Agent"),
                    "Thank you for calling, how can I help?",
                    Some(0.25),
                    Some(2.9)
                ),
                (Some("Customer"), "My order did not arrive.", Some(3.4), Some(5.1)),
            ]
        );
        assert_eq!(t.turns[1].words[1].confidence, Some(0.41));
    }

    #[test]
    fn what_is_missing_or_wrong_is_named() {
        let e = parse(r#"{"jobName":"x","status":"IN_PROGRESS"}"#).expect_err("no results");
        assert_eq!(
            e.message,
            "Amazon Transcribe JSON without results, so there is nothing to read"
        );
        let e = parse(r#"{"jobName":"x","results":{"transcripts":[]}}"#).expect_err("no items");
        assert!(e.message.contains("without results.items"), "{e}");
        let e = parse(
            r#"{"results":{"items":[{"start_time":"soon","alternatives":[{"content":"x"}],"type":"pronunciation"}]}}"#,
        )
        .expect_err("bad time");
        assert_eq!(e.message, "item 1: \"soon\" is not a number");
    }
}
