//! File → Export subtitles…: the turns cut into cues a viewer can read (see [`crate::captions`]), with the
//! limits to choose, a preview of the first cues with any that break a rule marked, and the export written on
//! a worker thread with its progress shown. The open transcript is not changed.

use super::Action;
use crate::captions::{self, Caption, Finding, Names, Options, Rules};
use crate::document::Document;
use crate::formats::time::format_at;
use crate::formats::{self, Format};
use crate::model::Transcript;
use egui::RichText;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};

/// The formats captions are written in, with their menu names.
pub const FORMATS: &[(&str, &str)] = &[
    ("srt", "SubRip (.srt)"),
    ("vtt", "WebVTT (.vtt)"),
    ("ttml", "TTML (.ttml)"),
    ("ass", "Advanced SubStation (.ass)"),
    ("sbv", "YouTube SubViewer (.sbv)"),
];

/// How many turns the preview cuts into cues.
const PREVIEW_TURNS: usize = 40;
/// How many cues the preview shows.
const PREVIEW_CUES: usize = 8;

pub struct ExportSubtitles {
    pub options: Options,
    /// The format's name (`srt`, `vtt` …).
    pub format: &'static str,
    /// Turns with a start and no end end where the next turn starts (in the subtitles only).
    pub estimate_ends: bool,
    preview: Option<(PreviewKey, Result<Preview, String>)>,
    job: Option<Job>,
    /// Why the last export failed, shown until the next.
    failed: Option<String>,
    /// The transcript's language, said or guessed when the window opened (the line breaks' word lists).
    guessed: Option<String>,
}

type PreviewKey = (u64, Options, bool);

struct Preview {
    cues: Vec<Caption>,
    findings: Vec<Finding>,
}

/// An export being written on a worker thread.
struct Job {
    done: Arc<AtomicUsize>,
    total: usize,
    receiver: Receiver<Result<String, String>>,
}

impl ExportSubtitles {
    pub fn new(doc: &Document) -> Self {
        let own = doc.format().name();
        let format = FORMATS
            .iter()
            .find(|(name, _)| *name == own)
            .map_or("srt", |(name, _)| name);
        Self {
            options: Options::default(),
            format,
            estimate_ends: false,
            preview: None,
            job: None,
            failed: None,
            guessed: doc
                .transcript()
                .meta
                .language
                .clone()
                .or_else(|| crate::model::language::guess_of(doc.transcript()).map(str::to_string)),
        }
    }

    /// The transcript the captions are cut from: the document's, with the missing ends estimated where
    /// the user asked; only the first `limit` turns.
    fn source(&self, t: &Transcript, limit: usize) -> Transcript {
        let mut copy = Transcript {
            meta: t.meta.clone(),
            speakers: t.speakers.clone(),
            turns: t.turns.iter().take(limit).cloned().collect(),
            layout: t.layout,
        };
        if self.estimate_ends {
            for (i, end) in crate::edit::ops::estimated_ends(t) {
                if let Some(turn) = copy.turns.get_mut(i) {
                    turn.end = Some(end);
                } else {
                    break;
                }
            }
        }
        if copy.meta.language.is_none() {
            // The whole transcript's language, not a guess from the preview's few turns.
            copy.meta.language = self.guessed.clone();
        }
        copy
    }

    fn preview(&mut self, doc: &Document) -> &Result<Preview, String> {
        let key = (doc.revision(), self.options.clone(), self.estimate_ends);
        if self.preview.as_ref().is_none_or(|(k, _)| *k != key) {
            let source = self.source(doc.transcript(), PREVIEW_TURNS);
            let result = match self.options.rules.problem() {
                Some(problem) => Err(capitalised(&problem)),
                None => captions::make(&source, &self.options, &|_| {})
                    .map(|mut cues| {
                        cues.truncate(PREVIEW_CUES + 1);
                        let findings = captions::check(&cues, &self.options.rules)
                            .into_iter()
                            .filter(|f| f.cue <= PREVIEW_CUES)
                            .collect();
                        cues.truncate(PREVIEW_CUES);
                        Preview { cues, findings }
                    })
                    .map_err(|e| untimed_message(&e, doc.transcript())),
            };
            self.preview = Some((key.clone(), result));
        }
        &self.preview.as_ref().expect("just made").1
    }

