//! `convert --captions` and `check --captions`: cues a viewer can read, and the rules a subtitle file breaks.

use crate::captions::{self, Names, Options, Rules};
use crate::formats::Format;
use anyhow::{Result, bail};

/// The limits of a cue, as `convert --captions` keeps them and `check --captions` checks them.
#[derive(Debug, Clone, clap::Args)]
pub struct Limits {
    /// Characters a line at most [default: 42].
    #[arg(long, value_name = "N")]
    max_chars: Option<usize>,
    /// Lines a cue at most [default: 2].
    #[arg(long, value_name = "N")]
    max_lines: Option<usize>,
    /// Seconds a cue at most [default: 7].
    #[arg(long, value_name = "SECONDS")]
    max_duration: Option<f64>,
    /// Seconds a cue at least, where the pause after it allows [default: 0.833].
    #[arg(long, value_name = "SECONDS")]
    min_duration: Option<f64>,
    /// Reading speed at most, in characters a second (spaces count) [default: 20].
    #[arg(long, value_name = "CHARS")]
    max_cps: Option<f64>,
    /// Seconds between cues that do not touch, at least [default: 0.083].
    #[arg(long, value_name = "SECONDS")]
    min_gap: Option<f64>,
}

impl Limits {
    /// Whether any limit was given.
    pub fn any(&self) -> bool {
        let Limits {
            max_chars,
            max_lines,
            max_duration,
            min_duration,
            max_cps,
            min_gap,
        } = self;
        max_chars.is_some()
            || max_lines.is_some()
            || max_duration.is_some()
            || min_duration.is_some()
            || max_cps.is_some()
            || min_gap.is_some()
    }

    /// The rules: the defaults (Netflix's for English) with the limits given, or what is wrong with them.
    pub fn rules(&self) -> Result<Rules> {
        let d = Rules::default();
        let rules = Rules {
            max_chars: self.max_chars.unwrap_or(d.max_chars),
            max_lines: self.max_lines.unwrap_or(d.max_lines),
            max_duration: self.max_duration.unwrap_or(d.max_duration),
            min_duration: self.min_duration.unwrap_or(d.min_duration),
            max_cps: self.max_cps.unwrap_or(d.max_cps),
            min_gap: self.min_gap.unwrap_or(d.min_gap),
        };
        if let Some(problem) = rules.problem() {
            bail!("{problem}");
        }
        Ok(rules)
    }
}

/// How `convert --captions` makes its cues, beside the limits.
#[derive(Debug, Clone, clap::Args)]
pub struct CaptionArgs {
    /// Write subtitles a viewer can read: each turn cut into cues within the limits below (at most 2 lines
    /// of 42 characters, 5/6 s to 7 s, 20 characters a second), lines balanced and broken at good places,
    /// cue times from the words' times. For .srt, .vtt, .ttml, .ass and .sbv.
    #[arg(long)]
    pub(super) captions: bool,
    /// Where speakers' names go in the captions: none, first (`Name: ` on each turn's first cue) or voice
    /// (WebVTT's <v Name>, ASS's Name field, TTML's agent).
    #[arg(long, value_name = "WHERE", value_enum, requires = "captions")]
    names: Option<NamesArg>,
    /// Two short turns of different speakers in one cue as dialogue lines (- Ja. / - In de praktijk …).
    #[arg(long, requires = "captions")]
    dialogue: bool,
    #[command(flatten)]
    pub(super) limits: Limits,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum NamesArg {
    None,
    First,
    Voice,
}

/// The formats captions are written in.
const CAPTION_FORMATS: &[&str] = &["srt", "vtt", "ttml", "ass", "sbv"];

impl CaptionArgs {
    /// The options `convert` asked for, checked against the output format.
    pub fn options(&self, to: &'static dyn Format, language: Option<String>) -> Result<Options> {
        if !CAPTION_FORMATS.contains(&to.name()) {
            bail!(
                "captions are subtitles: write them as .srt, .vtt, .ttml, .ass or .sbv, not {}",
                to.title()
            );
        }
        let names = match self.names.unwrap_or(NamesArg::None) {
            NamesArg::None => Names::None,
            NamesArg::First => Names::FirstCue,
            NamesArg::Voice if matches!(to.name(), "srt" | "sbv") => bail!(
                "{} cannot hold voice spans, so --names voice would put every cue's speaker before its text; choose --names first or none",
                to.title()
            ),
            NamesArg::Voice => Names::Voice,
        };
        Ok(Options {
            rules: self.limits.rules()?,
            names,
            dialogue: self.dialogue,
            language,
        })
    }
}

/// The captions of `t` as a transcript of one turn a cue, for the subtitle writers.
pub fn caption_transcript(t: &crate::model::Transcript, options: &Options) -> Result<crate::model::Transcript> {
    match captions::make(t, options, &|_| {}) {
        Ok(cues) => Ok(captions::into_transcript(&cues, t)),
        Err(e) if e.which == "end" => bail!("{e}; add --fill-ends to estimate the missing ends"),
        Err(e) => bail!("{e}; give the turn a start, or open the transcript with its recording"),
    }
}

/// `check --captions`: each cue of `t` (read from `name`) that breaks a rule, and whether none does.
pub fn report(name: &str, t: &crate::model::Transcript, rules: &Rules) -> (String, bool) {
    let cues = captions::check::cues_of(t);
    let found = captions::check(&cues, rules);
    let mut out = String::new();
    for f in &found {
        out.push_str(&format!("{name}: {}\n", f.describe(rules)));
    }
    let broken: std::collections::BTreeSet<usize> = found.iter().map(|f| f.cue).collect();
    if found.is_empty() {
        out.push_str(&format!("{name}: ok: {} cues within the rules\n", cues.len()));
    } else {
        out.push_str(&format!(
            "{name}: {} of {} cues break a rule ({} findings)\n",
            broken.len(),
            cues.len(),
            found.len()
        ));
    }
    (out, found.is_empty())
}
