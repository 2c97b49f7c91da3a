//! Finding speaker labels that are probably one person: `H` and `Hakar`, `mia` and `Mia `, `SPEAKER_00` and
//! `Speaker 0`. These are suggestions for the user to accept; nothing is merged without being asked.

use super::{Change, Edit};
use crate::model::{SpeakerId, Transcript};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The label that would disappear.
    pub from: SpeakerId,
    /// The label its turns would move to.
    pub into: SpeakerId,
    /// Why, in words for the speakers panel.
    pub reason: String,
}

/// Case, spacing and trailing punctuation do not make another person.
fn normalise(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['.', ':', ','])
        .to_lowercase()
}

/// `SPEAKER_00`, `Speaker 0`, `spk 0`: the number of a numbered speaker.
fn speaker_number(name: &str) -> Option<u64> {
    let n = normalise(name).replace(['_', '-'], " ");
    let rest = n.strip_prefix("speaker").or_else(|| n.strip_prefix("spk"))?;
    rest.trim().parse().ok()
}

/// `Mia Bijman` → `mb`.
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `short` is an abbreviation of `long`: its initials (`MB` for `Mia Bijman`) or a prefix of its
/// first word (`H`, `Hak` for `Hakar`), with or without a final dot.
fn abbreviates(short: &str, long: &str) -> bool {
    let short = normalise(short).replace('.', "");
    let long_n = normalise(long);
    if short.is_empty() || short.chars().count() >= long_n.chars().count() || short.contains(' ') {
        return false;
    }
    let first_word = long_n.split(' ').next().unwrap_or("");
    (short.chars().count() <= 3 && first_word.starts_with(&short)) || (long_n.contains(' ') && initials(long) == short)
}

/// Suggested merges, each label at most once as `from`. The label with more turns is kept when two are the
/// same name; an abbreviation goes into the full name. An abbreviation that fits two names is left alone.
pub fn suggest(t: &Transcript) -> Vec<Suggestion> {
    suggest_with_stats(t, &t.speaker_stats())
}

/// [`suggest`] with the per-speaker figures already at hand (the window keeps them up to date).
pub fn suggest_with_stats(t: &Transcript, stats: &[crate::model::SpeakerStats]) -> Vec<Suggestion> {
    let turns = |i: usize| stats.get(i).map_or(0, |s| s.turns);
    let mut out: Vec<Suggestion> = Vec::new();
    let mut taken: Vec<bool> = vec![false; t.speakers.len()];

    // Same name but for case, spacing or numbering style.
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, s) in t.speakers.iter().enumerate() {
        let key = match speaker_number(&s.name) {
            Some(n) => format!("\u{0}speaker {n}"),
            None => normalise(&s.name),
        };
        groups.entry(key).or_default().push(i);
    }
    let mut grouped: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
    grouped.sort();
    for group in grouped {
        // Keep the most used label, the earlier one on a tie.
        let keep = *group
            .iter()
            .max_by_key(|&&i| (turns(i), std::cmp::Reverse(i)))
            .unwrap_or(&group[0]);
        for &i in group.iter().filter(|&&i| i != keep) {
            taken[i] = true;
            out.push(Suggestion {
                from: t.speakers[i].id.clone(),
                into: t.speakers[keep].id.clone(),
                reason: format!(
                    "\"{}\" and \"{}\" differ only in spelling",
                    t.speakers[i].name, t.speakers[keep].name
                ),
            });
        }
    }

    // Abbreviations of exactly one longer name.
    for (i, short) in t.speakers.iter().enumerate() {
        if taken[i] {
            continue;
        }
        let candidates: Vec<usize> = t
            .speakers
            .iter()
            .enumerate()
            .filter(|&(j, long)| j != i && !taken[j] && abbreviates(&short.name, &long.name))
            .map(|(j, _)| j)
            .collect();
        if let [j] = candidates[..] {
            out.push(Suggestion {
                from: short.id.clone(),
                into: t.speakers[j].id.clone(),
                reason: format!("\"{}\" looks like short for \"{}\"", short.name, t.speakers[j].name),
            });
        }
    }
    out
}

