//! Captions for 1,000,000 words (about 60,000 turns, every word with its times): cutting them into cues and
//! writing SubRip, against reading the same transcript from our JSON. `cargo bench --bench captions`

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use transcript_editor::captions::{self, Options};
use transcript_editor::formats::{Format, json::Json, srt::Srt};
use transcript_editor::generate::{Shape, transcript};
use transcript_editor::model::{Transcript, Word};

/// The generated transcript with every word timed: its turn's time shared out by length, as a recogniser's
/// words would be.
fn timed(words: usize) -> Transcript {
    let mut t = transcript(&Shape {
        words,
        ..Shape::default()
    });
    for turn in &mut t.turns {
        let (Some(start), Some(end)) = (turn.start, turn.end) else {
            continue;
        };
        let tokens: Vec<&str> = turn.text.split_whitespace().collect();
        let total: usize = tokens.iter().map(|w| w.chars().count() + 1).sum();
        let mut at = start;
        let mut list = Vec::with_capacity(tokens.len());
        for w in &tokens {
            let length = (end - start) * (w.chars().count() + 1) as f64 / total as f64;
            list.push(Word::heard(w, Some(at), Some(at + length * 0.9), Some(0.9)));
            at += length;
        }
        turn.words = list.into();
    }
    t
}

fn captions(c: &mut Criterion) {
    let t = timed(1_000_000);
    let json = Json.write(&t).expect("writes");
    let options = Options::default();
    let mut group = c.benchmark_group("captions/1M words");
    group.sample_size(10);
    group.throughput(Throughput::Elements(1_000_000));
    group.bench_function("read our JSON", |b| {
        b.iter(|| Json.read(black_box(&json)).expect("reads"))
    });
    group.bench_function("cut into cues", |b| {
        b.iter(|| captions::make(black_box(&t), &options, &|_| {}).expect("timed"))
    });
    group.bench_function("cut into cues and write SubRip", |b| {
        b.iter(|| {
            let cues = captions::make(black_box(&t), &options, &|_| {}).expect("timed");
            Srt.write(&captions::into_transcript(&cues, &t)).expect("writes")
        })
    });
    group.finish();
}

criterion_group!(benches, captions);
criterion_main!(benches);
