//! Property: any sequence of edits, undone step by step, gives back the identical transcript; redone, gives
//! the identical result again.

use proptest::prelude::*;
use transcript_editor::edit::search::Query;
use transcript_editor::edit::{History, aliases, ops};
use transcript_editor::model::{SplitGroup, Transcript, Word};

#[derive(Debug, Clone)]
enum Op {
    Type {
        turn: usize,
        at: usize,
        text: String,
    },
    Delete {
        turn: usize,
        at: usize,
        len: usize,
    },
    Relabel {
        turn: usize,
        speaker: usize,
    },
    Rename {
        speaker: usize,
        name: String,
    },
    MergeSpeakers {
        from: usize,
        into: usize,
    },
    AddSpeaker {
        name: String,
    },
    Split {
        turn: usize,
        at: usize,
    },
    SplitOut {
        turn: usize,
        at: usize,
        len: usize,
        speaker: usize,
    },
    MergeTurns {
        turn: usize,
    },
    Insert {
        at: usize,
        speaker: usize,
    },
    DeleteTurn {
        turn: usize,
    },
    ReplaceAll {
        pattern: String,
        with: String,
        regex: bool,
    },
    MergeAliases,
    Move {
        turn: usize,
        up: bool,
    },
    Revert {
        turn: usize,
        group: bool,
    },
    Review {
        turn: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let n = 0usize..40;
    prop_oneof![
        3 => (n.clone(), n.clone(), "[a-zé ]{1,6}").prop_map(|(turn, at, text)| Op::Type { turn, at, text }),
        2 => (n.clone(), n.clone(), 1usize..8).prop_map(|(turn, at, len)| Op::Delete { turn, at, len }),
        2 => (n.clone(), n.clone()).prop_map(|(turn, speaker)| Op::Relabel { turn, speaker }),
        1 => (n.clone(), "[A-Z][a-z]{0,5}").prop_map(|(speaker, name)| Op::Rename { speaker, name }),
        1 => (n.clone(), n.clone()).prop_map(|(from, into)| Op::MergeSpeakers { from, into }),
        1 => "[A-Z][a-z]{0,5}".prop_map(|name| Op::AddSpeaker { name }),
        2 => (n.clone(), n.clone()).prop_map(|(turn, at)| Op::Split { turn, at }),
        2 => (n.clone(), n.clone(), 1usize..10, n.clone()).prop_map(|(turn, at, len, speaker)| Op::SplitOut { turn, at, len, speaker }),
        2 => n.clone().prop_map(|turn| Op::MergeTurns { turn }),
        1 => (n.clone(), n.clone()).prop_map(|(at, speaker)| Op::Insert { at, speaker }),
        1 => n.clone().prop_map(|turn| Op::DeleteTurn { turn }),
        1 => ("[a-e]{1,2}", "[x-z]{0,3}", any::<bool>()).prop_map(|(pattern, with, regex)| Op::ReplaceAll { pattern, with, regex }),
        1 => Just(Op::MergeAliases),
        2 => (n.clone(), any::<bool>()).prop_map(|(turn, up)| Op::Move { turn, up }),
        2 => (n.clone(), any::<bool>()).prop_map(|(turn, group)| Op::Revert { turn, group }),
        1 => n.clone().prop_map(|turn| Op::Review { turn }),
    ]
}

/// Turns with times, some with words (times and confidences), review marks, the text first opened, and
/// split groups.
fn transcript() -> impl Strategy<Value = Transcript> {
    let turn = (
        0usize..5,
        "[a-eé ]{0,30}",
        prop::option::of(0u32..1000),
        any::<(bool, bool)>(),
        prop::option::of("[a-e ]{0,10}"),
        prop::option::weighted(0.3, 0u8..2),
    );
    (
        prop::collection::vec("[A-Z][a-z]{0,4}", 1..5),
        prop::collection::vec(turn, 0..12),
    )
        .prop_map(|(names, turns)| {
            let mut t = Transcript::new();
            let ids: Vec<_> = names.iter().map(|n| t.intern_speaker(n)).collect();
            let groups = [SplitGroup::fresh(), SplitGroup::fresh()];
            for (s, text, start, (words, reviewed), original, group) in turns {
                let turn = t.push_turn(Some(ids[s % ids.len()].clone()), text);
                turn.start = start.map(f64::from);
                turn.end = start.map(|s| f64::from(s) + 5.0);
                if let (true, Some(start)) = (words, turn.start) {
                    turn.words = turn
                        .text
                        .split_whitespace()
                        .enumerate()
                        .map(|(k, w)| Word::heard(w, Some(start + k as f64), Some(start + k as f64 + 0.5), Some(0.5)))
                        .collect();
                }
                turn.reviewed = reviewed;
                turn.original = original.map(String::into_boxed_str);
                turn.group = group.map(|g| groups[g as usize]);
            }
            t
        })
}

/// A byte offset on a character boundary, from any number.
fn boundary(s: &str, n: usize) -> usize {
    let chars = s.chars().count();
    ops::byte_offset(s, if chars == 0 { 0 } else { n % (chars + 1) })
}

fn build(t: &Transcript, op: &Op) -> Option<transcript_editor::edit::Change> {
    let turns = t.turns.len();
    let speakers = t.speakers.len();
    let speaker_id = |i: usize| (speakers > 0).then(|| t.speakers[i % speakers].id.clone());
    Some(match op {
        Op::Type { turn, at, text } if turns > 0 => {
            let turn = turn % turns;
            let mut new = t.turns[turn].text.clone();
            new.insert_str(boundary(&new, *at), text);
            ops::set_text(t, turn, &new)
        }
        Op::Delete { turn, at, len } if turns > 0 => {
            let turn = turn % turns;
            let old = &t.turns[turn].text;
            let start = boundary(old, *at);
            let end = boundary(old, old[..start].chars().count() + len);
            let new = format!("{}{}", &old[..start], &old[end.max(start)..]);
            ops::set_text(t, turn, &new)
        }
        Op::Relabel { turn, speaker } if turns > 0 => ops::relabel_turn(t, turn % turns, speaker_id(*speaker)),
        Op::Rename { speaker, name } => ops::rename_speaker(t, &speaker_id(*speaker)?, name),
        Op::MergeSpeakers { from, into } => ops::merge_speakers(t, &speaker_id(*from)?, &speaker_id(*into)?),
        Op::AddSpeaker { name } => ops::add_speaker(t, name).0,
        Op::Split { turn, at } if turns > 0 => {
            let turn = turn % turns;
            ops::split_turn(t, turn, boundary(&t.turns[turn].text, *at))
        }
        Op::SplitOut { turn, at, len, speaker } if turns > 0 => {
            let turn = turn % turns;
            let text = &t.turns[turn].text;
            let start = boundary(text, *at);
            let end = boundary(text, text[..start].chars().count() + len);
            ops::split_out(t, turn, start..end.max(start), speaker_id(*speaker))
        }
        Op::MergeTurns { turn } if turns > 0 => ops::merge_with_previous(t, turn % turns),
        Op::Insert { at, speaker } => ops::insert_turn(t, at % (turns + 1), speaker_id(*speaker)),
        Op::DeleteTurn { turn } if turns > 0 => ops::delete_turn(t, turn % turns),
        Op::ReplaceAll { pattern, with, regex } => {
            let q = Query {
                pattern: pattern.clone(),
                regex: *regex,
                ..Query::default()
            };
            q.compile().ok()?.replace_all(t, with).0
        }
        Op::MergeAliases => aliases::merge_all(t, &aliases::suggest(t)),
        Op::Move { turn, up } if turns > 0 => ops::move_turn(t, turn % turns, *up),
        Op::Revert { turn, group: false } if turns > 0 => ops::revert_turn(t, turn % turns),
        Op::Revert { turn, group: true } if turns > 0 => ops::revert_group(t, turn % turns),
        Op::Review { turn } if turns > 0 => ops::set_reviewed(t, turn % turns, !t.turns[turn % turns].reviewed),
        _ => return None,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn undo_all_gives_back_the_original_and_redo_all_the_result(
        original in transcript(),
        script in prop::collection::vec(op(), 1..30),
    ) {
        let mut t = original.clone();
        let mut history = History::new();
        let mut steps = 0;
        for op in &script {
            if let Some(change) = build(&t, op) {
                let empty = change.is_empty();
                history.apply(&mut t, change).map_err(|e| TestCaseError::fail(format!("{op:?}: {e}")))?;
                // Every step stands alone: nothing joins typing steps in this test.
                history.seal();
                steps += usize::from(!empty);
                // Every turn names a speaker that exists.
                for turn in &t.turns {
                    if let Some(id) = &turn.speaker {
                        prop_assert!(t.speaker(id).is_some(), "{op:?} left turn {turn:?} without its speaker");
                    }
                }
            }
        }
        let result = t.clone();
        for _ in 0..steps {
            history.undo(&mut t).map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        prop_assert!(!history.can_undo());
        prop_assert_eq!(&t, &original);
        prop_assert!(!history.is_dirty());
        for _ in 0..steps {
            history.redo(&mut t).map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        prop_assert_eq!(&t, &result);
    }
}
