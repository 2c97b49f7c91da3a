//! Turning a file's bytes into text: byte order marks, UTF-8, UTF-16 and legacy 8-bit files.

use super::ParseError;
use std::borrow::Cow;

/// The character encoding a file was read with, reported to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// Legacy 8-bit Western European text (a superset of ISO-8859-1).
    Windows1252,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

impl std::fmt::Display for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// Decodes a text file. A byte order mark wins; otherwise valid UTF-8 is UTF-8 and anything else is taken as
/// Windows-1252, which is what Western European tools wrote before UTF-8. Binary data (NUL bytes) is refused,
/// since no transcript contains them and reading one would show the user garbage.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), ParseError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        let text = std::str::from_utf8(rest).map_err(|e| utf8_error(rest, e))?;
        return refuse_nul(Cow::Borrowed(text), Encoding::Utf8Bom);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, encoding_rs::UTF_16LE, Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, encoding_rs::UTF_16BE, Encoding::Utf16Be);
    }
    if let Some(pos) = memchr_nul(bytes) {
        return Err(nul_error(bytes, pos));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), Encoding::Utf8)),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok((text, Encoding::Windows1252))
        }
    }
}

fn decode_utf16<'a>(
    rest: &'a [u8],
    codec: &'static encoding_rs::Encoding,
    encoding: Encoding,
) -> Result<(Cow<'a, str>, Encoding), ParseError> {
    if !rest.len().is_multiple_of(2) {
        return Err(ParseError::new(
            1,
            1,
            format!(
                "the file starts with a {encoding} byte order mark but has an odd number of bytes; it is cut short or not UTF-16"
            ),
        ));
    }
    let (text, had_errors) = codec.decode_without_bom_handling(rest);
    if had_errors {
        let pos = text.find('\u{FFFD}').unwrap_or(0);
        return Err(ParseError::at_offset(
            &text,
            pos,
            format!("the file is marked as {encoding} but holds invalid UTF-16 here"),
        ));
    }
    refuse_nul(Cow::Owned(text.into_owned()), encoding)
}

fn refuse_nul(text: Cow<'_, str>, encoding: Encoding) -> Result<(Cow<'_, str>, Encoding), ParseError> {
    match text.find('\0') {
        Some(pos) => Err(ParseError::at_offset(
            &text,
            pos,
            "the file holds a NUL character: it is binary data, not a transcript",
        )),
        None => Ok((text, encoding)),
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

fn nul_error(bytes: &[u8], pos: usize) -> ParseError {
    let before = String::from_utf8_lossy(&bytes[..pos]);
    ParseError::at_offset(
        &before,
        before.len(),
        "the file holds a NUL byte: it is binary data (an image, an archive, …), not a transcript",
    )
}

fn utf8_error(bytes: &[u8], e: std::str::Utf8Error) -> ParseError {
    let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
    ParseError::at_offset(
        valid,
        valid.len(),
        "the file is marked as UTF-8 (it starts with a byte order mark) but holds bytes that are not UTF-8 here",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_utf8_is_borrowed_and_reported() {
        let (text, enc) = decode("Mia: ja".as_bytes()).expect("decodes");
        assert_eq!(text, "Mia: ja");
        assert_eq!(enc, Encoding::Utf8);
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let (text, enc) = decode(b"\xEF\xBB\xBFMia: b\xC3\xBChne").expect("decodes");
        assert_eq!(text, "Mia: bühne");
        assert_eq!(enc, Encoding::Utf8Bom);
    }

    #[test]
    fn utf16_both_byte_orders() {
        let s = "Hakar: één";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le).expect("le"), (Cow::Borrowed(s), Encoding::Utf16Le));
        assert_eq!(decode(&be).expect("be"), (Cow::Borrowed(s), Encoding::Utf16Be));
    }

    #[test]
    fn windows_1252_dutch_and_german() {
        // "Café's één Straße" with 0xE9 é, 0xEB ë, 0xDF ß and a 0x92 right single quote.
        let bytes = b"Caf\xE9\x92s \xE9\xE9n Stra\xDFe";
        let (text, enc) = decode(bytes).expect("decodes");
        assert_eq!(text, "Café’s één Straße");
        assert_eq!(enc, Encoding::Windows1252);
    }

    #[test]
    fn nul_byte_is_refused_with_its_position() {
        let err = decode(b"Mia: hello\nHakar: a\0b").expect_err("binary");
        assert_eq!((err.line, err.column), (2, 9));
        assert!(err.message.contains("binary"), "{}", err.message);
    }

    #[test]
    fn broken_utf8_after_a_bom_is_located() {
        let err = decode(b"\xEF\xBB\xBFMia: ok\nHakar: \xFF").expect_err("invalid");
        assert_eq!((err.line, err.column), (2, 8));
    }
}
