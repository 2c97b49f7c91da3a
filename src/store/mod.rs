//! Everything that touches the disk: opening and atomically saving documents, and the user's settings and
//! recent files in the platform's folders.

mod atomic;
mod places;
pub mod recovery;
mod settings;
pub mod side_file;

pub use atomic::{write_atomically, write_file, write_with};
pub use places::Places;
pub use settings::{RecentFiles, Settings, Theme, config_dir};

use crate::formats::{self, Format, Loaded, ParseError};
use std::path::{Path, PathBuf};

/// Why a file could not be opened, with the path it concerns.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The operating system's reason is in the message itself, so it is not a `source` as well (a report
    /// of the error's chain would say it twice).
    #[error("{path}: cannot read the file: {}", reading_in_words(.reason))]
    Io { path: PathBuf, reason: std::io::Error },
    #[error("{path}:{}:{}: {}", .error.line, .error.column, .error.message)]
    Parse { path: PathBuf, error: ParseError },
    #[error(
        "{path}: the file is larger than {limit} bytes, the largest transcript this editor opens ({size} bytes or more were found)"
    )]
    TooLarge { path: PathBuf, size: u64, limit: u64 },
}

/// The file's full path as a user writes it, links followed: `/home/mia/a.txt`, `C:\Users\Mia\a.txt`
/// (not Windows' `\\?\C:\…`, which the system gives back but people and many programs do not read).
pub fn full_path(path: &Path) -> PathBuf {
    let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    without_verbatim_prefix(&full)
}

/// `\\?\C:\a` is `C:\a` and `\\?\UNC\server\share` is `\\server\share`; other paths are as they are.
fn without_verbatim_prefix(path: &Path) -> PathBuf {
    let Some(text) = path.to_str() else {
        return path.to_path_buf();
    };
    if let Some(share) = text.strip_prefix(r"\\?\UNC\") {
        return PathBuf::from(format!(r"\\{share}"));
    }
    match text.strip_prefix(r"\\?\") {
        // A drive letter, a colon and a backslash: an ordinary path with the prefix.
        Some(rest)
            if rest.as_bytes().get(1) == Some(&b':')
                && rest.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) =>
        {
            PathBuf::from(rest)
        }
        _ => path.to_path_buf(),
    }
}

/// Why a file could not be read, in the same words on every system (the operating system's own text, where
/// used, without its "(os error 2)").
fn reading_in_words(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "there is no such file".to_string(),
        K::PermissionDenied => "permission denied: you may not read it".to_string(),
        K::IsADirectory => "it is a folder, not a file".to_string(),
        // Windows: another program has it open and lets no one else read it.
        _ if atomic::is_locked(e) => {
            "it is open in another program, which keeps it locked; close it there and open it again".to_string()
        }
        _ => atomic::system_text(e),
    }
}

/// Why a file could not be saved. The original file is untouched in every case.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The operating system's reason, in words ("No such folder: /a/b").
    #[error("cannot save {path}: {reason}")]
    Io { path: PathBuf, reason: String },
    /// The file's permissions do not allow writing, and the user has not said to overwrite it.
    #[error("{path} is read-only (its permissions do not allow writing); it was not changed")]
    ReadOnly { path: PathBuf },
    #[error("{path}: cannot save as {format}: {message}")]
    Format {
        path: PathBuf,
        format: &'static str,
        message: String,
    },
}

/// What a file looked like on disk, to notice when another program changes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiskStamp {
    pub modified: Option<std::time::SystemTime>,
    pub len: u64,
}

/// The file's stamp now; `None` when it does not exist or cannot be read.
pub fn stamp(path: &Path) -> Option<DiskStamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some(DiskStamp {
        modified: meta.modified().ok(),
        len: meta.len(),
    })
}

/// Files larger than this are refused before reading: no transcript is this large, and reading one would
/// take the memory of several times its size.
pub const MAX_FILE_SIZE: u64 = 1 << 30;

/// A document read from disk, with the format and encoding it was read with.
pub struct Opened {
    pub loaded: Loaded,
    pub format: &'static dyn Format,
}

/// Reads and parses a file; the format comes from `format` or else from the extension and content.
pub fn open(path: &Path, format: Option<&'static dyn Format>) -> Result<Opened, OpenError> {
    open_keeping_bytes(path, format).map(|(opened, _)| opened)
}

