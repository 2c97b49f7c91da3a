//! File formats. Each format is one file exposing a [`Format`]; [`REGISTRY`] lists them all. Adding a format
//! means adding a file and a line to the registry.

pub mod ass;
pub mod chat;
pub(crate) mod cues;
mod decode;
pub mod docx;
pub mod eaf;
pub mod json;
mod line;
pub mod markdown;
mod markup;
pub mod otter;
pub mod sbv;
pub mod services;
pub mod srt;
pub mod text;
pub mod textgrid;
pub mod time;
pub mod trs;
pub mod ttml;
mod unknown;
pub mod vtt;
pub mod whisper;
mod xml;

use crate::model::Transcript;
use std::path::Path;

pub use cues::cue_parts;
pub use decode::{Encoding, decode, decode_nul_as_replacement, first_invalid_utf8};

/// Something wrong inside a file: where it is and what it is, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct ParseError {
    /// 1-based.
    pub line: usize,
    /// 1-based, counted in characters.
    pub column: usize,
    pub message: String,
}

impl ParseError {
    pub fn new(line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            line,
            column,
            message: message.into(),
        }
    }

    /// The error at a byte offset of `source`.
    pub fn at_offset(source: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = line_column(source, offset);
        Self::new(line, column, message)
    }
}

/// 1-based line and character column of a byte offset.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = source.get(..offset).unwrap_or(source);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Decodes `bytes` and parses the text: what every text-based format's `read` does.
pub(crate) fn read_text(
    bytes: &[u8],
    parse: impl FnOnce(&str) -> Result<Transcript, ParseError>,
) -> Result<Loaded, ParseError> {
    let (text, encoding) = decode(bytes)?;
    Ok(Loaded::new(parse(&text)?, encoding, bytes))
}

/// [`read_text`] for a reader that also warns of what it left out.
pub(crate) fn read_text_warned(
    bytes: &[u8],
    parse: impl FnOnce(&str) -> Result<(Transcript, Vec<String>), ParseError>,
) -> Result<Loaded, ParseError> {
    let (text, encoding) = decode(bytes)?;
    let (t, warnings) = parse(&text)?;
    let mut loaded = Loaded::new(t, encoding, bytes);
    loaded.warnings.extend(warnings);
    Ok(loaded)
}

/// Reads JSON: UTF-8 by definition (with or without a byte order mark), so a byte that is not UTF-8 is an
/// error at its line and column, never a reason to guess another encoding.
pub(crate) fn read_json_text(
    bytes: &[u8],
    parse: impl FnOnce(&str) -> Result<Transcript, ParseError>,
) -> Result<Loaded, ParseError> {
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let utf16 = body.starts_with(&[0xFF, 0xFE]) || body.starts_with(&[0xFE, 0xFF]);
    if !utf16 && let Some((line, column)) = first_invalid_utf8(body) {
        return Err(ParseError::new(
            line,
            column,
            "a byte here is not UTF-8; JSON files are UTF-8, so the file is damaged or was saved in another encoding (save it as UTF-8 and open it again)",
        ));
    }
    read_text(bytes, parse)
}

/// Why writing into a file or stream stopped: the format cannot hold the transcript (nothing was written),
/// or the file or stream failed.
#[derive(Debug)]
pub enum WriteTo {
    Refused(WriteError),
    Io(std::io::Error),
}

/// Why a transcript cannot be written in a format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct WriteError(pub String);

/// A transcript read from bytes, with what was learnt on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub transcript: Transcript,
    pub encoding: Encoding,
    /// Things the user should know about the file although it could be read.
    pub warnings: Vec<String>,
}

impl Loaded {
    /// A transcript read from `bytes` with `encoding`, with a warning where bytes had to be replaced.
    pub fn new(transcript: Transcript, encoding: Encoding, bytes: &[u8]) -> Self {
        let mut warnings = Vec::new();
        if encoding == Encoding::Utf8Repaired
            && let Some((line, column)) = first_invalid_utf8(bytes)
        {
            warnings.push(format!(
                "bytes that are not UTF-8 were replaced by \u{FFFD}; the first is at line {line}, column {column}"
            ));
        }
        Self {
            transcript,
            encoding,
            warnings,
        }
    }
}

