//! Writing plain 16-bit PCM WAV files sample by sample: how the tests make their recordings, with no tool
//! and no shipped audio.

use std::path::Path;

/// Writes a mono 16-bit WAV of `samples` (−1.0 … 1.0) at `rate`.
pub fn write_wav(path: &Path, rate: u32, samples: &[f32]) -> std::io::Result<()> {
    let data_len = (samples.len() * 2) as u32;
    let mut bytes = Vec::with_capacity(44 + samples.len() * 2);
    bytes.extend_from_slice(b"RIFF");
    bytes.extend_from_slice(&(36 + data_len).to_le_bytes());
    bytes.extend_from_slice(b"WAVEfmt ");
    bytes.extend_from_slice(&16u32.to_le_bytes());
    bytes.extend_from_slice(&1u16.to_le_bytes()); // PCM
    bytes.extend_from_slice(&1u16.to_le_bytes()); // mono
    bytes.extend_from_slice(&rate.to_le_bytes());
    bytes.extend_from_slice(&(rate * 2).to_le_bytes());
    bytes.extend_from_slice(&2u16.to_le_bytes());
    bytes.extend_from_slice(&16u16.to_le_bytes());
    bytes.extend_from_slice(b"data");
    bytes.extend_from_slice(&data_len.to_le_bytes());
    for s in samples {
        bytes.extend_from_slice(&((s.clamp(-1.0, 1.0) * 32767.0) as i16).to_le_bytes());
    }
    std::fs::write(path, bytes)
}

/// Silence, then a tone at `amplitude`, then silence: `(silence, tone, silence)` seconds at `rate`.
pub fn silence_tone_silence(rate: u32, parts: (f64, f64, f64), amplitude: f32) -> Vec<f32> {
    let n = |s: f64| (s * f64::from(rate)).round() as usize;
    let mut samples = vec![0.0; n(parts.0)];
    samples.extend((0..n(parts.1)).map(|i| amplitude * (i as f32 * 440.0 * std::f32::consts::TAU / rate as f32).sin()));
    samples.extend(std::iter::repeat_n(0.0, n(parts.2)));
    samples
}
