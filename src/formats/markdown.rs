//! Markdown (`.md`): `**Name:** text` paragraphs, with times when the turns have them
//! (`**Mia (00:01:23.000 - 00:01:27.000):** text`). It reads back through the plain text reader, which knows
//! bold labels. Transcripts as podcast sites publish them read too: `**Emma** [0:00] text`, `**Emma**` on
//! a line of its own before her paragraphs, and `### Emma` headings (the heading level whose names recur)
//! with paragraphs; other headings (`## Show notes`) are left out with a warning. HTML character
//! references (`&#39;`, `&amp;`) are decoded, and written as `&amp;` where a text holds one literally.

use super::time::format_clock;
use super::{Format, Loaded, ParseError, WriteError, decode, text};
use crate::model::Transcript;
use regex::Regex;
use std::sync::LazyLock;

pub struct Markdown;

pub fn render(t: &Transcript) -> String {
    let mut out = String::new();
    let escapes = text::LineEscapes::every_label_like_line();
    if let Some(title) = &t.meta.title {
        out.push_str(&format!("# {}\n\n", title.replace('\n', " ")));
    }
    for turn in &t.turns {
        if let Some(name) = t.speaker_name(turn.speaker.as_ref()) {
            let times = match (turn.start, turn.end) {
                (Some(s), Some(e)) => format!(" ({} - {})", format_clock(s), format_clock(e)),
                (Some(s), None) => format!(" ({})", format_clock(s)),
                _ => String::new(),
            };
            out.push_str(&text::write_bold_label(name, &times));
        }
        text::write_lines(&mut out, &turn.text, turn.speaker.is_some(), &escapes);
        out.push_str("\n\n");
    }
    // Reading decodes character references: a text that holds one literally keeps it as `&amp;…`.
    if super::markup::decode_entities(&out) != out {
        out = out.replace('&', "&amp;");
    }
    out
}

/// `**Emma** [0:00] text`, `**Emma** (00:01:23)`, `**Emma**` alone: a bold name, a time or the end of
/// the line after it.
static BOLD_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\*\*(?P<name>[^*:]{1,48})\*\*\s*(?:[\[(](?P<time>\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?)[\])]\s*(?P<rest>.*)|$)")
        .expect("the bold name pattern is valid")
});

static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<level>#{2,6})\s+(?P<name>.+?)\s*(?:[\[(](?P<time>\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?)[\])])?\s*#*\s*$")
        .expect("the heading pattern is valid")
});

/// The label line the text reader knows for a name and a time.
fn label_line(name: &str, time: Option<&str>, rest: &str) -> String {
    let name = name.trim().trim_matches('*').trim();
    let label = text::write_label(name);
    match time {
        Some(time) => format!("[{time}] {label} {rest}").trim_end().to_string(),
        None => format!("{label} {rest}").trim_end().to_string(),
    }
}

