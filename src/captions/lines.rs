//! Where a cue or a line may break, and a cue's text as balanced lines. The subtitle style guides agree: break
//! after punctuation or before a conjunction or a preposition, never right after an article, never between a
//! name's parts; keep a cue that fits one line on one line, and two lines of about the same length.

use super::units::Unit;

/// The small words a break is judged by, for one language.
pub struct Words {
    articles: &'static [&'static str],
    conjunctions: &'static [&'static str],
    prepositions: &'static [&'static str],
}

/// The languages with word lists (the first part of a language code, small).
pub const LANGUAGES: &[&str] = &["nl", "en", "de", "fr", "es"];

impl Words {
    /// The lists for `language` (`nl`, `en-GB` …); none for a language without lists (only punctuation and
    /// names then decide).
    pub fn of(language: Option<&str>) -> Self {
        let base = language
            .and_then(|l| l.split(['-', '_']).next())
            .unwrap_or("")
            .to_ascii_lowercase();
        let (articles, conjunctions, prepositions): (&[&str], &[&str], &[&str]) = match base.as_str() {
            "nl" => (
                &["de", "het", "een", "'t", "'n", "der", "des"],
                &[
                    "en", "maar", "of", "want", "dus", "omdat", "dat", "als", "toen", "terwijl", "hoewel", "zodat",
                    "voordat", "nadat", "doordat", "tenzij", "zoals", "waardoor", "waarbij",
                ],
                &[
                    "in", "op", "aan", "met", "van", "voor", "naar", "bij", "uit", "over", "onder", "door", "tegen",
                    "tot", "zonder", "tussen", "na", "om", "achter", "naast", "sinds", "tijdens", "volgens", "via",
                ],
            ),
            "en" => (
                &["a", "an", "the"],
                &[
                    "and", "but", "or", "so", "because", "that", "if", "when", "while", "although", "though", "unless",
                    "whereas", "nor", "which", "who", "where",
                ],
                &[
                    "in", "on", "at", "with", "of", "for", "to", "from", "by", "about", "into", "over", "under",
                    "through", "between", "after", "before", "without", "during", "against", "among", "since",
                ],
            ),
            "de" => (
                &[
                    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
                ],
                &[
                    "und", "aber", "oder", "denn", "weil", "dass", "wenn", "als", "ob", "obwohl", "während", "damit",
                    "sondern", "bevor", "nachdem",
                ],
                &[
                    "in", "an", "auf", "mit", "von", "zu", "für", "aus", "bei", "nach", "über", "unter", "durch",
                    "gegen", "ohne", "um", "vor", "hinter", "neben", "zwischen", "seit", "im", "am", "zum", "zur",
                    "vom", "beim",
                ],
            ),
            "fr" => (
                &["le", "la", "les", "l'", "un", "une", "des", "du", "au", "aux"],
                &[
                    "et",
                    "mais",
                    "ou",
                    "donc",
                    "car",
                    "que",
                    "qui",
                    "parce",
                    "quand",
                    "si",
                    "comme",
                    "lorsque",
                    "puisque",
                    "pendant que",
                ],
                &[
                    "à", "de", "dans", "sur", "avec", "pour", "par", "sans", "sous", "chez", "vers", "entre", "contre",
                    "depuis", "pendant", "après", "avant",
                ],
            ),
            "es" => (
                &["el", "la", "los", "las", "un", "una", "unos", "unas", "lo", "al", "del"],
                &[
                    "y", "e", "o", "u", "pero", "porque", "que", "si", "cuando", "aunque", "pues", "mientras", "como",
                    "ni", "sino",
                ],
                &[
                    "a", "de", "en", "con", "por", "para", "sin", "sobre", "entre", "hacia", "hasta", "desde",
                    "contra", "durante", "ante", "bajo", "tras",
                ],
            ),
            _ => (&[], &[], &[]),
        };
        Self {
            articles,
            conjunctions,
            prepositions,
        }
    }

