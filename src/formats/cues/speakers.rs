//! Who speaks in a subtitle file's cues: labels at a cue's start (`Mia:`, `[SPEAKER_00]:`, `>> MIRA:`,
//! broadcasters' `Name (Party):`), and where a speaker changes inside a cue (dialogue dashes, `>>`).

use super::Cue;
use crate::formats::text::{leading_label, looks_like_name};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// `(speaker 0)` and `(Speaker 2)` before cue text, as some recognisers write it.
static PAREN_SPEAKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\((speaker[ _-]?\d+)\)\s*").expect("the speaker pattern is valid"));

/// Cuts cues where another speaker begins inside one: at dialogue dashes (`- Ja.` / `- In de praktijk…`, two
/// speakers in one cue, as subtitles show them) and at live captions' `>>`. The parts share the cue's time
/// by their length (in whole milliseconds). In a file with `>>` marks, a cue without one goes on with the turn before.
fn cut_at_speaker_changes(cues: Vec<Cue>) -> Vec<Cue> {
    let live = cues.iter().any(|c| starts_part(&c.text) || c.text.contains(" >>"));
    let mut out = Vec::with_capacity(cues.len());
    for cue in cues {
        let lines: Vec<&str> = cue.text.lines().collect();
        let dashed = lines.iter().filter(|l| dash_len(l) > 0).count();
        let mut parts: Vec<(String, bool)> = Vec::new();
        if dashed >= 2 && lines.first().is_some_and(|l| dash_len(l) > 0) {
            for line in lines {
                match dash_len(line) {
                    0 => {
                        if let Some((last, _)) = parts.last_mut() {
                            last.push('\n');
                            last.push_str(line);
                        }
                    }
                    n => parts.push((line[n..].to_string(), true)),
                }
            }
        } else if live {
            for (k, piece) in split_marks(&cue.text).into_iter().enumerate() {
                let marked = k > 0 || starts_part(&cue.text);
                parts.push((piece, marked));
            }
        } else {
            out.push(cue);
            continue;
        }
        parts.retain(|(text, _)| !text.trim().is_empty());
        let total: usize = parts.iter().map(|(t, _)| t.chars().count().max(1)).sum();
        let mut at = cue.start;
        let n = parts.len();
        for (k, (text, marked)) in parts.into_iter().enumerate() {
            let share = (cue.end - cue.start) * text.chars().count().max(1) as f64 / total.max(1) as f64;
            // In whole milliseconds, as every cue format can write it again.
            let end = if k + 1 == n {
                cue.end
            } else {
                (((at + share) * 1000.0).round() / 1000.0).clamp(at, cue.end)
            };
            out.push(Cue {
                start: at,
                end,
                speaker: cue.speaker.clone(),
                text: text.trim().to_string(),
                joins: live && !marked,
            });
            at = end;
        }
    }
    out
}

/// How long a dialogue dash at a line's start is (`- `, `– `), 0 when there is none.
fn dash_len(line: &str) -> usize {
    ["- ", "– ", "-\t"]
        .iter()
        .find(|d| line.starts_with(*d))
        .map_or(0, |d| d.len())
}

/// Whether a text starts with live captions' speaker mark.
fn starts_part(text: &str) -> bool {
    text.trim_start().starts_with(">>")
}

/// A text cut at each `>>` that starts it or follows white space, the marks left out.
fn split_marks(text: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut rest = text.trim_start();
    if let Some(after) = rest.strip_prefix(">>") {
        rest = after;
    }
    while let Some(at) = rest.find(">>") {
        let before_space = rest[..at].ends_with(char::is_whitespace);
        if let Some(last) = out.last_mut() {
            last.push_str(&rest[..at]);
        }
        if before_space {
            out.push(String::new());
        } else if let Some(last) = out.last_mut() {
            last.push_str(">>");
        }
        rest = &rest[at + 2..];
    }
    if let Some(last) = out.last_mut() {
        last.push_str(rest);
    }
    out
}

