//! Realistic transcripts of any size, always the same for the same shape: for benchmarks, for trying the
//! editor on a long file, and for tests that need bulk.

use crate::model::{SpeakerId, Transcript};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// About this many words in all.
    pub words: usize,
    /// 1 to 8 speakers.
    pub speakers: usize,
    /// Give every turn a start and end time.
    pub times: bool,
    pub seed: u64,
}

impl Default for Shape {
    fn default() -> Self {
        Self {
            words: 10_000,
            speakers: 4,
            times: true,
            seed: 1,
        }
    }
}

/// SplitMix64: small, fast, and the same on every platform.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + (self.next() % (high - low + 1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const NAMES: [&str; 8] = [
    "Hakar",
    "Mia",
    "Joëlle",
    "Bram",
    "Søren",
    "Dr. Melissa Ko",
    "Ingrid",
    "SPEAKER_07",
];

/// Words of the kind found in Dutch, English and German podcasts, non-ASCII ones among them.
const WORDS: &[&str] = &[
    "de",
    "het",
    "een",
    "en",
    "van",
    "ik",
    "je",
    "dat",
    "is",
    "niet",
    "wel",
    "ook",
    "maar",
    "dus",
    "ja",
    "nee",
    "we",
    "zijn",
    "hebben",
    "leren",
    "ontwikkeling",
    "organisatie",
    "medewerkers",
    "eigenlijk",
    "natuurlijk",
    "precies",
    "zeker",
    "belangrijk",
    "praktijk",
    "één",
    "café",
    "naïef",
    "coördinatie",
    "reünie",
    "geïnteresseerd",
    "the",
    "and",
    "of",
    "to",
    "we",
    "learning",
    "people",
    "team",
    "really",
    "think",
    "know",
    "roof",
    "birds",
    "city",
    "data",
    "über",
    "Straße",
    "schön",
    "Grüße",
    "Mädchen",
    "fünf",
    "är",
    "också",
    "Köln",
    "São",
    "Paulo",
    "résumé",
    "façade",
    "jalapeño",
    "podcast",
    "Studytube",
    "Netflix",
    "budget",
    "training",
    "activatie",
    "betrokkenheid",
    "professionals",
    "uitdaging",
    "oplossing",
    "content",
    "koning",
    "beleid",
    "rendement",
    "investering",
    "adem",
    "resultaten",
    "zorgen",
    "gevaar",
    "bril",
    "thema",
    "passie",
    "rugzakje",
    "school",
];

/// Generates a transcript of about `shape.words` words.
pub fn transcript(shape: &Shape) -> Transcript {
    let mut random = Random(shape.seed ^ 0x5EED);
    let mut t = Transcript::new();
    // Speakers are added when they first speak, as any reader of a transcript would number them.
    let mut ids: Vec<Option<SpeakerId>> = vec![None; shape.speakers.clamp(1, NAMES.len())];
    let mut words = 0;
    let mut clock_ms: u64 = 0;
    let mut speaker = 0;
    t.turns.reserve(shape.words / 16);
    while words < shape.words {
        // Mostly two people taking turns, now and then somebody else.
        speaker = if ids.len() > 2 && random.chance(15) {
            random.between(0, ids.len() - 1)
        } else if ids.len() > 1 {
            (speaker + 1) % 2
        } else {
            0
        };
        // Interjections, ordinary answers, and long stretches of talk.
        let length = match random.next() % 10 {
            0..=2 => random.between(1, 3),
            3..=7 => random.between(5, 20),
            _ => random.between(25, 80),
        }
        .min(shape.words - words);
        let mut text = String::with_capacity(length * 8);
        let mut sentence_start = true;
        for i in 0..length {
            if i > 0 {
                text.push(if random.chance(1) && length > 40 { '\n' } else { ' ' });
            }
            let word = WORDS[random.between(0, WORDS.len() - 1)];
            if sentence_start {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    text.extend(first.to_uppercase());
                    text.push_str(chars.as_str());
                }
            } else {
                text.push_str(word);
            }
            sentence_start = false;
            if i + 1 == length || random.chance(10) {
                text.push(match random.next() % 6 {
                    0 => '?',
                    1 => ',',
                    _ => '.',
                });
                sentence_start = !text.ends_with(',');
            }
        }
        let id = ids[speaker]
            .get_or_insert_with(|| t.intern_speaker(NAMES[speaker]))
            .clone();
        let turn = t.push_turn(Some(id), text);
        if shape.times {
            let duration = 350 * length as u64 + random.between(100, 900) as u64;
            turn.start = Some(clock_ms as f64 / 1000.0);
            turn.end = Some((clock_ms + duration) as f64 / 1000.0);
            clock_ms += duration + random.between(50, 600) as u64;
        }
        words += length;
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_the_size_asked_for_and_is_the_same_every_time() {
        let shape = Shape {
            words: 100_000,
            ..Shape::default()
        };
        let a = transcript(&shape);
        assert_eq!(a.word_count(), 100_000);
        assert!((4_000..8_000).contains(&a.turns.len()), "{} turns", a.turns.len());
        assert_eq!(a.speakers.len(), 4);
        assert_eq!(transcript(&shape), a);
        let b = transcript(&Shape { seed: 2, ..shape });
        assert_ne!(b, a);
    }

    #[test]
    fn reads_back_from_both_formats() {
        let t = transcript(&Shape {
            words: 5_000,
            speakers: 8,
            ..Shape::default()
        });
        for format in crate::formats::REGISTRY
            .iter()
            .filter(|f| f.can_write() && matches!(f.name(), "text" | "json"))
        {
            let bytes = format.write(&t).expect("writes");
            let back = format.read(&bytes).expect("reads").transcript;
            assert!(back == t, "{} does not read back the same", format.name());
        }
    }
}
