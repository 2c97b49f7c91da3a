//! The text reader: any bytes give a transcript or an error with a position, and what is read writes and
//! reads back. `cargo fuzz run text`
#![no_main]

use libfuzzer_sys::fuzz_target;
use transcript_editor::formats::{Format, text::PlainText};

fuzz_target!(|bytes: &[u8]| {
    match PlainText.read(bytes) {
        Ok(loaded) => {
            let again = PlainText
                .write(&loaded.transcript)
                .expect("what was read can be written");
            assert!(PlainText.read(&again).is_ok(), "what was written reads back");
        }
        Err(e) => assert!(e.line >= 1 && e.column >= 1),
    }
});
