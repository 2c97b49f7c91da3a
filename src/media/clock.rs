//! Where playback is: the frames the output has played since playing (re)started, less what is still in
//! the output's buffer (its latency), at the playing speed. The audio callback only stores into atomics:
//! it never locks or waits, and the window reads the position whenever it draws.

use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug)]
pub struct PlaybackClock {
    sample_rate: u32,
    /// Frames of real audio handed to the output since the last restart (at the output's rate).
    frames: AtomicU64,
    /// Nanoseconds between a frame being handed over and being heard, as the output last said.
    latency_ns: AtomicU64,
    /// Where playing (re)started, in seconds of recording (an `f64`'s bits).
    origin: AtomicU64,
    /// Seconds of recording per second of listening, 0.5 … 2 (an `f64`'s bits).
    speed: AtomicU64,
    /// Which request to play the clock counts for: a newer one is not heard yet.
    request: AtomicU64,
}

impl PlaybackClock {
    pub fn new(sample_rate: u32) -> Self {
        Self {
            sample_rate: sample_rate.max(1),
            frames: AtomicU64::new(0),
            latency_ns: AtomicU64::new(0),
            origin: AtomicU64::new(0f64.to_bits()),
            speed: AtomicU64::new(1f64.to_bits()),
            request: AtomicU64::new(0),
        }
    }

    /// Called by the audio callback after it handed `frames` frames to the output.
    pub fn played(&self, frames: u64) {
        self.frames.fetch_add(frames, Ordering::Relaxed);
    }

    /// Called by the audio callback with the output's latency.
    pub fn set_latency(&self, seconds: f64) {
        self.latency_ns
            .store((seconds.max(0.0) * 1e9) as u64, Ordering::Relaxed);
    }

    /// Called by the audio callback when it dropped what waited: nothing of the new place is played yet.
    pub fn flushed(&self) {
        self.frames.store(0, Ordering::Relaxed);
    }

    /// Playing request `request` (re)starts at `seconds` of recording, at `speed`: called once what was
    /// waiting has been dropped, before the first sound of the new place is handed over.
    pub fn restart(&self, seconds: f64, speed: f64, request: u64) {
        self.origin.store(seconds.max(0.0).to_bits(), Ordering::Relaxed);
        self.speed.store(speed.clamp(0.5, 2.0).to_bits(), Ordering::Relaxed);
        self.frames.store(0, Ordering::Relaxed);
        self.request.store(request, Ordering::Release);
    }

    /// The request the position is for.
    pub fn request(&self) -> u64 {
        self.request.load(Ordering::Acquire)
    }

    /// What is being heard now, in seconds of recording; never before where playing started.
    pub fn position(&self) -> f64 {
        let origin = f64::from_bits(self.origin.load(Ordering::Relaxed));
        let speed = f64::from_bits(self.speed.load(Ordering::Relaxed));
        let handed = self.frames.load(Ordering::Relaxed) as f64 / f64::from(self.sample_rate);
        let latency = self.latency_ns.load(Ordering::Relaxed) as f64 / 1e9;
        origin + (handed - latency).max(0.0) * speed
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
        let clock = PlaybackClock::new(48_000);
        clock.set_latency(0.05);
        clock.restart(10.0, 1.0, 1);
        assert_eq!(clock.position(), 10.0, "nothing heard yet");
        clock.played(48_000);
        assert!((clock.position() - 10.95).abs() < 1e-9);
        clock.restart(20.0, 2.0, 2);
        clock.played(24_000 + 2_400);
        assert!((clock.position() - 21.0).abs() < 1e-9, "{}", clock.position());
        assert_eq!(clock.request(), 2);
        clock.restart(0.0, 9.0, 3);
        clock.played(48_000 + 2_400);
        assert!((clock.position() - 2.0).abs() < 1e-9, "speed is at most 2");
        clock.flushed();
        assert_eq!(clock.position(), 0.0);
    }

    #[test]
    fn resuming_starts_a_moment_earlier_but_not_before_the_start() {
        assert_eq!(PlaybackClock::resume_from(12.5, 1.0), 11.5);
        assert_eq!(PlaybackClock::resume_from(0.4, 1.0), 0.0);
    }
}
