//! Which language a transcript is in: the one it says (`meta.language`), else a guess from its words; and a
//! language's name for menus and messages. Spelling and clean copies ask here, in the window and on the
//! command line alike.

use super::Transcript;
use super::tokens::words;

/// Very common words of each language we can guess, written small: articles, pronouns, conjunctions
/// and the like make up a good share of any speech.
const COMMON_WORDS: &[(&str, &str)] = &[
    ("nl", "de het een en van ik je dat niet maar wel ook dus zijn heb wat"),
    ("en", "the and of to a is that it you was for on with have this but"),
    (
        "de",
        "der die das und ist nicht ich sie es ein eine mit auch auf wir aber",
    ),
    ("fr", "le la les et est un une je pas que des du en il vous mais"),
    ("es", "el la los las y que es un una no en por con para pero lo"),
    ("it", "il la che e di un una non per sono con ma anche questo ho gli"),
    ("pt", "o a os que e de um uma não com para mas eu isso muito você"),
    ("sv", "och att det som en ett är jag inte på med för har men vi om"),
    ("da", "og at det som en et er jeg ikke på med for har men vi til"),
];

/// The language `text` is most likely in, by its share of each language's most common words, when one
/// stands out: at least one word in eight is one of its common words, and twice as many as of any other.
/// For transcripts that do not say their language (plain text, subtitles).
pub fn guess(text: &str) -> Option<&'static str> {
    let mut counts = vec![0usize; COMMON_WORDS.len()];
    let mut total = 0usize;
    for (_, word) in words(text).take(5_000) {
        total += 1;
        let word = word.to_lowercase();
        for (k, (_, common)) in COMMON_WORDS.iter().enumerate() {
            if common.split(' ').any(|c| c == word) {
                counts[k] += 1;
            }
        }
    }
    let mut ranked: Vec<(usize, &str)> = counts.iter().zip(COMMON_WORDS).map(|(&n, (l, _))| (n, *l)).collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
    let (best, language) = ranked[0];
    let second = ranked.get(1).map_or(0, |r| r.0);
    (total >= 8 && best * 8 >= total && best >= 2 * second.max(1)).then_some(language)
}

/// A language's name in English, for notes and menus: `nl` → Dutch, `en-GB` → English (GB).
pub fn name(language: &str) -> String {
    let mut parts = language.split(['-', '_']);
    let base = parts.next().unwrap_or("").to_ascii_lowercase();
    let name = match base.as_str() {
        "nl" => "Dutch",
        "en" => "English",
        "de" => "German",
        "fr" => "French",
        "es" => "Spanish",
        "it" => "Italian",
        "pt" => "Portuguese",
        "sv" => "Swedish",
        "da" => "Danish",
        "nb" | "no" => "Norwegian",
        "fi" => "Finnish",
        "pl" => "Polish",
        _ => return language.to_string(),
    };
    match parts.next() {
        Some(region) => format!("{name} ({})", region.to_ascii_uppercase()),
        None => name.to_string(),
    }
}

/// How much of a transcript's text a guess reads: its first 20,000 bytes or so, a few thousand words.
const SAMPLE_BYTES: usize = 20_000;

/// The language `t`'s words are most likely in (see [`guess`]), from its first turns.
pub fn guess_of(t: &Transcript) -> Option<&'static str> {
    let mut sample = String::new();
    for turn in &t.turns {
        if sample.len() > SAMPLE_BYTES {
            break;
        }
        sample.push_str(&turn.text);
        sample.push('\n');
    }
    guess(&sample)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_is_guessed_only_when_one_stands_out() {
        assert_eq!(
            guess("Welkom bij de podcast. Ik heb het niet gezien, maar het is wel mooi."),
            Some("nl")
        );
        assert_eq!(
            guess("Welcome back to the podcast. It was a long day, and I think that is fine."),
            Some("en")
        );
        assert_eq!(
            guess("Das ist nicht so, aber ich weiß es auch nicht genau."),
            Some("de")
        );
        assert_eq!(guess("Ja. Nee."), None, "too few words");
        assert_eq!(
            guess("Studytube Hakar Rotterdam Netflix jalapeño café budget gevaar"),
            None
        );
        assert_eq!(
            guess("the de and het of een to en is van that ik it je"),
            None,
            "half and half is no guess"
        );
    }

    #[test]
    fn languages_have_names() {
        assert_eq!(name("nl"), "Dutch");
        assert_eq!(name("en-GB"), "English (GB)");
        assert_eq!(name("tlh"), "tlh");
    }

    #[test]
    fn a_transcript_is_guessed_from_its_first_turns() {
        let mut t = Transcript::new();
        t.push_turn(None, "Welkom bij de podcast.");
        t.push_turn(None, "Ik heb het niet gezien, maar het is wel mooi.");
        assert_eq!(guess_of(&t), Some("nl"));
        assert_eq!(guess_of(&Transcript::new()), None);
    }
}
