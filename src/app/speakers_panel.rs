//! The speakers panel: every speaker with colour, number, turns and words; rename, merge, add, delete.

use super::Action;
use super::palette::SpeakerColours;
use crate::document::Document;
use crate::edit::aliases::{self, Suggestion};
use crate::model::SpeakerId;
use egui::{RichText, TextEdit, Ui};

/// Each speaker's name and number of turns: all that alias suggestions depend on.
type SpeakerKey = Vec<(String, usize)>;

#[derive(Default)]
pub struct SpeakersPanel {
    /// The speaker being renamed and the name typed so far.
    renaming: Option<(SpeakerId, String)>,
    focus_rename: bool,
    new_name: String,
    /// Suggested alias merges, with the document revision and the speaker names and turn counts they were
    /// made from. Nothing is compared while the revision stands; typing changes the revision but not the
    /// names or counts, so it does not make the suggestions again.
    suggestions: Option<(u64, SpeakerKey, Vec<Suggestion>)>,
}

/// Past this many speakers, alias suggestions are not made (comparing every pair would take too long, and
/// a file with that many labels needs the command line more than suggestions).
const SUGGEST_LIMIT: usize = 2_000;

pub fn ui(
    ui: &mut Ui,
    panel: &mut SpeakersPanel,
    doc: &Document,
    colours: &SpeakerColours,
    current_turn: Option<usize>,
    actions: &mut Vec<Action>,
) {
    // Below about 900 pixels the turns need the room: only each speaker's colour and number stay.
    let window = ui.ctx().content_rect().width();
    if window < COMPACT_BELOW {
        return compact(ui, doc, colours, current_turn, actions);
    }
    // Resizable by its edge, and narrower in a narrower window; View hides it.
    egui::Panel::right("speakers")
        .resizable(true)
        .default_size((window * 0.18).clamp(170.0, 260.0))
        .min_size(150.0)
        .max_size(window * 0.35)
        .show(ui, |ui| {
            ui.add_space(6.0);
            ui.heading("Speakers");
            ui.add_space(4.0);
            let Some(stats) = doc.cached_stats() else { return };
            let dark = ui.visuals().dark_mode;
            if doc.transcript().speakers.len() <= SUGGEST_LIMIT {
                let revision = doc.revision();
                if panel.suggestions.as_ref().is_none_or(|(rev, _, _)| *rev != revision) {
                    let key: SpeakerKey = doc
                        .transcript()
                        .speakers
                        .iter()
                        .zip(&stats.speakers)
                        .map(|(s, st)| (s.name.clone(), st.turns))
                        .collect();
                    match &mut panel.suggestions {
                        Some((rev, k, _)) if *k == key => *rev = revision,
                        _ => {
                            let suggestions = aliases::suggest_with_stats(doc.transcript(), &stats.speakers);
                            panel.suggestions = Some((revision, key, suggestions));
                        }
                    }
                }
            }
            // The suggestions stand below the list, so merging them away moves no row (and no Rename
            // button) from under the pointer.
            let suggestions: Vec<Suggestion> = match &panel.suggestions {
                Some((_, _, s)) if doc.transcript().speakers.len() <= SUGGEST_LIMIT => s.clone(),
                _ => Vec::new(),
            };
            add_speaker_ui(ui, panel, actions);
            ui.separator();
            let current_speaker = current_turn
                .and_then(|i| doc.transcript().turns.get(i))
                .and_then(|t| t.speaker.as_ref());
            // Every row has the same height, so only the rows in view are drawn, however many speakers.
            let line = ui.spacing().interact_size.y;
            let row_height = 3.0 * line + 3.0 * ui.spacing().item_spacing.y + 8.0;
            let count = doc.transcript().speakers.len();
            let room_for_suggestions = if suggestions.is_empty() {
                0.0
            } else {
                (suggestions.len() as f32 + 2.5) * line + 16.0
            };
            egui::ScrollArea::vertical()
                .id_salt("speakers-list")
                .auto_shrink([false, true])
                .max_height((ui.available_height() - room_for_suggestions).max(row_height))
                .show_rows(ui, row_height, count, |ui, rows| {
                    for n in rows {
                        let speaker = &doc.transcript().speakers[n];
                        let stat = stats.speakers.get(n).copied().unwrap_or_default();
                        let row = Row {
                            n,
                            speaker,
                            stat,
                            colour: colours.colour(Some(&speaker.id), dark),
                            current: current_speaker == Some(&speaker.id),
                            height: row_height,
                        };
                        ui.push_id(&speaker.id, |ui| speaker_row(ui, panel, doc, &row, actions));
                    }
                });
            if !suggestions.is_empty() {
                ui.separator();
                suggestions_ui(ui, &suggestions, doc, colours, dark, actions);
            }
        });
}

