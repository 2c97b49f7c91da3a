//! Speech made from text by espeak-ng (its library, opened when first asked for): the samples, and where in
//! them each word begins. The aligner compares this voice with the recording's.

use std::ffi::{CString, c_char, c_int, c_short, c_uint, c_void};
use std::sync::Mutex;

/// Why speech could not be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SpeechError {
    #[error(
        "aligning needs espeak-ng's library ({0}), which is not installed; on Debian and Ubuntu: apt install espeak-ng (Fedora: dnf install espeak-ng; Windows: eSpeak NG's installer, espeak-ng.msi)"
    )]
    Missing(String),
    #[error("espeak-ng could not start: {0}")]
    Broken(String),
}

/// A text spoken: mono samples at `rate`, and each word's (byte offset in the text, first sample).
#[derive(Debug, Clone, Default)]
pub struct Spoken {
    pub rate: u32,
    pub samples: Vec<f32>,
    pub words: Vec<(usize, usize)>,
}

#[repr(C)]
#[derive(Clone, Copy)]
struct Event {
    kind: c_int,
    unique_identifier: c_uint,
    text_position: c_int,
    length: c_int,
    audio_position: c_int,
    sample: c_int,
    user_data: *mut c_void,
    id: [u8; 8],
}

const EVENT_LIST_TERMINATED: c_int = 0;
const EVENT_WORD: c_int = 1;
const AUDIO_OUTPUT_SYNCHRONOUS: c_int = 2;
const POS_CHARACTER: c_int = 1;
const CHARS_UTF8: c_uint = 1;

type Callback = unsafe extern "C" fn(*mut c_short, c_int, *mut Event) -> c_int;

struct Library {
    // Kept open while its functions are used.
    _lib: libloading::Library,
    set_voice: unsafe extern "C" fn(*const c_char) -> c_int,
    synth: unsafe extern "C" fn(*const c_void, usize, c_uint, c_int, c_uint, c_uint, *mut c_uint, *mut c_void) -> c_int,
    rate: u32,
}

// The library has one state for the process: every use goes through this lock.
static ESPEAK: Mutex<Option<Result<Library, SpeechError>>> = Mutex::new(None);

/// Samples, and each word's (character, milliseconds).
type Heard = (Vec<f32>, Vec<(usize, usize)>);

/// What the callback collects during one synthesis (under the lock above).
static HEARD: Mutex<Heard> = Mutex::new((Vec::new(), Vec::new()));

/// The library's names to try, the first that opens is used.
const NAMES: &[&str] = &[
    "libespeak-ng.so.1",
    "libespeak-ng.so",
    "libespeak-ng.dylib",
    "libespeak-ng.dll",
];

unsafe extern "C" fn collect(wav: *mut c_short, count: c_int, events: *mut Event) -> c_int {
    let Ok(mut heard) = HEARD.lock() else { return 1 };
    if !wav.is_null() && count > 0 {
        // SAFETY: espeak-ng hands `count` samples at `wav` for the length of this call.
        let samples = unsafe { std::slice::from_raw_parts(wav, count as usize) };
        heard.0.extend(samples.iter().map(|&s| s as f32 / 32768.0));
    }
    let mut e = events;
    // SAFETY: the events are a list ended by an event of kind 0, valid for this call.
    unsafe {
        while !e.is_null() && (*e).kind != EVENT_LIST_TERMINATED {
            if (*e).kind == EVENT_WORD {
                // Characters from 1, and milliseconds: kept as (character, ms) until the text maps them.
                heard.1.push((
                    (*e).text_position.max(1) as usize - 1,
                    (*e).audio_position.max(0) as usize,
                ));
            }
            e = e.add(1);
        }
    }
    0
}

/// Where eSpeak NG's Windows installer puts its library (with its data beside it).
fn installed_on_windows() -> Option<std::path::PathBuf> {
    let programs = std::env::var_os("ProgramFiles").filter(|_| cfg!(windows))?;
    Some(
        std::path::Path::new(&programs)
            .join("eSpeak NG")
            .join("libespeak-ng.dll"),
    )
}

fn open() -> Result<Library, SpeechError> {
    let mut last = String::new();
    let names = NAMES
        .iter()
        .map(std::ffi::OsString::from)
        .chain(installed_on_windows().map(Into::into));
    for name in names {
        // SAFETY: opening espeak-ng runs no initialiser with preconditions of ours.
        match unsafe { libloading::Library::new(&name) } {
            Ok(lib) => return init(lib),
            Err(e) => last = format!("{}: {e}", name.to_string_lossy()),
        }
    }
    Err(SpeechError::Missing(if last.is_empty() {
        "libespeak-ng".into()
    } else {
        last
    }))
}

