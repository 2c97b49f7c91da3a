//! The code against docs/architecture.md: every `crate::…` path in a layer names a layer that the page's
//! table lets it use, no two files use each other, and no file grows past the size where it is two
//! concepts. Test modules are left out: a test may build its fixture with any layer (an `edit` test reads
//! its transcript with the text format), as the integration tests do.

use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Source files (relative to `src/`) with their text, test modules and comments taken out.
fn sources() -> BTreeMap<PathBuf, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).expect("src is readable").flatten().collect();
        entries.sort_by_key(|e| e.path());
        for e in entries {
            let path = e.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    let src = Path::new(ROOT).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).expect("a source file is UTF-8");
            (f.strip_prefix(&src).expect("under src").to_path_buf(), code_only(&text))
        })
        .collect()
}

/// The lines of a file that are code: no comments, no `#[cfg(test)]` items (rustfmt closes an item with a
/// `}` at the indentation it opened at).
fn code_only(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim_start() == "#[cfg(test)]" {
            let indent = &line[..line.len() - line.trim_start().len()];
            let close = format!("{indent}}}");
            for next in lines.by_ref() {
                let at_margin = next.starts_with(indent) && !next[indent.len()..].starts_with(' ');
                if next == close || at_margin && next.ends_with(';') {
                    break;
                }
            }
            continue;
        }
        out.push_str(line.split("//").next().unwrap_or(""));
        out.push('\n');
    }
    out
}

/// The layer a file (relative to `src/`) belongs to: its folder or its file name; `None` for the crate's
/// root files.
fn layer_of(file: &Path) -> Option<String> {
    let first = file.components().next()?.as_os_str().to_str()?;
    let name = first.trim_end_matches(".rs");
    (!matches!(name, "lib" | "main")).then(|| name.to_string())
}

/// The page's table: each layer and the layers it may use.
fn allowed() -> BTreeMap<String, BTreeSet<String>> {
    let page = std::fs::read_to_string(Path::new(ROOT).join("docs/architecture.md")).expect("the page");
    let row = Regex::new(r"^\| `([a-z_]+)` \| `src/[^|]*\|.*\| ([^|]*) \|$").expect("regex");
    let rows: Vec<(String, Vec<String>)> = page
        .lines()
        .filter_map(|l| row.captures(l))
        .map(|c| {
            // Each entry's first word: "edit (its tokenizer)" names `edit`.
            let uses = c[2].split(',').filter_map(|x| x.split_whitespace().next());
            (
                c[1].to_string(),
                uses.map(|x| x.trim_matches('`').to_string()).collect(),
            )
        })
        .collect();
    let layers: BTreeSet<String> = rows.iter().map(|(l, _)| l.clone()).collect();
    rows.into_iter()
        .map(|(l, uses)| (l, uses.into_iter().filter(|u| layers.contains(u)).collect()))
        .collect()
}

/// The paths of a use tree that starts at `at` (`a::b::{c, d::e}` gives a::b::c and a::b::d::e), each
/// after `prefix`.
fn use_tree(code: &[u8], mut at: usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    let mut path = prefix;
    loop {
        while at < code.len() && code[at].is_ascii_whitespace() {
            at += 1;
        }
        if at < code.len() && code[at] == b'{' {
            at += 1;
            loop {
                at = use_tree(code, at, path.clone(), out);
                while at < code.len() && code[at].is_ascii_whitespace() {
                    at += 1;
                }
                match code.get(at) {
                    Some(b',') => at += 1,
                    Some(b'}') => return at + 1,
                    _ => return at,
                }
                while at < code.len() && code[at].is_ascii_whitespace() {
                    at += 1;
                }
                if code.get(at) == Some(&b'}') {
                    return at + 1;
                }
            }
        }
        let start = at;
        while at < code.len() && (code[at].is_ascii_alphanumeric() || code[at] == b'_') {
            at += 1;
        }
        if at == start {
            if !path.is_empty() {
                out.push(path);
            }
            return at;
        }
        path.push(String::from_utf8_lossy(&code[start..at]).into_owned());
        if code[at..].starts_with(b"::") {
            at += 2;
        } else {
            out.push(path);
            return at;
        }
    }
}

