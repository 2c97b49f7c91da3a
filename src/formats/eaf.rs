//! ELAN annotation documents (`.eaf`, EAF 3.0), what linguists and interview researchers annotate in: a
//! tier per speaker, each turn an annotation between two time slots in milliseconds (a turn without times
//! has unaligned slots, which ELAN places between their neighbours). Tiers that depend on
//! another (translations, glosses: they have a parent) are not turns and are left out when reading, with a
//! warning.

use super::xml::{self, Node};
use super::{Format, Loaded, ParseError, WriteError};
use crate::model::Transcript;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::collections::HashMap;

pub struct Eaf;

/// When the document was written, as EAF's `DATE` (xsd:dateTime, UTC). `SOURCE_DATE_EPOCH` (seconds since
/// 1970, the reproducible-builds convention) stands for now where set, so that a script or a test gets
/// the same file every time.
fn now_utc() -> String {
    let fixed = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok());
    let secs = fixed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    });
    date_time(secs)
}

/// Seconds since 1970 as xsd:dateTime in UTC.
fn date_time(secs: u64) -> String {
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // The civil date of a day count (Howard Hinnant's algorithm, for days since 1970-01-01).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The MIME type ELAN expects for a recording, by its extension.
fn mime_type(media: &str) -> &'static str {
    match media.rsplit('.').next().map(str::to_ascii_lowercase).as_deref() {
        Some("wav") => "audio/x-wav",
        Some("mp3") => "audio/mpeg",
        Some("m4a" | "aac") => "audio/mp4",
        Some("mp4" | "m4v") => "video/mp4",
        Some("mpg" | "mpeg") => "video/mpeg",
        Some("ogg" | "oga") => "audio/ogg",
        Some("flac") => "audio/flac",
        _ => "unknown",
    }
}

