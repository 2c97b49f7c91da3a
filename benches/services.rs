//! Reading a 10-hour recognition service file (100,000 words, each a word object with its times,
//! confidence and speaker, as Amazon Transcribe and Deepgram write them), and Python's `json.load` of the
//! same file in the same run. `cargo bench --bench services`
//!
//! The files are left in `target/service-bench/` (or `$CARGO_TARGET_DIR/service-bench/`) for measuring
//! the peak memory of opening them: `/usr/bin/time -v target/release/transcript-editor info FILE`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::fmt::Write;
use std::hint::black_box;
use std::path::PathBuf;
use std::process::Command;
use transcript_editor::formats;

const WORDS: usize = 100_000;
/// Ten hours.
const SECONDS: f64 = 36_000.0;
const VOCABULARY: &[&str] = &[
    "the", "garden", "tomatoes", "we", "planted", "early", "this", "year", "and", "they", "grew", "quickly", "because",
    "of", "warm", "weather", "naïve", "café", "Zoë", "said", "that", "rain", "helps",
];

/// A word of the generated talk: (text, punctuation after it, start, end, confidence, speaker).
type Said = (&'static str, Option<char>, f64, f64, f64, usize);

fn talk() -> Vec<Said> {
    let step = SECONDS / WORDS as f64;
    let mut state = 0x2545_f491_u64;
    let mut speaker = 0;
    (0..WORDS)
        .map(|i| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            if state.is_multiple_of(40) {
                speaker = (speaker + 1) % 3;
            }
            let start = i as f64 * step;
            let punctuation = match state % 23 {
                0 => Some('.'),
                1 => Some(','),
                _ => None,
            };
            let confidence = 0.4 + (state % 600) as f64 / 1000.0;
            (
                VOCABULARY[(state >> 8) as usize % VOCABULARY.len()],
                punctuation,
                start,
                start + step * 0.8,
                confidence,
                speaker,
            )
        })
        .collect()
}

fn amazon(words: &[Said]) -> String {
    let mut items = String::new();
    let mut segments = String::new();
    for (i, (w, p, s, e, c, spk)) in words.iter().enumerate() {
        let sep = if i == 0 { "" } else { "," };
        let _ = write!(
            items,
            "{sep}\n{{\"id\":{i},\"type\":\"pronunciation\",\"alternatives\":[{{\"confidence\":\"{c:.3}\",\"content\":\"{w}\"}}],\"start_time\":\"{s:.3}\",\"end_time\":\"{e:.3}\",\"speaker_label\":\"spk_{spk}\"}}"
        );
        if let Some(p) = p {
            let _ = write!(
                items,
                ",\n{{\"id\":{i},\"type\":\"punctuation\",\"alternatives\":[{{\"confidence\":\"0.0\",\"content\":\"{p}\"}}],\"speaker_label\":\"spk_{spk}\"}}"
            );
        }
        let _ = write!(
            segments,
            "{sep}{{\"start_time\":\"{s:.3}\",\"end_time\":\"{e:.3}\",\"speaker_label\":\"spk_{spk}\",\"items\":[{{\"start_time\":\"{s:.3}\",\"end_time\":\"{e:.3}\",\"speaker_label\":\"spk_{spk}\"}}]}}"
        );
    }
    format!(
        "{{\"jobName\":\"ten-hours\",\"accountId\":\"1\",\"status\":\"COMPLETED\",\"results\":{{\"language_code\":\"en-US\",\
         \"transcripts\":[{{\"transcript\":\"…\"}}],\"speaker_labels\":{{\"speakers\":3,\"segments\":[{segments}]}},\"items\":[{items}]}}}}"
    )
}

