//! Windows builds with MinGW (`x86_64-pc-windows-gnu`, scripts/build-windows.sh): the exe gets its icon and
//! its version information (Explorer's Properties → Details) from a resource script compiled by MinGW's
//! `windres`. Other targets need nothing from here.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icon/transcript-editor.ico");
    println!("cargo:rerun-if-env-changed=WINDRES");
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let target_env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if target_os != "windows" {
        return;
    }
    if target_env != "gnu" {
        println!(
            "cargo:warning=the icon and version information are embedded only in MinGW builds (x86_64-pc-windows-gnu)"
        );
        return;
    }
    if let Err(why) = embed_resources() {
        // A build without them still works; say why they are missing.
        println!("cargo:warning=the exe has no icon or version information: {why}");
    }
}

fn embed_resources() -> Result<(), String> {
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let icon = root.join("assets/icon/transcript-editor.ico");
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let part = |name: &str| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse::<u16>().ok())
            .unwrap_or(0)
    };
    let numbers = format!(
        "{},{},{},0",
        part("CARGO_PKG_VERSION_MAJOR"),
        part("CARGO_PKG_VERSION_MINOR"),
        part("CARGO_PKG_VERSION_PATCH")
    );
    let description = std::env::var("CARGO_PKG_DESCRIPTION").unwrap_or_default();
    // windres reads the script's strings as C strings: a path's backslashes (a Windows host) are doubled.
    let icon_path = icon.display().to_string().replace('\\', "/");
    let script = format!(
        r#"#include <winver.h>
1 ICON "{icon_path}"
1 VERSIONINFO
FILEVERSION {numbers}
PRODUCTVERSION {numbers}
FILEFLAGSMASK 0x3fL
FILEFLAGS 0x0L
FILEOS VOS_NT_WINDOWS32
FILETYPE VFT_APP
FILESUBTYPE 0x0L
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "040904B0"
    BEGIN
      VALUE "CompanyName", "The Transcript Editor developers"
      VALUE "FileDescription", "Transcript Editor"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "transcript-editor"
      VALUE "LegalCopyright", "The Transcript Editor developers; MIT or Apache-2.0"
      VALUE "OriginalFilename", "transcript-editor.exe"
      VALUE "ProductName", "Transcript Editor"
      VALUE "ProductVersion", "{version}"
      VALUE "Comments", "{description}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x409, 1200
  END
END
"#,
        description = description.replace('"', "\"\"")
    );
    let rc = out.join("transcript-editor.rc");
    std::fs::write(&rc, script).map_err(|e| format!("cannot write {}: {e}", rc.display()))?;
    let object = out.join("transcript-editor-resources.o");
    let windres = std::env::var("WINDRES").unwrap_or_else(|_| {
        let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
        let prefixed = format!("{arch}-w64-mingw32-windres");
        if cfg!(windows) { "windres".to_string() } else { prefixed }
    });
    let status = Command::new(&windres)
        .arg("--input")
        .arg(&rc)
        .arg("--output-format=coff")
        .arg("--output")
        .arg(&object)
        .status()
        .map_err(|e| format!("cannot run {windres} (Debian: apt install binutils-mingw-w64-x86-64): {e}"))?;
    if !status.success() {
        return Err(format!("{windres} failed on {}", rc.display()));
    }
    // Linked into the editor (the only binary); an object given by path is linked whole, resources too.
    println!("cargo:rustc-link-arg-bins={}", object.display());
    Ok(())
}
