//! Reviewing: marking turns as checked against the recording, going on to the next, and the count.

use crate::support::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

const JSON: &str = r#"{"version": 1, "speakers": [{"id": "S1", "name": "Mia"}, {"id": "S2", "name": "Bram"}],
  "turns": [{"speaker": "S1", "text": "Een."}, {"speaker": "S2", "text": "Twee."},
            {"speaker": "S1", "text": "Drie.", "reviewed": true}, {"speaker": "S2", "text": "Vier."}]}"#;

#[test]
fn ctrl_m_marks_a_turn_reviewed_and_goes_on_and_the_status_bar_counts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.json", JSON);
    let mut h = harness();
    open(&mut h, &path);
    h.get_by_label("Reviewed 1/4");
    assert_eq!(h.query_all_by_label("reviewed").count(), 1, "the file's mark is shown");
    h.get_by_label("Een.").click();
    h.run_steps(2);
    press(&mut h, Modifiers::COMMAND, Key::M);
    assert_eq!(h.state().turns().current, Some(1), "on to the next turn");
    h.get_by_label("Reviewed 2/4");
    assert_eq!(h.query_all_by_label("reviewed").count(), 2);
    // The next turn not reviewed, past the one that is.
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::M);
    assert_eq!(h.state().turns().current, Some(3));
    // Undo takes the mark off again.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    h.get_by_label("Reviewed 1/4");
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.get_by_label("Reviewed 2/4");
    // On a reviewed turn the key takes the mark off, and stays.
    h.get_by_label("Drie.").click();
    h.run_steps(2);
    press(&mut h, Modifiers::COMMAND, Key::M);
    assert_eq!(h.state().turns().current, Some(2));
    h.get_by_label("Reviewed 1/4");
    press(&mut h, Modifiers::COMMAND, Key::S);
    let saved: serde_json::Value = serde_json::from_str(&saved(&path)).expect("JSON");
    let marks: Vec<bool> = (0..4).map(|i| saved["turns"][i]["reviewed"] == true).collect();
    assert_eq!(marks, [true, false, false, false]);
    assert!(saved["turns"][1].get("reviewed").is_none(), "only a mark is written");
}

/// Three turns with word confidences: "zeker" (0.3) and "misschien" (0.5) are doubtful, the rest are not.
const WORDS: &str = r#"{"version": 1, "speakers": [{"id": "S1", "name": "Mia"}],
  "turns": [
    {"speaker": "S1", "text": "dat is zeker zo", "words": [{"text": "dat", "confidence": 0.9},
      {"text": "is", "confidence": 0.95}, {"text": "zeker", "confidence": 0.3}, {"text": "zo", "confidence": 0.8}]},
    {"speaker": "S1", "text": "geen twijfel", "words": [{"text": "geen", "confidence": 0.9}, {"text": "twijfel", "confidence": 0.99}]},
    {"speaker": "S1", "text": "misschien wel", "words": [{"text": "misschien", "confidence": 0.5}, {"text": "wel", "confidence": 0.9}]}]}"#;

/// F8 (or Shift+F8), and the frames the turn's editor takes to show the selected word.
fn doubtful(h: &mut egui_kittest::Harness<'static, transcript_editor::app::Editor>, modifiers: Modifiers) {
    press(h, modifiers, Key::F8);
    h.run_steps(2);
}

fn selected(h: &egui_kittest::Harness<'static, transcript_editor::app::Editor>) -> Option<(usize, String)> {
    let (turn, range) = h.state().turns().selection()?;
    let text = &h.state().doc()?.transcript().turns[turn].text;
    Some((turn, text[range].to_string()))
}

