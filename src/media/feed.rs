//! The recording as the output wants it: at the output's sample rate and with its number of channels,
//! in chunks a feeding thread pushes into the ring buffer the audio callback reads. Also the callback's
//! own work, [`play_into`], which never allocates, locks or waits.

use super::{Decoder, MediaError, PlaybackClock};

/// Converts decoded blocks to the output's rate (linear interpolation: clear for speech) and channels.
pub struct Feed {
    decoder: Decoder,
    out_rate: u32,
    out_channels: usize,
    /// Decoded frames not yet used, mixed to the output's channel count.
    source: Vec<f32>,
    /// Where the next output frame falls between source frames, in source frames from `source`'s start.
    cursor: f64,
    ended: bool,
}

impl Feed {
    pub fn new(decoder: Decoder, out_rate: u32, out_channels: usize) -> Self {
        Self {
            decoder,
            out_rate: out_rate.max(1),
            out_channels: out_channels.max(1),
            source: Vec::new(),
            cursor: 0.0,
            ended: false,
        }
    }

    /// Starts again from `seconds` of recording.
    pub fn seek(&mut self, seconds: f64) -> Result<(), MediaError> {
        self.decoder.seek(seconds)?;
        self.source.clear();
        self.cursor = 0.0;
        self.ended = false;
        Ok(())
    }

    /// Fills `out` (interleaved, the output's channels) as far as the recording goes; returns the frames
    /// written, fewer than `out` holds only at the end.
    pub fn fill(&mut self, out: &mut [f32]) -> Result<usize, MediaError> {
        let channels = self.out_channels;
        let step = f64::from(self.decoder.sample_rate()) / f64::from(self.out_rate);
        let wanted = out.len() / channels;
        for frame in 0..wanted {
            // Two source frames around the cursor are needed.
            while !self.ended && (self.cursor as usize + 1) * channels >= self.source.len() {
                self.more()?;
            }
            let here = self.cursor as usize;
            if (here + 1) * channels > self.source.len() {
                return Ok(frame);
            }
            let next = if (here + 2) * channels <= self.source.len() {
                here + 1
            } else {
                here
            };
            let t = (self.cursor - here as f64) as f32;
            for c in 0..channels {
                let (a, b) = (self.source[here * channels + c], self.source[next * channels + c]);
                out[frame * channels + c] = a + (b - a) * t;
            }
            self.cursor += step;
            // Drop what is behind, now and then, so the buffer stays a block or two long.
            let behind = self.cursor as usize;
            if behind > 4096 {
                self.source.drain(..behind * channels);
                self.cursor -= behind as f64;
            }
        }
        Ok(wanted)
    }

