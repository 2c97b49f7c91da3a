//! Finding and reading the system's Hunspell dictionaries: a pair of files `<name>.aff` and `<name>.dic`
//! (`nl.aff`, `en_GB.dic`) in one of a list of folders. Debian's `hunspell-nl`, `hunspell-en-us`, … put
//! theirs in `/usr/share/hunspell`; the user may name other folders.

use std::path::{Path, PathBuf};

/// Where the systems we know keep Hunspell dictionaries, searched after the user's own folders.
pub const SYSTEM_FOLDERS: &[&str] = &[
    "/usr/share/hunspell",
    "/usr/share/myspell",
    "/usr/share/myspell/dicts",
    "/usr/local/share/hunspell",
    "/opt/homebrew/share/hunspell",
    "/Library/Spelling",
];

/// The folders searched, in order: the user's own, the `dictionaries` folder in the settings folder (where
/// a Windows user, whose system has no Hunspell dictionaries, can put them), then the system's and, on
/// Windows, LibreOffice's (`C:\Program Files\LibreOffice\share\extensions\dict-*`).
pub fn folders(own: &[PathBuf]) -> Vec<PathBuf> {
    let settings = crate::store::config_dir().map(|d| d.join("dictionaries"));
    own.iter()
        .cloned()
        .chain(settings)
        .chain(SYSTEM_FOLDERS.iter().map(PathBuf::from))
        .chain(libreoffice_folders())
        .collect()
}

/// LibreOffice's dictionary extensions on Windows, one folder each (`dict-nl`, `dict-en`, …).
fn libreoffice_folders() -> Vec<PathBuf> {
    if !cfg!(windows) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for programs in ["ProgramFiles", "ProgramFiles(x86)"] {
        let Some(base) = std::env::var_os(programs) else {
            continue;
        };
        let extensions = Path::new(&base).join("LibreOffice").join("share").join("extensions");
        let Ok(entries) = std::fs::read_dir(&extensions) else {
            continue;
        };
        let mut here: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("dict-"))
            .map(|e| e.path())
            .collect();
        here.sort();
        found.extend(here);
    }
    found
}

/// A dictionary as read, its word list hashed with a fixed seed: the same suggestions in the same order
/// every run.
pub type Dictionary = spellbook::Dictionary<foldhash::fast::FixedState>;

/// A dictionary found on the disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Its name as the files have it: `nl`, `en_GB`.
    pub name: String,
    pub aff: PathBuf,
    pub dic: PathBuf,
}

impl Found {
    /// The language as a tag: `en_GB` is `en-GB`.
    pub fn language(&self) -> String {
        self.name.replace('_', "-")
    }
}

/// Every dictionary in `folders` (both files present), by name; where two folders have one of the same
/// name, the first folder's; where several names are links to one pair of files (Debian's `nl_BE`, `nl_NL`,
/// … are `nl`), the shortest name.
pub fn available(folders: &[PathBuf]) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(folder) else {
            continue;
        };
        let mut here: Vec<Found> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "dic"))
            .filter_map(|dic| {
                let name = dic.file_stem()?.to_str()?.to_string();
                let aff = dic.with_extension("aff");
                aff.is_file().then_some(Found { name, aff, dic })
            })
            .filter(|f| !found.iter().any(|g| g.name == f.name))
            .collect();
        found.append(&mut here);
    }
    found.sort_by(|a, b| a.name.len().cmp(&b.name.len()).then(a.name.cmp(&b.name)));
    let mut files = std::collections::HashSet::new();
    found.retain(|f| files.insert(std::fs::canonicalize(&f.dic).unwrap_or_else(|_| f.dic.clone())));
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found
}

