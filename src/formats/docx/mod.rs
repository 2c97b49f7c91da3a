//! Word documents (`.docx`), what clients ask for: the title, then one paragraph per turn, the turn's times
//! (where it has them) in grey, the speaker's name in bold, the text. Read back from any Word document
//! written as "Name: text" paragraphs (ours, or a colleague's), as plain text is read.
//!
//! A `.docx` file is a ZIP archive of XML parts (Office Open XML, ECMA-376): the `zip` crate packs it and
//! quick-xml writes and reads the parts.

use super::text::{LineEscapes, write_label, write_lines};
use super::xml::{self, Node};
use super::{Format, Loaded, ParseError, WriteError};
use crate::formats::time::format_clock;
use crate::model::Transcript;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::io::{Cursor, Write};

mod package;
mod table;

use package::{has_part, read_part};

pub struct Docx;

/// WordprocessingML's namespace.
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// Two styles: the body text, and the title above it.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:spacing w:after="160" w:line="276" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="22"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="40"/></w:rPr></w:style></w:styles>"#;

/// The grey of the times before a turn.
const TIME_COLOUR: &str = "808080";

fn part(zip: &mut zip::ZipWriter<Cursor<Vec<u8>>>, name: &str, bytes: &[u8]) -> Result<(), WriteError> {
    // Made "by MS-DOS", as Word's own files say, on every system: the same bytes from Linux and Windows.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .system(zip::System::Dos);
    zip.start_file(name, options)
        .map_err(|e| WriteError(format!("could not pack {name}: {e}")))?;
    zip.write_all(bytes).map_err(xml::write_error)
}

/// The document's core properties: its title.
fn core_xml(t: &Transcript) -> Result<Vec<u8>, std::io::Error> {
    let mut w = Writer::new(Vec::new());
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), Some("yes"))))?;
    w.create_element("cp:coreProperties")
        .with_attribute((
            "xmlns:cp",
            "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        ))
        .with_attribute(("xmlns:dc", "http://purl.org/dc/elements/1.1/"))
        .write_inner_content(|w| {
            if let Some(title) = &t.meta.title {
                w.create_element("dc:title").write_text_content(BytesText::new(title))?;
            }
            if let Some(language) = &t.meta.language {
                w.create_element("dc:language")
                    .write_text_content(BytesText::new(language))?;
            }
            Ok(())
        })?;
    Ok(w.into_inner())
}

/// A run of text: `bold` or `colour`ed as asked, its lines separated by line breaks.
fn run(w: &mut Writer<Vec<u8>>, text: &str, bold: bool, colour: Option<&str>) -> std::io::Result<()> {
    w.create_element("w:r").write_inner_content(|w| {
        if bold || colour.is_some() {
            w.create_element("w:rPr").write_inner_content(|w| {
                if bold {
                    w.create_element("w:b").write_empty()?;
                }
                if let Some(colour) = colour {
                    w.create_element("w:color")
                        .with_attribute(("w:val", colour))
                        .write_empty()?;
                }
                Ok(())
            })?;
        }
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                w.create_element("w:br").write_empty()?;
            }
            if !line.is_empty() {
                w.create_element("w:t")
                    .with_attribute(("xml:space", "preserve"))
                    .write_text_content(BytesText::new(line))?;
            }
        }
        Ok(())
    })?;
    Ok(())
}