#[test]
fn f8_selects_each_doubtful_word_in_turn_and_a_corrected_word_is_doubted_no_more() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.json", WORDS);
    let mut h = harness();
    open(&mut h, &path);
    h.get_by_label("dat is zeker zo").click();
    h.run_steps(2);
    press(&mut h, Modifiers::NONE, Key::Escape);
    doubtful(&mut h, Modifiers::NONE);
    assert_eq!(selected(&h), Some((0, "zeker".to_string())));
    doubtful(&mut h, Modifiers::NONE);
    assert_eq!(
        selected(&h),
        Some((2, "misschien".to_string())),
        "past the turn without doubt"
    );
    doubtful(&mut h, Modifiers::SHIFT);
    assert_eq!(selected(&h), Some((0, "zeker".to_string())));
    // Typing over the selected word corrects it: it keeps no doubt.
    h.get_by_role(egui::Role::MultilineTextInput).type_text("echt");
    h.run_steps(2);
    press(&mut h, Modifiers::NONE, Key::Escape);
    let t = h.state().doc().expect("open").transcript();
    assert_eq!(t.turns[0].text, "dat is echt zo");
    assert_eq!(t.turns[0].words[2].confidence, None);
    h.get_by_label("dat is echt zo").click();
    h.run_steps(2);
    press(&mut h, Modifiers::NONE, Key::Escape);
    doubtful(&mut h, Modifiers::NONE);
    assert_eq!(selected(&h), Some((2, "misschien".to_string())));
    // A reviewed turn's words are checked: F8 finds none left.
    press(&mut h, Modifiers::NONE, Key::Escape);
    press(&mut h, Modifiers::COMMAND, Key::M);
    doubtful(&mut h, Modifiers::NONE);
    assert_eq!(selected(&h), None);
    h.get_by_label_contains("No word is under 60% sure");
}

#[test]
fn a_file_opened_again_goes_back_to_the_turn_the_user_was_at() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.json", JSON);
    let places = dir.path().join("state").join("places.json");
    let new_window = || {
        egui_kittest::Harness::builder()
            .with_size(egui::vec2(1280.0, 800.0))
            .build_ui_state(
                |ui, editor: &mut transcript_editor::app::Editor| editor.ui(ui),
                transcript_editor::app::Editor::new(transcript_editor::store::Settings::default())
                    .without_file_dialogs()
                    .with_places(&places),
            )
    };
    let mut h = new_window();
    open(&mut h, &path);
    assert_eq!(h.state().turns().current, None, "a file never opened starts at the top");
    h.get_by_label("Drie.").click();
    h.run_steps(2);
    press(&mut h, Modifiers::COMMAND, Key::W);
    assert!(h.state().doc().is_none(), "closed");
    // Another day, another window: the same file opens at the third turn.
    let mut h = new_window();
    open(&mut h, &path);
    assert_eq!(h.state().turns().current, Some(2));
}

#[test]
fn changes_are_listed_against_the_text_first_opened_and_a_turn_is_reverted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.json", JSON);
    let mut h = harness();
    open(&mut h, &path);
    assert!(h.query_by_label_contains("changed").is_none(), "nothing changed yet");
    h.get_by_label("Twee.").click();
    h.run_steps(2);
    h.get_by_role(egui::Role::MultilineTextInput).type_text(" En drie");
    h.run_steps(2);
    press(&mut h, Modifiers::NONE, Key::Escape);
    h.get_by_label("1 turn changed");
    h.state_mut().push(transcript_editor::app::Action::Command(
        transcript_editor::app::commands::Command::ShowChanges,
    ));
    h.run_steps(3);
    h.get_by_label("1 turn differs from the text first opened.");
    h.get_by_label("Was: Twee.. Now: Twee. En drie");
    h.get_by_label("Revert to original").click();
    h.run_steps(3);
    let t = h.state().doc().expect("open").transcript();
    assert_eq!(t.turns[1].text, "Twee.");
    h.get_by_label("No turn differs from the text first opened.");
    // Reverting is undone like any change; the JSON keeps the original of a changed turn only.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    h.get_by_label("1 turn changed");
    press(&mut h, Modifiers::COMMAND, Key::S);
    let saved: serde_json::Value = serde_json::from_str(&saved(&path)).expect("JSON");
    assert_eq!(saved["turns"][1]["original"], "Twee.");
    assert_eq!(saved["turns"][1]["text"], "Twee. En drie");
    assert!(saved["turns"][0].get("original").is_none());
}

