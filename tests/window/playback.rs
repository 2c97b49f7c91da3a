//! The recording beside the transcript: the player bar, seeking, playing (or saying why it cannot), and
//! setting turn times from the playhead.

use crate::support::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use transcript_editor::media::wav::{silence_tone_silence, write_wav};

/// `talk.txt` with a 6-second `talk.wav` beside it, opened.
fn with_recording() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    egui_kittest::Harness<'static, transcript_editor::app::Editor>,
) {
    recording_beside(FIXTURE, 2.0)
}

/// `talk.txt` holding `content`, with `talk.wav` beside it (silence, a tone, silence, `part` seconds each),
/// opened.
fn recording_beside(
    content: &str,
    part: f64,
) -> (
    tempfile::TempDir,
    std::path::PathBuf,
    egui_kittest::Harness<'static, transcript_editor::app::Editor>,
) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.txt", content);
    let samples = silence_tone_silence(16_000, (part, part, part), 0.5);
    write_wav(&dir.path().join("talk.wav"), 16_000, &samples).expect("recording");
    let mut h = harness();
    open(&mut h, &path);
    h.run_steps(3);
    (dir, path, h)
}

#[test]
fn a_recording_beside_the_transcript_opens_in_the_player_bar() {
    let (_dir, _path, mut h) = with_recording();
    h.get_by_label("talk.wav");
    h.get_by_label("0:00.0 / 0:06.0");
    assert_eq!(h.state().playhead(), Some(0.0));
    // A click on the overview seeks (half way: three seconds in).
    let overview = h.get_by_label("Recording overview").rect();
    click_at(&mut h, overview.center());
    let at = h.state().playhead().expect("open");
    assert!((at - 3.0).abs() < 0.1, "{at}");
    h.get_by_label("0:03.0 / 0:06.0");
    press(&mut h, Modifiers::ALT, Key::ArrowRight);
    assert!((h.state().playhead().expect("open") - (at + 3.0).min(6.0)).abs() < 0.01);
    press(&mut h, Modifiers::ALT, Key::ArrowLeft);
    press(&mut h, Modifiers::ALT, Key::ArrowLeft);
    assert!((h.state().playhead().expect("open") - (at - 3.0).max(0.0)).abs() < 0.1);
}

#[test]
fn play_either_plays_or_says_why_it_cannot() {
    let (_dir, _path, mut h) = with_recording();
    press(&mut h, Modifiers::COMMAND, Key::Space);
    // Where CI started a sound server, it must really play.
    if std::env::var_os("TRANSCRIPT_EDITOR_EXPECT_AUDIO").is_some() {
        assert!(h.state().playing().0, "not playing: {:?}", h.state().playing().1);
    }
    match h.state().playing() {
        (true, _) => {
            // A sound server may take a moment to start pulling; then the playhead moves with the sound.
            let started = std::time::Instant::now();
            while h.state().playhead().expect("open") < 0.3 && started.elapsed().as_secs() < 5 {
                std::thread::sleep(std::time::Duration::from_millis(20));
                h.run_steps(1);
            }
            assert!(h.state().playhead().expect("open") >= 0.3);
            press(&mut h, Modifiers::COMMAND, Key::Space);
            assert!(!h.state().playing().0, "paused");
        }
        (false, Some(problem)) => {
            let problem = problem.to_string();
            assert!(problem.starts_with("No audio output: "), "{problem}");
            h.get_by_label(&problem);
            // Editing goes on regardless.
            h.get_by_label("Precies.").click();
            h.run_steps(2);
            assert!(h.state().turns().editing.is_some());
        }
        (false, None) => panic!("neither playing nor a reason why not"),
    }
}

