//! Relabelling turns, renaming and merging speakers, interjections, alias suggestions.

use crate::support::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

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
    let t = &h.state().doc().expect("open").transcript();
    assert_eq!(t.speaker_name(t.turns[3].speaker.as_ref()), Some("Gast"));
    // Undo takes back the relabel and the new speaker together.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    let t = &h.state().doc().expect("open").transcript();
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
        .doc()
        .expect("open")
        .transcript()
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
    let t = &h.state().doc().expect("open").transcript();
    assert_eq!(t.speaker_name(t.turns[3].speaker.as_ref()), Some("Mia"));
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
    // A selection with the space before it is titled by its words alone.
    press(&mut h, Modifiers::COMMAND, Key::Home);
    for _ in 0..6 {
        press(&mut h, Modifiers::NONE, Key::ArrowRight);
    }
    for _ in 0..4 {
        press(&mut h, Modifiers::SHIFT, Key::ArrowRight);
    }
    press(&mut h, Modifiers::ALT, Key::Enter);
    h.get_by_label("Give \"Ja.\" to");
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
    assert_eq!(h.state().doc().expect("open").transcript().speakers.len(), 2);
}

#[test]
fn alt_digit_while_typing_relabels_and_types_nothing() {
    let (_dir, path, mut h) = opened(FIXTURE);
    h.get_by_label("Zeker. Ja.").click();
    h.run_steps(2);
    // What a keyboard sends for Alt+2 in a text field: the key, and the digit as text.
    h.key_down_modifiers(Modifiers::ALT, Key::Num2);
    h.event(egui::Event::Text("2".into()));
    h.key_up_modifiers(Modifiers::ALT, Key::Num2);
    h.run_steps(3);
    assert_eq!(speakers_of_turns(&h)[2], "Mia");
    assert_eq!(texts(&h)[2], "Zeker. Ja.", "no digit typed");
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(saved(&path).contains("\nMia: Zeker. Ja.\n"), "{}", saved(&path));
}

#[test]
fn the_chip_menus_new_speaker_field_takes_a_click_and_typing() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    h.get_by_label("Speaker of turn 4: M").click();
    h.run_steps(2);
    h.get_by_role_and_label(egui::Role::TextInput, "New speaker:").click();
    h.run_steps(2);
    h.get_by_role_and_label(egui::Role::TextInput, "New speaker:")
        .type_text("Gast");
    h.run_steps(2);
    h.get_by_label("Add").click();
    h.run_steps(2);
    assert_eq!(speakers_of_turns(&h)[3], "Gast");
}

/// Renames the first speaker whose Rename button is number `n` (0-based) to `name`.
fn rename(h: &mut egui_kittest::Harness<'static, transcript_editor::app::Editor>, n: usize, name: &str) {
    h.get_all_by_label("Rename").nth(n).expect("rename button").click();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.get_by_role_and_label(egui::Role::TextInput, "Name:").type_text(name);
    h.run_steps(1);
    press(h, Modifiers::NONE, Key::Enter);
}

#[test]
fn renaming_to_a_name_another_speaker_has_offers_to_merge() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    // H (the third speaker) renamed to Hakar: asked, cancelled, nothing changes.
    rename(&mut h, 2, "Hakar");
    h.get_by_label("There is already a speaker called Hakar");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    let names = |h: &egui_kittest::Harness<'static, transcript_editor::app::Editor>| -> Vec<String> {
        let t = h.state().doc().expect("open").transcript();
        t.speakers.iter().map(|s| s.name.clone()).collect()
    };
    assert_eq!(names(&h), ["Hakar", "Mia", "H", "M"]);
    // Asked again, merged (Enter is the dialog's Merge): one Hakar, with both turns.
    rename(&mut h, 2, "Hakar");
    h.get_by_label("There is already a speaker called Hakar");
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(names(&h), ["Hakar", "Mia", "M"]);
    assert_eq!(speakers_of_turns(&h), ["Hakar", "Mia", "Hakar", "M"]);
}

#[test]
fn the_speakers_panel_hides_and_comes_back() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    h.get_by_label("Speakers");
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    assert!(h.query_by_label("Speakers").is_none());
    assert!(!h.state().settings().speakers_panel, "remembered in the settings");
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label_contains("Show the speakers panel").click();
    h.run_steps(2);
    h.get_by_label("Speakers");
}

#[test]
fn merging_the_suggestions_moves_no_rename_button() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    let before = h.get_all_by_label("Rename").next().expect("Hakar's Rename").rect();
    h.get_by_label("Merge all 2").click();
    h.run_steps(3);
    assert!(h.query_by_label("Probably the same person").is_none());
    let after = h.get_all_by_label("Rename").next().expect("Hakar's Rename").rect();
    assert_eq!(after, before);
}