    fn is(list: &[&str], word: &str) -> bool {
        let word = word
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
            .to_lowercase();
        list.contains(&word.as_str())
    }
}

/// How good a break is between `before` and `after` (higher is better; below zero: avoid). `pause`: the
/// seconds of silence between them.
pub fn break_quality(words: &Words, before: &Unit, after: &Unit, pause: f64) -> f32 {
    let last = before.text.chars().last().unwrap_or(' ');
    let mut q = match last {
        '.' | '?' | '!' | '…' | '。' | '？' | '！' => 3.0,
        ',' | ';' | ':' | '，' | '、' | '；' | '：' | ')' | '"' | '”' | '»' => 2.0,
        '-' | '–' | '—' => 1.5,
        _ => 0.0,
    };
    if pause >= 0.4 {
        q += 1.5;
    }
    if q > 0.0 {
        return q;
    }
    if after.glued {
        // Inside a Chinese or Japanese word run: any character boundary will do, none is better.
        return 0.0;
    }
    if Words::is(words.articles, before.text) {
        return -4.0;
    }
    if Words::is(words.prepositions, before.text) {
        return -1.5;
    }
    let capital = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    if capital(before.text) && capital(after.text) {
        // Two capitalised words in a row are a name's parts ("Mia Bijman", "New York").
        return -3.0;
    }
    if Words::is(words.conjunctions, after.text) {
        return 1.0;
    }
    if Words::is(words.prepositions, after.text) {
        return 0.8;
    }
    0.0
}

/// Characters as a viewer counts them on a line.
pub fn width(s: &str) -> usize {
    if s.is_ascii() { s.len() } else { width_of(s) }
}

fn width_of(s: &str) -> usize {
    s.chars().count()
}

/// The text of `units` as written: a space before each that is not glued to the one before.
pub fn joined(units: &[Unit]) -> String {
    let mut out = String::new();
    for (k, u) in units.iter().enumerate() {
        if k > 0 && !u.glued {
            out.push(' ');
        }
        out.push_str(u.text);
    }
    out
}

/// A turn's units measured once: each one's width, whether a space goes before it, and how good a break
/// before it is; the cutting into cues and lines asks these again and again.
pub struct Measured {
    pub width: Vec<usize>,
    pub spaced: Vec<bool>,
    /// `quality[k]`: a break between unit `k - 1` and unit `k` (see [`break_quality`]); `quality[0]` is 0.
    pub quality: Vec<f32>,
    /// `sums[k]`: the width of units `..k` on one line, spaces included.
    sums: Vec<usize>,
}

impl Measured {
    pub fn new(units: &[Unit], words: &Words) -> Self {
        let n = units.len();
        let (mut width, mut spaced, mut quality, mut sums) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n + 1),
        );
        sums.push(0);
        for (k, u) in units.iter().enumerate() {
            let w = if u.text.is_ascii() {
                u.text.len()
            } else {
                width_of(u.text)
            };
            let space = k > 0 && !u.glued;
            width.push(w);
            spaced.push(space);
            sums.push(sums[k] + w + usize::from(space));
            quality.push(if k == 0 {
                0.0
            } else {
                break_quality(words, &units[k - 1], u, (u.start - units[k - 1].end).max(0.0))
            });
        }
        Self {
            width,
            spaced,
            quality,
            sums,
        }
    }

    /// The width of units `a..b` as one line.
    pub fn span(&self, a: usize, b: usize) -> usize {
        if b <= a {
            0
        } else {
            self.sums[b] - self.sums[a] - usize::from(self.spaced[a])
        }
    }
}

/// Filling lines greedily, a unit at a time: the fewest lines of at most `max` characters that units fill.
#[derive(Debug, Clone, Copy)]
pub struct Filling {
    pub lines: usize,
    used: usize,
    /// No unit yet: the first stays with what starts the line (a speaker's name), however long.
    empty: bool,
}

impl Filling {
    /// Lines that start with `prefix` characters.
    pub fn new(prefix: usize) -> Self {
        Self {
            lines: 1,
            used: prefix,
            empty: true,
        }
    }