#[test]
fn a_turns_start_and_end_are_set_from_the_playhead_undoably() {
    let (_dir, path, mut h) = with_recording();
    h.get_by_label("Turn 2").click();
    h.run_steps(2);
    h.state_mut().push(transcript_editor::app::Action::Seek(1.5));
    h.run_steps(2);
    press(&mut h, Modifiers::COMMAND, Key::OpenBracket);
    h.get_by_label_contains("Turn 2 starts at 0:01.5");
    h.state_mut().push(transcript_editor::app::Action::Seek(4.25));
    h.run_steps(2);
    press(&mut h, Modifiers::COMMAND, Key::CloseBracket);
    h.get_by_label_contains("Turn 2 ends at 0:04.3");
    let t = h.state().doc().expect("open").transcript();
    assert_eq!((t.turns[1].start, t.turns[1].end), (Some(1.5), Some(4.25)));
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(
        saved(&path).contains("[00:00:01.500 - 00:00:04.250] Mia: Dank je."),
        "{}",
        saved(&path)
    );
    press(&mut h, Modifiers::COMMAND, Key::Z);
    let t = h.state().doc().expect("open").transcript();
    assert_eq!((t.turns[1].start, t.turns[1].end), (Some(1.5), None));
}

#[test]
fn the_turn_being_heard_is_marked() {
    let (_dir, _path, mut h) = recording_beside(
        "[00:00:00.000 - 00:00:02.000] Mia: Een.\n[00:00:02.000 - 00:00:04.500] Bram: Twee.\n[00:00:05.000 - 00:00:06.000] Mia: Drie.\n",
        2.0,
    );
    assert_eq!(h.state().turns().spoken, Some(0));
    for (at, turn) in [(3.0, Some(1)), (4.75, None), (5.5, Some(2))] {
        h.state_mut().push(transcript_editor::app::Action::Seek(at));
        h.run_steps(2);
        assert_eq!(h.state().turns().spoken, turn, "at {at}");
    }
}

#[test]
fn a_click_on_a_turns_times_goes_there_and_a_double_click_changes_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let content = "[00:00:00.000 - 00:00:02.000] Mia: Een.\n[00:00:02.500 - 00:00:04.500] Bram: Twee.\n";
    let path = fixture(dir.path(), "talk.txt", content);
    let samples = silence_tone_silence(16_000, (2.0, 2.0, 2.0), 0.5);
    write_wav(&dir.path().join("talk.wav"), 16_000, &samples).expect("recording");
    // Frames as a screen makes them, so that two clicks can be a double click (the harness's own frames
    // are a quarter of a second apart).
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(
            |ui, editor: &mut transcript_editor::app::Editor| editor.ui(ui),
            transcript_editor::app::Editor::new(transcript_editor::store::Settings::default()),
        );
    open(&mut h, &path);
    h.run_steps(3);
    let times = h.get_by_label("Times of turn 2: 0:02.5 - 0:04.5").rect();
    click_at(&mut h, times.center());
    assert_eq!(h.state().playhead(), Some(2.5));
    assert_eq!(h.state().turns().current, Some(1));
    assert!(h.query_by_label("Start").is_none(), "a single click does not edit");
    h.state_mut().push(transcript_editor::app::Action::Seek(0.0));
    h.run_steps(2);
    let times = h.get_by_label("Times of turn 2: 0:02.5 - 0:04.5").rect();
    h.event(egui::Event::PointerMoved(times.center()));
    for pressed in [true, false, true, false] {
        h.event(egui::Event::PointerButton {
            pos: times.center(),
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::default(),
        });
    }
    h.run_steps(6);
    h.get_by_label("Start");
    h.get_by_label("End");
}

#[test]
fn a_chosen_recording_opens_and_its_link_is_saved_relative() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(
        dir.path(),
        "talk.json",
        r#"{"version": 1, "speakers": [{"id": "S1", "name": "Mia"}], "turns": [{"speaker": "S1", "text": "Ja."}]}"#,
    );
    std::fs::create_dir(dir.path().join("audio")).expect("mkdir");
    let recording = dir.path().join("audio").join("opname.wav");
    write_wav(&recording, 16_000, &silence_tone_silence(16_000, (1.0, 1.0, 1.0), 0.5)).expect("recording");
    let mut h = harness();
    open(&mut h, &path);
    assert!(h.state().playhead().is_none(), "no recording beside it");
    h.state_mut()
        .push(transcript_editor::app::Action::OpenRecording(recording));
    h.run_steps(3);
    h.get_by_label("opname.wav");
    press(&mut h, Modifiers::COMMAND, Key::S);
    let doc: serde_json::Value = serde_json::from_str(&saved(&path)).expect("json");
    assert_eq!(doc["media"], "audio/opname.wav");
    // Opened again, the link brings the recording along.
    let mut again = harness();
    open(&mut again, &path);
    again.run_steps(3);
    again.get_by_label("opname.wav");
}

