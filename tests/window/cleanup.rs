//! File → Export clean copy… and Edit → Remove fillers…: what will go is shown first; exporting writes a new
//! file and leaves the open transcript alone; removing is one step that Undo takes back.

use crate::support::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use transcript_editor::app::commands::Command;

const VERBATIM: &str =
    "Mia: Welkom, eh, bij de podcast.\nBram: Uhm.\nMia: Eh, we beginnen.\nBram: Goed, hm, dat is het.\n";

#[test]
fn an_exported_clean_copy_leaves_the_open_transcript_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.txt", VERBATIM);
    let mut h = without_dialogs();
    open(&mut h, &path);
    command(&mut h, Command::ExportCleanCopy);
    // What will go, before anything is written.
    h.get_by_label("4 to remove:");
    h.get_by_label("  eh: 2");
    h.get_by_label("  hm: 1");
    h.get_by_label("  uhm: 1");
    h.get_by_label("1 turn of nothing but fillers dropped, 1 joined");
    h.get_by_label("Export…").click();
    h.run_steps(3);
    // Offered beside the transcript, in its format.
    let out = dir.path().join("talk-clean.txt");
    let field = h.get_by_role_and_label(egui::Role::TextInput, "Path:");
    assert_eq!(field.value().as_deref(), Some(out.display().to_string().as_str()));
    press(&mut h, Modifiers::NONE, Key::Enter);
    h.run_steps(3);
    assert_eq!(
        saved(&out),
        "Mia: Welkom, bij de podcast. We beginnen.\nBram: Goed, dat is het.\n"
    );
    assert_eq!(saved(&path), VERBATIM, "the verbatim file is untouched");
    assert_eq!(texts(&h)[1], "Uhm.", "and so is the open transcript");
    assert!(!h.state().doc().expect("open").is_dirty());
    h.get_by_label_contains("Clean copy written to talk-clean.txt");
}

#[test]
fn removing_fillers_in_the_working_transcript_is_one_undoable_step() {
    let (_dir, _path, mut h) = opened(VERBATIM);
    command(&mut h, Command::RemoveFillers);
    h.get_by_label("4 to remove:");
    h.get_by_label("Remove").click();
    h.run_steps(3);
    assert_eq!(texts(&h), ["Welkom, bij de podcast. We beginnen.", "Goed, dat is het."]);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        texts(&h),
        [
            "Welkom, eh, bij de podcast.",
            "Uhm.",
            "Eh, we beginnen.",
            "Goed, hm, dat is het."
        ]
    );
}

#[test]
fn a_users_own_list_replaces_the_languages() {
    let (dir, _path, mut h) = opened(VERBATIM);
    let list = fixture(dir.path(), "fillers.txt", "# ours\nbij de\n");
    command(&mut h, Command::RemoveFillers);
    h.get_by_role_and_label(egui::Role::TextInput, "Or your own list:")
        .click();
    h.run_steps(2);
    h.get_by_role_and_label(egui::Role::TextInput, "Or your own list:")
        .type_text(&list.display().to_string());
    h.run_steps(3);
    h.get_by_label("1 to remove:");
    h.get_by_label("  bij de: 1");
    h.get_by_label("Remove").click();
    h.run_steps(3);
    assert_eq!(texts(&h)[0], "Welkom, eh, podcast.");
    assert_eq!(
        h.state().settings().fillers_file.as_deref(),
        Some(list.as_path()),
        "remembered"
    );
}

#[test]
fn a_click_in_the_window_over_the_turns_does_not_select_the_turn_beneath() {
    let (_dir, _path, mut h) = opened(VERBATIM);
    let selected_before = h.state().turns().current;
    command(&mut h, Command::RemoveFillers);
    // The window lies over the first turns; its text is not a button.
    let label = h.get_by_label("Or your own list:");
    let at = label.rect().center();
    let under = h.state().turns().current;
    click_at(&mut h, at);
    assert_eq!(
        h.state().turns().current,
        under,
        "the turn under the window is not selected"
    );
    assert_eq!(under, selected_before);
}

#[test]
fn apply_rules_shows_each_rules_matches_then_applies_them_as_one_step() {
    let (dir, _path, mut h) = opened("Mia: Bij studytube zei hakar: 40 procent.\nBram: Studytube, ja.\n");
    let rules = fixture(
        dir.path(),
        "huisstijl.txt",
        "# huisstijl\nstudytube => Studytube\nre:(\\d+) procent => $1%\n",
    );
    command(&mut h, Command::ApplyRules);
    h.get_by_label("Give a rule file: one FIND => REPLACE per line.");
    h.get_by_role_and_label(egui::Role::TextInput, "Rule file:").click();
    h.run_steps(2);
    h.get_by_role_and_label(egui::Role::TextInput, "Rule file:")
        .type_text(&rules.display().to_string());
    h.run_steps(3);
    h.get_by_label("line 2: studytube => Studytube: 1 match");
    h.get_by_label("line 3: re:(\\d+) procent => $1%: 1 match");
    h.get_by_label("2 in all");
    h.get_by_label("Apply").click();
    h.run_steps(3);
    assert_eq!(texts(&h), ["Bij Studytube zei hakar: 40%.", "Studytube, ja."]);
    assert_eq!(
        h.state().settings().rules_file.as_deref(),
        Some(rules.as_path()),
        "remembered"
    );
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(texts(&h), ["Bij studytube zei hakar: 40 procent.", "Studytube, ja."]);
    // A bad rule is shown with its line, and nothing can be applied.
    std::fs::write(&rules, "studytube => Studytube\nzonder pijl\n").expect("rules");
    command(&mut h, Command::ApplyRules);
    h.run_steps(2);
    h.get_by_label_contains("huisstijl.txt:2:");
    h.get_by_label("Apply").click();
    h.run_steps(3);
    assert_eq!(
        texts(&h),
        ["Bij studytube zei hakar: 40 procent.", "Studytube, ja."],
        "nothing applied"
    );
}

#[test]
fn fillers_of_a_language_the_transcript_does_not_tell_are_asked_for_not_assumed() {
    // Too few words to tell the language by, and no language said: nothing is removed until one is chosen.
    let (_dir, _path, mut h) = opened("Mia: Hm.\nBram: Uhm, ja.\n");
    command(&mut h, Command::RemoveFillers);
    h.get_by_label_contains("Which language are the fillers in?");
    // A click on Remove does nothing yet.
    h.get_by_label("Remove").click();
    h.run_steps(3);
    assert_eq!(texts(&h).len(), 2, "nothing was removed");
    h.get_by_role_and_label(egui::Role::ComboBox, "Fillers of:").click();
    h.run_steps(2);
    h.get_by_label("Dutch").click();
    h.run_steps(3);
    h.get_by_label("2 to remove:");
    h.get_by_label("Remove").click();
    h.run_steps(3);
    assert_eq!(texts(&h), vec!["Ja.".to_string()]);
}
