//! Everyday edits keep every word: revert after a split, a correction over a doubtful word, an
//! interjection chosen with a double click, two actions on one turn in one frame.

use crate::support::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use transcript_editor::app::Action;
use transcript_editor::app::commands::Command;

const INTERVIEW: &str = r#"{"version": 1, "speakers": [{"id": "S1", "name": "Hakar"}, {"id": "S2", "name": "Mia"}],
  "turns": [
    {"speaker": "S1", "text": "Zeker. Ja. In de praktijk zie je dat.", "start": 10.0, "end": 18.0},
    {"speaker": "S2", "text": "We zagen redstarts, echt waar.", "words": [{"text": "We", "confidence": 0.9},
      {"text": "zagen", "confidence": 0.95}, {"text": "redstarts,", "confidence": 0.3}, {"text": "echt", "confidence": 0.8},
      {"text": "waar.", "confidence": 0.9}]}]}"#;

fn words(h: &egui_kittest::Harness<'static, transcript_editor::app::Editor>) -> usize {
    h.state().doc().expect("open").transcript().word_count()
}

fn command(h: &mut egui_kittest::Harness<'static, transcript_editor::app::Editor>, command: Command) {
    h.state_mut().push(Action::Command(command));
    h.run_steps(3);
}

/// The interview opened in a new window, its first turn split with Ctrl+Enter before `before` characters.
fn interview_split_after(
    before: &str,
) -> (
    tempfile::TempDir,
    egui_kittest::Harness<'static, transcript_editor::app::Editor>,
) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.json", INTERVIEW);
    let mut h = harness();
    open(&mut h, &path);
    edit_at_start(&mut h, "Zeker. Ja. In de praktijk zie je dat.");
    for _ in 0..before.len() {
        press(&mut h, Modifiers::NONE, Key::ArrowRight);
    }
    press(&mut h, Modifiers::COMMAND, Key::Enter);
    (dir, h)
}

#[test]
fn reverting_a_split_turn_doubles_no_word_and_joining_back_gives_the_turn_first_opened() {
    // Ctrl+Enter before "In de praktijk".
    let (_dir, mut h) = interview_split_after("Zeker. Ja. ");
    let before = words(&h);
    assert_eq!(texts(&h)[..2], ["Zeker. Ja.", "In de praktijk zie je dat."]);
    // The first part's own words are as opened: Revert asks, and only joining back is offered.
    press(&mut h, Modifiers::NONE, Key::Escape);
    h.get_by_label("Zeker. Ja.").click();
    h.run_steps(2);
    press(&mut h, Modifiers::NONE, Key::Escape);
    command(&mut h, Command::RevertTurn);
    h.get_by_label("Turn 1 was split");
    assert_eq!(words(&h), before, "asking changes nothing");
    h.get_by_label("Join back as first opened").click();
    h.run_steps(3);
    assert_eq!(texts(&h)[0], "Zeker. Ja. In de praktijk zie je dat.");
    assert_eq!(texts(&h).len(), 2);
    assert_eq!(words(&h), before);
    let t = h.state().doc().expect("open").transcript();
    assert_eq!((t.turns[0].start, t.turns[0].end), (Some(10.0), Some(18.0)));
    // Undo splits it again; typing in the second part and reverting only it puts back its own words.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(texts(&h)[..2], ["Zeker. Ja.", "In de praktijk zie je dat."]);
    h.get_by_label("In de praktijk zie je dat.").click();
    h.run_steps(3);
    press(&mut h, Modifiers::COMMAND, Key::End);
    h.get_by_role(egui::Role::MultilineTextInput).type_text(" Echt.");
    h.run_steps(2);
    press(&mut h, Modifiers::NONE, Key::Escape);
    command(&mut h, Command::RevertTurn);
    h.get_by_label("Only this turn's words").click();
    h.run_steps(3);
    assert_eq!(texts(&h)[..2], ["Zeker. Ja.", "In de praktijk zie je dat."]);
    assert_eq!(words(&h), before, "no word doubled, none lost");
}

#[test]
fn the_changes_view_shows_the_parts_of_a_split_turn_together_and_words_moved_as_moved() {
    let (_dir, mut h) = interview_split_after("Zeker. ");
    press(&mut h, Modifiers::NONE, Key::Escape);
    command(&mut h, Command::ShowChanges);
    h.get_by_label("No turn differs from the text first opened.");
    h.get_by_label("1 turn was split; its words are in the turns listed with it.");
    h.get_by_label("Turns 1, 2 were one turn");
    h.get_by_label("words moved here from turn 1");
    h.get_by_label("Was: Ja. In de praktijk zie je dat.. Now: Ja. In de praktijk zie je dat.");
    assert!(
        h.query_by_label("Revert to original").is_none(),
        "no part's own words changed"
    );
    h.get_by_label("Join back as first opened").click();
    h.run_steps(3);
    assert_eq!(texts(&h)[0], "Zeker. Ja. In de praktijk zie je dat.");
    h.get_by_label("No turn differs from the text first opened.");
    assert!(h.query_by_label_contains("was split").is_none());
}

#[test]
fn a_doubtful_word_corrected_after_f8_keeps_its_comma() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.json", INTERVIEW);
    let mut h = harness();
    open(&mut h, &path);
    press(&mut h, Modifiers::NONE, Key::F8);
    h.run_steps(2);
    let (turn, range) = h.state().turns().selection().expect("a word is selected");
    assert_eq!(&texts(&h)[turn][range], "redstarts", "the word, not its comma");
    h.get_by_role(egui::Role::MultilineTextInput).type_text("roodstaarten");
    h.run_steps(2);
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert_eq!(texts(&h)[1], "We zagen roodstaarten, echt waar.");
    let t = h.state().doc().expect("open").transcript();
    assert_eq!(t.turns[1].words[2].text, "roodstaarten,");
    assert_eq!(t.turns[1].words[2].confidence, None, "corrected: no longer in doubt");
}

#[test]
fn an_interjection_selected_by_a_double_click_takes_its_full_stop_and_is_not_offered_to_its_own_speaker() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.json", INTERVIEW);
    let mut h = harness();
    open(&mut h, &path);
    // A double click on "Ja" selects the word without its full stop.
    let text = texts(&h)[0].clone();
    let at = text.find("Ja.").expect("Ja.");
    h.state_mut().select_in_turn(0, at..at + 2);
    h.run_steps(3);
    press(&mut h, Modifiers::ALT, Key::Enter);
    h.get_by_label("Give \"Ja.\" to");
    assert!(h.query_by_label("1  Hakar").is_none(), "the turn is Hakar's already");
    h.get_by_label("2  Mia");
    press(&mut h, Modifiers::NONE, Key::Num2);
    assert_eq!(texts(&h)[..3], ["Zeker.", "Ja.", "In de praktijk zie je dat."]);
    assert_eq!(speakers_of_turns(&h)[..3], ["Hakar", "Mia", "Hakar"]);
}

#[test]
fn a_move_and_typing_in_one_frame_land_on_the_turn_they_name() {
    let (_dir, _path, mut h) = opened("A: een\nB: twee\nA: drie\n");
    h.get_by_label("drie").click();
    h.run_steps(3);
    let id = h.state().doc().expect("open").transcript().turns[2].id;
    // The turn moves up; the typing of the same frame, made for it where it was, follows it.
    h.state_mut().push(Action::Command(Command::MoveTurnUp));
    h.state_mut().push(Action::SetText {
        turn: id,
        text: "drie vier".into(),
    });
    h.run_steps(3);
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert_eq!(texts(&h), ["een", "drie vier", "twee"]);
}