    /// Draws the window; false once it is closed.
    pub fn ui(&mut self, ctx: &egui::Context, doc: &Document, actions: &mut Vec<Action>) -> bool {
        let mut open = true;
        let mut close = false;
        self.poll(ctx, actions, &mut close);
        let screen = ctx.content_rect();
        egui::Window::new("Export subtitles")
            .default_pos(egui::pos2(screen.left() + 48.0, screen.top() + 48.0))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .max_width(screen.width() - 32.0)
            .max_height(screen.height() - 48.0)
            .default_height(screen.height() - 96.0)
            .show(ctx, |ui| {
                // The buttons stay in sight below what scrolls.
                let room = screen.height() - 180.0;
                let mut ready = false;
                egui::ScrollArea::vertical().max_height(room).show(ui, |ui| {
                    ui.label("Each turn is cut into cues a viewer can read; this transcript stays as it is.");
                    ui.add_space(6.0);
                    // The settings beside the preview where the window is wide enough, else above it.
                    if screen.width() >= 960.0 {
                        ui.horizontal_top(|ui| {
                            ui.vertical(|ui| self.settings_ui(ui, doc));
                            ui.add_space(16.0);
                            ui.vertical(|ui| {
                                ui.set_min_width(500.0);
                                ready = self.preview_ui(ui, doc);
                            });
                        });
                    } else {
                        self.settings_ui(ui, doc);
                        ui.separator();
                        ready = self.preview_ui(ui, doc);
                    }
                });
                if let Some(why) = &self.failed {
                    ui.colored_label(ui.visuals().error_fg_color, why);
                }
                ui.add_space(6.0);
                if let Some(job) = &self.job {
                    let done = job.done.load(Ordering::Relaxed);
                    let text = if done >= job.total {
                        "Writing…".to_string()
                    } else {
                        format!("Cutting turn {} of {}…", done + 1, job.total)
                    };
                    ui.add(egui::ProgressBar::new(done as f32 / job.total.max(1) as f32).text(text));
                }
                ui.horizontal(|ui| {
                    let export = egui::Button::new("Export…");
                    if ui.add_enabled(ready && self.job.is_none(), export).clicked() {
                        self.failed = None;
                        actions.push(Action::AskPath(super::file_dialog::Purpose::ExportSubtitles));
                    }
                    if ui.button("Close").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                        close = true;
                    }
                });
            });
        // An export being written finishes first: closing the window does not lose it.
        (open && !close) || self.job.is_some()
    }

    fn settings_ui(&mut self, ui: &mut egui::Ui, doc: &Document) {
        let rules = &mut self.options.rules;
        egui::Grid::new("caption-settings")
            .num_columns(2)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                let label = ui.label("Format:");
                let name = FORMATS.iter().find(|(n, _)| *n == self.format).map_or("", |(_, t)| t);
                egui::ComboBox::from_id_salt("caption-format")
                    .selected_text(name)
                    .show_ui(ui, |ui| {
                        for (format, title) in FORMATS {
                            ui.selectable_value(&mut self.format, *format, *title);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Characters a line:");
                ui.add(egui::DragValue::new(&mut rules.max_chars).range(8..=120))
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Lines a cue:");
                ui.add(egui::DragValue::new(&mut rules.max_lines).range(1..=4))
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Seconds on screen:");
                ui.horizontal(|ui| {
                    ui.add(
                        egui::DragValue::new(&mut rules.min_duration)
                            .range(0.0..=10.0)
                            .speed(0.01)
                            .max_decimals(3)
                            .prefix("from "),
                    )
                    .labelled_by(label.id);
                    ui.add(
                        egui::DragValue::new(&mut rules.max_duration)
                            .range(0.5..=20.0)
                            .speed(0.05)
                            .max_decimals(3)
                            .prefix("to "),
                    );
                });
                ui.end_row();
                let label = ui.label("Reading speed:");
                ui.add(
                    egui::DragValue::new(&mut rules.max_cps)
                        .range(5.0..=40.0)
                        .speed(0.1)
                        .suffix(" characters a second"),
                )
                .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Gap between cues:");
                ui.add(
                    egui::DragValue::new(&mut rules.min_gap)
                        .range(0.0..=1.0)
                        .speed(0.001)
                        .max_decimals(3)
                        .suffix(" s"),
                )
                .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Speaker names:");
                let voices = matches!(self.format, "vtt" | "ttml" | "ass");
                if !voices && self.options.names == Names::Voice {
                    self.options.names = Names::FirstCue;
                }
                let title = |names: Names| match names {
                    Names::None => "None (a new cue at each change)",
                    Names::FirstCue => "\"Name:\" on a turn's first cue",
                    Names::Voice => "As the cue's voice (not shown by every player)",
                };
                egui::ComboBox::from_id_salt("caption-names")
                    .selected_text(title(self.options.names))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.options.names, Names::None, title(Names::None));
                        ui.selectable_value(&mut self.options.names, Names::FirstCue, title(Names::FirstCue));
                        ui.add_enabled_ui(voices, |ui| {
                            ui.selectable_value(&mut self.options.names, Names::Voice, title(Names::Voice))
                                .on_disabled_hover_text("SubRip and SubViewer have no voices");
                        });
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Line breaks for:");
                let guessed = &self.guessed;
                let shown = |l: &Option<String>| match l {
                    Some(l) => crate::model::language::name(l),
                    None => match guessed {
                        Some(g) => format!("The transcript's ({})", crate::model::language::name(g)),
                        None => "Punctuation only (language unknown)".to_string(),
                    },
                };
                egui::ComboBox::from_id_salt("caption-language")
                    .selected_text(shown(&self.options.language))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.options.language, None, shown(&None));
                        for code in captions::LANGUAGES {
                            let value = Some(code.to_string());
                            let name = shown(&value);
                            ui.selectable_value(&mut self.options.language, value, name);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
            });
        ui.checkbox(
            &mut self.options.dialogue,
            "Two short turns in one cue, as dialogue lines (- Ja. / - Nee.)",
        );
        let missing = doc
            .transcript()
            .turns
            .iter()
            .filter(|t| t.start.is_some() && t.end.is_none())
            .count();
        if missing > 0 {
            ui.checkbox(
                &mut self.estimate_ends,
                format!(
                    "Estimate the ends of the {missing} turn{} without one (where the next turn starts)",
                    if missing == 1 { "" } else { "s" }
                ),
            );
        }
        if ui.small_button("Back to the usual limits").clicked() {
            self.options.rules = Rules::default();
        }
    }

    /// The first cues, any that break a rule marked with why; whether the export can go ahead.
    fn preview_ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> bool {
        let rules = self.options.rules;
        let warn = ui.visuals().warn_fg_color;
        let error = ui.visuals().error_fg_color;
        match self.preview(doc) {
            Err(why) => {
                ui.colored_label(error, why);
                false
            }
            Ok(preview) => {
                ui.label(RichText::new("The first cues:").strong());
                for (k, cue) in preview.cues.iter().enumerate() {
                    let broken: Vec<&Finding> = preview.findings.iter().filter(|f| f.cue == k + 1).collect();
                    ui.horizontal_top(|ui| {
                        let time = format!(
                            "{:>2}  {} – {}",
                            k + 1,
                            format_at(cue.start, crate::formats::time::Precision::Tenths, 25.0),
                            format_at(cue.end, crate::formats::time::Precision::Tenths, 25.0)
                        );
                        let mut time = RichText::new(time).monospace().small();
                        if !broken.is_empty() {
                            time = time.color(warn);
                        }
                        ui.label(time);
                        ui.vertical(|ui| {
                            for (n, line) in cue.lines.iter().enumerate() {
                                let line = match &cue.speaker {
                                    Some(name) if n == 0 => format!("<{name}> {line}"),
                                    _ => line.clone(),
                                };
                                ui.add(egui::Label::new(RichText::new(line).monospace()).extend());
                            }
                            for f in &broken {
                                ui.label(
                                    RichText::new(format!("Breaks a rule: {}", f.rule.describe(&rules)))
                                        .small()
                                        .color(warn),
                                );
                            }
                        });
                    });
                }
                if preview.findings.is_empty() {
                    ui.weak("These cues keep every rule.");
                }
                true
            }
        }
    }

    /// Starts writing the captions of `doc` to `path` in the chosen format (or the one the path's
    /// extension names).
    pub fn start(&mut self, doc: &Document, path: &Path, ctx: &egui::Context) {
        let format = match caption_format(path, self.format) {
            Ok(format) => format,
            Err(why) => {
                self.failed = Some(why);
                return;
            }
        };
        let source = self.source(doc.transcript(), usize::MAX);
        let options = self.options.clone();
        let done = Arc::new(AtomicUsize::new(0));
        let total = source.turns.len();
        let (sender, receiver) = std::sync::mpsc::channel();
        let (worker_done, path, ctx) = (Arc::clone(&done), path.to_path_buf(), ctx.clone());
        let spawned = std::thread::Builder::new().name("subtitles".into()).spawn(move || {
            let result = write_captions(&source, &options, format, &path, &|n| {
                worker_done.store(n, Ordering::Relaxed);
                ctx.request_repaint();
            });
            let _ = sender.send(result);
            ctx.request_repaint();
        });
        match spawned {
            Ok(_) => self.job = Some(Job { done, total, receiver }),
            Err(e) => self.failed = Some(format!("Cannot start writing the subtitles: {e}")),
        }
    }

    /// The end of a running export: a notice and the window closed when it is written, the reason in the
    /// window when not.
    fn poll(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>, close: &mut bool) {
        let Some(job) = &self.job else { return };
        match job.receiver.try_recv() {
            Err(TryRecvError::Empty) => ctx.request_repaint_after(std::time::Duration::from_millis(50)),
            Ok(Ok(message)) => {
                self.job = None;
                actions.push(Action::Notify(message));
                *close = true;
            }
            Ok(Err(why)) => {
                self.job = None;
                self.failed = Some(why);
            }
            Err(TryRecvError::Disconnected) => {
                self.job = None;
                self.failed = Some("Writing the subtitles stopped unexpectedly; nothing was written".to_string());
            }
        }
    }

    /// Where the file dialog starts: beside the transcript, named after it, in the chosen format.
    pub fn suggested_path(&self, doc: &Document) -> Option<PathBuf> {
        let path = doc.path()?;
        let stem = path.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
        let candidate = path.with_file_name(format!("{stem}.{}", self.format));
        Some(if candidate == path {
            path.with_file_name(format!("{stem}-captions.{}", self.format))
        } else {
            candidate
        })
    }
}

