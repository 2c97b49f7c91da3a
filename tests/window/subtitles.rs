//! File → Export subtitles…, Turn → Shift times… and View → Time precision: what the user sees and what
//! ends up on disk.

use crate::support::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use transcript_editor::app::commands::Command;
use transcript_editor::app::{Action, Editor};
use transcript_editor::formats::time::Precision;

const TIMED: &str = "[00:00:01.000 - 00:00:12.000] Mia: Welkom bij de podcast over leren en ontwikkelen. Vandaag \
    praten we met Hakar over de vraag hoe je in de praktijk een leercultuur opbouwt, en waarom dat in kleine \
    organisaties vaak beter lukt dan in grote.\n\
    [00:00:12.500 - 00:00:13.000] Hakar: Ja.\n\
    [00:00:14.200 - 00:00:16.000] Mia: Fijn dat je er bent.\n";

#[test]
fn exported_subtitles_are_short_cues_of_every_word_and_the_transcript_stays_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.txt", TIMED);
    let mut h = without_dialogs();
    open(&mut h, &path);
    command(&mut h, Command::ExportSubtitles);
    // The preview shows the first cues before anything is written.
    h.get_by_label("The first cues:");
    h.get_by_label("Welkom bij de podcast");
    h.get_by_label("over leren en ontwikkelen.");
    h.get_by_label("These cues keep every rule.");
    h.get_by_label("Export…").click();
    h.run_steps(3);
    let out = dir.path().join("talk.srt");
    let field = h.get_by_role_and_label(egui::Role::TextInput, "Path:");
    assert_eq!(field.value().as_deref(), Some(out.display().to_string().as_str()));
    press(&mut h, Modifiers::NONE, Key::Enter);
    wait_until(&mut h, std::time::Duration::from_secs(2), |h| {
        h.query_by_label_contains("cues written to talk.srt").is_some()
    });
    h.get_by_label_contains("cues written to talk.srt");
    let srt = saved(&out);
    let cues: Vec<&str> = srt.split("\n\n").filter(|c| !c.trim().is_empty()).collect();
    assert!(cues.len() >= 5, "{srt}");
    let mut words = Vec::new();
    for cue in &cues {
        let lines: Vec<&str> = cue.lines().skip(2).collect();
        assert!((1..=2).contains(&lines.len()), "{cue}");
        assert!(lines.iter().all(|l| l.chars().count() <= 42), "{cue}");
        words.extend(lines.iter().flat_map(|l| l.split_whitespace()));
    }
    let spoken: Vec<&str> = TIMED
        .lines()
        .flat_map(|l| l.split_once(": ").map_or("", |(_, text)| text).split_whitespace())
        .collect();
    assert_eq!(words, spoken, "every word once, in order");
    assert_eq!(saved(&path), TIMED, "the transcript's file is untouched");
    assert!(
        !h.state().doc().expect("open").is_dirty(),
        "and so is the open transcript"
    );
}

#[test]
fn a_turn_without_an_end_offers_the_estimate_in_the_window() {
    let (_dir, _path, mut h) = opened("[00:00:01] Mia: Goedemorgen allemaal.\n[00:00:04] Bram: Morgen.\n");
    command(&mut h, Command::ExportSubtitles);
    let message = h
        .get_by_label_contains("has no end time")
        .accesskit_node()
        .value()
        .unwrap_or_default();
    assert!(message.contains("Estimate the ends"), "{message}");
    assert!(!message.contains("--"), "no command-line flag in a window: {message}");
    assert!(h.get_by_label("Export…").accesskit_node().is_disabled());
    h.get_by_label("Estimate the ends of the 2 turns without one (where the next turn starts)")
        .click();
    h.run_steps(3);
    h.get_by_label_contains("1  0:01.0 – 0:04.0");
    assert!(!h.get_by_label("Export…").accesskit_node().is_disabled());
}

#[test]
fn the_preview_marks_a_cue_that_breaks_a_rule() {
    let (_dir, _path, mut h) = opened(
        "[00:00:01.000 - 00:00:01.500] Mia: Onwaarschijnlijkheidsberekeningsmethodologie.\n[00:00:01.500 - 00:00:03.000] Bram: Ja.\n",
    );
    command(&mut h, Command::ExportSubtitles);
    h.get_by_label_contains("Breaks a rule: line 1 too long: 45 characters (limit 42, 3 over)");
    h.get_by_label_contains("Breaks a rule: too fast: 90.0 characters a second (limit 20)");
    h.get_by_label_contains("Breaks a rule: too short on screen: 0.500 s");
}

