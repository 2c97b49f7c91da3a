//! The transcript as plain data: speakers, turns and metadata, and the rules they keep: a turn's words
//! spell its text (`words`), what a word of a text is (`tokens`), what a time may be. No UI, no I/O.

pub mod language;
pub mod progress;
pub mod tokens;
pub mod words;

use serde_json::{Map, Value};

/// Fields of a JSON object that this version of the editor does not know. They are kept so that saving a
/// file written by a newer version loses nothing.
pub type Extra = Map<String, Value>;

/// A speaker's stable identifier, as written in the JSON format (`"S1"`). Display names can change; ids do not.
/// Shared, not copied: every turn names its speaker, and a million turns should not mean a million strings.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SpeakerId(pub std::sync::Arc<str>);

impl SpeakerId {
    pub fn new(id: &str) -> Self {
        Self(id.into())
    }
}

impl SpeakerId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SpeakerId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// An end that is not before `start`: a turn never ends before it starts (our JSON would refuse it), so
/// where times read or cut would say so, the end is the start.
pub fn end_not_before(start: Option<f64>, end: Option<f64>) -> Option<f64> {
    match (start, end) {
        (Some(s), Some(e)) => Some(e.max(s)),
        _ => end,
    }
}

/// A turn's identity while the program runs (widget ids, scroll targets, following an edited turn). Not
/// saved. Unique across all documents of the process, so any code that makes a turn can take one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TurnId(pub u64);

impl TurnId {
    pub fn fresh() -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Self(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

/// Turns cut from one turn (split, or an interjection given to another speaker) share a group, so that they
/// can be joined back as they were first opened. Unique across the process, like [`TurnId`]; JSON numbers
/// the groups afresh on each save (`"split_group"`).
/// Four bytes, so that a turn is no larger for it (it fits beside `reviewed`): millions of turns are held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SplitGroup(pub std::num::NonZeroU32);

impl SplitGroup {
    pub fn fresh() -> Self {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Self(std::num::NonZeroU32::new(n).unwrap_or(std::num::NonZeroU32::MIN))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    pub id: SpeakerId,
    pub name: String,
    pub extra: Extra,
}

/// One word of a turn as a recogniser heard it: where it is in the recording and how sure the recogniser
/// was. A turn's words, when it has them, are its text split at white space, in order: every edit keeps them
/// so (see `edit::words`).
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    /// Seconds from the start of the recording.
    pub start: Option<f64>,
    pub end: Option<f64>,
    /// How sure the recogniser was, 0 to 1; `None` for a word typed or confirmed by the user.
    pub confidence: Option<f32>,
    /// A cue of the subtitle file the turn was read from began at this word: a timing anchor. Consecutive
    /// cues of one speaker are read as one turn; the subtitle writers give back a cue per anchor.
    pub cue: bool,
}

impl Word {
    /// A word with no time and no doubt: typed by the user.
    pub fn typed(text: &str) -> Self {
        Self::heard(text, None, None, None)
    }

    /// A word as a recogniser gives it.
    pub fn heard(text: &str, start: Option<f64>, end: Option<f64>, confidence: Option<f32>) -> Self {
        Self {
            text: text.to_string(),
            start,
            end,
            confidence,
            cue: false,
        }
    }
}

/// A turn's words: most turns of most files have none, so they cost one pointer until there are some
/// (a transcript of millions of turns is held in memory whole). Reads as a `Vec<Word>`.
#[derive(Debug, Clone, Default)]
#[expect(
    clippy::box_collection,
    reason = "one pointer for a turn without words, where a Vec would take three"
)]
pub struct Words(Option<Box<Vec<Word>>>);

static NO_WORDS: Vec<Word> = Vec::new();

impl std::ops::Deref for Words {
    type Target = Vec<Word>;
    fn deref(&self) -> &Vec<Word> {
        self.0.as_deref().unwrap_or(&NO_WORDS)
    }
}

impl std::ops::DerefMut for Words {
    fn deref_mut(&mut self) -> &mut Vec<Word> {
        self.0.get_or_insert_default()
    }
}

impl From<Vec<Word>> for Words {
    fn from(words: Vec<Word>) -> Self {
        Self((!words.is_empty()).then(|| Box::new(words)))
    }
}

impl From<Words> for Vec<Word> {
    fn from(words: Words) -> Self {
        words.0.map(|w| *w).unwrap_or_default()
    }
}

impl FromIterator<Word> for Words {
    fn from_iter<I: IntoIterator<Item = Word>>(words: I) -> Self {
        Vec::from_iter(words).into()
    }
}

