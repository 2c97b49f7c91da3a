//! Find and replace.

use crate::support::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

#[test]
fn find_counts_every_match_and_f3_walks_through_them() {
    let (_dir, _path, mut h) = opened("A: ja nee\nB: niets\nA: Ja.\nB: nee ja\n");
    press(&mut h, Modifiers::COMMAND, Key::F);
    h.get_by_role_and_label(egui::Role::TextInput, "Find:").type_text("ja");
    h.run_steps(2);
    h.get_by_label("3 matches");
    press(&mut h, Modifiers::NONE, Key::F3);
    assert_eq!(h.state().turns().current, Some(0));
    h.get_by_label("1 of 3 matches");
    press(&mut h, Modifiers::NONE, Key::F3);
    assert_eq!(h.state().turns().current, Some(2));
    press(&mut h, Modifiers::NONE, Key::F3);
    assert_eq!(h.state().turns().current, Some(3));
    press(&mut h, Modifiers::SHIFT, Key::F3);
    assert_eq!(h.state().turns().current, Some(2));
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
    h.get_by_label("Replaced 2 matches in 2 turns");
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(texts(&h), ["Studytube is fijn.", "studytube!", "Geen."]);
    assert!(!h.state().doc().expect("open").is_dirty());
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
fn the_find_bars_buttons_stay_put_whatever_the_count_says() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    press(&mut h, Modifiers::COMMAND, Key::F);
    h.get_by_role_and_label(egui::Role::TextInput, "Find:").type_text("e");
    h.run_steps(2);
    let close = h.get_by_label("Close").rect();
    press(&mut h, Modifiers::NONE, Key::F3);
    h.get_by_label_contains("1 of");
    assert_eq!(h.get_by_label("Close").rect(), close);
    h.get_by_label("Regex").click();
    h.run_steps(1);
    h.get_by_role_and_label(egui::Role::TextInput, "Find:").focus();
    h.run_steps(1);
    h.get_by_role_and_label(egui::Role::TextInput, "Find:")
        .type_text("((((");
    h.run_steps(2);
    assert_eq!(
        h.get_by_label("Close").rect(),
        close,
        "a long regex error does not push Close away"
    );
}

#[test]
fn undoing_a_merge_goes_to_the_first_turn_it_changed() {
    let (_dir, _path, mut h) = opened("Hakar: Een.\nH: Twee.\nMia: Drie.\nH: Vier.\n");
    h.get_by_label("Merge H into Hakar").click();
    h.run_steps(2);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().turns().current, Some(1));
}
