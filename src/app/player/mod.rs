//! The recording beside the transcript: which file, its waveform (computed on a worker, drawn while it
//! fills), and playing it. The bar under the turns shows play/pause, position and length, and the
//! waveform with the playhead and the turns in view; a click on the waveform seeks. Finding the recording
//! of a transcript, following it while it plays and the commands that tie a turn to it are in
//! `recording.rs`.

mod recording;

use super::Action;
use crate::formats::time::{Precision, format_at};
use crate::media::stretch::SPEEDS;
use crate::media::{Decoder, Peaks, PlayError, PlaybackClock, Playing};
use egui::{RichText, Sense, Ui, vec2};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

/// Slices of the waveform per second of recording.
const PEAKS_PER_SECOND: u32 = 100;

/// The speeds offered by the speed menu and the slower and faster keys.
const SPEED_STEPS: [f64; 7] = [0.5, 0.75, 0.9, 1.0, 1.25, 1.5, 2.0];

/// Seconds shown by the view around the playhead.
const ZOOM_SECONDS: f64 = 10.0;

#[derive(Default)]
pub struct Player {
    recording: Option<Recording>,
    /// A recording the transcript links to that is not where the link says.
    missing: Option<String>,
    /// The loudness (1.0: as recorded), kept across recordings.
    volume: Option<f32>,
    /// A stretch played again and again: (start, end) seconds.
    looping: Option<(f64, f64)>,
    /// Seconds played again when resuming after a pause, as transcribers expect.
    pub resume_back: f64,
    /// Seconds of recording per second of listening (1: as recorded), kept across recordings.
    speed: Option<f64>,
}

struct Recording {
    path: PathBuf,
    duration: Option<f64>,
    peaks: Peaks,
    /// The worker computing the waveform.
    peaks_worker: Option<Receiver<Summary>>,
    /// The output, once playing has started (kept open while paused).
    playing: Option<Playing>,
    /// Where playback stands while paused.
    paused_at: f64,
    /// Why the last try to play failed ("No audio output: …").
    problem: Option<String>,
}