/// No words are no words, whether the list was never made or was emptied.
impl PartialEq for Words {
    fn eq(&self, other: &Self) -> bool {
        self[..] == other[..]
    }
}

impl PartialEq<[Word]> for Words {
    fn eq(&self, other: &[Word]) -> bool {
        self[..] == *other
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Turn {
    pub id: TurnId,
    /// `None` for text that stands before any speaker label.
    pub speaker: Option<SpeakerId>,
    /// The spoken words; may hold line breaks.
    pub text: String,
    /// Seconds from the start of the recording.
    pub start: Option<f64>,
    pub end: Option<f64>,
    /// The words with their times and confidences, from a recogniser; empty when the file had none.
    pub words: Words,
    /// The user has checked this turn against the recording.
    pub reviewed: bool,
    /// This turn's share of the text as it was first opened (from a recogniser, or a file without this
    /// history), kept from the first edit on: the words it held then. A turn cut from another holds its own
    /// part of that turn's original, so every word first opened is in exactly one turn's original (empty
    /// for a turn the user made). `None`: never edited.
    pub original: Option<Box<str>>,
    /// The turns cut from one turn share a group (see [`SplitGroup`]); `None`: never cut.
    pub group: Option<SplitGroup>,
    /// Unknown JSON fields of this turn; boxed, since nearly every turn has none.
    pub extra: Option<Box<Extra>>,
}

impl Turn {
    /// Whether two turns are one speaker's: both name a speaker, and the same. (Two turns without one may be
    /// anyone's.)
    pub fn same_speaker(&self, other: &Turn) -> bool {
        self.speaker.is_some() && self.speaker == other.speaker
    }

    /// The turn's words as word processors count them ([`words::count_words`]).
    pub fn word_count(&self) -> usize {
        words::count_words(&self.text)
    }

    /// Whether the text differs from the text first opened.
    pub fn is_changed(&self) -> bool {
        self.original.as_deref().is_some_and(|o| o != self.text)
    }

    /// The text first opened, where it differs from the text now: what JSON keeps and what counts.
    pub fn changed_original(&self) -> Option<&str> {
        self.original.as_deref().filter(|o| *o != self.text)
    }

    /// What this turn held when first opened: its original, or its text where it was never edited.
    pub fn as_opened(&self) -> &str {
        self.original.as_deref().unwrap_or(&self.text)
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub language: Option<String>,
    /// The audio or video file the transcript belongs to.
    pub media: Option<String>,
    pub extra: Extra,
}

/// How a plain text file laid out its turns, so that saving it again changes only what the user changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextLayout {
    pub blank_line_between_turns: bool,
    pub crlf: bool,
    pub final_newline: bool,
    /// How most speaker labels were written.
    pub labels: LabelStyle,
}

impl Default for TextLayout {
    fn default() -> Self {
        Self {
            blank_line_between_turns: false,
            crlf: false,
            final_newline: true,
            labels: LabelStyle::Colon,
        }
    }
}

/// How a plain text file writes its speaker labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LabelStyle {
    /// `Mia: text`.
    #[default]
    Colon,
    /// `张伟：text`: a fullwidth colon and no space, as Chinese and Japanese transcripts write them.
    FullwidthColon,
    /// `【访谈者】text`: the name in lenticular brackets.
    Lenticular,
}

#[derive(Debug, Clone, Default)]
pub struct Transcript {
    pub meta: Metadata,
    pub speakers: Vec<Speaker>,
    pub turns: Vec<Turn>,
    /// The layout of the plain text file this came from; not content, not saved in JSON.
    pub layout: TextLayout,
}

/// Two transcripts are equal when they hold the same content: everything our JSON saves (speakers, texts,
/// times, words with their times and confidences, review marks, the originals of changed turns, which turns
/// were cut from one, unknown fields). The session-only turn ids and group numbers, an original equal to its
/// text, and the source file's layout do not count. Formats that hold less are compared with
/// [`Transcript::same_rows`].
impl PartialEq for Transcript {
    fn eq(&self, other: &Self) -> bool {
        self.meta == other.meta
            && self.speakers == other.speakers
            && self.turns.len() == other.turns.len()
            && self.turns.iter().zip(&other.turns).all(|(a, b)| {
                a.speaker == b.speaker
                    && a.text == b.text
                    && a.start == b.start
                    && a.end == b.end
                    && a.words == b.words
                    && a.reviewed == b.reviewed
                    && a.changed_original() == b.changed_original()
                    && a.extra == b.extra
            })
            && self.group_numbers() == other.group_numbers()
    }
}

/// Per-speaker figures shown in the speakers panel and by `info`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SpeakerStats {
    pub turns: usize,
    pub words: usize,
}

