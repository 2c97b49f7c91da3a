//! CPU time of one frame of the real editor, headless: `Context::run_ui` plus tessellation on a 1280×800
//! screen, idle, scrolling and typing into a turn in the middle, at 100 turns and at about 60,000; plain,
//! under review (doubtful words), and with spelling marks.
//! `cargo bench --bench frame`

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, MouseWheelUnit, Pos2, RawInput, Rect, vec2};
use std::hint::black_box;
use transcript_editor::app::commands::Command;
use transcript_editor::app::{Action, Editor};
use transcript_editor::document::Document;
use transcript_editor::formats::text::PlainText;
use transcript_editor::generate::{Shape, transcript};
use transcript_editor::model::Word;
use transcript_editor::store::Settings;

struct Window {
    ctx: egui::Context,
    editor: Editor,
    time: f64,
}

impl Window {
    fn new(words: usize) -> Self {
        Self::with(transcript(&Shape {
            words,
            ..Shape::default()
        }))
    }

    /// As a recogniser's file after some review: every turn with timed words, one word in seven doubtful,
    /// every other turn reviewed.
    fn reviewing(words: usize) -> Self {
        let mut t = transcript(&Shape {
            words,
            ..Shape::default()
        });
        let mut n = 0usize;
        for (i, turn) in t.turns.iter_mut().enumerate() {
            let start = turn.start.unwrap_or(0.0);
            turn.words = turn
                .text
                .split_whitespace()
                .map(|w| {
                    n += 1;
                    Word::heard(
                        w,
                        Some(start + n as f64 * 0.01),
                        Some(start + n as f64 * 0.01 + 0.005),
                        Some(if n.is_multiple_of(7) { 0.3 } else { 0.95 }),
                    )
                })
                .collect();
            turn.reviewed = i % 2 == 1;
        }
        Self::with(t)
    }

    /// In Dutch, with Debian's Dutch dictionary read: the generated mix of Dutch, English and German words
    /// has a red line under one word in four or so. `None` without the dictionary.
    fn spelling(words: usize) -> Option<Self> {
        let mut t = transcript(&Shape {
            words,
            ..Shape::default()
        });
        t.meta.language = Some("nl".into());
        let mut window = Self::with(t);
        for _ in 0..2000 {
            if window.editor.spelling_ready() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
            window.frame(Vec::new());
        }
        window.editor.spelling_ready().then_some(window)
    }

    /// Spelling is checked only where asked for ([`Window::spelling`]): the generated words would
    /// otherwise be guessed to be Dutch wherever a Dutch dictionary is installed.
    fn with(t: transcript_editor::model::Transcript) -> Self {
        let spelling = t.meta.language.is_some();
        let mut editor = Editor::new(Settings {
            spell_check: spelling,
            ..Settings::default()
        });
        editor.show_document(Document::new(t, &PlainText));
        let mut window = Self {
            ctx: egui::Context::default(),
            editor,
            time: 0.0,
        };
        for _ in 0..10 {
            window.frame(Vec::new());
        }
        window
    }

    /// Starts editing the turn in the middle, as a click on it does; returns its number.
    fn edit_middle_turn(&mut self) -> usize {
        let middle = self.turns() / 2;
        let turn = self.editor.doc().expect("open").transcript().turns[middle].id;
        self.editor.push(Action::EditTurn { turn, cursor: None });
        for _ in 0..5 {
            self.frame(Vec::new());
        }
        middle
    }

    /// A frame that types a letter (`letter`) or takes one back with Backspace: a turn being typed in keeps
    /// its length however many frames are measured.
    fn type_or_delete(&mut self, letter: bool) {
        self.frame(vec![if letter {
            Event::Text("a".into())
        } else {
            key(egui::Key::Backspace)
        }]);
    }

    fn turns(&self) -> usize {
        self.editor.doc().map_or(0, |d| d.transcript().turns.len())
    }

    /// One frame: input, layout, painting into shapes, tessellation into triangles.
    fn frame(&mut self, events: Vec<Event>) {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0))),
            time: Some(self.time),
            events,
            ..RawInput::default()
        };
        let editor = &mut self.editor;
        let output = self.ctx.run_ui(input, |ui| editor.ui(ui));
        black_box(self.ctx.tessellate(output.shapes, output.pixels_per_point));
    }
}

fn wheel(dy: f32) -> Vec<Event> {
    vec![
        Event::PointerMoved(Pos2::new(500.0, 400.0)),
        Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: vec2(0.0, dy),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        },
    ]
}

fn key(key: egui::Key) -> Event {
    Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    }
}

type Group<'a> = criterion::BenchmarkGroup<'a, criterion::measurement::WallTime>;

