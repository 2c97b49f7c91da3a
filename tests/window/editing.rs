//! Typing, moving between turns, splitting, joining, inserting and deleting turns, undo.

use crate::support::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

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
fn undo_typing_restores_the_text_and_the_saved_mark() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    h.get_by_label("Precies.").click();
    h.run_steps(2);
    h.get_by_role(egui::Role::MultilineTextInput).type_text("xyz");
    h.run_steps(2);
    assert!(
        h.state().doc().expect("open").transcript().turns[3]
            .text
            .contains("xyz")
    );
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.state().turns().editing.as_ref().map(|e| e.turn),
        Some(3),
        "after an undo of typing the turn is edited again, so End and Delete act in its text"
    );
    let doc = h.state().doc().expect("open");
    assert_eq!(doc.transcript().turns[3].text, "Precies.");
    assert!(!doc.is_dirty());
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert!(
        h.state().doc().expect("open").transcript().turns[3]
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
    assert_eq!(h.state().turns().editing.as_ref().map(|e| e.turn), Some(2));
    press(&mut h, Modifiers::NONE, Key::ArrowUp);
    press(&mut h, Modifiers::NONE, Key::ArrowUp);
    h.run_steps(2);
    assert_eq!(h.state().turns().editing.as_ref().map(|e| e.turn), Some(0));
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.state().turns().editing.is_none());
    assert_eq!(h.state().turns().current, Some(0));
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
    // Keys that act only in one place say where.
    h.get_by_label("Alt+Up  or  Up (in the list)  or  Up (on a turn's first line)");
    h.get_by_label("Backspace (at the start of a turn's text)");
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
        h.state().turns().editing.as_ref().map(|e| e.turn),
        Some(3),
        "the cursor moves into the new turn"
    );
}

#[test]
fn backspace_at_the_start_and_delete_at_the_end_join_turns_of_one_speaker() {
    let (_dir, _path, mut h) = opened("Mia: Een.\nMia: Twee.\nBram: Drie.\nBram: Vier.\n");
    edit_at_start(&mut h, "Twee.");
    press(&mut h, Modifiers::NONE, Key::Backspace);
    assert_eq!(texts(&h), ["Een. Twee.", "Drie.", "Vier."]);
    edit_at_start(&mut h, "Drie.");
    press(&mut h, Modifiers::COMMAND, Key::End);
    press(&mut h, Modifiers::NONE, Key::Delete);
    assert_eq!(texts(&h), ["Een. Twee.", "Drie. Vier."]);
    // The cursor stays at the joint: typing continues where the first turn ended.
    h.get_by_role(egui::Role::MultilineTextInput).type_text("!");
    h.run_steps(2);
    assert_eq!(texts(&h)[1], "Drie.! Vier.");
}

#[test]
fn backspace_never_joins_another_speakers_turn_but_the_menu_does() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    edit_at_start(&mut h, "Dank je.");
    press(&mut h, Modifiers::NONE, Key::Backspace);
    assert_eq!(texts(&h).len(), 4, "Mia's turn is still her own");
    h.get_by_label_contains(
        "Turn 2 is Mia's and turn 1 is Hakar's; to join them, use Join with the turn above in the Turn menu",
    );
    h.get_by_label("Turn").click();
    h.run_steps(2);
    h.get_by_label("Join with the turn above").click();
    h.run_steps(2);
    assert_eq!(texts(&h), ["Welkom bij de podcast. Dank je.", "Zeker. Ja.", "Precies."]);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(texts(&h).len(), 4, "and it is undone in one step");
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
fn undo_goes_back_to_the_turn_that_changed() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    h.get_by_label("Precies.").click();
    h.run_steps(2);
    press(&mut h, Modifiers::ALT, Key::Num1);
    press(&mut h, Modifiers::NONE, Key::Escape);
    h.get_by_label("Welkom bij de podcast.").click();
    h.run_steps(2);
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert_eq!(h.state().turns().current, Some(0));
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().turns().current, Some(3));
    assert_eq!(speakers_of_turns(&h)[3], "M");
}

