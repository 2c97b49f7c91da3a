//! The editor window driven as a user drives it: clicks, typing and shortcuts on the real editor state,
//! checked by what ends up on disk and on screen. Rendered headless by egui_kittest (no GPU needed).
#![cfg(feature = "window")]

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use transcript_editor::app::Editor;
use transcript_editor::store::Settings;

const FIXTURE: &str = "Hakar: Welkom bij de podcast.\nMia: Dank je.\nH: Zeker. Ja.\nM: Precies.\n";

fn harness() -> Harness<'static, Editor> {
    Harness::builder().with_size(egui::vec2(1280.0, 800.0)).build_ui_state(
        |ui, editor: &mut Editor| editor.ui(ui),
        Editor::new(Settings::default()),
    )
}

fn fixture(dir: &Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).expect("write fixture");
    path
}

/// A transcript written to `talk.txt` in a new folder and opened in a new window.
fn opened(content: &str) -> (tempfile::TempDir, PathBuf, Harness<'static, Editor>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.txt", content);
    let mut h = harness();
    open(&mut h, &path);
    (dir, path, h)
}

/// Opens a file as the window does (on a worker thread) and waits until it is shown.
fn open(h: &mut Harness<'static, Editor>, path: &Path) {
    h.state_mut().open(path);
    for _ in 0..500 {
        h.step();
        if !h.state().is_loading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert!(!h.state().is_loading(), "the file was not read in time");
    h.run_steps(3);
}

fn press(h: &mut Harness<'static, Editor>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run_steps(2);
}

fn saved(path: &Path) -> String {
    std::fs::read_to_string(path).expect("file on disk")
}

#[test]
fn opening_shows_every_turn_with_its_label() {
    let (_dir, _path, h) = opened(FIXTURE);
    for text in ["Welkom bij de podcast.", "Dank je.", "Zeker. Ja.", "Precies."] {
        h.get_by_label(text);
    }
    h.get_by_label("Speaker of turn 1: Hakar");
    h.get_by_label("Speaker of turn 4: M");
    h.get_by_label("Go to M's next turn");
    h.get_by_label("4 turns");
    assert_eq!(h.state().window_title(), "talk.txt — Transcript Editor");
}

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
fn relabel_a_turn_from_its_chip() {
    let (_dir, path, mut h) = opened(FIXTURE);
    h.get_by_label("Speaker of turn 3: H").click();
    h.run_steps(2);
    h.get_by_label("2  Mia").click();
    h.run_steps(2);
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(saved(&path).contains("\nMia: Zeker. Ja.\n"), "{}", saved(&path));
}

#[test]
fn relabel_to_a_new_speaker_from_the_chip() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    h.get_by_label("Speaker of turn 4: M").click();
    h.run_steps(2);
    h.get_by_label("New speaker:").focus();
    h.get_by_role_and_label(egui::Role::TextInput, "New speaker:")
        .type_text("Gast");
    h.run_steps(1);
    h.get_by_label("Add").click();
    h.run_steps(2);
    let t = &h.state().doc.as_ref().expect("open").transcript;
    assert_eq!(t.speaker_name(t.turns[3].speaker.as_ref()), Some("Gast"));
    // Undo takes back the relabel and the new speaker together.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    let t = &h.state().doc.as_ref().expect("open").transcript;
    assert_eq!(t.speakers.len(), 4);
    assert_eq!(t.speaker_name(t.turns[3].speaker.as_ref()), Some("M"));
}

#[test]
fn rename_a_speaker_everywhere_then_save() {
    let (_dir, path, mut h) = opened("H: Een.\nMia: Twee.\nH: Drie.\n");
    h.get_all_by_label("Rename").next().expect("rename button of H").click();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.get_by_role_and_label(egui::Role::TextInput, "Name:")
        .type_text("Hakar");
    h.run_steps(1);
    press(&mut h, Modifiers::NONE, Key::Enter);
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert_eq!(saved(&path), "Hakar: Een.\nMia: Twee.\nHakar: Drie.\n");
}

#[test]
fn merge_one_speaker_into_another() {
    let (_dir, path, mut h) = opened(FIXTURE);
    // The third speaker, H, merges into Hakar.
    h.get_all_by_label("Merge into…")
        .nth(2)
        .expect("merge button of H")
        .click();
    h.run_steps(2);
    h.get_by_role_and_label(egui::Role::Button, "Hakar").click();
    h.run_steps(2);
    let names: Vec<String> = h
        .state()
        .doc
        .as_ref()
        .expect("open")
        .transcript
        .speakers
        .iter()
        .map(|s| s.name.clone())
        .collect();
    assert_eq!(names, ["Hakar", "Mia", "M"]);
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(saved(&path).contains("Hakar: Zeker. Ja."), "{}", saved(&path));
}

