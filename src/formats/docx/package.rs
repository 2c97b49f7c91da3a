//! The ZIP package of a Word document: its parts read with a limit on what each may inflate to, a
//! password-protected (OLE) file or an old `.doc` told apart, and each part's XML decoded as it declares.

use super::super::ParseError;
use std::io::{Cursor, Read};

/// The most a part may inflate to: a hundred times the archive (Word's XML packs some five to fifteen
/// times) and 16 MB more, and never past 1 GiB. A ZIP bomb is refused early instead of filling memory.
pub(super) fn largest_part(archive_len: usize) -> u64 {
    (archive_len as u64)
        .saturating_mul(100)
        .saturating_add(16 << 20)
        .min(1 << 30)
}

/// A Word document protected with a password is not a ZIP archive but an OLE compound file, as the old
/// `.doc` format is.
pub(super) const OLE_SIGNATURE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

pub(super) fn archive(bytes: &[u8]) -> Result<zip::ZipArchive<Cursor<&[u8]>>, ParseError> {
    if bytes.starts_with(OLE_SIGNATURE) {
        return Err(ParseError::new(
            1,
            1,
            "this Word document is protected with a password, or is an old .doc file: save it in Word without \
             a password as a .docx document, and open that",
        ));
    }
    zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ParseError::new(1, 1, format!("not a readable Word document: {e}")))
}

/// Whether the archive in `bytes` has part `name` (nothing is inflated).
pub(super) fn has_part(bytes: &[u8], name: &str) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes)).is_ok_and(|mut a| a.by_name(name).is_ok())
}

/// The XML of part `name` of the archive in `bytes`, inflated up to a limit proportionate to the archive,
/// in the encoding it declares (UTF-8, or UTF-16 with its byte order mark, or another named in its XML
/// declaration).
pub(super) fn read_part(bytes: &[u8], name: &str) -> Result<Option<String>, ParseError> {
    let mut archive = archive(bytes)?;
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(ParseError::new(1, 1, format!("not a readable Word document: {e}"))),
    };
    let limit = largest_part(bytes.len());
    let too_large = || {
        ParseError::new(
            1,
            1,
            format!(
                "{name} in the Word document inflates to more than {} MB, far more than a {} KB document holds: \
                 the file is damaged, or not a transcript",
                limit >> 20,
                bytes.len() >> 10
            ),
        )
    };
    if file.size() > limit {
        return Err(too_large());
    }
    let mut raw = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut raw)
        .map_err(|e| ParseError::new(1, 1, format!("{name} in the Word document cannot be read: {e}")))?;
    if raw.len() as u64 > limit {
        return Err(too_large());
    }
    decode_xml(raw)
        .map(Some)
        .map_err(|message| ParseError::new(1, 1, format!("{name}: {message}")))
}

/// An XML part's text in the encoding it declares.
pub(super) fn decode_xml(raw: Vec<u8>) -> Result<String, String> {
    let declared = || {
        // The declaration is ASCII, whatever follows it.
        let head = String::from_utf8_lossy(&raw[..raw.len().min(200)]);
        let decl = head.strip_prefix('\u{FEFF}').unwrap_or(&head);
        let decl = &decl[..decl.find("?>")?];
        let at = decl.find("encoding=")? + "encoding=".len();
        let quote = decl[at..].chars().next()?;
        let value = &decl[at + 1..];
        Some(value[..value.find(quote)?].to_string())
    };
    let encoding = match encoding_rs::Encoding::for_bom(&raw) {
        Some((encoding, _)) => encoding,
        None => match declared() {
            Some(label) => encoding_rs::Encoding::for_label(label.as_bytes())
                .ok_or_else(|| format!("the encoding {label:?} it declares is not one the editor knows"))?,
            None => encoding_rs::UTF_8,
        },
    };
    if encoding == encoding_rs::UTF_8 {
        return String::from_utf8(raw)
            .map(|s| s.strip_prefix('\u{FEFF}').map(str::to_string).unwrap_or(s))
            .map_err(|e| {
                format!(
                    "not valid UTF-8 at byte {}, though it declares no other encoding",
                    e.utf8_error().valid_up_to()
                )
            });
    }
    let (text, _, bad) = encoding.decode(&raw);
    if bad {
        return Err(format!("not valid {} text", encoding.name()));
    }
    Ok(text.into_owned())
}
