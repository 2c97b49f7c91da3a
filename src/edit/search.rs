//! Find and replace across all turns (or one speaker's) and in speaker labels: plain text or regular
//! expressions, case sensitive or not, whole words or not. A replace on a label is a rename.

use super::{Change, Edit};
use crate::model::{SpeakerId, Transcript};
use regex::{Regex, RegexBuilder};
use std::ops::Range;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    pub pattern: String,
    pub case_sensitive: bool,
    pub whole_word: bool,
    pub regex: bool,
    /// Only the turns of this speaker; `None` for all turns.
    pub speaker: Option<SpeakerId>,
    /// Also look in speaker names.
    pub in_labels: bool,
}

/// A pattern that could not be compiled, in words for the find bar.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PatternError(pub String);

/// A compiled query.
#[derive(Debug, Clone)]
pub struct Matcher {
    regex: Regex,
    /// Replacement texts are taken literally unless the query is a regular expression (`$1` groups).
    expand: bool,
    speaker: Option<SpeakerId>,
    in_labels: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// Bytes of a turn's text.
    Text { turn: usize, range: Range<usize> },
    /// Bytes of a speaker's name (index into the speaker list).
    Label { speaker: usize, range: Range<usize> },
}

impl Match {
    pub fn turn(&self) -> Option<usize> {
        match self {
            Match::Text { turn, .. } => Some(*turn),
            Match::Label { .. } => None,
        }
    }
}

impl Query {
    pub fn compile(&self) -> Result<Matcher, PatternError> {
        if self.pattern.is_empty() {
            return Err(PatternError("type something to find".into()));
        }
        let body = if self.regex {
            self.pattern.clone()
        } else {
            regex::escape(&self.pattern)
        };
        let body = if self.whole_word {
            format!(r"\b(?:{body})\b")
        } else {
            body
        };
        let regex = RegexBuilder::new(&body)
            .case_insensitive(!self.case_sensitive)
            .size_limit(1 << 22)
            .build()
            .map_err(|e| PatternError(describe_regex_error(&e)))?;
        Ok(Matcher {
            regex,
            expand: self.regex,
            speaker: self.speaker.clone(),
            in_labels: self.in_labels,
        })
    }
}

fn describe_regex_error(e: &regex::Error) -> String {
    match e {
        regex::Error::Syntax(s) => {
            // The regex crate's message spans several lines with a caret; the last line says what is wrong.
            let last = s.lines().rev().find(|l| l.starts_with("error:")).unwrap_or(s);
            format!("not a valid regular expression: {}", last.trim_start_matches("error: "))
        }
        regex::Error::CompiledTooBig(_) => "the regular expression is too large".to_string(),
        _ => "not a valid regular expression".to_string(),
    }
}

impl Matcher {
    fn turn_in_scope(&self, t: &Transcript, turn: usize) -> bool {
        self.speaker.is_none() || t.turns[turn].speaker == self.speaker
    }

    /// Every match, labels first, then turns in order.
    pub fn find_all(&self, t: &Transcript) -> Vec<Match> {
        let mut out = Vec::new();
        if self.in_labels {
            for (i, s) in t.speakers.iter().enumerate() {
                out.extend(
                    self.regex
                        .find_iter(&s.name)
                        .filter(|m| !m.is_empty())
                        .map(|m| Match::Label {
                            speaker: i,
                            range: m.range(),
                        }),
                );
            }
        }
        for (i, turn) in t.turns.iter().enumerate() {
            if !self.turn_in_scope(t, i) {
                continue;
            }
            out.extend(
                self.regex
                    .find_iter(&turn.text)
                    .filter(|m| !m.is_empty())
                    .map(|m| Match::Text {
                        turn: i,
                        range: m.range(),
                    }),
            );
        }
        out
    }

    /// Counts matches without keeping them.
    pub fn count(&self, t: &Transcript) -> usize {
        self.find_all(t).len()
    }

