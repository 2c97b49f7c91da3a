//! Reading and writing plain text and JSON, at 10,000 and 1,000,000 words. `cargo bench --bench formats`

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use transcript_editor::formats::{Format, json::Json, text::PlainText};
use transcript_editor::generate::{Shape, transcript};

fn formats(c: &mut Criterion) {
    for words in [10_000, 1_000_000] {
        let t = transcript(&Shape {
            words,
            ..Shape::default()
        });
        let label = if words >= 1_000_000 { "1M words" } else { "10k words" };
        let mut group = c.benchmark_group(format!("formats/{label}"));
        if words >= 1_000_000 {
            group.sample_size(20);
        }
        for (name, format) in [("text", &PlainText as &dyn Format), ("json", &Json)] {
            let bytes = format.write(&t).expect("writes");
            group.throughput(Throughput::Bytes(bytes.len() as u64));
            group.bench_function(format!("read {name}"), |b| {
                b.iter(|| format.read(black_box(&bytes)).expect("reads"))
            });
            group.bench_function(format!("write {name}"), |b| {
                b.iter_batched(
                    || (),
                    |()| format.write(black_box(&t)).expect("writes"),
                    BatchSize::SmallInput,
                )
            });
        }
        group.finish();
    }
}

criterion_group!(benches, formats);
criterion_main!(benches);
