// On Windows the editor is a window program: no console window opens beside it. Run from a terminal, it
// attaches to the terminal's console so that the command line still prints (see `attach_to_console`).
#![cfg_attr(all(windows, feature = "window"), windows_subsystem = "windows")]

use clap::Parser;
use std::process::ExitCode;
use transcript_editor::cli::{self, Cli};

fn main() -> ExitCode {
    #[cfg(windows)]
    attach_to_console();
    let cli = Cli::parse();
    let result = match cli.command {
        Some(command) => cli::run(command),
        #[cfg(feature = "window")]
        None => transcript_editor::app::run(cli.files).map(|()| true),
        #[cfg(not(feature = "window"))]
        None => Err(anyhow::anyhow!(
            "this build has no editor window (built without the \"window\" feature); use convert, info, check or edit"
        )),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// A window program on Windows starts without a console, so what it prints would go nowhere. Started from
/// a terminal (cmd, PowerShell), it writes into that terminal's console instead; output redirected to a
/// file or pipe is unaffected, and started from Explorer there is no console to attach to.
#[cfg(windows)]
fn attach_to_console() {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn AttachConsole(process_id: u32) -> i32;
    }
    /// `ATTACH_PARENT_PROCESS`: the console of the process that started this one.
    const PARENT: u32 = u32::MAX;
    // SAFETY: AttachConsole takes a process id by value and only fails (returns 0) when there is no such
    // console or one is attached already; both leave the process as it was.
    unsafe {
        AttachConsole(PARENT);
    }
}
