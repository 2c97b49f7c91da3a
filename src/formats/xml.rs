//! What the XML formats (Word, ELAN, TTML) share: reading a document as a stream of elements and text,
//! with names stripped of their prefixes and text with its references resolved, and errors that name the
//! line and column. Parsing is quick-xml's; this only shapes its events for our readers.

use super::ParseError;
use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::reader::Reader;

/// What the readers see of an XML document.
pub(crate) enum Node<'a> {
    /// An element opens (an empty element `<br/>` opens and then closes). Names without their prefix.
    Open {
        name: &'a str,
        attrs: Vec<(String, String)>,
    },
    Close {
        name: &'a str,
    },
    /// Character data, references resolved, line ends as `\n`.
    Text(&'a str),
}

/// Walks `xml`, calling `visit` with each node and its byte offset; `visit` may stop the walk with an
/// error message, which is placed at that offset.
pub(crate) fn walk(xml: &str, mut visit: impl FnMut(Node<'_>) -> Result<(), String>) -> Result<(), ParseError> {
    let mut reader = Reader::from_str(xml);
    let mut text = String::new();
    // The elements open, so that a file cut short is noticed: its end tags never come.
    let mut open: Vec<Box<str>> = Vec::new();
    loop {
        let at = reader.buffer_position() as usize;
        let fail = |message: String| ParseError::at_offset(xml, at, message);
        let event = reader.read_event().map_err(|e| {
            ParseError::at_offset(
                xml,
                reader.error_position() as usize,
                format!("not well-formed XML: {e}"),
            )
        })?;
        // Text comes in pieces between references (`&amp;`): gathered until something else comes.
        match &event {
            Event::Text(t) => {
                text.push_str(&t.xml10_content().map_err(|e| fail(e.to_string()))?);
                continue;
            }
            Event::CData(t) => {
                text.push_str(&t.xml10_content().map_err(|e| fail(e.to_string()))?);
                continue;
            }
            Event::GeneralRef(r) => {
                let name = r.decode().map_err(|e| fail(e.to_string()))?;
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    Ok(None) => match name.as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => return Err(fail(format!("unknown entity &{other};"))),
                    },
                    Err(e) => return Err(fail(format!("bad character reference &{name};: {e}"))),
                };
                text.push(resolved);
                continue;
            }
            _ => {}
        }
        if !text.is_empty() {
            forbidden(&text).map_err(fail)?;
            visit(Node::Text(&text)).map_err(fail)?;
            text.clear();
        }
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let qname = e.local_name();
                let name = std::str::from_utf8(qname.as_ref()).map_err(|e| fail(e.to_string()))?;
                let mut attrs = Vec::new();
                for attr in e.attributes() {
                    let attr = attr.map_err(|e| fail(format!("bad attribute: {e}")))?;
                    let key = attr.key.local_name();
                    let key = std::str::from_utf8(key.as_ref()).map_err(|e| fail(e.to_string()))?;
                    let value = attr
                        .normalized_value(XmlVersion::Implicit1_0)
                        .map_err(|e| fail(format!("bad attribute {key}: {e}")))?;
                    forbidden(&value).map_err(fail)?;
                    attrs.push((key.to_string(), value.into_owned()));
                }
                visit(Node::Open { name, attrs }).map_err(fail)?;
                if empty {
                    visit(Node::Close { name }).map_err(fail)?;
                } else {
                    open.push(name.into());
                }
            }
            Event::End(e) => {
                let qname = e.local_name();
                let name = std::str::from_utf8(qname.as_ref()).map_err(|e| fail(e.to_string()))?;
                visit(Node::Close { name }).map_err(fail)?;
                open.pop();
            }
            Event::Eof => {
                return match open.last() {
                    None => Ok(()),
                    Some(name) => Err(ParseError::at_offset(
                        xml,
                        xml.len(),
                        format!(
                            "the file ends here, inside <{name}> ({} elements are not closed): it is cut short; \
                             open the complete file",
                            open.len()
                        ),
                    )),
                };
            }
            _ => {}
        }
    }
}

/// A control character XML 1.0 does not allow (all below U+0020 but tab and line ends), written raw or as
/// a reference: named, so that what is read can be written again.
fn forbidden(text: &str) -> Result<(), String> {
    match text.chars().find(|&c| is_forbidden(c)) {
        Some(c) => Err(format!(
            "the control character U+{:04X}, which XML does not allow",
            c as u32
        )),
        None => Ok(()),
    }
}

fn is_forbidden(c: char) -> bool {
    c < ' ' && !matches!(c, '\t' | '\n' | '\r')
}

/// The value of attribute `key` (its name without prefix).
pub(crate) fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// XML 1.0 cannot hold most control characters (U+0000 to U+001F but tab and line ends): which turn holds
/// one, as an error for a writer of `format`.
pub(crate) fn refuse_control_characters(t: &crate::model::Transcript, format: &str) -> Result<(), super::WriteError> {
    let bad = is_forbidden;
    for (i, turn) in t.turns.iter().enumerate() {
        if let Some(c) = turn.text.chars().find(|&c| bad(c)) {
            return Err(super::WriteError(format!(
                "turn {} holds the control character U+{:04X}, which {format} cannot hold; remove it or save as JSON",
                i + 1,
                c as u32
            )));
        }
    }
    for s in &t.speakers {
        if s.name.chars().any(bad) {
            return Err(super::WriteError(format!(
                "the speaker name {:?} holds a control character, which {format} cannot hold",
                s.name
            )));
        }
    }
    Ok(())
}

/// An XML writer's I/O error (into memory, so there is none but running out of it) as a write error.
pub(crate) fn write_error(e: std::io::Error) -> super::WriteError {
    super::WriteError(format!("could not write the XML: {e}"))
}