#[test]
fn alt_number_gives_the_current_turn_that_speaker() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    h.get_by_label("Precies.").click();
    h.run_steps(2);
    press(&mut h, Modifiers::ALT, Key::Num2);
    let t = &h.state().doc.as_ref().expect("open").transcript;
    assert_eq!(t.speaker_name(t.turns[3].speaker.as_ref()), Some("Mia"));
}

#[test]
fn undo_typing_restores_the_text_and_the_saved_mark() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    h.get_by_label("Precies.").click();
    h.run_steps(2);
    h.get_by_role(egui::Role::MultilineTextInput).type_text("xyz");
    h.run_steps(2);
    assert!(
        h.state().doc.as_ref().expect("open").transcript.turns[3]
            .text
            .contains("xyz")
    );
    press(&mut h, Modifiers::COMMAND, Key::Z);
    let doc = h.state().doc.as_ref().expect("open");
    assert_eq!(doc.transcript.turns[3].text, "Precies.");
    assert!(!doc.is_dirty());
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert!(
        h.state().doc.as_ref().expect("open").transcript.turns[3]
            .text
            .contains("xyz")
    );
}

#[test]
fn up_and_down_at_the_edges_of_a_turn_move_between_turns() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    h.get_by_label("Dank je.").click();
    h.run_steps(3);
    press(&mut h, Modifiers::NONE, Key::ArrowDown);
    h.run_steps(2);
    assert_eq!(h.state().turns.editing.as_ref().map(|e| e.turn), Some(2));
    press(&mut h, Modifiers::NONE, Key::ArrowUp);
    press(&mut h, Modifiers::NONE, Key::ArrowUp);
    h.run_steps(2);
    assert_eq!(h.state().turns.editing.as_ref().map(|e| e.turn), Some(0));
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.state().turns.editing.is_none());
    assert_eq!(h.state().turns.current, Some(0));
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
    let doc = h.state().doc.as_ref().expect("still open");
    assert!(doc.is_dirty());
    press(&mut h, Modifiers::COMMAND, Key::W);
    h.get_by_label("Discard changes").click();
    h.run_steps(2);
    assert!(h.state().doc.is_none());
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
    assert!(h.state().doc.is_none());
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
    assert!(message.contains("invalid type"), "{message}");
    h.get_by_label_contains("broken.json:2:");
    assert_eq!(h.state().doc.as_ref().expect("still open").display_name(), "talk.txt");
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
fn the_shortcuts_window_lists_the_command_list() {
    let mut h = harness();
    h.run_steps(2);
    press(&mut h, Modifiers::NONE, Key::F1);
    // The window lists each command with its shortcuts, in the words of the command list.
    h.get_by_label("Give the turn to speaker 1 … 9");
    h.get_by_label("Alt+1 … Alt+9");
    h.get_by_label("Ctrl+Shift+Z  or  Ctrl+Y");
}

fn texts(h: &Harness<'static, Editor>) -> Vec<String> {
    h.state()
        .doc
        .as_ref()
        .expect("open")
        .transcript
        .turns
        .iter()
        .map(|t| t.text.clone())
        .collect()
}

fn speakers_of_turns(h: &Harness<'static, Editor>) -> Vec<String> {
    let t = &h.state().doc.as_ref().expect("open").transcript;
    t.turns
        .iter()
        .map(|x| t.speaker_name(x.speaker.as_ref()).unwrap_or("-").to_string())
        .collect()
}

/// Clicks a turn's text and puts the cursor at its start.
fn edit_at_start(h: &mut Harness<'static, Editor>, text: &str) {
    h.get_by_label(text).click();
    h.run_steps(3);
    press(h, Modifiers::COMMAND, Key::Home);
}

#[test]
fn ctrl_enter_splits_the_turn_at_the_cursor() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    edit_at_start(&mut h, "Zeker. Ja.");
    for _ in 0..6 {
        press(&mut h, Modifiers::NONE, Key::ArrowRight);
    }
    press(&mut h, Modifiers::COMMAND, Key::Enter);
    assert_eq!(
        texts(&h),
        ["Welkom bij de podcast.", "Dank je.", "Zeker.", "Ja.", "Precies."]
    );
    assert_eq!(speakers_of_turns(&h), ["Hakar", "Mia", "H", "H", "M"]);
    assert_eq!(
        h.state().turns.editing.as_ref().map(|e| e.turn),
        Some(3),
        "the cursor moves into the new turn"
    );
}