#[test]
fn a_moved_recording_is_offered_to_be_located() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(
        dir.path(),
        "talk.json",
        r#"{"version": 1, "media": "audio/weg.wav", "speakers": [{"id": "S1", "name": "Mia"}], "turns": [{"speaker": "S1", "text": "Ja."}]}"#,
    );
    let mut h = harness();
    open(&mut h, &path);
    h.run_steps(3);
    h.get_by_label("The recording audio/weg.wav was not found; it may have moved.");
    h.get_by_label("Locate it…").click();
    h.run_steps(3);
    // No file dialog in tests: the path field, for a recording.
    h.get_by_label("Open the recording");
    // The transcript edits all the same.
    press(&mut h, Modifiers::NONE, Key::Escape);
    h.get_by_label("Ja.").click();
    h.run_steps(2);
    assert!(h.state().turns().editing.is_some());
}

#[test]
fn the_volume_is_set_in_the_bar_and_remembered() {
    let (_dir, _path, mut h) = with_recording();
    h.get_by_label("Volume");
    h.state_mut().push(transcript_editor::app::Action::SetVolume(0.5));
    h.run_steps(2);
    assert_eq!(h.state().settings().volume, 0.5);
    h.state_mut().push(transcript_editor::app::Action::SetVolume(7.0));
    h.run_steps(2);
    assert_eq!(h.state().settings().volume, 2.0, "at most twice as loud as recorded");
}

#[test]
fn the_speed_steps_with_its_keys_and_the_menu_and_is_remembered() {
    let (_dir, _path, mut h) = with_recording();
    let speed = |h: &egui_kittest::Harness<'static, transcript_editor::app::Editor>| {
        h.get_by_role_and_label(egui::Role::ComboBox, "Speed").value()
    };
    assert_eq!(speed(&h).as_deref(), Some("1×"));
    press(&mut h, Modifiers::ALT, Key::Period);
    assert_eq!(speed(&h).as_deref(), Some("1.25×"));
    for _ in 0..2 {
        press(&mut h, Modifiers::ALT, Key::Comma);
    }
    assert_eq!(speed(&h).as_deref(), Some("0.9×"));
    assert_eq!(h.state().settings().speed, 0.9);
    for _ in 0..5 {
        press(&mut h, Modifiers::ALT, Key::Comma);
    }
    assert_eq!(speed(&h).as_deref(), Some("0.5×"));
    assert_eq!(h.state().settings().speed, 0.5, "half speed at the slowest");
    // The bar's menu offers every step.
    h.get_by_role_and_label(egui::Role::ComboBox, "Speed").click();
    h.run_steps(3);
    h.get_by_label("2×").click();
    h.run_steps(3);
    assert_eq!(h.state().settings().speed, 2.0);
    // Typing a comma in a turn is not a speed change.
    h.get_by_label("Precies.").click();
    h.run_steps(2);
    h.get_by_role(egui::Role::MultilineTextInput).type_text(",");
    h.run_steps(2);
    assert_eq!(h.state().settings().speed, 2.0);
}

