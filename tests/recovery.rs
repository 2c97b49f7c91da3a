//! No lost work, for real: the editor runs in a virtual X display, a turn is changed by typing, the process
//! is killed with SIGKILL, and a second start restores the change. Needs Xvfb and xdotool (installed by
//! `.ci/run`); without them the test says so and passes only outside CI.
#![cfg(feature = "window")]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const FIXTURE: &str = "Hakar: Welkom bij de podcast.\nMia: Dank je.\n";

struct Display {
    number: u32,
    server: Child,
}

impl Display {
    fn start() -> Option<Self> {
        let free = |n: &u32| {
            !Path::new(&format!("/tmp/.X{n}-lock")).exists() && !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
        };
        let number = (100..200).find(free)?;
        let server = Command::new("Xvfb")
            .args([
                format!(":{number}").as_str(),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let display = Self { number, server };
        // Ready when its socket file is there and it answers: xdotool may reach it through the abstract
        // socket a moment before the window toolkit can through the file.
        wait_for("the X server", Duration::from_secs(10), || {
            Path::new(&format!("/tmp/.X11-unix/X{number}")).exists()
                && Command::new("xdotool")
                    .arg("getdisplaygeometry")
                    .env("DISPLAY", display.name())
                    .stderr(Stdio::null())
                    .output()
                    .is_ok_and(|o| o.status.success())
        });
        Some(display)
    }

    fn name(&self) -> String {
        format!(":{}", self.number)
    }

    fn xdotool(&self, args: &[&str]) -> String {
        let out = Command::new("xdotool")
            .args(args)
            .env("DISPLAY", self.name())
            .output()
            .expect("xdotool runs");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Starts the editor on `file` and waits for its window; returns the process and the window id. A start
    /// that cannot reach the display yet is tried again.
    fn editor(&self, file: &Path, config: &Path, state: &Path) -> (Child, String) {
        for attempt in 1..=3 {
            match self.try_editor(file, config, state) {
                Ok(started) => return started,
                Err(output) if attempt < 3 && output.contains("connection to X server") => {
                    std::thread::sleep(Duration::from_millis(500));
                }
                Err(output) => panic!("the editor exited before showing a window:\n{output}"),
            }
        }
        unreachable!("the loop returns or panics")
    }

    fn try_editor(&self, file: &Path, config: &Path, state: &Path) -> Result<(Child, String), String> {
        let child = Command::new(env!("CARGO_BIN_EXE_transcript-editor"))
            .arg(file)
            .env("DISPLAY", self.name())
            .env_remove("WAYLAND_DISPLAY")
            .env("TRANSCRIPT_EDITOR_CONFIG_DIR", config)
            .env("TRANSCRIPT_EDITOR_STATE_DIR", state)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(state.with_extension("log")).map_or(Stdio::null(), Stdio::from))
            .spawn()
            .expect("the editor starts");
        let pid = child.id().to_string();
        let mut window = String::new();
        let log = state.with_extension("log");
        let mut child = child;
        let mut exited = false;
        wait_for_or(&log, "the editor window", Duration::from_secs(60), || {
            if let Ok(Some(_)) = child.try_wait() {
                exited = true;
                return true;
            }
            window = self
                .xdotool(&["search", "--onlyvisible", "--pid", &pid])
                .lines()
                .last()
                .unwrap_or("")
                .to_string();
            !window.is_empty()
        });
        if exited {
            return Err(std::fs::read_to_string(&log).unwrap_or_default());
        }
        // The first frames, then the keyboard focus.
        std::thread::sleep(Duration::from_millis(1500));
        self.xdotool(&["windowfocus", "--sync", &window]);
        Ok((child, window))
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.xdotool(&["key", "--clearmodifiers", key]);
            std::thread::sleep(Duration::from_millis(150));
        }
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        // SIGTERM lets the server remove its lock file and socket; SIGKILL would leave them behind.
        let _ = Command::new("kill").arg(self.server.id().to_string()).status();
        let _ = self.server.wait();
    }
}

/// [`wait_for`], showing the editor's own output when it fails.
fn wait_for_or(log: &Path, what: &str, limit: Duration, done: impl FnMut() -> bool) {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| wait_for(what, limit, done)));
    if let Err(e) = result {
        eprintln!("editor output:\n{}", std::fs::read_to_string(log).unwrap_or_default());
        std::panic::resume_unwind(e);
    }
}

fn wait_for(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "{what} did not appear within {limit:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn snapshots(state: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(state.join("recovery"))
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect()
        })
        .unwrap_or_default()
}

fn tools_present() -> bool {
    let found = |tool: &str| {
        Command::new("which")
            .arg(tool)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    found("Xvfb") && found("xdotool")
}

#[test]
fn work_typed_before_a_kill_is_restored_on_the_next_start() {
    if !tools_present() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install xvfb and xdotool (see .ci/run)"
        );
        eprintln!("Xvfb or xdotool missing: the kill-and-restore test did not run");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let (config, state) = (dir.path().join("config"), dir.path().join("state"));
    let file = dir.path().join("talk.txt");
    std::fs::write(&file, FIXTURE).expect("fixture");
    let display = Display::start().expect("Xvfb starts");

    // First run: select the first turn, edit it at its end, type, and wait for the snapshot.
    let (mut first, _) = display.editor(&file, &config, &state);
    display.keys(&["Down", "Return"]);
    display.xdotool(&["type", "--delay", "30", " Hersteld"]);
    wait_for(
        "a recovery snapshot with the typed words",
        Duration::from_secs(15),
        || {
            snapshots(&state)
                .iter()
                .any(|p| std::fs::read_to_string(p).unwrap_or_default().contains("Hersteld"))
        },
    );
    first.kill().expect("SIGKILL");
    let _ = first.wait();
    assert_eq!(
        std::fs::read_to_string(&file).expect("file"),
        FIXTURE,
        "nothing was saved before the kill"
    );

    // Second run: Enter restores, Ctrl+S saves the restored transcript to its file.
    let (mut second, _) = display.editor(&file, &config, &state);
    display.keys(&["Return"]);
    std::thread::sleep(Duration::from_millis(500));
    display.keys(&["ctrl+s"]);
    wait_for("the restored change saved to the file", Duration::from_secs(15), || {
        std::fs::read_to_string(&file)
            .unwrap_or_default()
            .contains("Welkom bij de podcast. Hersteld")
    });
    wait_for(
        "the snapshot to be removed after saving",
        Duration::from_secs(10),
        || snapshots(&state).is_empty(),
    );
    let _ = second.kill();
    let _ = second.wait();
    assert_eq!(
        std::fs::read_to_string(&file).expect("file"),
        "Hakar: Welkom bij de podcast. Hersteld\nMia: Dank je.\n"
    );
}
