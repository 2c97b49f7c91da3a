//! A look at an MP4/M4A file's sample tables before the decoding library reads them. The library sizes its
//! tables from the counts the file states, and a count of 0xFFFFFFFF makes it ask for tens of gigabytes,
//! which ends the process (an allocation that fails cannot be caught). Here each table's count is checked
//! against the bytes of its box and of the file, so a lying header is refused with a message instead.

use std::io::{Read, Seek, SeekFrom};

/// Boxes that hold other boxes on the way to the sample tables.
const CONTAINERS: &[&[u8; 4]] = &[
    b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"mvex", b"moof", b"traf",
];

/// Each sample table and the bytes one of its entries takes.
const TABLES: &[(&[u8; 4], u64)] = &[
    (b"stts", 8),
    (b"ctts", 8),
    (b"stsc", 12),
    (b"stco", 4),
    (b"co64", 8),
    (b"stss", 4),
    (b"stsz", 4),
    (b"elst", 12),
    (b"trun", 0),
];

/// Whether `file` starts as an MP4 file does (an `ftyp` box first).
pub fn looks_like_mp4(file: &mut (impl Read + Seek)) -> bool {
    let mut head = [0u8; 8];
    let found = file.seek(SeekFrom::Start(0)).is_ok() && file.read_exact(&mut head).is_ok() && &head[4..8] == b"ftyp";
    let _ = file.seek(SeekFrom::Start(0));
    found
}

/// Checks the sample tables of an MP4 file of `len` bytes; the error says which table claims how much.
/// The file is left at its start, for the decoder.
pub fn check(file: &mut (impl Read + Seek), len: u64) -> Result<(), String> {
    let checked = walk(file, 0, len, len, 0);
    file.seek(SeekFrom::Start(0)).map_err(|e| e.to_string())?;
    checked
}

/// Walks the boxes between `from` and `to`, `depth` boxes deep.
fn walk(file: &mut (impl Read + Seek), from: u64, to: u64, len: u64, depth: usize) -> Result<(), String> {
    let mut at = from;
    // A few thousand boxes at one level are plenty for any real file; a forged one may claim more.
    for _ in 0..100_000 {
        if at + 8 > to {
            return Ok(());
        }
        file.seek(SeekFrom::Start(at)).map_err(|e| e.to_string())?;
        let mut header = [0u8; 16];
        if file.read_exact(&mut header[..8]).is_err() {
            return Ok(());
        }
        let size32 = u64::from(u32::from_be_bytes([header[0], header[1], header[2], header[3]]));
        let kind: [u8; 4] = [header[4], header[5], header[6], header[7]];
        let (size, header_len) = match size32 {
            0 => (to - at, 8),
            1 => {
                if file.read_exact(&mut header[8..16]).is_err() {
                    return Ok(());
                }
                let mut large = [0u8; 8];
                large.copy_from_slice(&header[8..16]);
                (u64::from_be_bytes(large), 16)
            }
            n => (n, 8),
        };
        if size < header_len {
            return Ok(());
        }
        let end = at.saturating_add(size).min(to);
        let body = at + header_len;
        if CONTAINERS.contains(&&kind) && depth < 16 {
            walk(file, body, end, len, depth + 1)?;
        } else if let Some((_, entry)) = TABLES.iter().find(|(name, _)| **name == kind) {
            check_table(file, &kind, *entry, body, end, len)?;
        }
        at = at.saturating_add(size);
    }
    Ok(())
}

/// A table's count against the bytes it has and the file's size (every sample takes a byte at least).
fn check_table(
    file: &mut (impl Read + Seek),
    kind: &[u8; 4],
    entry: u64,
    body: u64,
    end: u64,
    len: u64,
) -> Result<(), String> {
    let name = String::from_utf8_lossy(kind);
    let mut fields = [0u8; 12];
    let wanted = if kind == b"stsz" { 12 } else { 8 };
    if end < body + wanted as u64 || file.read_exact(&mut fields[..wanted]).is_err() {
        return Err(format!("its sample table '{name}' is cut short"));
    }
    let word = |i: usize| {
        u64::from(u32::from_be_bytes([
            fields[i],
            fields[i + 1],
            fields[i + 2],
            fields[i + 3],
        ]))
    };
    // version and flags, then (stsz: the sample size,) the count.
    let (count, entry, table_at) = if kind == b"stsz" {
        let fixed = word(4) != 0;
        (word(8), if fixed { 0 } else { entry }, body + 12)
    } else {
        (word(4), entry, body + 8)
    };
    let room = end.saturating_sub(table_at);
    if count.saturating_mul(entry) > room || count > len {
        return Err(format!(
            "its sample table '{name}' says it has {count} entries, but its box holds {room} bytes and the file {len}: \
             the file is damaged"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn mp4_box(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut out = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(body);
        out
    }

    fn file_with_stsz(count: u32, entries: u32) -> Vec<u8> {
        let mut stsz = vec![0u8; 4];
        stsz.extend_from_slice(&0u32.to_be_bytes());
        stsz.extend_from_slice(&count.to_be_bytes());
        for _ in 0..entries {
            stsz.extend_from_slice(&100u32.to_be_bytes());
        }
        let stbl = mp4_box(b"stbl", &mp4_box(b"stsz", &stsz));
        let moov = mp4_box(b"moov", &mp4_box(b"trak", &mp4_box(b"mdia", &mp4_box(b"minf", &stbl))));
        let mut file = mp4_box(b"ftyp", b"M4A \0\0\0\0");
        file.extend(moov);
        file
    }

    #[test]
    fn honest_tables_pass_and_a_count_the_box_cannot_hold_is_refused() {
        let good = file_with_stsz(3, 3);
        let mut cursor = Cursor::new(&good);
        assert!(looks_like_mp4(&mut cursor));
        assert_eq!(check(&mut cursor, good.len() as u64), Ok(()));
        let forged = file_with_stsz(0xFFFF_FFFF, 3);
        let e = check(&mut Cursor::new(&forged), forged.len() as u64).expect_err("refused");
        assert!(e.contains("'stsz' says it has 4294967295 entries"), "{e}");
        assert!(!looks_like_mp4(&mut Cursor::new(b"RIFF....WAVE")));
    }
}
