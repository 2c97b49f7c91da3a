//! Property tests for the recognition services' JSON: for generated words (any speakers, times,
//! confidences, punctuation, words in any script), each service's file as that service writes it reads as
//! the turns the words make (every word once, in order, with its time and confidence), is told apart from
//! the other formats by its content, and what is read saves as the editor's JSON and reopens unchanged.

use proptest::prelude::*;
use serde_json::{Value, json};
use transcript_editor::formats;
use transcript_editor::model::Transcript;

#[derive(Debug, Clone)]
struct Spoken {
    speaker: usize,
    word: String,
    punctuation: Option<&'static str>,
    /// Milliseconds.
    start: u64,
    end: u64,
    /// Hundredths.
    confidence: u8,
}

impl Spoken {
    fn shown(&self) -> String {
        format!("{}{}", self.word, self.punctuation.unwrap_or(""))
    }
}

fn spoken() -> impl Strategy<Value = Vec<Spoken>> {
    let word = prop_oneof![
        3 => "[A-Za-z]{1,9}",
        1 => "[éëßøçÅ张伟مريمАнна0-9]{1,3}['\"\\\\<>&%$-]{0,3}",
    ];
    let one = (
        0usize..3,
        word,
        prop::option::weighted(0.3, prop::sample::select(vec![".", ",", "?", "!"])),
        1u64..900,
        0u64..400,
        0u8..=100,
    );
    prop::collection::vec(one, 1..30).prop_map(|list| {
        let mut at = 0;
        list.into_iter()
            .map(|(speaker, word, punctuation, length, gap, confidence)| {
                let start = at + gap;
                at = start + length;
                Spoken {
                    speaker,
                    word,
                    punctuation,
                    start,
                    end: at,
                    confidence,
                }
            })
            .collect()
    })
}

/// The words in runs of one speaker.
fn runs(words: &[Spoken]) -> Vec<&[Spoken]> {
    words.chunk_by(|a, b| a.speaker == b.speaker).collect()
}

fn s(ms: u64) -> f64 {
    ms as f64 / 1000.0
}

fn c(w: &Spoken) -> f64 {
    f64::from(w.confidence) / 100.0
}

