use super::*;
use crate::model::{Transcript, Word};

/// A transcript of (speaker, start, end, text) turns, in Dutch.
fn transcript(turns: &[(&str, f64, f64, &str)]) -> Transcript {
    let mut t = Transcript::new();
    t.meta.language = Some("nl".to_string());
    for (name, start, end, text) in turns {
        let id = match t.speaker_by_name(name) {
            Some(s) => s.id.clone(),
            None => t.intern_speaker(name),
        };
        let turn = t.push_turn(Some(id), *text);
        (turn.start, turn.end) = (Some(*start), Some(*end));
    }
    t
}

fn captions(t: &Transcript, options: &Options) -> Vec<Caption> {
    make(t, options, &|_| {}).expect("timed")
}

const LONG: &str = "Welkom bij de podcast over leren en ontwikkelen. Vandaag praten we met Hakar Rashid over \
                    de vraag hoe je in de praktijk een leercultuur opbouwt, en waarom dat in kleine organisaties \
                    vaak beter lukt dan in grote. Hakar, fijn dat je er bent.";

#[test]
fn a_long_turn_becomes_cues_within_every_limit() {
    let t = transcript(&[("Mia", 0.0, 13.5, LONG)]);
    let rules = Rules::default();
    let cues = captions(&t, &Options::default());
    assert!(cues.len() >= 5, "{cues:#?}");
    for c in &cues {
        assert!(c.lines.len() <= 2, "{c:?}");
        assert!(c.lines.iter().all(|l| l.chars().count() <= 42), "{c:?}");
        assert!(c.end - c.start <= rules.max_duration, "{c:?}");
        assert!(c.end > c.start, "{c:?}");
    }
    for pair in cues.windows(2) {
        let gap = pair[1].start - pair[0].end;
        assert!(gap.abs() < 1e-9 || gap >= rules.min_gap - 1e-9, "{pair:?}");
    }
    // The sentence ends are where cues end.
    assert!(
        cues[0].lines.last().is_some_and(|l| l.ends_with("ontwikkelen.")),
        "{:?}",
        cues[0]
    );
    assert_eq!(
        words_shown(&cues, &t, &Options::default()),
        LONG.split_whitespace().collect::<Vec<_>>()
    );
}

#[test]
fn no_line_ends_on_an_article_or_splits_a_name() {
    let t = transcript(&[("Mia", 0.0, 13.5, LONG)]);
    for c in captions(&t, &Options::default()) {
        for line in &c.lines[..c.lines.len() - 1] {
            let last = line.rsplit(' ').next().unwrap_or("");
            assert!(!["de", "het", "een"].contains(&last), "{c:?}");
            assert!(last != "Hakar", "{c:?}");
        }
    }
}

#[test]
fn cue_times_come_from_the_words_where_the_turn_has_them() {
    let mut t = transcript(&[("Mia", 0.0, 20.0, "")]);
    // Forty words, one every half second, then a long pause before the last ten.
    let mut words = Vec::new();
    for k in 0..40 {
        words.push(Word::heard(
            &format!("woord{k}"),
            Some(k as f64 * 0.3),
            Some(k as f64 * 0.3 + 0.25),
            Some(0.9),
        ));
    }
    t.turns[0].text = words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
    t.turns[0].words = words.into();
    let cues = captions(&t, &Options::default());
    // Each cue starts when its first word is said.
    for c in &cues {
        let first = c.lines[0].split(' ').next().unwrap_or("");
        let k: f64 = first.trim_start_matches("woord").parse().expect("a word");
        assert!((c.start - k * 0.3).abs() < 1e-9, "{c:?}");
    }
    // Shared out by length instead, the first cue would end near the turn's end.
    assert!(cues[0].end < 5.0, "{:?}", cues[0]);
}

#[test]
fn a_short_cue_stays_on_screen_long_enough_to_read() {
    let t = transcript(&[("Mia", 1.0, 1.2, "Ja."), ("Bram", 6.0, 8.0, "Goed, dan beginnen we.")]);
    let cues = captions(&t, &Options::default());
    assert_eq!(cues[0].lines, vec!["Ja."]);
    assert!((cues[0].end - 1.833).abs() < 1e-9, "{:?}", cues[0]);
}

