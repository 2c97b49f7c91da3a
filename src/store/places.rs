//! Where the user was in each file: the current turn when the file was last left, so that opening it again
//! goes back there. Kept in the state folder as `places.json`, newest first, for the last hundred files.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How many files' places are kept.
const KEPT: usize = 100;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Places {
    /// Newest first.
    places: Vec<Place>,
    /// Where they are kept.
    #[serde(skip)]
    file: Option<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Place {
    file: PathBuf,
    turn: usize,
}

impl Places {
    /// The places kept in the state folder.
    pub fn load() -> Self {
        match super::recovery::recovery_dir().and_then(|d| d.parent().map(|p| p.join("places.json"))) {
            Some(file) => Self::load_from(&file),
            None => Self::default(),
        }
    }

    /// The places kept in `file`, or none when there is no file or it cannot be read (a lost place is no
    /// loss of work); they will be saved there.
    pub fn load_from(file: &Path) -> Self {
        let mut places: Self = super::side_file::read(file, "places file", super::side_file::limits::PLACES)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        places.file = Some(file.to_path_buf());
        places
    }

    /// The turn the user was at in `file`.
    pub fn turn(&self, file: &Path) -> Option<usize> {
        self.places.iter().find(|p| p.file == file).map(|p| p.turn)
    }

    /// Remembers `turn` for `file`, newest first.
    pub fn remember(&mut self, file: &Path, turn: usize) {
        self.places.retain(|p| p.file != file);
        self.places.insert(
            0,
            Place {
                file: file.to_path_buf(),
                turn,
            },
        );
        self.places.truncate(KEPT);
    }

    /// Writes the places to the state folder (atomically, like every file the editor writes).
    pub fn save(&self) -> std::io::Result<()> {
        let Some(file) = &self.file else { return Ok(()) };
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let bytes = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        super::atomic::write_file(file, &bytes, true).map_err(|e| std::io::Error::other(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_place_of_a_file_is_kept_and_old_files_drop_off() {
        let mut places = Places::default();
        places.remember(Path::new("/a.txt"), 3);
        places.remember(Path::new("/b.txt"), 7);
        places.remember(Path::new("/a.txt"), 5);
        assert_eq!(places.turn(Path::new("/a.txt")), Some(5));
        assert_eq!(places.turn(Path::new("/b.txt")), Some(7));
        assert_eq!(places.turn(Path::new("/c.txt")), None);
        for i in 0..KEPT {
            places.remember(Path::new(&format!("/many/{i}.txt")), i);
        }
        assert_eq!(places.turn(Path::new("/a.txt")), None, "the oldest went");
        assert_eq!(places.places.len(), KEPT);
    }

    #[test]
    fn places_are_saved_and_read_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("state").join("places.json");
        let mut places = Places::load_from(&file);
        places.remember(Path::new("/a.txt"), 12);
        places.save().expect("saves");
        assert_eq!(Places::load_from(&file).turn(Path::new("/a.txt")), Some(12));
        std::fs::write(&file, "not json").expect("write");
        assert_eq!(
            Places::load_from(&file).turn(Path::new("/a.txt")),
            None,
            "a broken file is no place"
        );
    }
}
