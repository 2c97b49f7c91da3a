//! Azure Speech batch transcription's JSON: `recognizedPhrases[]`, each with its `speaker` (a number, as
//! `Speaker 1`; else its `channel` where there are several), its time (`offset` and `duration` as ISO 8601
//! durations such as `PT1.23S`, or `offsetInTicks` of 100 ns) and its best reading `nBest[0]`: the
//! `display` text, with word times from `displayWords` or, where the display text has as many words as
//! the lexical `words`, from those.

use super::{Heard, Stretch, confidence, from_json, has_keys, missing, numbered, seconds, transcript};
use crate::formats::ParseError;
use crate::model::Transcript;
use serde::Deserialize;

const SERVICE: &str = "Azure Speech";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Response {
    #[serde(default)]
    recognized_phrases: Option<Vec<Phrase>>,
    #[serde(default)]
    locale: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Phrase {
    #[serde(default)]
    recognition_status: Option<String>,
    #[serde(default)]
    speaker: Option<i64>,
    #[serde(default)]
    channel: Option<i64>,
    #[serde(default)]
    locale: Option<String>,
    #[serde(flatten)]
    time: Timing,
    #[serde(default)]
    n_best: Vec<Reading>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Timing {
    #[serde(default)]
    offset: Option<String>,
    #[serde(default)]
    duration: Option<String>,
    #[serde(default)]
    offset_in_ticks: Option<f64>,
    #[serde(default)]
    duration_in_ticks: Option<f64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Reading {
    #[serde(default)]
    display: String,
    #[serde(default)]
    words: Vec<AzWord>,
    #[serde(default)]
    display_words: Vec<AzWord>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AzWord {
    #[serde(default, alias = "displayText")]
    word: String,
    #[serde(flatten)]
    time: Timing,
    #[serde(default)]
    confidence: Option<f64>,
}

/// An ISO 8601 duration (`PT1H2M3.5S`) in seconds.
fn iso(text: &str) -> Option<f64> {
    let rest = text.trim().strip_prefix("PT")?;
    let mut total = 0.0;
    let mut number = String::new();
    for c in rest.chars() {
        match c {
            '0'..='9' | '.' => number.push(c),
            'H' | 'M' | 'S' => {
                let v: f64 = std::mem::take(&mut number).parse().ok()?;
                total += v * match c {
                    'H' => 3600.0,
                    'M' => 60.0,
                    _ => 1.0,
                };
            }
            _ => return None,
        }
    }
    number.is_empty().then_some(total)
}

impl Timing {
    /// Start and end in seconds.
    fn span(&self, what: &dyn Fn() -> String) -> Result<(Option<f64>, Option<f64>), ParseError> {
        let read = |text: &Option<String>, ticks: Option<f64>| -> Result<Option<f64>, ParseError> {
            let v = match (ticks, text) {
                (Some(t), _) => Some(t / 1e7),
                (None, Some(text)) => Some(iso(text).ok_or_else(|| {
                    ParseError::new(
                        1,
                        1,
                        format!("{}: {text:?} is not a duration such as \"PT1.5S\"", what()),
                    )
                })?),
                (None, None) => None,
            };
            seconds(v, what)
        };
        let start = read(&self.offset, self.offset_in_ticks)?;
        let length = read(&self.duration, self.duration_in_ticks)?;
        // To the microsecond: 0.07 + 1.59 is 1.66, not 1.6600000000000001.
        Ok((start, start.zip(length).map(|(s, l)| ((s + l) * 1e6).round() / 1e6)))
    }
}

fn words(reading: &Reading, what: &dyn Fn(usize) -> String) -> Result<Vec<Heard>, ParseError> {
    let display: Vec<&str> = reading.display.split_whitespace().collect();
    let source = if !reading.display_words.is_empty() {
        &reading.display_words
    } else if reading.words.len() == display.len() {
        &reading.words
    } else {
        return Ok(Vec::new());
    };
    let mut out = Vec::with_capacity(source.len());
    for (n, w) in source.iter().enumerate() {
        let (start, end) = w.time.span(&|| what(n))?;
        // Lexical words take the display text's spelling (capitals, punctuation).
        let text = if source.len() == display.len() {
            display[n]
        } else {
            w.word.as_str()
        };
        out.push(Heard::word(text, start, end, confidence(w.confidence, &|| what(n))?));
    }
    Ok(out)
}

pub fn parse(src: &str) -> Result<Transcript, ParseError> {
    let response: Response = from_json(src, SERVICE)?;
    let phrases = response
        .recognized_phrases
        .ok_or_else(|| missing(SERVICE, "recognizedPhrases"))?;
    let several_channels = phrases.iter().any(|p| p.channel.unwrap_or(0) > 0);
    let mut out = Vec::with_capacity(phrases.len());
    for (k, phrase) in phrases.iter().enumerate() {
        if phrase.recognition_status.as_deref().is_some_and(|s| s != "Success") {
            continue;
        }
        let Some(best) = phrase.n_best.first() else {
            continue;
        };
        let (start, end) = phrase.time.span(&|| format!("phrase {}", k + 1))?;
        let speaker = match (phrase.speaker, phrase.channel) {
            (Some(s), _) => Some(numbered(s)),
            (None, Some(c)) if several_channels => Some(format!("Channel {c}")),
            _ => None,
        };
        out.push(Stretch {
            speaker,
            start,
            end,
            text: best.display.clone(),
            words: words(best, &|n| format!("phrase {}, word {}", k + 1, n + 1))?,
        });
    }
    let language = response
        .locale
        .or_else(|| phrases.iter().find_map(|p| p.locale.clone()));
    Ok(transcript(out, language))
}

service_format!(
    Azure,
    "azure",
    "Azure Speech JSON",
    |bytes| has_keys(bytes, &["recognizedPhrases"]),
    parse
);

#[cfg(test)]
mod tests {
    use super::super::rows;
    use super::*;
    use crate::formats::{Format, fixture};

    #[test]
    fn phrases_of_speakers_with_display_text_and_word_times() {
        let t = Azure.read(&fixture("azure-batch.json")).expect("reads").transcript;
        assert_eq!(
            rows(&t),
            [
                (Some("Speaker 1"), "The train leaves at 9.", Some(0.07), Some(1.66)),
                (Some("Speaker 2"), "Platform two?", Some(2.0), Some(2.9)),
            ]
        );
        let w = &t.turns[0].words[4];
        assert_eq!((w.text.as_str(), w.start, w.confidence), ("9.", Some(1.2), Some(0.43)));
        assert_eq!(t.turns[1].words[0].start, Some(2.0), "ticks read as 100 ns");
        assert_eq!(t.meta.language.as_deref(), Some("en-US"));
    }

    #[test]
    fn iso_durations() {
        assert_eq!(iso("PT1.23S"), Some(1.23));
        assert_eq!(iso("PT1H2M3.5S"), Some(3723.5));
        assert_eq!(iso("PT0S"), Some(0.0));
        assert_eq!(iso("1.5"), None);
        assert_eq!(iso("PT1.5"), None);
    }

    #[test]
    fn what_is_missing_or_wrong_is_named() {
        let e = parse(r#"{"source":"x","combinedRecognizedPhrases":[]}"#).expect_err("no phrases");
        assert_eq!(
            e.message,
            "Azure Speech JSON without recognizedPhrases, so there is nothing to read"
        );
        let e = parse(r#"{"recognizedPhrases":[{"offset":"later","nBest":[{"display":"Hi."}]}]}"#).expect_err("bad");
        assert_eq!(e.message, "phrase 1: \"later\" is not a duration such as \"PT1.5S\"");
    }
}