/// A service's name, its file, and the name it gives speaker `n`.
type ServiceFile = (&'static str, Value, fn(usize) -> String);

/// Each service's file of `words`.
fn files(words: &[Spoken]) -> Vec<ServiceFile> {
    let amazon_items: Vec<Value> = words
        .iter()
        .flat_map(|w| {
            let mut items = vec![
                json!({"start_time": format!("{:.3}", s(w.start)), "end_time": format!("{:.3}", s(w.end)),
                "alternatives": [{"confidence": format!("{:.2}", c(w)), "content": w.word}], "type": "pronunciation",
                "speaker_label": format!("spk_{}", w.speaker)}),
            ];
            if let Some(p) = w.punctuation {
                items.push(
                    json!({"alternatives": [{"confidence": "0.0", "content": p}], "type": "punctuation",
                    "speaker_label": format!("spk_{}", w.speaker)}),
                );
            }
            items
        })
        .collect();
    let deepgram_words: Vec<Value> = words
        .iter()
        .map(|w| {
            json!({"word": w.word.to_lowercase(), "punctuated_word": w.shown(), "start": s(w.start), "end": s(w.end),
            "confidence": c(w), "speaker": w.speaker})
        })
        .collect();
    let letter = |n: usize| char::from(b'A' + n as u8).to_string();
    let assembly_words: Vec<Value> = words
        .iter()
        .map(|w| json!({"text": w.shown(), "start": w.start, "end": w.end, "confidence": c(w), "speaker": letter(w.speaker)}))
        .collect();
    let monologues: Vec<Value> = runs(words)
        .iter()
        .map(|run| {
            let mut elements = Vec::new();
            for w in *run {
                elements.push(
                    json!({"type": "text", "value": w.word, "ts": s(w.start), "end_ts": s(w.end), "confidence": c(w)}),
                );
                if let Some(p) = w.punctuation {
                    elements.push(json!({"type": "punct", "value": p}));
                }
                elements.push(json!({"type": "punct", "value": " "}));
            }
            json!({"speaker": run[0].speaker, "elements": elements})
        })
        .collect();
    let speechmatics: Vec<Value> = words
        .iter()
        .flat_map(|w| {
            let alt = |content: &str, conf: f64| json!([{"content": content, "confidence": conf, "speaker": format!("S{}", w.speaker + 1)}]);
            let mut out = vec![json!({"type": "word", "start_time": s(w.start), "end_time": s(w.end), "alternatives": alt(&w.word, c(w))})];
            if let Some(p) = w.punctuation {
                out.push(json!({"type": "punctuation", "start_time": s(w.end), "end_time": s(w.end), "attaches_to": "previous",
                    "alternatives": alt(p, 1.0)}));
            }
            out
        })
        .collect();
    let google_words: Vec<Value> = words
        .iter()
        .map(|w| json!({"word": w.shown(), "startTime": format!("{:.3}s", s(w.start)), "endTime": format!("{:.3}s", s(w.end)),
            "confidence": c(w), "speakerTag": w.speaker + 1}))
        .collect();
    let phrases: Vec<Value> = runs(words)
        .iter()
        .map(|run| {
            let (first, last) = (&run[0], &run[run.len() - 1]);
            let display: Vec<String> = run.iter().map(Spoken::shown).collect();
            let lexical: Vec<Value> = run
                .iter()
                .map(|w| json!({"word": w.word.to_lowercase(), "offsetInTicks": w.start * 10_000, "durationInTicks": (w.end - w.start) * 10_000,
                    "confidence": c(w)}))
                .collect();
            json!({"recognitionStatus": "Success", "channel": 0, "speaker": first.speaker + 1,
                "offsetInTicks": first.start * 10_000, "durationInTicks": (last.end - first.start) * 10_000,
                "nBest": [{"confidence": 0.9, "display": display.join(" "), "words": lexical}]})
        })
        .collect();
    let segments: Vec<Value> = runs(words)
        .iter()
        .map(|run| {
            let mut tokens = Vec::new();
            for w in *run {
                tokens.push(
                    json!({"text": format!(" {}", w.word), "offsets": {"from": w.start, "to": w.end}, "p": c(w)}),
                );
                if let Some(p) = w.punctuation {
                    tokens.push(json!({"text": p, "offsets": {"from": w.end, "to": w.end}, "p": 0.99}));
                }
            }
            let text: String = run.iter().map(|w| format!(" {}", w.shown())).collect();
            json!({"offsets": {"from": run[0].start, "to": run[run.len() - 1].end}, "text": text, "tokens": tokens,
                "speaker": run[0].speaker.to_string()})
        })
        .collect();
    vec![
        (
            "amazon",
            json!({"jobName": "j", "results": {"items": amazon_items}}),
            |n| format!("spk_{n}"),
        ),
        (
            "deepgram",
            json!({"metadata": {}, "results": {"channels": [{"alternatives": [{"transcript": "", "words": deepgram_words}]}]}}),
            |n| format!("Speaker {n}"),
        ),
        (
            "assemblyai",
            json!({"status": "completed", "audio_url": "a.mp3", "words": assembly_words}),
            |n| format!("Speaker {}", char::from(b'A' + n as u8)),
        ),
        ("revai", json!({"monologues": monologues}), |n| format!("Speaker {n}")),
        (
            "speechmatics",
            json!({"format": "2.9", "job": {"id": "j"}, "metadata": {"transcription_config": {"language": "en"}}, "results": speechmatics}),
            |n| format!("S{}", n + 1),
        ),
        (
            "google",
            json!({"results": [{"alternatives": [{"transcript": "", "words": google_words}]}]}),
            |n| format!("Speaker {}", n + 1),
        ),
        ("azure", json!({"recognizedPhrases": phrases}), |n| {
            format!("Speaker {}", n + 1)
        }),
        (
            "whisper-cpp",
            json!({"systeminfo": "", "transcription": segments}),
            |n| format!("Speaker {n}"),
        ),
    ]
}

fn read(bytes: &[u8]) -> (&'static str, Transcript) {
    let format = formats::detect(Some(std::path::Path::new("service.json")), bytes);
    let t = format
        .read(bytes)
        .unwrap_or_else(|e| panic!("{}: {e}", format.name()))
        .transcript;
    (format.name(), t)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_service_reads_every_word_once_and_saves_as_json(words in spoken()) {
        let expected: Vec<(usize, String)> = runs(&words)
            .iter()
            .map(|run| (run[0].speaker, run.iter().map(Spoken::shown).collect::<Vec<_>>().join(" ")))
            .collect();
        for (service, file, name) in files(&words) {
            let bytes = serde_json::to_vec_pretty(&file).expect("serialises");
            let (format, t) = read(&bytes);
            prop_assert_eq!(format, service, "told apart by content");
            let turns: Vec<(Option<&str>, &str)> =
                t.turns.iter().map(|x| (t.speaker_name(x.speaker.as_ref()), x.text.as_str())).collect();
            let want: Vec<(Option<String>, &str)> = expected.iter().map(|(n, text)| (Some(name(*n)), text.as_str())).collect();
            let want: Vec<(Option<&str>, &str)> = want.iter().map(|(n, text)| (n.as_deref(), *text)).collect();
            prop_assert_eq!(&turns, &want, "{}", service);
            let heard: Vec<(&str, Option<f64>, Option<f32>)> =
                t.turns.iter().flat_map(|x| x.words.iter()).map(|w| (w.text.as_str(), w.start, w.confidence)).collect();
            let said: Vec<(String, Option<f64>, Option<f32>)> =
                words.iter().map(|w| (w.shown(), Some(s(w.start)), Some(c(w) as f32))).collect();
            let said: Vec<(&str, Option<f64>, Option<f32>)> = said.iter().map(|(w, a, b)| (w.as_str(), *a, *b)).collect();
            prop_assert_eq!(heard, said, "{}: the words with their times and confidences", service);
            let json = formats::by_name("json").expect("json").write(&t).expect("saves as JSON");
            let (_, reopened) = read(&json);
            prop_assert_eq!(reopened, t, "{}: saved as JSON and reopened", service);
        }
    }
}
