//! Decoding bytes to text (BOMs, UTF-8, UTF-16, Windows-1252, binary detection) never panics.
//! `cargo fuzz run decode`
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = transcript_editor::formats::decode(bytes);
});
