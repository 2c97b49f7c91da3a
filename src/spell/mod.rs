//! Spelling: which words of a text a Hunspell dictionary does not know, read by `spellbook` (a pure-Rust
//! checker compatible with Hunspell's dictionaries), less the words of the glossaries and those the user
//! said to ignore; suggestions for a word, the glossaries' first; and a whole transcript checked on all
//! cores with progress. The window and the command line both check through a [`Speller`].

pub mod dictionaries;
pub mod glossary;

use crate::model::tokens::words;
use glossary::Glossary;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The most suggestions offered for one word.
pub const MOST_SUGGESTIONS: usize = 8;

/// A language's dictionary with the glossaries and the ignored words: what decides whether a word is
/// misspelled.
#[derive(Clone)]
pub struct Speller {
    /// The language asked for (`nl`, `en-GB`).
    language: String,
    /// `None`: no dictionary for the language was found, and nothing is flagged.
    dictionary: Option<Arc<dictionaries::Dictionary>>,
    glossary: Glossary,
    ignored: HashSet<String>,
    /// The language's filler words ("uhm", "ehm"): a verbatim transcript writes them on purpose.
    fillers: HashSet<String>,
}

/// A misspelled word of a transcript: its turn (from 0) and where it is in the turn's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub turn: usize,
    pub range: Range<usize>,
}

pub use crate::model::progress::Progress;

impl Speller {
    pub fn new(language: &str, dictionary: Option<Arc<dictionaries::Dictionary>>, glossary: Glossary) -> Self {
        Self {
            language: language.to_string(),
            dictionary,
            glossary,
            ignored: HashSet::new(),
            fillers: crate::edit::clean::default_fillers(language)
                .unwrap_or_default()
                .iter()
                .map(|f| f.to_string())
                .collect(),
        }
    }

    pub fn language(&self) -> &str {
        &self.language
    }

    pub fn has_dictionary(&self) -> bool {
        self.dictionary.is_some()
    }

    pub fn glossary(&self) -> &Glossary {
        &self.glossary
    }

    /// The same checker with `glossary` instead of its own.
    pub fn with_glossary(&self, glossary: Glossary) -> Self {
        Self {
            glossary,
            ..self.clone()
        }
    }

    /// Never flags `word` again (as written, and in capitals).
    pub fn ignore(&mut self, word: &str) {
        self.ignored.insert(word.to_string());
        self.ignored.insert(word.to_uppercase());
    }

    /// Whether `word` (one word, as [`words`] finds them) is spelled right.
    pub fn is_known(&self, word: &str) -> bool {
        let Some(dictionary) = &self.dictionary else {
            return true;
        };
        self.glossary.accepts(word)
            || self.ignored.contains(word)
            || self.fillers.contains(&word.to_lowercase())
            || dictionary.check(word)
    }

    /// The misspelled words of `text`, as byte ranges in order. Left alone: numbers and words with digits
    /// (`mp3`), single letters, parts of addresses (`info@studytube.nl`, `https://…`) and of names with an
    /// underscore (`SPEAKER_07`). An abbreviation is known with its full stop (`bijv.`).
    pub fn misspelled(&self, text: &str) -> Vec<Range<usize>> {
        if self.dictionary.is_none() {
            return Vec::new();
        }
        words(text)
            .filter(|(range, word)| !self.passes(text, range, word))
            .map(|(range, _)| range)
            .collect()
    }

    fn passes(&self, text: &str, range: &Range<usize>, word: &str) -> bool {
        let mut letters = word.chars();
        if letters.next().is_none() || letters.next().is_none() || word.chars().any(|c| c.is_numeric()) {
            return true;
        }
        let before = text[..range.start].chars().next_back();
        let after = text[range.end..].chars().next();
        if before == Some('_') || after == Some('_') || in_address(text, range) {
            return true;
        }
        if self.is_known(word) {
            return true;
        }
        after == Some('.')
            && self
                .dictionary
                .as_ref()
                .is_some_and(|d| d.check(&text[range.start..range.end + 1]))
    }

    /// Suggestions for `word`, at most [`MOST_SUGGESTIONS`]: the glossary's near words first, then the
    /// dictionary's.
    pub fn suggest(&self, word: &str) -> Vec<String> {
        let mut out = self.glossary.near(word);
        if let Some(dictionary) = &self.dictionary {
            let mut found = Vec::new();
            dictionary.suggest(word, &mut found);
            for s in found {
                if !out.contains(&s) {
                    out.push(s);
                }
            }
        }
        out.truncate(MOST_SUGGESTIONS);
        out
    }

