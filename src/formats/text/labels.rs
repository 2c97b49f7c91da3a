//! Speaker labels at the start of a line: recognising every form found in the wild (`written_labels`
//! writes them). Inside brackets `\\` is a backslash, `\]` a closing bracket and `\u{…}` a character by
//! its hexadecimal code.

use crate::formats::time::parse_clock;
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

pub(super) const TIME: &str = r"\d{1,4}:\d{2}(?::\d{2})?(?:[.,]\d{1,9})?";

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let stamp = format!(r"[\[(]\s*(?P<{{n}}a>{TIME})(?:\s*(?:-->|-|–)\s*(?P<{{n}}b>{TIME}))?\s*[\])]");
    let pattern = format!(
        r"^\s*(?:{t1}\s*)?(?P<open>\*\*|\[)?(?P<label>[\p{{L}}\p{{M}}\p{{N}}][\p{{L}}\p{{M}}\p{{N}} ._'’&\-]*?)(?P<close>\]|\*\*)?(?:\s*{t2})?\s*:(?P<bold>\*\*)?(?:\s+|$)",
        t1 = stamp.replace("{n}", "l"),
        t2 = stamp.replace("{n}", "r"),
    );
    Regex::new(&pattern).expect("the label pattern is valid")
});

/// The longest label, in characters. Checked in code, not by a bounded repeat in the patterns: a repeat of a
/// Unicode class 47 times over is 47 copies of a large automaton, megabytes held by every process.
const LONGEST_LABEL: usize = 48;

/// A whole label in the plain `Name:` form, with the label pattern's own characters (and length, checked
/// against [`LONGEST_LABEL`]).
static PLAIN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} ._'’&\-]*$").expect("the plain-name pattern is valid")
});

static NUMBERED_SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:speaker[ _-]?\d+|spk[ _-]?\d+)$").expect("the numbered-speaker pattern is valid")
});

/// A label found at the start of a line.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LabelMatch<'a> {
    pub name: Cow<'a, str>,
    pub start: Option<f64>,
    pub end: Option<f64>,
    /// Brackets, bold, a timestamp or a numbered speaker: a label whatever else the file holds.
    pub strong: bool,
    /// Byte offset where the turn's text begins.
    pub rest: usize,
}

pub(super) fn match_label(line: &str) -> Option<LabelMatch<'_>> {
    let found = match line.find(':') {
        Some(colon) => bracket_label(line)
            .or_else(|| bold_label(line))
            .or_else(|| plain_label(line, colon))
            .or_else(|| stamped_label(line))
            .or_else(|| pattern_label(line))
            .or_else(|| cjk_label(line)),
        None => cjk_label(line),
    };
    // `音频文件: x.mp3`, `处理时间: …`: a header's key, not a speaker (unless written in brackets).
    found.filter(|m| m.strong || !header_key(&m.name))
}

/// Labels as Chinese and Japanese transcripts write them: `【访谈者】text`, `[受访者] text` (a name in
/// Chinese or Japanese in brackets, no colon needed), `张伟：text` (a fullwidth colon, no space needed).
fn cjk_label(line: &str) -> Option<LabelMatch<'_>> {
    let trimmed = line.trim_start();
    for (open, close) in [('【', '】'), ('[', ']'), ('〔', '〕')] {
        let Some(inner) = trimmed.strip_prefix(open) else {
            continue;
        };
        let end = inner.find(close)?;
        let name = inner[..end].trim();
        let cjk = name.chars().any(crate::model::words::is_cjk);
        // `[Muziek]` and `[笑]` are sounds, not speakers.
        if name.is_empty() || name.chars().count() > 16 || (open == '[' && !cjk) || SOUNDS.contains(&name) {
            return None;
        }
        let after = &inner[end + close.len_utf8()..];
        let after = after.strip_prefix([':', '：']).unwrap_or(after);
        return Some(LabelMatch {
            name: Cow::Borrowed(name),
            start: None,
            end: None,
            strong: open == '【',
            rest: line.len() - after.trim_start().len(),
        });
    }
    // No space is needed after a fullwidth colon: these scripts put none between words.
    named_before(line, line.find('：')?, '：', 16)
}