#[test]
fn alt_enter_gives_the_selected_interjection_to_another_speaker() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(
        dir.path(),
        "talk.txt",
        "H: Zeker. Ja. In de praktijk niet.\nM: Precies.\n",
    );
    let mut h = harness();
    open(&mut h, &path);
    edit_at_start(&mut h, "Zeker. Ja. In de praktijk niet.");
    for _ in 0..7 {
        press(&mut h, Modifiers::NONE, Key::ArrowRight);
    }
    for _ in 0..3 {
        press(&mut h, Modifiers::SHIFT, Key::ArrowRight);
    }
    press(&mut h, Modifiers::ALT, Key::Enter);
    h.get_by_label("Give \"Ja.\" to");
    press(&mut h, Modifiers::NONE, Key::Num2);
    assert_eq!(texts(&h), ["Zeker.", "Ja.", "In de praktijk niet.", "Precies."]);
    assert_eq!(speakers_of_turns(&h), ["H", "M", "H", "M"]);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(texts(&h), ["Zeker. Ja. In de praktijk niet.", "Precies."]);
}

#[test]
fn backspace_at_the_start_and_delete_at_the_end_join_turns() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    edit_at_start(&mut h, "Dank je.");
    press(&mut h, Modifiers::NONE, Key::Backspace);
    assert_eq!(texts(&h), ["Welkom bij de podcast. Dank je.", "Zeker. Ja.", "Precies."]);
    press(&mut h, Modifiers::COMMAND, Key::End);
    press(&mut h, Modifiers::NONE, Key::Delete);
    assert_eq!(texts(&h), ["Welkom bij de podcast. Dank je. Zeker. Ja.", "Precies."]);
    // The cursor stays at the joint: typing continues where the first turn ended.
    h.get_by_role(egui::Role::MultilineTextInput).type_text("!");
    h.run_steps(2);
    assert_eq!(texts(&h)[0], "Welkom bij de podcast. Dank je.! Zeker. Ja.");
}

#[test]
fn insert_and_delete_turns_by_shortcut() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    edit_at_start(&mut h, "Dank je.");
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Enter);
    h.get_by_role(egui::Role::MultilineTextInput).type_text("Nieuw.");
    h.run_steps(2);
    assert_eq!(texts(&h)[2], "Nieuw.");
    assert_eq!(speakers_of_turns(&h)[2], "Mia");
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Backspace);
    assert_eq!(
        texts(&h),
        ["Welkom bij de podcast.", "Dank je.", "Zeker. Ja.", "Precies."]
    );
}

#[test]
fn find_counts_every_match_and_f3_walks_through_them() {
    let (_dir, _path, mut h) = opened("A: ja nee\nB: niets\nA: Ja.\nB: nee ja\n");
    press(&mut h, Modifiers::COMMAND, Key::F);
    h.get_by_role_and_label(egui::Role::TextInput, "Find:").type_text("ja");
    h.run_steps(2);
    h.get_by_label("3 matches");
    press(&mut h, Modifiers::NONE, Key::F3);
    assert_eq!(h.state().turns.current, Some(0));
    h.get_by_label("1 of 3 matches");
    press(&mut h, Modifiers::NONE, Key::F3);
    assert_eq!(h.state().turns.current, Some(2));
    press(&mut h, Modifiers::NONE, Key::F3);
    assert_eq!(h.state().turns.current, Some(3));
    press(&mut h, Modifiers::SHIFT, Key::F3);
    assert_eq!(h.state().turns.current, Some(2));
}

#[test]
fn replace_all_is_one_undo_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(
        dir.path(),
        "talk.txt",
        "A: Studytube is fijn.\nB: studytube!\nA: Geen.\n",
    );
    let mut h = harness();
    open(&mut h, &path);
    press(&mut h, Modifiers::COMMAND, Key::H);
    h.get_by_role_and_label(egui::Role::TextInput, "Find:")
        .type_text("studytube");
    h.get_by_role_and_label(egui::Role::TextInput, "Replace with:").focus();
    h.run_steps(1);
    h.get_by_role_and_label(egui::Role::TextInput, "Replace with:")
        .type_text("Studytube");
    h.run_steps(1);
    h.get_by_label("Replace all").click();
    h.run_steps(2);
    assert_eq!(texts(&h), ["Studytube is fijn.", "Studytube!", "Geen."]);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(texts(&h), ["Studytube is fijn.", "studytube!", "Geen."]);
    assert!(!h.state().doc.as_ref().expect("open").is_dirty());
}

