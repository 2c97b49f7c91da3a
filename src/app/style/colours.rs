//! Every colour the window chooses itself, in one place, each for the light and the dark theme: what marks
//! a word (heard, found, misspelled), a turn (reviewed), a change (removed, added, moved) and a speaker. The
//! rest comes from egui's visuals.

use egui::Color32;

/// The word and the turn being heard: the playhead's red, in both themes (the waveform's playhead too).
pub const SPOKEN: Color32 = Color32::from_rgb(0xd0, 0x40, 0x30);

/// Search matches: (a match, the current match).
pub fn search_hits(dark: bool) -> (Color32, Color32) {
    if dark {
        (Color32::from_rgb(0x6b, 0x55, 0x00), Color32::from_rgb(0xb0, 0x6a, 0x00))
    } else {
        (Color32::from_rgb(0xff, 0xec, 0x8a), Color32::from_rgb(0xff, 0xb0, 0x3a))
    }
}

/// The line under a misspelled word: red, apart from the doubtful words' amber in both themes.
pub fn misspelled(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xff, 0x5c, 0x5c)
    } else {
        Color32::from_rgb(0xd0, 0x10, 0x10)
    }
}

/// A turn's "reviewed" mark, and words added in the Changes view.
pub fn reviewed(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x6c, 0xc6, 0x8a)
    } else {
        Color32::from_rgb(0x1f, 0x7a, 0x3f)
    }
}

/// The Changes view's words: (removed, added).
pub fn removed_and_added(dark: bool) -> (Color32, Color32) {
    if dark {
        (Color32::from_rgb(0xff, 0x8a, 0x80), Color32::from_rgb(0x7e, 0xd3, 0x8f))
    } else {
        (Color32::from_rgb(0xb0, 0x20, 0x20), Color32::from_rgb(0x1f, 0x7a, 0x3f))
    }
}

/// The colour of words that moved to another turn, apart from added and removed ones.
pub fn moved(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x8a, 0xb4, 0xf8)
    } else {
        Color32::from_rgb(0x1a, 0x5f, 0xb4)
    }
}

/// Speakers' hues that stay apart from each other and readable on light and dark backgrounds: (light
/// theme, dark theme).
pub const SPEAKERS: [(Color32, Color32); 10] = [
    (Color32::from_rgb(0x1f, 0x5f, 0xbf), Color32::from_rgb(0x7a, 0xb4, 0xff)),
    (Color32::from_rgb(0xb3, 0x42, 0x00), Color32::from_rgb(0xff, 0xa0, 0x5c)),
    (Color32::from_rgb(0x1b, 0x7f, 0x3b), Color32::from_rgb(0x6f, 0xd8, 0x8c)),
    (Color32::from_rgb(0x8e, 0x24, 0xaa), Color32::from_rgb(0xd4, 0x8c, 0xf0)),
    (Color32::from_rgb(0xa8, 0x1c, 0x3c), Color32::from_rgb(0xff, 0x7f, 0x9c)),
    (Color32::from_rgb(0x00, 0x7a, 0x80), Color32::from_rgb(0x5c, 0xd6, 0xdb)),
    (Color32::from_rgb(0x7a, 0x5c, 0x00), Color32::from_rgb(0xe6, 0xc4, 0x4d)),
    (Color32::from_rgb(0x4a, 0x3c, 0xc8), Color32::from_rgb(0xa5, 0x9c, 0xff)),
    (Color32::from_rgb(0x5c, 0x6b, 0x1a), Color32::from_rgb(0xbd, 0xd4, 0x5c)),
    (Color32::from_rgb(0x9c, 0x3d, 0x6e), Color32::from_rgb(0xf0, 0x8c, 0xc0)),
];

/// A turn without a speaker.
pub fn no_speaker(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(160)
    } else {
        Color32::from_gray(100)
    }
}
