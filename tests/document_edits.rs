//! Property: random sequences of the window's edits, made on a [`Document`] as the window makes them (and
//! undone and redone through its history), never lose or double a word. A transcript as recognisers and earlier sessions leave them (word times and
//! confidences, review marks, originals of changed turns, turns split from one) is edited by typing,
//! splitting, joining, interjections, moving, deleting, relabelling, renaming, merging speakers, replacing,
//! reverting (a turn, or a split group joined back), removing fillers, undo and redo. After every step:
//!
//! - split, join, an interjection, relabelling, renaming and merging keep every character of the text in
//!   order; a move keeps the turns; deleting a turn removes that turn's text only; removing fillers removes
//!   the fillers only;
//! - every step but deleting and removing fillers keeps what the turns held when first opened (each
//!   turn's share of the original, in order), so every original word is in exactly one turn;
//! - a turn nobody typed in is never "changed", and reverting it (or its split group) changes no word;
//! - a turn's words spell its text; the transcript saves and reopens equal in JSON, and as the same
//!   speakers, texts and times in plain text;
//! - undo and redo give back each earlier state exactly, and undoing everything gives back, byte for byte,
//!   the JSON that was opened (and redoing everything, the newest state).

use proptest::prelude::*;
use std::collections::HashSet;
use transcript_editor::document::Document;
use transcript_editor::edit::clean::{self, Fillers};
use transcript_editor::edit::search::Query;
use transcript_editor::edit::{Change, aliases, ops};
use transcript_editor::formats::Format;
use transcript_editor::formats::json::Json;
use transcript_editor::formats::text::PlainText;
use transcript_editor::model::{SplitGroup, Transcript, TurnId, Word};

/// Words as transcripts have them: punctuation attached, fillers set off by commas, names.
const WORDS: &[&str] = &[
    "Ja.",
    "ja,",
    "eh,",
    "uhm",
    "Eh,",
    "Zeker.",
    "In",
    "de",
    "praktijk",
    "redstarts,",
    "Mia",
    "Hakar",
    "Welkom",
    "bij",
    "podcast.",
    "dat",
    "klopt.",
    "Ik",
    "ben,",
    "hmm",
    "wel",
    "één",
    "zo'n",
    "auto's.",
];

#[derive(Debug, Clone)]
struct TurnSpec {
    speaker: usize,
    words: Vec<usize>,
    /// Start of the turn, in quarter seconds; words then have times and confidences.
    timed: Option<u16>,
    reviewed: bool,
    /// The text first opened differed: this word was another.
    edited: Option<usize>,
    group: Option<u8>,
}

fn turn_spec() -> impl Strategy<Value = TurnSpec> {
    (
        0usize..3,
        prop::collection::vec(0..WORDS.len(), 0..9),
        prop::option::of(0u16..4000),
        any::<bool>(),
        prop::option::weighted(0.2, 0usize..8),
        prop::option::weighted(0.3, 0u8..3),
    )
        .prop_map(|(speaker, words, timed, reviewed, edited, group)| TurnSpec {
            speaker,
            words,
            timed,
            reviewed,
            edited,
            group,
        })
}

