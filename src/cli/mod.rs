//! The command line: the editor's operations without a window, for scripts.

mod spell;

use crate::document::Document;
use crate::edit::search::Query;
use crate::edit::{aliases, ops};
use crate::formats::{self, Format};
use crate::store::{self, Opened};
use anyhow::{Context, Result, anyhow, bail};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Parser)]
#[command(
    name = "transcript-editor",
    version,
    about = "Edit speech transcripts: fix speaker labels and words, save as JSON or plain text.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A transcript to open in the editor window. Given more (as a desktop does for the files chosen), the
    /// first opens and the others are offered in File → Recent files.
    pub files: Vec<PathBuf>,
}

/// How a command writes its output: the format, and whether to overwrite what is protected.
/// A clean copy for readers: fillers out, the verbatim input untouched.
#[derive(clap::Args, Debug)]
pub struct CleanArgs {
    /// Write a clean copy: filler words (eh, uhm, um …) removed with the commas that set them off, turns of
    /// nothing but fillers dropped, and the turns of one speaker that then meet joined.
    #[arg(long)]
    clean: bool,
    /// The language whose filler list to use (nl, en, de); the transcript's own language by default.
    #[arg(long, value_name = "LANG", requires = "clean")]
    lang: Option<String>,
    /// Your own filler list instead of the language's: a UTF-8 file, one filler (a word or phrase) per line.
    #[arg(long, value_name = "FILE", requires = "clean")]
    fillers: Option<PathBuf>,
    /// Leave out all times in the clean copy.
    #[arg(long, requires = "clean")]
    drop_times: bool,
    /// Join every run of turns of one speaker in the clean copy.
    #[arg(long, requires = "clean")]
    merge_runs: bool,
}

/// The clean copy `args` ask for, with what was removed said on standard error.
fn clean_copy(t: &crate::model::Transcript, args: &CleanArgs) -> Result<crate::model::Transcript> {
    use crate::edit::clean::{CopyOptions, Fillers};
    let fillers = match &args.fillers {
        Some(path) => {
            use crate::store::side_file;
            Fillers::parse(&side_file::read_text(path, "filler list", side_file::limits::FILLERS)?)
        }
        None => {
            let Some(lang) = args.lang.as_deref().or(t.meta.language.as_deref()) else {
                bail!("the transcript does not say its language: add --lang (nl, en or de) or --fillers FILE");
            };
            let fillers = Fillers::for_language(lang);
            if fillers.is_empty() {
                eprintln!("note: there is no filler list for the language \"{lang}\"; add --fillers FILE to give one");
            }
            fillers
        }
    };
    let options = CopyOptions {
        drop_times: args.drop_times,
        merge_runs: args.merge_runs,
    };
    let (copy, report) = crate::edit::clean::clean_copy(t, &fillers, options);
    eprintln!("clean copy: {}", report.summary());
    Ok(copy)
}