#[test]
fn shift_times_moves_every_time_as_one_step_and_refuses_a_time_before_the_start() {
    let (_dir, _path, mut h) = opened(TIMED);
    command(&mut h, Command::ShiftTimes);
    let field = h.get_by_role_and_label(egui::Role::TextInput, "Seconds:");
    field.click();
    h.run_steps(2);
    h.get_by_role_and_label(egui::Role::TextInput, "Seconds:")
        .type_text("-2");
    h.run_steps(2);
    h.get_by_label("Shift").click();
    h.run_steps(3);
    h.get_by_label("Turn 1's start (1.000 s) would be at -1.000 s, before the recording starts");
    let times = |h: &Harness<'static, Editor>| -> Vec<(Option<f64>, Option<f64>)> {
        let doc = h.state().doc().expect("open");
        doc.transcript().turns.iter().map(|t| (t.start, t.end)).collect()
    };
    assert_eq!(times(&h)[0], (Some(1.0), Some(12.0)), "nothing moved");
    let field = h.get_by_role_and_label(egui::Role::TextInput, "Seconds:");
    field.click();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, "Seconds:")
        .type_text("-0.5");
    h.run_steps(2);
    h.get_by_label("Shift").click();
    h.run_steps(3);
    assert_eq!(
        times(&h),
        [
            (Some(0.5), Some(11.5)),
            (Some(12.0), Some(12.5)),
            (Some(13.7), Some(15.5))
        ]
    );
    h.get_by_label_contains("Shift the times by -0.500 s");
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(times(&h)[2], (Some(14.2), Some(16.0)), "one Undo puts every time back");
}

#[test]
fn two_turns_given_their_right_starts_synchronise_every_time() {
    let (_dir, _path, mut h) = opened(TIMED);
    command(&mut h, Command::ShiftTimes);
    h.get_by_label("Synchronise").click();
    h.run_steps(2);
    // Offered: the first turn and the last timed one, at their times now.
    let fields = h.get_all_by_role_and_label(egui::Role::TextInput, "starts at").count();
    assert_eq!(fields, 2);
    let second = h
        .get_all_by_role_and_label(egui::Role::TextInput, "starts at")
        .nth(1)
        .expect("two");
    assert_eq!(second.value().as_deref(), Some("0:14.200"));
    second.click();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    let second = h
        .get_all_by_role_and_label(egui::Role::TextInput, "starts at")
        .nth(1)
        .expect("two");
    second.type_text("0:27.4");
    h.run_steps(2);
    // The "Synchronise" tab and the button share a name; the button is the last.
    h.get_all_by_label("Synchronise").last().expect("button").click();
    h.run_steps(3);
    let doc = h.state().doc().expect("open");
    let turns = &doc.transcript().turns;
    assert_eq!(turns[0].start, Some(1.0), "the first point kept");
    assert_eq!(turns[2].start, Some(27.4), "the second moved");
    assert_eq!(
        turns[2].end,
        Some(1.0 + (16.0 - 1.0) * 2.0),
        "twice as slow: every time stretched"
    );
}

#[test]
fn times_are_shown_to_the_tenth_and_at_the_precision_chosen() {
    let (_dir, _path, mut h) = opened(TIMED);
    h.get_by_label("Times of turn 2: 0:12.5 - 0:13.0");
    h.state_mut()
        .push(Action::SetTimePrecision(Precision::Milliseconds, 25.0));
    h.run_steps(3);
    h.get_by_label("Times of turn 3: 0:14.200 - 0:16.000");
    h.state_mut().push(Action::SetTimePrecision(Precision::Frames, 25.0));
    h.run_steps(3);
    h.get_by_label("Times of turn 3: 0:00:14:05 - 0:00:16:00");
}

#[test]
fn a_subtitle_files_cues_that_break_a_rule_are_marked_on_their_turns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let srt = "1\n00:00:01,000 --> 00:00:12,000\nWelkom bij de podcast over leren en ontwikkelen in kleine en grote organisaties.\n\n\
               2\n00:00:12,500 --> 00:00:14,000\nDank je.\n";
    let path = fixture(dir.path(), "talk.srt", srt);
    let mut h = harness();
    open(&mut h, &path);
    h.get_by_label("too long · line too long");
    assert_eq!(
        h.query_all_by_label_contains("too long").count(),
        1,
        "the second cue keeps every rule"
    );
    command(&mut h, Command::ShowSubtitleRules);
    assert!(
        h.query_by_label("too long · line too long").is_none(),
        "View → Subtitle rules hides them"
    );
    // A transcript that is not a subtitle file has no cues to judge.
    let (_dir, _path, h) = opened(TIMED);
    assert!(h.query_by_label_contains("line too long").is_none());
}
