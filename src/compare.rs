//! How far one transcript is from another: the word error rate of a hypothesis (B) against a reference
//! (A), with its substitutions, deletions and insertions, as `jiwer` counts them; and which turns changed
//! and which changed speaker. Words are compared without case and punctuation unless asked otherwise.

use crate::model::Transcript;
use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices};

/// How words are made comparable.
#[derive(Debug, Clone, Copy, Default)]
pub struct Normalise {
    /// Keep upper and lower case apart ("Ja" is not "ja").
    pub keep_case: bool,
    /// Keep punctuation ("ja." is not "ja"). By default every character of Unicode's punctuation
    /// categories is removed, as `jiwer.RemovePunctuation` does ("don't" becomes "dont").
    pub keep_punctuation: bool,
}

impl Normalise {
    /// The words of `text` as they are compared.
    pub fn words(&self, text: &str) -> Vec<String> {
        let text = if self.keep_case {
            text.to_string()
        } else {
            text.to_lowercase()
        };
        let text = if self.keep_punctuation {
            text
        } else {
            punctuation().replace_all(&text, "").into_owned()
        };
        text.split_whitespace().map(str::to_string).collect()
    }
}

fn punctuation() -> &'static regex::Regex {
    static PUNCTUATION: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    PUNCTUATION.get_or_init(|| regex::Regex::new(r"\p{P}").unwrap_or_else(|_| unreachable!("a valid pattern")))
}

/// The result, as `compare --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Substitutions, deletions and insertions over the reference's words (0 when both are empty).
    pub wer: f64,
    pub substitutions: usize,
    pub deletions: usize,
    pub insertions: usize,
    pub hits: usize,
    /// Words in the reference (A).
    pub words: usize,
    /// Turns of B whose speaker's name differs from that of the turn of A they stand for.
    pub speaker_changes: usize,
    /// Turns of B (numbered from 1) whose words differ from A's, or that A does not have.
    pub changed_turns: Vec<usize>,
}

/// Word-level edit counts between two word lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub substitutions: usize,
    pub deletions: usize,
    pub insertions: usize,
    pub hits: usize,
}

/// Runs of this many words in common in order split the alignment into stretches aligned on their own.
const ANCHOR: usize = 3;
/// The largest stretch aligned in full (words of one side times words of the other).
const FULL: usize = 4_000_000;

/// The fewest substitutions, deletions and insertions that make `hypothesis` of `reference`. Runs of words
/// the two have in common in order (found by a diff, so long transcripts stay cheap) split them into
/// stretches, and each stretch is aligned in full (Levenshtein), so that a reordering inside it costs what
/// jiwer says it costs.
pub fn counts(reference: &[String], hypothesis: &[String]) -> Counts {
    let mut total = Counts::default();
    let (mut a, mut b) = (0, 0);
    let add = |total: &mut Counts, a0: usize, a1: usize, b0: usize, b1: usize| {
        let (ra, rb) = (&reference[a0..a1], &hypothesis[b0..b1]);
        let c = if ra.len().saturating_mul(rb.len()) <= FULL {
            levenshtein(ra, rb)
        } else {
            // Too long to align in full: the diff's own counts.
            let mut c = Counts::default();
            for op in capture_diff_slices(Algorithm::Myers, ra, rb) {
                match op {
                    DiffOp::Equal { len, .. } => c.hits += len,
                    DiffOp::Delete { old_len, .. } => c.deletions += old_len,
                    DiffOp::Insert { new_len, .. } => c.insertions += new_len,
                    DiffOp::Replace { old_len, new_len, .. } => {
                        c.substitutions += old_len.min(new_len);
                        c.deletions += old_len.saturating_sub(new_len);
                        c.insertions += new_len.saturating_sub(old_len);
                    }
                }
            }
            c
        };
        total.substitutions += c.substitutions;
        total.deletions += c.deletions;
        total.insertions += c.insertions;
        total.hits += c.hits;
    };
    for op in capture_diff_slices(Algorithm::Myers, reference, hypothesis) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
            && len >= ANCHOR
        {
            add(&mut total, a, old_index, b, new_index);
            total.hits += len;
            (a, b) = (old_index + len, new_index + len);
        }
    }
    add(&mut total, a, reference.len(), b, hypothesis.len());
    total
}

/// A full alignment of two short word lists; ties go to substitutions, then deletions, as jiwer's do.
fn levenshtein(a: &[String], b: &[String]) -> Counts {
    let (n, m) = (a.len(), b.len());
    // cost[i][j]: edits between a[..i] and b[..j].
    let mut cost = vec![vec![0u32; m + 1]; n + 1];
    for (i, row) in cost.iter_mut().enumerate() {
        row[0] = i as u32;
    }
    for (j, cell) in cost[0].iter_mut().enumerate() {
        *cell = j as u32;
    }
    for i in 1..=n {
        for j in 1..=m {
            let same = u32::from(a[i - 1] != b[j - 1]);
            cost[i][j] = (cost[i - 1][j - 1] + same)
                .min(cost[i - 1][j] + 1)
                .min(cost[i][j - 1] + 1);
        }
    }
    let mut c = Counts::default();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        if i > 0 && j > 0 && cost[i][j] == cost[i - 1][j - 1] + u32::from(a[i - 1] != b[j - 1]) {
            if a[i - 1] == b[j - 1] {
                c.hits += 1;
            } else {
                c.substitutions += 1;
            }
            (i, j) = (i - 1, j - 1);
        } else if i > 0 && cost[i][j] == cost[i - 1][j] + 1 {
            c.deletions += 1;
            i -= 1;
        } else {
            c.insertions += 1;
            j -= 1;
        }
    }
    c
}