/// The interface every format implements.
pub trait Format: Sync {
    /// Short name used on the command line (`--from json`) and in the status bar.
    fn name(&self) -> &'static str;
    /// A human name for menus and file dialogs.
    fn title(&self) -> &'static str;
    /// File name extensions, lower case, without the dot. The first is the one used when saving.
    fn extensions(&self) -> &'static [&'static str];
    /// Whether the content looks like this format (used when the extension says nothing).
    fn sniff(&self, bytes: &[u8]) -> bool;
    fn read(&self, bytes: &[u8]) -> Result<Loaded, ParseError>;
    fn write(&self, transcript: &Transcript) -> Result<Vec<u8>, WriteError>;
    /// Writes into `out` as it goes; what [`Format::write`] would give. A transcript the format cannot
    /// hold is refused before anything is written. Formats that can write without holding the whole file
    /// in memory (JSON) do so.
    ///
    /// A file of lines read with CRLF line ends (Windows' Notepad, Subtitle Edit) is written with them too.
    fn write_to(&self, transcript: &Transcript, out: &mut dyn std::io::Write) -> Result<(), WriteTo> {
        let bytes = self.write(transcript).map_err(WriteTo::Refused)?;
        let bytes = if transcript.layout.crlf && self.is_lines() {
            with_crlf(&bytes)
        } else {
            bytes
        };
        out.write_all(&bytes).map_err(WriteTo::Io)
    }
    /// Whether the format is text in lines that a user may keep with either line end (plain text, subtitles,
    /// Markdown, CHAT, TextGrid): written with CRLF when the file read had them. XML, JSON and Word are not.
    fn is_lines(&self) -> bool {
        false
    }
    /// What this format cannot hold of `transcript`, one phrase each; empty when nothing is lost.
    fn losses(&self, _transcript: &Transcript) -> Vec<String> {
        Vec::new()
    }
    /// What saving back into a file of this format (the document's own) loses: less than [`Format::losses`]
    /// where a file of the format cannot have held something the user made since (plain text held no
    /// speaker without turns).
    fn losses_on_resave(&self, transcript: &Transcript) -> Vec<String> {
        self.losses(transcript)
    }
    /// Whether the editor writes this format (some are only read: a recogniser's output).
    fn can_write(&self) -> bool {
        true
    }
}

impl std::fmt::Debug for dyn Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Whether a file's first line ends with CRLF (in UTF-8 or a one-byte encoding, or in UTF-16 either way
/// round): its lines are written back with CRLF.
pub fn ends_lines_with_crlf(bytes: &[u8]) -> bool {
    let utf16_le = bytes.starts_with(&[0xFF, 0xFE]);
    let utf16_be = bytes.starts_with(&[0xFE, 0xFF]);
    if utf16_le || utf16_be {
        let units = bytes[2..].chunks_exact(2).map(|p| {
            if utf16_le {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        let mut before = 0u16;
        for unit in units {
            if unit == u16::from(b'\n') {
                return before == u16::from(b'\r');
            }
            before = unit;
        }
        return false;
    }
    match bytes.iter().position(|&b| b == b'\n') {
        Some(i) => i > 0 && bytes[i - 1] == b'\r',
        None => false,
    }
}

/// `bytes` with every line feed not already after a carriage return preceded by one.
pub fn with_crlf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 32);
    let mut before = 0u8;
    for &b in bytes {
        if b == b'\n' && before != b'\r' {
            out.push(b'\r');
        }
        out.push(b);
        before = b;
    }
    out
}

/// Every format the editor knows, in the order they are tried when sniffing content: the more particular
/// before the more general (the services' JSON, told apart by their keys, before Whisper's, Whisper's
/// before the editor's JSON, Otter before plain text, which accepts anything and comes last).
pub static REGISTRY: &[&dyn Format] = &[
    &services::amazon::Amazon,
    &services::deepgram::Deepgram,
    &services::assemblyai::AssemblyAi,
    &services::revai::Revai,
    &services::speechmatics::Speechmatics,
    &services::azure::Azure,
    &services::whisper_cpp::WhisperCpp,
    &services::google::Google,
    &whisper::Whisper,
    &json::Json,
    &vtt::WebVtt,
    &srt::Srt,
    &ass::Ass,
    &sbv::Sbv,
    &markdown::Markdown,
    &docx::Docx,
    &eaf::Eaf,
    &textgrid::TextGrid,
    &ttml::Ttml,
    &trs::Transcriber,
    &chat::Chat,
    &otter::Otter,
    &text::PlainText,
];

pub fn by_name(name: &str) -> Option<&'static dyn Format> {
    let name = name.trim_start_matches('.').to_ascii_lowercase();
    REGISTRY.iter().copied().find(|f| f.name() == name).or_else(|| {
        // An extension names the format the editor writes with it (`json`: the editor's own, not Whisper's).
        let matching = || {
            REGISTRY
                .iter()
                .copied()
                .filter(|f| f.extensions().contains(&name.as_str()))
        };
        matching().find(|f| f.can_write()).or_else(|| matching().next())
    })
}