/// Sound marks Chinese and Japanese transcripts put in brackets.
const SOUNDS: &[&str] = &[
    "笑",
    "笑声",
    "大笑",
    "音乐",
    "掌声",
    "咳嗽",
    "噪音",
    "静音",
    "听不清",
    "不清楚",
    "沉默",
    "笑い",
    "音楽",
    "拍手",
    "咳",
    "無音",
    "聞き取れず",
    "不明",
];

/// Whether a label in Chinese or Japanese is a header's key (a file's name, a time, a date) rather than a
/// speaker.
fn header_key(name: &str) -> bool {
    const KEYS: &[&str] = &[
        "文件",
        "时间",
        "日期",
        "时长",
        "标题",
        "地点",
        "主题",
        "音频",
        "录音",
        "转写",
        "处理",
        "语言",
        "字数",
        "来源",
        "ファイル",
        "日時",
        "時間",
        "日付",
        "タイトル",
        "場所",
        "録音",
        "音声",
        "言語",
    ];
    name.chars().any(crate::model::words::is_cjk) && KEYS.iter().any(|k| name.contains(k))
}

/// `[anything]: text`, the bracketed form with escapes that the writer uses for names that do not read
/// back plainly (and `[SPEAKER_00]:`, `[Mia]:` as people write them). A time in brackets (`[00:01:23]:`)
/// is not a name.
fn bracket_label(line: &str) -> Option<LabelMatch<'_>> {
    let inner = line.trim_start().strip_prefix('[')?;
    let mut unescaped: Option<String> = None;
    let mut chars = inner.char_indices();
    let close = loop {
        let (i, c) = chars.next()?;
        match c {
            ']' => break i,
            '\\' => {
                let name = unescaped.get_or_insert_with(|| inner[..i].to_string());
                match chars.next()?.1 {
                    e @ ('\\' | ']') => name.push(e),
                    'u' => name.push(code_point(&mut chars)?),
                    _ => return None,
                }
            }
            c => {
                if let Some(name) = &mut unescaped {
                    name.push(c);
                }
            }
        }
    };
    let raw = &inner[..close];
    if is_time(raw) {
        return None;
    }
    let after = inner[close + 1..].strip_prefix(':')?;
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    Some(LabelMatch {
        name: unescaped.map_or(Cow::Borrowed(raw), Cow::Owned),
        start: None,
        end: None,
        strong: true,
        rest: line.len() - after.trim_start().len(),
    })
}

/// `**Name:**` or `**Name (00:01:23.000 - 00:01:27.000):**`, as the Markdown writer puts it, with Markdown's
/// backslash escapes in the name (`**C\+\+:**` is not needed, but `**Re\: Mia:**` and `**\*\*Star\*\*:**`
/// are), so that any name reads back.
fn bold_label(line: &str) -> Option<LabelMatch<'_>> {
    let inner = line.trim_start().strip_prefix("**")?;
    let mut name = String::new();
    let mut chars = inner.char_indices();
    // The name ends at an unescaped colon, or at an unescaped " (" that starts the times.
    let (end, times) = loop {
        let (i, c) = chars.next()?;
        match c {
            '\\' => match chars.next()?.1 {
                'u' => name.push(code_point(&mut chars)?),
                e => name.push(e),
            },
            ':' => break (i, None),
            ' ' if inner[i..].starts_with(" (") => {
                let open = i + 2;
                let close = open + inner[open..].find(')')?;
                break (close + 1, Some(&inner[open..close]));
            }
            '*' => return None,
            c => name.push(c),
        }
    };
    let after = inner[end..].strip_prefix(':')?.strip_prefix("**")?;
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    let (start, finish) = match times {
        None => (None, None),
        Some(times) => {
            let clock = |s: &str| CLOCK.is_match(s.trim()).then(|| parse_clock(s.trim())).flatten();
            match times.split_once(" - ") {
                Some((a, b)) => (Some(clock(a)?), Some(clock(b)?)),
                None => (Some(clock(times)?), None),
            }
        }
    };
    Some(LabelMatch {
        name: Cow::Owned(name),
        start,
        end: finish,
        strong: true,
        rest: line.len() - after.trim_start().len(),
    })
}

