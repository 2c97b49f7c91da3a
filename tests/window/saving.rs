//! Opening and saving: the unsaved-changes guard, the questions before saving, failures.

use crate::support::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

#[test]
fn typing_into_a_turn_and_saving_writes_exactly_that_change() {
    let (_dir, path, mut h) = opened(FIXTURE);
    h.get_by_label("Dank je.").click();
    h.run_steps(3);
    press(&mut h, Modifiers::NONE, Key::End);
    h.get_by_role(egui::Role::MultilineTextInput)
        .type_text(" Graag gedaan!");
    h.run_steps(2);
    assert!(
        h.state().window_title().starts_with("● "),
        "{}",
        h.state().window_title()
    );
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert_eq!(
        saved(&path),
        FIXTURE.replace("Mia: Dank je.", "Mia: Dank je. Graag gedaan!")
    );
    assert_eq!(h.state().window_title(), "talk.txt — Transcript Editor");
}

#[test]
fn unsaved_changes_are_guarded_and_cancel_keeps_everything() {
    let (_dir, path, mut h) = opened(FIXTURE);
    h.get_by_label("Precies.").click();
    h.run_steps(2);
    press(&mut h, Modifiers::ALT, Key::Num1);
    press(&mut h, Modifiers::COMMAND, Key::W);
    assert!(h.state().is_asking_to_save());
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(!h.state().is_asking_to_save());
    let doc = h.state().doc().expect("still open");
    assert!(doc.is_dirty());
    press(&mut h, Modifiers::COMMAND, Key::W);
    h.get_by_label("Discard changes").click();
    h.run_steps(2);
    assert!(h.state().doc().is_none());
    assert_eq!(saved(&path), FIXTURE, "discarding never touches the file");
    h.get_by_label("Open the sample transcript");
}

#[test]
fn save_in_the_guard_saves_then_closes() {
    let (_dir, path, mut h) = opened(FIXTURE);
    h.get_by_label("Precies.").click();
    h.run_steps(2);
    press(&mut h, Modifiers::ALT, Key::Num2);
    press(&mut h, Modifiers::COMMAND, Key::W);
    h.get_by_label("Save").click();
    h.run_steps(2);
    assert!(h.state().doc().is_none());
    assert!(saved(&path).contains("Mia: Precies."), "{}", saved(&path));
}

#[test]
fn a_broken_file_shows_the_error_and_keeps_the_open_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = fixture(dir.path(), "talk.txt", FIXTURE);
    let bad = fixture(
        dir.path(),
        "broken.json",
        "{\"version\": 1,\n  \"turns\": [{\"text\": 3}]}",
    );
    let mut h = harness();
    open(&mut h, &good);
    open(&mut h, &bad);
    let message = h.state().error_message().expect("an error is shown").to_string();
    assert!(message.contains("broken.json:2:"), "{message}");
    assert!(
        message.contains("turn 1: \"text\" must be text in quotes, not the number 3"),
        "{message}"
    );
    h.get_by_label_contains("broken.json:2:");
    assert_eq!(h.state().doc().expect("still open").display_name(), "talk.txt");
    h.get_by_label("OK").click();
    h.run_steps(2);
    assert!(h.state().error_message().is_none());
}

#[test]
fn save_as_json_by_extension() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.txt", FIXTURE);
    let json = dir.path().join("talk.json");
    let mut h = harness();
    open(&mut h, &path);
    h.state_mut().push(transcript_editor::app::Action::SaveTo {
        path: json.clone(),
        replace_ok: false,
    });
    h.run_steps(2);
    let doc: serde_json::Value = serde_json::from_str(&saved(&json)).expect("json");
    assert_eq!(doc["turns"].as_array().map(Vec::len), Some(4));
    assert_eq!(h.state().window_title(), "talk.json — Transcript Editor");
    assert_eq!(saved(&path), FIXTURE);
}

