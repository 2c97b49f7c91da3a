//! TTML (`.ttml`), the W3C's timed text, as broadcasters and streaming services take subtitles: written in
//! the IMSC 1 text profile (which EBU-TT-D also fits), a `<p>` per turn with media-time clock times, each
//! speaker a `ttm:agent` named in the head and referred to by the turn. Read: `<p>` elements with their
//! times (clock or offset times, nested `begin`s added up), agents, line breaks.

use super::xml::{self, Node};
use super::{Format, Loaded, ParseError, WriteError};
use crate::formats::time::format_clock;
use crate::model::{Transcript, Word};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::collections::HashMap;

pub struct Ttml;

pub fn render(t: &Transcript) -> Result<Vec<u8>, WriteError> {
    xml::refuse_control_characters(t, "TTML")?;
    // Agent ids are xml:ids (names that start with a letter): made from the speaker's place in the list.
    let agent: HashMap<&str, String> = t
        .speakers
        .iter()
        .enumerate()
        .map(|(k, s)| (s.id.as_str(), format!("speaker{}", k + 1)))
        .collect();
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(xml::write_error)?;
    let lang = t.meta.language.as_deref().unwrap_or("");
    let written = w
        .create_element("tt")
        .with_attributes([
            ("xmlns", "http://www.w3.org/ns/ttml"),
            ("xmlns:ttp", "http://www.w3.org/ns/ttml#parameter"),
            ("xmlns:tts", "http://www.w3.org/ns/ttml#styling"),
            ("xmlns:ttm", "http://www.w3.org/ns/ttml#metadata"),
            ("xml:lang", lang),
            ("ttp:timeBase", "media"),
            ("ttp:profile", "http://www.w3.org/ns/ttml/profile/imsc1/text"),
        ])
        .write_inner_content(|w| {
            w.create_element("head").write_inner_content(|w| {
                w.create_element("metadata").write_inner_content(|w| {
                    if let Some(title) = &t.meta.title {
                        w.create_element("ttm:title")
                            .write_text_content(BytesText::new(title))?;
                    }
                    for s in &t.speakers {
                        let id = &agent[s.id.as_str()];
                        w.create_element("ttm:agent")
                            .with_attributes([("type", "person"), ("xml:id", id.as_str())])
                            .write_inner_content(|w| {
                                w.create_element("ttm:name")
                                    .with_attribute(("type", "full"))
                                    .write_text_content(BytesText::new(&s.name))?;
                                Ok(())
                            })?;
                    }
                    Ok(())
                })?;
                Ok(())
            })?;
            w.create_element("body").write_inner_content(|w| {
                w.create_element("div").write_inner_content(|w| {
                    for turn in &t.turns {
                        // A turn without a time has none in TTML either (it lasts as long as its
                        // document); an end is never before the start.
                        let end = crate::model::end_not_before(turn.start, turn.end);
                        let (begin, end) = (turn.start.map(format_clock), end.map(format_clock));
                        let mut p = w.create_element("p");
                        if let Some(begin) = &begin {
                            p = p.with_attribute(("begin", begin.as_str()));
                        }
                        if let Some(end) = &end {
                            p = p.with_attribute(("end", end.as_str()));
                        }
                        if let Some(id) = turn.speaker.as_ref().and_then(|s| agent.get(s.as_str())) {
                            p = p.with_attribute(("ttm:agent", id.as_str()));
                        }
                        p.write_inner_content(|w| {
                            let text = turn.text.replace("\r\n", "\n");
                            for (i, line) in text.split('\n').enumerate() {
                                if i > 0 {
                                    w.create_element("br").write_empty()?;
                                }
                                w.write_event(Event::Text(BytesText::new(line)))?;
                            }
                            Ok(())
                        })?;
                    }
                    Ok(())
                })?;
                Ok(())
            })?;
            Ok(())
        });
    written.map_err(xml::write_error)?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

/// The rates that give frames and ticks their length.
#[derive(Clone, Copy)]
struct Rates {
    frames: f64,
    ticks: f64,
}

/// A TTML time expression in seconds: a clock time (`00:01:02.5`, `00:01:02:12` with frames) or an offset
/// (`62.5s`, `1500ms`, `1.5m`, `1h`, `30f`, `1000t`); and whether it was strict TTML. Apple Music and iTunes
/// write seconds without a unit (`19.764`) and minutes with seconds (`3:47.741`), which are read too.
fn time_expression(s: &str, rates: Rates) -> Option<(f64, bool)> {
    let s = s.trim();
    if let Ok(seconds) = s.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0).then_some((seconds, false));
    }
    let strict = s.matches(':').count() != 1;
    let seconds = if s.contains(':') {
        // Clock times as our other readers take them (exact to the written digits), frames after a
        // fourth colon.
        match s.matches(':').count() {
            1 | 2 => super::time::parse_clock(s)?,
            3 => {
                let (clock, frames) = s.rsplit_once(':')?;
                let frames: f64 = frames.parse().ok().filter(|f: &f64| *f >= 0.0)?;
                super::time::parse_clock(clock)? + frames / rates.frames
            }
            _ => return None,
        }
    } else {
        let unit_at = s.find(|c: char| c.is_ascii_alphabetic())?;
        let value: f64 = s[..unit_at].parse().ok().filter(|n: &f64| *n >= 0.0)?;
        match &s[unit_at..] {
            "h" => value * 3600.0,
            "m" => value * 60.0,
            "s" => value,
            "ms" => value / 1000.0,
            "f" => value / rates.frames,
            "t" => value / rates.ticks,
            _ => return None,
        }
    };
    seconds.is_finite().then_some((seconds, strict))
}