/// The character of a `\u{1F}` escape, the `\u` already taken from `chars`; the braces and digits are taken.
fn code_point(chars: &mut std::str::CharIndices<'_>) -> Option<char> {
    let rest = chars.as_str().strip_prefix('{')?;
    let close = rest.find('}')?;
    let c = char::from_u32(u32::from_str_radix(&rest[..close], 16).ok()?)?;
    // The digits are ASCII (from_str_radix took them): one char each, and the two braces.
    for _ in 0..close + 2 {
        chars.next();
    }
    Some(c)
}

/// A clock time or a range of two (`00:01:23`, `1:02 - 1:05`): what brackets at a line's start usually hold.
pub(super) fn is_time(s: &str) -> bool {
    let s = s.trim();
    CLOCK.is_match(s)
        || s.split_once("-->")
            .or_else(|| s.split_once(['-', '–']))
            .is_some_and(|(a, b)| CLOCK.is_match(a.trim()) && CLOCK.is_match(b.trim()))
}

/// One clock time, the whole string.
static CLOCK: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!("^{TIME}$")).expect("the clock pattern is valid"));

/// `[00:01:23.500 - 00:01:27.000] Mia: text` or `(01:23) Mia: text`: a time or range before a plain label,
/// as the editor itself writes. Like [`plain_label`], a quicker road to what the full pattern reads.
fn stamped_label(line: &str) -> Option<LabelMatch<'_>> {
    let trimmed = line.trim_start();
    let close = match trimmed.as_bytes().first()? {
        b'[' => ']',
        b'(' => ')',
        _ => return None,
    };
    let end = trimmed.find(close)?;
    let inside = &trimmed[1..end];
    let (first, second) = match inside.find("-->").map(|i| (i, 3)).or_else(|| {
        inside
            .find(['-', '–'])
            .map(|i| (i, inside[i..].chars().next().map_or(1, char::len_utf8)))
    }) {
        Some((i, len)) => (&inside[..i], Some(&inside[i + len..])),
        None => (inside, None),
    };
    let clock = |s: &str| {
        let s = s.trim();
        if CLOCK.is_match(s) { parse_clock(s) } else { None }
    };
    let start = clock(first)?;
    let end_time = match second {
        Some(s) => Some(clock(s)?),
        None => None,
    };
    let after = &trimmed[end + 1..];
    let label = bracket_label(after).or_else(|| plain_label(after, after.find(':')?))?;
    Some(LabelMatch {
        name: label.name,
        start: Some(start),
        end: end_time,
        strong: true,
        rest: line.len() - after.len() + label.rest,
    })
}

/// Any label form, by the full pattern.
fn pattern_label(line: &str) -> Option<LabelMatch<'_>> {
    let caps = LABEL.captures(line)?;
    let open = caps.name("open").map(|m| m.as_str());
    let close = caps.name("close").map(|m| m.as_str());
    let bold = caps.name("bold").is_some();
    let paired = match (open, close) {
        (None, None) => !bold,
        (Some("["), Some("]")) => !bold,
        (Some("**"), Some("**")) => !bold,
        (Some("**"), None) => bold,
        _ => false,
    };
    if !paired {
        return None;
    }
    let label = caps.name("label")?.as_str();
    // The shortest label that fits the pattern (its repeat is lazy): too long, and no label fits.
    if label.chars().count() > LONGEST_LABEL {
        return None;
    }
    let name = label.trim();
    if !name.chars().any(char::is_alphabetic) {
        return None;
    }
    let clock = |n: &str| caps.name(n).and_then(|m| parse_clock(m.as_str()));
    let (start, end) = match (clock("la"), clock("ra")) {
        (Some(s), _) => (Some(s), clock("lb")),
        (None, Some(s)) => (Some(s), clock("rb")),
        (None, None) => (None, None),
    };
    let whole = caps.get(0)?;
    Some(LabelMatch {
        name: Cow::Borrowed(name),
        start,
        end,
        strong: open.is_some() || start.is_some() || NUMBERED_SPEAKER.is_match(name),
        rest: whole.end(),
    })
}

