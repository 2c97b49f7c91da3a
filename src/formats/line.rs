//! Lines of text as the plain-text readers (text, Otter, the subtitle formats' cue text) see them: split at
//! any line ending, whether a label reads as a person's name, and Otter's speaker-and-time line, which the
//! text writer must escape where it would make a file Otter text.

use super::time::parse_clock;
use regex::Regex;
use std::sync::LazyLock;

/// Splits on `\n`, `\r\n` and a lone `\r`.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let s = rest?;
        match s.find(['\n', '\r']) {
            Some(i) => {
                let skip = if s[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&s[i + skip..]);
                Some(&s[..i])
            }
            None => {
                rest = None;
                Some(s)
            }
        }
    })
}

/// Words that may stand lower case inside a person's name.
const NAME_PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "von", "zu", "da", "di", "du", "del", "della", "dos", "das", "le", "la", "ten", "ter",
    "te", "het", "'t", "bin", "ibn", "al", "el", "y", "and", "&",
];

/// Whether a label seen only once looks enough like a name to be taken as a speaker.
pub(crate) fn looks_like_name(label: &str) -> bool {
    let words: Vec<&str> = label.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    words.iter().enumerate().all(|(i, w)| {
        // `(Nicola Sturgeon)`, `(Con)`: what a broadcaster puts in brackets after a name is named alike.
        let first = w.trim_start_matches('(').chars().next().unwrap_or(' ');
        // Scripts without capitals (Arabic, Hebrew, Chinese, Devanagari…) start a name like any word.
        let caseless = first.is_alphabetic() && !first.is_lowercase() && !first.is_uppercase();
        first.is_uppercase() || caseless || first.is_ascii_digit() || (i > 0 && NAME_PARTICLES.contains(w))
    })
}

static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<name>\S[^\t:]{0,48}?)\s+(?P<time>(?:\d{1,2}:)?\d{1,2}:\d{2})\s*$")
        .expect("the header pattern is valid")
});

/// Whether a line reads as an Otter speaker-and-time line (the plain text writer escapes such lines at the
/// start of a file, where they would make it Otter text).
pub(crate) fn is_otter_header(line: &str) -> bool {
    otter_header(line).is_some()
}

/// An Otter speaker-and-time line: the name and the time in seconds.
pub(crate) fn otter_header(line: &str) -> Option<(&str, f64)> {
    let caps = HEADER.captures(line.trim_end())?;
    let name = caps.name("name")?.as_str().trim();
    let numbered = name.to_ascii_lowercase().starts_with("speaker");
    (looks_like_name(name) || numbered).then_some(())?;
    Some((name, parse_clock(caps.name("time")?.as_str())?))
}