/// A `<p>` as read: its times, its agent's id, its text.
struct Paragraph {
    start: Option<f64>,
    end: Option<f64>,
    agent: Option<std::rc::Rc<str>>,
    text: String,
    /// The timed spans in the text (a word or a syllable each, as lyrics and word-timed captions have
    /// them): where they are in `text`, their begin and end.
    spans: Vec<(std::ops::Range<usize>, f64, f64)>,
}

/// The words of a paragraph's text with the times of the spans they lie in: a word's start is its first
/// span's begin, its end its last span's end. `None` when no span had times.
fn timed_words(p: &Paragraph) -> Option<Vec<Word>> {
    if p.spans.is_empty() {
        return None;
    }
    let mut words = Vec::new();
    let mut at = 0;
    for token in p.text.split_whitespace() {
        let offset = at + p.text[at..].find(token).unwrap_or(0);
        let range = offset..offset + token.len();
        at = range.end;
        let inside: Vec<&(std::ops::Range<usize>, f64, f64)> = p
            .spans
            .iter()
            .filter(|(r, _, _)| r.start < range.end && range.start < r.end)
            .collect();
        let start = inside.first().map(|(_, b, _)| *b);
        let end = inside.last().map(|(_, _, e)| *e);
        words.push(Word::heard(token, start, end, None));
    }
    Some(words)
}

/// Reads TTML: each `<p>` with text is a turn, at its begin and end (or begin plus dur) after the begins
/// of the elements around it; its speaker is the agent it (or an element around it) names.
pub fn parse(src: &str) -> Result<Transcript, ParseError> {
    read(src).map(|(t, _)| t)
}