/// The format to write `path` in: its extension's where that is a subtitle format, else the one chosen
/// (when the path has no extension).
fn caption_format(path: &Path, chosen: &str) -> Result<&'static dyn Format, String> {
    let by_extension = formats::by_extension(path);
    let name = match by_extension {
        Some(f) if FORMATS.iter().any(|(n, _)| *n == f.name()) => f.name(),
        Some(f) => {
            return Err(format!(
                "{}: subtitles are written as .srt, .vtt, .ttml, .ass or .sbv, not {}",
                path.display(),
                f.title()
            ));
        }
        None if path.extension().is_none() => chosen,
        None => {
            return Err(format!(
                "{}: the extension names no subtitle format (.srt, .vtt, .ttml, .ass, .sbv)",
                path.display()
            ));
        }
    };
    formats::by_name(name).ok_or_else(|| format!("no format {name}"))
}

/// Cuts and writes the captions (on a worker thread): what to say when they are written, or why not.
fn write_captions(
    source: &Transcript,
    options: &Options,
    format: &'static dyn Format,
    path: &Path,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<String, String> {
    let cues = captions::make(source, options, progress).map_err(|e| untimed_message(&e, source))?;
    let broken: std::collections::BTreeSet<usize> =
        captions::check(&cues, &options.rules).iter().map(|f| f.cue).collect();
    let out = captions::into_transcript(&cues, source);
    crate::store::save(path, format, &out, false).map_err(|e| capitalised(&e.to_string()))?;
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    Ok(match broken.len() {
        0 => format!("{} cues written to {name}", cues.len()),
        n => format!(
            "{} cues written to {name}; {n} could not keep every rule (check them with the player)",
            cues.len()
        ),
    })
}

/// A turn without times, said for the window: what to do about it there.
fn untimed_message(e: &captions::NoTimes, t: &Transcript) -> String {
    let all_start = t.turns.iter().all(|x| x.start.is_some());
    let what = capitalised(&e.to_string());
    if e.which == "end" && all_start {
        format!("{what}. Tick \"Estimate the ends\" above, or give it an end (double-click its times).")
    } else {
        format!("{what}. Give it a start and an end (double-click its times).")
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl super::dialogs::Dialog for ExportSubtitles {
    fn show(&mut self, ctx: &egui::Context, doc: Option<&Document>, actions: &mut Vec<Action>) -> bool {
        doc.is_some_and(|doc| self.ui(ctx, doc, actions))
    }

    fn is_modal(&self) -> bool {
        false
    }
}

impl super::Editor {
    /// Starts writing the subtitles the export window shows to `path`.
    pub(in crate::app) fn export_subtitles(&mut self, path: &Path, ctx: &egui::Context) {
        let Some(doc) = &self.doc else { return };
        if let Some(window) = self.dialogs.find_mut::<ExportSubtitles>() {
            window.start(doc, path, ctx);
        }
    }
}
