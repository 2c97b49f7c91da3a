//! The Dutch Hunspell dictionary the spelling tests check with: Debian's `hunspell-nl`, which CI installs.

use std::path::Path;

/// Where Debian puts it.
pub const DUTCH: &str = "/usr/share/hunspell/nl.dic";

/// Whether the dictionary is there. Without it a test says so and passes, unless
/// `TRANSCRIPT_EDITOR_EXPECT_TOOLS` is set (as CI does, having installed it): then it fails.
pub fn dutch_dictionary() -> bool {
    let there = Path::new(DUTCH).exists();
    if !there {
        assert!(
            std::env::var_os("TRANSCRIPT_EDITOR_EXPECT_TOOLS").is_none(),
            "{DUTCH} is missing: apt-get install hunspell-nl"
        );
        eprintln!("skipped: no {DUTCH} (apt-get install hunspell-nl)");
    }
    there
}
