//! Reading the input and writing the output, as every subcommand does: standard input and output as `-`,
//! the format from `--from`/`--to` or the extension, atomic saving, and a recogniser's file or a read-only one
//! not replaced without `--force`.

use crate::document::Document;
use crate::edit::ops;
use crate::formats::{self, Format};
use crate::store::{self, Opened};
use anyhow::{Context, Result, anyhow, bail};
use std::io::Write;
use std::path::Path;

pub(super) fn format_named(name: Option<&str>) -> Result<Option<&'static dyn Format>> {
    name.map(|n| {
        formats::by_name(n).ok_or_else(|| {
            anyhow!(
                "unknown format \"{n}\"; the formats are: {}",
                formats::names(formats::REGISTRY.iter().copied())
            )
        })
    })
    .transpose()
}

pub(super) fn is_std(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads a file or standard input, with the error naming where.
pub fn read_input(path: &Path, format: Option<&'static dyn Format>) -> Result<Opened> {
    Ok(read_input_keeping_bytes(path, format)?.0)
}

/// [`read_input`], also giving back the bytes that were read.
pub(super) fn read_input_keeping_bytes(path: &Path, format: Option<&'static dyn Format>) -> Result<(Opened, Vec<u8>)> {
    if is_std(path) {
        let bytes = store::read_at_most(std::io::stdin().lock(), store::MAX_FILE_SIZE)
            .context("cannot read standard input")?
            .ok_or_else(|| {
                anyhow!(
                    "<stdin>: more than {} bytes arrived, more than the largest transcript this editor reads; stopped reading",
                    store::MAX_FILE_SIZE
                )
            })?;
        let opened = store::read_bytes(&bytes, None, format)
            .map_err(|e| anyhow!("<stdin>:{}:{}: {}", e.line, e.column, e.message))?;
        return Ok((opened, bytes));
    }
    Ok(store::open_keeping_bytes(path, format)?)
}

/// What was read with a warning, said on standard error as `check` says it: the file, then what and where.
pub(super) fn warn(input: &Path, opened: &Opened) {
    for warning in &opened.loaded.warnings {
        eprintln!("{}: warning: {warning}", shown_name(input));
    }
}

/// A path as messages show it; standard input is `<stdin>`.
pub(super) fn shown_name(path: &Path) -> String {
    if is_std(path) {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// The format to write: `--to`, else the output's extension.
pub(super) fn output_format(output: &Path, to: Option<&str>) -> Result<&'static dyn Format> {
    match format_named(to)? {
        Some(f) if !f.can_write() => bail!("{} is only read, not written; choose another --to", f.title()),
        Some(f) => Ok(f),
        None if is_std(output) => bail!(
            "say which format to write to standard output with --to ({})",
            formats::names(formats::writable())
        ),
        None => formats::by_extension(output).ok_or_else(|| {
            anyhow!(
                "cannot tell the format of {} from its extension; add --to ({})",
                output.display(),
                formats::names(formats::writable())
            )
        }),
    }
}

/// The transcript with the ends of turns that have a start only estimated, when `fill_ends` asks for it
/// (said on standard error): the same change as the window's "Estimate the ends", applied the one way
/// edits are applied.
pub(super) fn with_ends(
    transcript: &crate::model::Transcript,
    fill_ends: bool,
) -> Result<std::borrow::Cow<'_, crate::model::Transcript>> {
    if !fill_ends {
        return Ok(std::borrow::Cow::Borrowed(transcript));
    }
    let mut doc = Document::new(transcript.clone(), &formats::json::Json);
    let estimated = ops::estimated_ends(transcript).len();
    doc.change(ops::fill_ends)
        .map_err(|e| anyhow!("cannot estimate the end times: {e}"))?;
    if estimated > 0 {
        eprintln!(
            "note: the end times of {} were estimated (where the next turn starts, or from the words)",
            if estimated == 1 {
                "1 turn".to_string()
            } else {
                format!("{estimated} turns")
            }
        );
    }
    Ok(std::borrow::Cow::Owned(doc.transcript().clone()))
}

/// Writes to a file (atomically) or standard output, after saying what the format leaves out. Without
/// `force`, a read-only file and a recogniser's file are not replaced.
pub(super) fn write_output(
    output: &Path,
    to: &'static dyn Format,
    transcript: &crate::model::Transcript,
    force: bool,
    fill_ends: bool,
) -> Result<()> {
    let transcript = &*with_ends(transcript, fill_ends)?;
    for loss in to.losses(transcript) {
        eprintln!("note: {} cannot hold {loss}; they are left out", to.title());
    }
    if is_std(output) {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        match to.write_to(transcript, &mut out) {
            Err(formats::WriteTo::Refused(e)) => bail!("cannot write {}: {e}", to.title()),
            Err(formats::WriteTo::Io(e)) => return Err(e).context("cannot write to standard output"),
            Ok(()) => out.flush().context("cannot write to standard output")?,
        }
    } else {
        if !force && let Some(theirs) = recogniser_file(output) {
            bail!(
                "{} is {} (a recogniser's output); writing would replace it with the editor's {}. Write to another file, or add --force",
                output.display(),
                theirs.title(),
                to.title()
            );
        }
        match store::save(output, to, transcript, force) {
            Err(e @ store::SaveError::ReadOnly { .. }) => bail!("{e}; add --force to overwrite it anyway"),
            other => other?,
        }
    }
    Ok(())
}

/// Prints a report on standard output. A reader that stops early (`info … | head`) closes the pipe: that is
/// no error, and no panic as `print!` would give.
pub(super) fn say(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e).context("cannot write to standard output"),
        _ => Ok(()),
    }
}

