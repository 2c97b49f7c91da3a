//! Transcriber's XML (`.trs`, Transcriber 1.x and TranscriberAG): the `<Speakers>` list names the
//! speakers, each `<Turn>` is a turn with its `startTime` and `endTime` and its text between `<Sync
//! time=…/>` marks, which become timing anchors (subtitles get a cue per synchronised stretch). A turn of
//! two speakers talking at once (`speaker="spk1 spk2"` with `<Who nb="1"/>`) is a turn per speaker.
//! Events (`<Event desc="laugh"/>`) are kept in the text as Transcriber shows them, `[laugh]` (`[music-`
//! … `-music]` for a stretch), and comments (`<Comment desc="…"/>`) in the double parentheses transcribers
//! use for their own notes, `((…))` (Transcriber's braces are ASS's style codes). Background sound marks
//! are left out with a warning. Read only.

use super::cues::cue_words;
use super::xml::{self, Node};
use super::{Format, Loaded, ParseError, WriteError};
use crate::model::{SpeakerId, Transcript, Word};
use std::collections::HashMap;

pub struct Transcriber;

/// A time attribute in seconds, checked; `what` names it in errors.
fn time(attrs: &[(String, String)], key: &str, what: &str) -> Result<Option<f64>, String> {
    let Some(v) = xml::attr(attrs, key) else {
        return Ok(None);
    };
    let s: f64 = v
        .trim()
        .parse()
        .map_err(|_| format!("{what} has {key}=\"{v}\", not a number of seconds"))?;
    crate::model::check_time(s).map_err(|why| format!("{what} has {key}=\"{v}\", which {why}"))?;
    Ok(Some(s))
}

/// A turn being read: its speakers, times, and the stretches of text of each speaker between syncs.
#[derive(Default)]
struct Open {
    speakers: Vec<String>,
    start: Option<f64>,
    end: Option<f64>,
    /// The speaker (index into `speakers`) now talking, from `<Who nb=…>`.
    who: usize,
    /// (speaker index, sync time, text).
    stretches: Vec<(usize, Option<f64>, String)>,
}

impl Open {
    fn text(&mut self, text: &str) {
        let who = self.who;
        if self.stretches.last().is_none_or(|s| s.0 != who) {
            let sync = self.stretches.last().and_then(|s| s.1).or(self.start);
            self.stretches.push((who, sync, String::new()));
        }
        if let Some(last) = self.stretches.last_mut() {
            if !last.2.is_empty() {
                last.2.push(' ');
            }
            last.2.push_str(text);
        }
    }

    fn sync(&mut self, at: Option<f64>) {
        let who = self.who;
        self.stretches.push((who, at, String::new()));
    }
}

pub fn parse(src: &str) -> Result<(Transcript, Vec<String>), ParseError> {
    let mut t = Transcript::new();
    let mut names: HashMap<String, String> = HashMap::new();
    let mut ids: HashMap<String, SpeakerId> = HashMap::new();
    let mut root = None;
    let mut turn: Option<Open> = None;
    let mut turns = 0;
    let mut backgrounds = 0;
    // Turns are made when they close; the speaker ids they need are interned then.
    let mut done: Vec<Open> = Vec::new();
    xml::walk(src, |node| {
        match node {
            Node::Open { name, attrs } => {
                if root.is_none() {
                    root = Some(());
                    if name != "Trans" {
                        return Err(format!("not a Transcriber file: it begins with <{name}>, not <Trans>"));
                    }
                }
                match name {
                    "Speaker" => {
                        let id = xml::attr(&attrs, "id").ok_or("a <Speaker> without an id")?;
                        let shown = xml::attr(&attrs, "name")
                            .map(str::trim)
                            .filter(|n| !n.is_empty())
                            .unwrap_or(id);
                        names.insert(id.to_string(), shown.to_string());
                    }
                    "Turn" => {
                        turns += 1;
                        let what = format!("turn {turns}");
                        turn = Some(Open {
                            speakers: xml::attr(&attrs, "speaker")
                                .map(|s| s.split_whitespace().map(str::to_string).collect())
                                .unwrap_or_default(),
                            start: time(&attrs, "startTime", &what)?,
                            end: time(&attrs, "endTime", &what)?,
                            ..Open::default()
                        });
                    }
                    "Sync" => {
                        let at = time(&attrs, "time", &format!("a <Sync> in turn {turns}"))?;
                        if let Some(open) = turn.as_mut() {
                            open.sync(at);
                        }
                    }
                    "Who" => {
                        if let Some(open) = turn.as_mut() {
                            let nb: usize = xml::attr(&attrs, "nb").and_then(|n| n.trim().parse().ok()).unwrap_or(1);
                            open.who = nb.saturating_sub(1);
                        }
                    }
                    "Event" | "Comment" => {
                        let desc = xml::attr(&attrs, "desc").unwrap_or_default().trim();
                        if let (Some(open), false) = (turn.as_mut(), desc.is_empty()) {
                            let mark = match (name, xml::attr(&attrs, "extent")) {
                                ("Comment", _) => format!("(({desc}))"),
                                (_, Some("begin")) => format!("[{desc}-"),
                                (_, Some("end")) => format!("-{desc}]"),
                                _ => format!("[{desc}]"),
                            };
                            open.text(&mark);
                        }
                    }
                    "Background" => backgrounds += 1,
                    _ => {}
                }
            }
            Node::Close { name: "Turn" } => done.extend(turn.take()),
            Node::Close { .. } => {}
            Node::Text(text) => {
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if let (Some(open), false) = (turn.as_mut(), text.is_empty()) {
                    open.text(&text);
                }
            }
        }
        Ok(())
    })?;
    if root.is_none() {
        return Err(ParseError::new(1, 1, "an empty file: no <Trans> element"));
    }
    for open in done {
        make_turns(&mut t, open, &names, &mut ids);
    }
    let mut warnings = Vec::new();
    if backgrounds > 0 {
        warnings.push(format!(
            "{backgrounds} background sound mark{} (music, noise under the speech) {} left out",
            if backgrounds == 1 { "" } else { "s" },
            if backgrounds == 1 { "was" } else { "were" }
        ));
    }
    Ok((t, warnings))
}

