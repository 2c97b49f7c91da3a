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
    /// Shift every time by SECONDS (negative: earlier), words' times with their turns: --shift=-2.5,
    /// --shift 1:02.5.
    #[arg(long, value_name = "SECONDS", allow_hyphen_values = true)]
    shift: Option<String>,
    /// Shift only the turns from this one on (numbered from 1).
    #[arg(long, value_name = "TURN", requires = "shift")]
    from_turn: Option<usize>,
    /// Change the frame rate the times are for: FROM:TO multiplies every time by FROM/TO (--fps 25:23.976
    /// for subtitles timed to a 25 fps video, played at 23.976).
    #[arg(long, value_name = "FROM:TO")]
    fps: Option<String>,
    /// Two-point synchronisation: TURN=TIME, twice (--sync 2=0:21 --sync 12=2:01); those turns start then,
    /// and every time is mapped linearly between and beyond them.
    #[arg(long, value_name = "TURN=TIME")]
    sync: Vec<String>,
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
        shift,
        from_turn,
        fps,
        sync,
        from,
        writing: Writing { to, force, fill_ends },
    } = args;
    // The time changes are read before anything is: a typo stops everything.
    let shift = shift
        .map(|s| signed_seconds(&s).map_err(|e| anyhow!("--shift: {e}")))
        .transpose()?;
    let fps = fps.map(|s| frame_rates(&s)).transpose()?;
    let sync = match sync.len() {
        0 => None,
        2 => Some((sync_point(&sync[0])?, sync_point(&sync[1])?)),
        n => bail!("--sync takes two turns with their times (--sync 2=0:21 --sync 12=2:01), not {n}"),
    };
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
    if let Some(seconds) = shift {
        let from = match from_turn {
            Some(0) => bail!("--from-turn counts turns from 1"),
            Some(n) => n - 1,
            None => 0,
        };
        let change =
            ops::retime(doc.transcript(), from, ops::Retime::shift(seconds)).map_err(|e| anyhow!("--shift: {e}"))?;
        let turns = change
            .edits
            .iter()
            .filter(|e| matches!(e, crate::edit::Edit::SetTimes { .. }))
            .count();
        doc.apply(change)?;
        report.push(format!("shifted the times of {turns} turns by {seconds:+.3} s"));
    }
    if let Some((from, to)) = fps {
        let r = ops::Retime::frame_rate(from, to).map_err(|e| anyhow!("--fps: {e}"))?;
        let change = ops::retime(doc.transcript(), 0, r).map_err(|e| anyhow!("--fps: {e}"))?;
        doc.apply(change)?;
        report.push(format!(
            "changed the times from {from} to {to} frames a second (× {:.6})",
            r.scale
        ));
    }
    if let Some(((a, at_a), (b, at_b))) = sync {
        let start_of = |turn: usize| {
            doc.transcript()
                .turns
                .get(turn.wrapping_sub(1))
                .ok_or_else(|| {
                    anyhow!(
                        "--sync: there is no turn {turn} (the transcript has {})",
                        doc.transcript().turns.len()
                    )
                })?
                .start
                .ok_or_else(|| anyhow!("--sync: turn {turn} has no start time to move"))
        };
        let r =
            ops::Retime::synchronise((start_of(a)?, at_a), (start_of(b)?, at_b)).map_err(|e| anyhow!("--sync: {e}"))?;
        let change = ops::retime(doc.transcript(), 0, r).map_err(|e| anyhow!("--sync: {e}"))?;
        doc.apply(change)?;
        report.push(format!(
            "synchronised the times: turn {a} at {}, turn {b} at {} (× {:.6}, {:+.3} s)",
            crate::formats::time::format_clock(at_a),
            crate::formats::time::format_clock(at_b),
            r.scale,
            r.offset
        ));
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

/// Seconds as typed, maybe negative: `-2.5`, `+1:02`, `0.5s`.
fn signed_seconds(s: &str) -> Result<f64, String> {
    let s = s.trim();
    let (sign, rest) = match s.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, s.strip_prefix('+').unwrap_or(s)),
    };
    match crate::formats::time::parse_typed(rest)? {
        Some(seconds) => Ok(sign * seconds),
        None => Err("give the seconds to shift by, as --shift=-2.5".to_string()),
    }
}

/// `25:23.976` → (25, 23.976).
fn frame_rates(s: &str) -> Result<(f64, f64)> {
    let rate = |r: &str| r.trim().parse::<f64>().ok().filter(|x| x.is_finite() && *x > 0.0);
    match s.split_once(':').map(|(a, b)| (rate(a), rate(b))) {
        Some((Some(a), Some(b))) => Ok((a, b)),
        _ => bail!("--fps takes FROM:TO frame rates, as 25:23.976, not {s:?}"),
    }
}

/// `12=2:01` → (12, 121.0).
fn sync_point(s: &str) -> Result<(usize, f64)> {
    let (turn, time) = split_pair(s, "--sync", "TURN=TIME")?;
    let turn: usize = turn
        .trim()
        .parse()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| anyhow!("--sync {s:?}: {turn:?} is not a turn number (from 1)"))?;
    match crate::formats::time::parse_typed(time) {
        Ok(Some(seconds)) => Ok((turn, seconds)),
        Ok(None) => bail!("--sync {s:?}: give the time turn {turn} starts at"),
        Err(e) => bail!("--sync {s:?}: {e}"),
    }
}

/// `OLD=NEW` → (`OLD`, `NEW`), split at the first `=`.
fn split_pair<'a>(pair: &'a str, option: &str, shape: &str) -> Result<(&'a str, &'a str)> {
    match pair.split_once('=') {
        Some((a, b)) if !a.is_empty() => Ok((a, b)),
        _ => bail!("{option} takes {shape}, not {pair:?}"),
    }
}
