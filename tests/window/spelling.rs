//! Spelling in the window, with Debian's Dutch dictionary: red lines under misspelled words, the menu on a
//! word (suggestions, glossaries, ignore), F7 through the transcript, View → Spelling, no dictionary.

#[path = "../common/tools.rs"]
mod tools;

use crate::support::*;
use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use tools::dutch_dictionary;
use transcript_editor::app::{Action, Editor};
use transcript_editor::store::Settings;

/// Four Dutch turns of our own: three misspellings (organisatei, lerren, eigelijk) and a doubtful word.
const GESPREK: &str = r#"{"version": 1, "language": "nl",
  "speakers": [{"id": "S1", "name": "Hakar"}, {"id": "S2", "name": "Mia"}],
  "turns": [
    {"speaker": "S1", "text": "Vandaag praten we over de organisatei van trainingen."},
    {"speaker": "S2", "text": "Hakar, wij helpen mensen beter te lerren."},
    {"speaker": "S1", "text": "dat is zeker zo", "words": [{"text": "dat", "confidence": 0.9},
      {"text": "is", "confidence": 0.95}, {"text": "zeker", "confidence": 0.3}, {"text": "zo", "confidence": 0.8}]},
    {"speaker": "S2", "text": "Dat is eigelijk het hele geheim."}]}"#;

/// A window with a user glossary of its own (never the user's), `content` opened from `talk.json`, and the
/// dictionary read.
fn spelling_window(content: &str) -> (tempfile::TempDir, std::path::PathBuf, Harness<'static, Editor>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.json", content);
    let mine = dir.path().join("config").join("glossary.txt");
    let mut h = Harness::builder().with_size(egui::vec2(1280.0, 800.0)).build_ui_state(
        |ui, editor: &mut Editor| editor.ui(ui),
        Editor::new(Settings::default()).with_user_glossary(mine),
    );
    open(&mut h, &path);
    wait_for(&mut h, "Spelling: Dutch");
    (dir, path, h)
}