/// The most turns without a time that [`Transcript::turn_started_by`] steps over at once.
pub const UNTIMED_RUN: usize = 64;

impl Transcript {
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds a turn with a fresh id.
    pub fn make_turn(speaker: Option<SpeakerId>, text: impl Into<String>) -> Turn {
        Turn {
            id: TurnId::fresh(),
            speaker,
            text: text.into(),
            start: None,
            end: None,
            words: Words::default(),
            reviewed: false,
            original: None,
            group: None,
            extra: None,
        }
    }

    pub fn push_turn(&mut self, speaker: Option<SpeakerId>, text: impl Into<String>) -> &mut Turn {
        let turn = Self::make_turn(speaker, text);
        self.turns.push(turn);
        let last = self.turns.len() - 1;
        &mut self.turns[last]
    }

    pub fn speaker(&self, id: &SpeakerId) -> Option<&Speaker> {
        self.speakers.iter().find(|s| &s.id == id)
    }

    pub fn speaker_index(&self, id: &SpeakerId) -> Option<usize> {
        self.speakers.iter().position(|s| &s.id == id)
    }

    pub fn speaker_by_name(&self, name: &str) -> Option<&Speaker> {
        self.speakers.iter().find(|s| s.name == name)
    }

    /// The display name of a turn's speaker, or `None` for an unlabelled turn or an unknown id.
    pub fn speaker_name(&self, id: Option<&SpeakerId>) -> Option<&str> {
        id.and_then(|id| self.speaker(id)).map(|s| s.name.as_str())
    }

    /// An id no speaker has yet: `S1`, `S2`, …
    pub fn unused_speaker_id(&self) -> SpeakerId {
        let mut n = self.speakers.len() + 1;
        loop {
            let candidate = SpeakerId::new(&format!("S{n}"));
            if self.speaker(&candidate).is_none() {
                return candidate;
            }
            n += 1;
        }
    }

    /// Returns the id of the speaker called `name`, adding the speaker when there is none.
    pub fn intern_speaker(&mut self, name: &str) -> SpeakerId {
        if let Some(s) = self.speaker_by_name(name) {
            return s.id.clone();
        }
        let id = self.unused_speaker_id();
        self.speakers.push(Speaker {
            id: id.clone(),
            name: name.to_string(),
            extra: Extra::new(),
        });
        id
    }

    pub fn word_count(&self) -> usize {
        self.turns.iter().map(Turn::word_count).sum()
    }

    /// Turn and word counts per speaker, in the order of `self.speakers`.
    pub fn speaker_stats(&self) -> Vec<SpeakerStats> {
        let mut stats = vec![SpeakerStats::default(); self.speakers.len()];
        let index: std::collections::HashMap<&SpeakerId, usize> =
            self.speakers.iter().enumerate().map(|(i, s)| (&s.id, i)).collect();
        for turn in &self.turns {
            if let Some(&i) = turn.speaker.as_ref().and_then(|id| index.get(id)) {
                stats[i].turns += 1;
                stats[i].words += turn.word_count();
            }
        }
        stats
    }

    /// Position of the turn with this id.
    /// The turn that has started by `at` seconds: the last one at or after `near` (or before it, walking
    /// back) whose start is at or before `at`. Turns are nearly always in time order, so with `near` the
    /// turn found a moment ago this costs the turns the time passed, not the whole list, as the window
    /// needs it every frame while a recording plays. Turns without a time are stepped over (a run of more
    /// than [`UNTIMED_RUN`] ends the search).
    pub fn turn_started_by(&self, at: f64, near: usize) -> Option<usize> {
        let turns = &self.turns;
        let started = |i: usize| turns[i].start.is_some_and(|s| s <= at);
        let mut i = near.min(turns.len().checked_sub(1)?);
        while i > 0 && !started(i) {
            i -= 1;
        }
        if !started(i) {
            return None;
        }
        let mut untimed = 0;
        for (j, turn) in turns.iter().enumerate().skip(i + 1) {
            match turn.start {
                Some(s) if s <= at => (i, untimed) = (j, 0),
                Some(_) => break,
                None if untimed == UNTIMED_RUN => break,
                None => untimed += 1,
            }
        }
        Some(i)
    }

    pub fn turn_index(&self, id: TurnId) -> Option<usize> {
        self.turns.iter().position(|t| t.id == id)
    }

    /// The looser comparison, for formats that hold only speakers, texts and times (plain text, subtitles):
    /// the same speakers' names, texts and times, turn by turn.
    pub fn same_rows(&self, other: &Self) -> bool {
        self.turns.len() == other.turns.len()
            && self.turns.iter().zip(&other.turns).all(|(a, b)| {
                self.speaker_name(a.speaker.as_ref()) == other.speaker_name(b.speaker.as_ref())
                    && a.text == b.text
                    && a.start == b.start
                    && a.end == b.end
            })
    }

