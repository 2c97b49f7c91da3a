//! Where a JSON transcript is wrong and what is wrong, in words: every complaint names the line and column
//! of the offending value, found again in the source by [`locate`], and the field by its name.

use crate::formats::ParseError;

/// One step of a path into a JSON document.
#[derive(Debug, Clone, Copy)]
pub(super) enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// serde's message without its position ("invalid type: …").
fn bare_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    text.rfind(" at line ").map_or(text.clone(), |i| text[..i].to_string())
}

/// A syntax error, in words where serde's are a programmer's.
pub(super) fn serde_error(src: &str, e: &serde_json::Error) -> ParseError {
    let message = bare_message(e);
    let (line, column) = (e.line().max(1), e.column().max(1));
    let here = src.lines().nth(line - 1).and_then(|l| {
        let start = l.char_indices().nth(column - 1).map_or(l.len(), |(i, _)| i);
        l.get(start..)
    });
    let message = if message.contains("recursion limit exceeded") {
        "the JSON is nested more than 128 levels deep; a transcript is never nested like that".to_string()
    } else if let Some(word) = ["NaN", "Infinity", "-Infinity"]
        .into_iter()
        .find(|w| here.is_some_and(|h| h.starts_with(w)))
    {
        format!("{word} is not a number JSON allows; times are written in seconds, like 12.5")
    } else {
        match e.classify() {
            serde_json::error::Category::Eof => format!("the file ends too early ({message}); it may be cut short"),
            _ => message,
        }
    };
    ParseError::new(line, column, message)
}

/// A value of the wrong kind or a missing field, said of the field by name: `turn 2: "start" must be a
/// number of seconds, not the text "1"`, at the value's own line and column.
pub(super) fn field_error(src: &str, path: &serde_path_to_error::Path, e: &serde_json::Error) -> ParseError {
    use serde_path_to_error::Segment;
    // A number too large for its field is a syntax error to serde, but the reader knows the field.
    if !e.is_data() && !bare_message(e).contains("out of range") {
        return serde_error(src, e);
    }
    let steps: Vec<Step> = path
        .iter()
        .filter_map(|s| match s {
            Segment::Map { key } => Some(Step::Key(key.as_str())),
            Segment::Seq { index } => Some(Step::Index(*index)),
            _ => None,
        })
        .collect();
    let subject = match steps.as_slice() {
        [Step::Key(list @ ("turns" | "speakers")), Step::Index(i), rest @ ..] => {
            let one = if *list == "turns" { "turn" } else { "speaker" };
            match rest {
                [Step::Key(key), ..] => format!("{one} {}: \"{key}\"", i + 1),
                _ => format!("{one} {}", i + 1),
            }
        }
        [Step::Key(key), ..] => format!("\"{key}\""),
        _ => "the file".to_string(),
    };
    let expected = match steps.last() {
        Some(Step::Key("start" | "end")) => "a number of seconds",
        Some(Step::Key("version")) => "a whole number (1)",
        Some(Step::Key("turns")) => "a list of turns ([…])",
        Some(Step::Key("speakers")) => "a list of speakers ([…])",
        Some(Step::Key(_)) => "text in quotes",
        Some(Step::Index(_)) => "an object ({…})",
        None => "an object with \"version\": 1",
    };
    let raw = bare_message(e);
    let message = if let Some(field) = raw.strip_prefix("missing field `").and_then(|r| r.strip_suffix('`')) {
        format!("{subject} has no \"{field}\"; it is needed")
    } else if let Some(got) = raw
        .strip_prefix("invalid type: ")
        .or_else(|| raw.strip_prefix("invalid value: "))
        .and_then(|r| r.split(", expected").next())
    {
        format!("{subject} must be {expected}, not {}", in_words(got))
    } else if raw.contains("out of range") {
        format!("{subject} is out of range: it must be {expected}, and times are at most 1,000 hours")
    } else {
        format!("{subject}: {raw}")
    };
    let offset = locate(src, &steps);
    match offset {
        Some(offset) => ParseError::at_offset(src, offset, message),
        None => ParseError::new(e.line().max(1), e.column().max(1), message),
    }
}

/// serde's name of a value, as a person says it: `string "1"` → `the text "1"`.
fn in_words(got: &str) -> String {
    let quoted = |prefix: &str| got.strip_prefix(prefix).map(|v| v.trim_matches('`').to_string());
    if let Some(text) = got.strip_prefix("string ") {
        format!("the text {text}")
    } else if let Some(n) = quoted("integer ").or_else(|| quoted("floating point ")) {
        format!("the number {n}")
    } else if let Some(b) = quoted("boolean ") {
        b
    } else {
        match got {
            "map" => "an object ({…})".to_string(),
            "sequence" => "a list ([…])".to_string(),
            "null" => "null".to_string(),
            other => other.to_string(),
        }
    }
}

/// Byte offset of the value at `path`, found by a small scanner over the source. Only called after a
/// successful parse, so the source is valid JSON.
pub(super) fn locate(src: &str, path: &[Step]) -> Option<usize> {
    let b = src.as_bytes();
    let mut pos = skip_ws(b, 0);
    for step in path {
        match *step {
            Step::Key(key) => {
                if b.get(pos) != Some(&b'{') {
                    return None;
                }
                pos = skip_ws(b, pos + 1);
                loop {
                    if b.get(pos) != Some(&b'"') {
                        return None;
                    }
                    let end = skip_string(b, pos)?;
                    let name = &src[pos + 1..end - 1];
                    pos = skip_ws(b, end);
                    pos = skip_ws(b, pos + 1); // the colon
                    if name == key {
                        break;
                    }
                    pos = skip_ws(b, skip_value(b, pos)?);
                    if b.get(pos) != Some(&b',') {
                        return None;
                    }
                    pos = skip_ws(b, pos + 1);
                }
            }
            Step::Index(index) => {
                if b.get(pos) != Some(&b'[') {
                    return None;
                }
                pos = skip_ws(b, pos + 1);
                for _ in 0..index {
                    pos = skip_ws(b, skip_value(b, pos)?);
                    if b.get(pos) != Some(&b',') {
                        return None;
                    }
                    pos = skip_ws(b, pos + 1);
                }
            }
        }
    }
    Some(pos)
}

fn skip_ws(b: &[u8], mut pos: usize) -> usize {
    while pos < b.len() && matches!(b[pos], b' ' | b'\t' | b'\n' | b'\r') {
        pos += 1;
    }
    pos
}

/// Position just after the string starting at `pos`.
fn skip_string(b: &[u8], pos: usize) -> Option<usize> {
    let mut i = pos + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Position just after the value starting at `pos`; iterative, so nesting depth costs no stack.
fn skip_value(b: &[u8], pos: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = pos;
    loop {
        match *b.get(i)? {
            b'"' => i = skip_string(b, i)?,
            b'{' | b'[' => {
                depth += 1;
                i += 1;
            }
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                i += 1;
            }
            _ if depth == 0 => {
                while i < b.len() && !matches!(b[i], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                    i += 1;
                }
                return Some(i);
            }
            _ => i += 1,
        }
        if depth == 0 {
            return Some(i);
        }
    }
}
