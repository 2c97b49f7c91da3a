//! A clean copy for `convert --clean`: fillers out, the verbatim input untouched.

use anyhow::{Result, anyhow, bail};
use std::path::PathBuf;

/// A clean copy for readers: fillers out, the verbatim input untouched.
#[derive(clap::Args, Debug)]
pub struct CleanArgs {
    /// Write a clean copy: filler words (eh, uhm, um …) removed with the commas that set them off, turns of
    /// nothing but fillers dropped, and the turns of one speaker that then meet joined.
    #[arg(long)]
    pub(super) clean: bool,
    /// The transcript's language (nl, en, de, fr, es …): the filler list of --clean and the line-break word
    /// lists of --captions; the transcript's own (said or guessed) by default.
    #[arg(long, value_name = "LANG")]
    pub(super) lang: Option<String>,
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
    use crate::edit::clean::{CopyOptions, Fillers, filler_language};
    let fillers = match &args.fillers {
        Some(path) => crate::document::house_style::read_fillers(path).map_err(|e| anyhow!(e))?,
        None => {
            let lang = match &args.lang {
                Some(lang) => lang.clone(),
                None => match filler_language(t) {
                    Some(lang) if t.meta.language.is_none() => {
                        eprintln!(
                            "note: the fillers of {} ({lang}), the language guessed from the words; --lang chooses another",
                            crate::model::language::name(&lang)
                        );
                        lang
                    }
                    Some(lang) => lang,
                    None => bail!(
                        "the transcript does not say its language and its words do not make it clear: add --lang (nl, en or de) or --fillers FILE"
                    ),
                },
            };
            let fillers = Fillers::for_language(&lang);
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
