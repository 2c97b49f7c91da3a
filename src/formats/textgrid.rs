//! Praat TextGrids (`.TextGrid`), what phoneticians and conversation analysts annotate in: one interval tier
//! per speaker, each turn an interval, the gaps between turns empty intervals (a tier's intervals cover it
//! from start to end). Written in Praat's long text format; read in the long and the short one.
//!
//! Both text formats are the same values in the same order (the long one names them, `xmin = 0`): numbers,
//! quoted strings (a quote inside is doubled) and flags (`<exists>`). The reader takes the values and
//! skips the names, as Praat does.

use super::{Format, Loaded, ParseError, WriteError};
use crate::model::Transcript;
use std::collections::HashMap;
use std::fmt::Write;

pub struct TextGrid;

/// A value of a TextGrid file and its byte offset.
#[derive(Debug, PartialEq)]
enum Value {
    Number(f64),
    Text(String),
    Flag(bool),
}

/// The values of a TextGrid text file, in order: quoted strings, numbers and flags; the names before
/// them (`xmin =`, `item [1]:`), anything in square brackets and `!` comments are skipped. Read one at a
/// time as the reader asks (keeping every value before reading any took many times the file's size).
struct Lexer<'a> {
    src: &'a str,
    i: usize,
}

impl Lexer<'_> {
    fn next_value(&mut self) -> Result<Option<(usize, Value)>, ParseError> {
        let src = self.src;
        let bytes = src.as_bytes();
        while self.i < bytes.len() {
            let i = self.i;
            let c = bytes[i];
            if c == b'"' {
                let start = i;
                let mut text = String::new();
                let mut from = i + 1;
                loop {
                    let Some(q) = src[from..].find('"') else {
                        return Err(ParseError::at_offset(
                            src,
                            start,
                            "a text that is never closed (a \" is missing)",
                        ));
                    };
                    text.push_str(&src[from..from + q]);
                    if bytes.get(from + q + 1) == Some(&b'"') {
                        text.push('"');
                        from += q + 2;
                    } else {
                        self.i = from + q + 1;
                        break;
                    }
                }
                // A text over several lines in a file with CRLF line ends (Praat on Windows) holds its line
                // breaks as the file ends its lines: they are line breaks, as in any other file.
                if text.contains("\r\n") {
                    text = text.replace("\r\n", "\n");
                }
                return Ok(Some((start, Value::Text(text))));
            } else if c == b'!' {
                self.i = src[i..].find('\n').map_or(bytes.len(), |n| i + n);
            } else if c == b'[' {
                self.i = src[i..].find(']').map_or(bytes.len(), |n| i + n + 1);
            } else if c == b'<' {
                let end = src[i..].find('>').map_or(bytes.len(), |n| i + n + 1);
                self.i = end;
                return match &src[i..end] {
                    "<exists>" => Ok(Some((i, Value::Flag(true)))),
                    "<absent>" => Ok(Some((i, Value::Flag(false)))),
                    other => Err(ParseError::at_offset(src, i, format!("unknown flag {other}"))),
                };
            } else if c.is_ascii_alphanumeric() || ((c == b'-' || c == b'+' || c == b'.') && i + 1 < bytes.len()) {
                let end = src[i..]
                    .find(|ch: char| ch.is_whitespace())
                    .map_or(bytes.len(), |n| i + n);
                let word = &src[i..end];
                self.i = end;
                match word.parse::<f64>() {
                    // A word that is a number is a value; any other (a name such as `x2`) is skipped.
                    Ok(n) if n.is_finite() && !c.is_ascii_alphabetic() => return Ok(Some((i, Value::Number(n)))),
                    // `xmax = inf`: a value, and not one a time or a count can be; said where it is.
                    Ok(_) if src[..i].trim_end().ends_with('=') => {
                        return Err(ParseError::at_offset(
                            src,
                            i,
                            format!("{word} is not a number a TextGrid's times and counts can be"),
                        ));
                    }
                    _ => {}
                }
            } else {
                self.i += src[i..].chars().next().map_or(1, char::len_utf8);
            }
        }
        Ok(None)
    }
}

/// Reads the values one by one, naming what was expected where a value is missing or of the wrong kind.
struct Values<'a> {
    src: &'a str,
    values: Lexer<'a>,
    last: usize,
}

