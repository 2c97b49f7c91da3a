use super::*;
use std::ffi::OsString;

fn names_in(dir: &Path) -> Vec<OsString> {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("list")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    names.sort();
    names
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("read")
}

#[test]
fn replaces_the_content_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a.txt");
    std::fs::write(&path, "old").expect("write");
    write_file(&path, b"new", false).expect("saves");
    assert_eq!(read(&path), "new");
    assert_eq!(names_in(dir.path()), [OsString::from("a.txt")]);
}

#[test]
fn a_missing_folder_fails_in_words_naming_the_users_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("missing").join("a.txt");
    let message = write_file(&path, b"new", false).expect_err("no folder").to_string();
    let folder = dir.path().join("missing");
    assert_eq!(
        message,
        format!("cannot save {}: No such folder: {}", path.display(), folder.display())
    );
    assert!(!folder.exists());
}

#[test]
fn a_folder_is_refused_and_nothing_is_left_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("taken");
    std::fs::create_dir(&target).expect("mkdir");
    std::fs::write(target.join("inside.txt"), "original").expect("write");
    let message = write_file(&target, b"new", true).expect_err("a folder").to_string();
    assert!(message.ends_with("it is a folder, not a file"), "{message}");
    assert_eq!(read(&target.join("inside.txt")), "original");
    assert_eq!(names_in(dir.path()), [OsString::from("taken")]);
}

#[test]
fn stale_temporaries_of_killed_saves_are_removed_and_nothing_else() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("talk.txt");
    let long_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    let make = |name: &str, old: bool| {
        let p = dir.path().join(name);
        std::fs::write(&p, "half a save").expect("write");
        if old {
            std::fs::File::options()
                .write(true)
                .open(&p)
                .and_then(|f| f.set_modified(long_ago))
                .expect("age");
        }
    };
    make(".talk.txt.Ab12Cd.transcript-editor.tmp", true);
    make(".other.json.Zz99Yy.transcript-editor.tmp", true);
    make(".talk.txt.Q1w2E3.tmp", true);
    // A save that may still be running, and files that are not ours.
    make(".talk.txt.Fresh1.transcript-editor.tmp", false);
    make(".talk.txt.swp", true);
    make(".backup.tmp", true);
    write_file(&path, b"saved", false).expect("saves");
    assert_eq!(
        names_in(dir.path()),
        [
            ".backup.tmp",
            ".talk.txt.Fresh1.transcript-editor.tmp",
            ".talk.txt.swp",
            "talk.txt"
        ]
        .map(OsString::from)
    );
}

#[cfg(unix)]
mod unix {
    use super::*;
    use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).expect("meta").permissions().mode() & 0o777
    }

    #[test]
    fn keeps_the_original_permissions() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write_file(&path, b"new", false).expect("saves");
        assert_eq!(mode(&path), 0o640);
    }

    #[test]
    fn a_new_file_is_not_private() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("new.txt");
        write_file(&path, b"x", false).expect("saves");
        // Whatever the umask is, the file must get the mode an ordinary program's new file gets.
        let ordinary = dir.path().join("ordinary.txt");
        std::fs::File::create(&ordinary).expect("create");
        assert_eq!(mode(&path), mode(&ordinary), "{:o}", mode(&path));
    }

    #[test]
    fn a_read_only_file_is_refused_unless_the_user_says_overwrite() {
        // The mode bits decide, also for root, whom the kernel would let write.
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("final.txt");
        std::fs::write(&path, "approved").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
        let refused = write_file(&path, b"changed", false).expect_err("read-only");
        assert!(matches!(refused, SaveError::ReadOnly { .. }), "{refused}");
        assert_eq!(read(&path), "approved");
        write_file(&path, b"changed", true).expect("overwrites when told to");
        assert_eq!(read(&path), "changed");
        assert_eq!(mode(&path), 0o444, "it stays read-only");
    }

    #[test]
    fn a_symbolic_link_stays_a_link_and_its_file_is_saved() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("real")).expect("mkdir");
        let real = dir.path().join("real").join("talk.txt");
        std::fs::write(&real, "old").expect("write");
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink("real/talk.txt", &link).expect("link");
        write_file(&link, b"new", false).expect("saves");
        assert!(std::fs::symlink_metadata(&link).expect("meta").file_type().is_symlink());
        assert_eq!(read(&real), "new");
        assert_eq!(names_in(dir.path()), ["link.txt", "real"].map(OsString::from));
        // A link to a file still to be made makes that file.
        let dangling = dir.path().join("later.txt");
        std::os::unix::fs::symlink("real/later.txt", &dangling).expect("link");
        write_file(&dangling, b"made", false).expect("saves");
        assert!(
            std::fs::symlink_metadata(&dangling)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(read(&dir.path().join("real/later.txt")), "made");
    }

    #[test]
    fn a_fifo_gets_the_bytes_and_stays_a_fifo() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).expect("reads the pipe"))
        };
        write_file(&fifo, b"Mia: Hallo.\n", false).expect("writes into the pipe");
        assert_eq!(reader.join().expect("reader"), "Mia: Hallo.\n");
        assert!(std::fs::metadata(&fifo).expect("meta").file_type().is_fifo());
    }

    #[test]
    fn dev_null_is_written_into_never_replaced() {
        write_file(Path::new("/dev/null"), b"gone", false).expect("writes into /dev/null");
        let meta = std::fs::metadata("/dev/null").expect("meta");
        assert!(meta.file_type().is_char_device(), "/dev/null is still the device");
    }

    #[test]
    fn owner_and_group_are_kept_where_the_process_may() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("shared.txt");
        std::fs::write(&path, "old").expect("write");
        let me = std::fs::metadata(&path).expect("meta");
        // As root (as CI runs), the file belongs to someone else first; otherwise it stays the user's own.
        let (uid, gid) = if me.uid() == 0 {
            (4321, 4322)
        } else {
            (me.uid(), me.gid())
        };
        std::os::unix::fs::chown(&path, Some(uid), Some(gid)).expect("chown");
        write_file(&path, b"new", false).expect("saves");
        let after = std::fs::metadata(&path).expect("meta");
        assert_eq!((after.uid(), after.gid()), (uid, gid));
        assert_eq!(read(&path), "new");
    }
}

#[test]
fn a_file_whose_name_is_as_long_as_names_may_be_is_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    // 251 bytes and ".txt": the longest name a Linux file system takes.
    let path = dir.path().join(format!("{}.txt", "é".repeat(125) + "a"));
    write_file(&path, b"Mia: Welkom.\n", false).expect("saves");
    assert_eq!(read(&path), "Mia: Welkom.\n");
    assert_eq!(names_in(dir.path()).len(), 1, "no temporary file left");
}
