//! Keeping a turn's words in step with its text. A turn's words are its text split at white space; when the
//! text changes, the words that did not change keep their times and confidences exactly (a word-level diff
//! of the old words against the new text), a changed word takes the span of the words it replaced, and a
//! new word has no time. Only the stretch between the first and the last changed word is diffed, so typing
//! in a long turn costs what the changed words cost.

use crate::model::Word;
use similar::{Algorithm, DiffOp, capture_diff_slices};
use std::ops::Range;

/// The words of `old` from `from` on, `removed` of them, give way to `inserted`.
#[derive(Debug, Clone, PartialEq)]
pub struct Realigned {
    pub from: usize,
    pub removed: usize,
    pub inserted: Vec<Word>,
}

impl Realigned {
    /// Applies the change to `words`, returning the words it took out (to put back on undo).
    pub fn apply(self, words: &mut Vec<Word>) -> Vec<Word> {
        let end = (self.from + self.removed).min(words.len());
        let from = self.from.min(end);
        words.splice(from..end, self.inserted).collect()
    }
}

/// How `old` (a turn's words) must change so that they spell `text`.
pub fn realign(old: &[Word], text: &str) -> Realigned {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let prefix = old.iter().zip(&tokens).take_while(|(w, t)| w.text == **t).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(tokens[prefix..].iter().rev())
        .take_while(|(w, t)| w.text == **t)
        .count();
    let old_middle = &old[prefix..old.len() - suffix];
    let new_middle = &tokens[prefix..tokens.len() - suffix];
    let old_texts: Vec<&str> = old_middle.iter().map(|w| w.text.as_str()).collect();
    let mut inserted: Vec<Word> = Vec::with_capacity(new_middle.len());
    // A timing anchor (the start of a cue) on a deleted word goes to the word that follows it.
    let mut anchor = false;
    let push = |inserted: &mut Vec<Word>, mut word: Word, anchor: &mut bool| {
        word.cue |= std::mem::take(anchor);
        inserted.push(word);
    };
    for op in capture_diff_slices(Algorithm::Myers, &old_texts, new_middle) {
        match op {
            DiffOp::Equal { old_index, len, .. } => {
                for word in &old_middle[old_index..old_index + len] {
                    push(&mut inserted, word.clone(), &mut anchor);
                }
            }
            DiffOp::Delete { old_index, old_len, .. } => {
                anchor |= old_middle[old_index..old_index + old_len].iter().any(|w| w.cue);
            }
            DiffOp::Insert { new_index, new_len, .. } => {
                for t in &new_middle[new_index..new_index + new_len] {
                    push(&mut inserted, Word::typed(t), &mut anchor);
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let (words, beyond) = replace(
                    &old_middle[old_index..old_index + old_len],
                    &new_middle[new_index..new_index + new_len],
                );
                for word in words {
                    push(&mut inserted, word, &mut anchor);
                }
                anchor |= beyond;
            }
        }
    }
    let mut removed = old_middle.len();
    if anchor && let Some(next) = old.get(prefix + removed) {
        // The anchor was on the last words changed: the first unchanged word after them takes it.
        let mut next = next.clone();
        next.cue = true;
        inserted.push(next);
        removed += 1;
    }
    Realigned {
        from: prefix,
        removed,
        inserted,
    }
}

/// New words in place of `replaced`. Where the replaced words hold timing anchors (cue starts), the
/// stretch is cut there and each piece is replaced by its share of the new words, so a cue keeps its
/// times; a piece left without new words hands its anchor on. Returns the words and whether an anchor is
/// handed on to the word after the stretch.
fn replace(replaced: &[Word], texts: &[&str]) -> (Vec<Word>, bool) {
    if let Some(kept) = same_words(replaced, texts) {
        return kept;
    }
    let (m, n) = (replaced.len(), texts.len());
    let cuts: Vec<usize> = (1..m).filter(|&i| replaced[i].cue).collect();
    let old_bounds: Vec<usize> = std::iter::once(0).chain(cuts).chain(std::iter::once(m)).collect();
    let mut words = Vec::with_capacity(n);
    let mut anchor = false;
    for pair in old_bounds.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let (x, y) = ((a * n).div_ceil(m.max(1)), (b * n).div_ceil(m.max(1)));
        let old = &replaced[a..b];
        if x >= y {
            anchor |= old.first().is_some_and(|w| w.cue);
            continue;
        }
        let mut piece = spread(old, &texts[x..y]);
        piece[0].cue = old[0].cue || std::mem::take(&mut anchor);
        words.extend(piece);
    }
    (words, anchor)
}

