//! What `info` and `compare` print.

use super::io::shown_name;
use crate::store::Opened;
use std::path::Path;

/// The report `compare` prints.
pub(super) fn describe_comparison(c: &crate::compare::Comparison) -> String {
    let turns = match c.changed_turns.len() {
        0 => "none".to_string(),
        n if n <= 20 => format!(
            "{n} (turns {} of B)",
            c.changed_turns
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        n => format!("{n}"),
    };
    format!(
        "WER:             {:.2}%\nwords:           {} in A\nsubstitutions:   {}\ndeletions:       {}\ninsertions:      {}\nspeaker changes: {}\nchanged turns:   {turns}\n",
        c.wer * 100.0,
        c.words,
        c.substitutions,
        c.deletions,
        c.insertions,
        c.speaker_changes
    )
}

/// The report `info` prints.
pub fn describe(path: &Path, opened: &Opened) -> String {
    use std::fmt::Write as _;
    let t = &opened.loaded.transcript;
    let mut s = String::new();
    let name = shown_name(path);
    let _ = writeln!(s, "file:     {name}");
    let _ = writeln!(s, "format:   {}", opened.format.title());
    let _ = writeln!(s, "encoding: {}", opened.loaded.encoding);
    for warning in &opened.loaded.warnings {
        let _ = writeln!(s, "warning:  {warning}");
    }
    let _ = writeln!(s, "turns:    {}", t.turns.len());
    let _ = writeln!(s, "words:    {}", t.word_count());
    let reviewed = t.turns.iter().filter(|x| x.reviewed).count();
    let _ = writeln!(s, "reviewed: {reviewed}/{}", t.turns.len());
    let _ = writeln!(s, "speakers: {}", t.speakers.len());
    // Names are padded to the columns a terminal gives them (a Chinese character takes two, as Ａ does).
    let columns = |name: &str| unicode_width::UnicodeWidthStr::width(name);
    let width = t.speakers.iter().map(|x| columns(&x.name)).max().unwrap_or(0);
    for (speaker, stats) in t.speakers.iter().zip(t.speaker_stats()) {
        let padding = " ".repeat(width - columns(&speaker.name));
        let _ = writeln!(
            s,
            "  {}{padding}  {:>6} turns  {:>8} words",
            speaker.name, stats.turns, stats.words,
        );
    }
    match t.turns.iter().filter(|x| x.speaker.is_none()).count() {
        0 => {}
        1 => s.push_str("  (1 turn without a speaker)\n"),
        unlabelled => {
            let _ = writeln!(s, "  ({unlabelled} turns without a speaker)");
        }
    }
    s
}
