//! CHAT (`.cha`), the transcripts of CLAN and the CHILDES and TalkBank corpora: `@` headers (the
//! `@Participants` give each speaker's code, name and role), `*CODE:` main tiers, one utterance each, as
//! turns, and `%mor`, `%gra` and other dependent tiers, which are left out with a warning. A time mark
//! `\x15start_end\x15` (milliseconds) gives a turn its times. CHAT puts a space before an utterance's final
//! `.`, `?` or `!`: the turn reads `Hello.` and is written back as `Hello .`. Names are read as they stand
//! (`SPEAKER_00` stays itself); a name's spaces are written as underscores (`Mia_de_Vries`), as CHAT has
//! no other way to write them.

use super::{Format, Loaded, ParseError, WriteError};
use crate::model::{SpeakerId, Transcript};
use std::collections::HashMap;

pub struct Chat;

/// CHAT's time mark: a NAK character on each side.
const BULLET: char = '\u{15}';

/// ISO 639-1 codes and the ISO 639-3 codes CHAT's `@Languages` takes.
const LANGUAGES: &[(&str, &str)] = &[
    ("en", "eng"),
    ("nl", "nld"),
    ("de", "deu"),
    ("fr", "fra"),
    ("es", "spa"),
    ("it", "ita"),
    ("pt", "por"),
    ("zh", "zho"),
    ("ja", "jpn"),
    ("ko", "kor"),
    ("ar", "ara"),
    ("he", "heb"),
    ("tr", "tur"),
    ("pl", "pol"),
    ("ru", "rus"),
    ("sv", "swe"),
    ("da", "dan"),
    ("nb", "nob"),
    ("fi", "fin"),
    ("el", "ell"),
    ("hi", "hin"),
];

/// A turn's text as CHAT reads it: a space before the final `.`, `?` or `!`, none elsewhere added.
fn terminated(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().last() {
        Some((i, '.' | '?' | '!')) if i > 0 => format!("{} {}", &text[..i], &text[i..]),
        _ => text,
    }
}

/// The reverse of [`terminated`]: `Hello .` reads `Hello.`.
fn unterminated(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().last() {
        Some((i, '.' | '?' | '!')) if text[..i].ends_with(' ') => format!("{}{}", &text[..i - 1], &text[i..]),
        _ => text,
    }
}

/// A time mark's milliseconds: `1200_3400`.
fn bullet(inner: &str) -> Option<(f64, f64)> {
    let (a, b) = inner.trim().split_once('_')?;
    let (a, b): (u64, u64) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    Some((a as f64 / 1000.0, b as f64 / 1000.0))
}

/// The text of a main tier without its time marks, and the times they give (the first start, the last end).
fn without_bullets(text: &str, line: usize) -> Result<(String, Option<(f64, f64)>), ParseError> {
    let mut out = String::with_capacity(text.len());
    let mut times: Option<(f64, f64)> = None;
    let mut rest = text;
    while let Some(open) = rest.find(BULLET) {
        out.push_str(&rest[..open]);
        let after = &rest[open + BULLET.len_utf8()..];
        let close = after
            .find(BULLET)
            .ok_or_else(|| ParseError::new(line, 1, "a time mark is opened (\\x15) and not closed"))?;
        let inner = &after[..close];
        let (start, end) = bullet(inner).ok_or_else(|| {
            ParseError::new(
                line,
                1,
                format!("the time mark {inner:?} is not start_end in milliseconds"),
            )
        })?;
        for s in [start, end] {
            crate::model::check_time(s)
                .map_err(|why| ParseError::new(line, 1, format!("the time mark {inner:?}: the time {why}")))?;
        }
        times = Some(times.map_or((start, end), |(first, _)| (first, end)));
        rest = &after[close + BULLET.len_utf8()..];
    }
    out.push_str(rest);
    Ok((out, times))
}