/// The turns of one `<Turn>`: a turn per speaker stretch of consecutive text, timing anchors at its syncs.
fn make_turns(t: &mut Transcript, open: Open, names: &HashMap<String, String>, ids: &mut HashMap<String, SpeakerId>) {
    let stretches: Vec<_> = open.stretches.into_iter().filter(|s| !s.2.trim().is_empty()).collect();
    for group in stretches.chunk_by(|a, b| a.0 == b.0) {
        let speaker = open.speakers.get(group[0].0).map(|id| {
            let name = names.get(id).cloned().unwrap_or_else(|| id.clone());
            ids.entry(name.clone())
                .or_insert_with(|| t.intern_speaker(&name))
                .clone()
        });
        let text = group.iter().map(|s| s.2.trim()).collect::<Vec<_>>().join(" ");
        // Several synchronised stretches: each an anchor with its time, ending where the next begins.
        let words: Vec<Word> = if group.len() > 1 {
            let ends: Vec<Option<f64>> = group.iter().skip(1).map(|s| s.1).chain([open.end]).collect();
            group
                .iter()
                .zip(ends)
                .flat_map(|(s, end)| cue_words(&s.2, s.1, end))
                .collect()
        } else {
            Vec::new()
        };
        let (start, end) = (group[0].1.or(open.start), open.end);
        let turn = t.push_turn(speaker, &text);
        turn.start = start;
        turn.end = crate::model::end_not_before(start, end);
        if crate::model::words::spell(&words, &turn.text) {
            turn.words = words.into();
        }
    }
}

impl Format for Transcriber {
    fn name(&self) -> &'static str {
        "trs"
    }
    fn title(&self) -> &'static str {
        "Transcriber"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["trs"]
    }
    fn sniff(&self, bytes: &[u8]) -> bool {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
        head.contains("<Trans") && (head.contains("<Speakers") || head.contains("<Episode") || head.contains("trans-"))
    }
    fn read(&self, bytes: &[u8]) -> Result<Loaded, ParseError> {
        super::read_text_warned(bytes, parse)
    }
    fn write(&self, _: &Transcript) -> Result<Vec<u8>, WriteError> {
        Err(WriteError(
            "Transcriber files are only read; save as the editor's JSON (.json), or as ELAN or TextGrid for other \
             research tools"
                .into(),
        ))
    }
    fn can_write(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::super::{fixture, rows};
    use super::*;

    #[test]
    fn speakers_turns_syncs_events_and_comments() {
        let loaded = Transcriber.read(&fixture("interview.trs")).expect("reads");
        let t = &loaded.transcript;
        assert_eq!(
            rows(t),
            [
                (
                    Some("Mia de Vries"),
                    "Welkom bij het gesprek. [laugh] Fijn dat je er bent.",
                    Some(0.0),
                    Some(6.1)
                ),
                (Some("Hakar"), "Dank je. ((onverstaanbaar)) Ja.", Some(6.1), Some(9.0)),
                (Some("Mia de Vries"), "Zeker.", Some(9.0), Some(10.2)),
                (Some("Hakar"), "Precies, één.", Some(9.0), Some(10.2)),
                (None, "[music- Einde van het fragment. -music]", Some(10.2), Some(13.0)),
            ]
        );
        let anchors: Vec<(&str, Option<f64>, Option<f64>)> = t.turns[0]
            .words
            .iter()
            .filter(|w| w.cue)
            .map(|w| (w.text.as_str(), w.start, w.end))
            .collect();
        assert_eq!(anchors, [("Welkom", Some(0.0), None), ("[laugh]", Some(3.4), None)]);
        assert_eq!(t.turns[0].words.last().and_then(|w| w.end), Some(6.1));
        assert_eq!(
            loaded.warnings,
            ["1 background sound mark (music, noise under the speech) was left out"]
        );
    }

    #[test]
    fn what_is_wrong_is_named_where_it_is() {
        let e = parse("<Trans><Episode><Section><Turn startTime=\"soon\">x</Turn></Section></Episode></Trans>")
            .expect_err("bad time");
        assert_eq!(
            (e.line, e.message.as_str()),
            (1, "turn 1 has startTime=\"soon\", not a number of seconds")
        );
        let e = parse("<Other/>").expect_err("not trs");
        assert!(e.message.contains("not a Transcriber file"), "{e}");
    }
}