#[test]
fn saving_what_a_format_cannot_hold_asks_and_offers_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(
        dir.path(),
        "talk.json",
        r#"{"version": 1, "title": "Afl. 3", "speakers": [{"id": "S1", "name": "Mia"}], "turns": [{"speaker": "S1", "text": "Ja."}]}"#,
    );
    let mut h = harness();
    open(&mut h, &path);
    let txt = dir.path().join("talk.txt");
    h.state_mut().push(transcript_editor::app::Action::SaveTo {
        path: txt.clone(),
        replace_ok: false,
    });
    h.run_steps(3);
    h.get_by_label("Plain text cannot hold everything");
    h.get_by_label_contains("leaves out: the title");
    h.get_by_label("Save as JSON instead (talk.json)").click();
    h.run_steps(2);
    assert!(!txt.exists(), "nothing was written as plain text");
    assert_eq!(h.state().window_title(), "talk.json — Transcript Editor");

    h.state_mut().push(transcript_editor::app::Action::SaveTo {
        path: txt.clone(),
        replace_ok: false,
    });
    h.run_steps(3);
    h.get_by_label("Save as Plain text anyway").click();
    h.run_steps(2);
    assert_eq!(saved(&txt), "Mia: Ja.\n");
}

#[test]
fn saving_over_another_file_asks_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.txt", FIXTURE);
    let other = fixture(dir.path(), "other.txt", "Bram: Niet overschrijven.\n");
    let mut h = harness();
    open(&mut h, &path);
    h.state_mut().push(transcript_editor::app::Action::SaveTo {
        path: other.clone(),
        replace_ok: false,
    });
    h.run_steps(3);
    h.get_by_label("Replace other.txt?");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert_eq!(saved(&other), "Bram: Niet overschrijven.\n");
}

#[test]
fn a_save_that_fails_keeps_the_document_open_and_unsaved() {
    let (dir, path, mut h) = opened(FIXTURE);
    h.get_by_label("Precies.").click();
    h.run_steps(2);
    press(&mut h, Modifiers::ALT, Key::Num2);
    let missing = dir.path().join("no such folder").join("talk.txt");
    h.state_mut().push(transcript_editor::app::Action::SaveTo {
        path: missing.clone(),
        replace_ok: false,
    });
    h.run_steps(2);
    let message = h.state().error_message().expect("the failure is shown").to_string();
    assert!(
        message.contains("no such folder") && message.contains("cannot save"),
        "{message}"
    );
    assert!(message.contains("your changes are still open"), "{message}");
    let doc = h.state().doc().expect("still open");
    assert!(doc.is_dirty());
    assert_eq!(doc.display_name(), "talk.txt");
    assert_eq!(saved(&path), FIXTURE);
}

#[test]
fn without_a_file_dialog_a_path_field_opens_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.txt", FIXTURE);
    let mut h = harness();
    h.run_steps(2);
    press(&mut h, Modifiers::COMMAND, Key::O);
    h.run_steps(2);
    h.get_by_label_contains("No file dialog can be shown on this system");
    let field = h.get_by_role_and_label(egui::Role::TextInput, "Path:");
    field.focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, "Path:")
        .type_text(path.to_str().expect("utf-8 path"));
    h.run_steps(1);
    h.get_by_label("Open").click();
    for _ in 0..200 {
        h.step();
        if h.state().doc().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert_eq!(
        texts(&h),
        ["Welkom bij de podcast.", "Dank je.", "Zeker. Ja.", "Precies."]
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_overwritten_only_when_the_user_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path, mut h) = opened(FIXTURE);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    h.get_by_label("Precies.").click();
    h.run_steps(2);
    press(&mut h, Modifiers::ALT, Key::Num2);
    press(&mut h, Modifiers::COMMAND, Key::S);
    h.get_by_label("talk.txt is read-only");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert_eq!(saved(&path), FIXTURE, "cancel leaves the file alone");
    assert!(h.state().doc().expect("open").is_dirty());
    press(&mut h, Modifiers::COMMAND, Key::S);
    h.get_by_label("Overwrite").click();
    h.run_steps(2);
    assert!(saved(&path).contains("Mia: Precies."), "{}", saved(&path));
    assert!(!h.state().doc().expect("open").is_dirty());
}

#[test]
fn recent_files_show_their_folders() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.txt", FIXTURE);
    let mut settings = transcript_editor::store::Settings::default();
    settings.recent.add(&path);
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, editor: &mut transcript_editor::app::Editor| editor.ui(ui),
            transcript_editor::app::Editor::new(settings).without_file_dialogs(),
        );
    h.run_steps(2);
    h.get_by_label(&format!("talk.txt  in {}", dir.path().display()));
}

