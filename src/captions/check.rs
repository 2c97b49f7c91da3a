//! Which cues break which rule, and by how much: for `check --captions`, the export dialog's preview and the
//! window's marks on a subtitle file's turns.

use super::{Caption, Rules};
use crate::formats::time::format_millis;

/// A rule a cue breaks, with what the cue has.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// Seconds on screen.
    TooLong(f64),
    TooShort(f64),
    /// Characters a second.
    TooFast(f64),
    TooManyLines(usize),
    /// The line (from 1) and its characters.
    LineTooLong(usize, usize),
    /// Seconds the cue runs into the next.
    Overlaps(f64),
    /// Seconds between the cue and the next, which neither touch nor keep the gap.
    TooClose(f64),
}

/// A cue (numbered from 1) that breaks a rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub cue: usize,
    pub start: f64,
    pub end: f64,
    pub rule: Rule,
}

/// Half a millisecond: times written to the millisecond are not faulted for their rounding.
const SLACK: f64 = 0.0005;

/// Every rule each cue (in order of time) breaks.
pub fn check(cues: &[Caption], rules: &Rules) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, c) in cues.iter().enumerate() {
        let mut found = |rule| {
            out.push(Finding {
                cue: i + 1,
                start: c.start,
                end: c.end,
                rule,
            })
        };
        let seconds = c.end - c.start;
        if seconds > rules.max_duration + SLACK {
            found(Rule::TooLong(seconds));
        }
        if seconds + SLACK < rules.min_duration {
            found(Rule::TooShort(seconds));
        }
        let cps = c.reading_chars() as f64 / seconds.max(0.001);
        if cps > rules.max_cps + 0.05 {
            found(Rule::TooFast(cps));
        }
        if c.lines.len() > rules.max_lines {
            found(Rule::TooManyLines(c.lines.len()));
        }
        for (k, line) in c.lines.iter().enumerate() {
            let chars = super::width(line);
            if chars > rules.max_chars {
                found(Rule::LineTooLong(k + 1, chars));
            }
        }
        if let Some(next) = cues.get(i + 1) {
            let gap = next.start - c.end;
            if gap < -SLACK {
                found(Rule::Overlaps(-gap));
            } else if gap > SLACK && gap + SLACK < rules.min_gap {
                found(Rule::TooClose(gap));
            }
        }
    }
    out
}

impl Rule {
    /// What is wrong, and by how much, against `rules`: "too fast: 27.3 characters a second (limit 20)".
    pub fn describe(&self, rules: &Rules) -> String {
        match *self {
            Rule::TooLong(s) => format!(
                "too long on screen: {s:.3} s (limit {} s, {:.3} s over)",
                rules.max_duration,
                s - rules.max_duration
            ),
            Rule::TooShort(s) => format!(
                "too short on screen: {s:.3} s (limit {} s, {:.3} s under)",
                rules.min_duration,
                rules.min_duration - s
            ),
            Rule::TooFast(cps) => format!("too fast: {cps:.1} characters a second (limit {})", rules.max_cps),
            Rule::TooManyLines(n) => format!("too many lines: {n} (limit {})", rules.max_lines),
            Rule::LineTooLong(line, chars) => format!(
                "line {line} too long: {chars} characters (limit {}, {} over)",
                rules.max_chars,
                chars - rules.max_chars
            ),
            Rule::Overlaps(s) => format!("overlaps the next cue by {s:.3} s"),
            Rule::TooClose(s) => format!(
                "too close to the next cue: {s:.3} s apart (touch it or keep {} s)",
                rules.min_gap
            ),
        }
    }

    /// The rule's short name, for marks and counts.
    pub fn name(&self) -> &'static str {
        match self {
            Rule::TooLong(_) => "too long",
            Rule::TooShort(_) => "too short",
            Rule::TooFast(_) => "too fast",
            Rule::TooManyLines(_) => "too many lines",
            Rule::LineTooLong(..) => "line too long",
            Rule::Overlaps(_) => "overlap",
            Rule::TooClose(_) => "too close",
        }
    }
}

impl Finding {
    /// `cue 3 (0:01:02.500 --> 0:01:04.000): too fast: …`
    pub fn describe(&self, rules: &Rules) -> String {
        format!(
            "cue {} ({} --> {}): {}",
            self.cue,
            clock(self.start),
            clock(self.end),
            self.rule.describe(rules)
        )
    }
}

/// A time as subtitle files write it, `00:01:02.500`.
fn clock(seconds: f64) -> String {
    format_millis((seconds.max(0.0) * 1000.0).round() as u64, '.')
}

/// The cues of a subtitle file as read: each turn cut at its cues (its timing anchors), its lines as
/// written.
pub fn cues_of(t: &crate::model::Transcript) -> Vec<Caption> {
    crate::formats::cue_parts(t)
        .into_iter()
        .map(|(turn, start, end, text)| Caption {
            start,
            end,
            lines: text
                .split('\n')
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect(),
            speaker: None,
            turn,
            dialogue: false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cue(start: f64, end: f64, lines: &[&str]) -> Caption {
        Caption {
            start,
            end,
            lines: lines.iter().map(|l| l.to_string()).collect(),
            speaker: None,
            turn: 0,
            dialogue: false,
        }
    }

    fn rules_broken(cues: &[Caption]) -> Vec<(usize, &'static str)> {
        check(cues, &Rules::default())
            .iter()
            .map(|f| (f.cue, f.rule.name()))
            .collect()
    }

    #[test]
    fn each_rule_is_found_with_its_cue() {
        let long_line = "x".repeat(43);
        let cues = [
            cue(0.0, 8.0, &["Too long on screen."]),
            cue(8.0, 8.5, &["Short."]),
            cue(9.0, 10.0, &["Far too many words for one second here"]),
            cue(11.0, 14.0, &["one", "two", "three"]),
            cue(15.0, 18.0, &[&long_line]),
            cue(18.5, 21.0, &["Overlapping the next."]),
            cue(20.0, 22.0, &["Almost touching the next."]),
            cue(22.05, 24.0, &["Last."]),
        ];
        assert_eq!(
            rules_broken(&cues),
            vec![
                (1, "too long"),
                (2, "too short"),
                (3, "too fast"),
                (4, "too many lines"),
                (5, "line too long"),
                (6, "overlap"),
                (7, "too close"),
            ]
        );
    }

    #[test]
    fn cues_within_the_rules_and_touching_cues_pass() {
        let cues = [
            cue(0.0, 2.0, &["Goedemorgen."]),
            cue(2.0, 4.0, &["Welkom."]),
            cue(4.083, 6.0, &["Ja."]),
        ];
        assert_eq!(rules_broken(&cues), vec![]);
    }

    #[test]
    fn the_message_says_by_how_much() {
        let rules = Rules::default();
        let f = &check(&[cue(1.0, 9.5, &["Te lang."])], &rules)[0];
        assert_eq!(
            f.describe(&rules),
            "cue 1 (00:00:01.000 --> 00:00:09.500): too long on screen: 8.500 s (limit 7 s, 1.500 s over)"
        );
    }
}
