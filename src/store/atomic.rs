//! Saving without ever leaving a half-written file, and with respect for what is written over.
//!
//! A regular file is replaced atomically: a temporary file beside it is written, flushed to the disk, given
//! the old file's mode, owner and group, and renamed over it. A rename within one folder is atomic, so the
//! file is either the old one or the new one, whatever happens in between. A symbolic link is followed: the
//! file it points to is replaced (beside that file) and the link stays a link. A device or a FIFO is never
//! replaced: the bytes are written into it (a reader of a FIFO gets them, `/dev/null` swallows them); a
//! disk device, a socket or a folder is refused. A file without write permission is refused unless the
//! user said to overwrite it (as root the kernel would allow it, so the mode bits are checked here).

use super::SaveError;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The end of every temporary file's name, so that stale ones (a save killed mid-write) can be told from
/// other programs' files and removed.
const TEMP_SUFFIX: &str = ".transcript-editor.tmp";

/// A temporary file of ours older than this was left by a save that never finished.
const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// Writes `bytes` to `path` as described above. `overwrite_read_only`: the user agreed to replace a file
/// whose permissions do not allow writing.
pub fn write_file(path: &Path, bytes: &[u8], overwrite_read_only: bool) -> Result<(), SaveError> {
    write_with(path, &mut |out| out.write_all(bytes), overwrite_read_only)
}

/// What [`write_file`] does, with the content written by `write` as it goes (a large transcript need not
/// be held in memory as bytes first). An error from `write` leaves what was there as it was.
pub fn write_with(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    overwrite_read_only: bool,
) -> Result<(), SaveError> {
    let fail = |reason: String| SaveError::Io {
        path: path.to_path_buf(),
        reason,
    };
    let target = follow_links(path).map_err(|e| fail(in_words(&e, path)))?;
    match std::fs::metadata(&target) {
        Ok(meta) => {
            if let Some(refusal) = refusal(&meta) {
                return Err(fail(refusal.to_string()));
            }
            if is_device_or_fifo(&meta) {
                return write_into(&target, write).map_err(|e| fail(in_words(&e, &target)));
            }
            if is_read_only(&meta) && !overwrite_read_only {
                return Err(SaveError::ReadOnly {
                    path: path.to_path_buf(),
                });
            }
            replace(&target, write, Some(&meta)).map_err(|e| fail(in_words(&e, &target)))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            replace(&target, write, None).map_err(|e| fail(in_words(&e, &target)))
        }
        Err(e) => Err(fail(in_words(&e, &target))),
    }
}

/// For the editor's own files (settings, recovery snapshots): the same atomic replacement, as an I/O result.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_file(path, bytes, true).map_err(|e| std::io::Error::other(e.to_string()))
}

/// The file a path names once symbolic links are followed; it may not exist yet (a link to a file still to
/// be made).
fn follow_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let points_to = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(folder) if points_to.is_relative() => folder.join(points_to),
                    _ => points_to,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// Why nothing may be written at all to what the path names, if so.
fn refusal(meta: &std::fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_dir() {
        return Some("it is a folder, not a file");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_block_device() {
            return Some("it is a disk device; the editor does not write onto disks");
        }
        if kind.is_socket() {
            return Some("it is a socket, not a file");
        }
    }
    None
}

fn is_device_or_fifo(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        kind.is_char_device() || kind.is_fifo()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

/// Whether no one may write the file by its mode bits (root may, but should not unasked).
fn is_read_only(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o222 == 0
    }
    #[cfg(not(unix))]
    {
        meta.permissions().readonly()
    }
}

/// Writes into a device or FIFO as it is: no temporary file, no rename.
fn write_into(target: &Path, write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>) -> std::io::Result<()> {
    let mut node = std::io::BufWriter::new(std::fs::OpenOptions::new().write(true).open(target)?);
    write(&mut node)?;
    node.flush()
}

fn replace(
    target: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    old: Option<&std::fs::Metadata>,
) -> std::io::Result<()> {
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("transcript");
    remove_stale_temporaries(folder, name);
    // The temporary name is the file's, shortened, so that it fits where the file's own name just fits
    // (names of up to 255 bytes).
    let mut short = name.len().min(64);
    while !name.is_char_boundary(short) {
        short -= 1;
    }
    let prefix = format!(".{}.", &name[..short]);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    // A new file gets the permissions any program would give it (0666 less the umask), not the private
    // mode of a temporary file; a replaced file keeps its own (below).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(folder)?;
    // An error here drops the temporary file, which removes it.
    let mut buffered = std::io::BufWriter::new(tmp);
    write(&mut buffered)?;
    let tmp = buffered.into_inner().map_err(std::io::IntoInnerError::into_error)?;
    tmp.as_file().sync_all()?;
    if let Some(old) = old {
        keep_owner(tmp.as_file(), old);
        tmp.as_file().set_permissions(old.permissions())?;
    }
    persist(tmp, target, old)?;
    sync_folder(folder);
    Ok(())
}