/// A transcript as the editor opens it from JSON: read back from what it was written as.
fn opened() -> impl Strategy<Value = Transcript> {
    prop::collection::vec(turn_spec(), 1..9).prop_map(|specs| {
        let mut t = Transcript::new();
        let ids: Vec<_> = ["Mia", "Hakar", "H"].iter().map(|n| t.intern_speaker(n)).collect();
        let groups: Vec<SplitGroup> = (0..3).map(|_| SplitGroup::fresh()).collect();
        for spec in specs {
            let tokens: Vec<&str> = spec.words.iter().map(|&w| WORDS[w]).collect();
            let text = tokens.join(" ");
            let turn = t.push_turn(Some(ids[spec.speaker].clone()), text.clone());
            if let Some(q) = spec.timed {
                let start = f64::from(q) / 4.0;
                turn.start = Some(start);
                turn.end = Some(start + tokens.len() as f64 * 0.5 + 0.25);
                turn.words = tokens
                    .iter()
                    .enumerate()
                    .map(|(k, w)| {
                        let at = start + k as f64 * 0.5;
                        Word::heard(w, Some(at), Some(at + 0.25), Some((k % 10) as f32 / 10.0))
                    })
                    .collect();
            }
            turn.reviewed = spec.reviewed;
            if let Some(k) = spec.edited.filter(|&k| k < tokens.len()) {
                let mut first = tokens.clone();
                first[k] = "anders";
                turn.original = Some(first.join(" ").into());
            }
            turn.group = spec.group.map(|g| groups[g as usize]);
        }
        let json = Json.write(&t).expect("writes");
        Json.read(&json).expect("reads back").transcript
    })
}

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
    /// Ctrl+Enter at a character; `word` puts the caret between two words.
    Split {
        turn: usize,
        at: usize,
        word: bool,
    },
    JoinPrevious {
        turn: usize,
    },
    Interjection {
        turn: usize,
        at: usize,
        len: usize,
        speaker: usize,
    },
    Move {
        turn: usize,
        up: bool,
    },
    DeleteTurn {
        turn: usize,
    },
    Insert {
        at: usize,
    },
    Relabel {
        turn: usize,
        speaker: usize,
    },
    Rename {
        speaker: usize,
        name: String,
    },
    Merge {
        from: usize,
        into: usize,
    },
    AddSpeaker {
        name: String,
    },
    MergeAliases,
    Review {
        turn: usize,
    },
    ReplaceAll {
        pattern: String,
        with: String,
    },
    Revert {
        turn: usize,
    },
    RevertGroup {
        turn: usize,
    },
    RemoveFillers,
    Undo,
    Redo,
}

fn op() -> impl Strategy<Value = Op> {
    let n = 0usize..40;
    prop_oneof![
        2 => (n.clone(), n.clone(), "[a-zé ,.]{1,6}").prop_map(|(turn, at, text)| Op::Type { turn, at, text }),
        2 => (n.clone(), n.clone(), 1usize..8).prop_map(|(turn, at, len)| Op::Delete { turn, at, len }),
        4 => (n.clone(), n.clone(), any::<bool>()).prop_map(|(turn, at, word)| Op::Split { turn, at, word }),
        2 => n.clone().prop_map(|turn| Op::JoinPrevious { turn }),
        3 => (n.clone(), n.clone(), 1usize..10, 0usize..3)
            .prop_map(|(turn, at, len, speaker)| Op::Interjection { turn, at, len, speaker }),
        2 => (n.clone(), any::<bool>()).prop_map(|(turn, up)| Op::Move { turn, up }),
        1 => n.clone().prop_map(|turn| Op::DeleteTurn { turn }),
        1 => n.clone().prop_map(|at| Op::Insert { at }),
        1 => (n.clone(), 0usize..3).prop_map(|(turn, speaker)| Op::Relabel { turn, speaker }),
        1 => (0usize..3, "[A-Z][a-z]{0,4}").prop_map(|(speaker, name)| Op::Rename { speaker, name }),
        1 => (0usize..3, 0usize..3).prop_map(|(from, into)| Op::Merge { from, into }),
        1 => "[A-Z][a-z]{0,4}".prop_map(|name| Op::AddSpeaker { name }),
        1 => Just(Op::MergeAliases),
        1 => n.clone().prop_map(|turn| Op::Review { turn }),
        1 => ("[a-e]{1,2}", "[x-z]{0,3}").prop_map(|(pattern, with)| Op::ReplaceAll { pattern, with }),
        3 => n.clone().prop_map(|turn| Op::Revert { turn }),
        2 => n.clone().prop_map(|turn| Op::RevertGroup { turn }),
        1 => Just(Op::RemoveFillers),
        2 => Just(Op::Undo),
        2 => Just(Op::Redo),
    ]
}