#[test]
fn each_change_of_speaker_starts_a_new_cue_and_names_are_a_choice() {
    let t = transcript(&[
        ("Hakar", 0.0, 1.0, "Ja."),
        ("Mia", 1.0, 4.0, "In de praktijk werkt dat anders."),
    ]);
    let none = captions(&t, &Options::default());
    assert_eq!(none.len(), 2);
    assert_eq!(none[1].lines, vec!["In de praktijk werkt dat anders."]);
    let named = captions(
        &t,
        &Options {
            names: Names::FirstCue,
            ..Options::default()
        },
    );
    assert_eq!(named[0].lines, vec!["Hakar: Ja."]);
    assert_eq!(named[1].lines, vec!["Mia: In de praktijk werkt dat anders."]);
    let voices = captions(
        &t,
        &Options {
            names: Names::Voice,
            ..Options::default()
        },
    );
    assert_eq!(voices[0].speaker.as_deref(), Some("Hakar"));
    assert_eq!(voices[1].lines, vec!["In de praktijk werkt dat anders."]);
}

#[test]
fn a_name_goes_on_the_first_cue_of_a_turn_only() {
    let t = transcript(&[("Mia", 0.0, 13.5, LONG)]);
    let options = Options {
        names: Names::FirstCue,
        ..Options::default()
    };
    let cues = captions(&t, &options);
    assert!(cues[0].lines[0].starts_with("Mia: "));
    assert!(cues[1..].iter().all(|c| !c.lines[0].starts_with("Mia")), "{cues:#?}");
    assert!(cues.iter().all(|c| c.lines.iter().all(|l| l.chars().count() <= 42)));
    assert_eq!(
        words_shown(&cues, &t, &options),
        LONG.split_whitespace().collect::<Vec<_>>()
    );
}

#[test]
fn two_short_turns_can_share_a_cue_as_dialogue() {
    let t = transcript(&[
        ("Hakar", 0.0, 0.6, "Ja."),
        ("Mia", 0.7, 3.0, "In de praktijk werkt dat anders."),
        ("Hakar", 3.2, 4.0, "Precies."),
    ]);
    let options = Options {
        dialogue: true,
        ..Options::default()
    };
    let cues = captions(&t, &options);
    assert_eq!(cues[0].lines, vec!["- Ja.", "- In de praktijk werkt dat anders."]);
    assert_eq!((cues[0].start, cues[0].turn), (0.0, 0));
    assert_eq!(cues.len(), 2, "the third turn has no partner left: {cues:#?}");
    assert_eq!(cues[1].lines, vec!["Precies."]);
    assert_eq!(
        words_shown(&cues, &t, &options),
        vec!["Ja.", "In", "de", "praktijk", "werkt", "dat", "anders.", "Precies."]
    );
}

#[test]
fn a_turn_without_times_is_named() {
    let mut t = transcript(&[("Mia", 0.0, 2.0, "Eerste."), ("Bram", 2.0, 3.0, "Tweede zonder einde.")]);
    t.turns[1].end = None;
    let err = make(&t, &Options::default(), &|_| {}).expect_err("no end");
    assert_eq!(err.turn, 2);
    assert_eq!(err.which, "end");
    assert!(
        err.to_string()
            .starts_with("turn 2 (\"Tweede zonder einde.\") has no end time"),
        "{err}"
    );
}

#[test]
fn chinese_is_broken_between_characters_and_keeps_every_character() {
    let text =
        "我们今天讨论的是学习文化，以及小型组织为什么往往比大型组织做得更好。这是一个很重要的问题，我们从头开始说吧。";
    let mut t = transcript(&[("张伟", 0.0, 12.0, text)]);
    t.meta.language = Some("zh".to_string());
    let rules = Rules {
        max_chars: 16,
        ..Rules::default()
    };
    let cues = captions(
        &t,
        &Options {
            rules,
            ..Options::default()
        },
    );
    assert!(cues.len() >= 3, "{cues:#?}");
    assert!(
        cues.iter().all(|c| c.lines.iter().all(|l| l.chars().count() <= 16)),
        "{cues:#?}"
    );
    let shown: String = cues.iter().flat_map(|c| c.lines.iter().map(String::as_str)).collect();
    assert_eq!(shown, text);
}

#[test]
fn the_rules_refuse_limits_that_make_no_sense() {
    assert_eq!(Rules::default().problem(), None);
    let bad = Rules {
        min_duration: 9.0,
        ..Rules::default()
    };
    assert!(bad.problem().is_some_and(|p| p.contains("shortest")));
    assert!(
        Rules {
            max_chars: 3,
            ..Rules::default()
        }
        .problem()
        .is_some()
    );
}

#[test]
fn the_captions_become_a_transcript_of_one_turn_a_cue() {
    let t = transcript(&[("Mia", 0.0, 13.5, LONG)]);
    let cues = captions(
        &t,
        &Options {
            names: Names::Voice,
            ..Options::default()
        },
    );
    let out = into_transcript(&cues, &t);
    assert_eq!(out.turns.len(), cues.len());
    assert_eq!(out.speakers.len(), 1);
    assert_eq!(out.turns[0].text, cues[0].lines.join("\n"));
    assert_eq!(out.turns[0].start, Some(cues[0].start));
}
