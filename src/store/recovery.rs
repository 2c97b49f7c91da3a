//! Recovery snapshots: while a document has unsaved changes, a copy is written (atomically) into the user's
//! state folder, so a crash, a killed process or a power cut loses at most a couple of seconds of work.
//! A snapshot is the transcript in the JSON format inside a small envelope that says which file it belongs
//! to and when it was taken.

use crate::formats::{self, Format, json};
use crate::model::Transcript;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// Overrides the state folder (tests, portable installs).
pub const STATE_DIR_VAR: &str = "TRANSCRIPT_EDITOR_STATE_DIR";

/// The folder that holds recovery snapshots: `~/.local/state/transcript-editor/recovery` on Linux, the
/// local data folder elsewhere.
pub fn recovery_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(STATE_DIR_VAR) {
        return Some(PathBuf::from(dir).join("recovery"));
    }
    let dirs = directories::ProjectDirs::from("org", "transcript-editor", "transcript-editor")?;
    let base = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
    Some(base.join("recovery"))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Envelope {
    /// Version of this envelope.
    recovery: u32,
    /// The file the document belongs to; `None` for a document never saved.
    file: Option<PathBuf>,
    /// The format the file is saved in (`text`, `json`).
    format: String,
    /// Seconds since 1970 when the snapshot was taken.
    taken: u64,
    /// The transcript in the JSON format.
    transcript: serde_json::Value,
}

/// A snapshot found on disk.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Where the snapshot itself is.
    pub path: PathBuf,
    pub file: Option<PathBuf>,
    pub format: &'static dyn Format,
    pub taken: SystemTime,
    pub transcript: Transcript,
}

/// A snapshot that could not be read; it has been moved aside into `corrupt/`.
#[derive(Debug, Clone)]
pub struct Unreadable {
    pub moved_to: PathBuf,
    pub reason: String,
}

/// The snapshot file name for a document: stable for a saved file (so a new snapshot replaces the old one),
/// unique for an untitled one.
pub fn snapshot_name(file: Option<&Path>, untitled_id: u64) -> String {
    match file {
        Some(path) => {
            // FNV-1a: stable across runs and platforms, unlike the standard library's hasher.
            let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
            for byte in path.to_string_lossy().bytes() {
                hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
            }
            let stem = path.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
            let stem: String = stem
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
                .take(40)
                .collect();
            format!("{stem}-{hash:016x}.json")
        }
        None => format!("untitled-{}-{untitled_id}.json", std::process::id()),
    }
}

/// Writes a snapshot atomically; returns its path.
pub fn write_snapshot(
    dir: &Path,
    name: &str,
    file: Option<&Path>,
    format: &dyn Format,
    t: &Transcript,
) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let transcript: serde_json::Value = serde_json::from_slice(&json::render(t))
        .map_err(|e| std::io::Error::other(format!("cannot encode the snapshot: {e}")))?;
    let envelope = Envelope {
        recovery: 1,
        file: file.map(Path::to_path_buf),
        format: format.name().to_string(),
        taken: SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()),
        transcript,
    };
    let bytes = serde_json::to_vec(&envelope).map_err(std::io::Error::other)?;
    let path = dir.join(name);
    super::write_atomically(&path, &bytes)?;
    Ok(path)
}

/// Every snapshot in `dir` that is worth offering: newer than its file (or its file is gone, or it never had
/// one). Older ones are removed; unreadable ones are moved into `dir/corrupt` and reported.
pub fn scan(dir: &Path) -> (Vec<Snapshot>, Vec<Unreadable>) {
    let mut found = Vec::new();
    let mut unreadable = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (found, unreadable);
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json") && p.is_file())
        .collect();
    paths.sort();
    for path in paths {
        match read_snapshot(&path) {
            Ok(snapshot) => {
                let file_time = snapshot
                    .file
                    .as_ref()
                    .and_then(|f| std::fs::metadata(f).ok()?.modified().ok());
                match file_time {
                    Some(saved) if saved > snapshot.taken => {
                        // The file was saved after the snapshot: nothing to recover.
                        let _ = std::fs::remove_file(&path);
                    }
                    _ => found.push(snapshot),
                }
            }
            Err(reason) => {
                let aside = dir.join("corrupt");
                let moved_to = aside.join(path.file_name().unwrap_or_default());
                let _ = std::fs::create_dir_all(&aside).and_then(|_| std::fs::rename(&path, &moved_to));
                unreadable.push(Unreadable { moved_to, reason });
            }
        }
    }
    (found, unreadable)
}

fn read_snapshot(path: &Path) -> Result<Snapshot, String> {
    let bytes = super::side_file::read(path, "recovery snapshot", super::MAX_FILE_SIZE).map_err(|e| e.to_string())?;
    let envelope: Envelope = serde_json::from_slice(&bytes).map_err(|e| format!("not a recovery snapshot: {e}"))?;
    if envelope.recovery != 1 {
        return Err(format!(
            "recovery snapshot version {} is not known to this editor",
            envelope.recovery
        ));
    }
    let text = serde_json::to_string(&envelope.transcript).map_err(|e| e.to_string())?;
    let transcript = json::parse(&text).map_err(|e| format!("the transcript inside is damaged: {e}"))?;
    Ok(Snapshot {
        path: path.to_path_buf(),
        file: envelope.file,
        format: formats::by_name(&envelope.format).unwrap_or(&json::Json),
        taken: UNIX_EPOCH + std::time::Duration::from_secs(envelope.taken),
        transcript,
    })
}