/// A byte offset on a character boundary, from any number.
fn boundary(s: &str, n: usize) -> usize {
    let chars = s.chars().count();
    ops::byte_offset(s, if chars == 0 { 0 } else { n % (chars + 1) })
}

/// The start of a word (or the end of the text), from any number.
fn word_boundary(s: &str, n: usize) -> usize {
    let starts: Vec<usize> = ops_starts(s).chain(std::iter::once(s.len())).collect();
    starts[n % starts.len()]
}

fn ops_starts(s: &str) -> impl Iterator<Item = usize> + '_ {
    transcript_editor::model::words::tokens_with_offsets(s).map(|(at, _)| at)
}

fn inside_a_word(s: &str, at: usize) -> bool {
    let before = s[..at].chars().next_back().is_some_and(|c| !c.is_whitespace());
    let after = s[at..].chars().next().is_some_and(|c| !c.is_whitespace());
    before && after
}

/// Every character that is not white space, in order.
fn characters<'a>(texts: impl Iterator<Item = &'a str>) -> String {
    texts.flat_map(|t| t.chars().filter(|c| !c.is_whitespace())).collect()
}

fn text_chars(t: &Transcript) -> String {
    characters(t.turns.iter().map(|x| x.text.as_str()))
}

/// What the turns held when first opened, in order.
fn opened_chars(t: &Transcript) -> String {
    characters(t.turns.iter().map(|x| x.as_opened()))
}

fn sorted(mut s: Vec<char>) -> Vec<char> {
    s.sort_unstable();
    s
}

/// The words (lower case, without punctuation) of the whole transcript, in order.
fn bare_words(t: &Transcript) -> Vec<String> {
    t.turns
        .iter()
        .flat_map(|x| transcript_editor::model::tokens::words(&x.text).map(|(_, w)| w.to_lowercase()))
        .collect()
}

/// A turn as plain text holds it: its speaker's name, its text, its times to the millisecond.
type Row = (Option<String>, String, Option<i64>, Option<i64>);

/// Speakers' names, texts without the spaces at their ends, and times to the millisecond (what plain text
/// holds, as the README says).
fn rows(t: &Transcript) -> Vec<Row> {
    let ms = |x: Option<f64>| x.map(|s| (s * 1000.0).round() as i64);
    t.turns
        .iter()
        .map(|x| {
            (
                t.speaker_name(x.speaker.as_ref()).map(str::to_string),
                x.text.trim().to_string(),
                ms(x.start),
                ms(x.end),
            )
        })
        .collect()
}

fn json(t: &Transcript) -> Vec<u8> {
    Json.write(t).expect("JSON writes every transcript")
}

