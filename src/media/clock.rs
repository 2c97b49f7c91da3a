//! Where playback is: the frames the output has played, less what is still in the output's buffer (its
//! latency), at the playing speed. The audio callback only adds to an atomic counter: it never locks or
//! waits, and the window reads the position whenever it draws.

use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug)]
pub struct PlaybackClock {
    sample_rate: u32,
    /// Where playing (re)started, in seconds of recording.
    origin: f64,
    /// Frames handed to the output since then (at the output's rate, before the speed is applied).
    frames: AtomicU64,
    /// Seconds between a frame being handed over and being heard.
    latency: f64,
    /// Seconds of recording per second of listening (0.5 … 2).
    speed: f64,
}

impl PlaybackClock {
    pub fn new(sample_rate: u32, latency: f64) -> Self {
        Self {
            sample_rate: sample_rate.max(1),
            origin: 0.0,
            frames: AtomicU64::new(0),
            latency: latency.max(0.0),
            speed: 1.0,
        }
    }

    /// Called by the audio callback after it handed `frames` frames to the output.
    pub fn played(&self, frames: u64) {
        self.frames.fetch_add(frames, Ordering::Relaxed);
    }

    /// Playback (re)starts at `seconds` of recording, at `speed`.
    pub fn restart(&mut self, seconds: f64, speed: f64) {
        self.origin = seconds.max(0.0);
        self.speed = speed.clamp(0.5, 2.0);
        self.frames.store(0, Ordering::Relaxed);
    }

    /// What is being heard now, in seconds of recording; never before where playing started.
    pub fn position(&self) -> f64 {
        let handed = self.frames.load(Ordering::Relaxed) as f64 / f64::from(self.sample_rate);
        let heard = (handed - self.latency).max(0.0);
        self.origin + heard * self.speed
    }

    /// Where to resume after a pause at `paused_at`: a moment earlier, as transcribers expect, but not
    /// before the start.
    pub fn resume_from(paused_at: f64, back: f64) -> f64 {
        (paused_at - back.max(0.0)).max(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_position_is_what_was_played_less_the_latency_at_the_speed() {
        let mut clock = PlaybackClock::new(48_000, 0.05);
        clock.restart(10.0, 1.0);
        assert_eq!(clock.position(), 10.0, "nothing heard yet");
        clock.played(48_000);
        assert!((clock.position() - 10.95).abs() < 1e-9);
        clock.restart(20.0, 2.0);
        clock.played(24_000 + 2_400);
        assert!((clock.position() - 21.0).abs() < 1e-9, "{}", clock.position());
        clock.restart(0.0, 9.0);
        clock.played(48_000 + 2_400);
        assert!((clock.position() - 2.0).abs() < 1e-9, "speed is at most 2");
    }

    #[test]
    fn resuming_starts_a_moment_earlier_but_not_before_the_start() {
        assert_eq!(PlaybackClock::resume_from(12.5, 1.0), 11.5);
        assert_eq!(PlaybackClock::resume_from(0.4, 1.0), 0.0);
    }
}
