//! The window at any size, and the small promises of its fields and commands: the find bar and the status
//! bar within an 800×600 window, the speakers as a column there, turn numbers, where a jump puts its turn,
//! the focus after a refused time, commands with no turn selected, the Changes panel, the message log.

use crate::support::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use transcript_editor::app::commands::Command;
use transcript_editor::app::{Action, Editor};
use transcript_editor::store::Settings;

fn sized(width: f32, height: f32) -> Harness<'static, Editor> {
    Harness::builder().with_size(egui::vec2(width, height)).build_ui_state(
        |ui, editor: &mut Editor| editor.ui(ui),
        Editor::new(Settings::default()).without_file_dialogs(),
    )
}

fn opened_at(width: f32, height: f32, content: &str) -> (tempfile::TempDir, Harness<'static, Editor>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.txt", content);
    let mut h = sized(width, height);
    open(&mut h, &path);
    (dir, h)
}

/// `n` turns of two speakers, each long enough to wrap at 800 pixels.
fn many(n: usize) -> String {
    (1..=n)
        .map(|i| {
            format!(
                "{}: Dit is beurt nummer {i}, met genoeg woorden om te laten zien waar ze staat.\n",
                if i % 2 == 0 { "Mia" } else { "Bram" }
            )
        })
        .collect()
}

#[test]
fn at_800_by_600_the_find_bars_count_and_buttons_are_in_the_window() {
    let (_dir, mut h) = opened_at(800.0, 600.0, FIXTURE);
    press(&mut h, Modifiers::COMMAND, Key::F);
    h.get_by_role_and_label(egui::Role::TextInput, "Find:").type_text("de");
    h.run_steps(3);
    for label in ["Previous", "Next", "Close", "1 match"] {
        let rect = h.get_by_label(label).rect();
        assert!(rect.right() <= 800.0 && rect.bottom() <= 600.0, "{label} at {rect:?}");
    }
}

#[test]
fn at_800_by_600_the_status_bar_keeps_within_the_window_and_tells_all_on_hover() {
    let (_dir, mut h) = opened_at(800.0, 600.0, &many(30));
    h.state_mut().push(Action::Notify(
        "A long message that would not fit beside everything else the status bar says at this width".into(),
    ));
    h.run_steps(3);
    for label in ["talk.txt", "Saved", "30 turns"] {
        let rect = h.get_by_label(label).rect();
        assert!(rect.right() <= 800.0, "{label} at {rect:?}");
    }
    let message = h.get_by_label_contains("A long message").rect();
    assert!(
        message.right() <= 800.0,
        "the message is cut at the window's edge: {message:?}"
    );
    assert!(
        h.state().messages().iter().any(|m| m.starts_with("A long message")),
        "and kept whole"
    );
    // In a wide window, everything fits.
    let (_dir, h) = opened_at(1600.0, 900.0, &many(30));
    h.get_by_label("Plain text");
    h.get_by_label("UTF-8");
}

#[test]
fn below_900_pixels_the_speakers_are_a_column_of_colours_and_numbers() {
    let (_dir, h) = opened_at(800.0, 600.0, FIXTURE);
    assert!(h.query_by_label("Speakers").is_none(), "no full panel");
    let hakar = h.get_by_label("Go to Hakar's next turn").rect();
    assert!(hakar.width() < 60.0 && hakar.right() <= 800.0, "{hakar:?}");
    let (_dir, h) = opened_at(1280.0, 800.0, FIXTURE);
    h.get_by_label("Speakers");
}

#[test]
fn each_turn_shows_its_number_in_a_gutter_unless_turned_off() {
    let (_dir, mut h) = opened_at(1280.0, 800.0, FIXTURE);
    let number = h.get_by_label("Turn number 3").rect();
    let chip = h.get_by_label("Speaker of turn 3: H").rect();
    assert!(number.right() <= chip.left(), "the number stands before the turn");
    h.state_mut().push(Action::Command(Command::ShowTurnNumbers));
    h.run_steps(3);
    assert!(h.query_by_label("Turn number 3").is_none());
}

#[test]
fn go_to_puts_the_turn_in_the_upper_third_of_the_view() {
    let (_dir, mut h) = opened_at(1280.0, 800.0, &many(200));
    h.state_mut().push(Action::GoTo("150".into()));
    h.run_steps(4);
    let row = h.get_by_label("Turn number 150").rect();
    assert!(
        row.top() > 40.0 && row.top() < 800.0 / 3.0 + 40.0,
        "turn 150 at {row:?}"
    );
}