/// A word as compared for [`same_words`]: its letters and digits, in small letters.
fn bare(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Where fewer new words are old ones with other capitals or punctuation (`Eh, we` became `We`), each takes
/// the time of the old word it is, and the others are gone (their anchors handed on). `None` where the new
/// words are not such a selection.
fn same_words(replaced: &[Word], texts: &[&str]) -> Option<(Vec<Word>, bool)> {
    if texts.len() >= replaced.len() {
        return None;
    }
    let mut words = Vec::with_capacity(texts.len());
    let mut anchor = false;
    let mut old = replaced.iter();
    for text in texts {
        let wanted = bare(text);
        if wanted.is_empty() {
            return None;
        }
        loop {
            let w = old.next()?;
            if bare(&w.text) == wanted {
                let mut word = Word::heard(text, w.start, w.end, None);
                word.cue = w.cue || std::mem::take(&mut anchor);
                words.push(word);
                break;
            }
            anchor |= w.cue;
        }
    }
    anchor |= old.any(|w| w.cue);
    Some((words, anchor))
}

/// New words in place of `replaced`: together they take the replaced words' span, shared by their lengths
/// (where the span has only a start or an end, the first new word starts there or the last ends there;
/// where it ends before it starts, they have no time).
fn spread(replaced: &[Word], texts: &[&str]) -> Vec<Word> {
    let start = replaced.iter().find_map(|w| w.start);
    let end = replaced.iter().rev().find_map(|w| w.end);
    let total: usize = texts.iter().map(|t| t.chars().count()).sum();
    let mut done = 0;
    let mut words: Vec<Word> = texts.iter().map(|t| Word::typed(t)).collect();
    match (start, end) {
        (Some(s), Some(e)) if e >= s => {
            for word in &mut words {
                let at = |chars: usize| s + (e - s) * chars as f64 / total.max(1) as f64;
                word.start = Some(at(done));
                done += word.text.chars().count();
                word.end = Some(at(done));
            }
        }
        (Some(_), Some(_)) => {} // Out of order in time (joined from elsewhere): no span to share.
        _ => {
            if let Some(first) = words.first_mut() {
                first.start = start;
            }
            if let Some(last) = words.last_mut() {
                last.end = end;
            }
        }
    }
    words
}

/// The words of the part `range` (bytes) of a turn's `text`, whose words are `words`: the words wholly in
/// it as they are, a word cut by its edge as the part of it inside, with the whole word's span.
pub fn words_in(text: &str, words: &[Word], range: Range<usize>) -> Vec<Word> {
    if words.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (token, word) in tokens_with_offsets(text).zip(words) {
        let (at, token) = token;
        let (a, b) = (at.max(range.start), (at + token.len()).min(range.end));
        if a >= b {
            continue;
        }
        if (a, b) == (at, at + token.len()) {
            out.push(word.clone());
        } else {
            let part = &text[a..b];
            let mut piece = Word::heard(part, word.start, word.end, None);
            piece.cue = word.cue && a == at;
            out.push(piece);
        }
    }
    out
}

/// Where a turn's original (`original`, the text first opened) is cut when its text now (`text`) is cut at
/// byte `at`: a byte offset in `original`, at the start of a word or its end. The words of the two texts
/// are matched (a word-level diff); the original words matched to the words before the cut go before it,
/// a word cut in two goes before it, original words the user deleted at the cut go before it, and where the
/// cut falls in a stretch the user rewrote, the original words are shared by the stretch's proportions. So
/// each part of a split turn keeps its own share of the original, and every original word is in one part.
pub fn original_cut(original: &str, text: &str, at: usize) -> usize {
    let old: Vec<(usize, &str)> = tokens_with_offsets(original).collect();
    let new: Vec<(usize, &str)> = tokens_with_offsets(text).collect();
    // The words of the text now that start before the cut.
    let k = new.iter().take_while(|(offset, _)| *offset < at).count();
    let old_texts: Vec<&str> = old.iter().map(|(_, t)| *t).collect();
    let new_texts: Vec<&str> = new.iter().map(|(_, t)| *t).collect();
    let mut j = 0;
    for op in capture_diff_slices(Algorithm::Myers, &old_texts, &new_texts) {
        let (old_range, new_range) = (op.old_range(), op.new_range());
        // Past the cut (original words deleted right at it stay before it).
        if new_range.start > k || (new_range.start == k && !new_range.is_empty()) {
            j = old_range.start;
            break;
        }
        if new_range.end <= k {
            j = old_range.end;
            continue;
        }
        // The cut is inside this stretch.
        let into = k - new_range.start;
        j = old_range.start
            + match op {
                DiffOp::Equal { .. } => into,
                _ => (into * old_range.len() + new_range.len() / 2) / new_range.len().max(1),
            };
        break;
    }
    old.get(j).map_or(original.len(), |(offset, _)| *offset)
}

/// The white-space separated tokens of `text` with their byte offsets.
pub fn tokens_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |t| (t.as_ptr() as usize - text.as_ptr() as usize, t))
}

