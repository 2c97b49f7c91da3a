//! The command line: the editor's operations without a window, for scripts.

mod captions;
mod clean;
mod edit;
mod io;
mod reports;
mod spell;

use clean::{CleanArgs, clean_copy};
pub use io::read_input;
use io::{format_named, output_format, say, shown_name, warn, with_ends, write_output};
pub use reports::describe;
use reports::describe_comparison;

use crate::formats;
use anyhow::{Result, bail};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

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
        #[command(flatten)]
        captions: captions::CaptionArgs,
    },
    /// Give every turn and word times from the recording: the text is spoken by espeak-ng and matched with
    /// the recording (no model is downloaded; needs the espeak-ng package).
    ///
    /// Turns that already have a start and an end keep them and anchor the rest; --all times every turn
    /// anew. Each word's confidence is how well its turn matched: a turn that matched badly (music,
    /// crosstalk, text not in the recording) has its words marked as doubtful for review.
    Align {
        /// The transcript, or - for standard input.
        transcript: PathBuf,
        /// The recording (WAV, MP3, FLAC, Ogg, AAC/M4A, the sound of an MP4).
        recording: PathBuf,
        /// The file to write, or - for standard output.
        #[arg(short, long)]
        output: PathBuf,
        /// The language to speak the text in (nl, en, de …); the transcript's own (said or guessed) by default.
        #[arg(long, value_name = "LANGUAGE")]
        lang: Option<String>,
        /// Time every turn anew, those with times too.
        #[arg(long)]
        all: bool,
        #[arg(long, value_name = "FORMAT", help = from_help())]
        from: Option<String>,
        #[command(flatten)]
        writing: Writing,
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
    Edit(edit::EditArgs),
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
    ///
    /// With --captions, a subtitle file is also checked against the subtitle rules: each cue that is too
    /// long or too short on screen, too fast to read, has too many lines or characters, or overlaps or
    /// nearly touches the next, with its number, time and by how much; exit 1 when there are any.
    Check {
        /// The file to read, or - for standard input.
        file: PathBuf,
        #[arg(long, value_name = "FORMAT", help = from_help())]
        from: Option<String>,
        /// Check the cues against the subtitle rules (the limits below; Netflix's for English by default).
        #[arg(long)]
        captions: bool,
        #[command(flatten)]
        limits: captions::Limits,
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

/// Runs a subcommand; `Ok(false)` means the command ran but found the input faulty (exit status 1).
pub fn run(command: Command) -> Result<bool> {
    match command {
        Command::Convert {
            input,
            output,
            from,
            writing: Writing { to, force, fill_ends },
            clean,
            captions,
        } => {
            if clean.lang.is_some() && !clean.clean && !captions.captions {
                bail!("--lang is the language of --clean or --captions; add one of them");
            }
            if captions.limits.any() && !captions.captions {
                bail!("the limits (--max-chars, --max-lines, --max-duration …) are for --captions; add it");
            }
            let from = format_named(from.as_deref())?;
            let to = output_format(&output, to.as_deref())?;
            let options = captions
                .captions
                .then(|| captions.options(to, clean.lang.clone()))
                .transpose()?;
            let opened = read_input(&input, from)?;
            warn(&input, &opened);
            let mut transcript = std::borrow::Cow::Borrowed(&opened.loaded.transcript);
            if clean.clean {
                transcript = std::borrow::Cow::Owned(clean_copy(&transcript, &clean)?);
            }
            match options {
                Some(options) => {
                    let timed = with_ends(&transcript, fill_ends)?;
                    let cues = captions::caption_transcript(&timed, &options)?;
                    write_output(&output, to, &cues, force, false)?;
                }
                None => write_output(&output, to, &transcript, force, fill_ends)?,
            }
            Ok(true)
        }
        Command::Edit(args) => edit::run(args),
        Command::Align {
            transcript,
            recording,
            output,
            lang,
            all,
            from,
            writing: Writing { to, force, fill_ends },
        } => {
            let to = output_format(&output, to.as_deref())?;
            let opened = read_input(&transcript, format_named(from.as_deref())?)?;
            warn(&transcript, &opened);
            let mut doc = crate::document::Document::from_opened(opened, None);
            let options = crate::align::Options { language: lang, all };
            let progress = crate::align::Progress::default();
            let timed = crate::align::align(doc.transcript(), &recording, &options, &progress)
                .map_err(|e| anyhow::anyhow!("{}: {e}", recording.display()))?;
            let crate::align::Summary { turns, words, unsure } = crate::align::summary(&timed);
            doc.apply(crate::align::change(&timed))?;
            write_output(&output, to, doc.transcript(), force, fill_ends)?;
            let mut report = format!("aligned {turns} turns, {words} words");
            if !unsure.is_empty() {
                report.push_str(&format!(
                    "; matched badly, so marked for review: turn{} {}",
                    if unsure.len() == 1 { "" } else { "s" },
                    unsure.join(", ")
                ));
            }
            eprintln!("{report}");
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
        Command::Check {
            file,
            from,
            captions,
            limits,
        } => match read_input(&file, format_named(from.as_deref())?) {
            Ok(opened) if captions => {
                let rules = limits.rules()?;
                for warning in &opened.loaded.warnings {
                    eprintln!("{}: warning: {warning}", shown_name(&file));
                }
                let (report, ok) = captions::report(&shown_name(&file), &opened.loaded.transcript, &rules);
                say(&report)?;
                Ok(ok)
            }
            Ok(_) if limits.any() => bail!("the limits (--max-chars …) are for --captions; add it"),
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
