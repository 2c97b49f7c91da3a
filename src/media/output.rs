//! Playing a recording through the system's default output (cpal). A feeding thread decodes and converts
//! into a lock-free ring buffer; the audio callback only copies from it ([`super::feed::play_into`]) and
//! counts frames. Pausing or seeking ends the stream; playing again starts a new one at the new place.

use super::feed::{Feed, play_into};
use super::{Decoder, MediaError};
use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

/// Why nothing can be heard: said to the user as "No audio output: …".
#[derive(Debug, thiserror::Error)]
pub enum PlayError {
    #[error("No audio output: {0}")]
    NoOutput(String),
    #[error(transparent)]
    Media(#[from] MediaError),
}

/// What the callback and the feeder share with the window, all atomics.
#[derive(Debug, Default)]
struct Shared {
    /// Frames of real audio handed to the output.
    frames: AtomicU64,
    /// The output's latency as last reported, in nanoseconds.
    latency_ns: AtomicU64,
    /// Set to end the feeding thread.
    stop: AtomicBool,
    /// The loudness, as the bits of an `f32` (1.0 as it was recorded).
    volume: std::sync::atomic::AtomicU32,
}

/// A recording playing from `origin` seconds; dropping it stops the sound.
pub struct Playing {
    stream: cpal::Stream,
    shared: Arc<Shared>,
    feeder: Option<std::thread::JoinHandle<()>>,
    origin: f64,
    rate: u32,
}

impl Playing {
    /// Starts playing `path` at `from` seconds on the default output device.
    pub fn start(path: &Path, from: f64, volume: f32) -> Result<Self, PlayError> {
        // Opened here, so a file that cannot be played is said at once, not by a silent thread.
        let mut decoder = Decoder::open(path)?;
        decoder.seek(from)?;
        let host = cpal::default_host();
        let device = host
            .default_output_device()
            .ok_or_else(|| PlayError::NoOutput("no output device was found".to_string()))?;
        let supported = device
            .default_output_config()
            .map_err(|e| PlayError::NoOutput(e.to_string()))?;
        // A short buffer, so what is heard follows a seek or a pause quickly (the default can be seconds).
        let short = match supported.buffer_size() {
            cpal::SupportedBufferSize::Range { min, max } => Some(1024u32.clamp(*min, *max)),
            cpal::SupportedBufferSize::Unknown => None,
        };
        let mut config: cpal::StreamConfig = supported.into();
        if let Some(frames) = short {
            config.buffer_size = cpal::BufferSize::Fixed(frames);
        }
        let (rate, channels) = (config.sample_rate.0, usize::from(config.channels).max(1));
        // Half a second of sound waits in the ring: enough to ride out a busy moment, little to drop on a seek.
        let (mut producer, mut consumer) = rtrb::RingBuffer::<f32>::new(rate as usize * channels / 2);
        let shared = Arc::new(Shared::default());
        shared.volume.store(volume.to_bits(), Ordering::Relaxed);

        let feeding = shared.clone();
        let mut feed = Feed::new(decoder, rate, channels);
        let feeder = std::thread::Builder::new()
            .name("audio-feed".into())
            .spawn(move || {
                let mut chunk = vec![0.0f32; 1024 * channels];
                while !feeding.stop.load(Ordering::Relaxed) {
                    if producer.slots() < chunk.len() {
                        std::thread::sleep(Duration::from_millis(5));
                        continue;
                    }
                    match feed.fill(&mut chunk) {
                        Ok(0) | Err(_) => break,
                        Ok(frames) => {
                            let _ = producer.push_entire_slice(&chunk[..frames * channels]);
                        }
                    }
                }
            })
            .map_err(|e| PlayError::NoOutput(e.to_string()))?;

        let callback = shared.clone();
        let stream = device
            .build_output_stream(
                &config,
                move |data: &mut [f32], info: &cpal::OutputCallbackInfo| {
                    let stamp = info.timestamp();
                    if let Some(latency) = stamp.playback.duration_since(&stamp.callback) {
                        callback.latency_ns.store(latency.as_nanos() as u64, Ordering::Relaxed);
                    }
                    let volume = f32::from_bits(callback.volume.load(Ordering::Relaxed));
                    play_into(&mut consumer, data, channels, volume, &callback.frames);
                },
                |e| eprintln!("warning: audio output: {e}"),
                None,
            )
            .map_err(|e| PlayError::NoOutput(e.to_string()))?;
        stream.play().map_err(|e| PlayError::NoOutput(e.to_string()))?;
        Ok(Self {
            stream,
            shared,
            feeder: Some(feeder),
            origin: from.max(0.0),
            rate,
        })
    }

    /// Changes the loudness at once (1.0: as recorded).
    pub fn set_volume(&self, volume: f32) {
        self.shared
            .volume
            .store(volume.clamp(0.0, 2.0).to_bits(), Ordering::Relaxed);
    }

    /// What is being heard now, in seconds of recording: the frames played less the output's latency.
    pub fn position(&self) -> f64 {
        let played = self.shared.frames.load(Ordering::Relaxed) as f64 / f64::from(self.rate.max(1));
        let latency = self.shared.latency_ns.load(Ordering::Relaxed) as f64 / 1e9;
        self.origin + (played - latency).max(0.0)
    }
}

impl Drop for Playing {
    fn drop(&mut self) {
        let _ = self.stream.pause();
        self.shared.stop.store(true, Ordering::Relaxed);
        if let Some(feeder) = self.feeder.take() {
            let _ = feeder.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::wav::{silence_tone_silence, write_wav};

    #[test]
    fn a_file_that_is_no_recording_is_named_before_any_device_is_tried() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("notes.wav");
        std::fs::write(&path, "geen geluid").expect("write");
        match Playing::start(&path, 0.0, 1.0) {
            Err(PlayError::Media(e)) => assert!(e.to_string().contains("notes.wav"), "{e}"),
            Err(other) => panic!("{other}"),
            Ok(_) => panic!("text was played"),
        }
    }

    #[test]
    fn without_a_device_playing_says_why_and_with_one_the_clock_advances() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("talk.wav");
        write_wav(&path, 16_000, &silence_tone_silence(16_000, (0.5, 1.0, 0.5), 0.3)).expect("writes the recording");
        let expected = std::env::var_os("TRANSCRIPT_EDITOR_EXPECT_AUDIO").is_some();
        match Playing::start(&path, 0.5, 1.0) {
            Err(e) if expected => panic!("a sound server was started, yet: {e}"),
            Err(e) => assert!(e.to_string().starts_with("No audio output: "), "{e}"),
            Ok(playing) => {
                assert!(playing.position() >= 0.5);
                // A sound server may take a moment to start pulling; then the clock runs with the sound,
                // never ahead of the time that has passed.
                let started = std::time::Instant::now();
                while playing.position() < 0.8 && started.elapsed() < Duration::from_secs(5) {
                    std::thread::sleep(Duration::from_millis(20));
                }
                let heard = playing.position();
                assert!(heard >= 0.8, "after {:?} only {heard} s", started.elapsed());
                assert!(heard <= 0.5 + started.elapsed().as_secs_f64() + 0.1, "{heard}");
            }
        }
    }
}