/// The byte ranges of the words in `text` (whose words are `words`) that the recogniser was less sure of
/// than `below`, each without its punctuation (see [`crate::model::tokens`]). A word without a confidence (typed, corrected or confirmed) is never doubtful.
pub fn doubtful<'a>(text: &'a str, words: &'a [Word], below: f32) -> impl Iterator<Item = Range<usize>> + 'a {
    tokens_with_offsets(text)
        .zip(words)
        .filter(move |(_, w)| w.confidence.is_some_and(|c| c < below))
        // The word, not the punctuation a recogniser attached to it: a correction typed over it keeps it.
        .map(|((at, token), _)| crate::model::tokens::word_core(token, at))
}

/// The byte range in `text` of the word being said at `at` seconds: the last timed word that has started
/// by then, while it lasts.
pub fn word_at(text: &str, words: &[Word], at: f64) -> Option<Range<usize>> {
    tokens_with_offsets(text)
        .zip(words)
        .filter(|(_, w)| w.start.is_some_and(|s| s <= at) && w.end.is_none_or(|e| at < e))
        .last()
        .map(|((offset, token), _)| offset..offset + token.len())
}

/// The time of the word at byte `at` of `text` (a click on it), if it has one.
pub fn time_of_word_at(text: &str, words: &[Word], at: usize) -> Option<f64> {
    tokens_with_offsets(text)
        .zip(words)
        .find(|((offset, token), _)| (*offset..=offset + token.len()).contains(&at))
        .and_then(|(_, w)| w.start)
}

/// Whether a character is written without spaces between words: a Chinese character (Han), or Japanese
/// kana. (Korean puts spaces between its words, and counts as other scripts do.)
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}'
        | '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}')
}

/// The words of `text` as word processors count them: what stands between spaces is a word, except that
/// each Chinese character and each kana counts as one (a run of other letters among them as one more).
pub fn count_words(text: &str) -> usize {
    if text.is_ascii() {
        return text.split_whitespace().count();
    }
    text.split_whitespace()
        .map(|token| {
            if !token.chars().any(is_cjk) {
                return 1;
            }
            let (mut count, mut in_run) = (0, false);
            for c in token.chars() {
                if is_cjk(c) {
                    count += 1;
                    in_run = false;
                } else if c.is_alphanumeric() && !in_run {
                    count += 1;
                    in_run = true;
                }
            }
            count
        })
        .sum()
}