/// Compares transcript `b` with the reference `a`.
pub fn compare(a: &Transcript, b: &Transcript, normalise: Normalise) -> Comparison {
    let words_of = |t: &Transcript| -> Vec<Vec<String>> { t.turns.iter().map(|x| normalise.words(&x.text)).collect() };
    let (turns_a, turns_b) = (words_of(a), words_of(b));
    let all_a: Vec<String> = turns_a.iter().flatten().cloned().collect();
    let all_b: Vec<String> = turns_b.iter().flatten().cloned().collect();
    let c = counts(&all_a, &all_b);
    let errors = c.substitutions + c.deletions + c.insertions;
    // Against no words at all every word of B is an error; the rate is taken as its count (the command
    // line refuses such a reference).
    let wer = errors as f64 / all_a.len().max(1) as f64;
    // Turns are paired by their words; a turn of B without a partner of the same words has changed, and a
    // pair of turns one for one in a changed stretch is where a speaker may have changed too.
    let mut speaker_changes = 0;
    let mut changed_turns = Vec::new();
    let name = |t: &Transcript, i: usize| t.speaker_name(t.turns[i].speaker.as_ref()).map(str::to_string);
    for op in capture_diff_slices(Algorithm::Myers, &turns_a, &turns_b) {
        let (old, new) = match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => (old_index..old_index + len, new_index..new_index + len),
            DiffOp::Delete { old_index, old_len, .. } => (old_index..old_index + old_len, 0..0),
            DiffOp::Insert { new_index, new_len, .. } => (0..0, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (old_index..old_index + old_len, new_index..new_index + new_len),
        };
        if !matches!(op, DiffOp::Equal { .. }) {
            changed_turns.extend(new.clone().map(|j| j + 1));
        }
        if old.len() == new.len() {
            speaker_changes += old.zip(new).filter(|&(i, j)| name(a, i) != name(b, j)).count();
        }
    }
    Comparison {
        wer,
        substitutions: c.substitutions,
        deletions: c.deletions,
        insertions: c.insertions,
        hits: c.hits,
        words: all_a.len(),
        speaker_changes,
        changed_turns,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str) -> Vec<String> {
        Normalise::default().words(text)
    }

    #[test]
    fn case_and_punctuation_are_left_out_unless_kept() {
        assert_eq!(w("Ja, dat is zo! Don't."), ["ja", "dat", "is", "zo", "dont"]);
        let keep = Normalise {
            keep_case: true,
            keep_punctuation: true,
        };
        assert_eq!(keep.words("Ja, zo."), ["Ja,", "zo."]);
    }

    #[test]
    fn substitutions_deletions_and_insertions_are_counted_as_few_as_can_be() {
        // Three edits either way; like jiwer, substitutions are preferred to a deletion and an insertion.
        let c = counts(&w("the cat sat on the mat"), &w("the cat sit on mat today"));
        assert_eq!(
            c,
            Counts {
                substitutions: 3,
                deletions: 0,
                insertions: 0,
                hits: 3
            }
        );
        let c = counts(&w("the cat sat on the mat"), &w("the cat on the mat"));
        assert_eq!((c.substitutions, c.deletions, c.insertions, c.hits), (0, 1, 0, 5));
        assert_eq!(counts(&w(""), &w("a b")).insertions, 2);
        assert_eq!(counts(&w("a b"), &w("")).deletions, 2);
        // A changed stretch between words in common is aligned in full: two substitutions, not 2+2.
        let c = counts(&w("een twee drie vier"), &w("een zes zeven vier"));
        assert_eq!((c.substitutions, c.deletions, c.insertions, c.hits), (2, 0, 0, 2));
        // Words swapped: three substitutions, as a full alignment says, not two deletions and two
        // insertions around the one word in common.
        let c = counts(&w("a x b"), &w("b y a"));
        assert_eq!(c.substitutions + c.deletions + c.insertions, 3);
    }

    #[test]
    fn turns_that_changed_and_speakers_that_changed_are_named() {
        let mut a = Transcript::new();
        let (mia, bram) = (a.intern_speaker("Mia"), a.intern_speaker("Bram"));
        a.push_turn(Some(mia.clone()), "Welkom bij de podcast.");
        a.push_turn(Some(bram.clone()), "Dank je.");
        a.push_turn(Some(mia.clone()), "Zeker.");
        let mut b = a.clone();
        b.turns[1].speaker = Some(mia);
        b.turns[2].text = "Zeker weten.".into();
        let c = compare(&a, &b, Normalise::default());
        assert_eq!(c.words, 7);
        assert_eq!((c.substitutions, c.deletions, c.insertions), (0, 0, 1));
        assert!((c.wer - 1.0 / 7.0).abs() < 1e-12);
        assert_eq!(c.changed_turns, [3]);
        assert_eq!(c.speaker_changes, 1);
    }
}