#[derive(Debug, clap::Args)]
pub struct Writing {
    #[arg(long, value_name = "FORMAT", help = to_help())]
    to: Option<String>,
    /// Overwrite the output even where it is read-only or a recogniser's file (Whisper, WhisperX).
    #[arg(long)]
    force: bool,
    /// Turns with a start and no end end where the next turn starts (the last after a time estimated
    /// from its words), so that subtitles can be written; says how many ends were estimated.
    #[arg(long)]
    fill_ends: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert a transcript from one format to another (formats from the extensions).
    Convert {
        /// The file to read, or - for standard input.
        input: PathBuf,
        /// The file to write, or - for standard output.
        output: PathBuf,
        #[arg(long, value_name = "FORMAT", help = from_help())]
        from: Option<String>,
        #[command(flatten)]
        writing: Writing,
        #[command(flatten)]
        clean: CleanArgs,
    },
    /// Show a transcript's format, encoding, turns and speakers.
    Info {
        /// The file to read, or - for standard input.
        file: PathBuf,
        #[arg(long, value_name = "FORMAT", help = from_help())]
        from: Option<String>,
    },
    /// Clean a transcript in a script: rename and merge speakers, merge aliases, find and replace.
    ///
    /// The steps run in this order: renames, merges, alias merges, replacements. What changed is printed.
    Edit {
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
    },
    /// Write a made-up transcript of any size (the same every time), for trying the editor on long files.
    Generate {
        /// The file to write, or - for standard output.
        #[arg(short, long)]
        output: PathBuf,
        /// About this many words.
        #[arg(long, default_value_t = 10_000)]
        words: usize,
        /// How many speakers (1 to 8).
        #[arg(long, default_value_t = 4)]
        speakers: usize,
        /// Leave out the start and end times.
        #[arg(long)]
        no_times: bool,
        /// Another seed gives another transcript of the same shape.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[command(flatten)]
        writing: Writing,
    },
    /// The word error rate of B against the reference A, with substitutions, deletions, insertions,
    /// speaker changes and the changed turns.
    ///
    /// Words are compared without case and without punctuation (Unicode's punctuation characters are
    /// removed, so "Don't" and "dont" are one word), as jiwer's RemovePunctuation and ToLowerCase do.
    Compare {
        /// The reference: the transcript as it should be (a corrected copy).
        a: PathBuf,
        /// The transcript measured against it (a recogniser's output).
        b: PathBuf,
        /// Print the figures as JSON: {"wer", "substitutions", "deletions", "insertions", "hits", "words", …}.
        #[arg(long)]
        json: bool,
        /// Upper and lower case count ("Ja" is not "ja").
        #[arg(long)]
        keep_case: bool,
        /// Punctuation counts ("ja." is not "ja").
        #[arg(long)]
        keep_punctuation: bool,
    },
    /// List the words a spelling dictionary does not know, each with its turn and suggestions; exit 1 when
    /// there are any.
    ///
    /// Dictionaries are the system's Hunspell dictionaries (Debian: apt install hunspell-nl; they are in
    /// /usr/share/hunspell). Words in the user's glossary (glossary.txt in the settings folder), in the one
    /// beside the transcript (NAME.glossary.txt) and in --glossary files are right.
    Spell {
        /// The file to read, or - for standard input.
        file: PathBuf,
        /// The language (nl, en-GB, …); the transcript's own when not given.
        #[arg(long, value_name = "LANGUAGE")]
        lang: Option<String>,
        /// A glossary: a UTF-8 file of words that are right, one per line (repeatable).
        #[arg(long, value_name = "FILE")]
        glossary: Vec<PathBuf>,
        /// Look for dictionaries (NAME.aff and NAME.dic) in this folder first (repeatable).
        #[arg(long, value_name = "DIR")]
        dictionaries: Vec<PathBuf>,
        /// Print a JSON list: [{"turn": 4, "word": "organisatei", "suggestions": ["organisatie", …]}, …],
        /// turns numbered from 1.
        #[arg(long)]
        json: bool,
        #[arg(long, value_name = "FORMAT", help = from_help())]
        from: Option<String>,
    },
    /// Exit 0 when a file reads cleanly, else print what is wrong and exit 1.
    Check {
        /// The file to read, or - for standard input.
        file: PathBuf,
        #[arg(long, value_name = "FORMAT", help = from_help())]
        from: Option<String>,
    },
}

/// Help for `--from`, from the format registry.
fn from_help() -> String {
    format!(
        "The input format, when the extension does not say ({})",
        formats::names(formats::REGISTRY.iter().copied())
    )
}

/// Help for `--to`: only the formats the editor writes.
fn to_help() -> String {
    format!(
        "The output format, when the extension does not say ({})",
        formats::names(formats::writable())
    )
}

fn format_named(name: Option<&str>) -> Result<Option<&'static dyn Format>> {
    name.map(|n| {
        formats::by_name(n).ok_or_else(|| {
            anyhow!(
                "unknown format \"{n}\"; the formats are: {}",
                formats::names(formats::REGISTRY.iter().copied())
            )
        })
    })
    .transpose()
}