/// Whether `words` spell `text` (split at white space).
pub fn spell(words: &[Word], text: &str) -> bool {
    words.iter().map(|w| w.text.as_str()).eq(text.split_whitespace())
}

/// What became of a word when a text changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Difference {
    Kept,
    Removed,
    Added,
}

/// `now` against `original`, word by word (words as white space separates them): every word of either in
/// reading order, with what became of it. A replaced stretch reads as its removed words, then the added
/// ones. The Changes view shows this.
pub fn differences<'a>(original: &'a str, now: &'a str) -> Vec<(Difference, &'a str)> {
    let (a, b): (Vec<&str>, Vec<&str>) = (original.split_whitespace().collect(), now.split_whitespace().collect());
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        let (removed, added) = match op {
            DiffOp::Equal { old_index, len, .. } => {
                out.extend(a[old_index..old_index + len].iter().map(|w| (Difference::Kept, *w)));
                continue;
            }
            DiffOp::Delete { old_index, old_len, .. } => (old_index..old_index + old_len, 0..0),
            DiffOp::Insert { new_index, new_len, .. } => (0..0, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (old_index..old_index + old_len, new_index..new_index + new_len),
        };
        out.extend(a[removed].iter().map(|w| (Difference::Removed, *w)));
        out.extend(b[added].iter().map(|w| (Difference::Added, *w)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_and_japanese_count_a_word_per_character() {
        assert_eq!(count_words("Welkom bij de podcast."), 4);
        assert_eq!(
            count_words("我们今天聊一聊AI的发展。"),
            11,
            "10 characters and one run of letters"
        );
        assert_eq!(count_words("张伟 说：好的"), 5);
        assert_eq!(count_words("今日はいい天気ですね"), 10);
        assert_eq!(count_words("안녕하세요 여러분"), 2, "Korean counts by spaces");
        assert_eq!(count_words("café — naïve"), 3, "other scripts as before");
    }

    #[test]
    fn differences_keep_every_word_of_both_texts_in_reading_order() {
        use Difference::*;
        let d = differences("De organisatei is  groot.", "De organisatie is heel groot.");
        assert_eq!(
            d,
            vec![
                (Kept, "De"),
                (Removed, "organisatei"),
                (Added, "organisatie"),
                (Kept, "is"),
                (Added, "heel"),
                (Kept, "groot."),
            ]
        );
        let was: Vec<&str> = d.iter().filter(|(k, _)| *k != Added).map(|(_, w)| *w).collect();
        let now: Vec<&str> = d.iter().filter(|(k, _)| *k != Removed).map(|(_, w)| *w).collect();
        assert_eq!(was.join(" "), "De organisatei is groot.");
        assert_eq!(now.join(" "), "De organisatie is heel groot.");
        assert_eq!(differences("", "Ja."), vec![(Added, "Ja.")]);
        assert_eq!(differences("Ja.", ""), vec![(Removed, "Ja.")]);
    }

    fn timed(text: &str) -> Vec<Word> {
        text.split_whitespace()
            .enumerate()
            .map(|(i, t)| Word::heard(t, Some(i as f64), Some(i as f64 + 0.8), Some(0.5)))
            .collect()
    }

    fn realigned(old: &[Word], text: &str) -> Vec<Word> {
        let mut words = old.to_vec();
        realign(old, text).apply(&mut words);
        assert!(spell(&words, text), "{words:?} spell {text}");
        words
    }

    #[test]
    fn unchanged_words_keep_their_times_and_a_changed_word_takes_the_old_span() {
        let old = timed("welkom bij de podcast");
        let new = realigned(&old, "welgekomen bij de podcast");
        assert_eq!(new[1..], old[1..], "untouched words are kept exactly");
        assert_eq!((new[0].start, new[0].end), (Some(0.0), Some(0.8)));
        assert_eq!(new[0].confidence, None, "an edited word is no longer in doubt");
    }

    #[test]
    fn new_words_have_no_time_and_removed_words_go() {
        let old = timed("een twee drie");
        let new = realigned(&old, "een en twee");
        assert_eq!(new[0], old[0]);
        assert_eq!(new[1], Word::typed("en"));
        assert_eq!(new[2], old[1]);
        assert_eq!(realigned(&old, ""), Vec::<Word>::new());
    }

    #[test]
    fn one_word_made_two_shares_its_span() {
        let old = timed("nietwaar ja");
        let new = realigned(&old, "niet waar ja");
        assert_eq!((new[0].start, new[0].end), (Some(0.0), Some(0.4)));
        assert_eq!((new[1].start, new[1].end), (Some(0.4), Some(0.8)));
        assert_eq!(new[2], old[1]);
    }

    #[test]
    fn only_the_changed_stretch_is_replaced() {
        let old = timed("a b c d e f");
        let change = realign(&old, "a b X d e f");
        assert_eq!((change.from, change.removed, change.inserted.len()), (2, 1, 1));
    }

    #[test]
    fn the_word_said_at_a_time_and_the_time_of_a_clicked_word() {
        let text = "een twee drie";
        let words = timed(text);
        // Words at 0–0.8, 1–1.8, 2–2.8 s.
        assert_eq!(word_at(text, &words, 1.5), Some(4..8));
        assert_eq!(word_at(text, &words, 0.9), None, "between words");
        assert_eq!(word_at(text, &words, 2.0), Some(9..13));
        assert_eq!(time_of_word_at(text, &words, 5), Some(1.0));
        assert_eq!(
            time_of_word_at(text, &words, 13),
            Some(2.0),
            "just after the last letter"
        );
        assert_eq!(time_of_word_at(text, &[], 5), None, "no words, no time");
    }

    #[test]
    fn an_original_is_cut_where_the_text_now_is_cut() {
        fn cut<'a>(original: &'a str, text: &str, at: usize) -> (&'a str, &'a str) {
            let j = original_cut(original, text, at);
            (original[..j].trim_end(), original[j..].trim_start())
        }
        // Unchanged: the same place.
        assert_eq!(
            cut("Zeker. Ja. In de praktijk", "Zeker. Ja. In de praktijk", 7),
            ("Zeker.", "Ja. In de praktijk")
        );
        // A word corrected before the cut, a word added after it.
        assert_eq!(
            cut("Zekr. Ja. In praktijk", "Zeker. Ja. In de praktijk", 7),
            ("Zekr.", "Ja. In praktijk")
        );
        // Words deleted at the cut stay before it; a word cut in two goes before it.
        assert_eq!(cut("een twee drie vier", "een vier", 4), ("een twee drie", "vier"));
        assert_eq!(cut("Hallo wereld", "Hallo wereld", 2), ("Hallo", "wereld"));
        // Typed words after the original ones: the new part had none of the original.
        assert_eq!(cut("Ja.", "Ja. Nieuw typed", 4), ("Ja.", ""));
        assert_eq!(cut("", "Nieuw", 2), ("", ""));
        // A rewritten stretch is shared by its proportions.
        assert_eq!(cut("a b c d", "w x y z", 4), ("a b", "c d"));
    }

    #[test]
    fn a_part_of_a_turn_has_the_words_in_it() {
        let text = "een twee drie";
        let words = timed(text);
        assert_eq!(words_in(text, &words, 4..text.len()), words[1..]);
        // Cut inside "twee": "ee" keeps the word's span.
        let cut = words_in(text, &words, 6..text.len());
        assert_eq!(cut[0].text, "ee");
        assert_eq!((cut[0].start, cut[0].end), (Some(1.0), Some(1.8)));
        assert_eq!(cut[1], words[2]);
    }
}