#[test]
fn a_shortcut_is_changed_by_pressing_new_keys_and_a_clash_must_be_resolved() {
    let (_dir, path, mut h) = opened(FIXTURE);
    press(&mut h, Modifiers::COMMAND, Key::Comma);
    // The dialog settles (a modal is sized in its first frames) before its buttons are clicked.
    h.run_steps(4);
    h.get_by_label("Set the keys of Save").click();
    h.run_steps(2);
    h.get_by_label_contains("Press the new keys for \"Save\"");
    press(&mut h, Modifiers::NONE, Key::F5);
    assert_eq!(
        h.state().settings().shortcuts.get("Save"),
        Some(&vec!["F5".to_string()])
    );
    // A clash: Ctrl+O is Open's. Shown at once; taken from Open on request.
    h.get_by_label("Set the keys of Find…").scroll_to_me();
    h.run_steps(3);
    h.get_by_label("Set the keys of Find…").click();
    h.run_steps(2);
    press(&mut h, Modifiers::COMMAND, Key::O);
    h.get_by_label("Ctrl+O already belongs to \"Open…\".");
    h.get_by_label("Take them from \"Open…\"").click();
    h.run_steps(2);
    assert_eq!(h.state().settings().shortcuts.get("Open"), Some(&vec![]));
    assert_eq!(
        h.state().settings().shortcuts.get("Find"),
        Some(&vec!["Ctrl+O".to_string()])
    );
    press(&mut h, Modifiers::NONE, Key::Escape);
    // The keys in force: F5 saves, Ctrl+S no longer does, Ctrl+O finds.
    h.get_by_label("Precies.").click();
    h.run_steps(2);
    press(&mut h, Modifiers::ALT, Key::Num2);
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert_eq!(saved(&path), FIXTURE);
    press(&mut h, Modifiers::NONE, Key::F5);
    assert!(saved(&path).contains("Mia: Precies."), "{}", saved(&path));
    press(&mut h, Modifiers::COMMAND, Key::O);
    assert!(h.state().find_is_open());
    // The menus show them too; reset brings the defaults back.
    press(&mut h, Modifiers::NONE, Key::F1);
    h.get_by_label("F5");
    press(&mut h, Modifiers::COMMAND, Key::Comma);
    h.get_by_label("Reset all to the defaults").click();
    h.run_steps(2);
    assert!(h.state().settings().shortcuts.is_empty());
}

#[test]
fn the_save_as_path_field_names_every_format_the_editor_writes() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    h.state_mut().push(transcript_editor::app::Action::AskPath(
        transcript_editor::app::actions::Purpose::SaveAs,
    ));
    h.run_steps(3);
    h.get_by_label(
        "The extension chooses the format: .json, .vtt, .srt, .ass, .sbv, .md, .docx, .eaf, .textgrid, .ttml, .cha, .txt.",
    );
}

#[test]
fn subtitles_from_start_times_only_offer_to_estimate_the_ends_undoably() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(
        dir.path(),
        "talk.txt",
        "[00:00:01] Mia: Welkom bij de podcast.\n[00:00:04] Bram: Dank je.\n",
    );
    let mut h = harness();
    open(&mut h, &path);
    let srt = dir.path().join("talk.srt");
    h.state_mut().push(transcript_editor::app::Action::SaveTo {
        path: srt.clone(),
        replace_ok: false,
    });
    h.run_steps(3);
    h.get_by_label("Subtitles need end times");
    h.get_by_label_contains("2 turns have a start but no end");
    h.get_by_label("Estimate the end times").click();
    h.run_steps(3);
    let written = saved(&srt);
    assert!(written.contains("00:00:01,000 --> 00:00:04,000"), "{written}");
    assert!(written.contains("00:00:04,000 --> 00:00:05,000"), "{written}");
    // The estimate is an edit like any other: undone, the turns have no ends again.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    let t = h.state().doc().expect("open").transcript();
    assert!(t.turns.iter().all(|x| x.end.is_none()));
}