fn deepgram(words: &[Said]) -> String {
    let word = |(w, p, s, e, c, spk): &Said| {
        let p = p.map(String::from).unwrap_or_default();
        format!(
            "{{\"word\":\"{w}\",\"start\":{s:.3},\"end\":{e:.3},\"confidence\":{c:.3},\"speaker\":{spk},\"speaker_confidence\":0.9,\"punctuated_word\":\"{w}{p}\"}}"
        )
    };
    let all: Vec<String> = words.iter().map(word).collect();
    let mut utterances = Vec::new();
    for run in words.chunk_by(|a, b| a.5 == b.5) {
        let (first, last) = (&run[0], &run[run.len() - 1]);
        let list: Vec<String> = run.iter().map(word).collect();
        utterances.push(format!(
            "{{\"start\":{:.3},\"end\":{:.3},\"confidence\":0.9,\"channel\":0,\"transcript\":\"…\",\"words\":[{}],\"speaker\":{},\"id\":\"u\"}}",
            first.2,
            last.3,
            list.join(",\n"),
            first.5
        ));
    }
    format!(
        "{{\"metadata\":{{\"request_id\":\"r\",\"duration\":{SECONDS},\"channels\":1}},\"results\":{{\"channels\":[{{\"alternatives\":\
         [{{\"transcript\":\"…\",\"confidence\":0.9,\"words\":[{}]}}]}}],\"utterances\":[{}]}}}}",
        all.join(",\n"),
        utterances.join(",\n")
    )
}

fn folder() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from);
    let dir = target.join("service-bench");
    std::fs::create_dir_all(&dir).expect("a folder for the files");
    dir
}

/// Python's `json.load` of `path`: the median of `runs` loads, in seconds, or why it could not be timed.
fn python_json_load(path: &std::path::Path, runs: usize) -> Result<f64, String> {
    let script = "import json, sys, time\nts = []\nfor _ in range(int(sys.argv[2])):\n    t = time.perf_counter()\n    \
                  with open(sys.argv[1], 'rb') as f: json.load(f)\n    ts.append(time.perf_counter() - t)\nts.sort()\nprint(ts[len(ts) // 2])\n";
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(path)
        .arg(runs.to_string())
        .output()
        .map_err(|e| format!("python3: {e}"))?;
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .map_err(|_| String::from_utf8_lossy(&out.stderr).into_owned())
}

fn services(c: &mut Criterion) {
    let words = talk();
    let dir = folder();
    let mut group = c.benchmark_group("services/10 hours, 100k words");
    group.sample_size(20);
    let mut ratios = Vec::new();
    for (name, text) in [("amazon", amazon(&words)), ("deepgram", deepgram(&words))] {
        let path = dir.join(format!("{name}-10h.json"));
        std::fs::write(&path, &text).expect("the file is written");
        let bytes = text.into_bytes();
        let format = formats::detect(Some(&path), &bytes);
        assert_eq!(format.name(), name);
        let read = format.read(&bytes).expect("reads").transcript;
        let count: usize = read.turns.iter().map(|t| t.words.len()).sum();
        assert_eq!(count, WORDS, "every word read");
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        let mut ours = Vec::new();
        group.bench_function(format!("read {name}"), |b| {
            b.iter_custom(|iters| {
                let start = std::time::Instant::now();
                for _ in 0..iters {
                    black_box(format.read(black_box(&bytes)).expect("reads"));
                }
                let took = start.elapsed();
                ours.push(took.as_secs_f64() / iters as f64);
                took
            })
        });
        ours.sort_by(f64::total_cmp);
        let median = ours.get(ours.len() / 2).copied().unwrap_or(f64::NAN);
        match python_json_load(&path, 9) {
            Ok(python) => ratios.push(format!(
                "{name}: {:.1} MB, read in {:.1} ms; Python's json.load {:.1} ms; ratio {:.2}",
                bytes.len() as f64 / 1e6,
                median * 1e3,
                python * 1e3,
                median / python
            )),
            Err(why) => ratios.push(format!("{name}: Python's json.load could not be timed: {why}")),
        }
    }
    group.finish();
    for line in ratios {
        println!("{line}");
    }
    println!("files for measuring memory: {}", dir.display());
}

criterion_group!(benches, services);
criterion_main!(benches);