    /// The misspelled words of every text (`texts[i]` is turn `i`'s), in order, checked on all cores.
    /// Counts turns into `progress`; a cancelled check returns what it found so far.
    pub fn check_all(&self, texts: &[&str], progress: &Progress) -> Vec<Finding> {
        progress.total.store(texts.len(), Ordering::Relaxed);
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        // Chunks of about equal text, so that one thread does not wait for the other.
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        let share = bytes / threads + 1;
        let mut chunks: Vec<Range<usize>> = Vec::new();
        let (mut start, mut size) = (0, 0);
        for (i, text) in texts.iter().enumerate() {
            size += text.len();
            if size >= share {
                chunks.push(start..i + 1);
                (start, size) = (i + 1, 0);
            }
        }
        if start < texts.len() {
            chunks.push(start..texts.len());
        }
        std::thread::scope(|scope| {
            let workers: Vec<_> = chunks
                .into_iter()
                .map(|chunk| {
                    scope.spawn(move || {
                        let mut found = Vec::new();
                        for turn in chunk {
                            if progress.cancelled() {
                                break;
                            }
                            found.extend(
                                self.misspelled(texts[turn])
                                    .into_iter()
                                    .map(|range| Finding { turn, range }),
                            );
                            progress.done.fetch_add(1, Ordering::Relaxed);
                        }
                        found
                    })
                })
                .collect();
            workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
        })
    }

    /// Suggestions for each of `words` (each once), found on all cores.
    pub fn suggest_all(&self, words: &[&str], progress: &Progress) -> HashMap<String, Vec<String>> {
        let distinct: Vec<&str> = {
            let mut seen = HashSet::new();
            words.iter().copied().filter(|w| seen.insert(*w)).collect()
        };
        progress.total.store(distinct.len(), Ordering::Relaxed);
        let next = AtomicUsize::new(0);
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        let mut found = Vec::new();
                        // Words are taken one at a time: some take far longer than others.
                        loop {
                            let k = next.fetch_add(1, Ordering::Relaxed);
                            let Some(word) = distinct.get(k).filter(|_| !progress.cancelled()) else {
                                break;
                            };
                            found.push((word.to_string(), self.suggest(word)));
                            progress.done.fetch_add(1, Ordering::Relaxed);
                        }
                        found
                    })
                })
                .collect();
            workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
        })
    }
}

/// The glossaries that apply to a transcript at `transcript` (if it has a file): the user's own (`user`:
/// [`glossary::user_file`], where it is kept), then the one beside the transcript, then `more`.
pub fn glossary_files(
    user: Option<std::path::PathBuf>,
    transcript: Option<&std::path::Path>,
    more: &[std::path::PathBuf],
) -> Vec<std::path::PathBuf> {
    user.into_iter()
        .chain(transcript.map(glossary::beside))
        .chain(more.iter().cloned())
        .collect()
}

/// The words of all the glossaries `files` (a file that is not there adds none).
pub fn read_glossaries(files: &[std::path::PathBuf]) -> Result<Glossary, String> {
    let mut all = Glossary::default();
    for file in files {
        all.extend(&glossary::read(file)?);
    }
    Ok(all)
}

/// A checker for `language` with the dictionary found in `folders` (none found: a checker that flags
/// nothing, [`Speller::has_dictionary`] false) and `glossary`. Reading a dictionary takes a moment.
pub fn open(
    language: &str,
    folders: &[std::path::PathBuf],
    glossary: Glossary,
) -> Result<Speller, dictionaries::DictionaryError> {
    let dictionary = match dictionaries::find(language, folders) {
        Some(found) => Some(Arc::new(dictionaries::load(&found)?)),
        None => None,
    };
    Ok(Speller::new(language, dictionary, glossary))
}