impl Values<'_> {
    fn next(&mut self, what: &str) -> Result<Value, ParseError> {
        match self.values.next_value()? {
            Some((at, v)) => {
                self.last = at;
                Ok(v)
            }
            None => Err(ParseError::at_offset(
                self.src,
                self.src.len(),
                format!("the file ends where {what} was expected"),
            )),
        }
    }
    fn number(&mut self, what: &str) -> Result<f64, ParseError> {
        match self.next(what)? {
            Value::Number(n) => Ok(n),
            other => Err(ParseError::at_offset(
                self.src,
                self.last,
                format!("expected {what} (a number), found {other:?}"),
            )),
        }
    }
    fn text(&mut self, what: &str) -> Result<String, ParseError> {
        match self.next(what)? {
            Value::Text(t) => Ok(t),
            other => Err(ParseError::at_offset(
                self.src,
                self.last,
                format!("expected {what} (a quoted text), found {other:?}"),
            )),
        }
    }
    fn count(&mut self, what: &str) -> Result<usize, ParseError> {
        let n = self.number(what)?;
        if n < 0.0 || n.fract() != 0.0 || n > 1e8 {
            return Err(ParseError::at_offset(
                self.src,
                self.last,
                format!("{what} is {n}, not a count"),
            ));
        }
        Ok(n as usize)
    }
    fn time(&mut self, what: &str) -> Result<f64, ParseError> {
        let n = self.number(what)?;
        crate::model::check_time(n.max(0.0))
            .map_err(|why| ParseError::at_offset(self.src, self.last, format!("{what} {why}")))?;
        Ok(n.max(0.0))
    }
}

/// Reads a decoded TextGrid: each non-empty interval of an interval tier becomes a turn of the speaker the
/// tier is named after (a tier without a name: no speaker), and each point of a point tier a turn with a
/// start; the turns in order of time.
pub fn parse(src: &str) -> Result<Transcript, ParseError> {
    let mut v = Values {
        src,
        values: Lexer { src, i: 0 },
        last: 0,
    };
    if v.text("the file type")? != "ooTextFile" {
        return Err(ParseError::new(
            1,
            1,
            "not a Praat text file (it must begin with File type = \"ooTextFile\")",
        ));
    }
    if v.text("the object class")? != "TextGrid" {
        return Err(ParseError::at_offset(
            src,
            v.last,
            "not a TextGrid (the object class must be \"TextGrid\")",
        ));
    }
    v.number("the start time (xmin)")?;
    v.number("the end time (xmax)")?;
    if v.next("<exists>")? != Value::Flag(true) {
        return Ok(Transcript::new());
    }
    let tiers = v.count("the number of tiers")?;
    let mut found: Vec<(f64, Option<f64>, usize, String)> = Vec::new();
    let mut names = Vec::new();
    for tier in 0..tiers {
        let class = v.text("the tier's class")?;
        let name = v.text("the tier's name")?;
        v.number("the tier's start")?;
        v.number("the tier's end")?;
        let size = v.count("the number of intervals")?;
        names.push(name);
        for _ in 0..size {
            let (start, end, text) = match class.as_str() {
                "IntervalTier" => {
                    let start = v.time("an interval's start")?;
                    let end = v.time("an interval's end")?;
                    if end < start {
                        return Err(ParseError::at_offset(
                            src,
                            v.last,
                            format!("an interval ends ({end} s) before it starts ({start} s)"),
                        ));
                    }
                    (start, Some(end), v.text("an interval's text")?)
                }
                "TextTier" => (v.time("a point's time")?, None, v.text("a point's mark")?),
                other => {
                    return Err(ParseError::at_offset(
                        src,
                        v.last,
                        format!("unknown tier class \"{other}\""),
                    ));
                }
            };
            if !text.trim().is_empty() {
                found.push((start, end, tier, text));
            }
        }
    }
    found.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)));
    let mut t = Transcript::new();
    // The speakers in the order of their tiers (the writer writes a tier per speaker in that order), so
    // turns of two tiers that start together keep their order through a round trip.
    let mut ids = HashMap::new();
    for (tier, name) in names.iter().enumerate() {
        let name = name.trim();
        if !name.is_empty() && found.iter().any(|f| f.2 == tier) {
            ids.insert(tier, t.intern_speaker(name));
        }
    }
    for (start, end, tier, text) in found {
        let speaker = ids.get(&tier).cloned();
        let turn = t.push_turn(speaker, text.trim());
        turn.start = Some(start);
        turn.end = end;
    }
    Ok(t)
}

