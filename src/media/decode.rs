//! A recording decoded as a stream of sample blocks, from the start or from any time: what playback and the
//! peak summary read. A block is a packet's worth (a few milliseconds), so memory stays small whatever the
//! recording's length.

use super::MediaError;
use std::path::{Path, PathBuf};
use symphonia::core::audio::SampleBuffer;
use symphonia::core::codecs::{CODEC_TYPE_NULL, DecoderOptions};
use symphonia::core::errors::Error as SymphoniaError;
use symphonia::core::formats::{FormatOptions, FormatReader, SeekMode, SeekTo};
use symphonia::core::io::MediaSourceStream;
use symphonia::core::meta::MetadataOptions;
use symphonia::core::probe::Hint;
use symphonia::core::units::Time;

pub struct Decoder {
    path: PathBuf,
    format: Box<dyn FormatReader>,
    decoder: Box<dyn symphonia::core::codecs::Decoder>,
    track: u32,
    sample_rate: u32,
    channels: usize,
    /// Frames in the recording, when the container says.
    frames: Option<u64>,
    /// Interleaved samples of the last block.
    block: Vec<f32>,
    /// After a seek: the timestamp (in frames) before which decoded frames are dropped.
    skip_until: Option<u64>,
    /// The frame the next block starts at.
    position: u64,
}