pub fn render(t: &Transcript) -> Result<Vec<u8>, WriteError> {
    xml::refuse_control_characters(t, "an ELAN document")?;
    let ms = |s: f64| (s.max(0.0) * 1000.0).round() as u64;
    // Tiers: a speaker's name, or "(no speaker)" where a turn has none (ELAN names every tier).
    let mut tiers: Vec<(String, Vec<usize>)> = Vec::new();
    let mut tier_of: HashMap<Option<&str>, usize> = HashMap::new();
    for (i, turn) in t.turns.iter().enumerate() {
        let id = turn.speaker.as_ref().map(|s| s.as_str());
        let k = *tier_of.entry(id).or_insert_with(|| {
            let name = t.speaker_name(turn.speaker.as_ref()).unwrap_or(NO_SPEAKER).to_string();
            tiers.push((name, Vec::new()));
            tiers.len() - 1
        });
        tiers[k].1.push(i);
    }
    // Tier ids must differ: two speakers of one name get a number.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (name, _) in &mut tiers {
        let n = seen.entry(name.clone()).or_default();
        *n += 1;
        if *n > 1 {
            *name = format!("{name} ({n})");
        }
    }
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 4);
    let io = |r: std::io::Result<()>| r.map_err(xml::write_error);
    io(w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None))))?;
    let date = now_utc();
    let written = w
        .create_element("ANNOTATION_DOCUMENT")
        .with_attributes([
            ("AUTHOR", ""),
            ("DATE", date.as_str()),
            ("FORMAT", "3.0"),
            ("VERSION", "3.0"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:noNamespaceSchemaLocation",
                "http://www.mpi.nl/tools/elan/EAFv3.0.xsd",
            ),
        ])
        .write_inner_content(|w| {
            w.create_element("HEADER")
                .with_attributes([("MEDIA_FILE", ""), ("TIME_UNITS", "milliseconds")])
                .write_inner_content(|w| {
                    if let Some(media) = &t.meta.media {
                        let absolute = std::path::Path::new(media).is_absolute();
                        let url = format!("file://{}{media}", if absolute { "" } else { "/" });
                        let mut e = w
                            .create_element("MEDIA_DESCRIPTOR")
                            .with_attributes([("MEDIA_URL", url.as_str()), ("MIME_TYPE", mime_type(media))]);
                        let relative = format!("./{media}");
                        if !absolute {
                            e = e.with_attribute(("RELATIVE_MEDIA_URL", relative.as_str()));
                        }
                        e.write_empty()?;
                    }
                    Ok(())
                })?;
            // Two time slots per turn, numbered in turn order; a time the turn does not have is an
            // unaligned slot (ELAN places it between its neighbours).
            w.create_element("TIME_ORDER").write_inner_content(|w| {
                for (i, turn) in t.turns.iter().enumerate() {
                    let end = crate::model::end_not_before(turn.start, turn.end);
                    for (k, at) in [(2 * i + 1, turn.start), (2 * i + 2, end)] {
                        let id = format!("ts{k}");
                        let value = at.map(|at| ms(at).to_string());
                        let mut slot = w
                            .create_element("TIME_SLOT")
                            .with_attribute(("TIME_SLOT_ID", id.as_str()));
                        if let Some(value) = &value {
                            slot = slot.with_attribute(("TIME_VALUE", value.as_str()));
                        }
                        slot.write_empty()?;
                    }
                }
                Ok(())
            })?;
            for (name, turns) in &tiers {
                let participant = if name == NO_SPEAKER { "" } else { name.as_str() };
                w.create_element("TIER")
                    .with_attributes([
                        ("LINGUISTIC_TYPE_REF", "utterance"),
                        ("PARTICIPANT", participant),
                        ("TIER_ID", name.as_str()),
                    ])
                    .write_inner_content(|w| {
                        for &i in turns {
                            w.create_element("ANNOTATION").write_inner_content(|w| {
                                w.create_element("ALIGNABLE_ANNOTATION")
                                    .with_attributes([
                                        ("ANNOTATION_ID", format!("a{}", i + 1).as_str()),
                                        ("TIME_SLOT_REF1", format!("ts{}", 2 * i + 1).as_str()),
                                        ("TIME_SLOT_REF2", format!("ts{}", 2 * i + 2).as_str()),
                                    ])
                                    .write_inner_content(|w| {
                                        w.create_element("ANNOTATION_VALUE")
                                            .write_text_content(BytesText::new(&t.turns[i].text))?;
                                        Ok(())
                                    })?;
                                Ok(())
                            })?;
                        }
                        Ok(())
                    })?;
            }
            w.create_element("LINGUISTIC_TYPE")
                .with_attributes([
                    ("GRAPHIC_REFERENCES", "false"),
                    ("LINGUISTIC_TYPE_ID", "utterance"),
                    ("TIME_ALIGNABLE", "true"),
                ])
                .write_empty()?;
            Ok(())
        });
    written.map_err(xml::write_error)?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

/// The tier name for turns without a speaker.
const NO_SPEAKER: &str = "(no speaker)";

/// An annotation as read: its tier, time slots and text.
struct Annotation {
    tier: usize,
    slots: (String, String),
    text: String,
}