/// A number as Praat writes one: as short as it reads back exactly.
fn number(n: f64) -> String {
    format!("{n}")
}

/// A text as a TextGrid holds it: quoted, a quote doubled.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A tier to write: its name, and its turns' (start, end, text); an end of `None` throughout makes it a
/// point tier.
type Tier<'a> = (String, Vec<(f64, Option<f64>, &'a str)>);

/// Writes the long text format: a tier per speaker (in the order of the speaker list; one without a name
/// for turns without a speaker), the gaps between a speaker's turns as empty intervals. A speaker's turn
/// that starts before their previous one ends starts where it ended (a tier's intervals cannot overlap).
/// A speaker whose turns all have a start and no end (a point tier read from a TextGrid) is written as a
/// point tier again.
pub fn render(t: &Transcript) -> Result<String, WriteError> {
    // Tiers: each speaker with turns, then the turns without one.
    let mut tiers: Vec<Tier> = Vec::new();
    let mut tier_of: HashMap<Option<&str>, usize> = HashMap::new();
    for s in &t.speakers {
        tier_of.insert(Some(s.id.as_str()), tiers.len());
        tiers.push((s.name.clone(), Vec::new()));
    }
    let mut turn_of_tier: Vec<Vec<usize>> = vec![Vec::new(); tiers.len()];
    for (i, turn) in t.turns.iter().enumerate() {
        let key = turn.speaker.as_ref().map(|s| s.as_str());
        let k = *tier_of.entry(key).or_insert_with(|| {
            tiers.push((String::new(), Vec::new()));
            turn_of_tier.push(Vec::new());
            tiers.len() - 1
        });
        turn_of_tier[k].push(i);
    }
    for (k, turns) in turn_of_tier.iter().enumerate() {
        let points = !turns.is_empty()
            && turns
                .iter()
                .all(|&i| t.turns[i].start.is_some() && t.turns[i].end.is_none());
        for &i in turns {
            let turn = &t.turns[i];
            match (turn.start, turn.end) {
                (Some(start), None) if points => tiers[k].1.push((start, None, turn.text.as_str())),
                (Some(start), Some(end)) => tiers[k].1.push((start, Some(end.max(start)), turn.text.as_str())),
                _ => {
                    return Err(WriteError(format!(
                        "turn {} (\"{}\") has no {} time, and TextGrid intervals need both (a speaker whose turns all have a start and no end is written as a point tier); save as JSON or text instead, add the times, or estimate the ends (--fill-ends)",
                        i + 1,
                        turn.text.chars().take(40).collect::<String>(),
                        if turn.start.is_none() { "start" } else { "end" },
                    )));
                }
            }
        }
    }
    tiers.retain(|(_, turns)| !turns.is_empty());
    let end_of_all = tiers
        .iter()
        .flat_map(|(_, turns)| turns.iter().map(|&(s, e, _)| e.unwrap_or(s).max(s)))
        .fold(0.0, f64::max);
    let mut out = String::new();
    let _ = write!(
        out,
        "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\nxmin = 0 \nxmax = {} \ntiers? <exists> \nsize = {} \nitem []: \n",
        number(end_of_all),
        tiers.len()
    );
    for (k, (name, turns)) in tiers.iter_mut().enumerate() {
        turns.sort_by(|a, b| a.0.total_cmp(&b.0));
        if turns.iter().all(|(_, end, _)| end.is_none()) {
            write_points(&mut out, k, name, turns, end_of_all);
            continue;
        }
        // The intervals: the turns, the gaps between them empty, from 0 to the end of the whole.
        let mut intervals: Vec<(f64, f64, String)> = Vec::new();
        let mut at = 0.0;
        for &(start, end, text) in turns.iter() {
            let start = start.max(at);
            if start > at {
                intervals.push((at, start, String::new()));
            }
            let end = end.unwrap_or(start).max(start);
            match intervals.last_mut() {
                // A turn of no length where the last ended: its text joins the last interval's.
                Some(last) if end == start && last.1 == start && !last.2.is_empty() => {
                    last.2.push(' ');
                    last.2.push_str(text);
                }
                _ => intervals.push((start, end, text.to_string())),
            }
            at = end;
        }
        if at < end_of_all || intervals.is_empty() {
            intervals.push((at, end_of_all, String::new()));
        }
        let _ = write!(
            out,
            "    item [{}]:\n        class = \"IntervalTier\" \n        name = {} \n        xmin = 0 \n        xmax = {} \n        intervals: size = {} \n",
            k + 1,
            quoted(name),
            number(end_of_all),
            intervals.len()
        );
        for (j, (start, end, text)) in intervals.iter().enumerate() {
            let _ = write!(
                out,
                "        intervals [{}]:\n            xmin = {} \n            xmax = {} \n            text = {} \n",
                j + 1,
                number(*start),
                number(*end),
                quoted(text)
            );
        }
    }
    Ok(out)
}

