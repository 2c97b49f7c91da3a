//! House-style replace rules, applied in one go: a UTF-8 text, one rule per line `FIND => REPLACE`, `#`
//! comments and blank lines passed over. A literal FIND matches whole words, as written (case too); with
//! `re:` before it FIND is a regular expression and REPLACE may use its groups (`$1`). Every rule is read
//! and checked before any is applied: a bad one is named by its line, and nothing changes.

use crate::edit::search::{Matcher, Query};
use crate::edit::{Change, Edit, apply_all};
use crate::model::Transcript;

/// One rule, ready to apply.
#[derive(Debug, Clone)]
pub struct Rule {
    /// 1-based, in the rule file.
    pub line: usize,
    pub find: String,
    pub replace: String,
    matcher: Matcher,
}

/// A rule that cannot be used, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct RuleError {
    pub line: usize,
    pub message: String,
}

/// Reads a rule file; the first bad rule is the error.
pub fn parse(text: &str) -> Result<Vec<Rule>, RuleError> {
    let mut rules = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let fail = |message: String| RuleError { line, message };
        let Some((find, replace)) = trimmed.split_once("=>") else {
            return Err(fail(format!("{trimmed:?} is not a rule: a rule is FIND => REPLACE")));
        };
        let (find, replace) = (find.trim(), replace.trim());
        let (pattern, regex) = match find.strip_prefix("re:") {
            Some(pattern) => (pattern.trim(), true),
            None => (find, false),
        };
        if pattern.is_empty() {
            return Err(fail("the rule has nothing to find before =>".to_string()));
        }
        let query = Query {
            pattern: pattern.to_string(),
            case_sensitive: true,
            whole_word: !regex,
            regex,
            ..Query::default()
        };
        let matcher = query.compile().map_err(|e| fail(format!("{find:?}: {e}")))?;
        rules.push(Rule {
            line,
            find: find.to_string(),
            replace: replace.to_string(),
            matcher,
        });
    }
    Ok(rules)
}

/// The most the rules may grow a transcript's text to: ten times its size (at least 1 MB more), and never
/// past 1 GiB. Rules that double what they match, again and again, would otherwise run until memory is gone.
fn growth_limit(text_bytes: usize) -> usize {
    text_bytes.saturating_mul(10).max(text_bytes + (1 << 20)).min(1 << 30)
}

/// The change that applies every rule in order, each to the text the ones before it left, as one undo
/// step; and how many matches each rule replaced. A rule that would grow the text past ten times its size
/// is the error (by its line), and nothing is applied.
pub fn apply(t: &Transcript, rules: &[Rule]) -> Result<(Change, Vec<usize>), RuleError> {
    let mut scratch = t.clone();
    let mut edits = Vec::new();
    let mut counts = Vec::with_capacity(rules.len());
    let original: usize = t.turns.iter().map(|x| x.text.len()).sum();
    let limit = growth_limit(original);
    let mut size = original;
    for rule in rules {
        let (change, count) = rule.matcher.replace_all(&scratch, &rule.replace);
        for edit in &change.edits {
            if let Edit::ReplaceText { range, text, .. } = edit {
                size = size.saturating_add(text.len()).saturating_sub(range.len());
            }
        }
        if size > limit {
            return Err(RuleError {
                line: rule.line,
                message: format!(
                    "applied after the rules before it, this rule makes the text {} KB, more than ten times the \
                     transcript's {} KB: it must replace what it inserts again and again; nothing was changed",
                    size >> 10,
                    original >> 10
                ),
            });
        }
        // Made for the scratch copy as it is, so it fits; a rule whose change would not is counted as none.
        match apply_all(&mut scratch, change.edits.clone()) {
            Ok(_) => {
                edits.extend(change.edits);
                counts.push(count);
            }
            Err(_) => counts.push(0),
        }
    }
    Ok((Change::new("Apply rules", edits), counts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transcript(texts: &[&str]) -> Transcript {
        let mut t = Transcript::new();
        let mia = t.intern_speaker("Mia");
        for text in texts {
            t.push_turn(Some(mia.clone()), *text);
        }
        t
    }

    const RULES: &str = "# huisstijl\n\nstudytube => Studytube\n\nre:(\\d+) procent => $1%\nhakar => Hakar\n";

    #[test]
    fn literal_rules_match_whole_words_and_regex_rules_use_groups() {
        let rules = parse(RULES).expect("reads");
        assert_eq!(rules.iter().map(|r| r.line).collect::<Vec<_>>(), [3, 5, 6]);
        let mut t = transcript(&["Bij studytube en studytubes zei hakar: 40 procent.", "Niets hier."]);
        let (change, counts) = apply(&t, &rules).expect("applies");
        assert_eq!(counts, [1, 1, 1]);
        let mut history = crate::edit::History::new();
        history.apply(&mut t, change).expect("applies");
        assert_eq!(t.turns[0].text, "Bij Studytube en studytubes zei Hakar: 40%.");
        history.undo(&mut t).expect("one step undoes all");
        assert_eq!(t.turns[0].text, "Bij studytube en studytubes zei hakar: 40 procent.");
    }

    #[test]
    fn each_rule_works_on_what_the_rules_before_it_left() {
        let rules = parse("een => twee\ntwee => drie\n").expect("reads");
        let t = transcript(&["een"]);
        let (change, counts) = apply(&t, &rules).expect("applies");
        let mut t2 = t.clone();
        apply_all(&mut t2, change.edits).expect("applies");
        assert_eq!((t2.turns[0].text.as_str(), counts), ("drie", vec![1, 1]));
    }

    #[test]
    fn rules_that_double_the_text_again_and_again_stop_at_the_rule_that_goes_too_far() {
        let doubling = "re:(.) => $1$1\n".repeat(25);
        let rules = parse(&doubling).expect("reads");
        let t = transcript(&["Welkom bij de podcast."]);
        let e = apply(&t, &rules).expect_err("stopped");
        // 22 bytes doubled: 1 MB and more is passed at the sixteenth rule.
        assert_eq!(e.line, 16, "{e}");
        assert!(e.message.contains("more than ten times"), "{e}");
    }

    #[test]
    fn a_bad_rule_is_named_by_its_line() {
        let e = parse("# ok\ngoed => beter\nzonder pijl\n").expect_err("no arrow");
        assert_eq!(e.line, 3);
        assert!(e.message.contains("FIND => REPLACE"), "{e}");
        let e = parse("re:(open => dicht\n").expect_err("bad regex");
        assert_eq!(e.line, 1);
        assert!(e.message.contains("re:(open"), "{e}");
        let e = parse("\n => leeg\n").expect_err("nothing to find");
        assert_eq!((e.line, e.to_string().starts_with("line 2:")), (2, true));
    }
}
