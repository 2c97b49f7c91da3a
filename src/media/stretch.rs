//! Playing faster or slower with the pitch kept, by WSOLA (waveform-similarity overlap-add): the output is
//! built of overlapping windows of the recording, taken `speed` times further apart than they are laid
//! down, each shifted by up to [`TOLERANCE`] so that it continues the window before it as smoothly as the
//! recording allows. Speech keeps its pitch and its voice; a click-free join is found within a few
//! milliseconds for voiced sounds. At speed 1 the recording passes through untouched.

use super::MediaError;
use super::feed::Feed;

/// The length of one window, in seconds: a few pitch periods of a low voice.
const WINDOW: f64 = 0.040;
/// How far a window may be shifted from where the speed puts it, in seconds either side.
const TOLERANCE: f64 = 0.010;
/// Every this many samples is compared in the first, coarse search for the best shift.
const COARSE: usize = 4;

/// The slowest and the fastest speeds offered.
pub const SPEEDS: std::ops::RangeInclusive<f64> = 0.5..=2.0;

/// A [`Feed`] played at another speed, its pitch kept.
pub struct Stretch {
    feed: Feed,
    channels: usize,
    speed: f64,
    /// sin² over one window: two of them half a window apart add up to one.
    window: Vec<f32>,
    /// Frames in half a window: the step between windows in the output.
    half: usize,
    /// Frames either side a window may be shifted.
    tolerance: usize,
    /// Recording frames read and still needed, interleaved; `input[0]` is frame `input_start`.
    input: Vec<f32>,
    input_start: usize,
    ended: bool,
    /// Where the next window would start without shifting, in frames of the recording.
    nominal: f64,
    /// Where the last window taken started.
    previous: Option<usize>,
    /// The second half of the last window, to be added to the first half of the next.
    tail: Vec<f32>,
    /// Output made and not yet handed out, and how much of it was.
    ready: Vec<f32>,
    handed: usize,
    /// The tail has been handed out after the recording ended.
    done: bool,
}

impl Stretch {
    pub fn new(feed: Feed, rate: u32, channels: usize, speed: f64) -> Self {
        let channels = channels.max(1);
        let half = ((WINDOW * f64::from(rate.max(1000))) as usize / 2).max(8);
        let window = (0..2 * half)
            .map(|i| {
                let s = (std::f64::consts::PI * i as f64 / (2 * half) as f64).sin();
                (s * s) as f32
            })
            .collect();
        Self {
            feed,
            channels,
            speed: speed.clamp(*SPEEDS.start(), *SPEEDS.end()),
            window,
            half,
            tolerance: (TOLERANCE * f64::from(rate.max(1000))) as usize,
            input: Vec::new(),
            input_start: 0,
            ended: false,
            nominal: 0.0,
            previous: None,
            tail: vec![0.0; half * channels],
            ready: Vec::new(),
            handed: 0,
            done: false,
        }
    }

    pub fn speed(&self) -> f64 {
        self.speed
    }

    /// Starts again from `seconds` of recording at `speed`.
    pub fn restart(&mut self, seconds: f64, speed: f64) -> Result<(), MediaError> {
        self.feed.seek(seconds)?;
        self.speed = speed.clamp(*SPEEDS.start(), *SPEEDS.end());
        self.input.clear();
        self.input_start = 0;
        self.ended = false;
        self.nominal = 0.0;
        self.previous = None;
        self.tail.fill(0.0);
        self.ready.clear();
        self.handed = 0;
        self.done = false;
        Ok(())
    }

    /// Fills `out` (interleaved) with what is heard next; returns the frames written, fewer than `out`
    /// holds only at the end of the recording.
    pub fn fill(&mut self, out: &mut [f32]) -> Result<usize, MediaError> {
        if self.speed == 1.0 {
            return self.feed.fill(out);
        }
        let channels = self.channels;
        let wanted = out.len() / channels * channels;
        let mut written = 0;
        while written < wanted {
            if self.handed == self.ready.len() {
                self.ready.clear();
                self.handed = 0;
                if !self.step()? {
                    break;
                }
            }
            let n = (self.ready.len() - self.handed).min(wanted - written);
            out[written..written + n].copy_from_slice(&self.ready[self.handed..self.handed + n]);
            self.handed += n;
            written += n;
        }
        Ok(written / channels)
    }

