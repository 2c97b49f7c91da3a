//! The outside tools and files some tests need (ffmpeg, espeak-ng, Hunspell and its Dutch dictionary).
//! Without one, a test says so and passes, unless `TRANSCRIPT_EDITOR_EXPECT_TOOLS` is set (as CI does,
//! having installed them): then it fails.

use std::path::Path;
use std::process::Command;

/// Where Debian puts its Dutch Hunspell dictionary (`hunspell-nl`), which the spelling tests check with.
pub const DUTCH: &str = "/usr/share/hunspell/nl.dic";

/// Whether `present`; when not, says that `what` is missing and how to get it, or fails where CI expects it.
fn here(present: bool, what: &str, install: &str) -> bool {
    if !present {
        assert!(
            std::env::var_os("TRANSCRIPT_EDITOR_EXPECT_TOOLS").is_none(),
            "{what} is expected but missing: {install}"
        );
        eprintln!("skipped: {what} is missing ({install})");
    }
    present
}

/// Whether the program `tool` runs (asked for its version with `version`).
#[allow(dead_code)]
pub fn have(tool: &str, version: &str) -> bool {
    let runs = Command::new(tool)
        .arg(version)
        .output()
        .is_ok_and(|o| o.status.success());
    here(runs, tool, &format!("apt-get install {tool}"))
}

/// Whether Debian's Dutch dictionary is there.
#[allow(dead_code)]
pub fn dutch_dictionary() -> bool {
    here(Path::new(DUTCH).exists(), DUTCH, "apt-get install hunspell-nl")
}
