//! Recovery snapshots offered at start.

use crate::support::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

#[test]
fn the_start_dialog_restores_a_snapshot_and_saving_removes_it() {
    use transcript_editor::store::recovery;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.txt", FIXTURE);
    let state = dir.path().join("recovery");
    let mut changed = transcript_editor::formats::text::parse(FIXTURE);
    changed.turns[1].text = "Dank je wel, hersteld.".into();
    let name = recovery::snapshot_name(Some(&path), 0);
    let snapshot = recovery::write_snapshot(
        &state,
        &name,
        Some(&path),
        &transcript_editor::formats::text::PlainText,
        &changed,
    )
    .expect("snapshot");
    // The file was saved before the snapshot was taken.
    let earlier = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_modified(earlier))
        .expect("touch");

    let mut h = harness_with_recovery(&state);
    h.run_steps(2);
    h.get_by_label("Recover unsaved work?");
    h.get_by_label_contains("1 turn differs from the saved file");
    h.get_by_label("Restore").click();
    h.run_steps(2);
    let doc = h.state().doc.as_ref().expect("restored");
    assert_eq!(doc.transcript().turns[1].text, "Dank je wel, hersteld.");
    assert!(doc.is_dirty(), "restored work is unsaved until saved");
    assert!(snapshot.exists(), "the snapshot stays until the work is saved");
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert_eq!(
        saved(&path),
        "Hakar: Welkom bij de podcast.\nMia: Dank je wel, hersteld.\nH: Zeker. Ja.\nM: Precies.\n"
    );
    for _ in 0..100 {
        if !snapshot.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(!snapshot.exists(), "saving removes the snapshot");
}

#[test]
fn discarding_a_snapshot_deletes_it_and_a_corrupt_one_is_reported() {
    use transcript_editor::store::recovery;
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("recovery");
    let t = transcript_editor::formats::text::parse(FIXTURE);
    let snapshot = recovery::write_snapshot(
        &state,
        &recovery::snapshot_name(None, 1),
        None,
        &transcript_editor::formats::json::Json,
        &t,
    )
    .expect("snapshot");
    std::fs::write(state.join("damaged.json"), "{\"recovery\": 1,").expect("write");
    let mut h = harness_with_recovery(&state);
    h.run_steps(2);
    h.get_by_label("Untitled transcript");
    h.get_by_label_contains("A recovery file could not be read");
    h.get_by_label("Discard").click();
    h.run_steps(2);
    assert!(!snapshot.exists());
    assert!(h.state().doc.is_none());
    assert!(
        state.join("corrupt").join("damaged.json").exists(),
        "the damaged file is kept aside"
    );
}