/// Deletes a snapshot the user chose not to restore. A snapshot already gone is not an error.
pub fn discard(snapshot: &Snapshot) -> std::io::Result<()> {
    match std::fs::remove_file(&snapshot.path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// How the snapshot compares with the file it belongs to, in words for the start dialog: "3 turns' times
/// differ from the saved file", or why there is nothing to compare with. Reads the saved file.
pub fn compare_with_saved(snapshot: &Snapshot) -> String {
    let Some(file) = &snapshot.file else {
        return "never saved".to_string();
    };
    // The file it names may be anything now; a named pipe would block the start until written to.
    if let Some(kind) = std::fs::metadata(file).ok().and_then(|m| super::side_file::kind_of(&m)) {
        return format!("the saved file is now {kind}");
    }
    match super::open(file, Some(snapshot.format)) {
        Ok(saved) => Differences::between(&saved.loaded.transcript, &snapshot.transcript).describe(),
        Err(_) if !file.exists() => "the saved file is gone".to_string(),
        Err(e) => format!("the saved file cannot be read ({e})"),
    }
}

/// What differs between a saved transcript and a later one, kind by kind: a user deciding whether to keep
/// a snapshot must see every change, not only changed text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Differences {
    /// Turns in both whose text differs.
    pub text: usize,
    pub speaker: usize,
    pub times: usize,
    pub words: usize,
    pub review: usize,
    /// Turns found at another place.
    pub moved: usize,
    pub added: usize,
    pub removed: usize,
    /// The title, language, recording link or the speakers' list.
    pub details: bool,
}

impl Differences {
    /// Matches the turns of `saved` and `now` by their texts (a word-level diff of the turn lists), then
    /// compares each pair; turns found in both lists at other places count as moved.
    pub fn between(saved: &Transcript, now: &Transcript) -> Self {
        use similar::{Algorithm, DiffOp, capture_diff_slices};
        fn key(t: &Transcript) -> Vec<&str> {
            t.turns.iter().map(|x| x.text.as_str()).collect()
        }
        let (a, b) = (key(saved), key(now));
        let mut d = Differences {
            details: saved.meta != now.meta
                || saved
                    .speakers
                    .iter()
                    .map(|s| &s.name)
                    .ne(now.speakers.iter().map(|s| &s.name)),
            ..Self::default()
        };
        let mut gone: Vec<usize> = Vec::new();
        let mut new: Vec<usize> = Vec::new();
        let pair = |d: &mut Self, i: usize, j: usize| {
            let (x, y) = (&saved.turns[i], &now.turns[j]);
            d.text += usize::from(x.text != y.text);
            d.speaker += usize::from(saved.speaker_name(x.speaker.as_ref()) != now.speaker_name(y.speaker.as_ref()));
            d.times += usize::from((x.start, x.end) != (y.start, y.end));
            d.words += usize::from(x.text == y.text && x.words != y.words);
            d.review += usize::from(x.reviewed != y.reviewed);
        };
        for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
            let (old, fresh) = (op.old_range(), op.new_range());
            match op {
                DiffOp::Equal { .. } => old.zip(fresh).for_each(|(i, j)| pair(&mut d, i, j)),
                _ => {
                    let common = old.len().min(fresh.len());
                    for k in 0..common {
                        pair(&mut d, old.start + k, fresh.start + k);
                    }
                    gone.extend(old.start + common..old.end);
                    new.extend(fresh.start + common..fresh.end);
                }
            }
        }
        for i in gone {
            match new.iter().position(|&j| b[j] == a[i]) {
                Some(k) => {
                    // Moved, and maybe changed too.
                    pair(&mut d, i, new.swap_remove(k));
                    d.moved += 1;
                }
                None => d.removed += 1,
            }
        }
        d.added = new.len();
        d
    }

    /// "2 turns' text and 3 turns' times differ from the saved file", "1 turn added to the saved file …".
    pub fn describe(&self) -> String {
        let turns = |n: usize, what: &str| match n {
            1 => format!("1 turn's {what}"),
            n => format!("{n} turns' {what}"),
        };
        let mut parts = Vec::new();
        for (n, what) in [
            (self.text, "text"),
            (self.speaker, "speaker"),
            (self.times, "times"),
            (self.words, "word times"),
            (self.review, "review mark"),
        ] {
            if n > 0 {
                parts.push(turns(n, what));
            }
        }
        for (n, what) in [(self.moved, "moved"), (self.added, "added"), (self.removed, "removed")] {
            match n {
                0 => {}
                1 => parts.push(format!("1 turn {what}")),
                n => parts.push(format!("{n} turns {what}")),
            }
        }
        if self.details {
            parts.push("the title, language, recording or speakers".to_string());
        }
        match parts.len() {
            0 => "the same as the saved file".to_string(),
            _ => {
                let last = parts.pop().unwrap_or_default();
                let list = if parts.is_empty() {
                    last
                } else {
                    format!("{} and {last}", parts.join(", "))
                };
                format!("differs from the saved file: {list}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::text::PlainText;

    fn sample() -> Transcript {
        let mut t = Transcript::new();
        let m = t.intern_speaker("Mia");
        t.push_turn(Some(m.clone()), "Hallo.");
        t.push_turn(Some(m), "Dag.");
        t
    }

    #[test]
    fn a_snapshot_reads_back_with_its_file_and_format() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("talk.txt");
        let name = snapshot_name(Some(&file), 0);
        assert_eq!(name, snapshot_name(Some(&file), 7), "stable for a saved file");
        write_snapshot(dir.path(), &name, Some(&file), &PlainText, &sample()).expect("writes");
        let (found, bad) = scan(dir.path());
        assert!(bad.is_empty());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].file.as_deref(), Some(file.as_path()));
        assert_eq!(found[0].format.name(), "text");
        assert_eq!(found[0].transcript, sample());
    }

    #[test]
    fn a_snapshot_older_than_its_file_is_dropped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("talk.txt");
        let name = snapshot_name(Some(&file), 0);
        let snap = write_snapshot(dir.path(), &name, Some(&file), &PlainText, &sample()).expect("writes");
        // Saved two seconds after the snapshot (snapshot times are whole seconds).
        std::fs::write(&file, "Mia: Hallo.\n").expect("write");
        let later = SystemTime::now() + std::time::Duration::from_secs(2);
        std::fs::File::options()
            .write(true)
            .open(&file)
            .and_then(|f| f.set_modified(later))
            .expect("touch");
        let (found, _) = scan(dir.path());
        assert!(found.is_empty());
        assert!(!snap.exists());
    }

    #[test]
    fn a_corrupt_snapshot_is_moved_aside_and_reported() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("broken.json"), "{\"recovery\": 1, \"file\": nu").expect("write");
        let (found, bad) = scan(dir.path());
        assert!(found.is_empty());
        assert_eq!(bad.len(), 1);
        assert!(bad[0].reason.contains("not a recovery snapshot"), "{}", bad[0].reason);
        assert!(bad[0].moved_to.exists());
        assert!(!dir.path().join("broken.json").exists());
    }

    #[test]
    fn every_kind_of_difference_is_counted_and_said() {
        let a = sample();
        let mut b = sample();
        b.turns[1].text = "Tot ziens.".into();
        let m = b.speakers[0].id.clone();
        b.push_turn(Some(m), "Extra.");
        let d = Differences::between(&a, &b);
        assert_eq!((d.text, d.added, d.removed, d.moved), (1, 1, 0, 0));
        assert_eq!(
            d.describe(),
            "differs from the saved file: 1 turn's text and 1 turn added"
        );
        // Only times: what the offer said "0 turns differ" of.
        let mut c = sample();
        c.turns[0].start = Some(1.0);
        c.turns[1].end = Some(2.0);
        assert_eq!(
            Differences::between(&a, &c).describe(),
            "differs from the saved file: 2 turns' times"
        );
        // Review marks, speakers, order, removal.
        let mut e = sample();
        e.turns[0].reviewed = true;
        let x = e.intern_speaker("Bram");
        e.turns[1].speaker = Some(x);
        e.turns.swap(0, 1);
        assert_eq!(
            Differences::between(&a, &e).describe(),
            "differs from the saved file: 1 turn's speaker, 1 turn's review mark, 1 turn moved and the title, language, recording or speakers"
        );
        let mut f = sample();
        f.turns.remove(0);
        assert_eq!(
            Differences::between(&a, &f).describe(),
            "differs from the saved file: 1 turn removed"
        );
        assert_eq!(Differences::between(&a, &a).describe(), "the same as the saved file");
    }

    #[test]
    fn a_snapshot_is_compared_with_its_saved_file_and_discarded() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("talk.txt");
        std::fs::write(&file, "Mia: Hallo.\nMia: Tot ziens.\n").expect("write");
        // Saved a minute before the snapshot was taken (snapshot times are whole seconds).
        let earlier = SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&file)
            .and_then(|f| f.set_modified(earlier))
            .expect("touch");
        let name = snapshot_name(Some(&file), 0);
        write_snapshot(dir.path(), &name, Some(&file), &PlainText, &sample()).expect("writes");
        let (found, _) = scan(dir.path());
        assert_eq!(
            compare_with_saved(&found[0]),
            "differs from the saved file: 1 turn's text"
        );
        std::fs::remove_file(&file).expect("remove");
        assert_eq!(compare_with_saved(&found[0]), "the saved file is gone");
        discard(&found[0]).expect("discards");
        assert!(!found[0].path.exists());
        discard(&found[0]).expect("a snapshot already gone is no error");
    }
}