/// The common `Name: text` form without the full label pattern: most lines of a transcript are this, and
/// the full pattern costs ten times as much. Accepts only what the full pattern would read the same way;
/// anything else (brackets, bold, times) is left to it.
fn plain_label(line: &str, colon: usize) -> Option<LabelMatch<'_>> {
    let after = &line[colon + 1..];
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    named_before(line, colon, ':', LONGEST_LABEL)
}

/// The name before the `colon` at byte `at` of `line`, when it reads as a plain name of at most `longest`
/// characters.
fn named_before(line: &str, at: usize, colon: char, longest: usize) -> Option<LabelMatch<'_>> {
    let head = &line[..at];
    if head.len() > 4 * 48 + 8 {
        return None;
    }
    let name = head.trim();
    if name.chars().count() > longest || !PLAIN_NAME.is_match(name) || !name.chars().any(char::is_alphabetic) {
        return None;
    }
    let after = &line[at + colon.len_utf8()..];
    Some(LabelMatch {
        name: Cow::Borrowed(name),
        start: None,
        end: None,
        strong: NUMBERED_SPEAKER.is_match(name),
        rest: line.len() - after.trim_start().len(),
    })
}

/// A speaker label at the start of a line of another format's text (a subtitle cue): its name, where the
/// text after it begins, and whether its form alone makes it a label.
pub(crate) fn leading_label(line: &str) -> Option<(Cow<'_, str>, usize, bool)> {
    match_label(line).map(|m| (m.name, m.rest, m.strong))
}

#[cfg(test)]
mod tests {
    use super::super::written_labels::{write_bold_label, write_label};
    use super::*;
    use crate::formats::line::looks_like_name;

    #[test]
    fn chinese_and_japanese_labels_and_header_keys() {
        let name = |line: &str| match_label(line).map(|m| (m.name.into_owned(), line[m.rest..].to_string()));
        let pair = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(name("【访谈者】今天我们聊什么？"), pair("访谈者", "今天我们聊什么？"));
        assert_eq!(name("[受访者] 聊一聊城市。"), pair("受访者", "聊一聊城市。"));
        assert_eq!(name("张伟：好的，没问题。"), pair("张伟", "好的，没问题。"));
        assert_eq!(name("Ａ：はい、そうです。"), pair("Ａ", "はい、そうです。"));
        assert_eq!(name("田中: こんにちは"), pair("田中", "こんにちは"));
        assert_eq!(name("音频文件: interview.mp3"), None);
        assert_eq!(name("处理时间：2026-11-30 10:00"), None);
        assert_eq!(name("[笑] 对对对。"), None);
        assert_eq!(name("[Muziek] Hallo."), None);
        assert_eq!(
            name("[处理时间]: 见下"),
            pair("处理时间", "见下"),
            "brackets make any name a label"
        );
    }

    #[test]
    fn every_name_is_written_so_that_it_reads_back() {
        let long = "Lange naam ".repeat(20);
        let names = [
            "Mia",
            "C++",
            "Tom (host)",
            "Re: Mia",
            "👩‍💻 Dev",
            "[Bob]",
            "**Star**",
            "42",
            "A\\B",
            "- Dash",
            "Mia:",
            "Bob (01:23)",
            "",
            long.trim(),
            "x]",
            "مريم",
            "张伟",
            "Анна",
            "देवी",
            "00:01:23",
            "1:02 - 1:05",
            "tab\there",
            "line\nbreak",
            "nul\0",
            " spaced ",
            "\\",
            "]",
            "[",
            "\\u{41}",
        ];
        for name in names {
            let line = format!("{} de tekst", write_label(name));
            let m = match_label(&line).unwrap_or_else(|| panic!("{name:?} written as {line:?} is no label"));
            assert_eq!(m.name, name, "written as {line:?}");
            assert!(
                m.strong || looks_like_name(&m.name),
                "{name:?} would need a second turn to count"
            );
            assert_eq!(&line[m.rest..], "de tekst", "{name:?}");
        }
    }

