//! What every window test shares: a window of the usual size, a transcript opened in it, key presses.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use transcript_editor::app::Editor;
use transcript_editor::store::Settings;

pub const FIXTURE: &str = "Hakar: Welkom bij de podcast.\nMia: Dank je.\nH: Zeker. Ja.\nM: Precies.\n";

pub fn harness() -> Harness<'static, Editor> {
    Harness::builder().with_size(egui::vec2(1280.0, 800.0)).build_ui_state(
        |ui, editor: &mut Editor| editor.ui(ui),
        Editor::new(Settings::default()),
    )
}

pub fn fixture(dir: &Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).expect("write fixture");
    path
}

/// A transcript written to `talk.txt` in a new folder and opened in a new window.
pub fn opened(content: &str) -> (tempfile::TempDir, PathBuf, Harness<'static, Editor>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.txt", content);
    let mut h = harness();
    open(&mut h, &path);
    (dir, path, h)
}

/// Opens a file as the window does (on a worker thread) and waits until it is shown.
pub fn open(h: &mut Harness<'static, Editor>, path: &Path) {
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

pub fn press(h: &mut Harness<'static, Editor>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run_steps(2);
}

pub fn saved(path: &Path) -> String {
    std::fs::read_to_string(path).expect("file on disk")
}

/// The open document's turns as they are now.
pub fn turns<'a>(h: &'a Harness<'static, Editor>) -> &'a [transcript_editor::model::Turn] {
    &h.state().doc().expect("open").transcript().turns
}

pub fn texts(h: &Harness<'static, Editor>) -> Vec<String> {
    turns(h).iter().map(|t| t.text.clone()).collect()
}

pub fn speakers_of_turns(h: &Harness<'static, Editor>) -> Vec<String> {
    let t = &h.state().doc().expect("open").transcript();
    t.turns
        .iter()
        .map(|x| t.speaker_name(x.speaker.as_ref()).unwrap_or("-").to_string())
        .collect()
}

/// Clicks a turn's text and puts the cursor at its start.
pub fn edit_at_start(h: &mut Harness<'static, Editor>, text: &str) {
    h.get_by_label(text).click();
    h.run_steps(3);
    press(h, Modifiers::COMMAND, Key::Home);
}

pub fn harness_with_recovery(state: &Path) -> Harness<'static, Editor> {
    Harness::builder().with_size(egui::vec2(1280.0, 800.0)).build_ui_state(
        |ui, editor: &mut Editor| editor.ui(ui),
        Editor::new(Settings::default())
            .without_file_dialogs()
            .with_recovery(state.to_path_buf()),
    )
}

/// A primary click at a point of the window, as a mouse makes it.
pub fn click_at(h: &mut Harness<'static, Editor>, pos: egui::Pos2) {
    press_at(h, pos, egui::PointerButton::Primary);
}

/// A click of `button` at a point of the window, as a mouse makes it.
pub fn press_at(h: &mut Harness<'static, Editor>, pos: egui::Pos2, button: egui::PointerButton) {
    h.event(egui::Event::PointerMoved(pos));
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button,
            pressed,
            modifiers: Modifiers::default(),
        });
    }
    h.run_steps(2);
}

/// The words painted with a line under them in the last frame (in the list and in the turn's editor), with
/// the line's colour.
pub fn underlines(h: &Harness<'static, Editor>) -> Vec<(String, egui::Color32)> {
    let mut words = Vec::new();
    for clipped in &h.output().shapes {
        if let egui::Shape::Text(text) = &clipped.shape {
            let job = &text.galley.job;
            for section in &job.sections {
                if section.format.underline.width > 0.0 {
                    let range = section.byte_range.start.0..section.byte_range.end.0;
                    words.push((job.text[range].to_string(), section.format.underline.color));
                }
            }
        }
    }
    words
}

/// A window of the usual size that never shows a native file dialog (the path field stands in).
pub fn without_dialogs() -> Harness<'static, Editor> {
    Harness::builder().with_size(egui::vec2(1280.0, 800.0)).build_ui_state(
        |ui, editor: &mut Editor| editor.ui(ui),
        Editor::new(Settings::default()).without_file_dialogs(),
    )
}

/// A command given as its menu entry gives it.
pub fn command(h: &mut Harness<'static, Editor>, command: transcript_editor::app::commands::Command) {
    h.state_mut().push(transcript_editor::app::Action::Command(command));
    h.run_steps(3);
}

/// Steps the window until `done` or `limit` has passed (work on a worker thread: a file written, an
/// alignment made).
pub fn wait_until(
    h: &mut Harness<'static, Editor>,
    limit: std::time::Duration,
    done: impl Fn(&Harness<'static, Editor>) -> bool,
) {
    let started = std::time::Instant::now();
    while !done(h) && started.elapsed() < limit {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}