/// The lines of a CHAT file with their continuations (lines that start with a tab) joined, each with the
/// number of its first line.
fn logical_lines(src: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for (n, line) in super::line::lines(src).enumerate() {
        match out.last_mut() {
            Some(last) if line.starts_with('\t') => {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
            _ if line.trim().is_empty() => {}
            _ => out.push((n + 1, line.trim_end().to_string())),
        }
    }
    out
}

pub fn parse(src: &str) -> Result<(Transcript, Vec<String>), ParseError> {
    let mut t = Transcript::new();
    let src = src.trim_start_matches('\u{feff}');
    let mut names: HashMap<String, String> = HashMap::new();
    let mut ids: HashMap<String, SpeakerId> = HashMap::new();
    let mut dependent: Vec<String> = Vec::new();
    let mut dependent_lines = 0;
    for (n, line) in logical_lines(src) {
        if let Some(header) = line.strip_prefix('@') {
            let (key, value) = header.split_once(':').unwrap_or((header, ""));
            match key.trim() {
                "Participants" => {
                    for entry in value.split(',') {
                        let fields: Vec<&str> = entry.split_whitespace().collect();
                        if let [code, name, _, ..] = fields[..] {
                            names.insert(code.to_string(), name.to_string());
                        }
                    }
                }
                "Languages" => {
                    let first = value.split([',', ' ', '\t']).map(str::trim).find(|l| !l.is_empty());
                    t.meta.language = first.map(|code| {
                        LANGUAGES
                            .iter()
                            .find(|(_, three)| *three == code)
                            .map_or(code.to_string(), |(two, _)| two.to_string())
                    });
                }
                _ => {}
            }
        } else if let Some(main) = line.strip_prefix('*') {
            let (code, text) = main.split_once(':').ok_or_else(|| {
                ParseError::new(
                    n,
                    1,
                    "an utterance line has no colon after its speaker's code (*MOT: …)",
                )
            })?;
            let code = code.trim();
            let (text, times) = without_bullets(text, n)?;
            let name = names.get(code).cloned().unwrap_or_else(|| code.to_string());
            let speaker = ids
                .entry(name.clone())
                .or_insert_with(|| t.intern_speaker(&name))
                .clone();
            let turn = t.push_turn(Some(speaker), unterminated(&text));
            turn.start = times.map(|x| x.0);
            turn.end = crate::model::end_not_before(turn.start, times.map(|x| x.1));
        } else if let Some(tier) = line.strip_prefix('%') {
            let name = format!("%{}", tier.split(':').next().unwrap_or_default().trim());
            if !dependent.contains(&name) {
                dependent.push(name);
            }
            dependent_lines += 1;
        } else {
            let first = line.chars().next().unwrap_or(' ');
            return Err(ParseError::new(
                n,
                1,
                format!(
                    "a CHAT line starts with * (an utterance), % (a dependent tier), @ (a header) or a tab (a \
                     continuation); this one starts with {first:?}"
                ),
            ));
        }
    }
    let mut warnings = Vec::new();
    let last = src.lines().rev().map(str::trim).find(|l| !l.is_empty());
    if last.is_some() && last != Some("@End") {
        warnings.push("the file does not end with @End, as CHAT files do: it may be cut short".to_string());
    }
    if t.turns.is_empty() && last.is_some() {
        warnings.push("the file has no utterances (lines such as *MOT: …), only headers".to_string());
    }
    if !dependent.is_empty() {
        warnings.push(format!(
            "the dependent tiers {} ({dependent_lines} line{}) were left out",
            dependent.join(", "),
            if dependent_lines == 1 { "" } else { "s" }
        ));
    }
    Ok((t, warnings))
}

/// Each speaker's CHAT code: up to three capitals from their name, unique (`MIA`, `HAK`, `SP2`); `UNK`
/// is kept for turns without a speaker.
fn codes(t: &Transcript) -> Vec<(String, String)> {
    let mut taken: Vec<String> = vec!["UNK".to_string()];
    let mut out = Vec::new();
    for (k, speaker) in t.speakers.iter().enumerate() {
        let letters: String = speaker
            .name
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(3)
            .collect::<String>()
            .to_ascii_uppercase();
        let code = if letters.starts_with(|c: char| c.is_ascii_alphabetic()) && !taken.contains(&letters) {
            letters
        } else {
            (k + 1..)
                .map(|n| format!("SP{n}"))
                .find(|c| !taken.contains(c))
                .unwrap_or_default()
        };
        taken.push(code.clone());
        out.push((speaker.name.clone(), code));
    }
    out
}

/// A name as a field of `@Participants`: spaces (and commas, which separate participants) as underscores.
fn name_field(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

pub fn render(t: &Transcript) -> Result<String, WriteError> {
    if let Some(i) = t.turns.iter().position(|x| x.text.contains(BULLET)) {
        return Err(WriteError(format!(
            "turn {} holds the control character U+0015, which CHAT uses for its time marks; remove it or save as JSON",
            i + 1
        )));
    }
    let codes = codes(t);
    let code_of: HashMap<&str, &str> = codes.iter().map(|(n, c)| (n.as_str(), c.as_str())).collect();
    let language = t.meta.language.as_deref().and_then(|l| {
        let primary = l.split(['-', '_']).next().unwrap_or(l).to_ascii_lowercase();
        LANGUAGES
            .iter()
            .find(|(two, three)| *two == primary || *three == primary)
            .map(|(_, three)| three.to_string())
    });
    let mut participants: Vec<String> = codes
        .iter()
        .map(|(name, code)| match name_field(name) {
            field if field.is_empty() => format!("{code} Unidentified"),
            field => format!("{code} {field} Unidentified"),
        })
        .collect();
    let unlabelled = t.turns.iter().any(|x| x.speaker.is_none());
    if unlabelled {
        participants.push("UNK Unidentified".to_string());
    }
    let mut out = String::from("@UTF8\n@Begin\n");
    if let Some(language) = &language {
        out.push_str(&format!("@Languages:\t{language}\n"));
    }
    out.push_str(&format!("@Participants:\t{}\n", participants.join(", ")));
    for entry in &participants {
        let mut fields = entry.split(' ');
        let code = fields.next().unwrap_or_default();
        out.push_str(&format!(
            "@ID:\t{}|transcript|{code}|||||Unidentified|||\n",
            language.as_deref().unwrap_or_default()
        ));
    }
    for turn in &t.turns {
        let code = t
            .speaker_name(turn.speaker.as_ref())
            .and_then(|name| code_of.get(name).copied())
            .unwrap_or("UNK");
        out.push_str(&format!("*{code}:\t{}", terminated(&turn.text)));
        if let (Some(start), Some(end)) = (turn.start, turn.end) {
            let ms = |s: f64| (s.max(0.0) * 1000.0).round() as u64;
            out.push_str(&format!(" {BULLET}{}_{}{BULLET}", ms(start), ms(end)));
        }
        out.push('\n');
    }
    out.push_str("@End\n");
    Ok(out)
}

fn losses(t: &Transcript) -> Vec<String> {
    let mut out = Vec::new();
    if t.meta.title.is_some() || t.meta.media.is_some() || !t.meta.extra.is_empty() {
        out.push("the title, media file and other metadata".to_string());
    }
    if t.turns.iter().any(|x| x.speaker.is_none()) {
        out.push("turns without a speaker (they are written as the participant UNK)".to_string());
    }
    if t.speakers.iter().any(|s| name_field(&s.name) != s.name) {
        out.push("spaces and commas in speaker names (they are written as _)".to_string());
    }
    if t.turns.iter().any(|x| x.text.contains('\n')) {
        out.push("line breaks inside turns".to_string());
    }
    if t.turns.iter().any(|x| x.start.is_some() != x.end.is_some()) {
        out.push("the times of turns with a start and no end, or an end and no start".to_string());
    }
    if t.turns
        .iter()
        .any(|x| unterminated(&terminated(&x.text)) != x.text.split_whitespace().collect::<Vec<_>>().join(" "))
    {
        out.push("a space before a turn's final . ? or !".to_string());
    }
    out.extend(super::review_losses(t, false, true));
    out
}

impl Format for Chat {
    fn name(&self) -> &'static str {
        "chat"
    }
    fn title(&self) -> &'static str {
        "CHAT (CLAN)"
    }
    fn is_lines(&self) -> bool {
        true
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["cha"]
    }
    fn sniff(&self, bytes: &[u8]) -> bool {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
        let first = head.trim_start_matches('\u{feff}').trim_start();
        first.starts_with("@UTF8") || first.starts_with("@Begin")
    }
    fn read(&self, bytes: &[u8]) -> Result<Loaded, ParseError> {
        super::read_text_warned(bytes, parse)
    }
    fn write(&self, t: &Transcript) -> Result<Vec<u8>, WriteError> {
        render(t).map(String::into_bytes)
    }
    fn losses(&self, t: &Transcript) -> Vec<String> {
        losses(t)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{fixture, rows};
    use super::*;

    #[test]
    fn participants_utterances_time_marks_and_dependent_tiers() {
        let loaded = Chat.read(&fixture("gesprek.cha")).expect("reads");
        let t = &loaded.transcript;
        assert_eq!(
            rows(t),
            [
                (Some("Mia_de_Vries"), "welkom bij het gesprek.", Some(0.0), Some(3.2)),
                (
                    Some("Hakar"),
                    "dank je, heel fijn dat ik er mag zijn.",
                    Some(3.2),
                    Some(6.5)
                ),
                (Some("Mia_de_Vries"), "&-uh waar woon je nu?", Some(6.9), Some(8.25)),
                (Some("CHI"), "xxx!", Some(8.6), Some(9.1)),
            ]
        );
        assert_eq!(t.meta.language.as_deref(), Some("nl"));
        assert_eq!(
            loaded.warnings,
            ["the dependent tiers %mor, %gra, %com (4 lines) were left out"]
        );
    }

    #[test]
    fn written_as_chat_and_read_back() {
        let t = Chat.read(&fixture("gesprek.cha")).expect("reads").transcript;
        let written = render(&t).expect("writes");
        assert!(written.starts_with("@UTF8\n@Begin\n@Languages:\tnld\n"), "{written}");
        assert!(
            written.contains(
                "@Participants:\tMIA Mia_de_Vries Unidentified, HAK Hakar Unidentified, CHI CHI Unidentified\n"
            ),
            "{written}"
        );
        assert!(
            written.contains("*MIA:\twelkom bij het gesprek . \u{15}0_3200\u{15}\n"),
            "{written}"
        );
        assert!(
            written.ends_with("*CHI:\txxx ! \u{15}8600_9100\u{15}\n@End\n"),
            "{written}"
        );
        assert_eq!(parse(&written).expect("reads back").0, t);
        assert!(losses(&t).is_empty(), "{:?}", losses(&t));
    }

    #[test]
    fn codes_are_unique_and_turns_without_a_speaker_are_unk() {
        let mut t = Transcript::new();
        for name in ["Mia", "Mia's sister", "张伟", ""] {
            let id = t.intern_speaker(name);
            t.push_turn(Some(id), "Ja.");
        }
        t.push_turn(None, "Nee.");
        let codes: Vec<String> = codes(&t).into_iter().map(|(_, c)| c).collect();
        assert_eq!(codes, ["MIA", "SP2", "SP3", "SP4"]);
        let written = render(&t).expect("writes");
        assert!(written.contains("*UNK:\tNee .\n"), "{written}");
        assert!(losses(&t).iter().any(|l| l.starts_with("turns without a speaker")));
    }

    #[test]
    fn a_file_cut_short_or_without_utterances_says_so() {
        let cut = String::from_utf8(fixture("gesprek.cha")).expect("utf-8");
        let cut = &cut[..cut.find("*CHI").expect("a CHI line")];
        let (t, warnings) = parse(cut).expect("reads");
        assert_eq!(t.turns.len(), 3);
        assert!(warnings[0].contains("may be cut short"), "{warnings:?}");
        let (t, warnings) = parse("@UTF8\n@Begin\n@Participants:\tMOT Mother\n@End\n").expect("reads");
        assert!(t.turns.is_empty());
        assert_eq!(
            warnings,
            ["the file has no utterances (lines such as *MOT: …), only headers"]
        );
    }

    #[test]
    fn what_is_wrong_is_named_by_its_line() {
        let e = parse("@Begin\n*MOT:\thi . \u{15}12_x\u{15}\n").expect_err("bad mark");
        assert_eq!(
            (e.line, e.message.as_str()),
            (2, "the time mark \"12_x\" is not start_end in milliseconds")
        );
        let e = parse("@Begin\nhello\n").expect_err("bad line");
        assert_eq!(e.line, 2);
        assert!(e.message.contains("this one starts with 'h'"), "{e}");
        let e = parse("@Begin\n*MOT hi .\n").expect_err("no colon");
        assert!(e.message.contains("no colon"), "{e}");
    }
}
