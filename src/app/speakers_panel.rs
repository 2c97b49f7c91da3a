//! The speakers panel: every speaker with colour, number, turns and words; rename, merge, add, delete.

use super::document::Document;
use super::palette::SpeakerColours;
use super::{Action, TurnList};
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
    /// Suggested alias merges, for the speaker names and turn counts they were made from: typing does not
    /// change those, so it does not make the suggestions again.
    suggestions: Option<(SpeakerKey, Vec<Suggestion>)>,
}

pub fn ui(
    ui: &mut Ui,
    panel: &mut SpeakersPanel,
    doc: &mut Document,
    colours: &SpeakerColours,
    turns: &TurnList,
    actions: &mut Vec<Action>,
) {
    egui::Panel::right("speakers")
        .default_size(300.0)
        .min_size(220.0)
        .show(ui, |ui| {
            ui.add_space(6.0);
            ui.heading("Speakers");
            ui.add_space(4.0);
            let current_speaker = turns
                .current
                .and_then(|i| doc.transcript.turns.get(i))
                .and_then(|t| t.speaker.clone());
            let stats = doc.stats().speakers.clone();
            let dark = ui.visuals().dark_mode;
            let key: SpeakerKey = doc
                .transcript
                .speakers
                .iter()
                .zip(&stats)
                .map(|(s, st)| (s.name.clone(), st.turns))
                .collect();
            if panel.suggestions.as_ref().is_none_or(|(k, _)| *k != key) {
                let suggestions = aliases::suggest_with_stats(&doc.transcript, &stats);
                panel.suggestions = Some((key, suggestions));
            }
            let suggestions = panel.suggestions.as_ref().map_or(&[][..], |(_, s)| &s[..]);
            if !suggestions.is_empty() {
                suggestions_ui(ui, suggestions, doc, colours, dark, actions);
            }
            egui::ScrollArea::vertical()
                .id_salt("speakers-list")
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    for (n, (speaker, stat)) in doc.transcript.speakers.iter().zip(&stats).enumerate() {
                        let colour = colours.colour(Some(&speaker.id), dark);
                        ui.push_id(&speaker.id, |ui| {
                            egui::Frame::new()
                                .inner_margin(egui::Margin::symmetric(4, 4))
                                .fill(if current_speaker.as_ref() == Some(&speaker.id) {
                                    ui.visuals().faint_bg_color
                                } else {
                                    egui::Color32::TRANSPARENT
                                })
                                .show(ui, |ui| {
                                    ui.horizontal(|ui| {
                                        let (rect, _) =
                                            ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                                        ui.painter().rect_filled(rect, 3.0, colour);
                                        let number = if n < 9 { format!("{}", n + 1) } else { String::new() };
                                        ui.label(RichText::new(number).weak().monospace())
                                            .on_hover_text(format!(
                                                "Alt+{} gives the current turn to this speaker",
                                                n + 1
                                            ));
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
                                                        egui::Button::new(
                                                            RichText::new(&speaker.name).color(colour).strong(),
                                                        )
                                                        .frame(false),
                                                    )
                                                    .on_hover_text("Go to this speaker's next turn");
                                                let accessible = format!("Go to {}'s next turn", speaker.name);
                                                name.widget_info(|| {
                                                    egui::WidgetInfo::labeled(egui::Role::Button, true, &accessible)
                                                });
                                                if name.clicked() {
                                                    actions.push(Action::JumpToSpeaker(speaker.id.clone()));
                                                }
                                            }
                                        }
                                    });
                                    ui.horizontal(|ui| {
                                        ui.add_space(18.0);
                                        ui.label(
                                            RichText::new(format!("{} turns · {} words", stat.turns, stat.words))
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
                                            for other in doc.transcript.speakers.iter().filter(|o| o.id != speaker.id) {
                                                if ui.button(&other.name).clicked() {
                                                    actions.push(Action::MergeSpeakers {
                                                        from: speaker.id.clone(),
                                                        into: other.id.clone(),
                                                    });
                                                    ui.close();
                                                }
                                            }
                                        })
                                        .response
                                        .on_hover_text(format!(
                                            "Give all of {}'s turns to another speaker and remove {}",
                                            speaker.name, speaker.name
                                        ));
                                        let delete = ui
                                            .add_enabled(
                                                stat.turns == 0,
                                                egui::Button::new(RichText::new("Delete").small()),
                                            )
                                            .on_disabled_hover_text(
                                                "Only a speaker without turns can be deleted; merge instead",
                                            );
                                        if delete.clicked() {
                                            actions.push(Action::DeleteSpeaker(speaker.id.clone()));
                                        }
                                    });
                                });
                        });
                    }
                    ui.separator();
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
                });
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
                let name = |id: &SpeakerId| doc.transcript.speaker(id).map_or("?", |x| x.name.as_str());
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
