//! Recordings in every format the editor plays, made at test time by Debian's `ffmpeg` (and speech by
//! `espeak-ng`): they decode to the right length, the sound is where it was, a seek lands where asked, and
//! speech played faster or slower keeps its pitch. Without the tools these tests say so and pass, unless
//! `TRANSCRIPT_EDITOR_EXPECT_TOOLS` is set (as CI does, having installed them): then they must run.

#[path = "common/tools.rs"]
mod tools;

use std::path::{Path, PathBuf};
use std::process::Command;
use tools::have;
use transcript_editor::media::feed::Feed;
use transcript_editor::media::stretch::Stretch;
use transcript_editor::media::wav::{silence_tone_silence, write_wav};
use transcript_editor::media::{Decoder, Peaks};

/// `wav` converted by ffmpeg to `name` (its extension chooses the format), with `extra` arguments.
fn convert(wav: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let out = wav.with_file_name(name);
    let status = Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-i"])
        .arg(wav)
        .args(extra)
        .arg(&out)
        .status()
        .expect("ffmpeg runs");
    assert!(status.success(), "ffmpeg made no {name}");
    out
}

/// Puts `count` in place of the entry count of every `table` box of an MP4 file.
fn forge_count(bytes: &mut [u8], table: &[u8; 4], count: u32) -> usize {
    let mut forged = 0;
    let mut at = 0;
    while let Some(found) = bytes[at..].windows(4).position(|w| w == table) {
        let body = at + found + 4;
        // version and flags; stsz has a sample size before its count.
        let count_at = body + if table == b"stsz" { 8 } else { 4 };
        if count_at + 4 <= bytes.len() {
            bytes[count_at..count_at + 4].copy_from_slice(&count.to_be_bytes());
            forged += 1;
        }
        at = body;
    }
    forged
}

#[test]
fn an_m4a_whose_sample_tables_lie_is_refused_without_taking_the_memory_it_claims() {
    if !have("ffmpeg", "-version") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let wav = dir.path().join("talk.wav");
    write_wav(&wav, 16_000, &silence_tone_silence(16_000, (0.5, 0.5, 0.5), 0.5)).expect("writes");
    let m4a = convert(&wav, "talk.m4a", &["-c:a", "aac"]);
    let good = std::fs::read(&m4a).expect("read");
    for table in [b"stsz", b"stco", b"stts", b"stsc"] {
        let mut bytes = good.clone();
        assert!(
            forge_count(&mut bytes, table, 0xFFFF_FFFF) > 0,
            "ffmpeg wrote a {table:?} table"
        );
        let forged = dir.path().join("forged.m4a");
        std::fs::write(&forged, &bytes).expect("write");
        // Before, this asked for tens of gigabytes and the process was ended.
        let e = Decoder::open(&forged).err().expect("refused");
        assert!(
            e.to_string().contains("says it has 4294967295 entries"),
            "{}: {e}",
            String::from_utf8_lossy(table)
        );
    }
}