/// Reads an EAF document: each annotation of a tier without a parent is a turn of the tier's participant
/// (or, without one, of the tier's name), at its time slots' times; the turns in the order of the time
/// slots (ELAN keeps them in order of time).
pub fn read_eaf(src: &str) -> Result<(Transcript, Vec<String>), ParseError> {
    // Each time slot's place in TIME_ORDER (the document's order of time) and its time, if aligned.
    let mut slots: HashMap<String, (usize, Option<f64>)> = HashMap::new();
    let mut tiers: Vec<(String, bool)> = Vec::new();
    let mut annotations: Vec<Annotation> = Vec::new();
    let mut media = None;
    let mut in_value = false;
    // Whether the annotation being read is an aligned one (a turn), not a reference to another.
    let mut aligned = false;
    let mut root = None;
    xml::walk(src, |node| {
        match node {
            Node::Open { name, attrs } => {
                if root.is_none() {
                    root = Some(name.to_string());
                    if name != "ANNOTATION_DOCUMENT" {
                        return Err(format!(
                            "not an ELAN document: it begins with <{name}>, not <ANNOTATION_DOCUMENT>"
                        ));
                    }
                }
                match name {
                    "TIME_SLOT" => {
                        let id = xml::attr(&attrs, "TIME_SLOT_ID").ok_or("a TIME_SLOT without a TIME_SLOT_ID")?;
                        let value = match xml::attr(&attrs, "TIME_VALUE") {
                            None => None,
                            Some(v) => {
                                let ms: u64 = v.trim().parse().map_err(|_| {
                                    format!("time slot {id} has TIME_VALUE \"{v}\", not a number of milliseconds")
                                })?;
                                let seconds = ms as f64 / 1000.0;
                                crate::model::check_time(seconds).map_err(|why| {
                                    format!("time slot {id} has TIME_VALUE \"{v}\" (milliseconds), which {why}")
                                })?;
                                Some(seconds)
                            }
                        };
                        let place = slots.len();
                        slots.insert(id.to_string(), (place, value));
                    }
                    "TIER" => {
                        let id = xml::attr(&attrs, "TIER_ID").unwrap_or_default();
                        let who = xml::attr(&attrs, "PARTICIPANT")
                            .filter(|p| !p.trim().is_empty())
                            .unwrap_or(id);
                        let dependent = xml::attr(&attrs, "PARENT_REF").is_some();
                        tiers.push((who.trim().to_string(), dependent));
                    }
                    "ALIGNABLE_ANNOTATION" => {
                        let (Some(a), Some(b)) =
                            (xml::attr(&attrs, "TIME_SLOT_REF1"), xml::attr(&attrs, "TIME_SLOT_REF2"))
                        else {
                            return Err("an annotation without TIME_SLOT_REF1 and TIME_SLOT_REF2".to_string());
                        };
                        // TIME_ORDER comes before the tiers: a slot it does not have is named here, where
                        // the annotation is.
                        if let Some(missing) = [a, b].into_iter().find(|id| !slots.contains_key(*id)) {
                            return Err(format!(
                                "this annotation refers to time slot {missing}, which TIME_ORDER does not have"
                            ));
                        }
                        aligned = true;
                        annotations.push(Annotation {
                            tier: tiers.len().saturating_sub(1),
                            slots: (a.to_string(), b.to_string()),
                            text: String::new(),
                        });
                    }
                    "REF_ANNOTATION" => aligned = false,
                    "ANNOTATION_VALUE" => in_value = aligned,
                    "MEDIA_DESCRIPTOR" if media.is_none() => {
                        let url = xml::attr(&attrs, "RELATIVE_MEDIA_URL").or(xml::attr(&attrs, "MEDIA_URL"));
                        media = url.map(|u| {
                            let path = u.strip_prefix("file://").unwrap_or(u);
                            path.strip_prefix("./").unwrap_or(path).to_string()
                        });
                    }
                    _ => {}
                }
            }
            Node::Close {
                name: "ANNOTATION_VALUE",
            } => in_value = false,
            Node::Text(text) if in_value => {
                if let Some(a) = annotations.last_mut() {
                    a.text.push_str(text);
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    if root.is_none() {
        return Err(ParseError::new(1, 1, "not an ELAN document: there is no XML in it"));
    }
    let slot = |id: &str| -> Result<(usize, Option<f64>), ParseError> {
        match slots.get(id) {
            Some(s) => Ok(*s),
            None => Err(ParseError::new(
                1,
                1,
                format!("an annotation refers to time slot {id}, which TIME_ORDER does not have"),
            )),
        }
    };
    let mut warnings = Vec::new();
    let dependent: Vec<&str> = tiers.iter().filter(|(_, d)| *d).map(|(n, _)| n.as_str()).collect();
    if !dependent.is_empty() {
        warnings.push(format!(
            "left out {} dependent tier(s) ({}): their annotations belong to another tier's",
            dependent.len(),
            dependent.join(", ")
        ));
    }
    let mut found = Vec::new();
    for a in annotations {
        if tiers.get(a.tier).is_none_or(|(_, dependent)| *dependent) || a.text.trim().is_empty() {
            continue;
        }
        let ((place, start), (_, end)) = (slot(&a.slots.0)?, slot(&a.slots.1)?);
        found.push((place, start, end, a.tier, a.text));
    }
    // In the order of TIME_ORDER, which places unaligned slots among the aligned ones.
    found.sort_by_key(|&(place, _, _, tier, _)| (place, tier));
    let mut t = Transcript::new();
    t.meta.media = media;
    let mut ids = HashMap::new();
    for (_, start, end, tier, text) in found {
        let name = &tiers[tier].0;
        let speaker = (!name.is_empty() && name != NO_SPEAKER).then(|| {
            ids.entry(name.clone())
                .or_insert_with(|| t.intern_speaker(name))
                .clone()
        });
        let turn = t.push_turn(speaker, text.trim());
        turn.start = start;
        turn.end = crate::model::end_not_before(start, end);
    }
    Ok((t, warnings))
}

impl Format for Eaf {
    fn name(&self) -> &'static str {
        "eaf"
    }
    fn title(&self) -> &'static str {
        "ELAN annotation document"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["eaf"]
    }
    fn sniff(&self, bytes: &[u8]) -> bool {
        String::from_utf8_lossy(&bytes[..bytes.len().min(500)]).contains("<ANNOTATION_DOCUMENT")
    }
    fn read(&self, bytes: &[u8]) -> Result<Loaded, ParseError> {
        let mut warnings = Vec::new();
        let mut loaded = super::read_text(bytes, |src| {
            let (t, w) = read_eaf(src)?;
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
        let meta = &t.meta;
        let lost = meta.title.is_some() || meta.language.is_some() || !meta.extra.is_empty();
        super::turn_format_losses(t, "the title and language", lost)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Transcript {
        let mut t = Transcript::new();
        t.meta.media = Some("interview.wav".into());
        let mia = t.intern_speaker("Mia");
        let bram = t.intern_speaker("Bram & co");
        for (who, text, start, end) in [
            (Some(&mia), "Welkom <allemaal>.", 0.5, 3.25),
            (Some(&bram), "Dank je.", 3.5, 4.0),
            (None, "[muziek]", 4.0, 5.0),
            (Some(&mia), "Zullen we beginnen?", 5.0, 6.125),
        ] {
            let turn = t.push_turn(who.cloned(), text);
            turn.start = Some(start);
            turn.end = Some(end);
        }
        t
    }

    use crate::formats::rows as turns;

    #[test]
    fn written_as_a_tier_per_speaker_and_read_back() {
        let t = sample();
        let written = String::from_utf8(render(&t).expect("writes")).expect("utf-8");
        assert!(
            written.contains(r#"<TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="500"/>"#),
            "{written}"
        );
        assert!(written.contains(r#"TIER_ID="Bram &amp; co""#), "{written}");
        assert!(
            written.contains("<ANNOTATION_VALUE>Welkom &lt;allemaal&gt;.</ANNOTATION_VALUE>"),
            "{written}"
        );
        assert!(written.contains(r#"MIME_TYPE="audio/x-wav""#), "{written}");
        let (back, warnings) = read_eaf(&written).expect("reads back");
        assert!(warnings.is_empty());
        assert_eq!(turns(&back), turns(&t));
        assert_eq!(back.meta.media.as_deref(), Some("interview.wav"));
    }

    #[test]
    fn dependent_tiers_are_left_out_with_a_warning() {
        let src = r#"<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT FORMAT="3.0" VERSION="3.0">
  <HEADER TIME_UNITS="milliseconds"/>
  <TIME_ORDER><TIME_SLOT TIME_SLOT_ID="t1" TIME_VALUE="1200"/><TIME_SLOT TIME_SLOT_ID="t2" TIME_VALUE="2500"/></TIME_ORDER>
  <TIER TIER_ID="A" PARTICIPANT="Anna" LINGUISTIC_TYPE_REF="u">
    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="t1" TIME_SLOT_REF2="t2"><ANNOTATION_VALUE>Goedemorgen.</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
  </TIER>
  <TIER TIER_ID="A-en" PARENT_REF="A" LINGUISTIC_TYPE_REF="t">
    <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a2" ANNOTATION_REF="a1"><ANNOTATION_VALUE>Good morning.</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
  </TIER>
</ANNOTATION_DOCUMENT>"#;
        let (t, warnings) = read_eaf(src).expect("reads");
        assert_eq!(turns(&t), [(Some("Anna"), "Goedemorgen.", Some(1.2), Some(2.5))]);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("A-en"), "{warnings:?}");
    }

    #[test]
    fn bad_documents_are_named_with_their_place() {
        let e = read_eaf("<?xml version=\"1.0\"?>\n<tt/>").expect_err("not ELAN");
        assert!(e.message.contains("not an ELAN document"), "{e}");
        let e = read_eaf("<ANNOTATION_DOCUMENT>\n<TIME_ORDER>\n<TIME_SLOT TIME_SLOT_ID=\"t1\" TIME_VALUE=\"soon\"/>")
            .expect_err("bad time");
        assert!(e.message.contains("\"soon\"") && e.line == 3, "{e}");
        let e =
            read_eaf("<ANNOTATION_DOCUMENT>\n<TIER TIER_ID=\"A\">\n<ANNOTATION></TIER>").expect_err("not well-formed");
        assert!(e.message.contains("not well-formed"), "{e}");
    }

    #[test]
    fn dates_are_utc_date_times() {
        assert_eq!(date_time(0), "1970-01-01T00:00:00Z");
        assert_eq!(date_time(1_795_000_000), "2026-11-18T11:06:40Z");
        assert_eq!(date_time(951_782_400 + 86_399), "2000-02-29T23:59:59Z", "a leap day");
    }

    #[test]
    fn the_fixture_with_a_translation_tier() {
        let loaded = Eaf.read(&crate::formats::fixture("interview.eaf")).expect("reads");
        let t = &loaded.transcript;
        assert_eq!(
            turns(t),
            [
                (
                    Some("Anna de Wit"),
                    "Hoe ben je begonnen met tellen op daken?",
                    Some(0.25),
                    Some(4.1)
                ),
                (Some("Bram"), "Eh, per ongeluk.", Some(4.3), Some(5.0)),
                (
                    Some("Bram"),
                    "Op het dak naast mijn pakhuis broedden scholeksters & ik schreef op wanneer ze kwamen.",
                    Some(5.2),
                    Some(11.75)
                ),
            ]
        );
        assert_eq!(t.meta.media.as_deref(), Some("daken.wav"));
        assert!(
            loaded.warnings.iter().any(|w| w.contains("B-en")),
            "{:?}",
            loaded.warnings
        );
        let (back, _) = read_eaf(std::str::from_utf8(&render(t).expect("writes")).expect("utf-8")).expect("reads back");
        assert_eq!(turns(&back), turns(t));
    }

    #[test]
    fn a_turn_without_times_has_unaligned_slots() {
        let mut t = sample();
        (t.turns[1].start, t.turns[1].end) = (None, None);
        let written = String::from_utf8(render(&t).expect("writes")).expect("utf-8");
        assert!(written.contains(r#"<TIME_SLOT TIME_SLOT_ID="ts3"/>"#), "{written}");
        let (back, _) = read_eaf(&written).expect("reads back");
        assert_eq!(turns(&back), turns(&t));
    }
}
