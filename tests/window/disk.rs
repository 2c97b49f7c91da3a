//! Changes another program makes to the open file.

use crate::support::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

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
        Some(&transcript_editor::app::actions::SaveQuestion::ChangedOnDisk)
    );
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert_eq!(saved(&path), theirs, "cancel leaves the other program's version");
    assert!(h.state().doc().expect("open").is_dirty());

    press(&mut h, Modifiers::COMMAND, Key::S);
    h.get_by_label("Overwrite").click();
    h.run_steps(2);
    assert!(saved(&path).contains("Mia: Precies."), "{}", saved(&path));
    assert!(!h.state().doc().expect("open").is_dirty());
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
