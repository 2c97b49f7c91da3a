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
        let file = std::fs::File::open(path).map_err(io)?;
        let stream = MediaSourceStream::new(Box::new(file), Default::default());
        let mut hint = Hint::new();
        if let Some(ext) = path.extension().and_then(|e| e.to_str()) {
            hint.with_extension(ext);
        }
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
        let decoder = symphonia::default::get_codecs()
            .make(&params, &DecoderOptions::default())
            .map_err(|e| unsupported(e.to_string()))?;
        Ok(Self {
            path: path.to_path_buf(),
            track: track.id,
            sample_rate: params.sample_rate.unwrap_or(44_100),
            channels: params.channels.map_or(1, |c| c.count()).max(1),
            frames: params.n_frames,
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
        loop {
            let packet = match self.format.next_packet() {
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
            let decoded = match self.decoder.decode(&packet) {
                Ok(decoded) => decoded,
                // A damaged packet is skipped, as players do; the rest still plays.
                Err(SymphoniaError::DecodeError(_)) => continue,
                Err(e) => return Err(self.damaged(e)),
            };
            let spec = *decoded.spec();
            let mut buffer = SampleBuffer::<f32>::new(decoded.capacity() as u64, spec);
            buffer.copy_interleaved_ref(decoded);
            let samples = buffer.samples();
            let frames = (samples.len() / self.channels) as u64;
            let start = packet.ts();
            // After a seek, drop what comes before the requested frame.
            let skip = match self.skip_until {
                Some(until) if start + frames <= until => continue,
                Some(until) => until.saturating_sub(start),
                None => 0,
            };
            self.skip_until = None;
            self.block.clear();
            self.block.extend_from_slice(&samples[skip as usize * self.channels..]);
            self.position = start + frames;
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
