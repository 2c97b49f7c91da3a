//! Writing a speaker label that reads back as exactly the speaker's name.
//!
//! A name that reads back plainly is written `Name:` (or in a Chinese or Japanese file's own style,
//! `张伟：` or `【访谈者】`). Any other name (`C++`, `Tom (host)`, `Re: Mia`, `[Bob]`, `42`, the empty name,
//! a 200-character name, a name with a line break) is written in brackets with escapes: `[C++]:`,
//! `[Re: Mia]:`, `[\[Bob\]]:`, `[]:`; inside the brackets `\\` is a backslash, `\]` a closing bracket and
//! `\u{…}` a character by its hexadecimal code (control characters, and a first digit where the name would
//! read as a time).

use super::labels::{is_time, match_label};
use crate::formats::line::looks_like_name;
use crate::model::LabelStyle;

/// Whether `line`, a label and then text, reads back with exactly `name` as its speaker and no time, in any
/// file (a label seen only once counts when it has a label's form or looks like a name).
fn reads_back(line: &str, name: &str) -> bool {
    matches!(match_label(line), Some(m) if m.name == name && m.start.is_none() && (m.strong || looks_like_name(name)))
}

/// The bold label the Markdown writer puts before a turn: the name with Markdown's backslash escapes,
/// then the times, if any.
pub(crate) fn write_bold_label(name: &str, times: &str) -> String {
    let mut out = String::from("**");
    for c in name.chars() {
        match c {
            '\\' | '*' | ':' | '(' | ')' | '[' | ']' | '_' | '`' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push_str(times);
    out.push_str(":**");
    out
}

/// The label the writer puts before a turn of `name`: plain where that reads back as exactly the name,
/// bracketed with escapes otherwise.
pub(crate) fn write_label(name: &str) -> String {
    if plain_label_reads_back(name) {
        return format!("{name}:");
    }
    bracketed_label(name)
}

/// The label for `name` in a Chinese or Japanese file's style (no space follows it), where it reads back as
/// exactly the name; `None` for the colon style, or where it would not read back. (A turn with a time is
/// written `[00:01:02] Name: text`: times are read before colon labels only.)
pub(crate) fn styled_label(name: &str, style: LabelStyle) -> Option<String> {
    // A line break or another control character is written escaped, in brackets (`write_label`).
    if name.chars().any(char::is_control) {
        return None;
    }
    let label = match style {
        LabelStyle::Colon => return None,
        LabelStyle::FullwidthColon => format!("{name}："),
        LabelStyle::Lenticular => format!("【{name}】"),
    };
    reads_back(&format!("{label}x"), name).then_some(label)
}

/// `[name]:`, with escapes: a label that reads back as exactly the name whatever follows it.
pub(crate) fn bracketed_label(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 3);
    out.push('[');
    for (i, c) in name.chars().enumerate() {
        match c {
            '\\' => out.push_str("\\\\"),
            ']' => out.push_str("\\]"),
            // A first digit is escaped where the name would otherwise read as a time.
            c if c.is_control() || (i == 0 && is_time(name)) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push_str("]:");
    out
}

/// Whether `name` reads back as a label when written plainly as `name:`.
pub(crate) fn plain_label_reads_back(name: &str) -> bool {
    reads_back(&format!("{name}: x"), name)
}