fn init(lib: libloading::Library) -> Result<Library, SpeechError> {
    let broken = |e: libloading::Error| SpeechError::Broken(e.to_string());
    // SAFETY: the symbols are espeak-ng's, with the signatures of its speak_lib.h.
    unsafe {
        let initialize: libloading::Symbol<unsafe extern "C" fn(c_int, c_int, *const c_char, c_int) -> c_int> =
            lib.get(b"espeak_Initialize\0").map_err(broken)?;
        let set_callback: libloading::Symbol<unsafe extern "C" fn(Callback)> =
            lib.get(b"espeak_SetSynthCallback\0").map_err(broken)?;
        let set_voice = *lib
            .get::<unsafe extern "C" fn(*const c_char) -> c_int>(b"espeak_SetVoiceByName\0")
            .map_err(broken)?;
        let synth =
            *lib.get::<unsafe extern "C" fn(
                *const c_void,
                usize,
                c_uint,
                c_int,
                c_uint,
                c_uint,
                *mut c_uint,
                *mut c_void,
            ) -> c_int>(b"espeak_Synth\0")
                .map_err(broken)?;
        let rate = initialize(AUDIO_OUTPUT_SYNCHRONOUS, 500, std::ptr::null(), 0);
        if rate <= 0 {
            return Err(SpeechError::Broken("its data (espeak-ng-data) was not found".into()));
        }
        set_callback(collect);
        Ok(Library {
            set_voice,
            synth,
            rate: rate as u32,
            _lib: lib,
        })
    }
}

/// Whether espeak-ng can be used here (its library opens and starts).
pub fn available() -> Result<(), SpeechError> {
    with_library(|_| Ok(()))
}

fn with_library<T>(f: impl FnOnce(&Library) -> Result<T, SpeechError>) -> Result<T, SpeechError> {
    let mut guard = ESPEAK.lock().unwrap_or_else(|e| e.into_inner());
    let lib = guard.get_or_insert_with(open);
    match lib {
        Ok(lib) => f(lib),
        Err(e) => Err(e.clone()),
    }
}

/// `text` spoken in `language`'s voice (`nl`, `en-GB`; English where espeak-ng has no such voice).
pub fn speak(text: &str, language: &str) -> Result<Spoken, SpeechError> {
    with_library(|lib| {
        let voice = CString::new(language.replace('_', "-")).unwrap_or_default();
        // SAFETY: a C string, read during the call.
        if unsafe { (lib.set_voice)(voice.as_ptr()) } != 0 {
            let fallback = CString::new("en").unwrap_or_default();
            // SAFETY: as above.
            unsafe { (lib.set_voice)(fallback.as_ptr()) };
        }
        if let Ok(mut heard) = HEARD.lock() {
            heard.0.clear();
            heard.1.clear();
        }
        let bytes = CString::new(text.replace('\0', " ")).unwrap_or_default();
        let length = bytes.as_bytes_with_nul().len();
        // SAFETY: the text lives through the call; in synchronous mode the callback runs within it.
        let status = unsafe {
            (lib.synth)(
                bytes.as_ptr().cast(),
                length,
                0,
                POS_CHARACTER,
                0,
                CHARS_UTF8,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        };
        if status != 0 {
            return Err(SpeechError::Broken(format!("synthesis failed (error {status})")));
        }
        let (samples, marks) = HEARD.lock().map(|mut h| std::mem::take(&mut *h)).unwrap_or_default();
        // Characters to bytes, milliseconds to samples.
        let offsets: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        let words = marks
            .into_iter()
            .map(|(chars, ms)| {
                let byte = offsets.get(chars).copied().unwrap_or(text.len());
                (byte, ms * lib.rate as usize / 1000)
            })
            .collect();
        Ok(Spoken {
            rate: lib.rate,
            samples,
            words,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// espeak-ng is installed here and in CI (.ci/run installs it); where it is not, the message says so.
    #[test]
    fn words_are_spoken_with_their_places_in_the_samples() {
        let text = "Goedemorgen allemaal, welkom bij de podcast.";
        let spoken = match speak(text, "nl") {
            Ok(s) => s,
            Err(SpeechError::Missing(what)) => {
                assert!(std::env::var_os("CI").is_none(), "CI installs espeak-ng: {what}");
                return;
            }
            Err(e) => panic!("{e}"),
        };
        assert_eq!(spoken.rate, 22_050);
        let seconds = spoken.samples.len() as f64 / spoken.rate as f64;
        assert!((1.5..6.0).contains(&seconds), "{seconds} s");
        let starts: Vec<&str> = spoken.words.iter().map(|(b, _)| &text[*b..]).collect();
        assert!(starts[0].starts_with("Goedemorgen"), "{starts:?}");
        assert!(starts.iter().any(|s| s.starts_with("podcast")), "{starts:?}");
        assert!(
            spoken.words.windows(2).all(|w| w[0].1 <= w[1].1),
            "in order: {:?}",
            spoken.words
        );
    }
}
