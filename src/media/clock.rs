//! Where playback is: the frames the output has played since playing (re)started, less what is still in
//! the output's buffer (its latency), at the playing speed. Between two callbacks the last buffer handed
//! over is being heard, so the position moves on with the time since then (else it would jump a buffer,
//! some 20 ms, at a time). The audio callback only stores into atomics: it never locks or waits, and the
//! window reads the position whenever it draws.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

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
    /// What times are measured from.
    base: Instant,
    /// When the last callback handed frames over (nanoseconds from `base`), and how many.
    last_at: AtomicU64,
    last_frames: AtomicU64,
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
            base: Instant::now(),
            last_at: AtomicU64::new(0),
            last_frames: AtomicU64::new(0),
        }
    }

    /// Called by the audio callback after it handed `frames` frames to the output.
    pub fn played(&self, frames: u64) {
        self.played_at(frames, self.base.elapsed());
    }

    /// `played`, at `now` from the clock's start.
    fn played_at(&self, frames: u64, now: Duration) {
        self.last_frames.store(frames, Ordering::Relaxed);
        self.last_at.store(now.as_nanos() as u64, Ordering::Relaxed);
        self.frames.fetch_add(frames, Ordering::Relaxed);
    }

    /// Called by the audio callback with the output's latency.
    pub fn set_latency(&self, seconds: f64) {
        self.latency_ns
            .store((seconds.max(0.0) * 1e9) as u64, Ordering::Relaxed);
    }

    /// Called by the audio callback when it dropped what waited: nothing of the new place is played yet.
    pub fn flushed(&self) {
        self.last_frames.store(0, Ordering::Relaxed);
        self.frames.store(0, Ordering::Relaxed);
    }

    /// Playing request `request` (re)starts at `seconds` of recording, at `speed`: called once what was
    /// waiting has been dropped, before the first sound of the new place is handed over.
    pub fn restart(&self, seconds: f64, speed: f64, request: u64) {
        self.origin.store(seconds.max(0.0).to_bits(), Ordering::Relaxed);
        self.speed.store(speed.clamp(0.5, 2.0).to_bits(), Ordering::Relaxed);
        self.last_frames.store(0, Ordering::Relaxed);
        self.frames.store(0, Ordering::Relaxed);
        self.request.store(request, Ordering::Release);
    }

    /// The output's latency, as it last said, in seconds.
    pub fn latency(&self) -> f64 {
        self.latency_ns.load(Ordering::Relaxed) as f64 / 1e9
    }

    /// Frames of real audio handed to the output since playing (re)started.
    pub fn handed(&self) -> u64 {
        self.frames.load(Ordering::Relaxed)
    }

    /// The request the position is for.
    pub fn request(&self) -> u64 {
        self.request.load(Ordering::Acquire)
    }

    /// What is being heard now, in seconds of recording; never before where playing started.
    pub fn position(&self) -> f64 {
        self.position_at(self.base.elapsed())
    }

    /// `position`, at `now` from the clock's start.
    fn position_at(&self, now: Duration) -> f64 {
        let rate = f64::from(self.sample_rate);
        let origin = f64::from_bits(self.origin.load(Ordering::Relaxed));
        let speed = f64::from_bits(self.speed.load(Ordering::Relaxed));
        let handed = self.frames.load(Ordering::Relaxed) as f64 / rate;
        // The last buffer is heard over its own length from when it was handed over.
        let last = self.last_frames.load(Ordering::Relaxed) as f64 / rate;
        let since = now.saturating_sub(Duration::from_nanos(self.last_at.load(Ordering::Relaxed)));
        let played = handed - last + since.as_secs_f64().min(last);
        let latency = self.latency_ns.load(Ordering::Relaxed) as f64 / 1e9;
        origin + (played - latency).max(0.0) * speed
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

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn the_position_is_what_was_played_less_the_latency_at_the_speed() {
        let clock = PlaybackClock::new(48_000);
        clock.set_latency(0.05);
        clock.restart(10.0, 1.0, 1);
        assert_eq!(clock.position_at(ms(0)), 10.0, "nothing heard yet");
        // A second handed over, the last buffer of it (480 frames, 10 ms) at 1 s: heard by 1.01 s.
        clock.played_at(48_000 - 480, ms(990));
        clock.played_at(480, ms(1000));
        assert!((clock.position_at(ms(1010)) - 10.95).abs() < 1e-9);
        clock.restart(20.0, 2.0, 2);
        clock.played_at(24_000 + 2_400, ms(2000));
        assert!(
            (clock.position_at(ms(2600)) - 21.0).abs() < 1e-9,
            "{}",
            clock.position()
        );
        assert_eq!(clock.request(), 2);
        clock.restart(0.0, 9.0, 3);
        clock.played_at(48_000 + 2_400, ms(3000));
        assert!((clock.position_at(ms(4100)) - 2.0).abs() < 1e-9, "speed is at most 2");
        clock.flushed();
        assert_eq!(clock.position(), 0.0);
    }

    #[test]
    fn between_callbacks_the_position_moves_with_the_time_for_one_buffer_at_most() {
        let clock = PlaybackClock::new(1000);
        clock.restart(0.0, 1.0, 1);
        clock.played_at(100, ms(0));
        clock.played_at(20, ms(100));
        // The last 20 ms buffer is being heard from 100 ms on.
        assert!((clock.position_at(ms(100)) - 0.100).abs() < 1e-9);
        assert!((clock.position_at(ms(110)) - 0.110).abs() < 1e-9);
        assert!((clock.position_at(ms(120)) - 0.120).abs() < 1e-9);
        // No callback came: the position stops where the sound ran out, not beyond.
        assert!((clock.position_at(ms(500)) - 0.120).abs() < 1e-9);
        // Nothing real handed over (the recording ended): it stays.
        clock.played_at(0, ms(600));
        assert!((clock.position_at(ms(700)) - 0.120).abs() < 1e-9);
    }

    #[test]
    fn resuming_starts_a_moment_earlier_but_not_before_the_start() {
        assert_eq!(PlaybackClock::resume_from(12.5, 1.0), 11.5);
        assert_eq!(PlaybackClock::resume_from(0.4, 1.0), 0.0);
    }
}