/// The dictionary for `language` (`nl`, `en-GB`, `en_gb`): the one of that exact name; else, for a
/// language with a region, the language's own (`en-AU` → `en`); else the language's main region
/// (`nl` → `nl_NL`, `en` → `en_US`); else its first by name.
pub fn find(language: &str, folders: &[PathBuf]) -> Option<Found> {
    let wanted = language.trim().replace('-', "_");
    let base = wanted.split('_').next().unwrap_or("").to_ascii_lowercase();
    if base.is_empty() {
        return None;
    }
    let all = available(folders);
    let named = |name: &str| all.iter().find(|f| f.name.eq_ignore_ascii_case(name)).cloned();
    let main_region = match base.as_str() {
        "en" => "US".to_string(),
        "da" => "DK".to_string(),
        "sv" => "SE".to_string(),
        "nb" | "nn" => "NO".to_string(),
        other => other.to_ascii_uppercase(),
    };
    named(&wanted)
        .or_else(|| named(&base))
        .or_else(|| named(&format!("{base}_{main_region}")))
        .or_else(|| {
            all.iter()
                .find(|f| f.name.to_ascii_lowercase().starts_with(&format!("{base}_")))
                .cloned()
        })
}

/// What went wrong reading a dictionary, naming the file (and the line where there is one).
#[derive(Debug, thiserror::Error)]
pub enum DictionaryError {
    #[error("{path}: {reason}")]
    Read { path: PathBuf, reason: String },
    #[error(transparent)]
    Side(crate::store::side_file::SideFileError),
    #[error("{path}:{line}: the character set {name:?} is not one we can read")]
    Encoding { path: PathBuf, line: usize, name: String },
    #[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Parse {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },
}

/// Reads and prepares the dictionary `found` (a large one takes a few hundred milliseconds: not on the
/// window's thread).
pub fn load(found: &Found) -> Result<Dictionary, DictionaryError> {
    let aff_bytes = read(&found.aff)?;
    let dic_bytes = read(&found.dic)?;
    let encoding = character_set(&found.aff, &aff_bytes)?;
    let aff = decode(&aff_bytes, encoding);
    let dic = decode(&dic_bytes, encoding);
    Dictionary::new_with_hasher(&aff, &dic, foldhash::fast::FixedState::default()).map_err(|e| DictionaryError::Parse {
        path: match e.source {
            spellbook::ParseDictionaryErrorSource::Aff => found.aff.clone(),
            spellbook::ParseDictionaryErrorSource::Dic => found.dic.clone(),
        },
        line: e.line_number,
        message: e.kind.to_string(),
    })
}

fn read(path: &Path) -> Result<Vec<u8>, DictionaryError> {
    use crate::store::side_file;
    side_file::read(path, "dictionary", side_file::limits::DICTIONARY).map_err(|e| match e {
        side_file::SideFileError::Io { source, .. } => DictionaryError::Read {
            path: path.to_path_buf(),
            reason: source.to_string(),
        },
        other => DictionaryError::Side(other),
    })
}

/// The character set the `SET` line of an `.aff` file names (both files are in it); ISO 8859-1 when
/// there is none, as Hunspell assumes.
fn character_set(path: &Path, aff: &[u8]) -> Result<&'static encoding_rs::Encoding, DictionaryError> {
    let set = aff.split(|&b| b == b'\n').enumerate().find_map(|(n, line)| {
        let line = String::from_utf8_lossy(line);
        let line = line.trim_start_matches('\u{feff}').trim();
        line.strip_prefix("SET")
            .filter(|rest| rest.starts_with([' ', '\t']))
            .map(|rest| (n + 1, rest.trim().to_string()))
    });
    let Some((line, name)) = set else {
        return Ok(encoding_rs::WINDOWS_1252);
    };
    // Hunspell's names (`ISO8859-1`, `microsoft-cp1251`) next to the web's labels (`iso-8859-1`, `cp1251`).
    let label = name.to_ascii_lowercase().replace("microsoft-", "");
    let label = match label.strip_prefix("iso8859-") {
        Some(part) => format!("iso-8859-{part}"),
        None => label,
    };
    encoding_rs::Encoding::for_label(label.as_bytes()).ok_or(DictionaryError::Encoding {
        path: path.to_path_buf(),
        line,
        name,
    })
}