impl Player {
    /// Opens the recording at `path` (reading its length; the waveform follows on a worker), or says why not.
    pub fn open(&mut self, path: &Path, ctx: &egui::Context) -> Result<(), String> {
        self.close();
        // Opened here, so a file that cannot be played is said at once; the worker reads it on.
        let decoder = Decoder::open(path).map_err(|e| e.to_string())?;
        let duration = decoder.duration();
        let (sender, receiver) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new().name("waveform".into()).spawn(move || {
            // A decoder that panics on a damaged stretch ends the waveform, not the editor.
            let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                waveform_worker(decoder, &sender, &ctx);
            }));
            if done.is_err() {
                let _ = sender.send(Summary::Damaged);
                ctx.request_repaint();
            }
        });
        self.recording = Some(Recording {
            path: path.to_path_buf(),
            duration,
            peaks: Peaks {
                per_second: PEAKS_PER_SECOND,
                ..Peaks::default()
            },
            peaks_worker: spawned.ok().map(|_| receiver),
            playing: None,
            paused_at: 0.0,
            problem: None,
        });
        Ok(())
    }

    pub fn close(&mut self) {
        self.recording = None;
        self.missing = None;
        self.looping = None;
    }

    /// The transcript links to a recording that is not there (or not a file), as `said`: the bar says so and
    /// offers to locate it.
    pub fn missing(&mut self, said: &str) {
        self.close();
        self.missing = Some(said.to_string());
    }

    /// The recording's file, when one is open.
    pub fn path(&self) -> Option<&Path> {
        self.recording.as_ref().map(|r| r.path.as_path())
    }

    pub fn is_open(&self) -> bool {
        self.recording.is_some()
    }

    pub fn is_playing(&self) -> bool {
        self.recording.as_ref().is_some_and(Recording::is_playing)
    }

    /// What is being heard, or where playback stands paused.
    pub fn position(&self) -> Option<f64> {
        let r = self.recording.as_ref()?;
        Some(match &r.playing {
            Some(p) if !p.is_paused() => p.position(),
            _ => r.paused_at,
        })
    }

    /// Why nothing can be heard, if the last try failed.
    pub fn problem(&self) -> Option<&str> {
        self.recording.as_ref()?.problem.as_deref()
    }

    /// Plays `span` again and again (`None`: no more).
    pub fn set_looping(&mut self, span: Option<(f64, f64)>) {
        self.looping = span.filter(|(a, b)| b > a);
    }

    pub fn looping(&self) -> Option<(f64, f64)> {
        self.looping
    }

    /// While playing a loop: back to its start once its end is heard.
    pub fn keep_looping(&mut self) {
        if let (Some((start, end)), true) = (self.looping, self.is_playing())
            && self.position().is_some_and(|at| at >= end || at < start - 0.5)
        {
            self.seek(start);
        }
    }

    pub fn volume(&self) -> f32 {
        self.volume.unwrap_or(1.0)
    }

    /// Sets the loudness, at once if playing.
    pub fn set_volume(&mut self, volume: f32) {
        let volume = volume.clamp(0.0, 2.0);
        self.volume = Some(volume);
        if let Some(playing) = self.recording.as_ref().and_then(|r| r.playing.as_ref()) {
            playing.set_volume(volume);
        }
    }

    pub fn speed(&self) -> f64 {
        self.speed.unwrap_or(1.0)
    }

    /// Plays at `speed` (kept between a half and two), at once if playing.
    pub fn set_speed(&mut self, speed: f64) {
        let speed = speed.clamp(*SPEEDS.start(), *SPEEDS.end());
        self.speed = Some(speed);
        if self.is_playing()
            && let Some(at) = self.position()
            && let Some(r) = &mut self.recording
        {
            r.start(at, self.volume.unwrap_or(1.0), speed);
        }
    }

    /// The next speed up or down in the steps offered.
    pub fn speed_step(&self, faster: bool) -> f64 {
        let now = self.speed();
        let next = if faster {
            SPEED_STEPS.iter().find(|s| **s > now + 1e-9)
        } else {
            SPEED_STEPS.iter().rev().find(|s| **s < now - 1e-9)
        };
        next.copied().unwrap_or(now)
    }

    /// Play from where it stands (a moment earlier after a pause), or pause.
    pub fn play_pause(&mut self) {
        let (volume, speed) = (self.volume.unwrap_or(1.0), self.speed());
        let Some(r) = &mut self.recording else { return };
        if r.is_playing() {
            if let Some(p) = &mut r.playing {
                r.paused_at = p.pause();
            }
        } else {
            let from = PlaybackClock::resume_from(r.paused_at, self.resume_back);
            r.start(from, volume, speed);
        }
    }

    /// Plays from exactly where it stands (no step back: the place was chosen).
    pub fn play_from_here(&mut self) {
        let (volume, speed) = (self.volume.unwrap_or(1.0), self.speed());
        if let Some(r) = &mut self.recording
            && !r.is_playing()
        {
            let from = r.paused_at;
            r.start(from, volume, speed);
        }
    }

    /// Goes to `seconds`, playing on from there if it was playing.
    pub fn seek(&mut self, seconds: f64) {
        let (volume, speed) = (self.volume.unwrap_or(1.0), self.speed());
        let Some(r) = &mut self.recording else { return };
        let to = r.duration.map_or(seconds, |d| seconds.min(d)).max(0.0);
        if r.is_playing() {
            r.start(to, volume, speed);
        } else {
            r.paused_at = to;
        }
    }

    /// Takes the waveform snapshots the worker has made, and pauses at the end of the recording.
    pub fn poll(&mut self) {
        let Some(r) = &mut self.recording else { return };
        if let Some(p) = &mut r.playing
            && let Some(failure) = p.take_failure()
        {
            // Say it where the user looks for the sound, pause where it stopped, and let editing go on.
            r.paused_at = p.pause();
            r.problem = Some(damage_message(&failure));
        } else if let Some(p) = &mut r.playing
            && p.finished()
        {
            r.paused_at = r.duration.unwrap_or_else(|| p.position());
            p.pause();
        }
        let Some(worker) = &r.peaks_worker else { return };
        loop {
            match worker.try_recv() {
                Ok(Summary::Slices(batch)) => r.peaks.slices.extend(batch),
                Ok(Summary::Sketch(sketch, span)) => (r.peaks.sketch, r.peaks.sketch_span) = (sketch, span),
                Ok(Summary::Damaged) => {
                    r.problem = Some(
                        "The recording is damaged: its waveform stops where the decoder failed. Editing goes on."
                            .to_string(),
                    );
                }
                Err(TryRecvError::Empty) => return,
                Err(TryRecvError::Disconnected) => {
                    r.peaks_worker = None;
                    return;
                }
            }
        }
    }

    /// The bar under the turns of `doc`. Its zoomed waveform marks the starts of the turns around `started`
    /// (the turn heard a moment ago), not a walk of all of them every frame.
    pub fn bar(
        &self,
        ui: &mut Ui,
        doc: &crate::document::Document,
        started: Option<usize>,
        turns_in_view: Option<(f64, f64)>,
        actions: &mut Vec<Action>,
    ) {
        let turns = &doc.transcript().turns;
        let around = started.unwrap_or(0);
        let near = &turns[around.saturating_sub(100).min(turns.len())..(around + 100).min(turns.len())];
        self.ui(ui, turns_in_view, near, actions);
    }

    /// The bar under the turns. `turns_in_view`: the times of the turns on screen, marked on the waveform.
    /// `turns`: their starts are marked on the zoomed view.
    fn ui(
        &self,
        ui: &mut Ui,
        turns_in_view: Option<(f64, f64)>,
        turns: &[crate::model::Turn],
        actions: &mut Vec<Action>,
    ) {
        if let Some(said) = &self.missing {
            egui::Panel::bottom("player").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(said.as_str()).color(ui.visuals().warn_fg_color));
                    if ui.button("Locate it…").clicked() {
                        actions.push(Action::AskPath(super::file_dialog::Purpose::Recording));
                    }
                });
            });
            return;
        }
        let Some(r) = &self.recording else { return };
        egui::Panel::bottom("player").show(ui, |ui| {
            ui.add_space(2.0);
            // Wraps onto a second line in a narrow window rather than running under the speakers panel.
            ui.horizontal_wrapped(|ui| {
                use super::commands::Command;
                let ctx = ui.ctx().clone();
                let keys = |c: Command| c.shortcut_text(&ctx).map(|k| format!(" ({k})")).unwrap_or_default();
                let label = if r.is_playing() { "Pause" } else { "Play" };
                // One width for both words: the controls after it never jump.
                let play = egui::Button::new(label).min_size(egui::vec2(64.0, 0.0));
                if ui
                    .add(play)
                    .on_hover_text(format!("Play or pause{}", keys(Command::PlayPause)))
                    .clicked()
                {
                    actions.push(Action::Command(Command::PlayPause));
                }
                let position = self.position().unwrap_or(0.0);
                let length = r
                    .duration
                    .map_or("?".to_string(), |d| format_at(d, Precision::Tenths, 25.0));
                ui.label(
                    RichText::new(format!("{} / {length}", format_at(position, Precision::Tenths, 25.0))).monospace(),
                )
                .on_hover_text("Where the recording stands, and its length");
                let looping = self.looping.is_some();
                if ui
                    .add(egui::Button::new("Loop").selected(looping))
                    .on_hover_text(format!(
                        "{} the current turn again and again{}",
                        if looping { "Looping:" } else { "Play" },
                        keys(Command::LoopTurn)
                    ))
                    .clicked()
                {
                    actions.push(Action::Command(Command::LoopTurn));
                }
                ui.separator();
                let speed = self.speed();
                let speed_hover = format!(
                    "Speed, the pitch kept: slower{}, faster{}",
                    keys(Command::Slower),
                    keys(Command::Faster)
                );
                let label = ui.label("Speed").on_hover_text(&speed_hover);
                egui::ComboBox::from_id_salt("speed")
                    .selected_text(format!("{}×", speed_text(speed)))
                    .width(64.0)
                    .show_ui(ui, |ui| {
                        for step in SPEED_STEPS {
                            let label = format!("{}×", speed_text(step));
                            if ui.selectable_label((step - speed).abs() < 1e-9, label).clicked() {
                                actions.push(Action::SetSpeed(step));
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id)
                    .on_hover_text(&speed_hover);
                ui.separator();
                let mut volume = self.volume();
                let label = ui
                    .label("Volume")
                    .on_hover_text("How loud the recording plays (100%: as recorded)");
                ui.spacing_mut().slider_width = 80.0;
                let slider = ui
                    .add(egui::Slider::new(&mut volume, 0.0..=2.0).show_value(false))
                    .labelled_by(label.id)
                    .on_hover_text("How loud the recording plays (100%: as recorded)");
                if slider.changed() {
                    actions.push(Action::SetVolume(volume));
                }
                ui.label(RichText::new(format!("{:.0}%", volume * 100.0)).monospace());
                if let Some(problem) = &r.problem {
                    ui.label(RichText::new(problem).color(ui.visuals().warn_fg_color));
                }
                // The file's name last: the least needed, cut short where there is no room.
                let name = r
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                ui.add(egui::Label::new(RichText::new(name).weak()).truncate())
                    .on_hover_text(r.path.display().to_string());
            });
            let duration = r.duration.unwrap_or(r.peaks.covered()).max(0.001);
            let position = self.position().unwrap_or(0.0);
            let overview = Waveform {
                peaks: &r.peaks,
                from: 0.0,
                to: duration,
                playhead: position,
                band: turns_in_view,
                marks: &[],
            };
            if let Some(t) = overview.ui(ui, "Recording overview", 40.0) {
                actions.push(Action::Seek(t));
            }
            // Ten seconds around the playhead, with the turns' starts marked.
            let (from, to) = (position - ZOOM_SECONDS / 2.0, position + ZOOM_SECONDS / 2.0);
            let marks: Vec<f64> = turns
                .iter()
                .filter_map(|t| t.start)
                .filter(|s| (from..=to).contains(s))
                .collect();
            let zoomed = Waveform {
                peaks: &r.peaks,
                from,
                to,
                playhead: position,
                band: None,
                marks: &marks,
            };
            if let Some(t) = zoomed.ui(ui, "Recording around the playhead", 34.0) {
                actions.push(Action::Seek(t));
            }
            ui.add_space(2.0);
        });
        if r.is_playing() {
            ui.ctx().request_repaint_after(Duration::from_millis(30));
        }
    }
}

/// What the waveform worker sends.
enum Summary {
    /// The whole recording sketched: the loudness of evenly spread probes, and the seconds they span.
    Sketch(Vec<f32>, f64),
    /// The slices made since the last batch.
    Slices(Vec<(f32, f32)>),
    /// The decoder failed part way (it panicked on a damaged stretch).
    Damaged,
}

/// Recordings longer than this are sketched first (decoding all of them takes seconds).
const SKETCH_AFTER: f64 = 120.0;

/// The waveform worker: a sketch of a long recording first, then every slice from the start, sent every few
/// seconds of recording, so the waveform fills as it is read and nothing is sent twice. Stops when the
/// recording is closed (the receiver is gone).
fn waveform_worker(mut decoder: Decoder, sender: &std::sync::mpsc::Sender<Summary>, ctx: &egui::Context) {
    if decoder.duration().is_some_and(|d| d > SKETCH_AFTER) {
        // Two thousand probes of a tenth of a second: more than an overview has columns.
        let Ok((sketch, span)) = Peaks::sketch(&mut decoder, 2000, 0.1, |_| true) else {
            return;
        };
        if sender.send(Summary::Sketch(sketch, span)).is_err() || decoder.seek(0.0).is_err() {
            return;
        }
        ctx.request_repaint();
    }
    let mut sent = 0;
    let result = Peaks::compute(&mut decoder, PEAKS_PER_SECOND, |slices| {
        if slices.len() >= sent + 500 {
            let batch = slices[sent..].to_vec();
            sent = slices.len();
            ctx.request_repaint();
            return sender.send(Summary::Slices(batch)).is_ok();
        }
        true
    });
    if let Ok(peaks) = result {
        let _ = sender.send(Summary::Slices(peaks.slices.get(sent..).unwrap_or_default().to_vec()));
        ctx.request_repaint();
    }
}

impl Recording {
    fn is_playing(&self) -> bool {
        self.playing.as_ref().is_some_and(|p| !p.is_paused())
    }

    /// Plays from `from`: on the output already open, else on a new one.
    fn start(&mut self, from: f64, volume: f32, speed: f64) {
        if let Some(playing) = &mut self.playing {
            playing.play_from(from, speed);
            return;
        }
        match Playing::start(&self.path, from, volume, speed) {
            Ok(playing) => {
                self.problem = None;
                self.playing = Some(playing);
            }
            Err(e @ PlayError::NoOutput(_)) | Err(e @ PlayError::Media(_)) => {
                self.paused_at = from;
                self.problem = Some(e.to_string());
            }
        }
    }
}

/// What the player bar says of a recording that failed while playing: where, and why.
fn damage_message(failure: &crate::media::MediaError) -> String {
    match failure {
        crate::media::MediaError::Damaged { at, reason, .. } => format!(
            "The recording is damaged at {}: {reason}. Editing goes on; play from after that point.",
            crate::formats::time::format_short(*at)
        ),
        other => format!("The recording cannot be played on: {other}"),
    }
}

/// A speed as people write it: "1", "0.75", "1.5".
fn speed_text(speed: f64) -> String {
    let text = format!("{speed:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A stretch of the recording drawn from its peaks: the loudness of each pixel column, the playhead, a band
/// (the turns in view) and marks (turn starts). A click answers the time clicked.
struct Waveform<'a> {
    peaks: &'a Peaks,
    from: f64,
    to: f64,
    playhead: f64,
    band: Option<(f64, f64)>,
    marks: &'a [f64],
}

impl Waveform<'_> {
    fn ui(&self, ui: &mut Ui, name: &str, height: f32) -> Option<f64> {
        let (rect, response) = ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::click());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, true, name));
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 3.0, ui.visuals().extreme_bg_color);
        let span = (self.to - self.from).max(0.001);
        let x_of = |t: f64| rect.left() + ((t - self.from) / span) as f32 * rect.width();
        if let Some((a, b)) = self.band {
            let band = egui::Rect::from_x_y_ranges(x_of(a)..=x_of(b).max(x_of(a) + 2.0), rect.y_range());
            painter.rect_filled(band, 0.0, ui.visuals().selection.bg_fill.gamma_multiply(0.3));
        }
        // One mesh of a thin bar per pixel column: a single shape, where a line per column would be a
        // thousand for the tessellator every frame.
        let colour = ui.visuals().text_color().gamma_multiply(0.6);
        let columns = rect.width().max(1.0) as usize;
        let mut bars = egui::Mesh::default();
        for column in 0..columns {
            let t0 = self.from + span * column as f64 / columns as f64;
            let t1 = self.from + span * (column + 1) as f64 / columns as f64;
            let loud = self.peaks.loudest(t0, t1).min(1.0);
            if loud > 0.0 && t1 > 0.0 {
                let x = rect.left() + column as f32;
                let h = (loud * rect.height() * 0.5).max(0.5);
                let bar = egui::Rect::from_x_y_ranges(x..=x + 1.0, rect.center().y - h..=rect.center().y + h);
                bars.add_colored_rect(bar, colour);
            }
        }
        painter.add(bars);
        for &mark in self.marks {
            let x = x_of(mark);
            painter.line_segment(
                [egui::pos2(x, rect.top()), egui::pos2(x, rect.bottom())],
                (1.0, ui.visuals().selection.stroke.color),
            );
        }
        let x = x_of(self.playhead);
        painter.line_segment(
            [egui::pos2(x, rect.top()), egui::pos2(x, rect.bottom())],
            (2.0, super::style::colours::SPOKEN),
        );
        let pointer = response.interact_pointer_pos().filter(|_| response.clicked())?;
        Some(self.from + f64::from((pointer.x - rect.left()) / rect.width().max(1.0)) * span)
    }
}

#[cfg(test)]
mod damage_tests {
    #[test]
    fn damage_is_said_with_its_time() {
        let failure = crate::media::MediaError::Damaged {
            path: "talk.mp3".into(),
            at: 723.4,
            reason: "malformed stream".into(),
        };
        assert_eq!(
            super::damage_message(&failure),
            "The recording is damaged at 12:03: malformed stream. Editing goes on; play from after that point."
        );
    }
}
