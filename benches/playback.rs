//! The recording's costs, on a three-hour MP3 (128 kbit/s stereo, 44.1 kHz: a long podcast as published):
//! how soon it can be heard after opening, how soon after a seek, and how long the waveform overview takes.
//! The MP3 is made once by ffmpeg from the sample's recording, looped, and kept in cargo's target folder.
//! `cargo bench --bench playback` (needs Debian's ffmpeg).

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use transcript_editor::media::feed::Feed;
use transcript_editor::media::stretch::Stretch;
use transcript_editor::media::{Decoder, Peaks, Playing};

/// Frames the output asks for at a time (cpal's buffer as the editor sets it).
const BUFFER: usize = 1024;
/// The output's rate and channels, as a typical desktop's.
const RATE: u32 = 48_000;
const CHANNELS: usize = 2;

fn three_hours() -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("three-hours.mp3");
    if !path.exists() {
        let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/sample.mp3");
        let made = path.with_extension("part.mp3");
        // The sample is 135.5 s: 80 times is 3 h 0 min 40 s.
        let status = std::process::Command::new("ffmpeg")
            .args(["-v", "error", "-y", "-stream_loop", "79", "-i"])
            .arg(&sample)
            .args(["-ar", "44100", "-ac", "2", "-b:a", "128k"])
            .arg(&made)
            .status()
            .expect("ffmpeg runs (apt-get install ffmpeg)");
        assert!(status.success(), "ffmpeg made the three-hour MP3");
        std::fs::rename(&made, &path).expect("rename");
    }
    path
}

/// The first buffer of sound from `seconds`, as the feeding thread makes it.
fn first_sound(path: &std::path::Path, seconds: f64, speed: f64) -> Vec<f32> {
    let decoder = Decoder::open(path).expect("opens");
    let mut stretch = Stretch::new(Feed::new(decoder, RATE, CHANNELS), RATE, CHANNELS, speed);
    stretch.restart(seconds, speed).expect("seeks");
    let mut out = vec![0.0; BUFFER * CHANNELS];
    assert_eq!(stretch.fill(&mut out).expect("plays"), BUFFER);
    out
}

fn playback(c: &mut Criterion) {
    let path = three_hours();
    let length = Decoder::open(&path).expect("opens").duration().expect("a length");
    assert!(length > 3.0 * 3600.0, "{length} s");
    let mut group = c.benchmark_group("recording/3 h MP3");
    // Opening: the file's length is read, the decoder made, the first buffer of sound ready.
    group.bench_function("open to first sound", |b| {
        b.iter(|| black_box(first_sound(&path, 0.0, 1.0)))
    });
    // A seek on the open output: the feeder goes to the new place and makes the first buffer from there.
    let decoder = Decoder::open(&path).expect("opens");
    let mut stretch = Stretch::new(Feed::new(decoder, RATE, CHANNELS), RATE, CHANNELS, 1.0);
    let mut out = vec![0.0; BUFFER * CHANNELS];
    let mut at = 0.0;
    group.bench_function("seek to first sound", |b| {
        b.iter(|| {
            // Somewhere else each time, all over the three hours.
            at = (at + 3607.3) % length;
            stretch.restart(at, 1.0).expect("seeks");
            black_box(stretch.fill(&mut out).expect("plays"))
        })
    });
    group.bench_function("seek to first sound at 1.5x", |b| {
        b.iter(|| {
            at = (at + 3607.3) % length;
            stretch.restart(at, 1.5).expect("seeks");
            black_box(stretch.fill(&mut out).expect("plays"))
        })
    });
    // Playing on: one output buffer at 1× and at 0.75× (the feeder's work per 21 ms of sound).
    for speed in [1.0, 0.75] {
        stretch.restart(600.0, speed).expect("seeks");
        group.bench_function(format!("one buffer at {speed}x"), |b| {
            b.iter(|| black_box(stretch.fill(&mut out).expect("plays")))
        });
    }
    group.finish();

    // Through the system's output, where there is one (a sound server such as PulseAudio): from a seek
    // asked for to the new place being heard, by the playback clock less the output's latency.
    match Playing::start(&path, 0.0, 0.0, 1.0) {
        Err(e) => eprintln!("seek heard: not measured ({e})"),
        Ok(mut playing) => {
            let mut group = c.benchmark_group("recording/3 h MP3 output");
            group.sample_size(20);
            group.bench_function("seek heard", |b| {
                b.iter_custom(|iterations| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iterations {
                        at = (at + 3607.3) % (length - 60.0);
                        let asked = Instant::now();
                        playing.play_from(at, 1.0);
                        while playing.position() <= at && asked.elapsed() < Duration::from_secs(2) {
                            std::hint::spin_loop();
                        }
                        total += asked.elapsed();
                    }
                    total
                })
            });
            // Pressing play the first time: the output opened and the stream started (the window waits
            // for this; later plays, pauses and seeks reuse the stream).
            group.bench_function("first play: the output opened", |b| {
                b.iter(|| black_box(Playing::start(&path, 600.0, 0.0, 1.0).expect("plays")))
            });
            group.finish();
        }
    }

    let mut group = c.benchmark_group("recording/3 h MP3 overview");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(1));
    group.measurement_time(Duration::from_secs(1));
    // What the overview shows first: 2000 probes of a tenth of a second, as the player makes them.
    group.bench_function("sketch of the whole recording", |b| {
        b.iter(|| {
            let mut decoder = Decoder::open(&path).expect("opens");
            let (sketch, span) = Peaks::sketch(&mut decoder, 2000, 0.1, |_| true).expect("sketches");
            assert_eq!(sketch.len(), 2000);
            assert!(sketch.iter().filter(|l| **l > 0.05).count() > 1000, "speech is seen");
            black_box((sketch, span))
        })
    });
    group.bench_function("whole waveform", |b| {
        b.iter(|| {
            let mut decoder = Decoder::open(&path).expect("opens");
            let peaks = Peaks::compute(&mut decoder, 100, |_| true).expect("decodes");
            assert!(peaks.slices.len() as f64 > length * 99.0);
            black_box(peaks)
        })
    });
    group.finish();
}

criterion_group!(benches, playback);
criterion_main!(benches);
