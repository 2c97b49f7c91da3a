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
    /// UTF-8 with a few bytes that are not, each replaced by U+FFFD.
    Utf8Repaired,
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
            Encoding::Utf8Repaired => "UTF-8 (invalid bytes replaced)",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

impl std::fmt::Display for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// Files people drop on a transcript editor by mistake, by their first bytes.
const BINARY_KINDS: &[(&[u8], &str)] = &[
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (
        b"PK\x03\x04",
        "a ZIP archive (or a Word, OpenDocument or other zipped document)",
    ),
    (b"\x1F\x8B", "a gzip-compressed file"),
    (b"ID3", "an MP3 audio file"),
    (b"fLaC", "a FLAC audio file"),
    (b"OggS", "an Ogg audio or video file"),
    (b"RIFF", "a WAV audio or AVI video file"),
    (b"\x1A\x45\xDF\xA3", "a Matroska or WebM video"),
];

/// What kind of binary file this is, when it is one people are likely to try.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.len() >= 8 && &bytes[4..8] == b"ftyp" {
        return Some("an MP4 or M4A audio or video file");
    }
    if bytes.len() >= 2 && bytes[0] == 0xFF && bytes[1] & 0xE0 == 0xE0 && bytes[1] != 0xFF {
        return Some("an MP3 audio file");
    }
    BINARY_KINDS
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
}

/// Decodes a text file. A byte order mark wins; otherwise valid UTF-8 is UTF-8, text that is UTF-8 but for a
/// few broken bytes is UTF-8 with those bytes replaced, and anything else is taken as Windows-1252, which is
/// what Western European tools wrote before UTF-8. Binary data (NUL bytes, known file signatures) is refused,
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
    if let Some(codec) = utf16_without_bom(bytes) {
        let encoding = if codec == encoding_rs::UTF_16LE {
            Encoding::Utf16Le
        } else {
            Encoding::Utf16Be
        };
        return decode_utf16(bytes, codec, encoding);
    }
    // A PDF is named whatever it holds (one without binary streams is all text): `%PDF-1.7`.
    if bytes.starts_with(b"%PDF-") && bytes.get(5).is_some_and(u8::is_ascii_digit) {
        return Err(ParseError::new(
            1,
            1,
            "this is a PDF document, not a transcript; export the transcript's text from it, or open its text, JSON or subtitle file instead",
        ));
    }
    // A signature counts only when the content is binary too: a transcript may well start with "RIFF".
    let head = &bytes[..bytes.len().min(4096)];
    let looks_binary = head.contains(&0) || std::str::from_utf8(head).is_err_and(|e| e.error_len().is_some());
    if looks_binary && let Some(kind) = binary_kind(bytes) {
        return Err(ParseError::new(
            1,
            1,
            format!("this is {kind}, not a transcript; open the transcript's text, JSON or subtitle file instead"),
        ));
    }
    if let Some(pos) = memchr_nul(bytes) {
        return Err(nul_error(bytes, pos));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), Encoding::Utf8)),
        Err(_) if mostly_utf8(bytes) => Ok((String::from_utf8_lossy(bytes), Encoding::Utf8Repaired)),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok((text, Encoding::Windows1252))
        }
    }
}

/// Whether a file is binary data by its share of control bytes no text holds (all below 0x20 but tab, line
/// feed, form feed, carriage return and escape): over a tenth of its first 64 KiB, and more than a few.
fn mostly_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1 << 16)];
    let binary = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0C | b'\r' | 0x1B))
        .count();
    binary > 8 && binary * 10 > head.len()
}

/// Decodes as [`decode`] does, but a NUL byte in text becomes U+FFFD (as the WebVTT parsing algorithm
/// reads it) instead of refusing the file: a stray NUL in a subtitle file is damage, not a sign of binary
/// data. A file that is binary by its share of control bytes (over a tenth of its start) or by its signature is
/// still refused. Also says how many NULs were replaced and where the first was.
pub fn decode_nul_as_replacement(bytes: &[u8]) -> Result<NulsReplaced<'_>, ParseError> {
    let nuls = bytes.iter().filter(|&&b| b == 0).count();
    let utf16 =
        bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || utf16_without_bom(bytes).is_some();
    if nuls == 0 || utf16 || mostly_binary(bytes) || binary_kind(bytes).is_some() {
        return decode(bytes).map(|(text, encoding)| NulsReplaced {
            text,
            encoding,
            nuls: 0,
            first: None,
        });
    }
    let mut replaced = Vec::with_capacity(bytes.len() + 2 * nuls);
    for &b in bytes {
        match b {
            0 => replaced.extend_from_slice("\u{FFFD}".as_bytes()),
            b => replaced.push(b),
        }
    }
    let first = memchr_nul(bytes).map(|pos| {
        let before = String::from_utf8_lossy(&bytes[..pos]);
        super::line_column(&before, before.len())
    });
    let (text, encoding) = decode(&replaced)?;
    Ok(NulsReplaced {
        text: Cow::Owned(text.into_owned()),
        encoding,
        nuls,
        first,
    })
}

/// A text decoded with its NULs read as U+FFFD.
#[derive(Debug)]
pub struct NulsReplaced<'a> {
    pub text: Cow<'a, str>,
    pub encoding: Encoding,
    /// How many NULs there were.
    pub nuls: usize,
    /// The first one's line and column.
    pub first: Option<(usize, usize)>,
}

