//! The words of a text as a reader sees them: letters and digits, with a hyphen or apostrophe between two of
//! them part of the word (`ehm-achtige`, `zo'n`, `auto’s`). Used by clean copies and the spelling checker.

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

#[cfg(test)]
mod tests {
    use super::*;

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