#[test]
fn a_turn_is_looped_and_the_loop_is_stopped_again() {
    let (_dir, _path, mut h) = recording_beside(
        "[00:00:00.000 - 00:00:00.500] Mia: Een.\n[00:00:00.500 - 00:00:01.000] Bram: Twee.\nMia: Drie.\n",
        1.0,
    );
    h.get_by_label("Turn 2").click();
    h.run_steps(2);
    press(&mut h, Modifiers::COMMAND, Key::L);
    let at = h.state().playhead().expect("open");
    assert!(
        (0.5..0.6).contains(&at),
        "the loop starts at the turn's start, not {at}"
    );
    if h.state().playing().0 {
        // Played for well over the turn's half second, the playhead never leaves it for long.
        let started = std::time::Instant::now();
        while started.elapsed().as_secs_f64() < 2.5 {
            h.run_steps(1);
            let at = h.state().playhead().expect("open");
            assert!((0.4..1.1).contains(&at), "{at} after {:?}", started.elapsed());
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    } else if std::env::var_os("TRANSCRIPT_EDITOR_EXPECT_AUDIO").is_some() {
        panic!("not playing: {:?}", h.state().playing().1);
    }
    // The Play menu (the topmost "Play": the other is the player bar's button) offers to stop.
    let menu = h
        .get_all_by_label("Play")
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .expect("the Play menu")
        .rect();
    click_at(&mut h, menu.center());
    h.get_by_label_contains("Stop looping the turn").click();
    h.run_steps(2);
    click_at(&mut h, menu.center());
    h.get_by_label_contains("Loop the turn");
    press(&mut h, Modifiers::NONE, Key::Escape);
    // A turn without times cannot be looped, and says so.
    h.get_by_label("Turn 3").click();
    h.run_steps(2);
    press(&mut h, Modifiers::COMMAND, Key::L);
    h.get_by_label_contains("Only a turn with a start and an end can be looped");
}

#[test]
fn playing_resumes_a_moment_earlier_by_a_step_the_user_chooses() {
    let (_dir, _path, mut h) = with_recording();
    h.state_mut().push(transcript_editor::app::Action::Seek(3.0));
    h.run_steps(2);
    press(&mut h, Modifiers::COMMAND, Key::Space);
    let at = h.state().playhead().expect("open");
    assert!((2.0..2.2).contains(&at), "resumed one second earlier, not at {at}");
    if h.state().playing().0 {
        press(&mut h, Modifiers::COMMAND, Key::Space);
    }
    h.state_mut().push(transcript_editor::app::Action::Command(
        transcript_editor::app::commands::Command::ResumeStep,
    ));
    h.run_steps(2);
    assert_eq!(h.state().settings().resume_back, 2.0);
    h.get_by_label_contains("Playing resumes 2 s before where it was paused");
}

/// The whole round through a real sound server (CI's PulseAudio null sink, which plays in real time): play
/// for two seconds, pause, take the playhead as a turn's start, save, and find it in the JSON.
#[test]
fn what_was_heard_becomes_a_turns_start_in_the_saved_json() {
    let expected = std::env::var_os("TRANSCRIPT_EDITOR_EXPECT_AUDIO").is_some();
    let dir = tempfile::tempdir().expect("tempdir");
    let json = r#"{"version": 1, "media": "take.wav", "speakers": [{"id": "S1", "name": "Mia"}],
        "turns": [{"speaker": "S1", "text": "Een."}, {"speaker": "S1", "text": "Twee."}]}"#;
    let path = fixture(dir.path(), "talk.json", json);
    let samples = silence_tone_silence(16_000, (2.0, 2.0, 2.0), 0.5);
    write_wav(&dir.path().join("take.wav"), 16_000, &samples).expect("recording");
    let mut h = harness();
    open(&mut h, &path);
    h.run_steps(3);
    h.get_by_label("take.wav");
    h.get_by_label("Twee.").click();
    h.run_steps(2);
    press(&mut h, Modifiers::COMMAND, Key::Space);
    if !h.state().playing().0 {
        assert!(
            !expected,
            "a sound server was started, yet: {:?}",
            h.state().playing().1
        );
        eprintln!("skipped: no audio output here ({:?})", h.state().playing().1);
        return;
    }
    let started = std::time::Instant::now();
    // The server lists the editor's stream while it plays.
    if let Ok(out) = std::process::Command::new("pactl")
        .args(["list", "short", "sink-inputs"])
        .output()
    {
        assert!(
            !String::from_utf8_lossy(&out.stdout).trim().is_empty(),
            "no stream on the server"
        );
    }
    while h.state().playhead().expect("open") < 2.0 && started.elapsed().as_secs() < 8 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run_steps(1);
    }
    press(&mut h, Modifiers::COMMAND, Key::Space);
    assert!(!h.state().playing().0, "paused");
    let heard = h.state().playhead().expect("open");
    // What is heard runs with the clock: never ahead of the time that passed, and not stuck.
    assert!(heard >= 2.0, "only {heard} s after {:?}", started.elapsed());
    assert!(
        heard <= started.elapsed().as_secs_f64() + 0.05,
        "{heard} s after {:?}",
        started.elapsed()
    );
    press(&mut h, Modifiers::COMMAND, Key::OpenBracket);
    press(&mut h, Modifiers::COMMAND, Key::S);
    let saved: serde_json::Value = serde_json::from_str(&saved(&path)).expect("JSON");
    let start = saved["turns"][1]["start"].as_f64().expect("a start");
    assert!((start - heard).abs() < 0.001, "{start} saved, {heard} heard");
    assert_eq!(saved["media"], "take.wav");
    assert!(
        saved["turns"][0].get("start").is_none(),
        "only the current turn changed"
    );
}

