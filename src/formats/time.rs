//! Clock times as they appear in transcripts (`01:23`, `1:02:03.250`, `00:00:01,000`).

/// Parses `[H:]MM:SS[.fff]` (a comma may stand for the dot). Returns seconds, computed from an exact integer
/// count of fractional units so that what we write reads back to the identical `f64`.
pub fn parse_clock(s: &str) -> Option<f64> {
    let (clock, frac) = match s.find(['.', ',']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let parts: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.is_empty() || p.len() > 4) {
        return None;
    }
    let mut numbers = Vec::with_capacity(3);
    for p in &parts {
        if !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        numbers.push(p.parse::<u64>().ok()?);
    }
    let (h, m, sec) = match numbers[..] {
        [m, s] => (0, m, s),
        [h, m, s] => (h, m, s),
        _ => return None,
    };
    if sec >= 60 || (parts.len() == 3 && m >= 60) {
        return None;
    }
    let whole = h * 3600 + m * 60 + sec;
    match frac {
        None => Some(whole as f64),
        Some(f) if !f.is_empty() && f.len() <= 9 && f.bytes().all(|b| b.is_ascii_digit()) => {
            let scale = 10u64.pow(f.len() as u32);
            let units = whole * scale + f.parse::<u64>().ok()?;
            Some(units as f64 / scale as f64)
        }
        Some(_) => None,
    }
}

/// A subtitle timing line, `00:00:01,000 --> 00:00:04,200` (SRT) or `00:01.000 --> 00:04.200 align:start`
/// (WebVTT): start, end, and what follows (cue settings).
pub fn parse_timing(line: &str) -> Option<(f64, f64, &str)> {
    let (left, right) = line.split_once("-->")?;
    let start = parse_clock(left.trim())?;
    let right = right.trim_start();
    let end_len = right.find(char::is_whitespace).unwrap_or(right.len());
    let end = parse_clock(&right[..end_len])?;
    Some((start, end, right[end_len..].trim()))
}

/// A time as a person types it: `1:23`, `1:02:03.5`, `83.5` seconds (a comma for the dot too), or nothing
/// for no time. The error says what was typed and what is expected.
pub fn parse_typed(s: &str) -> Result<Option<f64>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let seconds = parse_clock(s).or_else(|| {
        let plain = s.strip_suffix('s').unwrap_or(s).trim().replace(',', ".");
        let digits =
            plain.bytes().all(|b| b.is_ascii_digit() || b == b'.') && plain.bytes().filter(|&b| b == b'.').count() <= 1;
        (digits && !plain.is_empty() && plain != ".")
            .then(|| plain.parse().ok())
            .flatten()
    });
    let seconds = seconds.ok_or_else(|| format!("\"{s}\" is not a time: write 1:23, 1:02:03.5 or seconds"))?;
    crate::model::check_time(seconds).map_err(|why| format!("\"{s}\" {why}"))?;
    Ok(Some(seconds))
}

/// Formats seconds as `HH:MM:SS.mmm`, rounded to the millisecond.
pub fn format_clock(seconds: f64) -> String {
    let ms = (seconds.max(0.0) * 1000.0).round() as u64;
    format_millis(ms, '.')
}

/// `HH:MM:SS<sep>mmm` from whole milliseconds.
pub fn format_millis(ms: u64, sep: char) -> String {
    let (h, rest) = (ms / 3_600_000, ms % 3_600_000);
    let (m, rest) = (rest / 60_000, rest % 60_000);
    let (s, ms) = (rest / 1000, rest % 1000);
    format!("{h:02}:{m:02}:{s:02}{sep}{ms:03}")
}

/// A short form for the screen: `1:23` or `1:02:03`.
pub fn format_short(seconds: f64) -> String {
    let total = seconds.max(0.0).floor() as u64;
    let (h, m, s) = (total / 3600, (total / 60) % 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// How finely the window shows times (View → Time precision).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// `1:23`
    Seconds,
    /// `1:23.4`
    #[default]
    Tenths,
    /// `1:23.456`
    Milliseconds,
    /// `0:01:23:12`, hours, minutes, seconds and frames at a frame rate (a video's time code).
    Frames,
}

impl Precision {
    pub const ALL: [Precision; 4] = [
        Precision::Seconds,
        Precision::Tenths,
        Precision::Milliseconds,
        Precision::Frames,
    ];

    /// The menu's name of it.
    pub fn title(self) -> &'static str {
        match self {
            Precision::Seconds => "Seconds (1:23)",
            Precision::Tenths => "Tenths (1:23.4)",
            Precision::Milliseconds => "Milliseconds (1:23.456)",
            Precision::Frames => "Frames (0:01:23:12)",
        }
    }
}

