//! Words never go stale: whatever the user does to a transcript whose turns carry word times (typing,
//! replacing, splitting, giving an interjection to another speaker, joining), every turn's words spell its
//! text, unchanged words keep their times, and undoing everything gives back the words exactly.

use proptest::prelude::*;
use transcript_editor::edit::ops::{join_with_next, split_out, split_turn};
use transcript_editor::edit::{Change, Edit, History};
use transcript_editor::formats::Format;
use transcript_editor::formats::json::Json;
use transcript_editor::formats::vtt::WebVtt;
use transcript_editor::model::words::spell;
use transcript_editor::model::{Transcript, Word};

/// Two speakers, turns of timed words with confidences.
fn transcript(turns: &[&str]) -> Transcript {
    let mut t = Transcript::new();
    let a = t.intern_speaker("Mia");
    let b = t.intern_speaker("Bram");
    let mut clock = 0.0;
    for (i, text) in turns.iter().enumerate() {
        let speaker = if i % 2 == 0 { a.clone() } else { b.clone() };
        let turn = t.push_turn(Some(speaker), *text);
        turn.start = Some(clock);
        turn.words = text
            .split_whitespace()
            .enumerate()
            .map(|(k, w)| {
                let mut word = Word::heard(
                    w,
                    Some(clock),
                    Some(clock + 0.4),
                    Some(0.5 + (w.len() % 5) as f32 / 10.0),
                );
                // Every third word began a cue of the file (a timing anchor).
                word.cue = k % 3 == 0;
                clock += 0.5;
                word
            })
            .collect();
        turn.end = Some(clock);
    }
    t
}

/// Every turn's words spell its text; a turn with no words (one typed into an empty turn) has no times to
/// keep.
fn all_spell(t: &Transcript) -> bool {
    t.turns.iter().all(|x| x.words.is_empty() || spell(&x.words, &x.text))
}

/// What the user might do, as numbers to be fitted to the transcript as it is then.
#[derive(Debug, Clone)]
enum Act {
    Type {
        turn: usize,
        at: usize,
        len: usize,
        text: String,
    },
    Split {
        turn: usize,
        at: usize,
    },
    Interjection {
        turn: usize,
        at: usize,
        len: usize,
    },
    Join {
        turn: usize,
    },
}

fn act() -> impl Strategy<Value = Act> {
    let text = prop::collection::vec(
        prop::sample::select(vec!["ja", " ", "niet", "waar", ".", "  ", "é", "\n", "roof", "x"]),
        0..5,
    )
    .prop_map(|p| p.concat());
    prop_oneof![
        4 => (0..50usize, 0..400usize, 0..12usize, text).prop_map(|(turn, at, len, text)| Act::Type { turn, at, len, text }),
        1 => (0..50usize, 0..400usize).prop_map(|(turn, at)| Act::Split { turn, at }),
        1 => (0..50usize, 0..400usize, 1..12usize).prop_map(|(turn, at, len)| Act::Interjection { turn, at, len }),
        1 => (0..50usize).prop_map(|turn| Act::Join { turn }),
    ]
}

/// The largest character boundary of `s` at or before `at`.
fn boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn change_for(t: &Transcript, act: &Act) -> Option<Change> {
    let n = t.turns.len();
    if n == 0 {
        return None;
    }
    Some(match act {
        Act::Type { turn, at, len, text } => {
            let turn = turn % n;
            let s = &t.turns[turn].text;
            let start = boundary(s, *at % (s.len() + 1));
            let end = boundary(s, start + len);
            Change::new(
                "Typing",
                vec![Edit::ReplaceText {
                    turn,
                    range: start..end.max(start),
                    text: text.clone(),
                }],
            )
        }
        Act::Split { turn, at } => {
            let turn = turn % n;
            let s = &t.turns[turn].text;
            split_turn(t, turn, boundary(s, *at % (s.len() + 1)))
        }
        Act::Interjection { turn, at, len } => {
            let turn = turn % n;
            let s = &t.turns[turn].text;
            let start = boundary(s, *at % (s.len() + 1));
            let end = boundary(s, start + len);
            let other = t.speakers[turn % 2].id.clone();
            split_out(t, turn, start..end, Some(other))
        }
        Act::Join { turn } => join_with_next(t, turn % n.saturating_sub(1).max(1)),
    })
}

