//! Recordings: finding the one that belongs to a transcript, decoding it as a stream (never all of it into
//! memory), a compact peak summary for the waveform, speed with the pitch kept, the playback clock, and
//! playing through the system's default output (`output.rs`): a feeding thread (`feed.rs`) decodes into a
//! lock-free ring buffer that the audio callback only copies from. No egui: the window's player bar is
//! `app/player/`.

mod clock;
mod decode;
pub mod feed;
mod mp4_check;
mod output;
mod peaks;
pub mod stretch;

pub use clock::PlaybackClock;
pub use decode::Decoder;
pub use output::{PlayError, Playing};
pub use peaks::Peaks;

use std::path::{Path, PathBuf};

/// The extensions of the recordings the editor plays, lower case.
pub const AUDIO_EXTENSIONS: &[&str] = &["wav", "mp3", "flac", "ogg", "oga", "m4a", "aac", "mp4"];

/// Why a recording cannot be played, with the file it concerns.
#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    #[error("{path}: cannot read the recording: {reason}")]
    Io { path: PathBuf, reason: String },
    #[error(
        "{path}: this is not a recording the editor can play ({reason}); WAV, MP3, FLAC, Ogg Vorbis and AAC/M4A are"
    )]
    Unsupported { path: PathBuf, reason: String },
    #[error("{path}: the recording is damaged at {at:.1} s: {reason}")]
    Damaged { path: PathBuf, at: f64, reason: String },
}

/// The recording of a transcript: its JSON `media` field (relative to the transcript's folder, or
/// absolute) when the file is there, else a file beside the transcript with the same name and an audio
/// extension (`podcast.txt` and `podcast.mp3`).
pub fn find_recording(transcript: &Path, media_field: Option<&str>) -> Option<PathBuf> {
    let folder = transcript.parent().unwrap_or(Path::new("."));
    if let Some(media) = media_field.filter(|m| !m.trim().is_empty()) {
        let linked = folder.join(media);
        if linked.is_file() {
            return Some(linked);
        }
    }
    let stem = transcript.file_stem()?;
    AUDIO_EXTENSIONS.iter().find_map(|ext| {
        let mut name = stem.to_os_string();
        name.push(".");
        name.push(ext);
        let beside = folder.join(name);
        beside.is_file().then_some(beside)
    })
}

/// The `media` field to save for a recording: relative to the transcript's folder where the recording is in
/// it or below it, else the absolute path.
pub fn media_field(transcript: &Path, recording: &Path) -> String {
    let folder = transcript.parent().unwrap_or(Path::new("."));
    match recording.strip_prefix(folder) {
        Ok(relative) if !relative.as_os_str().is_empty() => relative.to_string_lossy().replace('\\', "/"),
        _ => recording.display().to_string(),
    }
}

#[cfg(any(test, feature = "testing"))]
pub mod wav;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recording_is_found_by_its_link_or_beside_the_transcript() {
        let dir = tempfile::tempdir().expect("tempdir");
        let transcript = dir.path().join("podcast.json");
        std::fs::write(&transcript, "{}").expect("write");
        assert_eq!(find_recording(&transcript, None), None);
        let beside = dir.path().join("podcast.mp3");
        std::fs::write(&beside, "x").expect("write");
        assert_eq!(find_recording(&transcript, None), Some(beside.clone()));
        std::fs::create_dir(dir.path().join("audio")).expect("mkdir");
        let linked = dir.path().join("audio").join("take 2.wav");
        std::fs::write(&linked, "x").expect("write");
        assert_eq!(
            find_recording(&transcript, Some("audio/take 2.wav")),
            Some(linked.clone())
        );
        // A link to a recording that moved: the one beside the transcript, if any.
        assert_eq!(find_recording(&transcript, Some("gone.wav")), Some(beside));
        assert_eq!(media_field(&transcript, &linked), "audio/take 2.wav");
        assert_eq!(
            media_field(&transcript, Path::new("/elsewhere/a.wav")),
            "/elsewhere/a.wav"
        );
    }
}