    /// Adds unit `k` of `m`.
    pub fn add(&mut self, m: &Measured, k: usize, max: usize) {
        let w = m.width[k];
        let add = w + usize::from(m.spaced[k] && !self.empty);
        if !self.empty && self.used + add > max {
            self.lines += 1;
            self.used = w;
        } else {
            self.used += add;
        }
        self.empty = false;
    }
}

/// The fewest lines of at most `max_chars` that units `range` of `m` fill, the first after `prefix`
/// characters (a speaker's name), filled greedily (which gives the fewest).
pub fn fewest_lines(m: &Measured, range: std::ops::Range<usize>, max_chars: usize, prefix: usize) -> usize {
    let mut filling = Filling::new(prefix);
    for k in range {
        filling.add(m, k, max_chars);
    }
    filling.lines
}

/// Units `range` of `units` (measured in `m`) as lines: one where they fit one, else the fewest lines of at
/// most `max_chars` (more where a word is longer than a line), broken where the breaks are best and the
/// lines most even. `prefix` starts the first line.
pub fn lay_out(
    units: &[Unit],
    m: &Measured,
    range: std::ops::Range<usize>,
    max_chars: usize,
    prefix: &str,
) -> Vec<String> {
    let prefix_width = width(prefix);
    let (first, end) = (range.start, range.end);
    if end <= first || prefix_width + m.span(first, end) <= max_chars {
        return vec![format!("{prefix}{}", joined(&units[range]))];
    }
    let count = fewest_lines(m, first..end, max_chars, prefix_width).max(2);
    let line_width = |a: usize, b: usize| m.span(a, b) + if a == first { prefix_width } else { 0 };
    let total = prefix_width + m.span(first, end);
    let target = total as f32 / count as f32;
    // best[l][b]: the least cost of units first..b in l lines, and where the last line starts.
    let n = end - first;
    let inf = f32::INFINITY;
    let mut best = vec![vec![(inf, 0usize); n + 1]; count + 1];
    best[0][0] = (0.0, 0);
    for l in 1..=count {
        for b in 1..=n {
            for a in (l - 1)..b {
                let (before, _) = best[l - 1][a];
                if before == inf || (a == 0) != (l == 1) {
                    continue;
                }
                let lw = line_width(first + a, first + b);
                // A word longer than a line is a line of its own (the check marks it).
                if lw > max_chars && b - a > 1 {
                    continue;
                }
                let uneven = (lw as f32 - target) / max_chars as f32;
                let mut cost = before + 10.0 * uneven * uneven;
                if b < n {
                    cost -= m.quality[first + b];
                } else if l > 1 && lw as f32 > target + 2.0 {
                    // Of two uneven lines, the longer goes below (the guides' "bottom-heavy pyramid").
                    cost -= 0.2;
                }
                if cost < best[l][b].0 {
                    best[l][b] = (cost, a);
                }
            }
        }
    }
    if best[count][n].0 == inf {
        return greedy(&units[range], max_chars, prefix);
    }
    let mut cuts = Vec::with_capacity(count);
    let mut b = n;
    for l in (1..=count).rev() {
        let a = best[l][b].1;
        cuts.push(first + a..first + b);
        b = a;
    }
    cuts.reverse();
    cuts.into_iter()
        .enumerate()
        .map(|(k, r)| {
            let text = joined(&units[r]);
            if k == 0 { format!("{prefix}{text}") } else { text }
        })
        .collect()
}