fn utf8(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The change an operation makes, with the turn it works on (by index) where it names one.
fn build(t: &Transcript, op: &Op) -> Option<(Change, Option<usize>)> {
    let turns = t.turns.len();
    let speaker = |i: usize| t.speakers.get(i % t.speakers.len().max(1)).map(|s| s.id.clone());
    let pick = |i: usize| (turns > 0).then_some(i % turns.max(1));
    Some(match *op {
        Op::Type { turn, at, ref text } => {
            let turn = pick(turn)?;
            let mut new = t.turns[turn].text.clone();
            new.insert_str(boundary(&new, at), text);
            (ops::set_text(t, turn, &new), Some(turn))
        }
        Op::Delete { turn, at, len } => {
            let turn = pick(turn)?;
            let old = &t.turns[turn].text;
            let start = boundary(old, at);
            let end = boundary(old, old[..start].chars().count() + len).max(start);
            (
                ops::set_text(t, turn, &format!("{}{}", &old[..start], &old[end..])),
                Some(turn),
            )
        }
        Op::Split { turn, at, word } => {
            let turn = pick(turn)?;
            let text = &t.turns[turn].text;
            let at = if word {
                word_boundary(text, at)
            } else {
                boundary(text, at)
            };
            (ops::split_turn(t, turn, at), Some(turn))
        }
        Op::JoinPrevious { turn } => {
            let turn = pick(turn)?;
            (ops::merge_with_previous(t, turn), Some(turn))
        }
        Op::Interjection {
            turn,
            at,
            len,
            speaker: s,
        } => {
            let turn = pick(turn)?;
            let text = &t.turns[turn].text;
            let start = boundary(text, at);
            let end = boundary(text, text[..start].chars().count() + len).max(start);
            (ops::split_out(t, turn, start..end, speaker(s)), Some(turn))
        }
        Op::Move { turn, up } => {
            let turn = pick(turn)?;
            (ops::move_turn(t, turn, up), Some(turn))
        }
        Op::DeleteTurn { turn } => {
            let turn = pick(turn)?;
            (ops::delete_turn(t, turn), Some(turn))
        }
        Op::Insert { at } => (ops::insert_turn(t, at % (turns + 1), speaker(0)), None),
        Op::Relabel { turn, speaker: s } => {
            let turn = pick(turn)?;
            (ops::relabel_turn(t, turn, speaker(s)), Some(turn))
        }
        Op::Rename { speaker: s, ref name } => (ops::rename_speaker(t, &speaker(s)?, name), None),
        Op::Merge { from, into } => (ops::merge_speakers(t, &speaker(from)?, &speaker(into)?), None),
        Op::AddSpeaker { ref name } => (ops::add_speaker(t, name).0, None),
        Op::MergeAliases => (aliases::merge_all(t, &aliases::suggest(t)), None),
        Op::Review { turn } => {
            let turn = pick(turn)?;
            (ops::set_reviewed(t, turn, !t.turns[turn].reviewed), Some(turn))
        }
        Op::ReplaceAll { ref pattern, ref with } => {
            let q = Query {
                pattern: pattern.clone(),
                ..Query::default()
            };
            (q.compile().ok()?.replace_all(t, with).0, None)
        }
        Op::Revert { turn } => {
            let turn = pick(turn)?;
            (ops::revert_turn(t, turn), Some(turn))
        }
        Op::RevertGroup { turn } => {
            let turn = pick(turn)?;
            (ops::revert_group(t, turn), Some(turn))
        }
        Op::RemoveFillers => (clean::remove_fillers(t, &Fillers::for_language("nl")).0, None),
        Op::Undo | Op::Redo => return None,
    })
}

/// The state after each step of the history, to check undo and redo against: the transcript's JSON and
/// the turns typed in.
struct Step {
    json: Vec<u8>,
    typed: HashSet<TurnId>,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn edits_keep_every_word_and_undo_gives_back_what_was_opened(
        start in opened(),
        script in prop::collection::vec(op(), 1..25),
    ) {
        let fillers = Fillers::for_language("nl");
        let opened_json = json(&start);
        // The turns whose words were typed over (in the file, or by the script): the only ones that may
        // differ from what they held when first opened.
        let mut typed: HashSet<TurnId> = start.turns.iter().filter(|x| x.is_changed()).map(|x| x.id).collect();
        let mut doc = Document::new(start, &Json);
        let mut steps = vec![Step { json: opened_json.clone(), typed: typed.clone() }];
        let mut at = 0;
        for op in &script {
            let before = doc.transcript().clone();
            match op {
                Op::Undo | Op::Redo => {
                    let undo = matches!(op, Op::Undo);
                    if undo && doc.can_undo() {
                        doc.undo().map_err(|e| TestCaseError::fail(e.to_string()))?;
                        at -= 1;
                    } else if !undo && doc.can_redo() {
                        doc.redo().map_err(|e| TestCaseError::fail(e.to_string()))?;
                        at += 1;
                    } else {
                        continue;
                    }
                    prop_assert_eq!(
                        utf8(&json(doc.transcript())),
                        utf8(&steps[at].json),
                        "{:?} gives back the state it went to", op
                    );
                    typed = steps[at].typed.clone();
                }
                _ => {
                    let Some((change, turn)) = build(&before, op) else { continue };
                    if change.is_empty() {
                        continue;
                    }
                    let source = turn.map(|i| before.turns[i].id);
                    let source_typed = source.is_some_and(|id| typed.contains(&id));
                    doc.apply(change).map_err(|e| TestCaseError::fail(format!("{op:?}: {e}")))?;
                    doc.seal();
                    let t = doc.transcript();
                    let ids_before: HashSet<TurnId> = before.turns.iter().map(|x| x.id).collect();
                    let fresh: Vec<TurnId> = t.turns.iter().map(|x| x.id).filter(|id| !ids_before.contains(id)).collect();
                    check_step(op, &before, t, &typed, source, &fillers)?;
                    // Which turns now hold typed words.
                    match op {
                        Op::Type { .. } | Op::Delete { .. } | Op::ReplaceAll { .. } | Op::RemoveFillers => {
                            for x in &t.turns {
                                let was = before.turns.iter().find(|y| y.id == x.id);
                                if was.is_none_or(|y| y.text != x.text) {
                                    typed.insert(x.id);
                                }
                            }
                        }
                        Op::Split { turn, at, word } => {
                            let text = &before.turns[turn % before.turns.len()].text;
                            let cut = if *word { word_boundary(text, *at) } else { boundary(text, *at) };
                            if source_typed || inside_a_word(text, cut) {
                                typed.extend(fresh.iter().copied().chain(source));
                            }
                        }
                        Op::Interjection { .. } if source_typed => typed.extend(fresh.iter().copied()),
                        Op::JoinPrevious { turn } => {
                            let i = turn % before.turns.len();
                            if i > 0 && (source_typed || typed.contains(&before.turns[i - 1].id)) {
                                typed.insert(before.turns[i - 1].id);
                            }
                        }
                        Op::RevertGroup { .. } => {
                            // The group is one turn again, as first opened.
                            if let Some(id) = source.and_then(|id| t.turns.iter().find(|x| x.id == id)).map(|x| x.id) {
                                typed.remove(&id);
                            }
                        }
                        Op::Revert { .. } => {
                            if let Some(id) = source {
                                typed.remove(&id);
                            }
                        }
                        _ => {}
                    }
                    steps.truncate(at + 1);
                    steps.push(Step { json: json(t), typed: typed.clone() });
                    at += 1;
                }
            }
            check_state(doc.transcript(), &typed, op)?;
        }
        while doc.can_undo() {
            doc.undo().map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        prop_assert_eq!(
            utf8(&json(doc.transcript())),
            utf8(&opened_json),
            "undoing everything gives back the JSON that was opened"
        );
        prop_assert!(!doc.is_dirty(), "and it is the saved state again");
        // Redoing everything gives back the newest state.
        while doc.can_redo() {
            doc.redo().map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        prop_assert_eq!(utf8(&json(doc.transcript())), utf8(&steps[steps.len() - 1].json));
    }
}

/// What one step must keep of the transcript before it.
fn check_step(
    op: &Op,
    before: &Transcript,
    after: &Transcript,
    typed: &HashSet<TurnId>,
    source: Option<TurnId>,
    fillers: &Fillers,
) -> Result<(), TestCaseError> {
    match op {
        Op::Split { .. }
        | Op::JoinPrevious { .. }
        | Op::Interjection { .. }
        | Op::Relabel { .. }
        | Op::Rename { .. }
        | Op::Merge { .. }
        | Op::MergeAliases
        | Op::Review { .. } => {
            prop_assert_eq!(
                text_chars(after),
                text_chars(before),
                "{:?} keeps every character in order",
                op
            );
        }
        Op::Move { .. } => {
            let texts = |t: &Transcript| {
                let mut v: Vec<String> = t.turns.iter().map(|x| x.text.clone()).collect();
                v.sort();
                v
            };
            prop_assert_eq!(texts(after), texts(before), "a move keeps the turns");
        }
        Op::DeleteTurn { turn } => {
            let mut expected = before.clone();
            expected.turns.remove(turn % before.turns.len());
            prop_assert_eq!(
                text_chars(after),
                text_chars(&expected),
                "a deleted turn takes only its own words"
            );
            prop_assert_eq!(opened_chars(after), opened_chars(&expected));
        }
        Op::RemoveFillers => {
            let kept: Vec<String> = bare_words(before)
                .into_iter()
                .filter(|w| clean::clean_text(w, fillers).0 == *w)
                .collect();
            let texts = |t: &Transcript| t.turns.iter().map(|x| x.text.clone()).collect::<Vec<_>>();
            prop_assert_eq!(
                bare_words(after),
                kept,
                "removing fillers removes the fillers only: {:?} became {:?}",
                texts(before),
                texts(after)
            );
        }
        Op::Revert { .. } | Op::RevertGroup { .. } if source.is_some_and(|id| !typed.contains(&id)) => {
            let group_typed = before
                .turns
                .iter()
                .filter(|x| {
                    x.group.is_some() && before.turns.iter().any(|y| Some(y.id) == source && y.group == x.group)
                })
                .any(|x| typed.contains(&x.id));
            if matches!(op, Op::Revert { .. }) {
                prop_assert_eq!(
                    text_chars(after),
                    text_chars(before),
                    "reverting a turn nobody typed in changes no word"
                );
            } else if !group_typed {
                // The parts come together where the first is: turns between them move below.
                prop_assert_eq!(
                    sorted(text_chars(after).chars().collect()),
                    sorted(text_chars(before).chars().collect()),
                    "joining back parts nobody typed in changes no word"
                );
            }
        }
        _ => {}
    }
    match op {
        Op::Move { .. } | Op::RevertGroup { .. } => prop_assert_eq!(
            sorted(opened_chars(after).chars().collect()),
            sorted(opened_chars(before).chars().collect()),
            "{:?} keeps what the turns held when first opened",
            op
        ),
        Op::DeleteTurn { .. } | Op::RemoveFillers | Op::Undo | Op::Redo => {}
        _ => prop_assert_eq!(
            opened_chars(after),
            opened_chars(before),
            "{:?} keeps what every turn held when first opened",
            op
        ),
    }
    Ok(())
}

/// What must hold of every state.
fn check_state(t: &Transcript, typed: &HashSet<TurnId>, op: &Op) -> Result<(), TestCaseError> {
    for (i, x) in t.turns.iter().enumerate() {
        prop_assert!(
            x.words.is_empty() || transcript_editor::model::words::spell(&x.words, &x.text),
            "after {:?}, turn {}'s words do not spell {:?}",
            op,
            i + 1,
            x.text
        );
        prop_assert!(
            !x.is_changed() || typed.contains(&x.id),
            "after {:?}, turn {} ({:?}) is changed though nobody typed in it (was {:?})",
            op,
            i + 1,
            x.text,
            x.original
        );
        if let Some(id) = &x.speaker {
            prop_assert!(t.speaker(id).is_some());
        }
    }
    // Every state saves and reopens.
    let back = Json.read(&json(t)).expect("reads back").transcript;
    prop_assert_eq!(&back, t, "JSON keeps everything after {:?}", op);
    let text = PlainText.write(t).expect("plain text writes");
    let back = PlainText.read(&text).expect("plain text reads back").transcript;
    prop_assert_eq!(
        rows(&back),
        rows(t),
        "plain text after {:?}:\n{}",
        op,
        String::from_utf8_lossy(&text)
    );
    Ok(())
}
