//! Clean copies for readers: filler words out ("eh", "uhm", "um"), with the punctuation that set them off,
//! a capital where a sentence now starts, turns that held nothing else dropped and the turns of one
//! speaker that then meet joined. One [`Change`] does it all, so it can be undone in the working
//! transcript or applied to a copy for export.

use crate::edit::{Change, Edit, apply_all, ops};
use crate::model::Transcript;
use crate::model::tokens::words;
use std::collections::BTreeMap;
use std::ops::Range;

/// The filler words of a language, by its primary subtag (`nl`, `en`, `de`; `en-GB` is `en`).
pub fn default_fillers(language: &str) -> Option<&'static [&'static str]> {
    let primary = language.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    match primary.as_str() {
        "nl" => Some(&["eh", "ehm", "uh", "uhm", "hm", "hmm", "ehh"]),
        "en" => Some(&["um", "uh", "er", "erm", "hm", "hmm", "uhm"]),
        "de" => Some(&["äh", "ähm", "hm", "hmm"]),
        _ => None,
    }
}

/// The languages with a filler list of their own.
pub const FILLER_LANGUAGES: [&str; 3] = ["nl", "en", "de"];

/// The language whose filler list a clean-up of `t` uses when the user names none: the one the transcript
/// says, else the one its words are guessed to be in (as spelling guesses). `None` when neither tells; the
/// window and the command line then ask.
pub fn filler_language(t: &Transcript) -> Option<String> {
    t.meta
        .language
        .clone()
        .or_else(|| crate::model::language::guess_of(t).map(str::to_string))
}

/// A list of fillers: each one or more words, matched whole and case-insensitively.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fillers(Vec<Vec<String>>);

impl Fillers {
    pub fn new<S: AsRef<str>>(fillers: impl IntoIterator<Item = S>) -> Self {
        let mut list: Vec<Vec<String>> = fillers
            .into_iter()
            .map(|f| words(f.as_ref()).map(|(_, w)| w.to_lowercase()).collect::<Vec<_>>())
            .filter(|f| !f.is_empty())
            .collect();
        // The longest first, so that a phrase wins over a filler it starts with.
        list.sort_by_key(|f| std::cmp::Reverse(f.len()));
        list.dedup();
        Self(list)
    }

    /// A user's list: a UTF-8 text, one filler (a word or a phrase) per line; blank lines and lines
    /// starting with `#` are passed over.
    pub fn parse(text: &str) -> Self {
        Self::new(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#')),
        )
    }

    /// The default list for `language`; none where there is none.
    pub fn for_language(language: &str) -> Self {
        Self::new(default_fillers(language).unwrap_or(&[]).iter())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What a clean-up removed: each filler and how often, the turns dropped (they held only fillers) and how
/// many joins followed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    pub removed: BTreeMap<String, usize>,
    pub turns_dropped: usize,
    pub turns_joined: usize,
}

impl Report {
    pub fn fillers_removed(&self) -> usize {
        self.removed.values().sum()
    }

    /// The report in a sentence: "removed 12 fillers (eh 9, uhm 3); dropped 2 turns; joined 1".
    pub fn summary(&self) -> String {
        if self.fillers_removed() == 0 {
            return "no fillers found".to_string();
        }
        let each: Vec<String> = self.removed.iter().map(|(f, n)| format!("{f} {n}")).collect();
        let mut out = format!(
            "removed {} filler{} ({})",
            self.fillers_removed(),
            if self.fillers_removed() == 1 { "" } else { "s" },
            each.join(", ")
        );
        if self.turns_dropped > 0 {
            out.push_str(&format!(
                "; dropped {} turn{} that held only fillers",
                self.turns_dropped,
                if self.turns_dropped == 1 { "" } else { "s" }
            ));
        }
        if self.turns_joined > 0 {
            out.push_str(&format!(
                "; joined {} turn{} of one speaker that then met",
                self.turns_joined,
                if self.turns_joined == 1 { "" } else { "s" }
            ));
        }
        out
    }
}

/// Where the fillers are in `text`: (byte range, the filler as listed).
fn find(text: &str, fillers: &Fillers) -> Vec<(Range<usize>, String)> {
    let tokens: Vec<(Range<usize>, String)> = words(text).map(|(r, w)| (r, w.to_lowercase())).collect();
    let mut found = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        let hit = fillers.0.iter().find(|filler| {
            filler.len() <= tokens.len() - k
                && filler.iter().enumerate().all(|(j, w)| {
                    tokens[k + j].1 == *w
                        // The words of a phrase stand apart by white space only.
                        && (j == 0 || text[tokens[k + j - 1].0.end..tokens[k + j].0.start].trim().is_empty())
                })
        });
        match hit {
            Some(filler) => {
                found.push((tokens[k].0.start..tokens[k + filler.len() - 1].0.end, filler.join(" ")));
                k += filler.len();
            }
            None => k += 1,
        }
    }
    found
}