/// The `crate::…` paths a file's code names, each as its segments (`crate::{a, b::c}` counts both).
fn crate_paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let before = code[..at].chars().next_back();
        if before.is_none_or(|c| !(c.is_alphanumeric() || c == '_')) {
            use_tree(code.as_bytes(), at + "crate::".len(), Vec::new(), &mut out);
        }
    }
    out
}

/// The `super::…` paths a file's code names, as paths from the crate's root.
fn super_paths(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("super::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let mut rest = at;
        let mut ups = 0;
        while code[rest..].starts_with("super::") {
            ups += 1;
            rest += "super::".len();
        }
        let Some(base) = module.len().checked_sub(ups) else {
            continue;
        };
        use_tree(code.as_bytes(), rest, module[..base].to_vec(), &mut out);
    }
    out
}

#[test]
fn every_layer_uses_only_the_layers_the_architecture_page_allows() {
    let allowed = allowed();
    assert!(allowed.len() >= 10, "the page's table was found: {allowed:?}");
    let mut wrong = Vec::new();
    for (file, code) in sources() {
        let Some(layer) = layer_of(&file) else { continue };
        let Some(may) = allowed.get(&layer) else {
            wrong.push(format!(
                "{}: layer `{layer}` is not in the page's table",
                file.display()
            ));
            continue;
        };
        for path in crate_paths(&code) {
            let used = &path[0];
            if used != &layer && allowed.contains_key(used) && !may.contains(used) {
                wrong.push(format!(
                    "{}: `{layer}` uses `crate::{}`",
                    file.display(),
                    path.join("::")
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that the page does not allow:\n{}",
        wrong.join("\n")
    );
}

/// The file (relative to `src/`) that holds the module at `segments`, as deep as the files go.
fn file_of(files: &BTreeSet<PathBuf>, segments: &[String]) -> Option<PathBuf> {
    (1..=segments.len()).rev().find_map(|n| {
        let base: PathBuf = segments[..n].iter().collect();
        [base.with_extension("rs"), base.join("mod.rs")]
            .into_iter()
            .find(|f| files.contains(f))
    })
}

/// The module path of a file (`edit/ops/mod.rs` → [edit, ops]).
fn module_of(file: &Path) -> Vec<String> {
    let mut segments: Vec<String> = file.iter().map(|s| s.to_string_lossy().into_owned()).collect();
    if let Some(last) = segments.pop() {
        let stem = last.trim_end_matches(".rs");
        if stem != "mod" {
            segments.push(stem.to_string());
        }
    }
    segments
}

#[test]
fn no_two_files_use_each_other() {
    let sources = sources();
    let files: BTreeSet<PathBuf> = sources.keys().cloned().collect();
    let mut uses: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for (file, code) in &sources {
        let module = module_of(file);
        let mut targets = crate_paths(code);
        targets.extend(super_paths(code, &module));
        for target in targets {
            let Some(used) = file_of(&files, &target) else { continue };
            // A module's parent defines what its children work on (edit/mod.rs's `Edit` for edit/ops/): a
            // child naming its parent, or a parent its child, is the module's own shape, not a circle.
            let used_module = module_of(&used);
            let related = module.starts_with(&used_module) || used_module.starts_with(&module);
            if used != *file && !related {
                uses.entry(file.clone()).or_default().insert(used);
            }
        }
    }
    let mut circles = Vec::new();
    for (a, targets) in &uses {
        for b in targets {
            if a < b && uses.get(b).is_some_and(|t| t.contains(a)) {
                circles.push(format!("{} ↔ {}", a.display(), b.display()));
            }
        }
    }
    assert!(circles.is_empty(), "files that use each other:\n{}", circles.join("\n"));
}

#[test]
fn no_source_file_is_two_concepts() {
    let src = Path::new(ROOT).join("src");
    let mut long = Vec::new();
    for file in sources().keys() {
        let lines = std::fs::read_to_string(src.join(file))
            .expect("readable")
            .lines()
            .count();
        let limit = if file == Path::new("app/mod.rs") { 300 } else { 600 };
        if lines > limit {
            long.push(format!("{}: {lines} lines (at most {limit})", file.display()));
        }
    }
    assert!(
        long.is_empty(),
        "files past the size of one concept:\n{}",
        long.join("\n")
    );
}
