//! The waveform's data: for each short slice of the recording, the lowest and highest sample (channels
//! mixed). A 3-hour recording at 100 slices a second is about 8 MB; it is computed on a worker by streaming
//! the decoder, and can be drawn while it fills.

use super::{Decoder, MediaError};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Peaks {
    /// Slices per second of recording.
    pub per_second: u32,
    /// The lowest and highest sample of each slice, in order.
    pub slices: Vec<(f32, f32)>,
}

impl Peaks {
    /// Reads the decoder from where it stands to the end. `progress` hears the slices made so far after
    /// every block and returns `false` to stop early (the recording was closed).
    pub fn compute(
        decoder: &mut Decoder,
        per_second: u32,
        mut progress: impl FnMut(&[(f32, f32)]) -> bool,
    ) -> Result<Self, MediaError> {
        let channels = decoder.channels();
        let frames_per_slice = (decoder.sample_rate() / per_second.max(1)).max(1) as usize;
        let mut slices = Vec::with_capacity(
            decoder
                .duration()
                .map_or(0, |d| (d * f64::from(per_second)) as usize + 1),
        );
        let (mut low, mut high, mut filled) = (0.0f32, 0.0f32, 0usize);
        while let Some(block) = decoder.next_block()? {
            for frame in block.chunks_exact(channels) {
                let sample = frame.iter().sum::<f32>() / channels as f32;
                if filled == 0 {
                    (low, high) = (sample, sample);
                } else {
                    low = low.min(sample);
                    high = high.max(sample);
                }
                filled += 1;
                if filled == frames_per_slice {
                    slices.push((low, high));
                    filled = 0;
                }
            }
            if !progress(&slices) {
                break;
            }
        }
        if filled > 0 {
            slices.push((low, high));
        }
        Ok(Self { per_second, slices })
    }

    /// The loudest absolute sample between two times, for drawing a column of the overview.
    pub fn loudest(&self, from: f64, to: f64) -> f32 {
        let index = |t: f64| ((t.max(0.0) * f64::from(self.per_second)) as usize).min(self.slices.len());
        let (a, b) = (index(from), index(to).max(index(from) + 1).min(self.slices.len()));
        self.slices[a.min(b)..b]
            .iter()
            .fold(0.0, |m, (lo, hi)| m.max(lo.abs()).max(hi.abs()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::wav::{silence_tone_silence, write_wav};

    #[test]
    fn the_summary_shows_where_the_recording_is_loud() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("talk.wav");
        write_wav(&path, 16_000, &silence_tone_silence(16_000, (0.5, 0.5, 0.5), 0.8)).expect("writes the recording");
        let mut decoder = Decoder::open(&path).expect("opens");
        let mut calls = 0;
        let peaks = Peaks::compute(&mut decoder, 100, |_| {
            calls += 1;
            true
        })
        .expect("computes");
        assert_eq!(peaks.slices.len(), 150);
        assert!(calls > 1, "progress is told as it goes");
        assert!(peaks.loudest(0.0, 0.45) < 0.01);
        assert!((peaks.loudest(0.55, 0.95) - 0.8).abs() < 0.01);
        assert!(peaks.loudest(1.05, 1.5) < 0.01);
        assert_eq!(peaks.loudest(10.0, 11.0), 0.0, "past the end is silent");
    }

    #[test]
    fn computing_stops_when_asked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("talk.wav");
        write_wav(&path, 16_000, &silence_tone_silence(16_000, (2.0, 2.0, 2.0), 0.5)).expect("writes the recording");
        let mut decoder = Decoder::open(&path).expect("opens");
        let peaks = Peaks::compute(&mut decoder, 100, |slices| slices.len() < 50).expect("computes");
        assert!(peaks.slices.len() < 150, "{}", peaks.slices.len());
    }
}
