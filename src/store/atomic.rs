//! Saving without ever leaving a half-written file: write a temporary file beside the target, flush it to
//! the disk, then rename it over the target. A rename within one folder is atomic, so the target is either
//! the old file or the new one, whatever happens in between.

use std::io::Write;
use std::path::Path;

pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("transcript");
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A new file gets the permissions any program would give it (0666 less the umask), not the private
    // mode of a temporary file; a replaced file keeps its own (below).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(folder)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // Keep the permissions of the file being replaced (a temporary file is created private).
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    sync_folder(folder);
    Ok(())
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
mod tests {
    use super::*;

    #[test]
    fn replaces_the_content_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old").expect("write");
        write_atomically(&path, b"new").expect("saves");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, [std::ffi::OsString::from("a.txt")]);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_original_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write_atomically(&path, b"new").expect("saves");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_is_not_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("new.txt");
        write_atomically(&path, b"x").expect("saves");
        // Whatever the umask is, the file must get the mode an ordinary program's new file gets.
        let ordinary = dir.path().join("ordinary.txt");
        std::fs::File::create(&ordinary).expect("create");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&path), mode(&ordinary), "{:o}", mode(&path));
    }

    #[test]
    fn a_missing_folder_fails_and_creates_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("missing").join("a.txt");
        assert!(write_atomically(&path, b"new").is_err());
        assert!(!dir.path().join("missing").exists());
    }

    #[test]
    fn a_failed_rename_keeps_the_target_and_cleans_up() {
        // Renaming a file over a folder fails on every platform, also for root (who may write anywhere),
        // so this exercises the last step failing after the data was written.
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("taken");
        std::fs::create_dir(&target).expect("mkdir");
        std::fs::write(target.join("inside.txt"), "original").expect("write");
        assert!(write_atomically(&target, b"new").is_err());
        assert_eq!(
            std::fs::read_to_string(target.join("inside.txt")).expect("read"),
            "original"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(
            names,
            [std::ffi::OsString::from("taken")],
            "no temporary file is left behind"
        );
    }
}
