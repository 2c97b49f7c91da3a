//! `spell FILE`: the words a Hunspell dictionary does not know, each with its turn and suggestions.

use crate::spell::{self, Finding, Progress, dictionaries};
use anyhow::{Result, anyhow};
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

/// What `spell` was asked.
pub struct Request<'a> {
    pub file: &'a Path,
    pub transcript: &'a crate::model::Transcript,
    pub lang: Option<&'a str>,
    pub glossaries: &'a [PathBuf],
    pub dictionary_folders: &'a [PathBuf],
    pub json: bool,
}

/// One unknown word as `--json` prints it.
#[derive(serde::Serialize)]
struct Unknown<'a> {
    /// From 1, as the window numbers turns.
    turn: usize,
    word: &'a str,
    suggestions: &'a [String],
}

/// Checks the transcript and prints what is unknown; `Ok(false)` when there was something.
pub fn run(request: &Request) -> Result<bool> {
    let t = request.transcript;
    let language = match request.lang.map(str::to_string).or_else(|| t.meta.language.clone()) {
        Some(language) => language,
        None => {
            let guessed = crate::model::language::guess_of(t).ok_or_else(|| {
                anyhow!(
                    "{}: the transcript does not say its language and its words do not make it clear; give one with --lang (nl, en-GB, …)",
                    request.file.display()
                )
            })?;
            eprintln!(
                "{}: checking in {} ({guessed}), guessed from its words; --lang chooses another",
                request.file.display(),
                crate::model::language::name(guessed)
            );
            guessed.to_string()
        }
    };
    let beside = Some(request.file).filter(|f| f.as_os_str() != "-");
    let mut glossary = spell::read_glossaries(&spell::glossary_files(
        spell::glossary::user_file(),
        beside,
        request.glossaries,
    ))
    .map_err(|e| anyhow!(e))?;
    // The speakers' names are right wherever they are written.
    t.speakers.iter().for_each(|s| glossary.add(&s.name));
    let settings = crate::store::Settings::load();
    let own: Vec<PathBuf> = request
        .dictionary_folders
        .iter()
        .chain(&settings.dictionary_folders)
        .cloned()
        .collect();
    let folders = dictionaries::folders(&own);
    let speller = spell::open(&language, &folders, glossary)?;
    if !speller.has_dictionary() {
        let searched: Vec<String> = folders.iter().map(|f| f.display().to_string()).collect();
        return Err(anyhow!(
            "no Hunspell dictionary for {} ({language}) in {}; install one (Debian: apt install hunspell-{}) or name its folder with --dictionaries",
            crate::model::language::name(&language),
            searched.join(", "),
            language.to_ascii_lowercase()
        ));
    }
    let texts: Vec<&str> = t.turns.iter().map(|turn| turn.text.as_str()).collect();
    let findings = with_progress("checking", |p| speller.check_all(&texts, p));
    let words: Vec<&str> = findings.iter().map(|f| &texts[f.turn][f.range.clone()]).collect();
    let suggestions = with_progress("finding suggestions", |p| speller.suggest_all(&words, p));
    print(&findings, &texts, &suggestions, request.json)?;
    let distinct = suggestions.len();
    eprintln!(
        "{}: {} unknown word{} ({distinct} different) in {} of {} turns",
        request.file.display(),
        findings.len(),
        if findings.len() == 1 { "" } else { "s" },
        count_turns(&findings),
        t.turns.len()
    );
    Ok(findings.is_empty())
}

fn count_turns(findings: &[Finding]) -> usize {
    let mut turns: Vec<usize> = findings.iter().map(|f| f.turn).collect();
    turns.dedup();
    turns.len()
}

fn print(findings: &[Finding], texts: &[&str], suggestions: &HashMap<String, Vec<String>>, json: bool) -> Result<()> {
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let none: Vec<String> = Vec::new();
    let unknown = findings.iter().map(|f| {
        let word = &texts[f.turn][f.range.clone()];
        Unknown {
            turn: f.turn + 1,
            word,
            suggestions: suggestions.get(word).unwrap_or(&none),
        }
    });
    if json {
        let all: Vec<Unknown> = unknown.collect();
        serde_json::to_writer(&mut out, &all)?;
        writeln!(out)?;
    } else {
        for u in unknown {
            match u.suggestions.is_empty() {
                true => writeln!(out, "turn {}: {} (no suggestions)", u.turn, u.word)?,
                false => writeln!(out, "turn {}: {}: {}", u.turn, u.word, u.suggestions.join(", "))?,
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// Runs `work` on this thread while another shows its progress on a terminal's standard error (after a
/// moment, so quick work says nothing).
fn with_progress<T: Send>(what: &str, work: impl FnOnce(&Progress) -> T + Send) -> T {
    let progress = Progress::default();
    let shown = std::io::stderr().is_terminal();
    let finished = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (progress, finished_ref) = (&progress, &finished);
        if shown {
            scope.spawn(move || {
                let mut said = false;
                for tick in 0.. {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                    if finished_ref.load(Ordering::Relaxed) {
                        break;
                    }
                    if tick >= 5 {
                        eprint!("\r{what}: {:.0}%", progress.fraction() * 100.0);
                        said = true;
                    }
                }
                if said {
                    eprint!("\r{}\r", " ".repeat(what.len() + 8));
                }
            });
        }
        let result = work(progress);
        finished_ref.store(true, Ordering::Relaxed);
        result
    })
}