/// [`open`], also giving back the bytes that were read (to write them back untouched when nothing changed).
pub fn open_keeping_bytes(path: &Path, format: Option<&'static dyn Format>) -> Result<(Opened, Vec<u8>), OpenError> {
    let io = |reason| OpenError::Io {
        path: path.to_path_buf(),
        reason,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    let too_large = |size| OpenError::TooLarge {
        path: path.to_path_buf(),
        size,
        limit: MAX_FILE_SIZE,
    };
    if size > MAX_FILE_SIZE {
        return Err(too_large(size));
    }
    // A device or a pipe says it is empty and may never end (`/dev/zero`): what is read is counted too.
    let file = std::fs::File::open(path).map_err(io)?;
    let bytes = read_at_most(file, MAX_FILE_SIZE)
        .map_err(io)?
        .ok_or_else(|| too_large(MAX_FILE_SIZE + 1))?;
    let opened = read_bytes(&bytes, Some(path), format).map_err(|error| OpenError::Parse {
        path: path.to_path_buf(),
        error,
    })?;
    Ok((opened, bytes))
}

/// Reads all of `source`, or `None` as soon as it holds more than `limit` bytes: a file that says nothing
/// of its size (standard input, a device, a pipe) cannot make the editor take all the memory there is.
pub fn read_at_most(source: impl std::io::Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    source.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Parses bytes from anywhere (a file, standard input).
pub fn read_bytes(
    bytes: &[u8],
    path: Option<&Path>,
    format: Option<&'static dyn Format>,
) -> Result<Opened, ParseError> {
    let guessed = format.is_none() && formats::is_guessed(path);
    let format = format.unwrap_or_else(|| formats::detect(path, bytes));
    let read = format.read(bytes);
    // A file nothing names, that only plain text reads or that the reader its content suggested fails on,
    // is refused when it looks like a format the editor does not read: never shown as garbage.
    let doubtful = read.is_err() || format.name() == "text";
    if guessed
        && doubtful
        && let Some(refused) = formats::refusal(path, bytes)
    {
        return Err(refused);
    }
    let mut loaded = read?;
    // Lines are written back as they ended in the file (plain text notes this itself, and more).
    loaded.transcript.layout.crlf |= formats::ends_lines_with_crlf(bytes);
    Ok(Opened { loaded, format })
}

/// Writes `transcript` to `path` in `format`, atomically (see [`write_file`]). `overwrite_read_only`: the
/// user agreed to replace a file whose permissions do not allow writing.
pub fn save(
    path: &Path,
    format: &'static dyn Format,
    transcript: &crate::model::Transcript,
    overwrite_read_only: bool,
) -> Result<(), SaveError> {
    // The format writes into the file as it goes; a transcript it cannot hold is found before anything
    // is written, and leaves the file as it was.
    let mut refused = None;
    let written = write_with(
        path,
        &mut |out| {
            format.write_to(transcript, out).map_err(|e| match e {
                crate::formats::WriteTo::Refused(e) => {
                    refused = Some(e);
                    std::io::Error::other("refused")
                }
                crate::formats::WriteTo::Io(e) => e,
            })
        },
        overwrite_read_only,
    );
    match refused {
        Some(e) => Err(SaveError::Format {
            path: path.to_path_buf(),
            format: format.title(),
            message: e.0,
        }),
        None => written,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_verbatim_paths_are_written_as_users_write_them() {
        for (given, expected) in [
            (r"\\?\C:\Users\Mia\interview.srt", r"C:\Users\Mia\interview.srt"),
            (r"\\?\UNC\server\share\a.vtt", r"\\server\share\a.vtt"),
            (r"\\?\Volume{0b1c}\a.vtt", r"\\?\Volume{0b1c}\a.vtt"),
            ("/home/mia/interview.srt", "/home/mia/interview.srt"),
        ] {
            assert_eq!(
                without_verbatim_prefix(Path::new(given)),
                PathBuf::from(expected),
                "{given}"
            );
        }
    }

    #[test]
    fn a_save_that_stops_halfway_leaves_the_file_as_it_was() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("talk.srt");
        std::fs::write(&path, "the original").expect("original");
        // A transcript SRT cannot hold: refused before anything is written, named as the format's refusal.
        let mut t = crate::model::Transcript::new();
        t.push_turn(None, "no times");
        let e = save(&path, &crate::formats::srt::Srt, &t, false).expect_err("refused");
        assert!(matches!(e, SaveError::Format { .. }), "{e}");
        // A writer that fails after writing part of the file.
        let e = write_with(
            &path,
            &mut |out| {
                out.write_all(b"half of ")?;
                Err(std::io::Error::other("the disk is full"))
            },
            false,
        )
        .expect_err("fails");
        assert!(e.to_string().to_lowercase().contains("the disk is full"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).expect("reads"), "the original");
        assert_eq!(
            std::fs::read_dir(dir.path()).expect("lists").count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn reading_stops_past_the_limit() {
        assert_eq!(read_at_most(&b"12345"[..], 5).expect("reads"), Some(b"12345".to_vec()));
        assert_eq!(read_at_most(&b"123456"[..], 5).expect("reads"), None);
        // An endless source (as /dev/zero is) ends as soon as the limit is passed.
        assert_eq!(read_at_most(std::io::repeat(0), 1000).expect("reads"), None);
    }

    #[cfg(unix)]
    #[test]
    fn an_endless_device_is_refused_not_read_to_the_end() {
        // /dev/zero never ends and says it is empty: only the counting stops it. The limit here is the real
        // one, so this reads 1 GiB; it takes a second.
        match open(Path::new("/dev/zero"), None) {
            Err(e @ OpenError::TooLarge { .. }) => assert!(e.to_string().contains("/dev/zero"), "{e}"),
            Err(other) => panic!("{other}"),
            Ok(_) => panic!("/dev/zero was read as a transcript"),
        }
    }
}
