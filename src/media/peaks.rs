//! The waveform's data: for each short slice of the recording, the lowest and highest sample (channels
//! mixed). A 3-hour recording at 100 slices a second is about 8 MB; it is computed on a worker by streaming
//! the decoder, and can be drawn while it fills. Decoding three hours takes a while (half a minute for an
//! MP3), so a sketch comes first: the loudness of short probes spread evenly over the whole recording,
//! which stands in for the part the slices do not cover yet.

use super::{Decoder, MediaError};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Peaks {
    /// Slices per second of recording.
    pub per_second: u32,
    /// The lowest and highest sample of each slice, in order.
    pub slices: Vec<(f32, f32)>,
    /// The loudest sample of each probe, spread evenly over the recording's first `sketch_span` seconds.
    pub sketch: Vec<f32>,
    pub sketch_span: f64,
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
        // Sized from the header's length, but never more than an hour's worth at once: a header can lie.
        let mut slices = Vec::with_capacity(
            decoder
                .duration()
                .map_or(0, |d| (d * f64::from(per_second)) as usize + 1)
                .min(3600 * per_second as usize),
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
        Ok(Self {
            per_second,
            slices,
            ..Self::default()
        })
    }

    /// The loudest sample of `probes` probes of `probe` seconds each, evenly spread over the recording (whose
    /// length the decoder must know): one seek and a few packets each, so a long recording is sketched in
    /// a small part of the time decoding all of it takes. `progress` hears the probes made so far and
    /// returns `false` to stop.
    pub fn sketch(
        decoder: &mut Decoder,
        probes: usize,
        probe: f64,
        mut progress: impl FnMut(&[f32]) -> bool,
    ) -> Result<(Vec<f32>, f64), MediaError> {
        let Some(span) = decoder.duration().filter(|d| *d > 0.0) else {
            return Ok((Vec::new(), 0.0));
        };
        let channels = decoder.channels();
        let wanted = ((probe * f64::from(decoder.sample_rate())) as usize).max(1);
        let mut loudness = Vec::with_capacity(probes);
        for i in 0..probes {
            let centre = span * (i as f64 + 0.5) / probes as f64;
            decoder.seek((centre - probe / 2.0).max(0.0))?;
            let (mut loudest, mut heard) = (0.0f32, 0);
            while heard < wanted {
                let Some(block) = decoder.next_block()? else { break };
                for frame in block.chunks_exact(channels).take(wanted - heard) {
                    loudest = loudest.max((frame.iter().sum::<f32>() / channels as f32).abs());
                    heard += 1;
                }
            }
            loudness.push(loudest);
            if !progress(&loudness) {
                break;
            }
        }
        Ok((loudness, span))
    }

    /// Seconds from the start that the slices cover.
    pub fn covered(&self) -> f64 {
        self.slices.len() as f64 / f64::from(self.per_second.max(1))
    }

    /// The loudest absolute sample between two times, for drawing a column of the overview: from the
    /// slices where they reach, else from the sketch.
    pub fn loudest(&self, from: f64, to: f64) -> f32 {
        let covered = self.covered();
        let mut loudest = 0.0f32;
        if from < covered || self.sketch.is_empty() {
            let index = |t: f64| ((t.max(0.0) * f64::from(self.per_second)) as usize).min(self.slices.len());
            let (a, b) = (index(from), index(to).max(index(from) + 1).min(self.slices.len()));
            loudest = self.slices[a.min(b)..b]
                .iter()
                .fold(0.0, |m, (lo, hi)| m.max(lo.abs()).max(hi.abs()));
        }
        if to > covered && !self.sketch.is_empty() && self.sketch_span > 0.0 {
            // The probes whose centres fall in the stretch, or the one nearest to it.
            let n = self.sketch.len();
            let at = |t: f64| t / self.sketch_span * n as f64 - 0.5;
            let first = at(from.max(covered)).ceil().max(0.0) as usize;
            let last = (at(to).floor().max(0.0) as usize).min(n - 1);
            let probes = if first <= last {
                &self.sketch[first..=last]
            } else {
                let nearest = (at((from.max(covered) + to) / 2.0).round().max(0.0) as usize).min(n - 1);
                &self.sketch[nearest..=nearest]
            };
            if from.max(covered) < self.sketch_span {
                loudest = probes.iter().fold(loudest, |m, p| m.max(*p));
            }
        }
        loudest
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
    fn a_sketch_stands_in_where_the_slices_do_not_reach_yet() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("talk.wav");
        // Silence, a tone from 2 s to 4 s, silence.
        write_wav(&path, 16_000, &silence_tone_silence(16_000, (2.0, 2.0, 2.0), 0.5)).expect("writes the recording");
        let mut decoder = Decoder::open(&path).expect("opens");
        let (sketch, span) = Peaks::sketch(&mut decoder, 12, 0.1, |_| true).expect("sketches");
        assert_eq!(span, 6.0);
        // Probes at 0.25, 0.75, … 5.75 s: the tone in the middle four.
        let loud: Vec<bool> = sketch.iter().map(|l| *l > 0.4).collect();
        assert_eq!(
            loud,
            [
                false, false, false, false, true, true, true, true, false, false, false, false
            ]
        );
        // Only a sketch yet: the overview is drawn from it.
        let mut peaks = Peaks {
            per_second: 100,
            slices: Vec::new(),
            sketch,
            sketch_span: span,
        };
        assert!(peaks.loudest(0.0, 1.9) < 0.01);
        assert!((peaks.loudest(2.5, 3.0) - 0.5).abs() < 0.01);
        assert!(
            (peaks.loudest(3.0, 3.1) - 0.5).abs() < 0.01,
            "a column between probes takes the nearest"
        );
        assert!(peaks.loudest(4.6, 6.0) < 0.01);
        assert_eq!(peaks.loudest(7.0, 8.0), 0.0, "past the end is silent");
        // The first three seconds decoded: the slices there, the sketch after them.
        let mut decoder = Decoder::open(&path).expect("opens");
        let full = Peaks::compute(&mut decoder, 100, |_| true).expect("computes");
        peaks.slices = full.slices[..300].to_vec();
        assert!(
            (peaks.loudest(1.995, 2.05) - 0.5).abs() < 0.01,
            "the slices see the tone start"
        );
        assert!((peaks.loudest(3.5, 3.6) - 0.5).abs() < 0.01, "the sketch beyond them");
        assert!(peaks.loudest(4.6, 6.0) < 0.01);
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