/// Whether invalid UTF-8 is UTF-8 with a few damaged bytes (at least as many well-formed multibyte
/// characters as broken sequences) rather than a legacy 8-bit file, whose accented letters are all broken
/// sequences: a Windows-1252 file hardly ever holds a byte pair that happens to be valid UTF-8.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    good > 0 && good >= bad
}

/// UTF-16 without a byte order mark, recognised by its pattern: in text that is mostly ASCII, every other
/// byte is NUL (the high bytes: odd positions for little-endian, even for big-endian) and the others are
/// not. Binary data has NULs scattered without that order.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
    }
    let mostly = |n: usize| n * 10 >= pairs * 7;
    let hardly = |n: usize| n * 20 <= pairs;
    if mostly(odd_nul) && hardly(even_nul) {
        Some(encoding_rs::UTF_16LE)
    } else if mostly(even_nul) && hardly(odd_nul) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Where the first byte that is not UTF-8 stands, for telling the user what was replaced.
pub fn first_invalid_utf8(bytes: &[u8]) -> Option<(usize, usize)> {
    let e = std::str::from_utf8(bytes).err()?;
    let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
    Some(super::line_column(valid, valid.len()))
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
    fn a_stray_nul_becomes_a_replacement_character_where_binary_data_stays_refused() {
        let read = decode_nul_as_replacement(b"WEBVTT\n\n00:01.000 --> 00:02.000\nA\0B\0\n").expect("decodes");
        assert_eq!(read.text, "WEBVTT\n\n00:01.000 --> 00:02.000\nA\u{FFFD}B\u{FFFD}\n");
        assert_eq!(
            (read.encoding, read.nuls, read.first),
            (Encoding::Utf8, 2, Some((4, 2)))
        );
        // A fifth of the bytes control characters: binary, named as such.
        let mut binary = b"WEBVTT\n\n".to_vec();
        for i in 0..200u8 {
            binary.push(if i % 5 == 0 { 0 } else { b'a' + i % 26 });
        }
        let e = decode_nul_as_replacement(&binary).expect_err("binary");
        assert!(e.message.contains("binary"), "{}", e.message);
        // A known binary signature too, even with few NULs.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(std::iter::repeat_n(b'x', 1000));
        assert!(decode_nul_as_replacement(&png).is_err());
    }

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
    fn utf8_with_a_broken_byte_stays_utf8() {
        let bytes = "Joëlle: één café\nBram: n\u{e4}\u{ef}ef "
            .as_bytes()
            .iter()
            .copied()
            .chain([0xFF, b'x'])
            .collect::<Vec<u8>>();
        let (text, enc) = decode(&bytes).expect("decodes");
        assert_eq!(enc, Encoding::Utf8Repaired);
        assert!(text.starts_with("Joëlle: één café"), "{text}");
        assert!(text.ends_with("\u{FFFD}x"), "{text}");
        assert_eq!(first_invalid_utf8(&bytes), Some((2, 13)));
    }

    #[test]
    fn files_people_drop_by_mistake_are_named() {
        for (bytes, kind) in [
            (&b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..], "PNG image"),
            (b"PK\x03\x04\x14\0\x06\0", "ZIP archive"),
            (b"ID3\x04\0\0\0\0", "MP3 audio"),
            (b"\0\0\0\x20ftypM4A ", "MP4 or M4A"),
            (b"RIFF\x24\x08\0\0WAVEfmt ", "WAV audio"),
        ] {
            let e = decode(bytes).expect_err("binary");
            assert!(
                e.message.contains(kind) && e.message.contains("not a transcript"),
                "{}",
                e.message
            );
        }
    }

    #[test]
    fn text_that_starts_like_a_signature_is_text() {
        for text in [
            "RIFF is een bestandsformaat.",
            "ID3: tags",
            "GIF8 gesprek",
            "%PDF-bespreking",
        ] {
            assert_eq!(decode(text.as_bytes()).expect("text").0, text);
        }
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

    #[test]
    fn utf16_without_a_byte_order_mark_is_read_by_its_pattern() {
        let text = "Mia: Hallo, hoe gaat het?\nBram: Goed, dank je.\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let (decoded, encoding) = decode(&le).expect("reads UTF-16LE");
        assert_eq!((decoded.as_ref(), encoding), (text, Encoding::Utf16Le));
        let (decoded, encoding) = decode(&be).expect("reads UTF-16BE");
        assert_eq!((decoded.as_ref(), encoding), (text, Encoding::Utf16Be));
        // Scattered NULs are still binary.
        let binary = [b'a', 0, 0, b'b', b'c', 0, b'd', b'e', 0, 0, b'f', b'g'];
        assert!(decode(&binary).is_err());
    }

    #[test]
    fn a_pdf_is_named_even_without_binary_streams() {
        let e = decode(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n").expect_err("a PDF");
        assert!(e.message.contains("PDF document"), "{}", e.message);
    }

    #[test]
    fn one_good_accent_and_one_broken_byte_is_damaged_utf8() {
        let (text, encoding) = decode(b"Mia: caf\xc3\xa9 \xff ok\n").expect("reads");
        assert_eq!(encoding, Encoding::Utf8Repaired);
        assert_eq!(text, "Mia: caf\u{e9} \u{FFFD} ok\n");
        let (text, encoding) = decode(b"Mia: caf\xe9 en cr\xe8me\n").expect("reads");
        assert_eq!(encoding, Encoding::Windows1252);
        assert_eq!(text, "Mia: caf\u{e9} en cr\u{e8}me\n");
    }
}
