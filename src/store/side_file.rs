//! Reading the small files around the work: settings, places, recovery snapshots, rule files, filler lists,
//! glossaries and dictionaries. Only a regular file is opened (a named pipe would block the start until
//! something writes to it, a device may never end), only up to what such a file can sensibly be, and text
//! is UTF-8 with or without the byte order mark Notepad writes. Each refusal names the file and says why.

use std::path::{Path, PathBuf};

/// The most each kind of side file may hold: generous for what people keep in them, small beside memory.
pub mod limits {
    pub const SETTINGS: u64 = 1 << 20;
    pub const PLACES: u64 = 4 << 20;
    pub const RULES: u64 = 16 << 20;
    pub const FILLERS: u64 = 1 << 20;
    pub const GLOSSARY: u64 = 16 << 20;
    /// The largest Hunspell dictionaries (Hungarian, with its affixes) are some tens of megabytes.
    pub const DICTIONARY: u64 = 256 << 20;
}

#[derive(Debug, thiserror::Error)]
pub enum SideFileError {
    #[error("{path}: cannot read the {what}: {source}")]
    Io {
        path: PathBuf,
        what: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: the {what} is {kind}, not a file; give a file")]
    NotAFile {
        path: PathBuf,
        what: &'static str,
        kind: &'static str,
    },
    #[error("{path}: the {what} is larger than {limit} MB, more than a {what} can sensibly be")]
    TooLarge {
        path: PathBuf,
        what: &'static str,
        limit: u64,
    },
    #[error("{path}:{line}:{column}: the {what} is not UTF-8 text here; save it as UTF-8")]
    NotUtf8 {
        path: PathBuf,
        what: &'static str,
        line: usize,
        column: usize,
    },
}

impl SideFileError {
    /// Whether the file is simply not there (most side files are optional).
    pub fn is_missing(&self) -> bool {
        matches!(self, Self::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound)
    }
}

/// What a path that is not a regular file is, in words.
pub fn kind_of(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_block_device() || t.is_char_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// The bytes of the side file `path` (a `what`: "settings", "rule file"), if it is a regular file of at
/// most `limit` bytes.
pub fn read(path: &Path, what: &'static str, limit: u64) -> Result<Vec<u8>, SideFileError> {
    let io = |source| SideFileError::Io {
        path: path.to_path_buf(),
        what,
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if let Some(kind) = kind_of(&meta) {
        return Err(SideFileError::NotAFile {
            path: path.to_path_buf(),
            what,
            kind,
        });
    }
    let too_large = || SideFileError::TooLarge {
        path: path.to_path_buf(),
        what,
        limit: limit >> 20,
    };
    if meta.len() > limit {
        return Err(too_large());
    }
    // The file may grow between the look and the read: what is read is counted too.
    let file = std::fs::File::open(path).map_err(io)?;
    super::read_at_most(file, limit).map_err(io)?.ok_or_else(too_large)
}

/// The side file's text: UTF-8, a leading byte order mark dropped.
pub fn read_text(path: &Path, what: &'static str, limit: u64) -> Result<String, SideFileError> {
    text(path, what, read(path, what, limit)?)
}

/// `bytes` of the side file `path` as text: UTF-8, a leading byte order mark dropped; where it is not
/// UTF-8, the line and column say where.
pub fn text(path: &Path, what: &'static str, mut bytes: Vec<u8>) -> Result<String, SideFileError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        SideFileError::NotUtf8 {
            path: path.to_path_buf(),
            what,
            line,
            column,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_side_file_is_read_as_text_without_its_byte_order_mark() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("rules.txt");
        std::fs::write(&path, "\u{FEFF}eerste => first\n").expect("write");
        assert_eq!(read_text(&path, "rule file", 100).expect("reads"), "eerste => first\n");
    }

    #[test]
    fn bad_text_is_named_by_line_and_column() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("fillers.txt");
        std::fs::write(&path, b"eh\nuhm \xE9h\n").expect("write");
        let e = read_text(&path, "filler list", 100).expect_err("not UTF-8");
        assert_eq!(
            e.to_string(),
            format!(
                "{}:2:5: the filler list is not UTF-8 text here; save it as UTF-8",
                path.display()
            )
        );
    }

    #[test]
    fn folders_pipes_devices_and_large_files_are_refused_with_their_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let e = read(dir.path(), "glossary", 100).expect_err("a folder");
        assert!(
            e.to_string()
                .ends_with("the glossary is a folder, not a file; give a file"),
            "{e}"
        );
        #[cfg(unix)]
        {
            let e = read(Path::new("/dev/zero"), "rule file", 100).expect_err("a device");
            assert_eq!(
                e.to_string(),
                "/dev/zero: the rule file is a device, not a file; give a file"
            );
            let fifo = dir.path().join("pipe");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                // Refused without opening it: opening a pipe nobody writes to would wait for ever.
                let e = read(&fifo, "settings", 100).expect_err("a pipe");
                assert!(e.to_string().contains("is a named pipe (FIFO), not a file"), "{e}");
            }
        }
        let big = dir.path().join("big.txt");
        std::fs::write(&big, vec![b'a'; 3 << 20]).expect("write");
        let e = read(&big, "filler list", limits::FILLERS).expect_err("too large");
        assert!(
            e.to_string()
                .ends_with("the filler list is larger than 1 MB, more than a filler list can sensibly be"),
            "{e}"
        );
        let missing = read(&dir.path().join("none"), "glossary", 100).expect_err("missing");
        assert!(missing.is_missing());
    }
}
