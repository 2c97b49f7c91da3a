//! Text files that are transcripts or captions of a kind the editor does not read, or not transcripts at
//! all: named, so that opening one is refused with what it looks like, never shown as garbage (a
//! SAMI file's markup as one speaker's text, an INI file's keys as speakers).

use std::path::Path;

/// What a file looks like when it is a text format the editor does not read, by its extension and its
/// first lines.
pub fn recognise(path: Option<&Path>, text: &str) -> Option<String> {
    let ext = path
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let text = text.trim_start_matches('\u{FEFF}');
    let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let root = xml_root(text);
    let kind = match (ext.as_str(), root.as_deref()) {
        (_, Some("SAMI")) | ("smi" | "sami", _) => "SAMI captions (.smi)".to_string(),
        _ if microdvd(first) => "MicroDVD subtitles (.sub), timed by video frames".to_string(),
        _ if first.starts_with("Scenarist_SCC") || ext == "scc" => "Scenarist closed captions (.scc)".to_string(),
        (_, Some(root)) => {
            format!("an XML file whose root element is <{root}>, which is no transcript format the editor knows")
        }
        _ if ini_like(text) => "a settings file of [sections] and key = value lines".to_string(),
        ("sub", _) => "a .sub subtitle file of a kind the editor does not read".to_string(),
        _ => return None,
    };
    Some(kind)
}

/// A MicroDVD line: `{0}{25}text` (frame numbers in braces).
fn microdvd(line: &str) -> bool {
    let mut rest = line;
    for _ in 0..2 {
        let Some(inner) = rest.strip_prefix('{') else {
            return false;
        };
        let Some(close) = inner.find('}') else {
            return false;
        };
        if close == 0 || !inner[..close].bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        rest = &inner[close + 1..];
    }
    true
}

/// The name of the root element of a text that is XML (a declaration, comments and a doctype may come
/// first), without its namespace prefix.
fn xml_root(text: &str) -> Option<String> {
    let mut rest = text.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<?") {
            rest = after.split_once("?>")?.1.trim_start();
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->")?.1.trim_start();
        } else if let Some(after) = rest.strip_prefix("<!") {
            rest = after.split_once('>')?.1.trim_start();
        } else {
            break;
        }
    }
    let after = rest.strip_prefix('<')?;
    let end = after
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(after.len());
    let name = &after[..end];
    let local = name.rsplit(':').next().unwrap_or(name);
    let starts_well = local.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_');
    (starts_well && after[end..].contains('>')).then(|| local.to_string())
}

/// Whether a text is laid out as an INI file: it opens with a `[section]` line, and most of its other
/// lines are `key = value` with a short key, or comments (`key: value` is how transcripts label speakers).
fn ini_like(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty()).take(40);
    let Some(first) = lines.next() else {
        return false;
    };
    if !(first.starts_with('[') && first.ends_with(']') && first.len() > 2) {
        return false;
    }
    let (mut keyed, mut other) = (0, 0);
    for line in lines {
        let is_key = line.split_once('=').is_some_and(|(k, _)| {
            !k.trim().is_empty() && k.trim().len() <= 40 && !k.trim().contains(char::is_whitespace)
        });
        let is_section = line.starts_with('[') && line.ends_with(']');
        if is_key || is_section || line.starts_with([';', '#']) {
            keyed += 1;
        } else {
            other += 1;
        }
    }
    keyed >= 1 && keyed >= 3 * other
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(name: &str, text: &str) -> Option<String> {
        recognise(Some(Path::new(name)), text)
    }

    #[test]
    fn names_the_formats_people_bring() {
        assert!(kind("film.sub", "{0}{25}Hallo daar.\n{26}{60}Dag.\n").is_some_and(|k| k.contains("MicroDVD")));
        assert!(kind("x", "<SAMI>\n<BODY>\n").is_some_and(|k| k.contains("SAMI")));
        assert!(kind("x", "Scenarist_SCC V1.0\n\n00:00:00:00\t9420\n").is_some_and(|k| k.contains("Scenarist")));
        assert!(
            kind("notes", "<?xml version=\"1.0\"?>\n<w:document xmlns:w=\"u\">\n")
                .is_some_and(|k| k.contains("<document>"))
        );
        assert!(
            kind("app.conf", "[General]\nname=Mia\ncolour = blue\n; a note\n")
                .is_some_and(|k| k.contains("key = value"))
        );
    }

    #[test]
    fn transcripts_are_not_mistaken_for_what_they_mention() {
        for text in [
            "Mia: Hallo.\nHakar: Dag.\n",
            "[Mia] Hallo daar, hoe gaat het met je?\n[Hakar] Goed hoor, en met jou?\n",
            "[00:01] Mia: Welkom.\nWe praten vandaag over subtitles.\n",
            "<3 dit is geen xml\n",
            "{laughs} Ja.\n",
            "[Muziek]\nMia: Hallo.\nHakar: Dag.\n",
        ] {
            assert_eq!(kind("talk", text), None, "{text}");
        }
    }
}
