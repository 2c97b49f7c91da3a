//! Rev.ai's transcript JSON: `monologues[]`, each a speaker's (`speaker` a number, shown as `Speaker 0`,
//! or its `speaker_name`), made of `elements[]`: `text` elements are words with `ts`, `end_ts` and
//! `confidence`, `punct` elements punctuation (or the spaces between words), `unknown` ones tags such as
//! `<inaudible>`, kept as words.

use super::{Heard, Stretch, confidence, from_json, has_keys, missing, numbered, seconds, transcript};
use crate::formats::ParseError;
use crate::model::Transcript;
use serde::Deserialize;

const SERVICE: &str = "Rev.ai";

#[derive(Deserialize)]
struct Response {
    #[serde(default)]
    monologues: Option<Vec<Monologue>>,
}

#[derive(Deserialize)]
struct Monologue {
    #[serde(default)]
    speaker: Option<i64>,
    #[serde(default)]
    speaker_name: Option<String>,
    #[serde(default)]
    elements: Vec<Element>,
}

#[derive(Deserialize)]
struct Element {
    #[serde(default, rename = "type")]
    kind: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    ts: Option<f64>,
    #[serde(default)]
    end_ts: Option<f64>,
    #[serde(default)]
    confidence: Option<f64>,
}

pub fn parse(src: &str) -> Result<Transcript, ParseError> {
    let response: Response = from_json(src, SERVICE)?;
    let monologues = response.monologues.ok_or_else(|| missing(SERVICE, "monologues"))?;
    let mut out = Vec::with_capacity(monologues.len());
    for (m, monologue) in monologues.iter().enumerate() {
        let mut words = Vec::with_capacity(monologue.elements.len());
        for (n, e) in monologue.elements.iter().enumerate() {
            let what = || format!("monologue {}, element {}", m + 1, n + 1);
            if e.kind == "punct" {
                if !e.value.trim().is_empty() {
                    words.push(Heard::punctuation(e.value.as_str()));
                }
                continue;
            }
            words.push(Heard::word(
                e.value.as_str(),
                seconds(e.ts, &what)?,
                seconds(e.end_ts, &what)?,
                confidence(e.confidence, &what)?,
            ));
        }
        let name = monologue
            .speaker_name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        out.push(Stretch {
            speaker: name.map(str::to_string).or_else(|| monologue.speaker.map(numbered)),
            words,
            ..Stretch::default()
        });
    }
    Ok(transcript(out, None))
}

service_format!(
    Revai,
    "revai",
    "Rev.ai JSON",
    |bytes| has_keys(bytes, &["monologues"]),
    parse
);

#[cfg(test)]
mod tests {
    use super::super::rows;
    use super::*;
    use crate::formats::{Format, fixture};

    #[test]
    fn monologues_with_words_punctuation_and_tags() {
        let t = Revai.read(&fixture("revai.json")).expect("reads").transcript;
        assert_eq!(
            rows(&t),
            [
                (Some("Speaker 0"), "Where were you on Tuesday?", Some(0.5), Some(1.9)),
                (
                    Some("Noor"),
                    "At the <inaudible> market, I think.",
                    Some(2.2),
                    Some(4.1)
                ),
            ]
        );
        let tag = &t.turns[1].words[2];
        assert_eq!(
            (tag.text.as_str(), tag.start, tag.confidence),
            ("<inaudible>", Some(2.7), None)
        );
        let market = &t.turns[1].words[3];
        assert_eq!((market.text.as_str(), market.confidence), ("market,", Some(0.38)));
    }

    #[test]
    fn what_is_missing_or_wrong_is_named() {
        let e = parse(r#"{"id":"x"}"#).expect_err("no monologues");
        assert_eq!(e.message, "Rev.ai JSON without monologues, so there is nothing to read");
        let e = parse(r#"{"monologues":[{"speaker":0,"elements":[{"type":"text","value":"a","ts":-1}]}]}"#)
            .expect_err("negative");
        assert!(e.message.starts_with("monologue 1, element 1: the time"), "{e}");
    }
}
