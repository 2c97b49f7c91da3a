//! Row heights for the virtualised list.

use super::ROW_MARGIN;
use crate::document::Document;

/// Heights of all rows, estimated from the text length and corrected when a row is drawn, with prefix sums
/// so that the row at a scroll position is found by binary search.
#[derive(Default)]
pub(super) struct RowHeights {
    heights: Vec<f32>,
    prefix: Vec<f32>,
    pub(super) prefix_stale: bool,
    key: Option<(u32, u32, usize)>,
}

impl RowHeights {
    pub(super) fn sync(
        &mut self,
        doc: &Document,
        text_width: f32,
        font_size: f32,
        line_height: f32,
        label_height: f32,
    ) {
        let turns = &doc.transcript().turns;
        let key = (text_width.round() as u32, font_size.to_bits(), turns.len());
        if self.key != Some(key) {
            self.key = Some(key);
            let chars_per_line = (text_width / (font_size * 0.5)).max(1.0) as usize;
            let chrome = ROW_MARGIN.sum().y + 2.0 * super::row::ROW_STROKE + 2.0;
            self.heights = turns
                .iter()
                .map(|t| {
                    let lines: usize = t
                        .text
                        .split('\n')
                        .map(|p| p.len().div_ceil(chars_per_line).max(1))
                        .sum();
                    (lines as f32 * line_height).max(label_height) + chrome
                })
                .collect();
            self.prefix_stale = true;
        }
        if self.prefix_stale {
            self.prefix.clear();
            self.prefix.reserve(self.heights.len() + 1);
            let mut sum = 0.0;
            self.prefix.push(0.0);
            for h in &self.heights {
                sum += h;
                self.prefix.push(sum);
            }
            self.prefix_stale = false;
        }
    }

    pub(super) fn top(&self, i: usize) -> f32 {
        self.prefix.get(i).copied().unwrap_or(0.0)
    }

    pub(super) fn height(&self, i: usize) -> f32 {
        self.heights.get(i).copied().unwrap_or(0.0)
    }

    pub(super) fn total(&self) -> f32 {
        self.prefix.last().copied().unwrap_or(0.0)
    }

    /// The row at list position `y`.
    pub(super) fn index_at(&self, y: f32) -> usize {
        let n = self.heights.len();
        self.prefix
            .partition_point(|&top| top <= y)
            .saturating_sub(1)
            .min(n.saturating_sub(1))
    }

    /// Records a drawn row's real height; returns how much it changed.
    pub(super) fn set_measured(&mut self, i: usize, height: f32) -> f32 {
        let Some(h) = self.heights.get_mut(i) else { return 0.0 };
        let delta = height - *h;
        if delta.abs() > 0.5 {
            *h = height;
            self.prefix_stale = true;
            delta
        } else {
            0.0
        }
    }
}
