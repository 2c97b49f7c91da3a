//! Markdown (`.md`): `**Name:** text` paragraphs, with times when the turns have them
//! (`**Mia (00:01:23.000 - 00:01:27.000):** text`). It reads back through the plain text reader, which knows
//! bold labels.

use super::time::format_clock;
use super::{Format, Loaded, ParseError, WriteError, decode, text};
use crate::model::Transcript;

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
    out
}

impl Format for Markdown {
    fn name(&self) -> &'static str {
        "markdown"
    }
    fn title(&self) -> &'static str {
        "Markdown"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["md", "markdown"]
    }
    fn sniff(&self, _bytes: &[u8]) -> bool {
        false
    }
    fn read(&self, bytes: &[u8]) -> Result<Loaded, ParseError> {
        let (source, encoding) = decode(bytes)?;
        let without_title = source
            .strip_prefix("# ")
            .map_or(&source[..], |rest| rest.split_once('\n').map_or("", |(_, r)| r));
        let mut t = text::parse(without_title);
        if let Some(rest) = source.strip_prefix("# ") {
            t.meta.title = rest.lines().next().map(str::to_string);
        }
        Ok(Loaded::new(t, encoding, bytes))
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
}
