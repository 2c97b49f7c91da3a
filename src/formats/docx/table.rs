//! Word reports with the transcript in a table (meeting tools, transcription services, colleagues): a
//! first row that names the columns (start, speaker, text, in the languages people write them in), then a
//! row per turn.

use crate::formats::time::parse_clock;
use crate::model::{SpeakerId, Transcript};
use std::collections::HashMap;

/// Rows of cells' texts.
pub(super) type Table = Vec<Vec<String>>;

#[derive(Clone, Copy, PartialEq, Debug)]
enum Column {
    Speaker,
    Text,
    Start,
    End,
}

/// What a heading cell names, in English, Dutch, German, French, Spanish, Chinese and Japanese.
fn column(heading: &str) -> Option<Column> {
    let h = heading.trim().trim_end_matches([':', '：']).trim().to_lowercase();
    const SPEAKER: &[&str] = &[
        "speaker",
        "name",
        "who",
        "participant",
        "spreker",
        "naam",
        "sprecher",
        "sprecherin",
        "name/sprecher",
        "locuteur",
        "intervenant",
        "hablante",
        "orador",
        "说话人",
        "发言人",
        "讲者",
        "話者",
        "発言者",
        "講演者",
    ];
    const TEXT: &[&str] = &[
        "text",
        "transcript",
        "transcription",
        "utterance",
        "content",
        "what was said",
        "tekst",
        "inhoud",
        "transcriptie",
        "transkript",
        "transkription",
        "texte",
        "transcription du texte",
        "texto",
        "transcripción",
        "内容",
        "文本",
        "发言内容",
        "文字",
        "発言",
        "発言内容",
        "テキスト",
    ];
    const START: &[&str] = &[
        "start",
        "time",
        "start time",
        "begin",
        "timestamp",
        "timecode",
        "tijd",
        "begintijd",
        "starttijd",
        "zeit",
        "startzeit",
        "beginn",
        "temps",
        "début",
        "heure",
        "tiempo",
        "inicio",
        "时间",
        "开始",
        "开始时间",
        "時間",
        "開始",
        "開始時間",
        "タイムスタンプ",
    ];
    const END: &[&str] = &[
        "end",
        "end time",
        "stop",
        "eind",
        "eindtijd",
        "einde",
        "ende",
        "endzeit",
        "fin",
        "结束",
        "结束时间",
        "終了",
        "終了時間",
    ];
    [
        (SPEAKER, Column::Speaker),
        (TEXT, Column::Text),
        (START, Column::Start),
        (END, Column::End),
    ]
    .into_iter()
    .find(|(names, _)| names.contains(&h.as_str()))
    .map(|(_, c)| c)
}

/// A time as reports write it: `00:01:23`, `1:23`, `00:01:23.500` or `00:01:23,500`, or seconds (`83.5`).
fn time(cell: &str) -> Option<f64> {
    let c = cell.trim().trim_start_matches('[').trim_end_matches(']').trim();
    parse_clock(c)
        .or_else(|| c.parse::<f64>().ok().filter(|s| s.is_finite() && *s >= 0.0))
        .filter(|s| crate::model::check_time(*s).is_ok())
}

/// The transcript of the first table laid out as a transcript (a text column, and a speaker or start
/// column), or `None` when the document has no such table.
pub(super) fn transcript(tables: &[Table]) -> Option<Transcript> {
    for table in tables {
        let Some((head, rows)) = table.split_first() else {
            continue;
        };
        let columns: Vec<Option<Column>> = head.iter().map(|h| column(h)).collect();
        let at = |c: Column| columns.iter().position(|x| *x == Some(c));
        let Some(text_at) = at(Column::Text) else {
            continue;
        };
        let (speaker_at, start_at, end_at) = (at(Column::Speaker), at(Column::Start), at(Column::End));
        if speaker_at.is_none() && start_at.is_none() {
            continue;
        }
        let mut t = Transcript::new();
        let mut ids: HashMap<String, SpeakerId> = HashMap::new();
        for row in rows {
            let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).map_or("", |c| c.trim());
            let text = cell(Some(text_at));
            let name = cell(speaker_at);
            if text.is_empty() && name.is_empty() {
                continue;
            }
            let speaker = (!name.is_empty()).then(|| {
                ids.entry(name.to_string())
                    .or_insert_with(|| t.intern_speaker(name))
                    .clone()
            });
            let start = time(cell(start_at));
            let end = time(cell(end_at));
            let turn = t.push_turn(speaker, text);
            turn.start = start;
            turn.end = crate::model::end_not_before(start, end);
        }
        return Some(t);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> Table {
        rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    }

    #[test]
    fn a_table_with_headings_in_any_of_the_languages() {
        let t = transcript(&[
            table(&[&["Nr.", "Summary"], &["1", "Budget"]]),
            table(&[
                &["Tijd", "Spreker", "Tekst"],
                &["00:00:01", "Mia", "Welkom allemaal."],
                &["00:00:04,500", "Hakar", "Dank je.\nFijn om hier te zijn."],
                &["", "", ""],
                &["[00:01:10]", "", "(applaus)"],
            ]),
        ])
        .expect("a transcript table");
        let rows: Vec<(Option<&str>, &str, Option<f64>)> = t
            .turns
            .iter()
            .map(|x| (t.speaker_name(x.speaker.as_ref()), x.text.as_str(), x.start))
            .collect();
        assert_eq!(
            rows,
            [
                (Some("Mia"), "Welkom allemaal.", Some(1.0)),
                (Some("Hakar"), "Dank je.\nFijn om hier te zijn.", Some(4.5)),
                (None, "(applaus)", Some(70.0)),
            ]
        );
    }

    #[test]
    fn tables_that_are_not_transcripts() {
        assert!(
            transcript(&[table(&[&["Text"], &["Only text"]])]).is_none(),
            "no speaker and no time"
        );
        assert!(
            transcript(&[table(&[&["Speaker", "Role"], &["Mia", "host"]])]).is_none(),
            "no text"
        );
        assert!(transcript(&[]).is_none());
    }
}