fn is_std(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads a file or standard input, with the error naming where.
pub fn read_input(path: &Path, format: Option<&'static dyn Format>) -> Result<Opened> {
    Ok(read_input_keeping_bytes(path, format)?.0)
}

/// [`read_input`], also giving back the bytes that were read.
fn read_input_keeping_bytes(path: &Path, format: Option<&'static dyn Format>) -> Result<(Opened, Vec<u8>)> {
    if is_std(path) {
        let bytes = store::read_at_most(std::io::stdin().lock(), store::MAX_FILE_SIZE)
            .context("cannot read standard input")?
            .ok_or_else(|| {
                anyhow!(
                    "<stdin>: more than {} bytes arrived, more than the largest transcript this editor reads; stopped reading",
                    store::MAX_FILE_SIZE
                )
            })?;
        let opened = store::read_bytes(&bytes, None, format)
            .map_err(|e| anyhow!("<stdin>:{}:{}: {}", e.line, e.column, e.message))?;
        return Ok((opened, bytes));
    }
    Ok(store::open_keeping_bytes(path, format)?)
}

/// What was read with a warning, said on standard error as `check` says it: the file, then what and where.
fn warn(input: &Path, opened: &Opened) {
    for warning in &opened.loaded.warnings {
        eprintln!("{}: warning: {warning}", shown_name(input));
    }
}

/// A path as messages show it; standard input is `<stdin>`.
fn shown_name(path: &Path) -> String {
    if is_std(path) {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// Runs a subcommand; `Ok(false)` means the command ran but found the input faulty (exit status 1).
pub fn run(command: Command) -> Result<bool> {
    match command {
        Command::Convert {
            input,
            output,
            from,
            writing: Writing { to, force, fill_ends },
            clean,
        } => {
            let from = format_named(from.as_deref())?;
            let to = output_format(&output, to.as_deref())?;
            let opened = read_input(&input, from)?;
            warn(&input, &opened);
            let transcript = &opened.loaded.transcript;
            if clean.clean {
                let copy = clean_copy(transcript, &clean)?;
                write_output(&output, to, &copy, force, fill_ends)?;
            } else {
                write_output(&output, to, transcript, force, fill_ends)?;
            }
            Ok(true)
        }
        Command::Edit {
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
        } => {
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
        Command::Generate {
            output,
            words,
            speakers,
            no_times,
            seed,
            writing: Writing { to, force, fill_ends },
        } => {
            let to = output_format(&output, to.as_deref())?;
            let shape = crate::generate::Shape {
                words,
                speakers,
                times: !no_times,
                seed,
            };
            write_output(&output, to, &crate::generate::transcript(&shape), force, fill_ends)?;
            Ok(true)
        }
        Command::Info { file, from } => {
            let opened = read_input(&file, format_named(from.as_deref())?)?;
            say(&describe(&file, &opened))?;
            Ok(true)
        }
        Command::Compare {
            a,
            b,
            json,
            keep_case,
            keep_punctuation,
        } => {
            let (ta, tb) = (read_input(&a, None)?, read_input(&b, None)?);
            let normalise = crate::compare::Normalise {
                keep_case,
                keep_punctuation,
            };
            let c = crate::compare::compare(&ta.loaded.transcript, &tb.loaded.transcript, normalise);
            if c.words == 0 && c.insertions > 0 {
                bail!(
                    "{}: the reference has no words to measure {} against",
                    a.display(),
                    b.display()
                );
            }
            if json {
                say(&format!("{}\n", serde_json::to_string(&c)?))?;
            } else {
                say(&describe_comparison(&c))?;
            }
            Ok(true)
        }
        Command::Spell {
            file,
            lang,
            glossary,
            dictionaries,
            json,
            from,
        } => {
            let opened = read_input(&file, format_named(from.as_deref())?)?;
            warn(&file, &opened);
            spell::run(&spell::Request {
                file: &file,
                transcript: &opened.loaded.transcript,
                lang: lang.as_deref(),
                glossaries: &glossary,
                dictionary_folders: &dictionaries,
                json,
            })
        }
        Command::Check { file, from } => match read_input(&file, format_named(from.as_deref())?) {
            Ok(opened) => {
                let t = &opened.loaded.transcript;
                let mut report = format!(
                    "{}: ok: {} turns, {} speakers\n",
                    file.display(),
                    t.turns.len(),
                    t.speakers.len()
                );
                for warning in &opened.loaded.warnings {
                    report.push_str(&format!("{}: warning: {warning}\n", shown_name(&file)));
                }
                say(&report)?;
                Ok(true)
            }
            Err(e) => {
                eprintln!("{e:#}");
                Ok(false)
            }
        },
    }
}

/// The format to write: `--to`, else the output's extension.
fn output_format(output: &Path, to: Option<&str>) -> Result<&'static dyn Format> {
    match format_named(to)? {
        Some(f) if !f.can_write() => bail!("{} is only read, not written; choose another --to", f.title()),
        Some(f) => Ok(f),
        None if is_std(output) => bail!(
            "say which format to write to standard output with --to ({})",
            formats::names(formats::writable())
        ),
        None => formats::by_extension(output).ok_or_else(|| {
            anyhow!(
                "cannot tell the format of {} from its extension; add --to ({})",
                output.display(),
                formats::names(formats::writable())
            )
        }),
    }
}

/// Writes to a file (atomically) or standard output, after saying what the format leaves out. Without
/// `force`, a read-only file and a recogniser's file are not replaced.
fn write_output(
    output: &Path,
    to: &'static dyn Format,
    transcript: &crate::model::Transcript,
    force: bool,
    fill_ends: bool,
) -> Result<()> {
    let filled;
    let transcript = if fill_ends {
        // The same change as the window's "Estimate the ends", applied the one way edits are applied.
        let mut doc = Document::new(transcript.clone(), to);
        let estimated = ops::estimated_ends(transcript).len();
        doc.change(ops::fill_ends)
            .map_err(|e| anyhow!("cannot estimate the end times: {e}"))?;
        if estimated > 0 {
            eprintln!(
                "note: the end times of {} were estimated (where the next turn starts, or from the words)",
                if estimated == 1 {
                    "1 turn".to_string()
                } else {
                    format!("{estimated} turns")
                }
            );
        }
        filled = doc;
        filled.transcript()
    } else {
        transcript
    };
    for loss in to.losses(transcript) {
        eprintln!("note: {} cannot hold {loss}; they are left out", to.title());
    }
    if is_std(output) {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        match to.write_to(transcript, &mut out) {
            Err(formats::WriteTo::Refused(e)) => bail!("cannot write {}: {e}", to.title()),
            Err(formats::WriteTo::Io(e)) => return Err(e).context("cannot write to standard output"),
            Ok(()) => out.flush().context("cannot write to standard output")?,
        }
    } else {
        if !force && let Some(theirs) = recogniser_file(output) {
            bail!(
                "{} is {} (a recogniser's output); writing would replace it with the editor's {}. Write to another file, or add --force",
                output.display(),
                theirs.title(),
                to.title()
            );
        }
        match store::save(output, to, transcript, force) {
            Err(e @ store::SaveError::ReadOnly { .. }) => bail!("{e}; add --force to overwrite it anyway"),
            other => other?,
        }
    }
    Ok(())
}

/// Prints a report on standard output. A reader that stops early (`info … | head`) closes the pipe: that is
/// no error, and no panic as `print!` would give.
fn say(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e).context("cannot write to standard output"),
        _ => Ok(()),
    }
}

/// Writes bytes as they are to a file or standard output, with the same respect for what is there.
fn write_bytes(output: &Path, bytes: &[u8], force: bool) -> Result<()> {
    if is_std(output) {
        let mut out = std::io::stdout().lock();
        return out
            .write_all(bytes)
            .and_then(|_| out.flush())
            .context("cannot write to standard output");
    }
    match store::write_file(output, bytes, force) {
        Err(e @ store::SaveError::ReadOnly { .. }) => bail!("{e}; add --force to overwrite it anyway"),
        other => Ok(other?),
    }
}

/// The format of an existing file at `path` when it is one the editor only reads (a recogniser's output).
fn recogniser_file(path: &Path) -> Option<&'static dyn Format> {
    // Only a regular file is read: a FIFO would wait for a writer, and a device is never replaced anyway.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    // Only where a recogniser's format shares the extension; then the content decides, as it does when the
    // file is opened (sniffed, not parsed).
    let possible = formats::REGISTRY
        .iter()
        .any(|f| !f.can_write() && formats::has_extension_of(path, *f));
    if !possible {
        return None;
    }
    // Read a piece at a time: the transcript to be written is in memory already, and the file may be as
    // large. What the recognisers' formats are told by lies in the head (Otter's speaker lines) or in the
    // keys of the JSON (Whisper's "segments" and no "turns"), which the pieces are searched for.
    let mut file = std::fs::File::open(path).ok()?;
    let mut head: Vec<u8> = Vec::new();
    let mut keys = (false, false);
    let mut piece = vec![0u8; 1 << 16];
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let n = std::io::Read::read(&mut file, &mut piece).ok()?;
        if n == 0 {
            break;
        }
        if head.len() < HEAD {
            head.extend_from_slice(&piece[..n.min(HEAD - head.len())]);
        }
        carry.extend_from_slice(&piece[..n]);
        keys.0 |= carry.windows(10).any(|w| w == b"\"segments\"");
        keys.1 |= carry.windows(7).any(|w| w == b"\"turns\"");
        // Keep the end, where a key may be cut in two.
        carry.drain(..carry.len().saturating_sub(9));
    }
    // The head stands for the file, with the keys found anywhere in it appended.
    let mut sample = head;
    if keys.0 {
        sample.extend_from_slice(b" \"segments\"");
    }
    if keys.1 {
        sample.extend_from_slice(b" \"turns\"");
    }
    let format = formats::detect(Some(path), &sample);
    (!format.can_write()).then_some(format)
}