/// Scrolling: down for a while, then up again, so the list keeps moving whatever its length.
fn scrolling(group: &mut Group, window: &mut Window) {
    let mut n = 0u64;
    group.bench_function("scrolling", |b| {
        b.iter(|| {
            n += 1;
            let dy = if (n / 200).is_multiple_of(2) { -60.0 } else { 60.0 };
            window.frame(wheel(dy));
        })
    });
}

/// Typing in the edited turn: a letter, then Backspace, so the turn keeps its length.
fn typing(group: &mut Group, window: &mut Window) {
    let mut typed = false;
    group.bench_function("typing", |b| {
        b.iter(|| {
            typed = !typed;
            window.type_or_delete(typed);
        })
    });
}

fn frame(c: &mut Criterion) {
    // About 100 turns, and about 60,000 (1,000,000 words).
    for words in [1_700, 1_000_000] {
        let mut window = Window::new(words);
        let mut group = c.benchmark_group(format!("frame/{} turns", window.turns()));
        group.bench_function("idle", |b| b.iter(|| window.frame(Vec::new())));

        scrolling(&mut group, &mut window);

        let middle = window.edit_middle_turn();
        assert!(
            window.editor.turns().editing.is_some(),
            "the middle turn is being edited"
        );
        // The benchmark only counts if the letters really reach the document.
        let text_of = |w: &Window| w.editor.doc().expect("open").transcript().turns[middle].text.clone();
        let before = text_of(&window);
        window.frame(vec![Event::Text("a".into())]);
        window.frame(Vec::new());
        assert_eq!(text_of(&window), format!("{before}a"), "typing reaches the turn");
        window.frame(vec![key(egui::Key::Backspace)]);
        window.frame(Vec::new());
        assert_eq!(text_of(&window), before, "Backspace takes it back");
        // A letter, then Backspace: the turn keeps its length however many frames are measured.
        let mut typed = false;
        group.bench_function("typing", |b| {
            b.iter(|| {
                typed = !typed;
                window.type_or_delete(typed);
            })
        });
        let text = &window.editor.doc().expect("open").transcript().turns[middle].text;
        assert!(
            text.len() < 2_000,
            "the typed turn stayed its size ({} bytes)",
            text.len()
        );

        // The same with the sample's recording open and playing (where there is an output: under a sound
        // server such as PulseAudio; else the player bar and its waveforms are drawn, paused).
        let recording = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample.mp3");
        window.editor.push(Action::OpenRecording(recording));
        window.editor.push(Action::Command(Command::PlayPause));
        for _ in 0..5 {
            window.frame(Vec::new());
        }
        let (playing, problem) = window.editor.playing();
        let name = if playing {
            "typing while playing"
        } else {
            eprintln!("not playing ({problem:?}): typing with the player bar shown");
            "typing with the player bar"
        };
        group.bench_function(name, |b| {
            b.iter(|| {
                typed = !typed;
                window.type_or_delete(typed);
            })
        });
        // Paused, the bar still drawn: what the bar costs, apart from playing.
        if playing {
            window.editor.push(Action::Command(Command::PlayPause));
            window.frame(Vec::new());
            group.bench_function("typing with the recording paused", |b| {
                b.iter(|| {
                    typed = !typed;
                    window.type_or_delete(typed);
                })
            });
        }
        group.finish();
    }
}

/// Frames of a transcript under review: doubtful words underlined and review marks in every row in view.
fn reviewing(c: &mut Criterion) {
    for words in [1_700, 1_000_000] {
        let mut window = Window::reviewing(words);
        let mut group = c.benchmark_group(format!("frame/{} turns, words and marks", window.turns()));
        group.bench_function("idle", |b| b.iter(|| window.frame(Vec::new())));
        window.edit_middle_turn();
        typing(&mut group, &mut window);
        group.finish();
    }
}

/// Frames with spelling marks: every turn in view checked (once per text), misspelled words underlined.
fn spelling(c: &mut Criterion) {
    for words in [1_700, 1_000_000] {
        let Some(mut window) = Window::spelling(words) else {
            eprintln!("no Dutch dictionary (apt-get install hunspell-nl): spelling frames not measured");
            return;
        };
        let mut group = c.benchmark_group(format!("frame/{} turns, spelling", window.turns()));
        group.bench_function("idle", |b| b.iter(|| window.frame(Vec::new())));
        // Scrolling brings new turns into view all the time: each is checked as it first appears.
        scrolling(&mut group, &mut window);
        window.edit_middle_turn();
        typing(&mut group, &mut window);
        group.finish();
    }
}

criterion_group!(benches, frame, reviewing, spelling);
criterion_main!(benches);
