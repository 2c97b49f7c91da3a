//! Find, replace-all and the turn operations with their undo, at 10,000 and 1,000,000 words.
//! `cargo bench --bench editing`

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use transcript_editor::edit::search::Query;
use transcript_editor::edit::{History, ops};
use transcript_editor::generate::{Shape, transcript};
use transcript_editor::model::{Transcript, Word};

fn query(pattern: &str, regex: bool) -> Query {
    Query {
        pattern: pattern.into(),
        regex,
        case_sensitive: false,
        ..Query::default()
    }
}

/// Applies a change, then measures what is asked: the change (with history) or its undo.
fn change_and_undo(
    c: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    base: &Transcript,
    build: impl Fn(&Transcript) -> transcript_editor::edit::Change,
) {
    // The document is reused across iterations: each iteration applies and undoes, so it ends as it began.
    let mut t = base.clone();
    let mut history = History::new();
    c.bench_function(name, |b| {
        b.iter(|| {
            let change = build(&t);
            history.apply(&mut t, change).expect("applies");
            history.seal();
            black_box(t.turns.len());
            history.undo(&mut t).expect("undoes");
        })
    });
    // Undo alone: apply outside the clock, time only the undo.
    c.bench_function(format!("{name}: undo only"), |b| {
        b.iter_custom(|iterations| {
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iterations {
                let change = build(&t);
                history.apply(&mut t, change).expect("applies");
                history.seal();
                let started = std::time::Instant::now();
                history.undo(&mut t).expect("undoes");
                total += started.elapsed();
            }
            total
        })
    });
}

/// `t` with every turn's words timed, a third of a second each, with confidences.
fn with_words(t: &Transcript) -> Transcript {
    let mut t = t.clone();
    let mut clock = 0.0;
    for turn in &mut t.turns {
        turn.words = turn
            .text
            .split_whitespace()
            .map(|w| {
                clock += 0.33;
                Word::heard(w, Some(clock - 0.33), Some(clock - 0.03), Some(0.9))
            })
            .collect();
    }
    t
}

fn editing(c: &mut Criterion) {
    for words in [10_000, 1_000_000] {
        let t = transcript(&Shape {
            words,
            ..Shape::default()
        });
        let label = if words >= 1_000_000 { "1M words" } else { "10k words" };
        let mut group = c.benchmark_group(format!("editing/{label}"));
        group.sample_size(if words >= 1_000_000 { 20 } else { 50 });

        let word = query("leren", false).compile().expect("valid");
        let regex = query(r"\b(?:ont|be)\w+ing\b", true).compile().expect("valid");
        group.bench_function("find all of a word", |b| b.iter(|| black_box(word.find_all(&t).len())));
        group.bench_function("find all of a regex", |b| {
            b.iter(|| black_box(regex.find_all(&t).len()))
        });

        // "de" is the commonest word of the generator: a replace-all that touches most turns.
        let common = Query {
            whole_word: true,
            ..query("de", false)
        }
        .compile()
        .expect("valid");
        group.bench_function("replace all of a common word", |b| {
            b.iter_batched(
                || t.clone(),
                |mut doc| {
                    let (change, _) = common.replace_all(&doc, "het");
                    History::new().apply(&mut doc, change).expect("replaces");
                    doc
                },
                BatchSize::LargeInput,
            )
        });
        group.bench_function("undo replace all", |b| {
            b.iter_batched(
                || {
                    let mut doc = t.clone();
                    let mut history = History::new();
                    let (change, _) = common.replace_all(&doc, "het");
                    history.apply(&mut doc, change).expect("replaces");
                    (doc, history)
                },
                |(mut doc, mut history)| {
                    history.undo(&mut doc).expect("undoes");
                    (doc, history)
                },
                BatchSize::LargeInput,
            )
        });

        let middle = t.turns.len() / 2;
        let at = t.turns[middle].text.len() / 2;
        let at = (0..=at)
            .rev()
            .find(|&i| t.turns[middle].text.is_char_boundary(i))
            .unwrap_or(0);
        change_and_undo(&mut group, "split a turn", &t, |t| ops::split_turn(t, middle, at));
        change_and_undo(&mut group, "merge two turns", &t, |t| {
            ops::merge_with_previous(t, middle)
        });
        let speaker = t.speakers[0].id.clone();
        change_and_undo(&mut group, "rename a speaker", &t, |t| {
            ops::rename_speaker(t, &speaker, "Hakar Bijman")
        });

        // The same transcript with a recogniser's words on every turn: replace-all and typing keep them in
        // step with the text.
        let timed = with_words(&t);
        group.bench_function("replace all of a common word, with words", |b| {
            b.iter_batched(
                || timed.clone(),
                |mut doc| {
                    let (change, _) = common.replace_all(&doc, "het");
                    History::new().apply(&mut doc, change).expect("replaces");
                    doc
                },
                BatchSize::LargeInput,
            )
        });
        let typing = |_: &Transcript| {
            transcript_editor::edit::Change::new(
                "Typing",
                vec![transcript_editor::edit::Edit::ReplaceText {
                    turn: middle,
                    range: at..at,
                    text: "x".into(),
                }],
            )
        };
        change_and_undo(&mut group, "type a letter in a turn with words", &timed, typing);
        group.finish();
    }
}

criterion_group!(benches, editing);
criterion_main!(benches);
