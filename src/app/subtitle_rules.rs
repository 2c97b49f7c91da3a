//! View → Subtitle rules: on a subtitle file, each turn whose cues break a subtitle rule shows which, under
//! its times (the same findings as `check --captions`, with the usual limits). Counted again only when the
//! document changes.

use crate::captions::{self, Rules};
use crate::document::Document;
use std::collections::HashMap;
use std::sync::Arc;

/// By turn (from 0): the rules broken, short ("too fast · line too long"), and each finding in full.
pub type RuleMarks = HashMap<usize, (String, String)>;

/// Whether `doc` is a subtitle file, whose cues the rules apply to.
pub fn is_subtitles(doc: &Document) -> bool {
    matches!(doc.format().name(), "srt" | "vtt" | "ass" | "sbv" | "ttml")
}

#[derive(Default)]
pub struct SubtitleRules {
    counted: Option<(u64, Arc<RuleMarks>)>,
}

impl SubtitleRules {
    /// The marks for `doc` when they are asked for (`on`) and it is a subtitle file.
    pub fn marks(&mut self, doc: &Document, on: bool) -> Option<Arc<RuleMarks>> {
        if !on || !is_subtitles(doc) {
            return None;
        }
        let revision = doc.revision();
        if self.counted.as_ref().is_none_or(|(r, _)| *r != revision) {
            self.counted = Some((revision, Arc::new(count(doc))));
        }
        self.counted.as_ref().map(|(_, marks)| Arc::clone(marks))
    }
}

fn count(doc: &Document) -> RuleMarks {
    let rules = Rules::default();
    let cues = captions::check::cues_of(doc.transcript());
    let mut out: RuleMarks = HashMap::new();
    for finding in captions::check(&cues, &rules) {
        let Some(cue) = cues.get(finding.cue - 1) else { continue };
        let (short, detail) = out.entry(cue.turn).or_default();
        if !short.contains(finding.rule.name()) {
            if !short.is_empty() {
                short.push_str(" · ");
            }
            short.push_str(finding.rule.name());
        }
        if !detail.is_empty() {
            detail.push('\n');
        }
        detail.push_str(&finding.describe(&rules));
    }
    out
}