    /// Lays down the next window; false when the recording has been played out.
    fn step(&mut self) -> Result<bool, MediaError> {
        if self.done {
            return Ok(false);
        }
        let (half, channels) = (self.half, self.channels);
        let length = 2 * half;
        let nominal = self.nominal.round() as usize;
        let natural = self.previous.map(|p| p + half);
        let reach = (nominal + self.tolerance + length).max(natural.map_or(0, |n| n + length));
        self.read_to(reach)?;
        let end = self.input_start + self.input.len() / channels;
        if nominal >= end {
            // The recording is over: what is left of the last window, then nothing.
            self.ready.extend_from_slice(&self.tail);
            self.done = true;
            return Ok(true);
        }
        let start = match natural {
            Some(natural) => self.best_start(nominal, natural),
            None => nominal,
        };
        for i in 0..length {
            let w = self.window[i];
            for c in 0..channels {
                let s = self.sample(start + i, c) * w;
                if i < half {
                    self.ready.push(self.tail[i * channels + c] + s);
                } else {
                    self.tail[(i - half) * channels + c] = s;
                }
            }
        }
        self.previous = Some(start);
        self.nominal += half as f64 * self.speed;
        // What no later window can reach is let go.
        let keep_from = (self.nominal as usize).saturating_sub(self.tolerance).min(start + half);
        if keep_from > self.input_start {
            let drop = (keep_from - self.input_start).min(self.input.len() / channels);
            self.input.drain(..drop * channels);
            self.input_start += drop;
        }
        Ok(true)
    }

    /// The start near `nominal` whose first half window looks most like the half window at `natural`
    /// (the continuation of the last window): a coarse search, then a fine one around the best.
    fn best_start(&self, nominal: usize, natural: usize) -> usize {
        let lowest = nominal.saturating_sub(self.tolerance).max(self.input_start);
        let highest = nominal + self.tolerance;
        let score = |candidate: usize, stride: usize| -> f32 {
            let (mut product, mut energy) = (0.0f32, 1e-9f32);
            for i in (0..self.half).step_by(stride) {
                let (a, b) = (self.sample(natural + i, 0), self.sample(candidate + i, 0));
                product += a * b;
                energy += b * b;
            }
            product / energy.sqrt()
        };
        let best_of = |from: usize, to: usize, step: usize, stride: usize| {
            let mut best = (f32::MIN, nominal.clamp(from, to.max(from)));
            let mut candidate = from;
            while candidate <= to {
                let s = score(candidate, stride);
                if s > best.0 {
                    best = (s, candidate);
                }
                candidate += step;
            }
            best.1
        };
        let coarse = best_of(lowest, highest, COARSE, COARSE);
        best_of(
            coarse.saturating_sub(COARSE).max(lowest),
            (coarse + COARSE).min(highest),
            1,
            1,
        )
    }

    /// Sample `channel` of recording frame `frame`; silence past the end.
    fn sample(&self, frame: usize, channel: usize) -> f32 {
        frame
            .checked_sub(self.input_start)
            .and_then(|f| self.input.get(f * self.channels + channel))
            .copied()
            .unwrap_or(0.0)
    }