/// The body: the title, then a paragraph per turn.
fn document_xml(t: &Transcript) -> Result<Vec<u8>, std::io::Error> {
    let escapes = LineEscapes::every_label_like_line();
    let mut w = Writer::new(Vec::with_capacity(t.turns.iter().map(|x| x.text.len() + 200).sum()));
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), Some("yes"))))?;
    w.create_element("w:document")
        .with_attribute(("xmlns:w", W))
        .write_inner_content(|w| {
            w.create_element("w:body").write_inner_content(|w| {
                if let Some(title) = &t.meta.title {
                    w.create_element("w:p").write_inner_content(|w| {
                        w.create_element("w:pPr").write_inner_content(|w| {
                            w.create_element("w:pStyle")
                                .with_attribute(("w:val", "Title"))
                                .write_empty()?;
                            Ok(())
                        })?;
                        run(w, title, false, None)
                    })?;
                }
                for turn in &t.turns {
                    let name = t.speaker_name(turn.speaker.as_ref());
                    w.create_element("w:p").write_inner_content(|w| {
                        if let (Some(_), Some(start)) = (name, turn.start) {
                            let end = turn.end.map(|e| format!(" - {}", format_clock(e))).unwrap_or_default();
                            run(w, &format!("[{}{end}] ", format_clock(start)), false, Some(TIME_COLOUR))?;
                        }
                        if let Some(name) = name {
                            run(w, write_label(name).trim_end(), true, None)?;
                        }
                        // The text as plain text writes it: a line that would read as a label is escaped.
                        let mut text = String::with_capacity(turn.text.len() + 1);
                        write_lines(&mut text, &turn.text.replace("\r\n", "\n"), name.is_some(), &escapes);
                        run(w, &text, false, None)
                    })?;
                }
                // Letter-sized margins of an inch: what Word makes of a document without them varies.
                w.create_element("w:sectPr").write_inner_content(|w| {
                    w.create_element("w:pgMar")
                        .with_attributes([
                            ("w:top", "1440"),
                            ("w:right", "1440"),
                            ("w:bottom", "1440"),
                            ("w:left", "1440"),
                        ])
                        .write_empty()?;
                    Ok(())
                })?;
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(w.into_inner())
}

pub fn render(t: &Transcript) -> Result<Vec<u8>, WriteError> {
    xml::refuse_control_characters(t, "a Word document")?;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    part(&mut zip, "[Content_Types].xml", CONTENT_TYPES.as_bytes())?;
    part(&mut zip, "_rels/.rels", PACKAGE_RELS.as_bytes())?;
    part(&mut zip, "docProps/core.xml", &core_xml(t).map_err(xml::write_error)?)?;
    part(&mut zip, "word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes())?;
    part(&mut zip, "word/styles.xml", STYLES.as_bytes())?;
    part(
        &mut zip,
        "word/document.xml",
        &document_xml(t).map_err(xml::write_error)?,
    )?;
    let cursor = zip
        .finish()
        .map_err(|e| WriteError(format!("could not finish the archive: {e}")))?;
    Ok(cursor.into_inner())
}

/// What the reader takes from a Word document: each paragraph outside tables that holds something as a
/// line (line breaks as `\n`, tabs as tabs), the first paragraph styled as the title when it comes first,
/// and the tables, each a list of rows of cells' texts.
struct Body {
    text: String,
    title: Option<String>,
    tables: Vec<table::Table>,
}

/// One pass over `word/document.xml`, nothing kept of the empty paragraphs.
fn body(xml: &str) -> Result<Body, ParseError> {
    let mut text = String::with_capacity(xml.len() / 4);
    let mut title = None;
    let mut current: Option<(String, bool)> = None;
    let mut in_text = false;
    let mut depth_deleted = 0usize;
    let mut tables = Vec::new();
    let mut depth_table = 0usize;
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    xml::walk(xml, |node| {
        match node {
            Node::Open { name: "p", .. } => current = Some((String::new(), false)),
            Node::Open { name: "pStyle", attrs } => {
                if let Some(p) = current.as_mut() {
                    p.1 = xml::attr(&attrs, "val").is_some_and(|v| v.eq_ignore_ascii_case("title"));
                }
            }
            // Deleted text of tracked changes is not the document's text.
            Node::Open { name: "del", .. } => depth_deleted += 1,
            Node::Close { name: "del" } => depth_deleted = depth_deleted.saturating_sub(1),
            Node::Open { name: "t", .. } => in_text = true,
            Node::Close { name: "t" } => in_text = false,
            Node::Open { name: "br" | "cr", .. } if depth_deleted == 0 => {
                if let Some(p) = current.as_mut() {
                    p.0.push('\n');
                }
            }
            Node::Open { name: "tab", .. } if depth_deleted == 0 => {
                if let Some(p) = current.as_mut() {
                    p.0.push('\t');
                }
            }
            Node::Text(piece) if in_text && depth_deleted == 0 => {
                if let Some(p) = current.as_mut() {
                    p.0.push_str(piece);
                }
            }
            // A table's rows and cells (a table inside a cell is that cell's text).
            Node::Open { name: "tbl", .. } => depth_table += 1,
            Node::Close { name: "tbl" } => {
                depth_table = depth_table.saturating_sub(1);
                if depth_table == 0 {
                    tables.push(std::mem::take(&mut rows));
                }
            }
            Node::Close { name: "tc" } if depth_table == 1 => row.push(std::mem::take(&mut cell)),
            Node::Close { name: "tr" } if depth_table == 1 => rows.push(std::mem::take(&mut row)),
            Node::Close { name: "p" } => {
                if let Some((paragraph, is_title)) = current.take()
                    && !paragraph.trim().is_empty()
                {
                    if depth_table > 0 {
                        if !cell.is_empty() {
                            cell.push('\n');
                        }
                        cell.push_str(paragraph.trim());
                    } else if is_title && title.is_none() && text.is_empty() {
                        title = Some(paragraph.trim().to_string());
                    } else {
                        text.push_str(&paragraph);
                        text.push('\n');
                    }
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(Body { text, title, tables })
}

/// The language the document's core properties name (`dc:language`), as our writer puts it there.
fn language(bytes: &[u8]) -> Option<String> {
    let xml = read_part(bytes, "docProps/core.xml").ok()??;
    let mut found = None;
    let mut inside = false;
    let _ = xml::walk(&xml, |node| {
        match node {
            Node::Open { name: "language", .. } => inside = true,
            Node::Close { name: "language" } => inside = false,
            Node::Text(t) if inside && found.is_none() => found = Some(t.trim().to_string()),
            _ => {}
        }
        Ok(())
    });
    found.filter(|l| !l.is_empty())
}

/// The transcript of a Word document: the rows of its transcript table when it has one (a table whose
/// first row names a text column and a speaker or time column; the paragraphs around it, headings and
/// summaries, are left out with a warning), else its paragraphs as plain text.
pub fn parse(bytes: &[u8]) -> Result<(Transcript, Vec<String>), ParseError> {
    let Some(xml) = read_part(bytes, "word/document.xml")? else {
        return Err(ParseError::new(
            1,
            1,
            "not a Word document: the archive has no word/document.xml",
        ));
    };
    let body = body(&xml).map_err(|e| ParseError {
        message: format!("word/document.xml: {}", e.message),
        ..e
    })?;
    drop(xml);
    let mut warnings = Vec::new();
    let mut t = match table::transcript(&body.tables) {
        Some(t) => {
            let left = body.text.lines().filter(|l| !l.trim().is_empty()).count();
            if left > 0 {
                warnings.push(format!(
                    "the transcript is the document's table; {left} paragraph{} around it (headings, a summary) {} left out",
                    if left == 1 { "" } else { "s" },
                    if left == 1 { "was" } else { "were" }
                ));
            }
            t
        }
        None => super::text::parse(&body.text),
    };
    t.meta.title = body.title;
    t.meta.language = language(bytes);
    Ok((t, warnings))
}

impl Format for Docx {
    fn name(&self) -> &'static str {
        "docx"
    }
    fn title(&self) -> &'static str {
        "Word document"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["docx"]
    }
    fn sniff(&self, bytes: &[u8]) -> bool {
        bytes.starts_with(b"PK\x03\x04") && has_part(bytes, "word/document.xml")
    }
    fn read(&self, bytes: &[u8]) -> Result<Loaded, ParseError> {
        let (t, warnings) = parse(bytes)?;
        let mut loaded = Loaded::new(t, super::Encoding::Utf8, bytes);
        loaded.warnings.extend(warnings);
        Ok(loaded)
    }
    fn write(&self, t: &Transcript) -> Result<Vec<u8>, WriteError> {
        render(t)
    }
    fn losses(&self, t: &Transcript) -> Vec<String> {
        // What plain text loses, but the title and the language: a Word document keeps both.
        let plain_meta = super::metadata_loss(&t.meta, false, false);
        let mut losses: Vec<String> = super::text::PlainText
            .losses(t)
            .into_iter()
            .filter(|l| Some(l) != plain_meta.as_ref())
            .collect();
        losses.extend(super::metadata_loss(&t.meta, true, true));
        losses
    }
}

#[cfg(test)]
mod tests {
    use super::package::OLE_SIGNATURE;
    use super::*;

    fn sample() -> Transcript {
        let mut t = Transcript::new();
        t.meta.title = Some("Aflevering 12 & meer".into());
        let mia = t.intern_speaker("Mia");
        let bram = t.intern_speaker("Bram de Vries");
        let turn = t.push_turn(Some(mia.clone()), "Welkom bij <de> podcast.\nTweede regel.");
        turn.start = Some(1.5);
        turn.end = Some(4.0);
        let turn = t.push_turn(Some(bram), "Ja.");
        turn.start = Some(4.0);
        turn.end = Some(5.25);
        t.push_turn(Some(mia), "Zonder tijd.");
        t
    }

    /// Each turn's speaker and text.
    fn said(t: &Transcript) -> Vec<(Option<&str>, &str)> {
        crate::formats::rows(t)
            .into_iter()
            .map(|(who, text, _, _)| (who, text))
            .collect()
    }

    #[test]
    fn written_and_read_back() {
        let t = sample();
        let bytes = render(&t).expect("writes");
        assert!(bytes.starts_with(b"PK\x03\x04"), "a ZIP archive");
        assert!(Docx.sniff(&bytes));
        let back = parse(&bytes).expect("reads").0;
        assert_eq!(back.meta.title.as_deref(), Some("Aflevering 12 & meer"));
        let turns = crate::formats::rows(&back);
        assert_eq!(
            turns,
            [
                (
                    Some("Mia"),
                    "Welkom bij <de> podcast.\nTweede regel.",
                    Some(1.5),
                    Some(4.0)
                ),
                (Some("Bram de Vries"), "Ja.", Some(4.0), Some(5.25)),
                (Some("Mia"), "Zonder tijd.", None, None),
            ]
        );
    }

    #[test]
    fn the_name_is_bold_and_the_times_grey() {
        let xml = String::from_utf8(document_xml(&sample()).expect("writes")).expect("utf-8");
        assert!(
            xml.contains(r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Mia:</w:t></w:r>"#),
            "{xml}"
        );
        let times = format!("[{} - {}] ", format_clock(1.5), format_clock(4.0));
        let grey = format!(r#"<w:color w:val="808080"/></w:rPr><w:t xml:space="preserve">{times}</w:t>"#);
        assert!(xml.contains(&grey), "{xml}");
        assert!(xml.contains("&lt;de&gt;"), "{xml}");
        assert!(xml.contains("<w:br/>"), "{xml}");
    }

    #[test]
    fn a_colleagues_document_of_name_text_paragraphs_is_read() {
        // Word splits text into runs where it likes, and tracked deletions are not text.
        let xml = format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>
            <w:p><w:r><w:t>Interview</w:t></w:r></w:p>
            <w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Anna:</w:t></w:r><w:r><w:t xml:space="preserve"> Goede</w:t></w:r><w:r><w:t>morgen &amp; welkom.</w:t></w:r></w:p>
            <w:p/>
            <w:p><w:r><w:t>Joost: Dank</w:t></w:r><w:del><w:r><w:delText>je</w:delText></w:r></w:del><w:r><w:t xml:space="preserve"> u.</w:t></w:r></w:p>
            </w:body></w:document>"#
        );
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        part(&mut zip, "word/document.xml", xml.as_bytes()).expect("packs");
        let bytes = zip.finish().expect("finishes").into_inner();
        let t = parse(&bytes).expect("reads").0;
        let turns = said(&t);
        assert_eq!(
            turns,
            [
                (None, "Interview"),
                (Some("Anna"), "Goedemorgen & welkom."),
                (Some("Joost"), "Dank u."),
            ]
        );
    }

    #[test]
    fn what_is_not_a_word_document_is_named() {
        let e = parse(b"not a zip").expect_err("refused");
        assert!(e.message.contains("not a readable Word document"), "{}", e.message);
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        part(&mut zip, "hello.txt", b"hi").expect("packs");
        let e = parse(&zip.finish().expect("finishes").into_inner()).expect_err("refused");
        assert!(e.message.contains("no word/document.xml"), "{}", e.message);
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        part(&mut zip, "word/document.xml", b"<w:document>\n<w:body></w:document>").expect("packs");
        let e = parse(&zip.finish().expect("finishes").into_inner()).expect_err("refused");
        assert!(
            e.message.starts_with("word/document.xml: not well-formed XML"),
            "{}",
            e.message
        );
        assert_eq!(e.line, 2, "{e}");
    }

    fn archive_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in parts {
            part(&mut zip, name, bytes).expect("packs");
        }
        zip.finish().expect("finishes").into_inner()
    }

    #[test]
    fn a_document_that_inflates_far_beyond_its_size_is_refused_before_it_fills_memory() {
        let mut xml = b"<w:document><w:body><w:p><w:r><w:t>Mia: ".to_vec();
        xml.extend(std::iter::repeat_n(b' ', 40 << 20));
        xml.extend_from_slice(b"</w:t></w:r></w:p></w:body></w:document>");
        let bomb = archive_of(&[("word/document.xml", &xml)]);
        assert!(bomb.len() < 200 << 10, "{} bytes", bomb.len());
        assert!(Docx.sniff(&bomb), "told by its parts, without inflating them");
        let e = parse(&bomb).expect_err("refused");
        assert!(e.message.contains("inflates to more than"), "{}", e.message);
        assert!(
            e.message.contains("the file is damaged, or not a transcript"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_part_cut_short_a_protected_document_and_other_encodings() {
        let cut = archive_of(&[("word/document.xml", b"<w:document><w:body><w:p><w:r><w:t>Mia: hallo")]);
        let e = parse(&cut).expect_err("refused");
        assert!(
            e.message
                .contains("inside <t> (5 elements are not closed): it is cut short"),
            "{}",
            e.message
        );
        let mut ole = OLE_SIGNATURE.to_vec();
        ole.extend_from_slice(&[0; 500]);
        let e = parse(&ole).expect_err("refused");
        assert!(e.message.contains("protected with a password"), "{}", e.message);
        // UTF-16 with its byte order mark, and Latin-1 named in the declaration: both legal XML.
        let text = "<?xml version=\"1.0\"?><w:document><w:body><w:p><w:r><w:t>Joëlle: Dag.</w:t></w:r></w:p></w:body></w:document>";
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let t = parse(&archive_of(&[("word/document.xml", &utf16)]))
            .expect("UTF-16 reads")
            .0;
        assert_eq!(said(&t), [(Some("Joëlle"), "Dag.")]);
        let latin = text.replace(
            "<?xml version=\"1.0\"?>",
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
        );
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&latin);
        let t = parse(&archive_of(&[("word/document.xml", &bytes)]))
            .expect("Latin-1 reads")
            .0;
        assert_eq!(said(&t), [(Some("Joëlle"), "Dag.")]);
    }

    #[test]
    fn the_language_written_is_read_back() {
        let mut t = sample();
        t.meta.language = Some("nl".into());
        let back = parse(&render(&t).expect("writes")).expect("reads").0;
        assert_eq!(back.meta.language.as_deref(), Some("nl"));
        assert!(
            !Docx.losses(&t).iter().any(|l| l.contains("language")),
            "{:?}",
            Docx.losses(&t)
        );
        t.meta.media = Some("talk.mp3".into());
        assert_eq!(Docx.losses(&t), ["the media file"]);
    }

    #[test]
    fn a_control_character_is_refused_with_its_turn() {
        let mut t = sample();
        t.turns[1].text = "be\u{7}ep".into();
        let e = render(&t).expect_err("refused");
        assert!(e.0.contains("turn 2") && e.0.contains("U+0007"), "{}", e.0);
    }

    #[test]
    fn the_fixture_a_colleague_wrote_in_word() {
        // Runs split mid-sentence, an empty paragraph, a tracked deletion and insertion, a line break.
        let t = parse(&crate::formats::fixture("colleague.docx")).expect("reads").0;
        assert_eq!(t.meta.title.as_deref(), Some("Interview dakenproject"));
        let turns = said(&t);
        assert_eq!(
            turns,
            [
                (Some("Anna"), "Hoe ben je begonnen?"),
                (
                    Some("Bram"),
                    "Per ongeluk.\nOp het dak naast mijn pakhuis broedden scholeksters."
                ),
                (Some("Anna"), "En toen ging je verder zoeken?"),
            ]
        );
        // And through our own writer and back.
        assert_eq!(parse(&render(&t).expect("writes")).expect("reads back").0, t);
    }

    #[test]
    fn a_report_with_the_transcript_in_a_table() {
        let loaded = Docx
            .read(&crate::formats::fixture("meeting-report.docx"))
            .expect("reads");
        let t = &loaded.transcript;
        assert_eq!(
            crate::formats::rows(t),
            [
                (Some("Mia"), "Shall we start with the seeds?", Some(2.0), None),
                (Some("Hakar"), "Yes. I have the list here.", Some(5.0), None),
                (Some("Mia"), "Good.", Some(9.0), None),
            ]
        );
        assert_eq!(
            loaded.warnings,
            ["the transcript is the document's table; 5 paragraphs around it (headings, a summary) were left out"]
        );
    }
}