/// One change that applies all `suggestions` (one undo step).
pub fn merge_all(t: &Transcript, suggestions: &[Suggestion]) -> Change {
    let mut edits = Vec::new();
    let mut into_of: HashMap<&SpeakerId, &SpeakerId> = HashMap::new();
    for s in suggestions {
        into_of.insert(&s.from, &s.into);
    }
    // Follow chains (A → B → C) so every turn lands on a label that stays.
    let resolve = |id: &SpeakerId| -> SpeakerId {
        let mut id = id.clone();
        for _ in 0..suggestions.len() {
            match into_of.get(&id) {
                Some(next) => id = (*next).clone(),
                None => break,
            }
        }
        id
    };
    for (i, turn) in t.turns.iter().enumerate() {
        if let Some(speaker) = &turn.speaker
            && into_of.contains_key(speaker)
        {
            edits.push(Edit::SetSpeaker {
                turn: i,
                speaker: Some(resolve(speaker)),
            });
        }
    }
    // Remove from the back so the indices of the ones still to remove stay valid.
    let mut removed: Vec<usize> = suggestions.iter().filter_map(|s| t.speaker_index(&s.from)).collect();
    removed.sort_unstable();
    removed.dedup();
    for index in removed.into_iter().rev() {
        edits.push(Edit::RemoveSpeaker { index });
    }
    Change::new(format!("Merge {} speaker aliases", suggestions.len()), edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::History;

    fn with_speakers(names: &[&str]) -> Transcript {
        let mut t = Transcript::new();
        for name in names {
            let id = t.intern_speaker(name);
            t.push_turn(Some(id), "tekst");
        }
        t
    }

    fn pairs(t: &Transcript) -> Vec<(String, String)> {
        suggest(t)
            .into_iter()
            .map(|s| {
                let name = |id: &SpeakerId| t.speaker(id).map(|x| x.name.clone()).unwrap_or_default();
                (name(&s.from), name(&s.into))
            })
            .collect()
    }

    #[test]
    fn initials_and_prefixes_of_the_seed() {
        let t = with_speakers(&["Hakar", "Mia", "H", "M"]);
        assert_eq!(pairs(&t), [("H".into(), "Hakar".into()), ("M".into(), "Mia".into())]);
    }

    #[test]
    fn case_and_spacing_variants() {
        let mut t = with_speakers(&["Mia", "mia", "Mia ", "Hakar"]);
        let m = t.speakers[0].id.clone();
        t.push_turn(Some(m), "meer");
        let p = pairs(&t);
        assert!(p.contains(&("mia".into(), "Mia".into())), "{p:?}");
        assert!(p.contains(&("Mia ".into(), "Mia".into())), "{p:?}");
        assert_eq!(p.len(), 2);
    }

    #[test]
    fn numbered_speaker_styles() {
        let t = with_speakers(&["SPEAKER_00", "Speaker 0", "SPEAKER_01"]);
        assert_eq!(pairs(&t), [("Speaker 0".into(), "SPEAKER_00".into())]);
    }

    #[test]
    fn initials_of_a_full_name() {
        let t = with_speakers(&["Mia Bijman", "MB", "Hakar"]);
        assert_eq!(pairs(&t), [("MB".into(), "Mia Bijman".into())]);
    }

    #[test]
    fn an_ambiguous_abbreviation_is_not_suggested() {
        let t = with_speakers(&["Hakar", "Hanna", "H"]);
        assert!(pairs(&t).is_empty());
    }

    #[test]
    fn distinct_people_are_left_alone() {
        let t = with_speakers(&["Mia", "Max", "Hakar", "SPEAKER_00", "SPEAKER_01"]);
        assert!(pairs(&t).is_empty());
    }

    #[test]
    fn merge_all_is_one_undoable_change() {
        let mut t = with_speakers(&["Hakar", "Mia", "H", "M", "H"]);
        let before = t.clone();
        let s = suggest(&t);
        let mut h = History::new();
        let c = merge_all(&t, &s);
        h.apply(&mut t, c).expect("merges");
        let names: Vec<&str> = t.speakers.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["Hakar", "Mia"]);
        assert_eq!(t.speaker_stats().iter().map(|s| s.turns).collect::<Vec<_>>(), [3, 2]);
        h.undo(&mut t).expect("undo");
        assert_eq!(t, before);
    }
}