    /// Reads the recording until frame `frame` is in `input`, or it ends.
    fn read_to(&mut self, frame: usize) -> Result<(), MediaError> {
        let mut chunk = [0.0f32; 4096];
        let usable = chunk.len() / self.channels * self.channels;
        while !self.ended && self.input_start + self.input.len() / self.channels <= frame {
            let frames = self.feed.fill(&mut chunk[..usable])?;
            self.input.extend_from_slice(&chunk[..frames * self.channels]);
            if frames < usable / self.channels {
                self.ended = true;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::Decoder;
    use crate::media::wav::write_wav;

    const RATE: u32 = 16_000;

    /// A recording of `parts`: (seconds, frequency in Hz, 0 for silence).
    fn stretched(parts: &[(f64, f64)], speed: f64, channels: usize) -> (tempfile::TempDir, Vec<f32>) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("talk.wav");
        let mut samples = Vec::new();
        for &(seconds, hz) in parts {
            let n = (seconds * f64::from(RATE)) as usize;
            samples.extend((0..n).map(|i| {
                if hz == 0.0 {
                    0.0
                } else {
                    (0.5 * (2.0 * std::f64::consts::PI * hz * i as f64 / f64::from(RATE)).sin()) as f32
                }
            }));
        }
        write_wav(&path, RATE, &samples).expect("writes the recording");
        let feed = Feed::new(Decoder::open(&path).expect("opens"), RATE, channels);
        let mut stretch = Stretch::new(feed, RATE, channels, speed);
        let mut out = Vec::new();
        let mut chunk = vec![0.0; 999 * channels];
        loop {
            let n = stretch.fill(&mut chunk).expect("fills");
            out.extend_from_slice(&chunk[..n * channels]);
            if n < 999 {
                return (dir, out);
            }
        }
    }

    /// The frequency of a tone, from its rising zero crossings in `samples` (one channel).
    fn pitch(samples: &[f32]) -> f64 {
        let rising: Vec<usize> = samples
            .windows(2)
            .enumerate()
            .filter(|(_, w)| w[0] < 0.0 && w[1] >= 0.0)
            .map(|(i, _)| i)
            .collect();
        let (first, last) = (rising[0], rising[rising.len() - 1]);
        (rising.len() - 1) as f64 * f64::from(RATE) / (last - first) as f64
    }

    /// The largest step between two neighbouring samples: a click shows as a step far larger than the
    /// tone's own.
    fn largest_step(samples: &[f32]) -> f32 {
        samples.windows(2).map(|w| (w[1] - w[0]).abs()).fold(0.0, f32::max)
    }

    fn seconds(range: std::ops::Range<f64>) -> std::ops::Range<usize> {
        (range.start * f64::from(RATE)) as usize..(range.end * f64::from(RATE)) as usize
    }

    #[test]
    fn twice_as_fast_takes_half_the_time_at_the_same_pitch_without_clicks() {
        let (_dir, out) = stretched(&[(2.0, 220.0)], 2.0, 1);
        let length = out.len() as f64 / f64::from(RATE);
        assert!((length - 1.0).abs() < 0.03, "{length} s");
        let middle = &out[seconds(0.1..0.9)];
        let heard = pitch(middle);
        assert!((heard - 220.0).abs() < 2.0, "{heard} Hz");
        // A 220 Hz tone at 0.5 moves at most 0.5·2π·220/16000 ≈ 0.043 per sample.
        assert!(largest_step(middle) < 0.05, "{}", largest_step(middle));
    }

    #[test]
    fn half_as_fast_takes_twice_the_time_at_the_same_pitch_without_clicks() {
        let (_dir, out) = stretched(&[(1.0, 180.0)], 0.5, 1);
        let length = out.len() as f64 / f64::from(RATE);
        assert!((length - 2.0).abs() < 0.05, "{length} s");
        let middle = &out[seconds(0.1..1.9)];
        let heard = pitch(middle);
        assert!((heard - 180.0).abs() < 2.0, "{heard} Hz");
        assert!(largest_step(middle) < 0.04, "{}", largest_step(middle));
    }

    #[test]
    fn what_is_heard_after_t_seconds_is_the_recording_at_t_times_the_speed() {
        // Silence, a tone from 1 s to 2 s, silence: at 1.5× the tone is heard from 0.67 s to 1.33 s.
        let (_dir, out) = stretched(&[(1.0, 0.0), (1.0, 300.0), (1.0, 0.0)], 1.5, 2);
        let left: Vec<f32> = out.iter().step_by(2).copied().collect();
        let loud = |range: std::ops::Range<f64>| left[seconds(range)].iter().fold(0.0f32, |m, s| m.max(s.abs()));
        let (a, b) = (1.0 / 1.5, 2.0 / 1.5);
        assert!(loud(0.0..a - 0.03) < 0.01);
        assert!(loud(a + 0.03..b - 0.03) > 0.45);
        assert!(loud(b + 0.03..2.0) < 0.01);
        // Both channels carry the same.
        assert!(out.chunks_exact(2).all(|f| f[0] == f[1]));
    }

    #[test]
    fn speeds_are_kept_between_a_half_and_two_and_one_passes_through() {
        let (_dir, out) = stretched(&[(0.5, 250.0)], 1.0, 1);
        assert_eq!(out.len(), 8000);
        let (_dir, fast) = stretched(&[(1.0, 250.0)], 9.0, 1);
        assert!((fast.len() as f64 / f64::from(RATE) - 0.5).abs() < 0.03);
    }
}