/// A point tier: each turn a point at its start, its text the mark.
fn write_points(out: &mut String, k: usize, name: &str, turns: &[(f64, Option<f64>, &str)], end_of_all: f64) {
    let _ = write!(
        out,
        "    item [{}]:\n        class = \"TextTier\" \n        name = {} \n        xmin = 0 \n        xmax = {} \n        points: size = {} \n",
        k + 1,
        quoted(name),
        number(end_of_all),
        turns.len()
    );
    for (j, (at, _, text)) in turns.iter().enumerate() {
        let _ = write!(
            out,
            "        points [{}]:\n            number = {} \n            mark = {} \n",
            j + 1,
            number(*at),
            quoted(text)
        );
    }
}

impl Format for TextGrid {
    fn name(&self) -> &'static str {
        "textgrid"
    }
    fn title(&self) -> &'static str {
        "Praat TextGrid"
    }
    fn is_lines(&self) -> bool {
        true
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["textgrid"]
    }
    fn sniff(&self, bytes: &[u8]) -> bool {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]);
        head.contains("ooTextFile") && head.contains("TextGrid")
    }
    fn read(&self, bytes: &[u8]) -> Result<Loaded, ParseError> {
        super::read_text(bytes, parse)
    }
    fn write(&self, t: &Transcript) -> Result<Vec<u8>, WriteError> {
        super::text::refuse_nul(t, self.title())?;
        render(t).map(String::into_bytes)
    }
    fn losses(&self, t: &Transcript) -> Vec<String> {
        let meta = &t.meta;
        let lost = meta.title.is_some() || meta.language.is_some() || meta.media.is_some() || !meta.extra.is_empty();
        super::turn_format_losses(t, "the title, language and media file", lost)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Transcript {
        let mut t = Transcript::new();
        let mia = t.intern_speaker("Mia");
        let bram = t.intern_speaker("Bram \"de\" Vries");
        for (who, text, start, end) in [
            (&mia, "Welkom bij de podcast.", 0.5, 3.25),
            (&bram, "Dank je.", 3.5, 4.0),
            (&mia, "Zullen we \"beginnen\"?", 4.0, 6.125),
        ] {
            let turn = t.push_turn(Some(who.clone()), text);
            turn.start = Some(start);
            turn.end = Some(end);
        }
        t
    }

    use crate::formats::rows as turns;

    #[test]
    fn written_as_tiers_that_cover_the_whole_and_read_back() {
        let t = sample();
        let written = render(&t).expect("writes");
        assert!(
            written.starts_with("File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n"),
            "{written}"
        );
        assert!(written.contains("name = \"Bram \"\"de\"\" Vries\""), "{written}");
        // Mia's tier: a gap from 0, her first turn, the gap while Bram speaks, her second turn.
        assert!(written.contains("intervals: size = 4"), "{written}");
        assert!(
            written.contains("xmin = 3.25 \n            xmax = 4 \n            text = \"\" "),
            "{written}"
        );
        assert_eq!(turns(&parse(&written).expect("reads back")), turns(&t));
    }

    #[test]
    fn the_short_format_reads_the_same() {
        let short = "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\n0\n6.125\n<exists>\n2\n\
                     \"IntervalTier\"\n\"Mia\"\n0\n6.125\n3\n0\n0.5\n\"\"\n0.5\n3.25\n\"Welkom bij de podcast.\"\n3.25\n6.125\n\"\"\n\
                     \"TextTier\"\n\"Bram\"\n0\n6.125\n1\n3.5\n\"Dank je.\"\n";
        let t = parse(short).expect("reads");
        assert_eq!(
            turns(&t),
            [
                (Some("Mia"), "Welkom bij de podcast.", Some(0.5), Some(3.25)),
                (Some("Bram"), "Dank je.", Some(3.5), None),
            ]
        );
    }

    #[test]
    fn bad_files_are_named_with_their_place() {
        let e = parse("File type = \"ooTextFile\"\nObject class = \"TextGrid\"\nxmin = 0\nxmax = 2\ntiers? <exists>\nsize = 1\nitem []:\n    item [1]:\n        class = \"IntervalTier\"\n        name = \"Mia\n").expect_err("unclosed");
        assert_eq!((e.line, e.message.contains("never closed")), (10, true), "{e}");
        let e = parse("File type = \"ooTextFile\"\nObject class = \"Pitch\"\n").expect_err("not a TextGrid");
        assert!(e.message.contains("not a TextGrid"), "{e}");
        let e = parse("File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n0\n2\n<exists>\n1\n\"IntervalTier\"\n\"Mia\"\n0\n2\n1\n2\n1\n\"x\"\n")
            .expect_err("backwards");
        assert!(e.message.contains("before it starts") && e.line == 13, "{e}");
    }

    #[test]
    fn turns_without_times_cannot_become_intervals() {
        // Mia's first turn has no end, her second has one: her tier can be neither intervals nor points.
        let mut t = sample();
        t.turns[0].end = None;
        let e = render(&t).expect_err("refused");
        assert!(e.0.contains("turn 1") && e.0.contains("--fill-ends"), "{}", e.0);
        t.turns[0].start = None;
        let e = render(&t).expect_err("refused");
        assert!(e.0.contains("has no start time"), "{}", e.0);
    }

    #[test]
    fn a_point_tier_is_written_as_points_and_reads_back() {
        let mut t = sample();
        t.turns[1].end = None;
        let written = render(&t).expect("a speaker of points is a point tier");
        assert!(written.contains("class = \"TextTier\""), "{written}");
        let back = parse(&written).expect("reads");
        assert_eq!(turns(&back), turns(&t));
    }

    #[test]
    fn a_text_over_two_lines_in_a_crlf_file_has_one_line_break() {
        let src = "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\nxmin = 0\nxmax = 4\ntiers? <exists>\nsize = 1\nitem []:\n\
            item [1]:\nclass = \"IntervalTier\"\nname = \"Mia\"\nxmin = 0\nxmax = 4\nintervals: size = 1\n\
            intervals [1]:\nxmin = 0\nxmax = 4\ntext = \"Ja.\nNee.\"\n"
            .replace('\n', "\r\n");
        let t = parse(&src).expect("reads");
        assert_eq!(t.turns[0].text, "Ja.\nNee.");
    }

    #[test]
    fn turns_of_two_tiers_that_start_together_keep_their_order() {
        let src = "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\nxmin = 0\nxmax = 4\ntiers? <exists>\nsize = 2\nitem []:\n\
            item [1]:\nclass = \"IntervalTier\"\nname = \"Mia\"\nxmin = 0\nxmax = 4\nintervals: size = 2\n\
            intervals [1]:\nxmin = 0\nxmax = 1\ntext = \"\"\nintervals [2]:\nxmin = 1\nxmax = 4\ntext = \"Ja.\"\n\
            item [2]:\nclass = \"IntervalTier\"\nname = \"Bram\"\nxmin = 0\nxmax = 4\nintervals: size = 2\n\
            intervals [1]:\nxmin = 0\nxmax = 1\ntext = \"Hallo.\"\nintervals [2]:\nxmin = 1\nxmax = 4\ntext = \"Ook hallo.\"\n";
        let t = parse(src).expect("reads");
        let texts: Vec<&str> = t.turns.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Hallo.", "Ja.", "Ook hallo."],
            "at one time, the first tier's first"
        );
        let names: Vec<&str> = t.speakers.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Mia", "Bram"], "the tiers' order, though Bram speaks first");
        let again = parse(&render(&t).expect("writes")).expect("reads");
        assert_eq!(turns(&again), turns(&t));
        assert_eq!(
            again.speakers.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
            names
        );
    }

    #[test]
    fn the_short_fixture_and_back_through_the_long_format() {
        let t = TextGrid
            .read(&crate::formats::fixture("short.TextGrid"))
            .expect("reads")
            .transcript;
        assert_eq!(
            turns(&t),
            [
                (
                    Some("Mia"),
                    "Welkom bij \"Dakwerk\", de podcast.",
                    Some(0.75),
                    Some(4.2)
                ),
                (Some("Hakar"), "Dank je. Ik ben er\nklaar voor.", Some(4.5), Some(9.25)),
            ]
        );
        assert_eq!(
            turns(&parse(&render(&t).expect("writes")).expect("reads back")),
            turns(&t)
        );
    }
}
