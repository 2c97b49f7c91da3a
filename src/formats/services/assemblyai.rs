//! AssemblyAI's transcript JSON: `utterances[]` when speaker labels were asked for (a speaker `A` as
//! `Speaker A`), else the transcript's `words[]`; times in milliseconds, each word with its confidence.

use super::{Heard, Stretch, by_speaker, confidence, from_json, has_keys, millis, missing, transcript};
use crate::formats::ParseError;
use crate::model::Transcript;
use serde::Deserialize;

const SERVICE: &str = "AssemblyAI";

#[derive(Deserialize)]
struct Response {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    words: Option<Vec<AaiWord>>,
    #[serde(default)]
    utterances: Option<Vec<Utterance>>,
    #[serde(default)]
    language_code: Option<String>,
}

#[derive(Deserialize)]
struct AaiWord {
    #[serde(default)]
    text: String,
    #[serde(default)]
    start: Option<f64>,
    #[serde(default)]
    end: Option<f64>,
    #[serde(default)]
    confidence: Option<f64>,
    #[serde(default)]
    speaker: Option<String>,
}

#[derive(Deserialize)]
struct Utterance {
    #[serde(default)]
    text: String,
    #[serde(default)]
    start: Option<f64>,
    #[serde(default)]
    end: Option<f64>,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    words: Vec<AaiWord>,
}

fn heard(w: &AaiWord, what: &dyn Fn() -> String) -> Result<Heard, ParseError> {
    Ok(Heard::word(
        w.text.as_str(),
        millis(w.start, what)?,
        millis(w.end, what)?,
        confidence(w.confidence, what)?,
    ))
}

fn label(speaker: Option<&String>) -> Option<String> {
    speaker
        .filter(|s| !s.trim().is_empty())
        .map(|s| format!("Speaker {}", s.trim()))
}

pub fn parse(src: &str) -> Result<Transcript, ParseError> {
    let response: Response = from_json(src, SERVICE)?;
    let stretches = match (&response.utterances, &response.words, &response.text) {
        (Some(list), _, _) if !list.is_empty() => {
            let mut out = Vec::with_capacity(list.len());
            for (u, utterance) in list.iter().enumerate() {
                let mut words = Vec::with_capacity(utterance.words.len());
                for (n, w) in utterance.words.iter().enumerate() {
                    words.push(heard(w, &|| format!("utterance {}, word {}", u + 1, n + 1))?);
                }
                let place = || format!("utterance {}", u + 1);
                out.push(Stretch {
                    speaker: label(utterance.speaker.as_ref()),
                    start: millis(utterance.start, &place)?,
                    end: millis(utterance.end, &place)?,
                    text: utterance.text.clone(),
                    words,
                });
            }
            out
        }
        (_, Some(words), _) if !words.is_empty() => {
            let mut heard_words = Vec::with_capacity(words.len());
            for (n, w) in words.iter().enumerate() {
                heard_words.push((label(w.speaker.as_ref()), heard(w, &|| format!("word {}", n + 1))?));
            }
            by_speaker(heard_words)
        }
        (_, _, Some(text)) if !text.trim().is_empty() => vec![Stretch {
            text: text.clone(),
            ..Stretch::default()
        }],
        _ => {
            let what = match response.status.as_deref() {
                Some(status) if status != "completed" => {
                    format!(
                        "words or utterances (the job's status is \"{status}\": fetch it again when it is \"completed\")"
                    )
                }
                _ => "words or utterances".to_string(),
            };
            return Err(missing(SERVICE, &what));
        }
    };
    Ok(transcript(stretches, response.language_code))
}

service_format!(
    AssemblyAi,
    "assemblyai",
    "AssemblyAI JSON",
    |bytes| has_keys(bytes, &["audio_url", "status"]),
    parse
);

#[cfg(test)]
mod tests {
    use super::super::rows;
    use super::*;
    use crate::formats::{Format, fixture};

    #[test]
    fn utterances_of_speakers_with_words_in_milliseconds() {
        let t = AssemblyAi.read(&fixture("assemblyai.json")).expect("reads").transcript;
        assert_eq!(
            rows(&t),
            [
                (Some("Speaker A"), "So how did the harvest go?", Some(0.24), Some(1.92)),
                (Some("Speaker B"), "Better than last year.", Some(2.3), Some(3.64)),
            ]
        );
        let w = &t.turns[1].words[0];
        assert_eq!(
            (w.text.as_str(), w.start, w.end, w.confidence),
            ("Better", Some(2.3), Some(2.6), Some(0.55))
        );
        assert_eq!(t.meta.language.as_deref(), Some("en_us"));
    }

    #[test]
    fn words_alone_and_text_alone() {
        let src = r#"{"id":"x","status":"completed","audio_url":"a.mp3","text":"Hi. Yes.","utterances":null,
            "words":[{"text":"Hi.","start":100,"end":400,"confidence":0.9,"speaker":null},
                     {"text":"Yes.","start":500,"end":800,"confidence":0.3,"speaker":null}]}"#;
        let t = parse(src).expect("reads");
        assert_eq!(rows(&t), [(None, "Hi. Yes.", Some(0.1), Some(0.8))]);
        let t = parse(r#"{"status":"completed","audio_url":"a","text":"Only text."}"#).expect("reads");
        assert_eq!(rows(&t), [(None, "Only text.", None, None)]);
    }

    #[test]
    fn a_job_not_yet_done_says_so() {
        let e =
            parse(r#"{"id":"x","status":"queued","audio_url":"a.mp3","text":null,"words":null}"#).expect_err("queued");
        assert_eq!(
            e.message,
            "AssemblyAI JSON without words or utterances (the job's status is \"queued\": fetch it again when it \
             is \"completed\"), so there is nothing to read"
        );
    }
}