/// The words painted with an underline in the last frame (doubtful words), in the list and in the editor.
fn underlined(h: &egui_kittest::Harness<'static, transcript_editor::app::Editor>) -> Vec<String> {
    underlines(h).into_iter().map(|(word, _)| word).collect()
}

#[test]
fn doubtful_words_stay_underlined_while_their_turn_is_edited_until_corrected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.json", WORDS);
    let mut h = harness();
    open(&mut h, &path);
    assert_eq!(underlined(&h), ["zeker", "misschien"]);
    h.get_by_label("dat is zeker zo").click();
    h.run_steps(2);
    assert_eq!(h.state().turns().editing.as_ref().map(|e| e.turn), Some(0));
    assert_eq!(underlined(&h), ["zeker", "misschien"], "the editor shows the mark too");
    // Correct the word: select it with F8 (from the list, where nothing is edited) and type over it.
    press(&mut h, Modifiers::NONE, Key::Escape);
    doubtful(&mut h, Modifiers::NONE);
    assert_eq!(selected(&h), Some((0, "zeker".to_string())));
    h.get_by_role(egui::Role::MultilineTextInput).type_text("echt");
    h.run_steps(2);
    assert_eq!(underlined(&h), ["misschien"]);
}

#[test]
fn a_recognition_services_file_opens_with_its_speakers_and_doubtful_words_underlined() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for (file, title, speakers, doubtful) in [
        (
            "amazon-call.json",
            "Amazon Transcribe JSON",
            ["Agent", "Customer"],
            "order",
        ),
        ("deepgram.json", "Deepgram JSON", ["Speaker 0", "Speaker 1"], "Morning"),
        ("speechmatics.json", "Speechmatics JSON", ["S1", "S2"], "Nine"),
        ("azure-batch.json", "Azure Speech JSON", ["Speaker 1", "Speaker 2"], "9"),
    ] {
        let mut h = harness();
        open(&mut h, &fixtures.join(file));
        h.get_by_label(title);
        let shown = speakers_of_turns(&h);
        assert_eq!(&shown[..2], &speakers, "{file}");
        assert!(
            underlined(&h).iter().any(|w| w.contains(doubtful)),
            "{file}: {:?}",
            underlined(&h)
        );
    }
}

#[test]
fn research_tools_and_report_files_open_in_the_window_with_their_speakers() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for (file, first_speakers) in [
        (
            "interview.trs",
            vec!["Mia de Vries", "Hakar", "Mia de Vries", "Hakar", "-"],
        ),
        ("gesprek.cha", vec!["Mia_de_Vries", "Hakar", "Mia_de_Vries", "CHI"]),
        ("meeting-report.docx", vec!["Mia", "Hakar", "Mia"]),
        ("podcast.md", vec!["Emma", "Sam", "Emma"]),
        ("whisper-cpp.json", vec!["-", "-"]),
        ("assemblyai.json", vec!["Speaker A", "Speaker B"]),
        ("revai.json", vec!["Speaker 0", "Noor"]),
        ("google-speech.json", vec!["Speaker 1", "Speaker 2"]),
    ] {
        let mut h = harness();
        open(&mut h, &fixtures.join(file));
        assert_eq!(speakers_of_turns(&h), first_speakers, "{file}");
    }
}

#[test]
fn a_chinese_transcript_is_drawn_with_the_systems_fonts() {
    // As the window does (eframe's `system_fonts`): a character the built-in fonts lack is drawn with a
    // system font. The harness fails on a character no font can draw.
    let mut h = harness();
    h.ctx
        .add_font_provider(std::sync::Arc::new(egui_system_font_provider::SystemFontProvider::new()));
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    open(&mut h, &fixtures.join("interview-zh.txt"));
    assert_eq!(speakers_of_turns(&h), ["-", "访谈者", "受访者", "访谈者", "受访者"]);
    h.get_by_label("今天我们聊一聊城市里的公园。");
    // The speakers panel counts a word per character.
    h.get_by_label("2 turns · 17 words");
}
