//! `edit`: the window's operations on speakers and words, in a script, through the same `Document`.

use super::io::{format_named, is_std, output_format, read_input_keeping_bytes, warn, write_bytes, write_output};
use super::{Writing, from_help};
use crate::document::Document;
use crate::edit::search::Query;
use crate::edit::{aliases, ops};
use crate::formats;
use anyhow::{Result, anyhow, bail};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// The file to read, or - for standard input.
    input: PathBuf,
    /// The file to write, or - for standard output.
    #[arg(short, long)]
    output: PathBuf,
    /// Rename a speaker: OLD=NEW (repeatable).
    #[arg(long, value_name = "OLD=NEW")]
    rename: Vec<String>,
    /// Move all turns of one speaker to another and remove the first: FROM=INTO (repeatable).
    #[arg(long, value_name = "FROM=INTO")]
    merge: Vec<String>,
    /// Merge the labels that are probably one person (H into Hakar, mia into Mia, Speaker 0 into SPEAKER_00).
    #[arg(long)]
    merge_aliases: bool,
    /// Replace text in all turns: PATTERN=REPLACEMENT (repeatable; the first = separates them).
    #[arg(long, value_name = "PATTERN=REPLACEMENT")]
    replace: Vec<String>,
    /// PATTERN is a regular expression; REPLACEMENT may use $1, $2 … for its groups.
    #[arg(long)]
    regex: bool,
    /// Replacements ignore upper and lower case.
    #[arg(long)]
    ignore_case: bool,
    /// Replacements match whole words only.
    #[arg(long)]
    whole_word: bool,
    /// House-style rules, applied last: a UTF-8 file, one `FIND => REPLACE` per line (`#` comments; a
    /// literal FIND matches whole words, `re:FIND` is a regular expression). A bad rule is named by its
    /// line and nothing is written.
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    #[arg(long, value_name = "FORMAT", help = from_help())]
    from: Option<String>,
    #[command(flatten)]
    writing: Writing,
}

/// Runs `edit`: the steps in their order, then the output and a line for each step.
pub fn run(args: EditArgs) -> Result<bool> {
    let EditArgs {
        input,
        output,
        rename,
        merge,
        merge_aliases,
        replace,
        regex,
        ignore_case,
        whole_word,
        rules,
        from,
        writing: Writing { to, force, fill_ends },
    } = args;
    // The rules are read first: a bad one stops everything before anything is read or written.
    let rules = match &rules {
        Some(path) => Some((path, read_rules(path)?)),
        None => None,
    };
    let explicit_to = to.is_some();
    let to = output_format(&output, to.as_deref())?;
    let (opened, original) = read_input_keeping_bytes(&input, format_named(from.as_deref())?)?;
    warn(&input, &opened);
    // Nothing changed and the output is a file of the input's own kind: the input's bytes are written
    // as they were, layout, comments and all.
    let keep_bytes =
        !explicit_to && opened.loaded.warnings.is_empty() && formats::has_extension_of(&output, opened.format);
    let mut doc = Document::from_opened(opened, None);
    let mut report = Vec::new();
    let speaker = |t: &crate::model::Transcript, name: &str| {
        t.speaker_by_name(name).map(|s| s.id.clone()).ok_or_else(|| {
            let names: Vec<&str> = t.speakers.iter().map(|s| s.name.as_str()).collect();
            anyhow!(
                "no speaker is called \"{name}\"; the speakers are: {}",
                names.join(", ")
            )
        })
    };
    for pair in &rename {
        let (old, new) = split_pair(pair, "--rename", "OLD=NEW")?;
        let id = speaker(doc.transcript(), old)?;
        doc.change(|t| ops::rename_speaker(t, &id, new))?;
        report.push(format!("renamed {old} to {new}"));
    }
    for pair in &merge {
        let (from, into) = split_pair(pair, "--merge", "FROM=INTO")?;
        let t = doc.transcript();
        let (from_id, into_id) = (speaker(t, from)?, speaker(t, into)?);
        let moved = t.turns.iter().filter(|x| x.speaker.as_ref() == Some(&from_id)).count();
        doc.change(|t| ops::merge_speakers(t, &from_id, &into_id))?;
        report.push(format!("merged {from} into {into} ({moved} turns)"));
    }
    if merge_aliases {
        let suggestions = aliases::suggest(doc.transcript());
        for s in &suggestions {
            report.push(format!("merged alias: {}", s.reason));
        }
        if suggestions.is_empty() {
            report.push("no speaker aliases found".to_string());
        }
        doc.change(|t| aliases::merge_all(t, &suggestions))?;
    }
    for pair in &replace {
        let (pattern, with) = split_pair(pair, "--replace", "PATTERN=REPLACEMENT")?;
        let query = Query {
            pattern: pattern.to_string(),
            case_sensitive: !ignore_case,
            whole_word,
            regex,
            ..Query::default()
        };
        let matcher = query.compile().map_err(|e| anyhow!("--replace {pattern:?}: {e}"))?;
        let (change, count) = matcher.replace_all(doc.transcript(), with);
        let turns = change.edits.len();
        doc.apply(change)?;
        report.push(format!("replaced {count} matches of {pattern:?} in {turns} turns"));
    }
    if let Some((path, rules)) = &rules {
        let (change, counts) = crate::edit::rules::apply(doc.transcript(), rules)
            .map_err(|e| anyhow!("{}:{}: {}", path.display(), e.line, e.message))?;
        doc.apply(change)?;
        for (rule, count) in rules.iter().zip(counts) {
            report.push(format!(
                "{}:{}: {:?} => {:?}: {count} match{}",
                path.display(),
                rule.line,
                rule.find,
                rule.replace,
                if count == 1 { "" } else { "es" }
            ));
        }
    }
    if keep_bytes && !doc.is_dirty() {
        write_bytes(&output, &original, force)?;
    } else {
        write_output(&output, to, doc.transcript(), force, fill_ends)?;
    }
    // The report goes where it does not mix with the transcript.
    for line in &report {
        if is_std(&output) {
            eprintln!("{line}");
        } else {
            println!("{line}");
        }
    }
    Ok(true)
}

/// A rule file's rules, or the first bad one as `FILE:LINE: what is wrong`.
fn read_rules(path: &Path) -> Result<Vec<crate::edit::rules::Rule>> {
    crate::document::house_style::read_rules(path).map_err(|e| anyhow!(e))
}

/// `OLD=NEW` → (`OLD`, `NEW`), split at the first `=`.
fn split_pair<'a>(pair: &'a str, option: &str, shape: &str) -> Result<(&'a str, &'a str)> {
    match pair.split_once('=') {
        Some((a, b)) if !a.is_empty() => Ok((a, b)),
        _ => bail!("{option} takes {shape}, not {pair:?}"),
    }
}
