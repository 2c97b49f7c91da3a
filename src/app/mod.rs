//! The editor window.

use std::path::PathBuf;

pub fn run(file: Option<PathBuf>) -> anyhow::Result<()> {
    let _ = file;
    anyhow::bail!("the editor window is not built yet; use the convert, info and check commands")
}