    /// What `replacement` becomes for the match at `range` of `haystack` (groups expanded for regexes).
    fn replacement_for(&self, haystack: &str, range: &Range<usize>, replacement: &str) -> String {
        if !self.expand {
            return replacement.to_string();
        }
        match self.regex.captures_at(haystack, range.start) {
            Some(caps) if caps.get(0).is_some_and(|m| m.range() == *range) => {
                let mut out = String::new();
                caps.expand(&numbered_groups_braced(replacement), &mut out);
                out
            }
            _ => replacement.to_string(),
        }
    }

    /// Replaces one match; `None` when the match no longer fits the document.
    pub fn replace_one(&self, t: &Transcript, m: &Match, replacement: &str) -> Option<Change> {
        match m {
            Match::Text { turn, range } => {
                let text = &t.turns.get(*turn)?.text;
                text.get(range.clone())?;
                let with = self.replacement_for(text, range, replacement);
                Some(Change::new(
                    "Replace",
                    vec![Edit::ReplaceText {
                        turn: *turn,
                        range: range.clone(),
                        text: with,
                    }],
                ))
            }
            Match::Label { speaker, range } => {
                let name = &t.speakers.get(*speaker)?.name;
                name.get(range.clone())?;
                let mut new_name = name.clone();
                new_name.replace_range(range.clone(), &self.replacement_for(name, range, replacement));
                Some(Change::new(
                    "Rename speaker",
                    vec![Edit::RenameSpeaker {
                        speaker: *speaker,
                        name: new_name,
                    }],
                ))
            }
        }
    }

    /// Replaces every match as one change (one undo step). Each changed turn gets one edit that covers
    /// its matches, so undo stores only the changed stretch of each turn.
    pub fn replace_all(&self, t: &Transcript, replacement: &str) -> (Change, usize) {
        let mut edits = Vec::new();
        let mut count = 0;
        let rewrite = |text: &str| -> Option<(Range<usize>, String, usize)> {
            let mut first = None;
            let mut last = 0;
            let mut out = String::new();
            let mut n = 0;
            for m in self.regex.find_iter(text).filter(|m| !m.is_empty()) {
                let start = *first.get_or_insert(m.start());
                out.push_str(&text[last.max(start)..m.start()]);
                out.push_str(&self.replacement_for(text, &m.range(), replacement));
                last = m.end();
                n += 1;
            }
            first.map(|start| (start..last, out, n))
        };
        if self.in_labels {
            for (i, s) in t.speakers.iter().enumerate() {
                if let Some((range, with, n)) = rewrite(&s.name) {
                    let mut name = s.name.clone();
                    name.replace_range(range, &with);
                    edits.push(Edit::RenameSpeaker { speaker: i, name });
                    count += n;
                }
            }
        }
        for (i, turn) in t.turns.iter().enumerate() {
            if !self.turn_in_scope(t, i) {
                continue;
            }
            if let Some((range, with, n)) = rewrite(&turn.text) {
                edits.push(Edit::ReplaceText {
                    turn: i,
                    range,
                    text: with,
                });
                count += n;
            }
        }
        (Change::new(format!("Replace {count} matches"), edits), count)
    }
}