#[test]
fn a_refused_time_keeps_the_keyboard_in_its_field_with_the_text_selected() {
    let (_dir, mut h) = opened_at(1280.0, 800.0, "[00:00:01.000 - 00:00:04.000] Mia: Een.\n");
    h.get_by_label("Een.").click();
    h.run_steps(2);
    press(&mut h, Modifiers::NONE, Key::Escape);
    h.get_by_label("Times of turn 1: 0:01.0 - 0:04.0").click();
    h.run_steps(2);
    h.get_by_role_and_label(egui::Role::TextInput, "End").focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, "End")
        .type_text("0:00.5");
    h.run_steps(1);
    press(&mut h, Modifiers::NONE, Key::Enter);
    h.get_by_label("The end is before the start");
    h.run_steps(2);
    let end = h.get_by_role_and_label(egui::Role::TextInput, "End");
    assert!(end.accesskit_node().is_focused(), "the End field has the keyboard");
    // Its text is selected: what is typed next replaces it.
    end.type_text("6");
    h.run_steps(1);
    press(&mut h, Modifiers::NONE, Key::Enter);
    let doc = h.state().doc().expect("open");
    assert_eq!(doc.transcript().turns[0].end, Some(6.0));
}

#[test]
fn ctrl_m_with_no_turn_selected_marks_the_first_turn_in_view_and_selects_it() {
    let (_dir, mut h) = opened_at(1280.0, 800.0, FIXTURE);
    assert_eq!(h.state().turns().current, None);
    press(&mut h, Modifiers::COMMAND, Key::M);
    let doc = h.state().doc().expect("open");
    assert!(doc.transcript().turns[0].reviewed, "the first turn in view");
    assert_eq!(h.state().turns().current, Some(1), "marked, and on to the next");
}

#[test]
fn the_changes_panel_stands_beside_the_turns_and_keeps_its_places_after_a_revert() {
    let content = "Mia: een twee drie vier vijf zes zeven acht negen tien elf twaalf.\nBram: Dank je wel.\nMia: Tot ziens allemaal.\n";
    let (_dir, mut h) = opened_at(1280.0, 800.0, content);
    let ids: Vec<_> = h
        .state()
        .doc()
        .expect("open")
        .transcript()
        .turns
        .iter()
        .map(|t| t.id)
        .collect();
    h.state_mut().push(Action::SetText {
        turn: ids[0],
        text: "Nou een twee drie vier vijf zes zeven acht negen tien elf twaalf.".into(),
    });
    h.state_mut().push(Action::SetText {
        turn: ids[2],
        text: "Tot ziens allemaal. Dag.".into(),
    });
    h.run_steps(2);
    h.state_mut().push(Action::Command(Command::ShowChanges));
    h.run_steps(3);
    let panel = h.get_by_label("Changes").rect();
    let turn = h.get_by_label("Tot ziens allemaal. Dag.").rect();
    assert!(
        turn.right() <= panel.left(),
        "the panel does not cover the turns: {turn:?} {panel:?}"
    );
    let reverts: Vec<egui::Rect> = h.get_all_by_label("Revert to original").map(|n| n.rect()).collect();
    assert_eq!(reverts.len(), 2);
    h.get_all_by_label("Revert to original").next().expect("first").click();
    h.run_steps(3);
    h.get_by_label("Turn 1 is as first opened (Undo puts the change back)");
    let after: Vec<egui::Rect> = h.get_all_by_label("Revert to original").map(|n| n.rect()).collect();
    assert_eq!(after, [reverts[1]], "the next button has not moved");
}

#[test]
fn a_message_is_kept_in_view_messages() {
    let (_dir, mut h) = opened_at(1280.0, 800.0, FIXTURE);
    h.state_mut().push(Action::Notify("Eerste bericht".into()));
    h.run_steps(2);
    h.state_mut().push(Action::Notify("Tweede bericht".into()));
    h.run_steps(2);
    h.state_mut().push(Action::Command(Command::ShowMessages));
    h.run_steps(3);
    let first = h.get_by_label("Eerste bericht").rect();
    let second = h.get_all_by_label("Tweede bericht").last().expect("in the log").rect();
    assert!(second.top() < first.top(), "newest first");
}

#[test]
fn the_path_field_shows_its_folder_and_completes_names_with_tab() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.txt", FIXTURE);
    fixture(dir.path(), "interview-mia.json", "{}");
    let mut h = sized(1280.0, 800.0);
    open(&mut h, &path);
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(3);
    h.get_by_label("Save the transcript as");
    h.get_by_label(&format!("In: {}", dir.path().display()));
    let field = h.get_by_role_and_label(egui::Role::TextInput, "Path:");
    field.focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    let typed = format!("{}/interv", dir.path().display());
    h.get_by_role_and_label(egui::Role::TextInput, "Path:")
        .type_text(&typed);
    h.run_steps(1);
    press(&mut h, Modifiers::NONE, Key::Tab);
    let field = h.get_by_role_and_label(egui::Role::TextInput, "Path:");
    let expected = format!("{}/interview-mia.json", dir.path().display());
    assert_eq!(field.value().as_deref(), Some(expected.as_str()));
}