/// Finds speaker labels at the start of cues (`Mia:`, `- Mia:`, `>> MIRA MURATI:`, `[SPEAKER_00]:`,
/// `(speaker 0)`, `The First Minister (Nicola Sturgeon):`) and moves them into `speaker`, after cutting cues
/// where a speaker changes inside one. The whole file decides: a label counts when its form is
/// unmistakable, when it occurs in two cues or more, or when it looks like a name and the file has another
/// speaker's label too. `Let op:` in one cue stays text, and so does `Digo: "…"` ("I say") in a file
/// without other labels.
pub(crate) fn take_speaker_prefixes(cues: &mut Vec<Cue>) {
    *cues = cut_at_speaker_changes(std::mem::take(cues));
    let found: Vec<Option<(String, usize, bool)>> = cues
        .iter()
        .map(|c| {
            if c.speaker.is_some() {
                return None;
            }
            let dash = c.text.len() - c.text.trim_start_matches(['-', '–', ' ', '>']).len();
            let body = &c.text[dash..];
            if let Some(caps) = PAREN_SPEAKER.captures(body) {
                let whole = caps.get(0)?;
                return Some((caps[1].to_string(), dash + whole.end(), true));
            }
            leading_label(body)
                .or_else(|| broadcast_label(body))
                .map(|(name, rest, strong)| (name.to_string(), dash + rest, strong))
        })
        .collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (name, _, _) in found.iter().flatten() {
        *seen.entry(name).or_default() += 1;
    }
    let established = |name: &str, strong: bool| strong || seen.get(name).copied().unwrap_or(0) >= 2;
    // What follows a once-seen label in quotes is what someone said, not who says it.
    let quoted = |cue: &Cue, rest: usize| {
        cue.text[rest.min(cue.text.len())..]
            .trim_start()
            .starts_with(['"', '“', '«', '„', '\''])
    };
    let plausible: Vec<bool> = found
        .iter()
        .zip(cues.iter())
        .map(|(f, cue)| {
            f.as_ref().is_some_and(|(name, rest, strong)| {
                established(name, *strong) || (looks_like_name(name) && !quoted(cue, *rest))
            })
        })
        .collect();
    // A name seen once counts when the file has another speaker's label beside it.
    let names: std::collections::HashSet<&str> = found
        .iter()
        .zip(&plausible)
        .filter_map(|(f, &ok)| f.as_ref().filter(|_| ok).map(|(name, _, _)| name.as_str()))
        .collect();
    let accepted: Vec<bool> = found
        .iter()
        .zip(&plausible)
        .map(|(f, &ok)| {
            f.as_ref()
                .is_some_and(|(name, _, strong)| established(name, *strong) || ok && names.len() >= 2)
        })
        .collect();
    for ((cue, found), ok) in cues.iter_mut().zip(found).zip(accepted) {
        if let (Some((name, rest, _)), true) = (found, ok) {
            cue.text = cue.text[rest.min(cue.text.len())..].trim_start().to_string();
            cue.speaker = Some(name);
        }
    }
}

/// A label as broadcasters write it, a name with what it is in brackets: `The First Minister (Nicola
/// Sturgeon):`, `Jackson Carlaw (Eastwood) (Con):`. Its name, where the text after it begins, and that its
/// form alone does not make it a label.
fn broadcast_label(line: &str) -> Option<(std::borrow::Cow<'_, str>, usize, bool)> {
    let caps = BROADCAST_LABEL.captures(line)?;
    let name = caps.name("name")?.as_str().trim();
    let whole = caps.get(0)?;
    Some((std::borrow::Cow::Borrowed(name), whole.end(), false))
}