    /// Each turn's split group as a number from 1 in order of first appearance, for the groups that still
    /// have two turns or more (a group of one says nothing); `None` for the others. What JSON writes.
    pub fn group_numbers(&self) -> Vec<Option<u64>> {
        let mut members: std::collections::HashMap<SplitGroup, usize> = std::collections::HashMap::new();
        for g in self.turns.iter().filter_map(|t| t.group) {
            *members.entry(g).or_default() += 1;
        }
        let mut numbers: std::collections::HashMap<SplitGroup, u64> = std::collections::HashMap::new();
        self.turns
            .iter()
            .map(|t| {
                let g = t.group.filter(|g| members.get(g).is_some_and(|&n| n > 1))?;
                let next = numbers.len() as u64 + 1;
                Some(*numbers.entry(g).or_insert(next))
            })
            .collect()
    }

    /// The indices of the turns in `turn`'s split group, in order (just `turn` when it has none).
    pub fn group_of(&self, turn: usize) -> Vec<usize> {
        match self.turns.get(turn).and_then(|t| t.group) {
            Some(g) => (0..self.turns.len())
                .filter(|&i| self.turns[i].group == Some(g))
                .collect(),
            None if turn < self.turns.len() => vec![turn],
            None => Vec::new(),
        }
    }
}

/// The longest time a transcript can hold: no recording is longer than 1,000 hours, so a larger time is a
/// mistake (a time in milliseconds read as seconds, a corrupted number).
pub const MAX_TIME_SECONDS: f64 = 1000.0 * 3600.0;

/// Whether `seconds` can be a time in a recording; the error says what is wrong with it, after the field's
/// name ("is 1e300 seconds, …").
pub fn check_time(seconds: f64) -> Result<(), String> {
    if !seconds.is_finite() {
        Err(format!("is {seconds}, not a number of seconds"))
    } else if seconds < 0.0 {
        Err(format!("is {seconds}; times are seconds, 0 or more"))
    } else if seconds > MAX_TIME_SECONDS {
        Err(format!(
            "is {seconds:e} seconds, more than 1,000 hours; times are seconds from the start of the recording"
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_turn_started_by_a_time_is_found_from_near_or_far() {
        let mut t = Transcript::new();
        for start in [Some(0.0), Some(2.0), None, Some(5.0), Some(9.0)] {
            t.push_turn(None, "x").start = start;
        }
        // Every place to start from finds what a walk of the whole list finds.
        for at in [-1.0, 0.0, 1.9, 2.0, 4.9, 5.0, 8.0, 9.0, 100.0] {
            let whole = t.turns.iter().rposition(|x| x.start.is_some_and(|s| s <= at));
            for near in 0..7 {
                assert_eq!(t.turn_started_by(at, near), whole, "at {at} from {near}");
            }
        }
        // A long stretch without times ends the search: the turn before it stands.
        let mut t = Transcript::new();
        t.push_turn(None, "x").start = Some(0.0);
        for _ in 0..UNTIMED_RUN + 1 {
            t.push_turn(None, "x");
        }
        t.push_turn(None, "x").start = Some(3.0);
        assert_eq!(t.turn_started_by(4.0, 0), Some(0));
        assert_eq!(t.turn_started_by(4.0, UNTIMED_RUN + 2), Some(UNTIMED_RUN + 2));
        assert_eq!(Transcript::new().turn_started_by(1.0, 0), None);
    }

    #[test]
    fn interning_reuses_existing_speakers_and_numbers_new_ones() {
        let mut t = Transcript::new();
        let a = t.intern_speaker("Hakar");
        let b = t.intern_speaker("Mia");
        assert_eq!(t.intern_speaker("Hakar"), a);
        assert_eq!(a.as_str(), "S1");
        assert_eq!(b.as_str(), "S2");
    }

    #[test]
    fn stats_count_turns_and_words_per_speaker() {
        let mut t = Transcript::new();
        let a = t.intern_speaker("A");
        let b = t.intern_speaker("B");
        t.push_turn(Some(a.clone()), "one two three");
        t.push_turn(Some(b), "four");
        t.push_turn(Some(a), "five six");
        t.push_turn(None, "unlabelled words");
        let stats = t.speaker_stats();
        assert_eq!(stats[0], SpeakerStats { turns: 2, words: 5 });
        assert_eq!(stats[1], SpeakerStats { turns: 1, words: 1 });
        assert_eq!(t.word_count(), 8);
    }
}
