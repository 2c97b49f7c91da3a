//! What speech sounds like, frame by frame: mel-frequency cepstral coefficients (MFCCs) every 10 ms over
//! 25 ms, from samples fed in pieces (a recording of hours is never held whole). The same features of the
//! synthetic voice and of the recording are what the aligner compares.

/// Seconds between frames.
pub const HOP: f64 = 0.010;
/// Seconds a frame covers.
const WINDOW: f64 = 0.025;
/// Mel filters. The first cepstral coefficient (the frame's loudness, normalised) is kept: it tells speech
/// from pauses, which the matching leans on.
const FILTERS: usize = 26;
/// Cepstral coefficients kept, and with how each changes (its delta) the size of a frame.
const CEPSTRA: usize = 12;
pub const COEFFICIENTS: usize = 2 * CEPSTRA;
/// The highest frequency looked at: speech's, and what a 16 kHz recording still holds.
const TOP_HZ: f64 = 7_600.0;
const BOTTOM_HZ: f64 = 100.0;

/// A frame as the matching compares it: each coefficient (within ±4 deviations) in steps of 1/[`SCALE`], a
/// byte each, so that hours of frames stay small.
pub type Frame = [i8; COEFFICIENTS];
pub const SCALE: f32 = 31.0;
/// The cepstra of a frame as computed, before they are normalised.
type Raw = [f32; CEPSTRA];

/// Turns samples at one rate into frames, a piece at a time.
pub struct Mfcc {
    window: usize,
    hop_seconds: f64,
    rate: f64,
    fft: usize,
    hamming: Vec<f32>,
    /// Triangular filters: (first bin, weights).
    filters: Vec<(usize, Vec<f32>)>,
    /// The DCT's rows for coefficients 0 .. CEPSTRA.
    dct: Vec<[f32; FILTERS]>,
    /// Samples not yet framed, and the position (in samples from the start) of the first of them.
    pending: Vec<f32>,
    consumed: usize,
    /// Frames made so far.
    made: usize,
    last: f32,
    frames: Vec<Raw>,
    /// Each frame's loudness (the log of its power): where the speech is and where the pauses are.
    pub loudness: Vec<f32>,
}

impl Mfcc {
    pub fn new(rate: u32) -> Self {
        let rate = f64::from(rate.max(1));
        let window = ((WINDOW * rate).round() as usize).max(16);
        let fft = window.next_power_of_two();
        let hamming = (0..window)
            .map(|n| (0.54 - 0.46 * (2.0 * std::f64::consts::PI * n as f64 / (window - 1) as f64).cos()) as f32)
            .collect();
        let mel = |hz: f64| 2595.0 * (1.0 + hz / 700.0).log10();
        let hz = |mel: f64| 700.0 * (10f64.powf(mel / 2595.0) - 1.0);
        let top = TOP_HZ.min(rate / 2.0 - 1.0);
        let (low, high) = (mel(BOTTOM_HZ), mel(top));
        let bin = |f: f64| ((f / rate) * fft as f64).floor() as usize;
        let points: Vec<usize> = (0..FILTERS + 2)
            .map(|k| bin(hz(low + (high - low) * k as f64 / (FILTERS + 1) as f64)))
            .collect();
        let filters = (1..=FILTERS)
            .map(|k| {
                let (a, b, c) = (points[k - 1], points[k], points[k + 1].max(points[k] + 1));
                let weights = (a..=c)
                    .map(|j| {
                        if j <= b {
                            if b == a { 1.0 } else { (j - a) as f32 / (b - a) as f32 }
                        } else {
                            (c - j) as f32 / (c - b) as f32
                        }
                    })
                    .collect();
                (a, weights)
            })
            .collect();
        let dct = (0..CEPSTRA)
            .map(|k| {
                let mut row = [0f32; FILTERS];
                for (n, value) in row.iter_mut().enumerate() {
                    *value = (std::f64::consts::PI * k as f64 * (n as f64 + 0.5) / FILTERS as f64).cos() as f32;
                }
                row
            })
            .collect();
        Self {
            window,
            hop_seconds: HOP,
            rate,
            fft,
            hamming,
            filters,
            dct,
            pending: Vec::new(),
            consumed: 0,
            made: 0,
            last: 0.0,
            frames: Vec::new(),
            loudness: Vec::new(),
        }
    }

    /// Feeds mono samples; every frame they complete is made.
    pub fn feed(&mut self, samples: &[f32]) {
        for &s in samples {
            // Pre-emphasis: the high frequencies, where consonants are told apart, count as much as the low.
            self.pending.push(s - 0.97 * self.last);
            self.last = s;
        }
        let mut re = vec![0f32; self.fft];
        let mut im = vec![0f32; self.fft];
        loop {
            let start = (self.made as f64 * self.hop_seconds * self.rate).round() as usize;
            if start + self.window > self.consumed + self.pending.len() {
                break;
            }
            let from = start - self.consumed;
            re.fill(0.0);
            im.fill(0.0);
            for (k, (r, &s)) in re.iter_mut().zip(&self.pending[from..from + self.window]).enumerate() {
                *r = s * self.hamming[k];
            }
            fft(&mut re, &mut im);
            let power: Vec<f32> = (0..=self.fft / 2).map(|k| re[k] * re[k] + im[k] * im[k]).collect();
            self.loudness.push((power.iter().sum::<f32>() + 1e-10).ln());
            let mut energies = [0f32; FILTERS];
            for (e, (first, weights)) in energies.iter_mut().zip(&self.filters) {
                let sum: f32 = weights
                    .iter()
                    .enumerate()
                    .map(|(j, w)| w * power.get(first + j).copied().unwrap_or(0.0))
                    .sum();
                *e = (sum + 1e-10).ln();
            }
            let mut frame = [0f32; CEPSTRA];
            for (c, row) in frame.iter_mut().zip(&self.dct) {
                *c = row.iter().zip(&energies).map(|(a, b)| a * b).sum();
            }
            self.frames.push(frame);
            self.made += 1;
            // Drop what no later frame needs.
            let next = (self.made as f64 * self.hop_seconds * self.rate).round() as usize;
            let keep_from = next.saturating_sub(self.consumed).min(self.pending.len());
            if keep_from > 4096 {
                self.pending.drain(..keep_from);
                self.consumed += keep_from;
            }
        }
    }