impl Decoder {
    /// Opens a recording and finds its audio; reads nothing else yet.
    pub fn open(path: &Path) -> Result<Self, MediaError> {
        let io = |e: std::io::Error| MediaError::Io {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        let unsupported = |reason: String| MediaError::Unsupported {
            path: path.to_path_buf(),
            reason,
        };
        let mut file = std::fs::File::open(path).map_err(io)?;
        let len = file.metadata().map_err(io)?.len();
        // The library trusts an MP4's table sizes; a forged one would take all the memory there is.
        if super::mp4_check::looks_like_mp4(&mut file) {
            super::mp4_check::check(&mut file, len).map_err(unsupported)?;
        }
        let stream = MediaSourceStream::new(Box::new(file), Default::default());
        let mut hint = Hint::new();
        if let Some(ext) = path.extension().and_then(|e| e.to_str()) {
            hint.with_extension(ext);
        }
        // A header the library does not expect can make it panic (a WAV of 0 samples a second): that is a
        // damaged recording, not a reason to stop the editor.
        let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let probed = symphonia::default::get_probe()
                .format(&hint, stream, &FormatOptions::default(), &MetadataOptions::default())
                .map_err(|e| unsupported(e.to_string()))?;
            let format = probed.format;
            let track = format
                .tracks()
                .iter()
                .find(|t| t.codec_params.codec != CODEC_TYPE_NULL && t.codec_params.sample_rate.is_some())
                .ok_or_else(|| unsupported("it holds no sound".to_string()))?;
            let params = track.codec_params.clone();
            let track = track.id;
            let decoder = symphonia::default::get_codecs()
                .make(&params, &DecoderOptions::default())
                .map_err(|e| unsupported(e.to_string()))?;
            Ok((format, track, params, decoder))
        }))
        .map_err(|_| unsupported("its header is damaged (the decoder failed on it)".to_string()))?;
        let (format, track, params, decoder) = opened?;
        let sample_rate = params.sample_rate.unwrap_or(44_100);
        if sample_rate == 0 {
            return Err(unsupported("its header says it has 0 samples a second".to_string()));
        }
        // Every size a header states is checked before anything is sized from it.
        let frames = params.n_frames.filter(|&n| {
            let seconds = n as f64 / f64::from(sample_rate);
            seconds <= crate::model::MAX_TIME_SECONDS
        });
        if params.n_frames.is_some() && frames.is_none() {
            return Err(unsupported(format!(
                "its header says it lasts {:.0} hours at {sample_rate} samples a second, more than any recording: \
                 the file is damaged",
                params.n_frames.unwrap_or(0) as f64 / f64::from(sample_rate) / 3600.0
            )));
        }
        Ok(Self {
            path: path.to_path_buf(),
            track,
            sample_rate,
            channels: params.channels.map_or(1, |c| c.count()).clamp(1, 64),
            frames,
            format,
            decoder,
            block: Vec::new(),
            skip_until: None,
            position: 0,
        })
    }

    pub fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    pub fn channels(&self) -> usize {
        self.channels
    }

    /// The recording's length in seconds, when the container says.
    pub fn duration(&self) -> Option<f64> {
        self.frames.map(|f| f as f64 / f64::from(self.sample_rate))
    }

    /// Where the next block starts, in seconds.
    pub fn position(&self) -> f64 {
        self.position as f64 / f64::from(self.sample_rate)
    }

    /// Goes to `seconds` (clamped to the start): the next block starts exactly there.
    pub fn seek(&mut self, seconds: f64) -> Result<(), MediaError> {
        let seconds = seconds.max(0.0);
        let to = SeekTo::Time {
            time: Time::from(seconds),
            track_id: Some(self.track),
        };
        match self.format.seek(SeekMode::Accurate, to) {
            Ok(seeked) => {
                self.decoder.reset();
                self.skip_until = Some(seeked.required_ts);
                self.position = seeked.required_ts;
                Ok(())
            }
            // Past the end: nothing more to play.
            Err(SymphoniaError::SeekError(_)) if self.duration().is_some_and(|d| seconds >= d) => {
                self.position = self.frames.unwrap_or(0);
                self.skip_until = Some(u64::MAX);
                Ok(())
            }
            Err(e) => Err(self.damaged(e)),
        }
    }

    /// The next block of interleaved samples (`channels()` per frame), or `None` at the end.
    pub fn next_block(&mut self) -> Result<Option<&[f32]>, MediaError> {
        // The library may panic on a damaged stretch: that is a damaged recording, said, never a crash.
        let panicked = |decoder: &Self| MediaError::Damaged {
            path: decoder.path.clone(),
            at: decoder.position(),
            reason: "the decoder failed on it".to_string(),
        };
        loop {
            let format = &mut self.format;
            let next = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || format.next_packet()));
            let Ok(next) = next else {
                return Err(panicked(self));
            };
            let packet = match next {
                Ok(packet) => packet,
                Err(SymphoniaError::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
                Err(SymphoniaError::ResetRequired) => {
                    self.decoder.reset();
                    continue;
                }
                Err(e) => return Err(self.damaged(e)),
            };
            if packet.track_id() != self.track {
                continue;
            }
            let decoder = &mut self.decoder;
            let decoded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                decoder.decode(&packet).map(|d| {
                    let mut buffer = SampleBuffer::<f32>::new(d.capacity() as u64, *d.spec());
                    buffer.copy_interleaved_ref(d);
                    buffer
                })
            }));
            let Ok(decoded) = decoded else {
                return Err(panicked(self));
            };
            let buffer = match decoded {
                Ok(buffer) => buffer,
                // A damaged packet is skipped, as players do; the rest still plays.
                Err(SymphoniaError::DecodeError(_)) => continue,
                Err(e) => return Err(self.damaged(e)),
            };
            let samples = buffer.samples();
            let frames = (samples.len() / self.channels) as u64;
            let start = packet.ts();
            // After a seek, drop what comes before the requested frame.
            let skip = match self.skip_until {
                Some(until) if start.saturating_add(frames) <= until => continue,
                Some(until) => until.saturating_sub(start),
                None => 0,
            };
            self.skip_until = None;
            self.block.clear();
            let from = (skip as usize).saturating_mul(self.channels).min(samples.len());
            self.block.extend_from_slice(&samples[from..]);
            self.position = start.saturating_add(frames);
            return Ok(Some(&self.block));
        }
    }

    fn damaged(&self, e: SymphoniaError) -> MediaError {
        MediaError::Damaged {
            path: self.path.clone(),
            at: self.position(),
            reason: e.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::wav::{silence_tone_silence, write_wav};

    fn all_samples(d: &mut Decoder) -> Vec<f32> {
        let mut all = Vec::new();
        while let Some(block) = d.next_block().expect("decodes") {
            all.extend_from_slice(block);
        }
        all
    }

    #[test]
    fn a_wav_decodes_to_its_samples_and_length() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("talk.wav");
        let written = silence_tone_silence(16_000, (0.5, 0.5, 0.5), 0.8);
        write_wav(&path, 16_000, &written).expect("writes the recording");
        let mut d = Decoder::open(&path).expect("opens");
        assert_eq!((d.sample_rate(), d.channels()), (16_000, 1));
        assert_eq!(d.duration(), Some(1.5));
        let read = all_samples(&mut d);
        assert_eq!(read.len(), written.len());
        let loudest = read.iter().fold(0.0f32, |m, s| m.max(s.abs()));
        assert!((loudest - 0.8).abs() < 0.01, "{loudest}");
    }

    #[test]
    fn a_seek_starts_exactly_at_the_time_asked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("talk.wav");
        let written = silence_tone_silence(16_000, (0.5, 0.5, 0.5), 0.8);
        write_wav(&path, 16_000, &written).expect("writes the recording");
        let mut d = Decoder::open(&path).expect("opens");
        for at in [0.75, 0.25, 1.2, 0.0] {
            d.seek(at).expect("seeks");
            // To the frame: within one sample period (a time in seconds is rounded to a frame).
            let start = d.position();
            assert!((start - at).abs() <= 1.0 / 16_000.0, "{start} for {at}");
            let rest = all_samples(&mut d);
            let first = (start * 16_000.0).round() as usize;
            assert_eq!(rest.len(), written.len() - first, "at {at}");
            // The samples are the written ones from that frame on (16-bit rounding aside).
            assert!(
                rest.iter().zip(&written[first..]).all(|(a, b)| (a - b).abs() < 1e-3),
                "at {at}"
            );
        }
        d.seek(5.0).expect("past the end is the end");
        assert!(d.next_block().expect("no error").is_none());
    }

    /// A 16-bit mono WAV whose header says `rate` samples a second and `data` bytes of sound, with a little
    /// real sound after it.
    fn lying_wav(rate: u32, data: u32) -> Vec<u8> {
        let mut b = b"RIFF".to_vec();
        b.extend_from_slice(&data.wrapping_add(36).to_le_bytes());
        b.extend_from_slice(b"WAVEfmt ");
        b.extend_from_slice(&16u32.to_le_bytes());
        b.extend_from_slice(&1u16.to_le_bytes());
        b.extend_from_slice(&1u16.to_le_bytes());
        b.extend_from_slice(&rate.to_le_bytes());
        b.extend_from_slice(&(rate.wrapping_mul(2)).to_le_bytes());
        b.extend_from_slice(&2u16.to_le_bytes());
        b.extend_from_slice(&16u16.to_le_bytes());
        b.extend_from_slice(b"data");
        b.extend_from_slice(&data.to_le_bytes());
        b.extend_from_slice(&[0u8; 400]);
        b
    }

    #[test]
    fn a_header_that_lies_is_a_damaged_recording_not_a_panic_or_a_huge_allocation() {
        let dir = tempfile::tempdir().expect("tempdir");
        let zero = dir.path().join("zero.wav");
        std::fs::write(&zero, lying_wav(0, 400)).expect("write");
        let e = Decoder::open(&zero).err().expect("refused");
        assert!(matches!(e, MediaError::Unsupported { .. }), "{e}");
        assert!(e.to_string().contains("zero.wav"), "{e}");
        // 1 sample a second and 4 GiB of sound: 68 years, which a waveform would reserve memory for.
        let long = dir.path().join("long.wav");
        std::fs::write(&long, lying_wav(1, 0xFFFF_FF00)).expect("write");
        let e = Decoder::open(&long).err().expect("refused");
        assert!(
            e.to_string().contains("more than any recording: the file is damaged"),
            "{e}"
        );
    }

    #[test]
    fn what_is_not_a_recording_is_named_not_panicked_on() {
        let dir = tempfile::tempdir().expect("tempdir");
        let text = dir.path().join("talk.mp3");
        std::fs::write(&text, "Mia: dit is tekst, geen geluid.\n").expect("write");
        let e = Decoder::open(&text).err().expect("refused");
        assert!(matches!(e, MediaError::Unsupported { .. }), "{e}");
        assert!(e.to_string().contains("talk.mp3"), "{e}");
        let e = Decoder::open(&dir.path().join("gone.wav")).err().expect("refused");
        assert!(e.to_string().contains("gone.wav"), "{e}");
    }
}