fn with_extension(path: &Path) -> Vec<&'static dyn Format> {
    let Some(ext) = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase) else {
        return Vec::new();
    };
    REGISTRY
        .iter()
        .copied()
        .filter(|f| f.extensions().contains(&ext.as_str()))
        .collect()
}

/// Whether a file with this name could be in `format`: its extension is one of the format's.
pub fn has_extension_of(path: &Path, format: &dyn Format) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| format.extensions().contains(&e.to_ascii_lowercase().as_str()))
}

/// The format to write a file in, by its extension.
pub fn by_extension(path: &Path) -> Option<&'static dyn Format> {
    with_extension(path).into_iter().find(|f| f.can_write())
}

/// The format of a file to read: by its extension, by its content among formats that share the extension
/// (`.json`: a service's, Whisper's or the editor's), else by its content alone.
pub fn detect(path: Option<&Path>, bytes: &[u8]) -> &'static dyn Format {
    let candidates = path.map(with_extension).unwrap_or_default();
    match candidates[..] {
        [only] => only,
        // A file like none of them is read as the one the editor writes, whose errors say what it expects.
        [.., last] => candidates
            .iter()
            .copied()
            .find(|f| f.sniff(bytes))
            .or_else(|| candidates.iter().copied().find(|f| f.can_write()))
            .unwrap_or(last),
        [] => REGISTRY
            .iter()
            .copied()
            .find(|f| f.sniff(bytes))
            .unwrap_or(&text::PlainText),
    }
}

/// Whether the format of a file is a guess from its content: its name has no extension of ours.
pub fn is_guessed(path: Option<&Path>) -> bool {
    path.is_none_or(|p| with_extension(p).is_empty())
}

/// Why a file whose format was guessed is refused: it looks like a format the editor does not read, which
/// plain text would show as garbage (or which another reader took for its own and failed on). `None` for
/// a file that looks like none of those.
pub fn refusal(path: Option<&Path>, bytes: &[u8]) -> Option<ParseError> {
    let (text, _) = decode(bytes).ok()?;
    let kind = unknown::recognise(path, &text)?;
    Some(ParseError::new(
        1,
        1,
        format!(
            "this looks like {kind}, which the editor does not read; it reads {} files. Convert the file to one \
             of those (on the command line, --from text reads any file as plain text)",
            known_extensions()
        ),
    ))
}

/// Every extension the editor reads, once each (".json, .vtt, …").
fn known_extensions() -> String {
    let mut seen = Vec::new();
    for ext in REGISTRY.iter().filter_map(|f| f.extensions().first()) {
        if !seen.contains(ext) {
            seen.push(*ext);
        }
    }
    seen.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join(", ")
}

/// The bytes of a file in `tests/fixtures`, for the formats' unit tests.
#[cfg(test)]
pub(crate) fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A turn as the formats' tests compare it: speaker, text, start, end.
#[cfg(test)]
pub(crate) type Row<'a> = (Option<&'a str>, &'a str, Option<f64>, Option<f64>);

