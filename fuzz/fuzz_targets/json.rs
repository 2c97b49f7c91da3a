//! The json reader: any bytes give a transcript or an error with a position, and what is read writes and
//! reads back. `cargo fuzz run json`
#![no_main]

use libfuzzer_sys::fuzz_target;
use transcript_editor::formats::{Format, json::Json};

fuzz_target!(|bytes: &[u8]| {
    match Json.read(bytes) {
        Ok(loaded) => {
            let again = Json.write(&loaded.transcript).expect("what was read can be written");
            assert!(Json.read(&again).is_ok(), "what was written reads back");
        }
        Err(e) => assert!(e.line >= 1 && e.column >= 1),
    }
});