/// `$1abc` means group 1 followed by `abc`, as in most tools; the regex crate would read a group named
/// `1abc`. Braces make the number explicit: `${1}abc`.
fn numbered_groups_braced(replacement: &str) -> String {
    let mut out = String::with_capacity(replacement.len() + 4);
    let mut chars = replacement.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '$' {
            out.push(c);
            continue;
        }
        if let Some((_, '$')) = chars.peek() {
            out.push_str("$$");
            chars.next();
            continue;
        }
        let digits: String = replacement[i + 1..].chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() {
            out.push('$');
        } else {
            out.push_str(&format!("${{{digits}}}"));
            for _ in 0..digits.len() {
                chars.next();
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::History;

    fn sample() -> Transcript {
        crate::formats::text::parse(
            "Hakar: Studytube is een platform. studytube!\nMia: Ik werk bij Studytube, ja.\nHakar: Tube of Studytubes?\n",
        )
    }

    fn query(pattern: &str) -> Query {
        Query {
            pattern: pattern.into(),
            ..Query::default()
        }
    }

    #[test]
    fn finds_across_all_turns_ignoring_case_by_default() {
        let t = sample();
        let m = query("studytube").compile().expect("valid");
        assert_eq!(m.count(&t), 4);
        let m = Query {
            case_sensitive: true,
            ..query("studytube")
        }
        .compile()
        .expect("valid");
        assert_eq!(m.find_all(&t), [Match::Text { turn: 0, range: 27..36 }]);
    }

    #[test]
    fn whole_words_only() {
        let t = sample();
        let m = Query {
            whole_word: true,
            ..query("Studytube")
        }
        .compile()
        .expect("valid");
        assert_eq!(m.count(&t), 3, "not the one inside Studytubes");
    }

    #[test]
    fn scope_limits_to_one_speaker() {
        let t = sample();
        let m = Query {
            speaker: Some(t.speakers[1].id.clone()),
            ..query("studytube")
        }
        .compile()
        .expect("valid");
        assert_eq!(m.find_all(&t), [Match::Text { turn: 1, range: 12..21 }]);
    }

    #[test]
    fn regex_replace_all_expands_groups_and_is_one_undo_step() {
        let mut t = sample();
        let before = t.clone();
        let m = Query {
            regex: true,
            case_sensitive: true,
            ..query(r"(S)tudy(tube)")
        }
        .compile()
        .expect("valid");
        let (change, n) = m.replace_all(&t, "$1-$2");
        assert_eq!(n, 3);
        let mut h = History::new();
        h.apply(&mut t, change).expect("replaces");
        assert_eq!(t.turns[0].text, "S-tube is een platform. studytube!");
        assert_eq!(t.turns[2].text, "Tube of S-tubes?");
        h.undo(&mut t).expect("undo");
        assert_eq!(t, before);
    }

    #[test]
    fn a_group_number_followed_by_letters_is_still_the_group() {
        assert_eq!(
            numbered_groups_braced("$1tudy-$2 $$5 ${name} $x"),
            "${1}tudy-${2} $$5 ${name} $x"
        );
    }

    #[test]
    fn plain_replacement_is_literal() {
        let mut t = sample();
        let m = query("ja").compile().expect("valid");
        let (change, _) = m.replace_all(&t, "$1 nee");
        History::new().apply(&mut t, change).expect("replaces");
        assert_eq!(t.turns[1].text, "Ik werk bij Studytube, $1 nee.");
    }

    #[test]
    fn replacing_in_labels_renames() {
        let mut t = sample();
        let m = Query {
            in_labels: true,
            whole_word: true,
            ..query("Mia")
        }
        .compile()
        .expect("valid");
        assert_eq!(
            m.find_all(&t)[0],
            Match::Label {
                speaker: 1,
                range: 0..3
            }
        );
        let (change, _) = m.replace_all(&t, "Mia Bijman");
        History::new().apply(&mut t, change).expect("replaces");
        assert_eq!(t.speakers[1].name, "Mia Bijman");
    }

    #[test]
    fn replace_one_changes_only_that_match() {
        let mut t = sample();
        let m = query("studytube").compile().expect("valid");
        let second = m.find_all(&t)[1].clone();
        let change = m.replace_one(&t, &second, "Studytube").expect("fits");
        History::new().apply(&mut t, change).expect("replaces");
        assert_eq!(t.turns[0].text, "Studytube is een platform. Studytube!");
    }

    #[test]
    fn an_invalid_regex_is_an_error_not_a_crash() {
        let e = Query {
            regex: true,
            ..query("(unclosed")
        }
        .compile()
        .expect_err("invalid");
        assert!(e.0.starts_with("not a valid regular expression"), "{}", e.0);
        assert!(e.0.contains("unclosed"), "{}", e.0);
    }
}