/// Runs frames until the status bar (or anything) shows `label`: a dictionary is read on a worker.
fn wait_for(h: &mut Harness<'static, Editor>, label: &str) {
    for _ in 0..1000 {
        h.step();
        if h.query_all_by_label_contains(label).next().is_some() {
            h.run_steps(2);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("{label:?} never showed");
}

/// The words underlined in red (misspelled), apart from the doubtful words' colour.
fn misspelled(h: &Harness<'static, Editor>) -> Vec<String> {
    let warn = h.ctx.global_style().visuals.warn_fg_color;
    underlines(h)
        .into_iter()
        .filter(|(_, c)| *c != warn)
        .map(|(w, _)| w)
        .collect()
}

/// Where `word` is painted on the screen: the middle of its first character.
fn position_of(h: &Harness<'static, Editor>, word: &str) -> Pos2 {
    for clipped in &h.output().shapes {
        if let egui::Shape::Text(text) = &clipped.shape
            && let Some(at) = text.galley.job.text.find(word)
        {
            let chars = text.galley.job.text[..at].chars().count();
            let rect = text.galley.pos_from_cursor(egui::text::CCursor::new(chars));
            return text.pos + rect.center().to_vec2() + egui::vec2(3.0, 0.0);
        }
    }
    panic!("{word:?} is not painted");
}

/// A right click on the painted `word`.
fn right_click(h: &mut Harness<'static, Editor>, word: &str) {
    let pos = position_of(h, word);
    press_at(h, pos, egui::PointerButton::Secondary);
    h.run_steps(1);
}

/// F7 (or Shift+F7), and the frames the turn's editor takes to show the selected word.
fn f7(h: &mut Harness<'static, Editor>, modifiers: Modifiers) {
    press(h, modifiers, Key::F7);
    h.run_steps(2);
}

fn selected(h: &Harness<'static, Editor>) -> Option<(usize, String)> {
    let (turn, range) = h.state().turns().selection()?;
    let text = &h.state().doc()?.transcript().turns[turn].text;
    Some((turn, text[range].to_string()))
}

#[test]
fn misspelled_words_are_underlined_in_red_in_the_list_and_while_edited() {
    if !dutch_dictionary() {
        return;
    }
    let (_dir, _path, mut h) = spelling_window(GESPREK);
    assert_eq!(misspelled(&h), ["organisatei", "lerren", "eigelijk"]);
    let doubtful: Vec<String> = underlines(&h)
        .into_iter()
        .filter(|(_, c)| *c == h.ctx.global_style().visuals.warn_fg_color)
        .map(|(w, _)| w)
        .collect();
    assert_eq!(doubtful, ["zeker"], "doubtful words keep their own colour");
    h.get_by_label("Hakar, wij helpen mensen beter te lerren.").click();
    h.run_steps(2);
    assert_eq!(h.state().turns().editing.as_ref().map(|e| e.turn), Some(1));
    assert_eq!(
        misspelled(&h),
        ["organisatei", "lerren", "eigelijk"],
        "the editor shows the line too"
    );
}

#[test]
fn a_suggestion_from_the_menu_on_the_word_corrects_it_as_one_undoable_step() {
    if !dutch_dictionary() {
        return;
    }
    let (_dir, _path, mut h) = spelling_window(GESPREK);
    right_click(&mut h, "organisatei");
    wait_for(&mut h, "organisatie");
    h.get_by_label("organisatie").click();
    h.run_steps(3);
    assert_eq!(texts(&h)[0], "Vandaag praten we over de organisatie van trainingen.");
    assert_eq!(misspelled(&h), ["lerren", "eigelijk"]);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(texts(&h)[0], "Vandaag praten we over de organisatei van trainingen.");
    // A right click on a word that is spelled right opens no menu.
    right_click(&mut h, "trainingen");
    assert!(h.query_by_label("Ignore \"trainingen\"").is_none());
}

#[test]
fn add_to_glossary_asks_which_and_writes_it_and_ignore_lasts_the_session() {
    if !dutch_dictionary() {
        return;
    }
    let (dir, path, mut h) = spelling_window(GESPREK);
    right_click(&mut h, "lerren");
    h.get_by_label("Add \"lerren\" to my glossary").click();
    h.run_steps(3);
    let mine = dir.path().join("config").join("glossary.txt");
    assert_eq!(saved(&mine), "lerren\n");
    assert_eq!(misspelled(&h), ["organisatei", "eigelijk"]);
    right_click(&mut h, "eigelijk");
    h.get_by_label("Add \"eigelijk\" to this transcript's glossary").click();
    h.run_steps(3);
    assert_eq!(saved(&dir.path().join("talk.glossary.txt")), "eigelijk\n");
    assert_eq!(misspelled(&h), ["organisatei"]);
    right_click(&mut h, "organisatei");
    h.get_by_label("Ignore \"organisatei\"").click();
    h.run_steps(3);
    assert!(misspelled(&h).is_empty());
    assert_eq!(
        texts(&h)[0],
        "Vandaag praten we over de organisatei van trainingen.",
        "nothing changed"
    );
    // Another window (without the user's glossary) reads the transcript's own glossary; ignoring was for
    // the session that said it.
    let mut again = harness();
    open(&mut again, &path);
    wait_for(&mut again, "Spelling: Dutch");
    assert_eq!(misspelled(&again), ["organisatei", "lerren"]);
}

#[test]
fn f7_and_shift_f7_select_the_misspelled_words_round_the_transcript() {
    if !dutch_dictionary() {
        return;
    }
    let (_dir, _path, mut h) = spelling_window(GESPREK);
    f7(&mut h, Modifiers::NONE);
    assert_eq!(selected(&h), Some((0, "organisatei".to_string())));
    f7(&mut h, Modifiers::NONE);
    assert_eq!(selected(&h), Some((1, "lerren".to_string())));
    f7(&mut h, Modifiers::NONE);
    assert_eq!(
        selected(&h),
        Some((3, "eigelijk".to_string())),
        "past turns without misspellings"
    );
    f7(&mut h, Modifiers::NONE);
    assert_eq!(selected(&h), Some((0, "organisatei".to_string())), "round the end");
    f7(&mut h, Modifiers::SHIFT);
    assert_eq!(
        selected(&h),
        Some((3, "eigelijk".to_string())),
        "and back round the start"
    );
    // Typing replaces the selected word; Ctrl+Period on the next offers its suggestions by keyboard.
    h.get_by_role(egui::Role::MultilineTextInput).type_text("eigenlijk");
    h.run_steps(2);
    assert_eq!(texts(&h)[3], "Dat is eigenlijk het hele geheim.");
    f7(&mut h, Modifiers::NONE);
    assert_eq!(selected(&h), Some((0, "organisatei".to_string())));
    press(&mut h, Modifiers::COMMAND, Key::Period);
    h.run_steps(2);
    wait_for(&mut h, "organisatie");
    h.get_by_label("organisatie").click();
    h.run_steps(3);
    assert_eq!(texts(&h)[0], "Vandaag praten we over de organisatie van trainingen.");
}

#[test]
fn ignoring_the_word_f7_selected_goes_back_to_typing_after_it_and_f7_goes_on() {
    if !dutch_dictionary() {
        return;
    }
    let (_dir, _path, mut h) = spelling_window(GESPREK);
    f7(&mut h, Modifiers::NONE);
    assert_eq!(selected(&h), Some((0, "organisatei".to_string())));
    press(&mut h, Modifiers::COMMAND, Key::Period);
    wait_for(&mut h, "organisatie");
    h.get_by_label("Ignore \"organisatei\"").click();
    h.run_steps(3);
    let editing = h.state().turns().editing.as_ref().map(|e| (e.turn, e.cursor));
    let after = "Vandaag praten we over de organisatei".chars().count();
    assert_eq!(editing, Some((0, Some((after, after)))), "typing again, after the word");
    f7(&mut h, Modifiers::NONE);
    assert_eq!(selected(&h), Some((1, "lerren".to_string())));
    // Escape closes a menu opened by a key, and the word's turn is edited again.
    press(&mut h, Modifiers::COMMAND, Key::Period);
    wait_for(&mut h, "leren");
    press(&mut h, Modifiers::NONE, Key::Escape);
    h.run_steps(2);
    assert!(h.query_by_label("Ignore \"lerren\"").is_none(), "the menu closed");
    assert_eq!(h.state().turns().editing.as_ref().map(|e| e.turn), Some(1));
}

#[test]
fn f7_finds_a_word_far_into_a_long_transcript_on_a_worker() {
    if !dutch_dictionary() {
        return;
    }
    let mut turns: Vec<String> = (0..3000)
        .map(|_| r#"{"speaker": "S1", "text": "Dat is een goede vraag over het werk van vandaag."}"#.to_string())
        .collect();
    turns[2400] = r#"{"speaker": "S1", "text": "Dat is een goede vraag over het wekr van vandaag."}"#.to_string();
    let json = format!(
        r#"{{"version": 1, "language": "nl", "speakers": [{{"id": "S1", "name": "Mia"}}], "turns": [{}]}}"#,
        turns.join(",")
    );
    let (_dir, _path, mut h) = spelling_window(&json);
    press(&mut h, Modifiers::NONE, Key::F7);
    for _ in 0..1000 {
        if selected(&h).is_some() {
            break;
        }
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert_eq!(selected(&h), Some((2400, "wekr".to_string())));
}

#[test]
fn without_a_dictionary_the_status_bar_says_so_and_nothing_else_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.json", &GESPREK.replace("\"nl\"", "\"tlh\""));
    let mut h = harness();
    open(&mut h, &path);
    wait_for(&mut h, "No spelling dictionary for tlh (tlh)");
    assert!(misspelled(&h).is_empty());
    press(&mut h, Modifiers::NONE, Key::F7);
    assert!(selected(&h).is_none());
    h.get_by_label("Hakar, wij helpen mensen beter te lerren.").click();
    h.run_steps(2);
    h.get_by_role(egui::Role::MultilineTextInput).type_text("Ja. ");
    h.run_steps(2);
    assert!(texts(&h)[1].contains("Ja. "), "editing goes on");
}

#[test]
fn the_language_of_a_transcript_that_does_not_say_it_is_guessed_from_its_words() {
    if !dutch_dictionary() {
        return;
    }
    let (_dir, _path, mut h) = opened("Mia: Ik heb het niet gezien, maar het is eigelijk wel een mooi verhaal.\n");
    wait_for(&mut h, "Spelling: Dutch (guessed)");
    assert_eq!(misspelled(&h), ["eigelijk"]);
}

#[test]
fn view_spelling_chooses_the_language_of_a_transcript_that_does_not_say_it() {
    if !dutch_dictionary() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.txt", "Mia: Dat is eigelijk het hele geheim.\n");
    let mut h = harness();
    open(&mut h, &path);
    h.get_by_label_contains("Spelling: no language");
    assert!(misspelled(&h).is_empty());
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Spelling").hover();
    h.run_steps(2);
    h.get_by_label("Dutch  (nl)").click();
    h.run_steps(2);
    wait_for(&mut h, "Spelling: Dutch");
    assert_eq!(misspelled(&h), ["eigelijk"]);
    h.state_mut().push(Action::SetSpellLanguage(None));
    h.run_steps(3);
    assert!(h.query_all_by_label_contains("Spelling not checked").next().is_some());
    assert!(misspelled(&h).is_empty());
}
