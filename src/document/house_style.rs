//! The files a user gives to change a transcript in bulk, read one way for the window and the command line:
//! a rule file (`FIND => REPLACE`, see [`crate::edit::rules`]) and a filler list (one filler a line). Each is
//! read only when it is a regular file within its size ([`crate::store::side_file`]); what is wrong is said
//! with the file and, for a rule, its line.

use crate::edit::clean::Fillers;
use crate::edit::rules::{self, Rule};
use crate::store::side_file;
use std::path::Path;

/// A rule file's rules, or what is wrong as `FILE:LINE: what` (the first bad rule: none is applied then).
pub fn read_rules(path: &Path) -> Result<Vec<Rule>, String> {
    let text = side_file::read_text(path, "rule file", side_file::limits::RULES).map_err(|e| e.to_string())?;
    rules::parse(&text).map_err(|e| format!("{}:{}: {}", path.display(), e.line, e.message))
}

/// A user's filler list.
pub fn read_fillers(path: &Path) -> Result<Fillers, String> {
    let text = side_file::read_text(path, "filler list", side_file::limits::FILLERS).map_err(|e| e.to_string())?;
    Ok(Fillers::parse(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_rule_is_named_by_its_file_and_line_and_a_missing_file_by_its_path() {
        let dir = tempfile::tempdir().expect("tempdir");
        let good = dir.path().join("house.rules");
        std::fs::write(&good, "# house style\norganisatei => organisatie\n").expect("write");
        assert_eq!(read_rules(&good).expect("reads").len(), 1);
        let bad = dir.path().join("bad.rules");
        std::fs::write(&bad, "goed => beter\nre:( => x\n").expect("write");
        let said = read_rules(&bad).expect_err("refused");
        assert!(said.starts_with(&format!("{}:2: ", bad.display())), "{said}");
        let gone = dir.path().join("gone.rules");
        let said = read_rules(&gone).expect_err("refused");
        assert!(said.contains("gone.rules"), "{said}");
        let list = dir.path().join("fillers.txt");
        std::fs::write(&list, "zeg maar\nnou\n").expect("write");
        assert!(!read_fillers(&list).expect("reads").is_empty());
        assert!(read_fillers(dir.path()).is_err(), "a folder is no list");
    }
}
