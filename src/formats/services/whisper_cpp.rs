//! whisper.cpp's JSON (`-oj`, and `-ojf` with tokens): `transcription[]` segments with `offsets` in
//! milliseconds and `text`; with `-ojf`, `tokens` whose `p` is how sure the model was. Tokens are pieces of
//! words: a token that starts with a space starts a word, special tokens (`[_BEG_]`, `[_TT_150]`) are
//! left out, and a word's confidence is the mean of its pieces' (punctuation aside). Where the pieces do not spell the segment's
//! text, the text is kept without word times. A segment's `speaker` (stereo diarization) names it.

use super::{Heard, Stretch, from_json, has_keys, millis, missing, numbered, transcript};
use crate::formats::ParseError;
use crate::model::Transcript;
use serde::Deserialize;

const SERVICE: &str = "whisper.cpp";

#[derive(Deserialize)]
struct Output {
    #[serde(default)]
    transcription: Option<Vec<Segment>>,
    #[serde(default)]
    result: Option<Language>,
}

#[derive(Deserialize)]
struct Language {
    #[serde(default)]
    language: Option<String>,
}

#[derive(Deserialize)]
struct Segment {
    #[serde(default)]
    offsets: Option<Offsets>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    tokens: Vec<Token>,
    #[serde(default)]
    speaker: Option<String>,
}

#[derive(Deserialize, Clone, Copy)]
struct Offsets {
    #[serde(default)]
    from: Option<f64>,
    #[serde(default)]
    to: Option<f64>,
}

#[derive(Deserialize)]
struct Token {
    #[serde(default)]
    text: String,
    #[serde(default)]
    offsets: Option<Offsets>,
    #[serde(default)]
    p: Option<f64>,
}

fn special(token: &str) -> bool {
    let t = token.trim();
    (t.starts_with("[_") && t.ends_with(']')) || (t.starts_with("<|") && t.ends_with("|>"))
}

/// The words the tokens spell, each with its pieces' mean confidence: of its letters' pieces, or of all
/// of them for a word without letters.
fn words(tokens: &[Token], what: &dyn Fn(usize) -> String) -> Result<Vec<Heard>, ParseError> {
    let mut out: Vec<(Heard, Vec<(f64, bool)>)> = Vec::new();
    for (n, token) in tokens.iter().enumerate() {
        if special(&token.text) || token.text.is_empty() {
            continue;
        }
        let offsets = token.offsets.unwrap_or(Offsets { from: None, to: None });
        let start = millis(offsets.from, &|| what(n))?;
        let end = millis(offsets.to, &|| what(n))?;
        let piece = token.text.trim();
        let p = token
            .p
            .filter(|p| (0.0..=1.0).contains(p))
            .map(|p| (p, piece.chars().any(char::is_alphanumeric)));
        match out.last_mut() {
            Some((word, ps)) if !token.text.starts_with(char::is_whitespace) => {
                word.text.push_str(piece);
                word.end = end.or(word.end);
                ps.extend(p);
            }
            _ if piece.is_empty() => {}
            _ => out.push((Heard::word(piece, start, end, None), p.into_iter().collect())),
        }
    }
    Ok(out
        .into_iter()
        .map(|(mut word, ps)| {
            let letters: Vec<f64> = ps.iter().filter(|(_, alnum)| *alnum).map(|(p, _)| *p).collect();
            let all: Vec<f64> = ps.iter().map(|(p, _)| *p).collect();
            let of = if letters.is_empty() { all } else { letters };
            word.confidence = (!of.is_empty()).then(|| (of.iter().sum::<f64>() / of.len() as f64) as f32);
            word
        })
        .collect())
}

pub fn parse(src: &str) -> Result<Transcript, ParseError> {
    let output: Output = from_json(src, SERVICE)?;
    let segments = output.transcription.ok_or_else(|| missing(SERVICE, "transcription"))?;
    let mut out = Vec::with_capacity(segments.len());
    for (k, segment) in segments.iter().enumerate() {
        let place = || format!("segment {}", k + 1);
        let offsets = segment.offsets.unwrap_or(Offsets { from: None, to: None });
        let mut heard = words(&segment.tokens, &|n| format!("segment {}, token {}", k + 1, n + 1))?;
        let spelled = heard.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
        if spelled != segment.text.split_whitespace().collect::<Vec<_>>().join(" ") {
            heard.clear();
        }
        out.push(Stretch {
            speaker: segment
                .speaker
                .as_deref()
                .map(|s| s.trim().trim_start_matches("(speaker ").trim_end_matches(')'))
                .filter(|s| !s.is_empty() && *s != "?")
                .map(numbered),
            start: millis(offsets.from, &place)?,
            end: millis(offsets.to, &place)?,
            text: segment.text.clone(),
            words: heard,
        });
    }
    Ok(transcript(out, output.result.and_then(|r| r.language)))
}

service_format!(
    WhisperCpp,
    "whisper-cpp",
    "whisper.cpp JSON",
    |bytes| has_keys(bytes, &["transcription", "offsets"]) || has_keys(bytes, &["systeminfo", "transcription"]),
    parse
);

#[cfg(test)]
mod tests {
    use super::super::rows;
    use super::*;
    use crate::formats::{Format, fixture};

    #[test]
    fn segments_with_tokens_joined_into_words() {
        let t = WhisperCpp.read(&fixture("whisper-cpp.json")).expect("reads").transcript;
        assert_eq!(
            rows(&t),
            [
                (None, "Welkom bij Tuinpraat.", Some(0.0), Some(2.2)),
                (None, "Vandaag: kiwibessen.", Some(2.2), Some(4.6)),
            ]
        );
        let w = &t.turns[0].words[2];
        assert_eq!((w.text.as_str(), w.start, w.end), ("Tuinpraat.", Some(0.9), Some(2.2)));
        let p = w.confidence.expect("a confidence");
        assert!((p - 0.5).abs() < 1e-6, "the mean of 0.4, 0.5 and 0.6: {p}");
        assert_eq!(t.turns[1].words.len(), 2, "the special tokens are not words");
        assert_eq!(t.meta.language.as_deref(), Some("nl"));
    }

    #[test]
    fn without_tokens_or_when_they_do_not_spell_the_text_the_text_is_kept() {
        let src = r#"{"transcription":[
            {"offsets":{"from":0,"to":1500},"text":" Goedemorgen allemaal."},
            {"offsets":{"from":1500,"to":2000},"text":" Ja.","speaker":"1","tokens":[{"text":" Nee","offsets":{"from":1500,"to":2000},"p":0.2}]}]}"#;
        let t = parse(src).expect("reads");
        assert_eq!(
            rows(&t),
            [
                (None, "Goedemorgen allemaal.", Some(0.0), Some(1.5)),
                (Some("Speaker 1"), "Ja.", Some(1.5), Some(2.0))
            ]
        );
        assert!(t.turns[1].words.iter().all(|w| w.confidence.is_none()));
    }

    #[test]
    fn what_is_missing_is_named() {
        let e = parse(r#"{"systeminfo":"AVX = 1","model":{}}"#).expect_err("no transcription");
        assert_eq!(
            e.message,
            "whisper.cpp JSON without transcription, so there is nothing to read"
        );
    }
}