fn decode(bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> String {
    let (text, _, _) = encoding.decode(bytes);
    text.trim_start_matches('\u{feff}').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_with(names: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        for name in names {
            std::fs::write(dir.path().join(format!("{name}.aff")), "SET UTF-8\n").expect("aff");
            std::fs::write(dir.path().join(format!("{name}.dic")), "1\nwoord\n").expect("dic");
        }
        dir
    }

    #[test]
    fn a_language_finds_its_own_its_base_or_its_main_region() {
        let dir = folder_with(&["nl_NL", "nl_BE", "en_GB", "en_US", "de_AT"]);
        let folders = vec![dir.path().to_path_buf()];
        let name = |language: &str| find(language, &folders).map(|f| f.name);
        assert_eq!(name("en-GB").as_deref(), Some("en_GB"));
        assert_eq!(name("en_gb").as_deref(), Some("en_GB"));
        assert_eq!(name("en").as_deref(), Some("en_US"));
        assert_eq!(
            name("en-AU").as_deref(),
            Some("en_US"),
            "no en_AU and no en: the main region"
        );
        assert_eq!(name("nl").as_deref(), Some("nl_NL"));
        assert_eq!(name("nl-BE").as_deref(), Some("nl_BE"));
        assert_eq!(name("de").as_deref(), Some("de_AT"), "no de_DE: the first there is");
        assert_eq!(name("fr"), None);
        assert_eq!(name(""), None);
    }

    #[test]
    fn a_dictionary_needs_both_files_and_the_first_folder_wins() {
        let first = folder_with(&["nl"]);
        let second = folder_with(&["nl", "sv"]);
        std::fs::write(second.path().join("fr.dic"), "1\nmot\n").expect("dic without aff");
        let found = available(&[first.path().to_path_buf(), second.path().to_path_buf()]);
        let names: Vec<&str> = found.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["nl", "sv"]);
        assert!(found[0].aff.starts_with(first.path()));
    }

    #[cfg(unix)]
    #[test]
    fn names_that_link_to_one_dictionary_are_listed_once_by_the_shortest() {
        let dir = folder_with(&["nl"]);
        for name in ["nl_NL", "nl_BE"] {
            for ext in ["aff", "dic"] {
                std::os::unix::fs::symlink(format!("nl.{ext}"), dir.path().join(format!("{name}.{ext}")))
                    .expect("link");
            }
        }
        let found = available(&[dir.path().to_path_buf()]);
        assert_eq!(found.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["nl"]);
        assert_eq!(
            find("nl-BE", &[dir.path().to_path_buf()]).map(|f| f.name).as_deref(),
            Some("nl")
        );
    }

    #[test]
    fn a_latin_1_dictionary_is_read_in_its_own_character_set() {
        let dir = tempfile::tempdir().expect("tempdir");
        let found = Found {
            name: "xx".into(),
            aff: dir.path().join("xx.aff"),
            dic: dir.path().join("xx.dic"),
        };
        std::fs::write(&found.aff, b"SET ISO8859-1\nTRY e\n").expect("aff");
        std::fs::write(&found.dic, b"2\ncaf\xe9\nna\xefef\n").expect("dic");
        let dictionary = load(&found).expect("loads");
        assert!(dictionary.check("café"));
        assert!(dictionary.check("naïef"));
        assert!(!dictionary.check("cafe"));
    }

    fn refusal(found: &Found) -> String {
        match load(found) {
            Ok(_) => panic!("{found:?} was read"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn an_unknown_character_set_or_a_bad_file_is_named_with_its_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let found = Found {
            name: "xx".into(),
            aff: dir.path().join("xx.aff"),
            dic: dir.path().join("xx.dic"),
        };
        std::fs::write(&found.aff, "# a comment\nSET KLINGON-8\n").expect("aff");
        std::fs::write(&found.dic, "1\nwoord\n").expect("dic");
        let error = refusal(&found);
        assert!(
            error.ends_with("xx.aff:2: the character set \"KLINGON-8\" is not one we can read"),
            "{error}"
        );
        std::fs::write(&found.aff, "SET UTF-8\nPFX A Y nonsense\n").expect("aff");
        let error = refusal(&found);
        assert!(error.contains("xx.aff:2: "), "{error}");
        std::fs::remove_file(&found.dic).expect("rm");
        let error = refusal(&found);
        assert!(error.contains("xx.dic: "), "{error}");
    }
}