/// Whether the word at `range` is part of an e-mail or web address.
fn in_address(text: &str, range: &Range<usize>) -> bool {
    let start = text[..range.start].rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let end = text[range.end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| range.end + i);
    let chunk = &text[start..end];
    chunk.contains('@') || chunk.contains("://") || chunk.starts_with("www.")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small dictionary of our own: a few Dutch words, `S` adds a plural `s`.
    fn small() -> Speller {
        let aff = "SET UTF-8\nTRY eoiantrsdlkgmpuhcfbvwzj\nWORDCHARS .'\nSFX S Y 1\nSFX S 0 s .\n";
        let dic = "8\nkoffie/S\nthee\norganisatie/S\nde\nhet\nis\nbijv.\nauto's\n";
        let dictionary =
            dictionaries::Dictionary::new_with_hasher(aff, dic, Default::default()).expect("our dictionary reads");
        Speller::new("nl", Some(Arc::new(dictionary)), Glossary::parse("Studytube\n"))
    }

    fn flagged<'a>(speller: &Speller, text: &'a str) -> Vec<&'a str> {
        speller.misspelled(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn unknown_words_are_flagged_where_they_are() {
        let s = small();
        let text = "De koffie is organisatei, het thea.";
        assert_eq!(flagged(&s, text), ["organisatei", "thea"]);
        assert_eq!(s.misspelled(text)[0], 13..24);
        assert_eq!(
            flagged(&s, "Koffies, KOFFIE en Koffie."),
            ["en"],
            "case as Hunspell allows it"
        );
    }

    #[test]
    fn numbers_letters_addresses_and_labels_are_left_alone() {
        let s = small();
        assert!(
            flagged(
                &s,
                "3 mp3 x 2026 koffie@studytube.nl https://www.thee.nl/xyzzy SPEAKER_07"
            )
            .is_empty()
        );
    }

    #[test]
    fn an_abbreviation_keeps_its_full_stop_and_an_apostrophe_its_word() {
        let s = small();
        assert!(flagged(&s, "Thee, bijv. koffie, auto's.").is_empty());
        assert_eq!(
            flagged(&s, "bijv koffie"),
            ["bijv"],
            "without its full stop it is not the word"
        );
    }

    #[test]
    fn the_glossary_and_ignored_words_are_never_flagged_and_the_glossary_comes_first() {
        let mut s = small();
        assert!(flagged(&s, "Studytube STUDYTUBE").is_empty());
        assert_eq!(flagged(&s, "studytube Hakar"), ["studytube", "Hakar"]);
        s.ignore("Hakar");
        assert_eq!(flagged(&s, "studytube Hakar HAKAR"), ["studytube"]);
        assert_eq!(s.suggest("Stuydtube").first().map(String::as_str), Some("Studytube"));
        assert!(s.suggest("koffei").contains(&"koffie".to_string()));
        let mut glossary = s.glossary().clone();
        glossary.add("koffei");
        assert!(flagged(&s.with_glossary(glossary), "koffei").is_empty());
    }

    #[test]
    fn the_languages_fillers_are_known_words() {
        let s = small();
        assert_eq!(flagged(&s, "Uhm, de koffie, ehm, hmm. Eh koffei"), ["koffei"]);
        // Another language's fillers are not.
        let en = Speller::new("en", s.dictionary.clone(), Glossary::default());
        assert_eq!(flagged(&en, "ehm koffie erm"), ["ehm"]);
    }

    #[test]
    fn without_a_dictionary_nothing_is_flagged() {
        let s = Speller::new("xx", None, Glossary::default());
        assert!(!s.has_dictionary());
        assert!(s.misspelled("qwzx prrt").is_empty());
    }

    #[test]
    fn a_whole_transcript_checked_on_all_cores_gives_each_turns_words_in_order() {
        let s = small();
        let texts: Vec<String> = (0..500)
            .map(|i| {
                if i % 7 == 0 {
                    format!("koffie tee {i}")
                } else {
                    "de thee is koffie".to_string()
                }
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let progress = Progress::default();
        let found = s.check_all(&refs, &progress);
        let expected: Vec<Finding> = (0..500)
            .filter(|i| i % 7 == 0)
            .map(|turn| Finding { turn, range: 7..10 })
            .collect();
        assert_eq!(found, expected);
        assert_eq!(progress.fraction(), 1.0);
        let suggestions = s.suggest_all(&["tee", "tee", "organisatei"], &progress);
        assert_eq!(suggestions.len(), 2);
        assert!(suggestions["organisatei"].contains(&"organisatie".to_string()));
        let cancelled = Progress::default();
        cancelled.cancel.store(true, Ordering::Relaxed);
        assert!(s.check_all(&refs, &cancelled).is_empty());
    }
}