/// [`parse`], with what the user should know: that times were not strict TTML (Apple Music's and iTunes'
/// files, whose times are the recording's own at every level, not added to the times around them).
fn read(src: &str) -> Result<(Transcript, Vec<String>), ParseError> {
    let mut loose: Option<String> = None;
    let mut absolute = false;
    let mut span_stack: Vec<Option<(usize, f64, f64)>> = Vec::new();
    let mut rates = Rates {
        frames: 30.0,
        ticks: 1.0,
    };
    let mut t = Transcript::new();
    let mut agents: HashMap<String, String> = HashMap::new();
    // The elements open: name, begin offset (absolute), agent.
    let mut stack: Vec<(String, f64, Option<std::rc::Rc<str>>)> = Vec::new();
    let mut agent_being_named: Option<String> = None;
    let mut title = None;
    let mut in_title_or_name = false;
    let mut text_of_name = String::new();
    let mut paragraph: Option<Paragraph> = None;
    let mut found = Vec::new();
    let mut root = None;
    xml::walk(src, |node| {
        match node {
            Node::Open { name, attrs } => {
                if root.is_none() {
                    if name != "tt" {
                        return Err(format!("not TTML: it begins with <{name}>, not <tt>"));
                    }
                    root = Some(());
                    if let Some(rate) = xml::attr(&attrs, "frameRate").and_then(|r| r.parse::<f64>().ok()) {
                        rates.frames = rate.max(1.0);
                    }
                    if let Some(rate) = xml::attr(&attrs, "tickRate").and_then(|r| r.parse::<f64>().ok()) {
                        rates.ticks = rate.max(1.0);
                    }
                    if let Some(lang) = xml::attr(&attrs, "lang").filter(|l| !l.is_empty()) {
                        t.meta.language = Some(lang.to_string());
                    }
                    // Apple's lyrics and iTunes' captions (`xmlns:itunes`, `itunes:timing`) write the
                    // recording's times at every level.
                    absolute = attrs.iter().any(|(k, _)| k == "itunes" || k == "timing");
                }
                let (outer, outer_agent) = stack.last().map_or((0.0, None), |(_, b, a)| (*b, a.clone()));
                let mut time = |key: &str| -> Result<Option<f64>, String> {
                    let Some(v) = xml::attr(&attrs, key) else {
                        return Ok(None);
                    };
                    let (seconds, strict) =
                        time_expression(v, rates).ok_or_else(|| format!("{key}=\"{v}\" is not a TTML time"))?;
                    if !strict && loose.is_none() {
                        loose = Some(v.to_string());
                    }
                    Ok(Some(seconds))
                };
                let begin = time("begin")?;
                let own_end = time("end")?;
                let dur = time("dur")?;
                // Where the recording's times are written at every level, nothing is added up.
                let absolute = absolute || loose.is_some();
                let outer = if absolute { 0.0 } else { outer };
                // Shared, not copied: every element below names its agent, however deep.
                let own_agent = xml::attr(&attrs, "agent")
                    .map(|a| std::rc::Rc::<str>::from(a.split_whitespace().next().unwrap_or("")));
                let agent = own_agent.or(outer_agent);
                match name {
                    "agent" => agent_being_named = xml::attr(&attrs, "id").map(str::to_string),
                    "name" | "title" => {
                        in_title_or_name = true;
                        text_of_name.clear();
                    }
                    "span" => {
                        let timed = paragraph.as_ref().zip(begin).map(|(p, b)| {
                            let start = outer + b;
                            let end = own_end.map(|e| outer + e).or(dur.map(|d| start + d)).unwrap_or(start);
                            (p.text.len(), start, end)
                        });
                        span_stack.push(timed);
                    }
                    "p" => {
                        let start = outer + begin.unwrap_or(0.0);
                        let end = match (own_end, dur) {
                            (Some(end), _) => Some(outer + end),
                            (None, Some(dur)) => Some(start + dur),
                            _ => None,
                        };
                        let start = (begin.is_some() || outer > 0.0).then_some(start);
                        // Times add up through nested elements: what counts is where the paragraph is.
                        for (key, at) in [("begins", start), ("ends", end)] {
                            if let Some(at) = at
                                && let Err(why) = crate::model::check_time(at)
                            {
                                return Err(format!("the paragraph {key} at a time that {why}"));
                            }
                        }
                        paragraph = Some(Paragraph {
                            start,
                            end,
                            agent: agent.clone(),
                            text: String::new(),
                            spans: Vec::new(),
                        });
                    }
                    "br" => {
                        if let Some(p) = paragraph.as_mut() {
                            p.text.push('\n');
                        }
                    }
                    _ => {}
                }
                let here = if absolute {
                    begin.unwrap_or(0.0)
                } else {
                    outer + begin.unwrap_or(0.0)
                };
                stack.push((name.to_string(), here, agent));
            }
            Node::Close { name } => {
                stack.pop();
                match name {
                    "name" if in_title_or_name => {
                        if let Some(id) = &agent_being_named {
                            agents
                                .entry(id.clone())
                                .or_insert_with(|| text_of_name.trim().to_string());
                        }
                        in_title_or_name = false;
                    }
                    "title" if in_title_or_name => {
                        title = Some(text_of_name.trim().to_string());
                        in_title_or_name = false;
                    }
                    "agent" => agent_being_named = None,
                    "p" => found.extend(paragraph.take()),
                    "span" => {
                        if let (Some(Some((from, begin, end))), Some(p)) = (span_stack.pop(), paragraph.as_mut())
                            && p.text.len() > from
                        {
                            p.spans.push((from..p.text.len(), begin, end));
                        }
                    }
                    _ => {}
                }
            }
            Node::Text(text) => {
                if in_title_or_name {
                    text_of_name.push_str(text);
                } else if let Some(p) = paragraph.as_mut() {
                    // White space runs are one space, as TTML presents text by default.
                    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    let before =
                        text.starts_with(char::is_whitespace) && !p.text.is_empty() && !p.text.ends_with(['\n', ' ']);
                    let after = text.ends_with(char::is_whitespace) && !collapsed.is_empty();
                    if before {
                        p.text.push(' ');
                    }
                    p.text.push_str(&collapsed);
                    if after {
                        p.text.push(' ');
                    }
                }
            }
        }
        Ok(())
    })?;
    if root.is_none() {
        return Err(ParseError::new(1, 1, "not TTML: there is no XML in it"));
    }
    t.meta.title = title.filter(|x| !x.is_empty());
    let mut ids = HashMap::new();
    for p in found {
        let words = timed_words(&p);
        let Paragraph {
            start,
            end,
            agent,
            text,
            ..
        } = p;
        let text: String = text.split('\n').map(str::trim).collect::<Vec<_>>().join("\n");
        if text.trim().is_empty() {
            continue;
        }
        let speaker = agent.map(|a| {
            let name = agents.get(&*a).cloned().unwrap_or_else(|| a.to_string());
            ids.entry(name.clone())
                .or_insert_with(|| t.intern_speaker(&name))
                .clone()
        });
        let turn = t.push_turn(speaker, text.trim());
        turn.start = start;
        turn.end = crate::model::end_not_before(start, end);
        if let Some(words) = words {
            turn.words = words.into();
        }
    }
    let warnings = loose
        .map(|v| {
            format!(
                "times such as \"{v}\" are not strict TTML (Apple Music and iTunes write them); they were read as the recording's times"
            )
        })
        .into_iter()
        .collect();
    Ok((t, warnings))
}