#[test]
fn an_invalid_regular_expression_is_shown_not_crashed_on() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    press(&mut h, Modifiers::COMMAND, Key::F);
    h.get_by_label("Regex").click();
    h.run_steps(1);
    h.get_by_role_and_label(egui::Role::TextInput, "Find:").focus();
    h.run_steps(1);
    h.get_by_role_and_label(egui::Role::TextInput, "Find:").type_text("(ja");
    h.run_steps(2);
    h.get_by_label_contains("not a valid regular expression");
}

#[test]
fn suggested_aliases_merge_with_one_click() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    h.get_by_label("Probably the same person");
    h.get_by_label("Merge H into Hakar").click();
    h.run_steps(2);
    assert_eq!(speakers_of_turns(&h), ["Hakar", "Mia", "Hakar", "M"]);
    h.get_by_label("Merge M into Mia").click();
    h.run_steps(2);
    assert_eq!(speakers_of_turns(&h), ["Hakar", "Mia", "Hakar", "Mia"]);
    assert!(h.query_by_label("Probably the same person").is_none());
    press(&mut h, Modifiers::COMMAND, Key::Z);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(speakers_of_turns(&h), ["Hakar", "Mia", "H", "M"]);
    h.get_by_label("Merge all 2").click();
    h.run_steps(2);
    assert_eq!(h.state().doc.as_ref().expect("open").transcript.speakers.len(), 2);
}

#[test]
fn undo_goes_back_to_the_turn_that_changed() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    h.get_by_label("Precies.").click();
    h.run_steps(2);
    press(&mut h, Modifiers::ALT, Key::Num1);
    press(&mut h, Modifiers::NONE, Key::Escape);
    h.get_by_label("Welkom bij de podcast.").click();
    h.run_steps(2);
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert_eq!(h.state().turns.current, Some(0));
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().turns.current, Some(3));
    assert_eq!(speakers_of_turns(&h)[3], "M");
}

fn harness_with_recovery(state: &Path) -> Harness<'static, Editor> {
    Harness::builder().with_size(egui::vec2(1280.0, 800.0)).build_ui_state(
        |ui, editor: &mut Editor| editor.ui(ui),
        Editor::new(Settings::default())
            .without_file_dialogs()
            .with_recovery(state.to_path_buf()),
    )
}

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
    assert_eq!(doc.transcript.turns[1].text, "Dank je wel, hersteld.");
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

#[test]
fn a_file_changed_by_another_program_is_noticed_and_not_overwritten_unasked() {
    let (_dir, path, mut h) = opened(FIXTURE);
    h.get_by_label("Precies.").click();
    h.run_steps(2);
    press(&mut h, Modifiers::ALT, Key::Num2);
    let theirs = format!("{FIXTURE}Mia: Een regel van een collega.\n");
    std::fs::write(&path, &theirs).expect("another program writes");
    // The window looks every two seconds.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    h.run_steps(2);
    assert!(h.state().offers_reload());
    h.get_by_label_contains("was changed on disk by another program");
    h.get_by_label("Keep my version").click();
    h.run_steps(2);
    assert!(!h.state().offers_reload());

    press(&mut h, Modifiers::COMMAND, Key::S);
    assert_eq!(
        h.state().save_question(),
        Some(&transcript_editor::app::dialogs::SaveQuestion::ChangedOnDisk)
    );
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert_eq!(saved(&path), theirs, "cancel leaves the other program's version");
    assert!(h.state().doc.as_ref().expect("open").is_dirty());

    press(&mut h, Modifiers::COMMAND, Key::S);
    h.get_by_label("Overwrite").click();
    h.run_steps(2);
    assert!(saved(&path).contains("Mia: Precies."), "{}", saved(&path));
    assert!(!h.state().doc.as_ref().expect("open").is_dirty());
}

#[test]
fn reload_reads_the_changed_file_again() {
    let (_dir, path, mut h) = opened(FIXTURE);
    std::fs::write(&path, "Mia: Helemaal nieuw.\n").expect("another program writes");
    std::thread::sleep(std::time::Duration::from_millis(2100));
    h.run_steps(2);
    h.get_by_label("Reload").click();
    for _ in 0..200 {
        h.step();
        if !h.state().is_loading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    h.run_steps(2);
    assert_eq!(texts(&h), ["Helemaal nieuw."]);
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
    h.get_by_label_contains("leaves out: the title, language and media file");
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
    let doc = h.state().doc.as_ref().expect("still open");
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
        if h.state().doc.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert_eq!(
        texts(&h),
        ["Welkom bij de podcast.", "Dank je.", "Zeker. Ja.", "Precies."]
    );
}