/// Windows narrower than this show the speakers as a column of colours and numbers.
pub const COMPACT_BELOW: f32 = 900.0;

/// The speakers as a narrow column: each one's colour and number, its name and counts on hover; a click goes
/// to the speaker's next turn.
fn compact(
    ui: &mut Ui,
    doc: &Document,
    colours: &SpeakerColours,
    current_turn: Option<usize>,
    actions: &mut Vec<Action>,
) {
    let dark = ui.visuals().dark_mode;
    let stats = doc.cached_stats();
    let current_speaker = current_turn
        .and_then(|i| doc.transcript().turns.get(i))
        .and_then(|t| t.speaker.as_ref());
    egui::Panel::right("speakers-compact")
        .resizable(false)
        .exact_size(44.0)
        .show(ui, |ui| {
            ui.add_space(6.0);
            egui::ScrollArea::vertical().id_salt("speakers-compact").show(ui, |ui| {
                for (n, speaker) in doc.transcript().speakers.iter().enumerate() {
                    let colour = colours.colour(Some(&speaker.id), dark);
                    let (rect, response) = ui.allocate_exact_size(egui::vec2(36.0, 22.0), egui::Sense::click());
                    if current_speaker == Some(&speaker.id) || response.hovered() {
                        ui.painter().rect_filled(rect, 4.0, ui.visuals().faint_bg_color);
                    }
                    let swatch = egui::Rect::from_center_size(
                        egui::pos2(rect.left() + 9.0, rect.center().y),
                        egui::vec2(12.0, 12.0),
                    );
                    ui.painter().rect_filled(swatch, 3.0, colour);
                    ui.painter().text(
                        egui::pos2(rect.left() + 19.0, rect.center().y),
                        egui::Align2::LEFT_CENTER,
                        (n + 1).to_string(),
                        egui::TextStyle::Monospace.resolve(ui.style()),
                        ui.visuals().text_color(),
                    );
                    let counts = stats
                        .and_then(|s| s.speakers.get(n))
                        .map(|st| {
                            format!(
                                "\n{} · {}",
                                super::wording::count(st.turns, "turn", "turns"),
                                super::wording::count(st.words, "word", "words")
                            )
                        })
                        .unwrap_or_default();
                    let response = response.on_hover_text(format!(
                        "{}{counts}\nClick: go to their next turn. A wider window shows the speakers panel.",
                        speaker.name
                    ));
                    let accessible = format!("Go to {}'s next turn", speaker.name);
                    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &accessible));
                    if response.clicked() {
                        actions.push(Action::JumpToSpeaker(speaker.id.clone()));
                    }
                }
            });
        });
}

struct Row<'a> {
    n: usize,
    speaker: &'a crate::model::Speaker,
    stat: crate::model::SpeakerStats,
    colour: egui::Color32,
    current: bool,
    height: f32,
}

