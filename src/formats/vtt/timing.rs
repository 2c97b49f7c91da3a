//! A cue's timing line: WebVTT's timestamps as the parsing algorithm collects them, and the looser times
//! older Microsoft Teams exports wrote.

/// A cue's timing line as the WebVTT parser reads it: white space, a timestamp, white space, `-->`, white
/// space, a timestamp, and the cue settings (which may follow the end time without a space).
pub(super) fn cue_timings(line: &str) -> Option<(f64, f64)> {
    let space = |s: &str| s.trim_start_matches([' ', '\t', '\u{C}']).len();
    let rest = &line[line.len() - space(line)..];
    let (start, rest) = timestamp(rest)?;
    let rest = rest.trim_start_matches([' ', '\t', '\u{C}']).strip_prefix("-->")?;
    let (end, _settings) = timestamp(rest.trim_start_matches([' ', '\t', '\u{C}']))?;
    Some((start, end))
}

/// A WebVTT timestamp at the start of `s` (`mm:ss.ttt` or `h…h:mm:ss.ttt`, exactly three digits after the
/// dot), and what follows it.
pub(super) fn timestamp(s: &str) -> Option<(f64, &str)> {
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let n = digits(s);
    if n == 0 {
        return None;
    }
    let first: u64 = s[..n].parse().ok()?;
    let hours_first = n != 2 || first > 59;
    let rest = s[n..].strip_prefix(':')?;
    let m = digits(rest);
    if m != 2 {
        return None;
    }
    let second: u64 = rest[..m].parse().ok()?;
    let mut rest = &rest[m..];
    let (h, mi, sec) = if hours_first || rest.starts_with(':') {
        rest = rest.strip_prefix(':')?;
        let k = digits(rest);
        if k != 2 {
            return None;
        }
        let third: u64 = rest[..k].parse().ok()?;
        rest = &rest[k..];
        (first, second, third)
    } else {
        (0, first, second)
    };
    let rest = rest.strip_prefix('.')?;
    if digits(rest) != 3 {
        return None;
    }
    let millis: u64 = rest[..3].parse().ok()?;
    if mi > 59 || sec > 59 {
        return None;
    }
    let ms = ((h * 60 + mi) * 60 + sec) * 1000 + millis;
    Some((ms as f64 / 1000.0, &rest[3..]))
}

/// Times as older Microsoft Teams exports wrote them, not WebVTT's: `0:0:0.0 --> 0:0:0.570` (one or two
/// digits a field, any number after the dot).
pub(super) fn loose_timings(line: &str) -> Option<(f64, f64)> {
    let (start, end) = line.split_once("-->")?;
    let end = end.split_whitespace().next()?;
    Some((loose_time(start.trim())?, loose_time(end)?))
}

pub(super) fn loose_time(s: &str) -> Option<f64> {
    let (clock, fraction) = s.split_once('.')?;
    let parts: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&parts.len()) || !fraction.bytes().all(|b| b.is_ascii_digit()) || fraction.is_empty() {
        return None;
    }
    let mut seconds = 0.0;
    for (k, part) in parts.iter().enumerate() {
        if part.is_empty() || part.len() > 2 && k > 0 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let v: f64 = part.parse().ok()?;
        if k > 0 && v >= 60.0 {
            return None;
        }
        seconds = seconds * 60.0 + v;
    }
    let fraction: f64 = format!("0.{fraction}").parse().ok()?;
    Some(seconds + fraction)
}