/// A podcast site's layout as the text reader's: bold names with times and speaker headings as labels,
/// other headings left out (named in the warning).
fn podcast_layout(source: &str) -> (String, Vec<String>) {
    let headings: Vec<(usize, String)> = source
        .lines()
        .filter_map(|l| HEADING.captures(l))
        .filter_map(|c| {
            Some((
                c.name("level")?.as_str().len(),
                c.name("name")?.as_str().trim().to_string(),
            ))
        })
        .collect();
    // The level of speakers' headings: the one whose names recur.
    let speaker_level = (2..=6).find(|level| {
        let names: Vec<&str> = headings
            .iter()
            .filter(|h| h.0 == *level)
            .map(|h| h.1.as_str())
            .collect();
        names.iter().enumerate().any(|(i, n)| names[i + 1..].contains(n))
    });
    let mut dropped = Vec::new();
    let mut out = String::with_capacity(source.len());
    for line in source.lines() {
        if let Some(c) = HEADING.captures(line) {
            let level = c.name("level").map_or(0, |m| m.as_str().len());
            let name = c.name("name").map_or("", |m| m.as_str());
            if Some(level) == speaker_level {
                out.push_str(&label_line(name, c.name("time").map(|m| m.as_str()), ""));
            } else {
                dropped.push(name.trim().to_string());
                continue;
            }
        } else if let Some(c) = BOLD_NAME.captures(line) {
            let name = c.name("name").map_or("", |m| m.as_str());
            let rest = c.name("rest").map_or("", |m| m.as_str());
            out.push_str(&label_line(name, c.name("time").map(|m| m.as_str()), rest));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    let warnings = match dropped.len() {
        0 => Vec::new(),
        n => vec![format!(
            "{n} heading{} that name{} no speaker {} left out: {}",
            if n == 1 { "" } else { "s" },
            if n == 1 { "s" } else { "" },
            if n == 1 { "was" } else { "were" },
            dropped.join(", ")
        )],
    };
    (out, warnings)
}

impl Format for Markdown {
    fn name(&self) -> &'static str {
        "markdown"
    }
    fn title(&self) -> &'static str {
        "Markdown"
    }
    fn is_lines(&self) -> bool {
        true
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["md", "markdown"]
    }
    fn sniff(&self, _bytes: &[u8]) -> bool {
        false
    }
    fn read(&self, bytes: &[u8]) -> Result<Loaded, ParseError> {
        let (source, encoding) = decode(bytes)?;
        let source = super::markup::decode_entities(&source);
        let without_title = source
            .strip_prefix("# ")
            .map_or(&source[..], |rest| rest.split_once('\n').map_or("", |(_, r)| r));
        let (layout, warnings) = podcast_layout(without_title);
        let mut t = text::parse(&layout);
        if let Some(rest) = source.strip_prefix("# ") {
            t.meta.title = rest.lines().next().map(str::to_string);
        }
        let mut loaded = Loaded::new(t, encoding, bytes);
        loaded.warnings.extend(warnings);
        Ok(loaded)
    }
    fn write(&self, t: &Transcript) -> Result<Vec<u8>, WriteError> {
        Ok(render(t).into_bytes())
    }
    fn losses(&self, t: &Transcript) -> Vec<String> {
        // Plain text's, but Markdown keeps the title (its heading).
        let plain_meta = super::metadata_loss(&t.meta, false, false);
        let mut losses: Vec<String> = text::PlainText
            .losses(t)
            .into_iter()
            .filter(|l| Some(l) != plain_meta.as_ref())
            .collect();
        losses.extend(super::metadata_loss(&t.meta, true, false));
        losses
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bold_labels_with_times_read_back() {
        let mut t = text::parse(
            "[00:00:01.500 - 00:00:04.000] Mia: Welkom.\nHakar: Dank je.\nMia: Let op:\nHakar: dit is tekst",
        );
        t.meta.title = Some("Aflevering 12".into());
        let md = render(&t);
        assert!(
            md.starts_with(
                "# Aflevering 12\n\n**Mia (00:00:01.500 - 00:00:04.000):** Welkom.\n\n**Hakar:** Dank je.\n\n"
            ),
            "{md}"
        );
        let back = Markdown.read(md.as_bytes()).expect("reads").transcript;
        assert_eq!(back, t);
    }

    #[test]
    fn podcast_sites_layouts_with_character_references() {
        let t = |src: &str| Markdown.read(src.as_bytes()).expect("reads");
        let rows = |src: &str| {
            let loaded = t(src);
            let t = loaded.transcript;
            let rows: Vec<(String, String, Option<f64>)> = t
                .turns
                .iter()
                .map(|x| {
                    (
                        t.speaker_name(x.speaker.as_ref()).unwrap_or("-").to_string(),
                        x.text.clone(),
                        x.start,
                    )
                })
                .collect();
            (rows, loaded.warnings)
        };
        let row = |a: &str, b: &str, c: Option<f64>| (a.to_string(), b.to_string(), c);
        let (got, warnings) = rows(
            "# Episode 12\n\n**Emma** [0:00] Welcome back, it&#39;s the garden show.\n\n**Tom** [0:07] Thanks &amp; hi.\n",
        );
        assert_eq!(
            got,
            [
                row("Emma", "Welcome back, it's the garden show.", Some(0.0)),
                row("Tom", "Thanks & hi.", Some(7.0))
            ]
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        let (got, _) = rows("**Emma**\n\nFirst paragraph.\n\nSecond one.\n\n**Tom** (1:02:03)\n\nYes.\n");
        assert_eq!(
            got,
            [
                row("Emma", "First paragraph.\n\nSecond one.", None),
                row("Tom", "Yes.", Some(3723.0))
            ]
        );
        let (got, warnings) = rows(
            "## Show notes\n\nLinks below.\n\n## Transcript\n\n### Emma\n\nHello.\n\n### Tom [0:05]\n\nHi.\n\n### Emma\n\nBye.\n",
        );
        assert_eq!(
            got,
            [
                row("-", "Links below.", None),
                row("Emma", "Hello.", None),
                row("Tom", "Hi.", Some(5.0)),
                row("Emma", "Bye.", None)
            ]
        );
        assert_eq!(
            warnings,
            ["2 headings that name no speaker were left out: Show notes, Transcript"]
        );
        let (got, _) = rows("**Mia:** Gewoon **vet** en *schuin*.\n");
        assert_eq!(
            got,
            [row("Mia", "Gewoon **vet** en *schuin*.", None)],
            "emphasis in a turn is text"
        );
    }

    #[test]
    fn a_text_that_holds_a_character_reference_literally_reads_back() {
        let mut t = text::parse("Mia: Schrijf &amp; zo, of &#39;.\nHakar: Tom & Jerry.");
        t.meta.title = Some("A &lt; B".into());
        let md = render(&t);
        assert!(md.contains("Schrijf &amp;amp; zo"), "{md}");
        assert_eq!(Markdown.read(md.as_bytes()).expect("reads").transcript, t);
    }
}