#[test]
fn ctrl_click_on_a_word_goes_to_its_time_and_a_plain_click_edits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json = r#"{"version": 1, "media": "talk.wav", "speakers": [{"id": "S1", "name": "Mia"}],
        "turns": [{"speaker": "S1", "text": "een twee drie", "start": 0.5, "end": 3.0,
                   "words": [{"text": "een", "start": 0.5, "end": 1.0}, {"text": "twee", "start": 1.2, "end": 1.8},
                             {"text": "drie", "start": 2.25, "end": 3.0}]}]}"#;
    let path = fixture(dir.path(), "talk.json", json);
    write_wav(
        &dir.path().join("talk.wav"),
        16_000,
        &silence_tone_silence(16_000, (1.0, 1.0, 1.0), 0.5),
    )
    .expect("recording");
    let mut h = harness();
    open(&mut h, &path);
    h.run_steps(3);
    // The text runs from the left of its row; past its end the last word is the one clicked.
    let text = h.get_by_label("een twee drie").rect();
    let past_the_end = egui::pos2(text.right() - 5.0, text.center().y);
    h.event(egui::Event::PointerMoved(past_the_end));
    h.event(egui::Event::ModifiersChanged(Modifiers::COMMAND));
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: past_the_end,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::COMMAND,
        });
    }
    h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    h.run_steps(4);
    assert_eq!(h.state().playhead(), Some(2.25), "at the start of \"drie\"");
    assert!(h.state().turns().editing.is_none(), "Ctrl+click does not edit");
    click_at(&mut h, past_the_end);
    assert!(h.state().turns().editing.is_some(), "a plain click edits");
    assert_eq!(h.state().playhead(), Some(2.25));
}

/// `talk.json` whose words have times and confidences ("zeker" doubtful, at 3.5 s), with a 6-second
/// `talk.wav` beside it, opened.
fn doubtful_with_recording() -> (
    tempfile::TempDir,
    egui_kittest::Harness<'static, transcript_editor::app::Editor>,
) {
    let json = r#"{"version": 1, "speakers": [{"id": "S1", "name": "Mia"}], "turns": [
    {"speaker": "S1", "text": "dat is zeker zo", "start": 2.0, "end": 4.5, "words": [
      {"text": "dat", "start": 2.0, "end": 2.4, "confidence": 0.9},
      {"text": "is", "start": 2.5, "end": 3.0, "confidence": 0.95},
      {"text": "zeker", "start": 3.5, "end": 4.0, "confidence": 0.3},
      {"text": "zo", "start": 4.1, "end": 4.5, "confidence": 0.8}]}]}"#;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.json", json);
    let samples = silence_tone_silence(16_000, (2.0, 2.0, 2.0), 0.5);
    write_wav(&dir.path().join("talk.wav"), 16_000, &samples).expect("recording");
    let mut h = harness();
    open(&mut h, &path);
    h.run_steps(3);
    (dir, h)
}

#[test]
fn f8_moves_the_playhead_to_the_doubtful_word_and_ctrl_shift_k_plays_it_from_two_seconds_before() {
    let (_dir, mut h) = doubtful_with_recording();
    assert_eq!(h.state().playhead(), Some(0.0));
    press(&mut h, Modifiers::NONE, Key::F8);
    assert_eq!(
        h.state().playhead(),
        Some(3.5),
        "at the doubtful word, so Ctrl+Space plays it"
    );
    h.get_by_label_contains("At 0:03.5");
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::K);
    let at = h.state().playhead().expect("open");
    assert!((1.5..1.8).contains(&at), "two seconds before the word: {at}");
}