/// Writes bytes as they are to a file or standard output, with the same respect for what is there.
pub(super) fn write_bytes(output: &Path, bytes: &[u8], force: bool) -> Result<()> {
    if is_std(output) {
        let mut out = std::io::stdout().lock();
        return out
            .write_all(bytes)
            .and_then(|_| out.flush())
            .context("cannot write to standard output");
    }
    match store::write_file(output, bytes, force) {
        Err(e @ store::SaveError::ReadOnly { .. }) => bail!("{e}; add --force to overwrite it anyway"),
        other => Ok(other?),
    }
}

/// The format of an existing file at `path` when it is one the editor only reads (a recogniser's output).
pub(super) fn recogniser_file(path: &Path) -> Option<&'static dyn Format> {
    // Only a regular file is read: a FIFO would wait for a writer, and a device is never replaced anyway.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    // Only where a recogniser's format shares the extension; then the content decides, as it does when the
    // file is opened (sniffed, not parsed).
    let possible = formats::REGISTRY
        .iter()
        .any(|f| !f.can_write() && formats::has_extension_of(path, *f));
    if !possible {
        return None;
    }
    // Read a piece at a time: the transcript to be written is in memory already, and the file may be as
    // large. What the recognisers' formats are told by lies in the head (Otter's speaker lines) or in the
    // keys of the JSON (Whisper's "segments" and no "turns"), which the pieces are searched for.
    let mut file = std::fs::File::open(path).ok()?;
    let mut head: Vec<u8> = Vec::new();
    let mut keys = (false, false);
    let mut piece = vec![0u8; 1 << 16];
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let n = std::io::Read::read(&mut file, &mut piece).ok()?;
        if n == 0 {
            break;
        }
        if head.len() < HEAD {
            head.extend_from_slice(&piece[..n.min(HEAD - head.len())]);
        }
        carry.extend_from_slice(&piece[..n]);
        keys.0 |= carry.windows(10).any(|w| w == b"\"segments\"");
        keys.1 |= carry.windows(7).any(|w| w == b"\"turns\"");
        // Keep the end, where a key may be cut in two.
        carry.drain(..carry.len().saturating_sub(9));
    }
    // The head stands for the file, with the keys found anywhere in it appended.
    let mut sample = head;
    if keys.0 {
        sample.extend_from_slice(b" \"segments\"");
    }
    if keys.1 {
        sample.extend_from_slice(b" \"turns\"");
    }
    let format = formats::detect(Some(path), &sample);
    (!format.can_write()).then_some(format)
}

/// How much of an existing file [`recogniser_file`] keeps to tell its format by.
const HEAD: usize = 1 << 16;