/// Lines filled one after another: for text no balanced layout fits.
fn greedy(units: &[Unit], max_chars: usize, prefix: &str) -> Vec<String> {
    let mut lines = vec![prefix.to_string()];
    for (k, u) in units.iter().enumerate() {
        let line = lines.last_mut().expect("one line at least");
        let space = k > 0 && !u.glued && !line.is_empty();
        if k > 0 && width(line) + usize::from(space) + width(u.text) > max_chars {
            lines.push(u.text.to_string());
        } else {
            if space {
                line.push(' ');
            }
            line.push_str(u.text);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `units` laid out whole, measured with `words`.
    fn lay(units: &[Unit], words: &Words, max_chars: usize, prefix: &str) -> Vec<String> {
        let m = Measured::new(units, words);
        lay_out(units, &m, 0..units.len(), max_chars, prefix)
    }

    fn units(text: &str) -> Vec<Unit<'_>> {
        text.split(' ')
            .enumerate()
            .map(|(k, w)| Unit {
                text: w,
                glued: false,
                start: k as f64,
                end: k as f64 + 1.0,
            })
            .collect()
    }

    #[test]
    fn text_that_fits_one_line_stays_on_one() {
        let en = Words::of(Some("en"));
        assert_eq!(
            lay(&units("Good morning, everyone."), &en, 42, ""),
            vec!["Good morning, everyone."]
        );
    }

    #[test]
    fn two_lines_are_balanced_and_broken_after_the_comma() {
        let en = Words::of(Some("en"));
        let lines = lay(
            &units("We tried it in the spring, and the results surprised all of us."),
            &en,
            42,
            "",
        );
        assert_eq!(
            lines,
            vec!["We tried it in the spring,", "and the results surprised all of us."]
        );
    }

    #[test]
    fn a_line_never_ends_on_an_article_or_between_a_names_parts() {
        for (lang, text) in [
            ("nl", "Gisteren sprak ik uitgebreid met de burgemeester van Rotterdam"),
            (
                "de",
                "Gestern habe ich lange mit dem Bürgermeister von Hamburg gesprochen",
            ),
            ("fr", "Hier, nous avons parlé longtemps avec le maire de notre ville"),
            ("es", "Ayer estuvimos hablando mucho tiempo con el alcalde de Madrid"),
            ("en", "Yesterday I had a long talk with the mayor of our little town"),
        ] {
            let words = Words::of(Some(lang));
            let lines = lay(&units(text), &words, 42, "");
            assert_eq!(lines.len(), 2, "{lang}: {lines:?}");
            let last_of_first = lines[0].rsplit(' ').next().unwrap_or("");
            assert!(!Words::is(words.articles, last_of_first), "{lang}: {lines:?}");
            assert!(lines.iter().all(|l| width(l) <= 42), "{lang}: {lines:?}");
        }
        let en = Words::of(Some("en"));
        let lines = lay(
            &units("This week our guest on the show is Mia Bijman from Utrecht"),
            &en,
            42,
            "",
        );
        assert!(!lines[0].ends_with("Mia"), "{lines:?}");
    }

    #[test]
    fn a_break_before_a_conjunction_beats_one_in_the_middle_of_a_phrase() {
        let en = Words::of(Some("en"));
        let good = units("them and");
        let bad = units("the house");
        assert!(break_quality(&en, &good[0], &good[1], 0.0) > 0.0);
        assert!(break_quality(&en, &bad[0], &bad[1], 0.0) < 0.0);
        let dutch = Words::of(Some("nl-BE"));
        let u = units("het huis");
        assert!(
            break_quality(&dutch, &u[0], &u[1], 0.0) < 0.0,
            "Dutch articles by the language's first part"
        );
    }

    #[test]
    fn a_word_longer_than_a_line_gets_a_line_of_its_own() {
        let lines = lay(
            &units("see Donaudampfschifffahrtsgesellschaftskapitänsmütze now"),
            &Words::of(None),
            20,
            "",
        );
        assert_eq!(
            lines,
            vec!["see", "Donaudampfschifffahrtsgesellschaftskapitänsmütze", "now"]
        );
    }

    #[test]
    fn the_prefix_counts_on_the_first_line() {
        let lines = lay(&units("one two three four five six"), &Words::of(None), 20, "Mia: ");
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("Mia: "));
        assert!(lines.iter().all(|l| width(l) <= 20), "{lines:?}");
    }
}