/// How much of an existing file [`recogniser_file`] keeps to tell its format by.
const HEAD: usize = 1 << 16;

/// A rule file's rules, or the first bad one as `FILE:LINE: what is wrong`.
fn read_rules(path: &Path) -> Result<Vec<crate::edit::rules::Rule>> {
    use crate::store::side_file;
    let text = side_file::read_text(path, "rule file", side_file::limits::RULES)?;
    crate::edit::rules::parse(&text).map_err(|e| anyhow!("{}:{}: {}", path.display(), e.line, e.message))
}

/// `OLD=NEW` → (`OLD`, `NEW`), split at the first `=`.
fn split_pair<'a>(pair: &'a str, option: &str, shape: &str) -> Result<(&'a str, &'a str)> {
    match pair.split_once('=') {
        Some((a, b)) if !a.is_empty() => Ok((a, b)),
        _ => bail!("{option} takes {shape}, not {pair:?}"),
    }
}

/// The report `compare` prints.
fn describe_comparison(c: &crate::compare::Comparison) -> String {
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
    let width = t.speakers.iter().map(|x| x.name.chars().count()).max().unwrap_or(0);
    for (speaker, stats) in t.speakers.iter().zip(t.speaker_stats()) {
        let _ = writeln!(
            s,
            "  {:width$}  {:>6} turns  {:>8} words",
            speaker.name,
            stats.turns,
            stats.words,
            width = width
        );
    }
    let unlabelled = t.turns.iter().filter(|x| x.speaker.is_none()).count();
    if unlabelled > 0 {
        let _ = writeln!(s, "  ({unlabelled} turns without a speaker)");
    }
    s
}