const TURNS: &[&str] = &[
    "Welkom bij de podcast over daken",
    "Ja.",
    "Birds that nest on gravel banks see a flat pebble roof as a riverbank without foxes. Ja. That is it.",
    "niet waar",
    "Tot ziens, and look up once in a while.",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn words_always_spell_the_text_and_undo_gives_them_back(acts in prop::collection::vec(act(), 1..25)) {
        let mut t = transcript(TURNS);
        let original = t.clone();
        let mut history = History::default();
        for act in &acts {
            let Some(change) = change_for(&t, act) else { continue };
            if change.edits.is_empty() {
                continue;
            }
            history.apply(&mut t, change).expect("applies");
            prop_assert!(all_spell(&t), "after {act:?}: {:?}", t.turns);
            // Every time a word has is a time the recording had.
            for turn in &t.turns {
                for w in turn.words.iter() {
                    if let (Some(s), Some(e)) = (w.start, w.end) {
                        prop_assert!(s <= e && e <= 100.0, "{w:?}");
                    }
                }
            }
            // The anchors cut the turns into cues, each ending no earlier than it starts, which together
            // say the text.
            let vtt = WebVtt.write(&t).expect("writes WebVTT");
            let cues = WebVtt.read(&vtt).expect("reads back").transcript;
            prop_assert!(cues.turns.iter().all(|x| x.start <= x.end), "{:?}", String::from_utf8_lossy(&vtt));
            // No turn ends before it starts (our JSON would not read it back).
            for turn in &t.turns {
                if let (Some(s), Some(e)) = (turn.start, turn.end) {
                    prop_assert!(s <= e, "after {act:?}: {turn:?}");
                }
            }
            let said: Vec<&str> = cues.turns.iter().flat_map(|x| x.text.split_whitespace()).collect();
            let text: Vec<&str> = t.turns.iter().flat_map(|x| x.text.split_whitespace()).collect();
            prop_assert_eq!(said, text);
        }
        while history.undo(&mut t).expect("undoes").is_some() {}
        prop_assert_eq!(t.turns.len(), original.turns.len());
        for (a, b) in t.turns.iter().zip(&original.turns) {
            prop_assert_eq!(&a.text, &b.text);
            prop_assert_eq!(&a.words, &b.words);
        }
    }
}

#[test]
fn a_corrected_word_keeps_the_times_of_the_others_and_saves_in_json() {
    let mut t = transcript(&["welkom bij de podcast"]);
    let before = t.turns[0].words.clone();
    let mut history = History::default();
    let change = Change::new(
        "Typing",
        vec![Edit::ReplaceText {
            turn: 0,
            range: 0..6,
            text: "welgekomen".into(),
        }],
    );
    history.apply(&mut t, change).expect("applies");
    let words = &t.turns[0].words;
    assert_eq!(words[0].text, "welgekomen");
    assert_eq!((words[0].start, words[0].end), (before[0].start, before[0].end));
    assert_eq!(words[0].confidence, None, "an edited word is no longer in doubt");
    assert_eq!(words[1..], before[1..]);
    // The JSON says what the text says, with the times.
    let json = String::from_utf8(Json.write(&t).expect("writes")).expect("utf-8");
    assert!(json.contains("\"text\": \"welgekomen\""), "{json}");
    assert!(
        !json.contains("\"text\": \"welkom\""),
        "no word says what the text no longer says: {json}"
    );
    assert!(json.contains("\"original\": \"welkom bij de podcast\""), "{json}");
    let again = Json.read(json.as_bytes()).expect("reads").transcript;
    assert_eq!(again.turns[0].words, t.turns[0].words);
}

#[test]
fn splitting_a_turn_with_words_cuts_it_where_the_words_say() {
    let t = transcript(&["een twee drie vier"]);
    // Words at 0, 0.5, 1.0, 1.5 s, each 0.4 s long. Cut before "drie": a character share would say 0.9 s.
    let change = split_turn(&t, 0, "een twee ".len());
    let mut t2 = t.clone();
    History::default().apply(&mut t2, change).expect("applies");
    assert_eq!(t2.turns[0].end, Some(0.9));
    assert_eq!(t2.turns[1].start, Some(1.0));
    assert_eq!(t2.turns[1].words, t.turns[0].words[2..]);
    assert_eq!(t2.turns[0].words, t.turns[0].words[..2]);
}

#[test]
fn the_text_first_opened_is_kept_from_the_first_edit_and_saved_only_where_it_differs() {
    let mut t = transcript(&["een twee drie", "vier"]);
    let mut history = History::default();
    let typing = |range: std::ops::Range<usize>, text: &str| {
        Change::new(
            "Typing",
            vec![Edit::ReplaceText {
                turn: 0,
                range,
                text: text.into(),
            }],
        )
    };
    history.apply(&mut t, typing(4..8, "zes")).expect("applies");
    assert_eq!(t.turns[0].original.as_deref(), Some("een twee drie"));
    assert!(t.turns[0].is_changed() && !t.turns[1].is_changed());
    let json = String::from_utf8(Json.write(&t).expect("writes")).expect("utf-8");
    assert_eq!(json.matches("\"original\"").count(), 1, "{json}");
    let again = Json.read(json.as_bytes()).expect("reads").transcript;
    assert_eq!(again.turns[0].original.as_deref(), Some("een twee drie"));
    // Undone, the text is the original again: nothing changed, nothing written.
    history.undo(&mut t).expect("undoes");
    assert!(!t.turns[0].is_changed());
    let json = String::from_utf8(Json.write(&t).expect("writes")).expect("utf-8");
    assert!(!json.contains("\"original\""), "{json}");
    // Split, each part holds its own share of what was opened: neither is changed, and the file says they
    // were one turn.
    let change = split_turn(&t, 0, "een twee ".len());
    history.apply(&mut t, change).expect("applies");
    assert_eq!(t.turns[0].original.as_deref(), Some("een twee"));
    assert_eq!(t.turns[1].original.as_deref(), Some("drie"));
    assert!(!t.turns[0].is_changed() && !t.turns[1].is_changed());
    let json = String::from_utf8(Json.write(&t).expect("writes")).expect("utf-8");
    assert!(!json.contains("\"original\""), "{json}");
    assert_eq!(json.matches("\"split_group\": 1").count(), 2, "{json}");
    assert_eq!(Json.read(json.as_bytes()).expect("reads").transcript, t);
}
