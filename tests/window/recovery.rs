//! Recovery snapshots offered at start.

use crate::support::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use std::path::Path;

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
    h.get_by_label_contains("differs from the saved file: 1 turn's text");
    h.get_by_label("Restore").click();
    h.run_steps(2);
    let doc = h.state().doc().expect("restored");
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
    assert!(h.state().doc().is_none());
    assert!(
        state.join("corrupt").join("damaged.json").exists(),
        "the damaged file is kept aside"
    );
}

/// A snapshot of `talk.txt` in `state`, holding `content`, taken after the file was last saved.
fn snapshot_of(state: &Path, file: &Path, content: &str) -> std::path::PathBuf {
    use transcript_editor::store::recovery;
    let earlier = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(file)
        .and_then(|f| f.set_modified(earlier))
        .expect("touch");
    recovery::write_snapshot(
        state,
        &recovery::snapshot_name(Some(file), 0),
        Some(file),
        &transcript_editor::formats::text::PlainText,
        &transcript_editor::formats::text::parse(content),
    )
    .expect("snapshot")
}

/// Waits for the recovery worker, which writes and removes snapshots in the background.
fn settle(check: impl Fn() -> bool) -> bool {
    for _ in 0..150 {
        if check() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    check()
}

#[test]
fn quit_and_discard_leaves_no_snapshot_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.txt", FIXTURE);
    let state = dir.path().join("recovery");
    let mut h = harness_with_recovery(&state);
    open(&mut h, &path);
    h.get_by_label("Precies.").click();
    h.run_steps(2);
    press(&mut h, Modifiers::ALT, Key::Num2);
    // A snapshot is written once typing has paused for two seconds.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    h.run_steps(2);
    let snapshots = || std::fs::read_dir(&state).map(|d| d.flatten().count()).unwrap_or(0);
    assert!(settle(|| snapshots() == 1), "a snapshot of the unsaved change");
    press(&mut h, Modifiers::COMMAND, Key::Q);
    h.get_by_label("Discard changes").click();
    h.run_steps(5);
    assert!(settle(|| snapshots() == 0), "discarding on quit removes the snapshot");
    h.run_steps(5);
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(snapshots(), 0, "and none is written while the window closes");
}

#[test]
fn a_file_named_at_start_opens_and_snapshots_are_offered_beside_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = fixture(dir.path(), "a.txt", FIXTURE);
    let b = fixture(dir.path(), "b.txt", "Bram: Iets anders.\n");
    let state = dir.path().join("recovery");
    snapshot_of(&state, &a, "Hakar: Hersteld.\n");
    // As `transcript-editor b.txt` starts.
    let mut h = harness_with_recovery(&state);
    open(&mut h, &b);
    assert_eq!(texts(&h), ["Iets anders."]);
    h.get_by_label("Recover unsaved work?");
    // Enter does not throw the named file away for the snapshot; a click on Restore does.
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(h.state().doc().expect("open").display_name(), "b.txt");
    h.get_by_label("Restore").click();
    h.run_steps(3);
    assert_eq!(texts(&h), ["Hersteld."]);
}

#[test]
fn suggestions_are_made_for_the_restored_transcript() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = fixture(dir.path(), "a.txt", "Anna: Een.\nA: Twee.\n");
    let state = dir.path().join("recovery");
    snapshot_of(&state, &a, "Anna: Een.\nA: Twee.\nAnna: Drie.\n");
    let mut h = harness_with_recovery(&state);
    let other = fixture(dir.path(), "talk.txt", FIXTURE);
    open(&mut h, &other);
    h.get_by_label("Merge H into Hakar");
    h.get_by_label("Restore").click();
    h.run_steps(3);
    h.get_by_label("Merge A into Anna");
    assert!(h.query_by_label("Merge H into Hakar").is_none());
}

#[test]
fn given_several_files_the_first_opens_and_the_others_are_offered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = fixture(dir.path(), "one.txt", "Mia: Een.\n");
    let second = fixture(dir.path(), "two.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nTwee.\n");
    let third = fixture(dir.path(), "three.srt", "1\n00:00:01,000 --> 00:00:02,000\nDrie.\n");
    let mut h = harness();
    h.state_mut()
        .open_files(&[first.clone(), second.clone(), third.clone()]);
    for _ in 0..500 {
        h.step();
        if !h.state().is_loading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    h.run_steps(3);
    assert_eq!(texts(&h), ["Een."]);
    h.get_by_label_contains("also given: two.vtt, three.srt (in Recent files, in the File menu)");
    let canonical = |p: &Path| std::fs::canonicalize(p).expect("exists");
    assert_eq!(
        h.state().settings().recent.paths()[..3],
        [canonical(&first), canonical(&second), canonical(&third)]
    );
}

#[test]
fn a_settings_file_with_an_absurd_text_size_still_opens_the_window() {
    let settings = transcript_editor::store::Settings {
        text_size: 100_000.0,
        window_size: [f32::NAN, 1e12],
        ..Default::default()
    };
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, editor: &mut transcript_editor::app::Editor| editor.ui(ui),
            transcript_editor::app::Editor::new(settings),
        );
    h.run_steps(2);
    assert_eq!(h.state().settings().text_size, 32.0, "brought within range when read");
}

#[test]
fn settings_that_could_not_be_read_are_said_in_a_dialog_as_the_window_opens() {
    let settings = transcript_editor::store::Settings {
        problem: Some("\"text_size\" could not be read and took the default".into()),
        ..Default::default()
    };
    // At 800 pixels wide, where a status bar notice would be cut short.
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(800.0, 600.0))
        .build_ui_state(
            |ui, editor: &mut transcript_editor::app::Editor| editor.ui(ui),
            transcript_editor::app::Editor::new(settings),
        );
    h.run_steps(2);
    assert!(h.query_by_label("Some settings could not be read").is_some());
    assert!(h.query_by_label_contains("\"text_size\" could not be read").is_some());
}

#[test]
fn recovery_snapshots_that_cannot_be_written_are_said_in_the_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The state folder cannot be made: a file stands where it would be (root ignores permissions).
    let blocked = dir.path().join("state");
    std::fs::write(&blocked, "a file, not a folder").expect("write");
    let path = fixture(dir.path(), "talk.txt", FIXTURE);
    let mut h = harness_with_recovery(&blocked.join("recovery"));
    open(&mut h, &path);
    edit_at_start(&mut h, "Dank je.");
    h.get_by_role(egui::Role::MultilineTextInput).type_text("Zo. ");
    // A snapshot is tried about two seconds after the last change.
    for _ in 0..100 {
        h.run_steps(1);
        if h.query_by_label("Unsaved work is not protected").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    h.get_by_label("Unsaved work is not protected");
    h.get_by_label_contains("Recovery snapshots cannot be written in");
}