    #[test]
    fn every_name_is_written_in_bold_so_that_it_reads_back() {
        for name in [
            "Mia",
            "C++",
            "Re: Mia",
            "**Star**",
            "Tom (host)",
            "A\\B",
            "",
            "line\nbreak",
            "x_y",
            "مريم",
        ] {
            for (times, start, end) in [
                ("", None, None),
                (" (00:00:01.500 - 00:00:02.000)", Some(1.5), Some(2.0)),
            ] {
                let line = format!("{} de tekst", write_bold_label(name, times));
                let m = match_label(&line).unwrap_or_else(|| panic!("{name:?} written as {line:?} is no label"));
                assert_eq!(
                    (m.name.as_ref(), m.start, m.end),
                    (name, start, end),
                    "written as {line:?}"
                );
                assert_eq!(&line[m.rest..], "de tekst");
            }
        }
        // As people write it.
        let m = match_label("**Dr. Melissa Ko:** Goedemorgen").expect("a label");
        assert_eq!(m.name, "Dr. Melissa Ko");
    }

    #[test]
    fn names_in_scripts_without_capitals_are_written_plainly() {
        for name in ["مريم", "张伟", "देवी", "Анна", "Dr. Melissa Ko"] {
            assert_eq!(write_label(name), format!("{name}:"));
        }
        assert_eq!(write_label("C++"), "[C++]:");
        assert_eq!(write_label("x]"), "[x\\]]:");
        assert_eq!(write_label("00:01"), "[\\u{30}0:01]:");
    }

    proptest::proptest! {
        #[test]
        fn the_fast_path_reads_labels_as_the_full_pattern_does(
            line in "[ \t]{0,2}([\\[(][0-9]{1,2}:[0-9]{2}(:[0-9]{2})?([.,][0-9]{1,3})?( ?(-|–|-->) ?[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?[\\])] ?)?([A-Za-zéÅ0-9 ._'’&\\-\\[\\]()*]{0,20}|SPEAKER_[0-9]{2}|[a-z]{1,60})[ ]{0,2}:([ \t*]{0,2}[a-z :]{0,8})?"
        ) {
            let colon = line.find(':').expect("the line has a colon");
            if let Some(fast) = plain_label(&line, colon) {
                proptest::prop_assert_eq!(Some(fast), pattern_label(&line));
            }
            // The bracketed form after a time reads more names than the full pattern knows: left out here.
            let bracketed_after_stamp = line.trim_start().split_once([']', ')']).is_some_and(|(_, r)| r.trim_start().starts_with('['));
            if let Some(fast) = stamped_label(&line).filter(|_| !bracketed_after_stamp) {
                proptest::prop_assert_eq!(Some(fast), pattern_label(&line));
            }
        }
    }

    #[test]
    fn a_plain_or_timed_label_is_at_most_48_characters() {
        // (Bracketed and bold labels, which the writers use for any name, have no such limit.)
        let name = |n: usize| "é".repeat(n);
        for form in [
            "{}: tekst",
            "[00:01] {}: tekst",
            "{} (00:01): tekst",
            "{} [00:01:02]: tekst",
        ] {
            let line = |n: usize| form.replace("{}", &name(n));
            assert_eq!(
                match_label(&line(48)).map(|m| m.name.into_owned()),
                Some(name(48)),
                "{form} with 48 characters"
            );
            assert!(match_label(&line(49)).is_none(), "{form} with 49 characters is text");
        }
    }
}