/// A name of capitalised words, then one or more parts in brackets, then a colon.
static BROADCAST_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<name>\p{Lu}[\p{L}\p{M}'’.\-]*(?: [\p{L}\p{M}'’.\-]+){0,5}(?: \([^()\n]{1,40}\)){1,3}):(?:\s|$)")
        .expect("the broadcast label pattern is valid")
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::cues::{Cue, into_transcript};

    fn read(cues: &[(f64, f64, &str)]) -> Vec<(Option<String>, String, f64, f64)> {
        let mut cues: Vec<Cue> = cues
            .iter()
            .map(|&(start, end, text)| Cue::new(start, end, None, text.to_string()))
            .collect();
        take_speaker_prefixes(&mut cues);
        let t = into_transcript(cues, true);
        t.turns
            .iter()
            .map(|x| {
                let speaker = t.speaker_name(x.speaker.as_ref()).map(str::to_string);
                (speaker, x.text.clone(), x.start.unwrap_or(-1.0), x.end.unwrap_or(-1.0))
            })
            .collect()
    }

    fn who_says(rows: &[(Option<String>, String, f64, f64)]) -> Vec<(Option<&str>, &str)> {
        rows.iter().map(|(s, t, _, _)| (s.as_deref(), t.as_str())).collect()
    }

    #[test]
    fn broadcasters_labels_with_what_a_speaker_is_in_brackets() {
        let rows = read(&[
            (
                0.0,
                2.0,
                "The First Minister (Nicola Sturgeon):\nThank you, Presiding Officer.",
            ),
            (2.0, 4.0, "Jackson Carlaw (Eastwood) (Con): I thank the First Minister."),
            (4.0, 6.0, "The First Minister (Nicola Sturgeon): Indeed."),
        ]);
        assert_eq!(
            who_says(&rows),
            [
                (
                    Some("The First Minister (Nicola Sturgeon)"),
                    "Thank you, Presiding Officer."
                ),
                (Some("Jackson Carlaw (Eastwood) (Con)"), "I thank the First Minister."),
                (Some("The First Minister (Nicola Sturgeon)"), "Indeed."),
            ]
        );
    }

    #[test]
    fn live_captions_change_speaker_at_each_mark_and_go_on_between_marks() {
        let rows = read(&[
            (0.0, 2.0, ">> MIRA MURATI: We started in 2015."),
            (2.0, 3.0, "It was a small team."),
            (3.0, 4.0, ">> What changed?"),
            (4.0, 6.0, ">> MIRA MURATI: A lot. >> Really?"),
        ]);
        assert_eq!(
            who_says(&rows),
            [
                (Some("MIRA MURATI"), "We started in 2015. It was a small team."),
                (None, "What changed?"),
                (Some("MIRA MURATI"), "A lot."),
                (None, "Really?"),
            ]
        );
        // The cue cut at the mark shares its time by length.
        assert_eq!((rows[2].2, rows[3].3), (4.0, 6.0));
        assert!(rows[2].3 > 4.0 && rows[2].3 < 6.0 && rows[2].3 == rows[3].2, "{rows:?}");
    }

    #[test]
    fn dialogue_dashes_are_two_speakers_in_one_cue() {
        let rows = read(&[(0.0, 2.9, "- Ja.\n- In de praktijk zie je dat,\nmaar niet altijd.")]);
        assert_eq!(
            who_says(&rows),
            [(None, "Ja."), (None, "In de praktijk zie je dat,\nmaar niet altijd.")]
        );
        let first_end = rows[0].3;
        assert!(
            first_end == (2.9_f64 * 3.0 / 47.0 * 1000.0).round() / 1000.0,
            "shared by length, in whole milliseconds: {first_end}"
        );
        let one = read(&[(0.0, 1.0, "- Mia: Zeker.")]);
        assert_eq!(
            who_says(&one),
            [(None, "- Mia: Zeker.")],
            "one dash and no other label: text"
        );
    }

    #[test]
    fn a_word_before_a_colon_is_no_speaker_unless_the_file_says_so() {
        let rows = read(&[(0.0, 2.0, "Digo: \"no puede ser\"."), (2.0, 3.0, "Y luego se fue.")]);
        assert_eq!(who_says(&rows)[0], (None, "Digo: \"no puede ser\"."));
        // In a file of labels, a name seen once is one more speaker; a quotation after it is still speech.
        let rows = read(&[
            (0.0, 1.0, "Mia: Goedemorgen."),
            (1.0, 2.0, "Mia: Welkom."),
            (2.0, 3.0, "Bram: Dank je."),
            (3.0, 4.0, "Zegt: \"kom binnen\"."),
        ]);
        assert_eq!(
            who_says(&rows),
            [
                (Some("Mia"), "Goedemorgen. Welkom."),
                (Some("Bram"), "Dank je."),
                (None, "Zegt: \"kom binnen\".")
            ]
        );
    }
}
