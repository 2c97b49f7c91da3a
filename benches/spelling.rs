//! Spelling a 1,000,000-word transcript with Debian's Dutch dictionary (`hunspell-nl`), against Hunspell's
//! own `hunspell -l` on the same words, both in one run. `cargo bench --bench spelling`
//!
//! Needs `/usr/share/hunspell/nl.dic` (apt-get install hunspell-nl) and, for the comparison, `hunspell`.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::io::Write;
use std::process::{Command, Stdio};
use transcript_editor::generate::{Shape, transcript};
use transcript_editor::spell::{self, Progress, dictionaries, glossary::Glossary};

fn spelling(c: &mut Criterion) {
    let folders = dictionaries::folders(&[]);
    if dictionaries::find("nl", &folders).is_none() {
        eprintln!("no Dutch dictionary (apt-get install hunspell-nl): nothing measured");
        return;
    }
    let t = transcript(&Shape {
        words: 1_000_000,
        ..Shape::default()
    });
    let texts: Vec<&str> = t.turns.iter().map(|x| x.text.as_str()).collect();
    let mut group = c.benchmark_group("spell/1,000,000 words");
    group.sample_size(10);

    group.bench_function("read the Dutch dictionary", |b| {
        b.iter(|| black_box(spell::open("nl", &folders, Glossary::default()).expect("reads")))
    });
    let speller = spell::open("nl", &folders, Glossary::default()).expect("reads");
    group.bench_function("check every turn (all cores)", |b| {
        b.iter(|| black_box(speller.check_all(&texts, &Progress::default()).len()))
    });
    // What `spell` does: read the dictionary, check, and find suggestions for each different unknown word.
    group.bench_function("spell: dictionary, check and suggestions", |b| {
        b.iter(|| {
            let speller = spell::open("nl", &folders, Glossary::default()).expect("reads");
            let found = speller.check_all(&texts, &Progress::default());
            let words: Vec<&str> = found.iter().map(|f| &texts[f.turn][f.range.clone()]).collect();
            black_box(speller.suggest_all(&words, &Progress::default()).len())
        })
    });

    // Hunspell itself on the same words: the turns' texts, a line each.
    let lines = texts.join("\n");
    let hunspell = Command::new("hunspell").arg("-v").output().is_ok();
    if hunspell {
        group.bench_function("hunspell -l -d nl, the same text", |b| {
            b.iter(|| {
                let mut child = Command::new("hunspell")
                    .args(["-l", "-d", "nl"])
                    .stdin(Stdio::piped())
                    .stdout(Stdio::piped())
                    .spawn()
                    .expect("hunspell runs");
                let mut input = child.stdin.take().expect("stdin");
                let lines = &lines;
                std::thread::scope(|s| {
                    s.spawn(move || input.write_all(lines.as_bytes()).expect("writes"));
                    black_box(child.wait_with_output().expect("ends").stdout.len())
                })
            })
        });
    } else {
        eprintln!("no hunspell (apt-get install hunspell): the comparison is not measured");
    }
    group.finish();
}

criterion_group!(benches, spelling);
criterion_main!(benches);