#[test]
fn page_keys_home_and_end_move_through_a_long_list() {
    let content: String = (1..=200).map(|i| format!("A: Zin nummer {i}.\n")).collect();
    let (_dir, _path, mut h) = opened(&content);
    press(&mut h, Modifiers::NONE, Key::End);
    assert_eq!(h.state().turns().current, Some(199));
    press(&mut h, Modifiers::NONE, Key::PageUp);
    let up = h.state().turns().current.expect("selected");
    assert!((150..199).contains(&up), "a screen up from the last turn is turn {up}");
    press(&mut h, Modifiers::NONE, Key::Home);
    assert_eq!(h.state().turns().current, Some(0));
    press(&mut h, Modifiers::NONE, Key::PageDown);
    let down = h.state().turns().current.expect("selected");
    assert!(
        (5..50).contains(&down),
        "a screen down from the first turn is turn {down}"
    );
    press(&mut h, Modifiers::COMMAND, Key::End);
    assert_eq!(h.state().turns().current, Some(199));
    h.get_by_label("Zin nummer 200.");
}

#[test]
fn backspace_at_the_start_of_the_first_turn_joins_nothing() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    edit_at_start(&mut h, "Welkom bij de podcast.");
    press(&mut h, Modifiers::NONE, Key::Backspace);
    assert_eq!(texts(&h).len(), 4);
    assert_eq!(texts(&h)[0], "Welkom bij de podcast.");
    assert!(!h.state().doc().expect("open").is_dirty());
}

#[test]
fn redo_puts_the_caret_after_the_text_it_puts_back() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    h.get_by_label("Precies.").click();
    h.run_steps(2);
    press(&mut h, Modifiers::NONE, Key::End);
    h.get_by_role(egui::Role::MultilineTextInput).type_text(" Zeker");
    h.run_steps(2);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    // Typing goes on after the redone text.
    h.get_by_role(egui::Role::MultilineTextInput).type_text("!");
    h.run_steps(2);
    assert_eq!(texts(&h)[3], "Precies. Zeker!");
}

#[test]
fn a_click_anywhere_on_a_row_selects_its_turn() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    h.get_by_label("Dank je.").click();
    h.run_steps(2);
    assert_eq!(h.state().turns().editing.as_ref().map(|e| e.turn), Some(1));
    // The row of turn 3, below its speaker chip: outside the chip and the text.
    let chip = h.get_by_label("Speaker of turn 3: H").rect();
    assert!(
        h.get_by_label("Turn 3")
            .rect()
            .contains(chip.left_bottom() + egui::vec2(0.0, 5.0))
    );
    click_at(&mut h, chip.left_bottom() + egui::vec2(0.0, 5.0));
    assert_eq!(h.state().turns().current, Some(2));
    assert!(
        h.state().turns().editing.is_none(),
        "editing turn 2 stopped: {:?}",
        h.state().turns().editing.as_ref().map(|e| e.turn)
    );
    // A click on the text itself still edits it.
    h.get_by_label("Precies.").click();
    h.run_steps(2);
    assert_eq!(h.state().turns().editing.as_ref().map(|e| e.turn), Some(3));
}

#[test]
fn escape_closes_the_topmost_window_then_the_find_bar() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    press(&mut h, Modifiers::COMMAND, Key::F);
    h.get_by_role_and_label(egui::Role::TextInput, "Find:").type_text("ja");
    h.run_steps(2);
    // Escape in the find field leaves the field; the next closes what is on top.
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(
        h.state().find_is_open(),
        "Escape in the find field leaves the field open"
    );
    press(&mut h, Modifiers::NONE, Key::F1);
    assert!(h.state().find_is_open(), "after F1");
    h.get_by_label("Give the turn to speaker 1 … 9");
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(
        h.query_by_label("Give the turn to speaker 1 … 9").is_none(),
        "the shortcuts window closed"
    );
    assert!(h.state().find_is_open(), "the find bar is still open");
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(!h.state().find_is_open(), "then the find bar closed");
}

#[test]
fn one_of_a_thing_is_said_in_the_singular() {
    let (_dir, _path, mut h) = opened("Mia: Hallo.\n");
    h.run_steps(2);
    h.get_by_label("1 turn");
    h.get_by_label("1 word");
    h.get_by_label("1 turn · 1 word");
    press(&mut h, Modifiers::NONE, Key::F1);
    h.get_by_label("Ctrl+=  or  Ctrl+Plus");
}

#[test]
fn a_turn_entering_editing_keeps_its_width_so_lines_do_not_reflow() {
    let long = "Dit is een lange zin die over meerdere regels loopt, zodat de regelafbreking ertoe doet. ".repeat(4);
    let (_dir, _path, mut h) = opened(&format!("Mia: {}\nBram: Ja.\n", long.trim()));
    let painted = h.get_by_label(long.trim()).rect();
    h.get_by_label(long.trim()).click();
    h.run_steps(3);
    let editor = h.get_by_role(egui::Role::MultilineTextInput).rect();
    assert_eq!(
        editor.width(),
        painted.width(),
        "the editor lays out at the painted text's width"
    );
    assert_eq!(editor.left(), painted.left());
    assert_eq!(
        editor.height(),
        painted.height(),
        "and breaks its lines in the same places"
    );
}

