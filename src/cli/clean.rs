//! A clean copy for `convert --clean`: fillers out, the verbatim input untouched.

use anyhow::{Result, bail};
use std::path::PathBuf;

/// A clean copy for readers: fillers out, the verbatim input untouched.
#[derive(clap::Args, Debug)]
pub struct CleanArgs {
    /// Write a clean copy: filler words (eh, uhm, um …) removed with the commas that set them off, turns of
    /// nothing but fillers dropped, and the turns of one speaker that then meet joined.
    #[arg(long)]
    pub(super) clean: bool,
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
pub(super) fn clean_copy(t: &crate::model::Transcript, args: &CleanArgs) -> Result<crate::model::Transcript> {
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