/// `text` without its fillers, tidied where they were: a comma or hesitation dots right after a filler
/// go with it, no comma or space is left before a sentence's end, no doubled space, and a sentence that
/// now starts with a small letter gets a capital. Also the fillers removed.
pub fn clean_text(text: &str, fillers: &Fillers) -> (String, Vec<String>) {
    let found = find(text, fillers);
    if found.is_empty() {
        return (text.to_string(), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut removed = Vec::with_capacity(found.len());
    // Where each filler starts, to tell in one step whether another follows at once (the capital then goes
    // past it): looking again through the rest of the text after every filler made long turns quadratic.
    let starts: std::collections::HashSet<usize> = found.iter().map(|(r, _)| r.start).collect();
    for (range, filler) in found {
        out.push_str(&text[at..range.start]);
        // Commas on both sides set the filler off, and both go ("Ik ben, eh, Hakar"), unless the one before
        // ends the first word of its sentence, where it belongs to the sentence ("Ja, eh, dat klopt").
        let before = out.trim_end_matches([' ', '\t']);
        if text[range.end..].starts_with(',')
            && let Some(without) = before.strip_suffix(',')
            && !first_word_of_sentence(without)
        {
            out.truncate(without.len());
            out.push(' ');
        }
        let mut end = range.end;
        // What set the filler off after it: a comma, or dots of hesitation.
        for mark in [",", "...", "…"] {
            if text[end..].starts_with(mark) {
                end += mark.len();
                break;
            }
        }
        let rest = &text[end..];
        let rest_trimmed = rest.trim_start_matches([' ', '\t']);
        if rest_trimmed.is_empty() || rest_trimmed.starts_with(['.', '?', '!', ',', ';', ':', '\n']) {
            // Before a sentence's end (or the text's): no space or comma is left hanging.
            let kept = out.trim_end_matches([' ', '\t']).trim_end_matches(',').len();
            out.truncate(kept);
            if rest_trimmed.starts_with(',') && (out.is_empty() || out.ends_with(['.', '?', '!'])) {
                end = text.len() - rest_trimmed.len() + 1;
            } else {
                end = text.len() - rest_trimmed.len();
            }
        } else {
            // Between words: one space stays, the one before the filler.
            end = text.len() - rest_trimmed.len();
            // One space between the words around it (none where the filler began a line).
            let kept = out.trim_end_matches([' ', '\t']).len();
            out.truncate(kept);
            if !(out.is_empty() || out.ends_with('\n')) {
                out.push(' ');
            }
        }
        // A sentence that now starts with the next word starts with a capital.
        let starts_sentence = {
            let before = out.trim_end();
            before.is_empty() || before.ends_with(['.', '?', '!', '\n'])
        };
        at = end;
        if starts_sentence
            && let Some(c) = text[at..].chars().next()
            && c.is_lowercase()
            && !starts.contains(&at)
        {
            out.extend(c.to_uppercase());
            at += c.len_utf8();
        }
        removed.push(filler);
    }
    out.push_str(&text[at..]);
    (out, removed)
}

/// Whether the last word of `text` is the first of its sentence. Looks back over that word and the space
/// before it only, so that a long turn costs what its fillers cost.
fn first_word_of_sentence(text: &str) -> bool {
    let ends_sentence = |c: char| matches!(c, '.' | '?' | '!' | '\n');
    let mut chars = text.trim_end_matches([' ', '\t']).chars().rev().peekable();
    while chars.next_if(|&c| !c.is_whitespace() && !ends_sentence(c)).is_some() {}
    while chars.next_if(|&c| c == ' ' || c == '\t').is_some() {}
    chars.peek().is_none_or(|&c| ends_sentence(c))
}

/// Whether a text holds nothing but punctuation and space: what a turn of fillers leaves.
fn is_empty_of_words(text: &str) -> bool {
    !text.chars().any(char::is_alphanumeric)
}

/// The change that removes the fillers from every turn (words keep their times), drops the turns that
/// held only fillers, and joins the turns of one speaker that then meet; with what it removed.
pub fn remove_fillers(t: &Transcript, fillers: &Fillers) -> (Change, Report) {
    let mut report = Report::default();
    let mut edits = Vec::new();
    let mut scratch = t.clone();
    let apply = |scratch: &mut Transcript, edits: &mut Vec<Edit>, new: Vec<Edit>| {
        // The edits fit the scratch copy they were made from; applying them keeps it in step.
        if apply_all(scratch, new.clone()).is_ok() {
            edits.extend(new);
        }
    };
    let mut emptied = Vec::new();
    for (i, turn) in t.turns.iter().enumerate() {
        let (text, removed) = clean_text(&turn.text, fillers);
        if removed.is_empty() {
            continue;
        }
        for filler in removed {
            *report.removed.entry(filler).or_default() += 1;
        }
        if is_empty_of_words(&text) {
            emptied.push(i);
        } else {
            let change = ops::set_text(&scratch, i, &text);
            apply(&mut scratch, &mut edits, change.edits);
        }
    }
    // Dropped from the last, so the indices before stay; each drop may bring two turns of one speaker
    // together, which are joined.
    for &i in emptied.iter().rev() {
        apply(&mut scratch, &mut edits, vec![Edit::RemoveTurn { index: i }]);
        report.turns_dropped += 1;
        // The turn before goes too (a run of turns of fillers): the turns around the run meet once it is gone.
        let before_goes = i > 0 && emptied.binary_search(&(i - 1)).is_ok();
        if i > 0 && !before_goes && i < scratch.turns.len() && scratch.turns[i - 1].same_speaker(&scratch.turns[i]) {
            let join = ops::join_with_next(&scratch, i - 1);
            apply(&mut scratch, &mut edits, join.edits);
            report.turns_joined += 1;
        }
    }
    (Change::new("Remove fillers", edits), report)
}

/// What a clean copy may do besides removing fillers.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CopyOptions {
    /// Leave out every time (turns' and words').
    pub drop_times: bool,
    /// Join every run of turns of one speaker.
    pub merge_runs: bool,
}

/// A clean copy of `t`: the fillers out (see [`remove_fillers`]), and as `options` ask; `t` is untouched.
pub fn clean_copy(t: &Transcript, fillers: &Fillers, options: CopyOptions) -> (Transcript, Report) {
    let (change, report) = remove_fillers(t, fillers);
    let mut copy = t.clone();
    // The change was made for this very transcript.
    let _ = apply_all(&mut copy, change.edits);
    if options.merge_runs {
        let mut i = copy.turns.len();
        while i > 1 {
            i -= 1;
            if copy.turns[i - 1].same_speaker(&copy.turns[i]) {
                let join = ops::join_with_next(&copy, i - 1);
                let _ = apply_all(&mut copy, join.edits);
            }
        }
    }
    // A copy for readers keeps no record of what the recogniser said.
    for turn in &mut copy.turns {
        turn.original = None;
        turn.group = None;
    }
    if options.drop_times {
        for turn in &mut copy.turns {
            (turn.start, turn.end) = (None, None);
            turn.words = Default::default();
        }
    }
    (copy, report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nl() -> Fillers {
        Fillers::for_language("nl")
    }

    fn clean(text: &str) -> String {
        clean_text(text, &nl()).0
    }

    #[test]
    fn whole_words_only_and_any_case() {
        assert_eq!(clean("ik eh denk het"), "ik denk het");
        assert_eq!(clean("EH ik UHM denk"), "Ik denk");
        for kept in ["de hemel", "ehm-achtige klanken", "een Umbrella", "heh", "uhmm"] {
            assert_eq!(clean(kept), kept, "{kept}");
        }
        assert_eq!(
            clean_text("Umbrella, um, here", &Fillers::for_language("en")).0,
            "Umbrella, here"
        );
    }

    #[test]
    fn the_comma_that_set_a_filler_off_goes_with_it() {
        assert_eq!(clean("Ja, eh, ik denk het."), "Ja, ik denk het.");
        assert_eq!(clean("Ja, uhm, eh, ik"), "Ja, ik");
        assert_eq!(clean("Dus eh... we gaan"), "Dus we gaan");
        assert_eq!(clean("Dus eh… we gaan"), "Dus we gaan");
    }

    #[test]
    fn the_commas_around_a_filler_go_but_a_comma_of_the_sentence_stays() {
        let en = Fillers::for_language("en");
        assert_eq!(clean("Ik ben, eh, Hakar."), "Ik ben Hakar.");
        assert_eq!(clean_text("We went, uh, um, home.", &en).0, "We went home.");
        assert_eq!(clean("Ja, eh, dat klopt."), "Ja, dat klopt.");
        assert_eq!(clean_text("Well, um, I think so.", &en).0, "Well, I think so.");
        assert_eq!(clean("Eh, ik denk het wel."), "Ik denk het wel.");
        assert_eq!(clean("Goed. Ja, eh, dat klopt."), "Goed. Ja, dat klopt.");
        assert_eq!(clean("Goed. Dat is, eh, waar."), "Goed. Dat is waar.");
    }

    #[test]
    fn no_comma_or_space_before_a_sentence_end() {
        assert_eq!(clean("Dat was het, eh."), "Dat was het.");
        assert_eq!(clean("Goed, uhm. Dan verder."), "Goed. Dan verder.");
        assert_eq!(clean("Echt eh?"), "Echt?");
        assert_eq!(clean("Dat was het eh"), "Dat was het");
    }

    #[test]
    fn no_doubled_spaces_or_commas() {
        assert_eq!(clean("ik  eh  denk"), "ik denk");
        assert_eq!(clean("Ja, eh, , nee"), "Ja, nee");
    }

    #[test]
    fn a_sentence_that_now_starts_small_gets_a_capital() {
        assert_eq!(clean("Eh, we beginnen."), "We beginnen.");
        assert_eq!(clean("Klaar. Uhm, eh, dan gaan we."), "Klaar. Dan gaan we.");
        assert_eq!(clean("Klaar? hm ja."), "Klaar? Ja.");
        assert_eq!(clean("Eerste regel.\neh tweede regel"), "Eerste regel.\nTweede regel");
    }

    #[test]
    fn lists_per_language_and_a_users_own() {
        assert_eq!(clean_text("äh, ich weiß", &Fillers::for_language("de")).0, "Ich weiß");
        assert_eq!(clean_text("um, I think", &Fillers::for_language("en-GB")).0, "I think");
        assert!(
            Fillers::for_language("fr").is_empty(),
            "a language without a list uses none"
        );
        let own = Fillers::parse("# mijn lijst\nzeg maar\n\nnou\n");
        assert_eq!(clean_text("Het was, zeg maar, nou goed", &own).0, "Het was goed");
        assert_eq!(
            clean_text("eh ja", &own).0,
            "eh ja",
            "the user's list replaces the default"
        );
    }

    fn sample() -> Transcript {
        let mut t = Transcript::new();
        let mia = t.intern_speaker("Mia");
        let bram = t.intern_speaker("Bram");
        for (who, text, start, end) in [
            (&mia, "Welkom, eh, bij de podcast.", 0.0, 3.0),
            (&bram, "Uhm.", 3.0, 4.0),
            (&mia, "Eh, we beginnen.", 4.0, 6.0),
            (&bram, "Goed.", 6.0, 7.0),
        ] {
            let turn = t.push_turn(Some(who.clone()), text);
            turn.start = Some(start);
            turn.end = Some(end);
            turn.words = text
                .split_whitespace()
                .enumerate()
                .map(|(k, w)| {
                    let at = start + k as f64 * 0.5;
                    crate::model::Word::heard(w, Some(at), Some(at + 0.4), Some(0.9))
                })
                .collect();
        }
        t
    }

    #[test]
    fn a_turn_of_fillers_is_dropped_and_the_turns_that_meet_are_joined() {
        let t = sample();
        let (copy, report) = clean_copy(&t, &nl(), CopyOptions::default());
        assert_eq!(
            crate::formats::rows(&copy),
            [
                (
                    Some("Mia"),
                    "Welkom, bij de podcast. We beginnen.",
                    Some(0.0),
                    Some(6.0)
                ),
                (Some("Bram"), "Goed.", Some(6.0), Some(7.0)),
            ]
        );
        assert_eq!(
            report.removed,
            BTreeMap::from([("eh".to_string(), 2), ("uhm".to_string(), 1)])
        );
        assert_eq!((report.turns_dropped, report.turns_joined), (1, 1));
        // The words lose the fillers and keep their times; a capitalised word keeps its span.
        let words: Vec<(&str, Option<f64>)> = copy.turns[0].words.iter().map(|w| (w.text.as_str(), w.start)).collect();
        assert_eq!(
            words,
            [
                ("Welkom,", Some(0.0)),
                ("bij", Some(1.0)),
                ("de", Some(1.5)),
                ("podcast.", Some(2.0)),
                ("We", Some(4.5)),
                ("beginnen.", Some(5.0)),
            ]
        );
        assert_eq!(t, sample(), "the transcript itself is untouched");
    }

    #[test]
    fn a_run_of_turns_of_fillers_goes_and_the_turns_around_it_meet_with_every_word() {
        let mut t = Transcript::new();
        let mia = t.intern_speaker("Mia");
        for text in ["praktijk", "eh,", "uhm.", "Ja.", ""] {
            t.push_turn(Some(mia.clone()), text);
        }
        let (copy, report) = clean_copy(&t, &nl(), CopyOptions::default());
        let texts: Vec<&str> = copy.turns.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(texts, ["praktijk Ja.", ""]);
        assert_eq!((report.turns_dropped, report.turns_joined), (2, 1));
    }

    #[test]
    fn times_dropped_and_runs_merged_when_asked() {
        let mut t = sample();
        t.turns[3].speaker = t.turns[2].speaker.clone();
        let options = CopyOptions {
            drop_times: true,
            merge_runs: true,
        };
        let (copy, _) = clean_copy(&t, &nl(), options);
        assert_eq!(copy.turns.len(), 1);
        assert_eq!(copy.turns[0].text, "Welkom, bij de podcast. We beginnen. Goed.");
        assert_eq!((copy.turns[0].start, copy.turns[0].end), (None, None));
        assert!(copy.turns[0].words.is_empty());
    }

    #[test]
    fn removing_fillers_in_the_working_transcript_is_one_undoable_step() {
        let mut t = sample();
        let (change, report) = remove_fillers(&t, &nl());
        assert_eq!(
            report.summary(),
            "removed 3 fillers (eh 2, uhm 1); dropped 1 turn that held only fillers; joined 1 turn of one speaker that then met"
        );
        let mut history = crate::edit::History::new();
        history.apply(&mut t, change).expect("applies");
        assert_eq!(t.turns.len(), 2);
        history.undo(&mut t).expect("undoes");
        assert_eq!(t, sample());
    }
}