impl Format for Ttml {
    fn name(&self) -> &'static str {
        "ttml"
    }
    fn title(&self) -> &'static str {
        "TTML timed text"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["ttml", "dfxp"]
    }
    fn sniff(&self, bytes: &[u8]) -> bool {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1000)]);
        head.contains("<tt ") && head.contains("http://www.w3.org/ns/ttml")
    }
    fn read(&self, bytes: &[u8]) -> Result<Loaded, ParseError> {
        let mut warnings = Vec::new();
        let mut loaded = super::read_text(bytes, |src| {
            let (t, w) = read(src)?;
            warnings = w;
            Ok(t)
        })?;
        loaded.warnings.extend(warnings);
        Ok(loaded)
    }
    fn write(&self, t: &Transcript) -> Result<Vec<u8>, WriteError> {
        render(t)
    }
    fn losses(&self, t: &Transcript) -> Vec<String> {
        let lost = t.meta.media.is_some() || !t.meta.extra.is_empty();
        let mut losses = super::turn_format_losses(t, "the media file and other metadata", lost);
        // TTML readers fold white space (ours as the specification says): a tab or a run of spaces is one.
        if t.turns.iter().any(|x| x.text.contains('\t') || x.text.contains("  ")) {
            losses.push("tabs and runs of spaces inside turns (they come back as one space)".to_string());
        }
        losses
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::formats::rows as turns;

    #[test]
    fn written_with_agents_and_read_back() {
        let mut t = Transcript::new();
        t.meta.title = Some("Aflevering <12>".into());
        t.meta.language = Some("nl".into());
        let mia = t.intern_speaker("Mia & Co");
        for (who, text, start, end) in [
            (Some(&mia), "Welkom.\nTweede regel.", 0.5, 3.25),
            (None, "[muziek]", 3.5, 4.0),
        ] {
            let turn = t.push_turn(who.cloned(), text);
            turn.start = Some(start);
            turn.end = Some(end);
        }
        let written = String::from_utf8(render(&t).expect("writes")).expect("utf-8");
        assert!(
            written.contains(r#"<ttm:agent type="person" xml:id="speaker1">"#),
            "{written}"
        );
        assert!(
            written.contains(r#"ttm:agent="speaker1">Welkom.<br/>Tweede regel.</p>"#),
            "{written}"
        );
        assert!(written.contains(r#"xml:lang="nl""#), "{written}");
        let back = parse(&written).expect("reads back");
        assert_eq!(turns(&back), turns(&t));
        assert_eq!(back.meta.title.as_deref(), Some("Aflevering <12>"));
        assert_eq!(back.meta.language.as_deref(), Some("nl"));
    }

    #[test]
    fn apple_music_lyrics_with_unitless_times_and_word_spans() {
        let loaded = Ttml.read(&crate::formats::fixture("apple-lyrics.ttml")).expect("reads");
        let t = &loaded.transcript;
        assert_eq!(
            turns(t),
            [
                (Some("Lead"), "Morning light on the water", Some(19.764), Some(22.31)),
                (Some("Choir"), "Gardens wake slowly", Some(22.9), Some(26.4)),
                (Some("Lead"), "Sing it once again", Some(62.5), Some(65.0)),
            ],
            "the recording's own times, not added to the div's"
        );
        let words: Vec<(&str, Option<f64>, Option<f64>)> = t.turns[1]
            .words
            .iter()
            .map(|w| (w.text.as_str(), w.start, w.end))
            .collect();
        assert_eq!(
            words,
            [
                ("Gardens", Some(22.9), Some(23.8)),
                ("wake", Some(23.8), Some(24.5)),
                ("slowly", Some(24.5), Some(26.4))
            ],
            "a word of two spans runs from the first's begin to the second's end"
        );
        assert!(t.turns[2].words.is_empty(), "a line without spans has no word times");
        assert_eq!(t.meta.language.as_deref(), Some("en"));
        assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
        assert!(loaded.warnings[0].contains("not strict TTML"), "{}", loaded.warnings[0]);
    }

    #[test]
    fn spans_in_strict_ttml_count_from_their_paragraph() {
        let t = parse(
            "<tt xmlns=\"http://www.w3.org/ns/ttml\"><body><div begin=\"10s\">\
             <p begin=\"1s\" end=\"3s\"><span begin=\"0s\" end=\"1s\">Een</span> <span begin=\"1s\" end=\"2s\">twee</span></p>\
             </div></body></tt>",
        )
        .expect("reads");
        let words: Vec<(Option<f64>, Option<f64>)> = t.turns[0].words.iter().map(|w| (w.start, w.end)).collect();
        assert_eq!(t.turns[0].start, Some(11.0));
        assert_eq!(words, [(Some(11.0), Some(12.0)), (Some(12.0), Some(13.0))]);
    }

    #[test]
    fn times_in_every_form_and_nested_begins() {
        let src = r#"<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"
              ttp:frameRate="25" ttp:tickRate="10000000">
          <body><div begin="10s">
            <p begin="00:00:01.500" end="00:00:02:05">Een</p>
            <p begin="3s" dur="500ms">Twee   en
               <span>drie</span></p>
            <p begin="40000000t" end="0.1m">Vier</p>
            <p begin="1h" end="3601s"><br/></p>
          </div></body></tt>"#;
        let t = parse(src).expect("reads");
        assert_eq!(
            turns(&t),
            [
                (None, "Een", Some(11.5), Some(12.2)),
                (None, "Twee en drie", Some(13.0), Some(13.5)),
                (None, "Vier", Some(14.0), Some(16.0)),
            ]
        );
    }

    #[test]
    fn bad_documents_are_named_with_their_place() {
        let e = parse("<?xml version=\"1.0\"?>\n<html/>").expect_err("not TTML");
        assert!(e.message.contains("not TTML"), "{e}");
        let e = parse("<tt xmlns=\"http://www.w3.org/ns/ttml\">\n<body>\n<p begin=\"soon\">x</p></body></tt>")
            .expect_err("bad time");
        assert!(e.message.contains("begin=\"soon\"") && e.line == 3, "{e}");
    }

    #[test]
    fn the_broadcast_fixture_with_inherited_agents_and_times() {
        let t = Ttml
            .read(&crate::formats::fixture("broadcast.ttml"))
            .expect("reads")
            .transcript;
        assert_eq!(
            turns(&t),
            [
                (Some("Joëlle"), "Welkom terug bij Veldnotities.", Some(2.0), Some(5.48)),
                (Some("Bram"), "Dank je.\nFijn om er te zijn.", Some(5.5), Some(7.5)),
            ]
        );
        assert_eq!(t.meta.title.as_deref(), Some("Daken van Rotterdam"));
        assert_eq!(
            turns(&parse(std::str::from_utf8(&render(&t).expect("writes")).expect("utf-8")).expect("reads back")),
            turns(&t)
        );
    }
}