    /// The frames, each coefficient brought to mean 0 and variance 1 over the frames of speech (a voice's
    /// and a room's colour taken out; pauses, however long, do not weigh in).
    pub fn finish(self) -> Vec<Frame> {
        self.finish_with_loudness().0
    }

    /// The normalised frames and each frame's loudness.
    pub fn finish_with_loudness(self) -> (Vec<Frame>, Vec<f32>) {
        (with_deltas(normalised(self.frames)), self.loudness)
    }
}

/// Each cepstrum brought to mean 0 and variance 1 over all frames, and held within four deviations.
fn normalised(mut frames: Vec<Raw>) -> Vec<Raw> {
    if frames.is_empty() {
        return frames;
    }
    let n = frames.len() as f64;
    for c in 0..CEPSTRA {
        let mean = frames.iter().map(|f| f64::from(f[c])).sum::<f64>() / n;
        let var = frames.iter().map(|f| (f64::from(f[c]) - mean).powi(2)).sum::<f64>() / n;
        let sd = var.sqrt().max(1e-6);
        for f in &mut frames {
            f[c] = (((f64::from(f[c]) - mean) / sd) as f32).clamp(-4.0, 4.0);
        }
    }
    frames
}

/// The frames to compare: the cepstra and how each changes over the frames around it (±2), in bytes.
fn with_deltas(frames: Vec<Raw>) -> Vec<Frame> {
    let n = frames.len();
    let byte = |v: f32| (v * SCALE).round().clamp(-127.0, 127.0) as i8;
    (0..n)
        .map(|t| {
            let (a, b) = (t.saturating_sub(2), (t + 2).min(n - 1));
            let mut frame = [0i8; COEFFICIENTS];
            for c in 0..CEPSTRA {
                frame[c] = byte(frames[t][c]);
                frame[CEPSTRA + c] = byte((frames[b][c] - frames[a][c]) / 2.0);
            }
            frame
        })
        .collect()
}

/// The features of mono `samples` at `rate`, normalised.
pub fn of(samples: &[f32], rate: u32) -> Vec<Frame> {
    let mut m = Mfcc::new(rate);
    m.feed(samples);
    m.finish()
}

/// An in-place radix-2 FFT (the length a power of two).
fn fft(re: &mut [f32], im: &mut [f32]) {
    let n = re.len();
    let mut j = 0;
    for i in 1..n {
        let mut bit = n >> 1;
        while j & bit != 0 {
            j ^= bit;
            bit >>= 1;
        }
        j |= bit;
        if i < j {
            re.swap(i, j);
            im.swap(i, j);
        }
    }
    let mut len = 2;
    while len <= n {
        let angle = -2.0 * std::f32::consts::PI / len as f32;
        let (w_re, w_im) = (angle.cos(), angle.sin());
        for start in (0..n).step_by(len) {
            let (mut cur_re, mut cur_im) = (1.0f32, 0.0f32);
            for k in 0..len / 2 {
                let (a, b) = (start + k, start + k + len / 2);
                let t_re = re[b] * cur_re - im[b] * cur_im;
                let t_im = re[b] * cur_im + im[b] * cur_re;
                re[b] = re[a] - t_re;
                im[b] = im[a] - t_im;
                re[a] += t_re;
                im[a] += t_im;
                let next = cur_re * w_re - cur_im * w_im;
                cur_im = cur_re * w_im + cur_im * w_re;
                cur_re = next;
            }
        }
        len <<= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fft_finds_a_tone_in_its_bin() {
        let n = 64;
        let mut re: Vec<f32> = (0..n)
            .map(|k| (2.0 * std::f32::consts::PI * 5.0 * k as f32 / n as f32).cos())
            .collect();
        let mut im = vec![0.0; n];
        fft(&mut re, &mut im);
        let power: Vec<f32> = (0..n / 2).map(|k| re[k] * re[k] + im[k] * im[k]).collect();
        let loudest = (0..n / 2).max_by(|a, b| power[*a].total_cmp(&power[*b])).expect("bins");
        assert_eq!(loudest, 5);
    }

    #[test]
    fn frames_come_every_ten_milliseconds_whatever_the_pieces() {
        let rate = 16_000;
        let tone: Vec<f32> = (0..rate).map(|k| (k as f32 * 0.05).sin() * 0.3).collect();
        let whole = of(&tone, rate as u32);
        let mut m = Mfcc::new(rate as u32);
        for piece in tone.chunks(777) {
            m.feed(piece);
        }
        let pieces = m.finish();
        assert_eq!(whole.len(), pieces.len());
        assert!((97..=99).contains(&whole.len()), "{}", whole.len());
        assert_eq!(whole, pieces, "fed in pieces or whole, the same frames");
    }
}