    /// Decodes the next block into `source`, mixed to the output's channels.
    fn more(&mut self) -> Result<(), MediaError> {
        let in_channels = self.decoder.channels();
        let out_channels = self.out_channels;
        match self.decoder.next_block()? {
            None => self.ended = true,
            Some(block) => {
                for frame in block.chunks_exact(in_channels) {
                    match (in_channels, out_channels) {
                        (i, o) if i == o => self.source.extend_from_slice(frame),
                        // Mono to every output channel; more channels to fewer: their mean everywhere.
                        (1, o) => self.source.extend(std::iter::repeat_n(frame[0], o)),
                        (i, o) => {
                            let mean = frame.iter().sum::<f32>() / i as f32;
                            self.source.extend(std::iter::repeat_n(mean, o));
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// The audio callback's work: the samples waiting in the ring go to the output at `volume`, silence fills
/// the rest, and the frames of real audio are counted for the playback clock. No allocation, no lock, no
/// waiting.
pub fn play_into(ring: &mut rtrb::Consumer<f32>, out: &mut [f32], channels: usize, volume: f32, clock: &PlaybackClock) {
    let available = ring.slots().min(out.len()) / channels.max(1) * channels.max(1);
    let (filled, silent) = out.split_at_mut(available);
    if let Ok(chunk) = ring.read_chunk(available) {
        let (a, b) = chunk.as_slices();
        filled[..a.len()].copy_from_slice(a);
        filled[a.len()..].copy_from_slice(b);
        chunk.commit_all();
    }
    if volume != 1.0 {
        filled.iter_mut().for_each(|s| *s *= volume);
    }
    silent.fill(0.0);
    clock.played((available / channels.max(1)) as u64);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::wav::{silence_tone_silence, write_wav};

    fn feed(rate: u32, out_rate: u32, out_channels: usize) -> (tempfile::TempDir, Feed, Vec<f32>) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("talk.wav");
        let samples = silence_tone_silence(rate, (0.25, 0.5, 0.25), 0.5);
        write_wav(&path, rate, &samples).expect("writes the recording");
        let decoder = Decoder::open(&path).expect("opens");
        (dir, Feed::new(decoder, out_rate, out_channels), samples)
    }

    fn drain(f: &mut Feed, channels: usize) -> Vec<f32> {
        let mut all = Vec::new();
        let mut chunk = vec![0.0; 1000 * channels];
        loop {
            let n = f.fill(&mut chunk).expect("fills");
            all.extend_from_slice(&chunk[..n * channels]);
            if n < 1000 {
                return all;
            }
        }
    }

    #[test]
    fn the_same_rate_and_channels_pass_through() {
        let (_dir, mut f, samples) = feed(16_000, 16_000, 1);
        let out = drain(&mut f, 1);
        assert_eq!(out.len(), samples.len());
        assert!(out.iter().zip(&samples).all(|(a, b)| (a - b).abs() < 1e-3));
    }

    #[test]
    fn a_recording_is_brought_to_the_outputs_rate_and_channels() {
        let (_dir, mut f, samples) = feed(16_000, 48_000, 2);
        let out = drain(&mut f, 2);
        // Three times the frames, two channels each, the same on both.
        let frames = out.len() / 2;
        assert!((frames as i64 - 3 * samples.len() as i64).abs() <= 3, "{frames}");
        assert!(out.chunks_exact(2).all(|f| f[0] == f[1]));
        // The tone is where it was: a quarter second in, at the same loudness.
        let loud = |from: f64, to: f64| {
            out.chunks_exact(2)
                .skip((from * 48_000.0) as usize)
                .take(((to - from) * 48_000.0) as usize)
                .fold(0.0f32, |m, f| m.max(f[0].abs()))
        };
        assert!(loud(0.0, 0.24) < 0.01);
        assert!((loud(0.3, 0.7) - 0.5).abs() < 0.02);
        assert!(loud(0.76, 1.0) < 0.01);
    }

    #[test]
    fn a_seek_starts_the_feed_again_there() {
        let (_dir, mut f, samples) = feed(16_000, 16_000, 1);
        f.seek(0.75).expect("seeks");
        let out = drain(&mut f, 1);
        assert!(
            (out.len() as i64 - (samples.len() - 12_000) as i64).abs() <= 1,
            "{}",
            out.len()
        );
    }

    #[test]
    fn the_callback_plays_what_waits_and_silence_after_and_counts_only_real_frames() {
        let (mut producer, mut consumer) = rtrb::RingBuffer::<f32>::new(64);
        for s in [0.1, 0.2, 0.3, 0.4, 0.5, 0.6] {
            producer.push(s).expect("room");
        }
        let clock = PlaybackClock::new(1);
        let mut out = [9.0f32; 10];
        play_into(&mut consumer, &mut out, 2, 1.0, &clock);
        assert_eq!(out, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.0, 0.0, 0.0, 0.0]);
        assert_eq!(clock.handed(), 3);
        // An odd sample waiting is not half a frame played.
        producer.push(0.7).expect("room");
        play_into(&mut consumer, &mut out, 2, 1.0, &clock);
        assert_eq!(out, [0.0; 10]);
        assert_eq!(clock.handed(), 3);
        // At half the volume, half as loud.
        producer.push(0.8).expect("room");
        play_into(&mut consumer, &mut out, 2, 0.5, &clock);
        assert_eq!(&out[..2], &[0.35, 0.4]);
    }
}
