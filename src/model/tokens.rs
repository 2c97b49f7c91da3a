//! The words of a text as a reader sees them: letters and digits, with a hyphen or apostrophe between two of
//! them part of the word (`ehm-achtige`, `zo'n`, `auto’s`). Used by clean copies and the spelling checker.
//!
//! One rule for a word and its punctuation, everywhere: a recogniser's word (`redstarts,`) is a word
//! (`redstarts`) with the punctuation of its sentence around it. What is selected and replaced as a word
//! (F7, F8, a correction) is the word alone ([`word_core`]): the punctuation stays with the sentence.
//! What is given away or removed whole (an interjection, a filler) goes with the punctuation that ends it
//! ([`whole_tokens`]).

use std::ops::Range;

/// A hyphen or apostrophe that joins what is on its two sides into one word.
fn joins(c: char) -> bool {
    matches!(c, '-' | '\'' | '’')
}

/// The words of `text`, each with its byte range, in order.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

pub struct Words<'a> {
    text: &'a str,
    /// Where the search for the next word goes on.
    at: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = (Range<usize>, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = &self.text[self.at..];
        let (offset, _) = rest.char_indices().find(|(_, c)| c.is_alphanumeric())?;
        let start = self.at + offset;
        let mut end = start;
        let mut chars = self.text[start..].char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let inside =
                c.is_alphanumeric() || (joins(c) && chars.peek().is_some_and(|&(_, next)| next.is_alphanumeric()));
            if !inside {
                break;
            }
            end = start + i + c.len_utf8();
        }
        self.at = end;
        Some((start..end, &self.text[start..end]))
    }
}

/// The word inside a white-space separated token of a text (`token_at` its byte offset): its range without
/// the punctuation around it (`redstarts,` → `redstarts`, `"Ja."` → `Ja`), or the whole token where it has
/// no letters or digits.
pub fn word_core(token: &str, token_at: usize) -> Range<usize> {
    match (words(token).next(), words(token).last()) {
        (Some((first, _)), Some((last, _))) => token_at + first.start..token_at + last.end,
        _ => token_at..token_at + token.len(),
    }
}

/// `range` of `text` widened to the white-space separated tokens it touches: whole words with their
/// punctuation. An empty range or one of white space alone stays as it is.
pub fn whole_tokens(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(selected) = text.get(range.clone()) else {
        return range;
    };
    let inner = selected.trim();
    if inner.is_empty() {
        return range;
    }
    // The selection without the white space at its edges, then out to the tokens' edges.
    let start = range.start + (selected.len() - selected.trim_start().len());
    let end = start + inner.len();
    let start = text[..start]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = end + text[end..].find(char::is_whitespace).unwrap_or(text.len() - end);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_its_letters_and_its_punctuation_stays_with_the_sentence() {
        fn core(token: &str) -> &str {
            &token[word_core(token, 0)]
        }
        assert_eq!(core("redstarts,"), "redstarts");
        assert_eq!(core("\"Ja.\""), "Ja");
        assert_eq!(core("zo'n?"), "zo'n");
        assert_eq!(core("co-op."), "co-op");
        assert_eq!(core("..."), "...");
        assert_eq!(word_core("Ja.", 7), 7..9);
    }

    #[test]
    fn a_selection_given_away_takes_whole_words_with_their_punctuation() {
        let text = "Zeker. Ja. In de praktijk";
        let widened = |r: Range<usize>| &text[whole_tokens(text, r)];
        assert_eq!(widened(7..9), "Ja.", "a double click's Ja");
        assert_eq!(widened(8..9), "Ja.");
        assert_eq!(widened(7..10), "Ja.");
        assert_eq!(widened(9..13), "Ja. In");
        assert_eq!(widened(0..25), text);
        assert_eq!(widened(6..9), "Ja.", "white space at the edge is not a word");
        assert_eq!(whole_tokens(text, 6..7), 6..7, "white space alone");
        assert_eq!(whole_tokens(text, 30..40), 30..40, "not in the text");
    }

    fn listed(text: &str) -> Vec<&str> {
        words(text).map(|(_, w)| w).collect()
    }

    #[test]
    fn hyphens_and_apostrophes_inside_a_word_belong_to_it() {
        assert_eq!(
            listed("Zo'n ehm-achtige auto’s - 'kijk' en-- nou."),
            ["Zo'n", "ehm-achtige", "auto’s", "kijk", "en", "nou"]
        );
    }

    #[test]
    fn ranges_are_where_the_words_are_also_after_other_scripts() {
        let text = "Joëlle: «Straße» 3D";
        for (range, word) in words(text) {
            assert_eq!(&text[range], word);
        }
        assert_eq!(listed(text), ["Joëlle", "Straße", "3D"]);
        assert!(listed("  …  ").is_empty());
    }
}