/// A time for the screen at `precision` (frames at `fps` a second), rounded to it: `1:23.4`.
pub fn format_at(seconds: f64, precision: Precision, fps: f64) -> String {
    let seconds = seconds.max(0.0);
    let (units, per_second) = match precision {
        Precision::Seconds => return format_short(seconds),
        Precision::Tenths => (10.0, 10u64),
        Precision::Milliseconds => (1000.0, 1000u64),
        Precision::Frames => {
            let fps = if fps.is_finite() && fps > 0.0 { fps } else { 25.0 };
            // Frames counted whole: 23.976 fps shows frames 0 … 23.
            let frames_a_second = fps.ceil() as u64;
            let frames = (seconds * fps).floor() as u64;
            let whole = (frames as f64 / fps).floor() as u64;
            let frame = (frames - (whole as f64 * fps).ceil() as u64).min(frames_a_second - 1);
            let (h, m, s) = (whole / 3600, (whole / 60) % 60, whole % 60);
            return format!("{h}:{m:02}:{s:02}:{frame:02}");
        }
    };
    let total = (seconds * units).round() as u64;
    let (whole, part) = (total / per_second, total % per_second);
    let short = format_short(whole as f64);
    if per_second == 10 {
        format!("{short}.{part}")
    } else {
        format!("{short}.{part:03}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_at_the_precision_chosen() {
        assert_eq!(format_at(83.46, Precision::Seconds, 25.0), "1:23");
        assert_eq!(format_at(83.46, Precision::Tenths, 25.0), "1:23.5");
        assert_eq!(
            format_at(59.96, Precision::Tenths, 25.0),
            "1:00.0",
            "rounding carries into the minute"
        );
        assert_eq!(format_at(83.456, Precision::Milliseconds, 25.0), "1:23.456");
        assert_eq!(format_at(3723.5, Precision::Frames, 25.0), "1:02:03:12");
        assert_eq!(format_at(83.48, Precision::Frames, 25.0), "0:01:23:12");
        assert_eq!(format_at(0.999, Precision::Frames, 23.976), "0:00:00:23");
    }

    #[test]
    fn times_are_typed_as_clocks_or_seconds() {
        assert_eq!(parse_typed("1:23"), Ok(Some(83.0)));
        assert_eq!(parse_typed(" 1:02:03.5 "), Ok(Some(3723.5)));
        assert_eq!(parse_typed("83,5"), Ok(Some(83.5)));
        assert_eq!(parse_typed("12s"), Ok(Some(12.0)));
        assert_eq!(parse_typed(""), Ok(None));
        assert!(parse_typed("soon").is_err_and(|e| e.contains("\"soon\" is not a time")));
        assert!(parse_typed("1.2.3").is_err());
        assert!(parse_typed("99999999").is_err_and(|e| e.contains("1,000 hours")));
    }

    #[test]
    fn parses_the_forms_people_write() {
        assert_eq!(parse_clock("01:23"), Some(83.0));
        assert_eq!(parse_clock("00:01:23"), Some(83.0));
        assert_eq!(parse_clock("1:02:03.5"), Some(3723.5));
        assert_eq!(parse_clock("00:00:01,250"), Some(1.25));
    }

    #[test]
    fn rejects_what_is_not_a_clock() {
        for s in [
            "", "10", "1:2:3:4", "ab:cd", "01:60", "1:61:00", "01:23.", "01:23.x", "-1:00",
        ] {
            assert_eq!(parse_clock(s), None, "{s}");
        }
    }

    #[test]
    fn timing_lines_of_both_subtitle_formats() {
        assert_eq!(parse_timing("00:00:01,000 --> 00:00:04,200"), Some((1.0, 4.2, "")));
        assert_eq!(
            parse_timing("00:01.500 --> 00:04.000 align:start line:0"),
            Some((1.5, 4.0, "align:start line:0"))
        );
        assert_eq!(parse_timing("1 --> 2"), None);
        assert_eq!(parse_timing("Mia: wat --> dat"), None);
    }

    #[test]
    fn formatting_reads_back_to_the_same_seconds() {
        for ms in [0u64, 1, 999, 83_123, 3_723_500, 360_000_000] {
            let secs = ms as f64 / 1000.0;
            assert_eq!(parse_clock(&format_clock(secs)), Some(secs), "{ms}");
        }
        assert_eq!(format_short(3723.9), "1:02:03");
        assert_eq!(format_short(83.0), "1:23");
    }
}