#[test]
fn every_format_decodes_to_its_length_with_the_sound_where_it_was() {
    if !have("ffmpeg", "-version") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let wav = dir.path().join("talk.wav");
    // Two seconds of silence, two of a tone, two of silence.
    write_wav(&wav, 44_100, &silence_tone_silence(44_100, (2.0, 2.0, 2.0), 0.5)).expect("writes");
    let formats: &[(&str, &[&str])] = &[
        ("talk.mp3", &["-b:a", "64k"]),
        ("talk.flac", &[]),
        ("talk.ogg", &["-c:a", "libvorbis"]),
        ("talk.m4a", &["-c:a", "aac"]),
        ("talk.mp4", &["-c:a", "aac"]),
        ("stereo.wav", &["-af", "pan=stereo|c0=c0|c1=c0", "-ar", "48000"]),
    ];
    for (name, extra) in formats {
        let path = convert(&wav, name, extra);
        let mut decoder = Decoder::open(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let peaks = Peaks::compute(&mut decoder, 100, |_| true).unwrap_or_else(|e| panic!("{name}: {e}"));
        let heard = peaks.slices.len() as f64 / 100.0;
        assert!((heard - 6.0).abs() < 0.1, "{name}: {heard} s decoded");
        // Encoders blur the edges a little; well inside each part the sound is as it was.
        assert!(peaks.loudest(0.1, 1.9) < 0.02, "{name}: silence at the start");
        assert!(
            (peaks.loudest(2.2, 3.8) - 0.5).abs() < 0.06,
            "{name}: {}",
            peaks.loudest(2.2, 3.8)
        );
        assert!(peaks.loudest(4.2, 5.9) < 0.02, "{name}: silence at the end");
        // A seek lands where asked: from 1.5 s the tone starts half a second in.
        let mut decoder = Decoder::open(&path).expect("opens again");
        decoder.seek(1.5).unwrap_or_else(|e| panic!("{name}: {e}"));
        let rest = Peaks::compute(&mut decoder, 100, |_| true).expect("decodes");
        assert!(rest.loudest(0.0, 0.45) < 0.02, "{name}: tone too early after a seek");
        assert!(rest.loudest(0.55, 1.0) > 0.4, "{name}: no tone after a seek");
    }
}

/// The voice's pitch in Hz over `samples` (mono, `rate`): the median of the strongest autocorrelation lag
/// between 70 and 400 Hz in each voiced 40 ms stretch.
fn voice_pitch(samples: &[f32], rate: u32) -> f64 {
    let frame = (rate / 25) as usize;
    let (shortest, longest) = ((rate / 400) as usize, (rate / 70) as usize);
    let mut pitches: Vec<f64> = samples
        .chunks_exact(frame + longest)
        .filter_map(|chunk| {
            let energy: f32 = chunk[..frame].iter().map(|s| s * s).sum();
            if energy < 0.5 {
                return None;
            }
            let correlation = |lag: usize| -> f32 { (0..frame).map(|i| chunk[i] * chunk[i + lag]).sum() };
            let (lag, best) = (shortest..=longest)
                .map(|lag| (lag, correlation(lag)))
                .fold((0, f32::MIN), |a, b| if b.1 > a.1 { b } else { a });
            (best > 0.5 * energy).then(|| f64::from(rate) / lag as f64)
        })
        .collect();
    assert!(pitches.len() > 10, "too little voiced speech: {}", pitches.len());
    pitches.sort_by(f64::total_cmp);
    pitches[pitches.len() / 2]
}

#[test]
fn speech_played_faster_or_slower_keeps_its_pitch_and_takes_the_time_it_should() {
    if !have("espeak-ng", "--version") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("speech.wav");
    let status = Command::new("espeak-ng")
        .args(["-v", "en+m3", "-w"])
        .arg(&path)
        .arg("Birds that nest on gravel banks along rivers see a flat pebble roof as a riverbank without foxes.")
        .status()
        .expect("espeak-ng runs");
    assert!(status.success());
    let rate = Decoder::open(&path).expect("opens").sample_rate();
    let play = |speed: f64| -> Vec<f32> {
        let mut stretch = Stretch::new(Feed::new(Decoder::open(&path).expect("opens"), rate, 1), rate, 1, speed);
        let mut out = Vec::new();
        let mut chunk = vec![0.0; 4096];
        loop {
            let n = stretch.fill(&mut chunk).expect("plays");
            out.extend_from_slice(&chunk[..n]);
            if n < chunk.len() {
                return out;
            }
        }
    };
    let original = play(1.0);
    let pitch = voice_pitch(&original, rate);
    for speed in [0.5, 0.75, 1.5, 2.0] {
        let heard = play(speed);
        let expected = original.len() as f64 / speed;
        assert!(
            (heard.len() as f64 - expected).abs() < 0.02 * expected,
            "at {speed}×: {} samples for {expected}",
            heard.len()
        );
        let stretched = voice_pitch(&heard, rate);
        assert!(
            (stretched / pitch - 1.0).abs() < 0.05,
            "at {speed}× the voice is at {stretched:.0} Hz, not {pitch:.0} Hz"
        );
    }
}
