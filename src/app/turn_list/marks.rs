//! What a turn's text shows besides its words: search matches, misspelled and doubtful words, the word being
//! heard. The same marks are laid out for the painted text and inside the live editor.

use super::SHOWN_BYTES;
use crate::app::style::colours::{self, SPOKEN};
use egui::text::{LayoutJob, TextFormat};
use egui::{TextStyle, Ui};
use std::ops::Range;

/// What a turn's text marks besides search matches: byte ranges of its text.
pub(super) struct Marks {
    /// Words the dictionary does not know: underlined in the error colour.
    pub misspelled: Vec<Range<usize>>,
    /// Words the recogniser was unsure of: underlined in the warning colour.
    pub doubtful: Vec<Range<usize>>,
    /// The word being said at the playhead: on the playhead's colour.
    pub spoken: Option<Range<usize>>,
}

impl super::TurnList {
    /// The marks of turn `i`: its misspelled words, its doubtful words (none once it is reviewed: its
    /// words have been checked) and, while it is heard, the word at the playhead.
    pub(super) fn marks(&mut self, i: usize, turn: &crate::model::Turn) -> Marks {
        let below = if turn.reviewed { 0.0 } else { self.doubt_below };
        Marks {
            misspelled: self.spelling.misspelled(turn),
            doubtful: crate::model::words::doubtful(&turn.text, &turn.words, below).collect(),
            spoken: self
                .playhead
                .filter(|_| self.spoken == Some(i))
                .and_then(|at| crate::model::words::word_at(&turn.text, &turn.words, at)),
        }
    }
}

/// `text` laid out `width` wide with its marks: search `matches` (numbered; `current` the one found last)
/// on a coloured background, misspelled and doubtful words underlined (each in its colour; a word that is
/// both in the misspelled colour), the spoken word tinted. A text longer than
/// [`SHOWN_BYTES`] shows its beginning and a note of what is not shown.
pub(super) fn marked_job<'a>(
    ui: &Ui,
    text: &str,
    width: f32,
    matches: impl Iterator<Item = (usize, &'a Range<usize>)>,
    current: Option<usize>,
    marks: &Marks,
) -> LayoutJob {
    let font = TextStyle::Body.resolve(ui.style());
    let (shown, colour) = if text.is_empty() {
        ("(empty)", ui.visuals().weak_text_color())
    } else {
        (text, ui.visuals().text_color())
    };
    // A turn of megabytes (a file without line breaks) would take seconds to lay out: show its beginning.
    let cut = (0..=SHOWN_BYTES.min(shown.len()))
        .rev()
        .find(|&i| shown.is_char_boundary(i))
        .unwrap_or(0);
    let shown = &shown[..cut];
    let plain = TextFormat::simple(font.clone(), colour);
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    let (hit, current_hit) = colours::search_hits(ui.visuals().dark_mode);
    let doubt = egui::Stroke::new(1.5, ui.visuals().warn_fg_color);
    let misspelt = egui::Stroke::new(1.5, colours::misspelled(ui.visuals().dark_mode));
    let fits = |r: &Range<usize>| {
        r.start < r.end && r.end <= shown.len() && shown.is_char_boundary(r.start) && shown.is_char_boundary(r.end)
    };
    let matches: Vec<(usize, Range<usize>)> = matches.filter(|(_, r)| fits(r)).map(|(k, r)| (k, r.clone())).collect();
    let doubtful: Vec<&Range<usize>> = marks.doubtful.iter().filter(|r| fits(r)).collect();
    let misspelled: Vec<&Range<usize>> = marks.misspelled.iter().filter(|r| fits(r)).collect();
    let spoken = marks.spoken.clone().filter(|r| fits(r));
    // Cut the text wherever a mark begins or ends; each piece has the marks that cover it.
    let mut cuts: Vec<usize> = vec![0, shown.len()];
    cuts.extend(matches.iter().flat_map(|(_, r)| [r.start, r.end]));
    cuts.extend(doubtful.iter().flat_map(|r| [r.start, r.end]));
    cuts.extend(misspelled.iter().flat_map(|r| [r.start, r.end]));
    cuts.extend(spoken.iter().flat_map(|r| [r.start, r.end]));
    cuts.sort_unstable();
    cuts.dedup();
    for piece in cuts.windows(2) {
        let (a, b) = (piece[0], piece[1]);
        let mut format = plain.clone();
        if let Some((k, _)) = matches.iter().find(|(_, r)| r.start <= a && b <= r.end) {
            format.background = if current == Some(*k) { current_hit } else { hit };
        }
        if misspelled.iter().any(|r| r.start <= a && b <= r.end) {
            format.underline = misspelt;
        } else if doubtful.iter().any(|r| r.start <= a && b <= r.end) {
            format.underline = doubt;
        }
        if spoken.as_ref().is_some_and(|r| r.start <= a && b <= r.end) {
            format.background = SPOKEN.gamma_multiply(0.35);
        }
        job.append(&shown[a..b], 0.0, format);
    }
    if cut < text.len() {
        let rest = text[cut..].chars().count();
        let note = TextFormat::simple(font, ui.visuals().weak_text_color());
        job.append(&format!(" … and {rest} more characters, kept but not shown"), 0.0, note);
    }
    job
}