#[test]
fn a_turn_moves_up_and_down_by_key_and_back_with_undo() {
    let (_dir, _path, mut h) = opened(FIXTURE);
    h.get_by_label("Zeker. Ja.").click();
    h.run_steps(2);
    press(&mut h, Modifiers::NONE, Key::Escape);
    press(&mut h, Modifiers::ALT | Modifiers::SHIFT, Key::ArrowUp);
    assert_eq!(
        texts(&h),
        ["Welkom bij de podcast.", "Zeker. Ja.", "Dank je.", "Precies."]
    );
    assert_eq!(h.state().turns().current, Some(1), "the moved turn stays selected");
    press(&mut h, Modifiers::ALT | Modifiers::SHIFT, Key::ArrowDown);
    press(&mut h, Modifiers::ALT | Modifiers::SHIFT, Key::ArrowDown);
    assert_eq!(
        texts(&h),
        ["Welkom bij de podcast.", "Dank je.", "Precies.", "Zeker. Ja."]
    );
    press(&mut h, Modifiers::COMMAND, Key::Z);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        texts(&h),
        ["Welkom bij de podcast.", "Dank je.", "Zeker. Ja.", "Precies."]
    );
}

#[test]
fn times_are_shown_and_changed_in_place_with_undo() {
    let (_dir, path, mut h) =
        opened("[00:00:01.000 - 00:00:04.000] Mia: Een.\n[00:00:03.000 - 00:00:06.000] Bram: Twee.\nMia: Drie.\n");
    h.get_by_label("Times of turn 1: 0:01.0 - 0:04.0");
    // Turn 2 starts before turn 1 ends: shown, not refused.
    h.get_by_label("Times of turn 2: 0:03.0 - 0:06.0");
    assert!(
        h.query_by_label("Times of turn 3: add times").is_none(),
        "offered on the current turn only"
    );
    h.get_by_label("Drie.").click();
    h.run_steps(2);
    press(&mut h, Modifiers::NONE, Key::Escape);
    h.get_by_label("Times of turn 3: add times").click();
    h.run_steps(2);
    let start = h.get_by_role_and_label(egui::Role::TextInput, "Start");
    start.type_text("0:09");
    h.run_steps(1);
    h.get_by_role_and_label(egui::Role::TextInput, "End").focus();
    h.run_steps(1);
    h.get_by_role_and_label(egui::Role::TextInput, "End").type_text("8");
    h.run_steps(1);
    press(&mut h, Modifiers::NONE, Key::Enter);
    h.get_by_label("The end is before the start");
    h.get_by_role_and_label(egui::Role::TextInput, "End").focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, "End").type_text("12.5");
    h.run_steps(1);
    press(&mut h, Modifiers::NONE, Key::Enter);
    h.get_by_label("Times of turn 3: 0:09.0 - 0:12.5");
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(
        saved(&path).ends_with("[00:00:09.000 - 00:00:12.500] Mia: Drie.\n"),
        "{}",
        saved(&path)
    );
    press(&mut h, Modifiers::COMMAND, Key::Z);
    h.get_by_label("Drie.");
    let t = h.state().doc().expect("open").transcript();
    assert_eq!((t.turns[2].start, t.turns[2].end), (None, None), "undone");
}

#[test]
fn go_to_a_turn_number_or_a_time() {
    let (_dir, _path, mut h) = opened(
        "[00:00:01.000] Mia: Een.\n[00:01:00.000] Bram: Twee.\n[00:02:00.000] Mia: Drie.\n[00:03:00.000] Bram: Vier.\n",
    );
    let go = |h: &mut egui_kittest::Harness<'static, transcript_editor::app::Editor>, what: &str| {
        press(h, Modifiers::COMMAND, Key::G);
        h.get_by_role_and_label(egui::Role::TextInput, "Turn or time:")
            .type_text(what);
        h.run_steps(1);
        press(h, Modifiers::NONE, Key::Enter);
    };
    go(&mut h, "3");
    assert_eq!(h.state().turns().current, Some(2));
    go(&mut h, "1:30");
    assert_eq!(h.state().turns().current, Some(1), "the turn being spoken at 1:30");
    go(&mut h, "9");
    h.get_by_label_contains("There is no turn 9; the turns are numbered 1 to 4");
    assert_eq!(h.state().turns().current, Some(1));
}