fn speaker_row(ui: &mut Ui, panel: &mut SpeakersPanel, doc: &Document, row: &Row, actions: &mut Vec<Action>) {
    let speaker = row.speaker;
    let fill = if row.current {
        ui.visuals().faint_bg_color
    } else {
        egui::Color32::TRANSPARENT
    };
    let (rect, _) = ui.allocate_exact_size(egui::vec2(ui.available_width(), row.height), egui::Sense::hover());
    ui.painter().rect_filled(rect, 4.0, fill);
    ui.scope_builder(egui::UiBuilder::new().max_rect(rect.shrink(4.0)), |ui| {
        ui.horizontal(|ui| {
            let (swatch, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(swatch, 3.0, row.colour);
            let number = if row.n < 9 {
                format!("{}", row.n + 1)
            } else {
                String::new()
            };
            // The keys in force, as the user may have changed them.
            let keys = u8::try_from(row.n + 1)
                .ok()
                .and_then(|n| super::commands::Command::AssignSpeaker(n).shortcut_text(ui.ctx()));
            let hint = match keys {
                Some(keys) => format!("{keys} gives the current turn to this speaker"),
                None => "Give the current turn to this speaker from its chip's menu".to_string(),
            };
            ui.label(RichText::new(number).weak().monospace()).on_hover_text(hint);
            match &mut panel.renaming {
                Some((id, name)) if *id == speaker.id => {
                    let label = ui.label("Name:");
                    let field = ui
                        .add(TextEdit::singleline(name).desired_width(120.0))
                        .labelled_by(label.id);
                    if panel.focus_rename {
                        field.request_focus();
                        panel.focus_rename = false;
                    }
                    let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
                    let escape = ui.input(|i| i.key_pressed(egui::Key::Escape));
                    if (field.lost_focus() && enter) || ui.button("OK").clicked() {
                        actions.push(Action::RenameSpeaker {
                            speaker: speaker.id.clone(),
                            name: name.clone(),
                        });
                        panel.renaming = None;
                    } else if escape || (field.lost_focus() && !enter) {
                        panel.renaming = None;
                    }
                }
                _ => {
                    let name = ui
                        .add(
                            egui::Button::new(RichText::new(&speaker.name).color(row.colour).strong())
                                .frame(false)
                                .truncate(),
                        )
                        .on_hover_text("Go to this speaker's next turn");
                    let accessible = format!("Go to {}'s next turn", speaker.name);
                    name.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &accessible));
                    if name.clicked() {
                        actions.push(Action::JumpToSpeaker(speaker.id.clone()));
                    }
                }
            }
        });
        ui.horizontal(|ui| {
            ui.add_space(18.0);
            ui.label(
                RichText::new(format!(
                    "{} · {}",
                    super::wording::count(row.stat.turns, "turn", "turns"),
                    super::wording::count(row.stat.words, "word", "words")
                ))
                .small()
                .weak(),
            );
        });
        ui.horizontal(|ui| {
            ui.add_space(18.0);
            if ui.small_button("Rename").clicked() {
                panel.renaming = Some((speaker.id.clone(), speaker.name.clone()));
                panel.focus_rename = true;
            }
            ui.menu_button(RichText::new("Merge into…").small(), |ui| {
                egui::ScrollArea::vertical().max_height(400.0).show(ui, |ui| {
                    for other in doc.transcript().speakers.iter().filter(|o| o.id != speaker.id) {
                        if ui.button(&other.name).clicked() {
                            actions.push(Action::MergeSpeakers {
                                from: speaker.id.clone(),
                                into: other.id.clone(),
                            });
                            ui.close();
                        }
                    }
                });
            })
            .response
            .on_hover_text(format!(
                "Give all of {}'s turns to another speaker and remove {}",
                speaker.name, speaker.name
            ));
            let delete = ui
                .add_enabled(row.stat.turns == 0, egui::Button::new(RichText::new("Delete").small()))
                .on_disabled_hover_text("Only a speaker without turns can be deleted; merge instead");
            if delete.clicked() {
                actions.push(Action::DeleteSpeaker(speaker.id.clone()));
            }
        });
    });
}

fn add_speaker_ui(ui: &mut Ui, panel: &mut SpeakersPanel, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        let label = ui.label("Add:");
        let field = ui
            .add(
                TextEdit::singleline(&mut panel.new_name)
                    .hint_text("name")
                    .desired_width(140.0),
            )
            .labelled_by(label.id);
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Add speaker").clicked() || entered) && !panel.new_name.trim().is_empty() {
            actions.push(Action::AddSpeaker {
                name: std::mem::take(&mut panel.new_name),
            });
        }
    });
}

/// Labels that are probably one person, each with a Merge button, and Merge all.
fn suggestions_ui(
    ui: &mut Ui,
    suggestions: &[Suggestion],
    doc: &Document,
    colours: &SpeakerColours,
    dark: bool,
    actions: &mut Vec<Action>,
) {
    egui::Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::same(6))
        .show(ui, |ui| {
            ui.label(RichText::new("Probably the same person").strong());
            for s in suggestions {
                let name = |id: &SpeakerId| doc.transcript().speaker(id).map_or("?", |x| x.name.as_str());
                let colour = |id: &SpeakerId| colours.colour(Some(id), dark);
                ui.horizontal(|ui| {
                    ui.label(RichText::new(name(&s.from)).color(colour(&s.from)).strong());
                    ui.label("into");
                    ui.label(RichText::new(name(&s.into)).color(colour(&s.into)).strong());
                    let merge = ui.small_button("Merge").on_hover_text(format!(
                        "{}: give all its turns to {}",
                        s.reason,
                        name(&s.into)
                    ));
                    let accessible = format!("Merge {} into {}", name(&s.from), name(&s.into));
                    merge.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &accessible));
                    if merge.clicked() {
                        actions.push(Action::MergeSpeakers {
                            from: s.from.clone(),
                            into: s.into.clone(),
                        });
                    }
                });
            }
            if suggestions.len() > 1 && ui.button(format!("Merge all {}", suggestions.len())).clicked() {
                actions.push(Action::MergeAliases);
            }
        });
    ui.add_space(6.0);
}
