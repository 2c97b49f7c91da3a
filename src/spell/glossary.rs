//! Glossaries: names and terms that are right (Studytube, Hakar), never flagged and offered first among
//! suggestions. A plain UTF-8 file, one entry per line (`#` starts a comment line). There is one per user,
//! in the configuration folder, and one beside a transcript (`talk.json` → `talk.glossary.txt`) that
//! travels with it.

use crate::model::tokens::words;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The words of one or more glossaries.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// Each word as listed, in the order listed: what suggestions offer.
    listed: Vec<String>,
    /// The words as listed.
    exact: HashSet<String>,
    /// Words listed in small letters: they may be written with capitals too.
    any_case: HashSet<String>,
    /// Every word in capitals: a word in capitals is the same word.
    capitals: HashSet<String>,
}

impl Glossary {
    /// The glossary a file's text gives: each line's words (a line `New York` gives two).
    pub fn parse(text: &str) -> Self {
        let mut glossary = Self::default();
        for line in text.trim_start_matches('\u{feff}').lines() {
            if !line.trim_start().starts_with('#') {
                glossary.add(line);
            }
        }
        glossary
    }

    /// Adds the words of `entry`.
    pub fn add(&mut self, entry: &str) {
        for (_, word) in words(entry) {
            if self.exact.insert(word.to_string()) {
                self.listed.push(word.to_string());
                if word.chars().all(|c| !c.is_uppercase()) {
                    self.any_case.insert(word.to_string());
                }
                self.capitals.insert(word.to_uppercase());
            }
        }
    }

    /// Adds every word of `other`.
    pub fn extend(&mut self, other: &Glossary) {
        for word in &other.listed {
            self.add(word);
        }
    }

    pub fn len(&self) -> usize {
        self.listed.len()
    }

    pub fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }

    /// Whether `word` is in the glossary: as listed, with capitals where it is listed in small letters,
    /// or all in capitals.
    pub fn accepts(&self, word: &str) -> bool {
        self.exact.contains(word)
            || (!self.any_case.is_empty() && self.any_case.contains(&word.to_lowercase()))
            || (word.chars().all(|c| !c.is_lowercase()) && self.capitals.contains(word))
    }

    /// The glossary's words that `word` may be a misspelling of, closest first.
    pub fn near(&self, word: &str) -> Vec<String> {
        let word: Vec<char> = word.to_lowercase().chars().collect();
        let mut close: Vec<(usize, &String)> = self
            .listed
            .iter()
            .filter_map(|entry| {
                let other: Vec<char> = entry.to_lowercase().chars().collect();
                let allowed = (word.len().max(other.len()) / 3).clamp(1, 3);
                let distance = edit_distance(&word, &other);
                (distance <= allowed && distance < word.len().max(1)).then_some((distance, entry))
            })
            .collect();
        close.sort_by_key(|(distance, _)| *distance);
        close.into_iter().map(|(_, entry)| entry.clone()).collect()
    }
}

/// The fewest letters to insert, delete, change or swap with a neighbour to turn `a` into `b`.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut before: Vec<usize> = (0..=b.len()).collect();
    let mut previous: Vec<usize> = vec![0; b.len() + 1];
    let mut row: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        row[0] = i;
        for j in 1..=b.len() {
            let change = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (before[j] + 1).min(row[j - 1] + 1).min(before[j - 1] + change);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(previous[j - 2] + 1);
            }
        }
        std::mem::swap(&mut previous, &mut before);
        std::mem::swap(&mut before, &mut row);
    }
    before[b.len()]
}

/// The user's own glossary: `glossary.txt` in the configuration folder.
pub fn user_file() -> Option<PathBuf> {
    crate::store::config_dir().map(|d| d.join("glossary.txt"))
}

/// The glossary that travels with the transcript at `transcript`: `talk.json` → `talk.glossary.txt`.
pub fn beside(transcript: &Path) -> PathBuf {
    let stem = transcript
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    transcript.with_file_name(format!("{stem}.glossary.txt"))
}

/// The glossary in `path`; none there is an empty one.
pub fn read(path: &Path) -> Result<Glossary, String> {
    use crate::store::side_file;
    match side_file::read_text(path, "glossary", side_file::limits::GLOSSARY) {
        Ok(text) => Ok(Glossary::parse(&text)),
        Err(e) if e.is_missing() => Ok(Glossary::default()),
        Err(e) => Err(e.to_string()),
    }
}

/// Adds `entry` as a line of the glossary file `path` (made, with its folder, if there is none), written
/// atomically: the file is whole before and after.
pub fn add_to_file(path: &Path, entry: &str) -> Result<(), String> {
    let entry = entry.trim();
    if entry.is_empty() || entry.contains('\n') {
        return Err(format!("{entry:?} is not one entry of a glossary"));
    }
    use crate::store::side_file;
    let mut text = match side_file::read_text(path, "glossary", side_file::limits::GLOSSARY) {
        Ok(text) => text,
        Err(e) if e.is_missing() => String::new(),
        Err(e) => return Err(e.to_string()),
    };
    if text.lines().any(|line| line.trim() == entry) {
        return Ok(());
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(entry);
    text.push('\n');
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    }
    crate::store::write_file(path, text.as_bytes(), false).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_lines_and_comments_are_not() {
        let g = Glossary::parse("\u{feff}# names\nStudytube\n\n  Hakar  \nNew York\n");
        assert_eq!(g.len(), 4);
        assert!(g.accepts("Studytube") && g.accepts("Hakar") && g.accepts("York"));
        assert!(!g.accepts("names"), "a comment is no entry");
    }

    #[test]
    fn a_name_keeps_its_capital_and_a_term_in_small_letters_may_take_one() {
        let g = Glossary::parse("Studytube\nonboarding\n");
        assert!(g.accepts("Studytube"));
        assert!(g.accepts("STUDYTUBE"), "all capitals is the same word");
        assert!(!g.accepts("studytube"), "a name listed with a capital needs it");
        assert!(g.accepts("onboarding") && g.accepts("Onboarding") && g.accepts("ONBOARDING"));
        assert!(!g.accepts("onboard"));
    }

    #[test]
    fn near_entries_closest_first_and_not_far_ones() {
        let g = Glossary::parse("Studytube\nHakar\nStudio\n");
        assert_eq!(g.near("Stuytube"), ["Studytube"]);
        assert_eq!(g.near("hakra"), ["Hakar"], "a swap of two letters is one step");
        assert!(g.near("koffie").is_empty());
        assert_eq!(edit_distance(&['a', 'b'], &['b', 'a']), 1);
        assert_eq!(edit_distance(&[], &['x', 'y']), 2);
    }

    #[test]
    fn adding_to_a_file_makes_it_keeps_what_was_there_and_adds_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sub").join("talk.glossary.txt");
        add_to_file(&path, "Hakar").expect("made");
        std::fs::write(&path, "# ours\nHakar").expect("without a last line break");
        add_to_file(&path, " Studytube ").expect("added");
        add_to_file(&path, "Studytube").expect("already there");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "# ours\nHakar\nStudytube\n"
        );
        assert!(add_to_file(&path, "  ").is_err());
        assert_eq!(beside(Path::new("/a/talk.json")), Path::new("/a/talk.glossary.txt"));
        assert!(read(&dir.path().join("none.txt")).expect("none is empty").is_empty());
        std::fs::write(&path, b"Hak\xffar\n").expect("write");
        assert!(read(&path).expect_err("refused").contains("not UTF-8"));
    }
}
