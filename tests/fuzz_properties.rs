//! Every reader, fed arbitrary bytes and damaged versions of good files, answers with a transcript or an
//! error that has a position; it never panics. (`fuzz/` holds cargo-fuzz targets for longer runs.)

use proptest::prelude::*;
use transcript_editor::formats::REGISTRY;
use transcript_editor::generate::{Shape, transcript};

fn read_all_formats(bytes: &[u8]) -> Result<(), TestCaseError> {
    for format in REGISTRY {
        match format.read(bytes) {
            Ok(loaded) if format.can_write() => {
                // Whatever was read can be written and read back without trouble.
                let again = format
                    .write(&loaded.transcript)
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
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
