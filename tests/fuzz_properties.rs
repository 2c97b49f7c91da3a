//! Every reader, fed arbitrary bytes and damaged versions of good files, answers with a transcript or an
//! error that has a position; it never panics. Damaged recordings are opened or refused, never a panic.
//! (`fuzz/` holds cargo-fuzz targets for longer runs.)

use proptest::prelude::*;
use transcript_editor::formats::REGISTRY;
use transcript_editor::generate::{Shape, transcript};

fn read_all_formats(bytes: &[u8]) -> Result<(), TestCaseError> {
    for format in REGISTRY {
        match format.read(bytes) {
            Ok(loaded) if format.can_write() => {
                // Whatever was read can be written and read back without trouble, or the writer refuses
                // what the format cannot hold, naming the turn (SRT: a line that reads as a cue's times).
                let again = match format.write(&loaded.transcript) {
                    Ok(again) => again,
                    Err(e) if e.0.starts_with("turn ") => continue,
                    Err(e) => return Err(TestCaseError::fail(e.to_string())),
                };
                prop_assert!(
                    format.read(&again).is_ok(),
                    "{} cannot read what it wrote",
                    format.name()
                );
            }
            Ok(_) => {}
            Err(e) => prop_assert!(e.line >= 1 && e.column >= 1 && !e.message.is_empty(), "{e:?}"),
        }
    }
    Ok(())
}

/// Good files of every format, small enough to mutate quickly.
fn good_files() -> Vec<Vec<u8>> {
    let t = transcript(&Shape {
        words: 300,
        speakers: 5,
        times: true,
        seed: 7,
    });
    let mut files: Vec<Vec<u8>> = REGISTRY
        .iter()
        .filter(|f| f.can_write())
        .map(|f| f.write(&t).expect("writes"))
        .collect();
    for fixture in [
        "whisperx.json",
        "otter.txt",
        "voices.vtt",
        "messy.srt",
        "colleague.docx",
        "interview.eaf",
        "short.TextGrid",
        "broadcast.ttml",
    ] {
        files.push(
            std::fs::read(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/fixtures")
                    .join(fixture),
            )
            .expect("fixture"),
        );
    }
    files.push(include_bytes!("../assets/sample.txt").to_vec());
    files
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, bits: u8 },
    Insert { at: usize, bytes: Vec<u8> },
    Delete { at: usize, len: usize },
    Truncate { at: usize },
    Duplicate { at: usize, len: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        (at, 1u8..=255).prop_map(|(at, bits)| Mutation::Flip { at, bits }),
        (at, prop::collection::vec(any::<u8>(), 1..8)).prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (at, 1usize..64).prop_map(|(at, len)| Mutation::Delete { at, len }),
        at.prop_map(|at| Mutation::Truncate { at }),
        (at, 1usize..64).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let n = bytes.len().max(1);
        match m {
            Mutation::Flip { at, bits } => {
                if let Some(b) = bytes.get_mut(at % n) {
                    *b ^= bits;
                }
            }
            Mutation::Insert { at, bytes: new } => {
                let at = (at % n).min(bytes.len());
                bytes.splice(at..at, new.iter().copied());
            }
            Mutation::Delete { at, len } => {
                let at = (at % n).min(bytes.len());
                let end = (at + len).min(bytes.len());
                bytes.drain(at..end);
            }
            Mutation::Truncate { at } => bytes.truncate(at % n),
            Mutation::Duplicate { at, len } => {
                let at = (at % n).min(bytes.len());
                let end = (at + len).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        read_all_formats(&bytes)?;
    }

    #[test]
    fn arbitrary_text_never_panics(text in "(\\PC|[\\r\\n\\t\\[\\]():*{}\",])*") {
        read_all_formats(text.as_bytes())?;
    }

    #[test]
    fn damaged_good_files_never_panic(
        which in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let files = good_files();
        let file = files[which.index(files.len())].clone();
        read_all_formats(&mutate(file, &mutations))?;
    }
}

/// A good WAV, and a tiny MP4-shaped file (boxes and sample tables), for the recordings' probing.
fn good_recordings() -> Vec<Vec<u8>> {
    let dir = tempfile::tempdir().expect("tempdir");
    let wav = dir.path().join("tone.wav");
    let samples = transcript_editor::media::wav::silence_tone_silence(8_000, (0.05, 0.05, 0.05), 0.5);
    transcript_editor::media::wav::write_wav(&wav, 8_000, &samples).expect("writes");
    let mp4_box = |kind: &[u8; 4], body: &[u8]| {
        let mut out = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(body);
        out
    };
    let table = [0u8, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 9];
    let stbl = mp4_box(
        b"stbl",
        &[mp4_box(b"stts", &table), mp4_box(b"stsz", &[0; 12])].concat(),
    );
    let moov = mp4_box(b"moov", &mp4_box(b"trak", &mp4_box(b"mdia", &mp4_box(b"minf", &stbl))));
    let mp4 = [mp4_box(b"ftyp", b"M4A \0\0\0\0"), moov, mp4_box(b"mdat", &[0; 64])].concat();
    vec![std::fs::read(&wav).expect("reads"), mp4]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// What opening a recording does in the window (probing it, then reading it all for the waveform),
    /// on damaged recordings: an answer, never a panic or an allocation the size a header claims.
    #[test]
    fn damaged_recordings_are_opened_or_refused_never_a_panic(
        which in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let files = good_recordings();
        let bytes = mutate(files[which.index(files.len())].clone(), &mutations);
        let dir = tempfile::tempdir().expect("tempdir");
        for name in ["talk.wav", "talk.m4a"] {
            let path = dir.path().join(name);
            std::fs::write(&path, &bytes).expect("write");
            if let Ok(mut decoder) = transcript_editor::media::Decoder::open(&path) {
                let _ = transcript_editor::media::Peaks::compute(&mut decoder, 100, |_| true);
            }
        }
    }
}
