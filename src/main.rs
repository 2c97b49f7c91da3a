use clap::Parser;
use std::process::ExitCode;
use transcript_editor::cli::{self, Cli};

fn main() -> ExitCode {
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