/// Each turn of `t` as a [`Row`].
#[cfg(test)]
pub(crate) fn rows(t: &Transcript) -> Vec<Row<'_>> {
    t.turns
        .iter()
        .map(|x| (t.speaker_name(x.speaker.as_ref()), x.text.as_str(), x.start, x.end))
        .collect()
}

/// The formats the editor writes, in registry order.
pub fn writable() -> impl Iterator<Item = &'static dyn Format> {
    REGISTRY.iter().copied().filter(|f| f.can_write())
}

/// The names of `formats` as `--from` / `--to` take them ("json, text, …"), for help texts and errors.
pub fn names(formats: impl Iterator<Item = &'static dyn Format>) -> String {
    formats.map(|f| f.name()).collect::<Vec<_>>().join(", ")
}

/// The extensions of `formats` as a person reads them (".json, .txt, …"), for dialogs.
pub fn extension_list(formats: impl Iterator<Item = &'static dyn Format>) -> String {
    formats
        .filter_map(|f| f.extensions().first())
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The metadata a format cannot hold, named one by one ("the language and the media file"), for a format
/// that keeps the title (`title`) and the language (`language`) or not. `None` when nothing is lost.
pub(crate) fn metadata_loss(meta: &crate::model::Metadata, title: bool, language: bool) -> Option<String> {
    let mut lost = Vec::new();
    if meta.title.is_some() && !title {
        lost.push("the title");
    }
    if meta.language.is_some() && !language {
        lost.push("the language");
    }
    if meta.media.is_some() {
        lost.push("the media file");
    }
    if !meta.extra.is_empty() {
        lost.push("other metadata");
    }
    let last = lost.pop()?;
    Some(match lost.is_empty() {
        true => last.to_string(),
        false => format!("{} and {last}", lost.join(", ")),
    })
}

/// What a format of speakers and timed turns (ELAN, TextGrid, TTML) loses: `metadata`, where the
/// transcript has any of what that names (`meta_lost`), extra fields, and what [`review_losses`] names.
pub(crate) fn turn_format_losses(t: &Transcript, metadata: &str, meta_lost: bool) -> Vec<String> {
    let mut out = Vec::new();
    if meta_lost {
        out.push(metadata.to_string());
    }
    if t.turns.iter().any(|x| x.extra.is_some()) || t.speakers.iter().any(|s| !s.extra.is_empty()) {
        out.push("extra fields of turns and speakers".to_string());
    }
    out.extend(unnamed_speaker_loss(t));
    out.extend(review_losses(t, false, true));
    out
}

/// A speaker whose name is empty is read back from a format that names speakers as turns without one.
pub(crate) fn unnamed_speaker_loss(t: &Transcript) -> Option<String> {
    t.turns
        .iter()
        .any(|x| t.speaker_name(x.speaker.as_ref()).is_some_and(|n| n.trim().is_empty()))
        .then(|| "the speaker with an empty name (their turns come back without a speaker)".to_string())
}

/// What a format without words and review marks loses of them. `keeps_cues`: the format writes a turn's
/// timing anchors back as the cues it was read from (so words read from cues are not lost).
/// `with_originals`: whether to name the original texts of changed turns (saving back into the file the
/// text came from does not ask about them: that file held the original and never its record).
pub(crate) fn review_losses(t: &Transcript, keeps_cues: bool, with_originals: bool) -> Vec<String> {
    let mut out = Vec::new();
    let lost_words = |x: &crate::model::Turn| {
        x.words.iter().any(|w| w.confidence.is_some()) || x.words.first().is_some_and(|w| !(keeps_cues && w.cue))
    };
    if t.turns.iter().any(lost_words) {
        out.push("word times and confidences".to_string());
    }
    if t.turns.iter().any(|x| x.reviewed) {
        out.push("review marks".to_string());
    }
    if with_originals && t.turns.iter().any(|x| x.is_changed()) {
        out.push("the original texts of changed turns".to_string());
    }
    if with_originals && t.group_numbers().iter().any(Option::is_some) {
        out.push("which turns were split from one".to_string());
    }
    out
}