#[test]
fn a_click_on_a_doubtful_word_moves_the_playhead_there() {
    let (_dir, mut h) = doubtful_with_recording();
    let text = h.get_by_label("dat is zeker zo").rect();
    // "zeker" is the third of four words: a little past the middle of the painted text's left part.
    let galley_x = text.left() + 60.0;
    click_at(&mut h, egui::pos2(galley_x, text.center().y));
    assert_eq!(h.state().playhead(), Some(3.5));
}

/// The sample's text without its times, as `talk.txt`, with the sample's recording beside it as
/// `talk.mp3`, opened.
fn sample_without_times() -> (
    tempfile::TempDir,
    egui_kittest::Harness<'static, transcript_editor::app::Editor>,
) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("assets/sample.txt")).expect("the sample");
    let bare: String = text
        .lines()
        .map(|l| format!("{}\n", l.split_once("] ").map_or(l, |(_, rest)| rest)))
        .collect();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture(dir.path(), "talk.txt", &bare);
    std::fs::copy(root.join("assets/sample.mp3"), dir.path().join("talk.mp3")).expect("copied");
    let mut h = harness();
    open(&mut h, &path);
    h.run_steps(3);
    (dir, h)
}

#[test]
fn align_with_the_recording_times_every_turn_as_one_step_and_escape_stops_it() {
    if transcript_editor::align::speech::available().is_err() {
        assert!(std::env::var_os("CI").is_none(), "CI installs espeak-ng");
        return;
    }
    let (_dir, mut h) = sample_without_times();
    let untimed = |h: &egui_kittest::Harness<'static, transcript_editor::app::Editor>| {
        turns(h).iter().filter(|t| t.start.is_none()).count()
    };
    assert_eq!(untimed(&h), 12);
    // Started, then stopped at once: nothing changes.
    h.state_mut().push(transcript_editor::app::Action::Command(
        transcript_editor::app::commands::Command::AlignRecording,
    ));
    h.run_steps(2);
    assert!(h.state().is_aligning());
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(!h.state().is_aligning());
    h.get_by_label_contains("Aligning stopped; nothing was changed");
    // Started again and left to finish: every turn timed, the window drawing meanwhile.
    h.state_mut().push(transcript_editor::app::Action::Command(
        transcript_editor::app::commands::Command::AlignRecording,
    ));
    h.run_steps(2);
    assert!(h.state().is_aligning());
    wait_until(&mut h, std::time::Duration::from_secs(30), |h| !h.state().is_aligning());
    assert!(!h.state().is_aligning(), "finished");
    assert_eq!(untimed(&h), 0);
    h.get_by_label_contains("Aligned 12 turns, 408 words");
    let doc = h.state().doc().expect("open");
    assert!(
        doc.transcript().turns[1]
            .start
            .is_some_and(|s| (s - 13.876).abs() < 0.5)
    );
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(untimed(&h), 12, "one Undo takes every time back");
}

#[test]
fn with_automatic_re_timing_on_a_corrected_word_gets_a_time_when_its_turn_is_left() {
    if transcript_editor::align::speech::available().is_err() {
        assert!(std::env::var_os("CI").is_none(), "CI installs espeak-ng");
        return;
    }
    let (_dir, mut h) = doubtful_with_recording();
    h.state_mut().push(transcript_editor::app::Action::Command(
        transcript_editor::app::commands::Command::RetimeCorrections,
    ));
    h.run_steps(2);
    // F8 selects "zeker"; a word typed after it is new, and has no time.
    press(&mut h, Modifiers::NONE, Key::F8);
    press(&mut h, Modifiers::NONE, Key::ArrowRight);
    h.get_by_role(egui::Role::MultilineTextInput).type_text(" heel");
    h.run_steps(2);
    let word = |h: &egui_kittest::Harness<'static, transcript_editor::app::Editor>| {
        h.state().doc().expect("open").transcript().turns[0].words[3].clone()
    };
    assert_eq!((word(&h).text.as_str(), word(&h).start), ("heel", None));
    press(&mut h, Modifiers::NONE, Key::Escape);
    h.run_steps(2);
    let w = word(&h);
    let start = w.start.expect("timed when the turn was left");
    assert!(
        (4.0..=4.1).contains(&start),
        "between its neighbours (zeker ends at 4.0, zo starts at 4.1): {start}"
    );
    h.get_by_label_contains("corrected words timed from the recording");
}