/// Moves the temporary file over the target (a rename: atomic within the folder).
#[cfg(not(windows))]
fn persist(tmp: tempfile::NamedTempFile, target: &Path, _old: Option<&std::fs::Metadata>) -> std::io::Result<()> {
    tmp.persist(target).map(drop).map_err(|e| e.error)
}

/// Windows replaces a file by MoveFileEx (tempfile's persist), which refuses a read-only target: the user
/// agreed to overwrite it (read-only files are refused before this otherwise), so the flag is taken off for
/// the move and put back afterwards, on the new file or, when the move failed, the old one (persist gives
/// the moved file normal attributes). A file another program holds open cannot be replaced; Windows says
/// "access denied", which would send the user looking at the folder's permissions, so the lock is named.
#[cfg(windows)]
fn persist(tmp: tempfile::NamedTempFile, target: &Path, old: Option<&std::fs::Metadata>) -> std::io::Result<()> {
    let read_only = old.is_some_and(|m| m.permissions().readonly()) && set_read_only(target, false).is_ok();
    let moved = tmp.persist(target).map(drop).map_err(|e| e.error);
    if read_only {
        let _ = set_read_only(target, true);
    }
    moved.map_err(|e| {
        if locked_by_another_program(target) {
            std::io::Error::from_raw_os_error(ERROR_SHARING_VIOLATION)
        } else {
            e
        }
    })
}

#[cfg(windows)]
const ERROR_SHARING_VIOLATION: i32 = 32;

/// Whether another program has the file open without letting others delete or rename it (as Word and
/// Excel keep the files they show): asking for the right to delete it, sharing everything, is then refused
/// with a sharing violation.
#[cfg(windows)]
fn locked_by_another_program(path: &Path) -> bool {
    use std::os::windows::fs::OpenOptionsExt;
    const DELETE: u32 = 0x0001_0000;
    const SHARE_READ_WRITE_DELETE: u32 = 0x7;
    match std::fs::OpenOptions::new()
        .access_mode(DELETE)
        .share_mode(SHARE_READ_WRITE_DELETE)
        .open(path)
    {
        Ok(_) => false,
        Err(e) => e.raw_os_error() == Some(ERROR_SHARING_VIOLATION),
    }
}

#[cfg(windows)]
fn set_read_only(path: &Path, read_only: bool) -> std::io::Result<()> {
    let mut permissions = std::fs::metadata(path)?.permissions();
    permissions.set_readonly(read_only);
    std::fs::set_permissions(path, permissions)
}

/// Gives the new file the old one's owner and group, where the process may (root may; others may keep
/// their own group). Best effort: a file one may replace but not give away is still saved.
fn keep_owner(file: &std::fs::File, old: &std::fs::Metadata) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    }
    #[cfg(not(unix))]
    let _ = (file, old);
}

/// Removes temporary files of earlier saves into `folder` that were killed before they finished: ours by
/// their name, and old enough that no save can still be writing them. Older versions named them
/// `.NAME.XXXXXX.tmp`; those are removed for the file being saved.
fn remove_stale_temporaries(folder: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    let old_prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else { continue };
        let ours = file_name.starts_with('.') && file_name.ends_with(TEMP_SUFFIX);
        let older_version = file_name
            .strip_prefix(&old_prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .is_some_and(|random| random.len() == 6 && random.chars().all(|c| c.is_ascii_alphanumeric()));
        if !(ours || older_version) {
            continue;
        }
        let stale = entry
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The operating system's reason, once and in words, about the file at `path`: "No such folder: /a/b".
pub(crate) fn in_words(e: &std::io::Error, path: &Path) -> String {
    use std::io::ErrorKind as K;
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match e.kind() {
        K::NotFound => format!("No such folder: {}", folder.display()),
        K::PermissionDenied => format!("Permission denied: you may not write in {}", folder.display()),
        K::ReadOnlyFilesystem => format!("The disk that holds {} is read-only", folder.display()),
        K::StorageFull => "The disk is full".to_string(),
        K::QuotaExceeded => "Your disk quota is used up".to_string(),
        K::IsADirectory => "It is a folder, not a file".to_string(),
        K::NotADirectory => format!("{} is not a folder", folder.display()),
        K::FileTooLarge => "The file is too large for this disk".to_string(),
        _ if is_locked(e) => {
            "It is open in another program, which keeps it locked; close it there (or save under another name) and save again".to_string()
        }
        _ => {
            let text = system_text(e);
            let mut chars = text.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
    }
}

/// Windows: another program has the file open and does not let others have it (Word, Excel, a media
/// player, a backup or virus scanner): ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
pub(crate) fn is_locked(e: &std::io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33))
}

/// The operating system's text for an error, without its number: "Broken pipe (os error 32)" is
/// "Broken pipe".
pub(crate) fn system_text(e: &std::io::Error) -> String {
    let text = match e.raw_os_error() {
        Some(code) => std::io::Error::from_raw_os_error(code).to_string(),
        None => e.to_string(),
    };
    match text.rfind(" (os error ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Makes the rename itself durable. Best effort: not every platform or file system can sync a folder.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests;
