//! Spelling in the window: which checker the open transcript gets (its language's Hunspell dictionary, read
//! on a worker, with the user's glossary and the one beside the transcript), the language chosen in
//! View → Spelling, F7's search for the next misspelled word (nearby at once, the rest of a long transcript
//! on a worker with progress), and what the menu on a misspelled word asks for.

use super::Editor;
use crate::spell::{self, Progress, Speller, dictionaries};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, TryRecvError};

/// F7 checks this many turns at once before it hands the rest to a worker.
const NEARBY_TURNS: usize = 200;

/// What a checker is made from: when any of it changes, another is made.
#[derive(Debug, Clone, PartialEq)]
struct Setup {
    language: String,
    folders: Vec<PathBuf>,
    glossaries: Vec<PathBuf>,
    /// The speakers' names: right wherever they are written.
    names: Vec<String>,
    /// Counts glossary additions and ignored words: each makes a new checker.
    generation: u64,
}

#[derive(Default)]
pub struct Spelling {
    /// What the checker in use (or being made) was made from.
    made_for: Option<Setup>,
    speller: Option<Arc<Speller>>,
    /// A checker being made on a worker.
    loading: Option<Receiver<Result<Speller, String>>>,
    /// The language chosen in View → Spelling, for the transcript at this path.
    chosen: Option<(Option<PathBuf>, String)>,
    /// Words ignored until the editor closes.
    ignored: Vec<String>,
    generation: u64,
    /// The dictionaries there are, for the View menu (looked for once per list of folders).
    available: Option<(Vec<PathBuf>, Vec<dictionaries::Found>)>,
    /// F7's search through the rest of a long transcript.
    search: Option<Search>,
    /// The user's own glossary; `None` where it is not kept (tests leave the user's alone).
    pub user_glossary: Option<PathBuf>,
    /// The language guessed for a transcript that does not say its own, and which transcript that was.
    guessed: Option<(GuessKey, Option<&'static str>)>,
}

/// Which transcript a guess was made for: its file and its first turn.
type GuessKey = (Option<PathBuf>, Option<crate::model::TurnId>);

struct Search {
    receiver: Receiver<Option<(usize, Range<usize>)>>,
    progress: Arc<Progress>,
    /// The document's revision when it started: a changed document makes its answer stale.
    revision: u64,
}

/// What the status bar and the View menu say of spelling.
pub struct SpellingState {
    /// `Spelling: Dutch`, `No spelling dictionary for Dutch (nl)`, …
    pub summary: String,
    /// The summary is a lack (shown weaker).
    pub lacking: bool,
    /// The language in use, if any.
    pub language: Option<String>,
    pub on: bool,
    pub dictionaries: Vec<(String, String)>,
}

impl Spelling {
    /// Whether a checker with a dictionary is in use.
    pub fn ready(&self) -> bool {
        self.loading.is_none() && self.speller.as_ref().is_some_and(|s| s.has_dictionary())
    }

    /// How far F7's search has come, while it runs.
    pub fn searching(&self) -> Option<f32> {
        self.search.as_ref().map(|s| s.progress.fraction())
    }
}

impl Editor {
    /// The language the open transcript is checked in: chosen in View, else its own, else the one its
    /// words suggest, else the last chosen; and whether it was guessed.
    fn spelling_language(&self) -> Option<(String, bool)> {
        let doc = self.doc.as_ref()?;
        let chosen = self
            .spelling
            .chosen
            .as_ref()
            .filter(|(path, _)| path.as_deref() == doc.path())
            .map(|(_, l)| l.clone());
        let guessed = self.spelling.guessed.as_ref().and_then(|(_, g)| g.map(str::to_string));
        chosen
            .or_else(|| doc.transcript().meta.language.clone())
            .filter(|l| !l.trim().is_empty())
            .map(|l| (l, false))
            .or_else(|| guessed.map(|g| (g, true)))
            .or_else(|| self.settings.spell_language.clone().map(|l| (l, false)))
    }

    /// Guesses the open transcript's language from its first words, once for each transcript opened.
    fn guess_language(&mut self) {
        let Some(doc) = &self.doc else { return };
        let key = (
            doc.path().map(PathBuf::from),
            doc.transcript().turns.first().map(|t| t.id),
        );
        if self.spelling.guessed.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        self.spelling.guessed = Some((key, crate::model::language::guess_of(doc.transcript())));
    }

    fn spelling_setup(&self) -> Option<Setup> {
        if !self.settings.spell_check {
            return None;
        }
        let (language, _) = self.spelling_language()?;
        let path = self.doc.as_ref().and_then(|d| d.path());
        Some(Setup {
            language,
            folders: dictionaries::folders(&self.settings.dictionary_folders),
            glossaries: spell::glossary_files(self.spelling.user_glossary.clone(), path, &[]),
            names: self
                .doc
                .as_ref()
                .map(|d| d.transcript().speakers.iter().map(|s| s.name.clone()).collect())
                .unwrap_or_default(),
            generation: self.spelling.generation,
        })
    }

    /// Once a frame: makes the checker the transcript needs (on a worker), takes one that is ready, and
    /// the answer of F7's search.
    pub(super) fn spelling_frame(&mut self, ctx: &egui::Context) {
        self.guess_language();
        let wanted = self.spelling_setup();
        if wanted != self.spelling.made_for {
            self.make_speller(wanted, ctx);
        }
        if let Some(receiver) = &self.spelling.loading {
            match receiver.try_recv() {
                Ok(Ok(speller)) => {
                    self.spelling.loading = None;
                    if !speller.has_dictionary() {
                        let language = speller.language().to_string();
                        self.notify(format!(
                            "No spelling dictionary for {} ({language}): spelling is not checked",
                            crate::model::language::name(&language)
                        ));
                    }
                    self.spelling.speller = Some(Arc::new(speller));
                }
                Ok(Err(message)) => {
                    self.spelling.loading = None;
                    self.notify(format!("Spelling is not checked: {message}"));
                }
                Err(TryRecvError::Empty) => ctx.request_repaint_after(std::time::Duration::from_millis(50)),
                Err(TryRecvError::Disconnected) => self.spelling.loading = None,
            }
        }
        let checker = self.spelling.speller.clone().filter(|s| s.has_dictionary());
        self.turns.spelling.set_speller(checker);
        self.poll_spelling_search(ctx);
    }

    /// Starts making the checker for `setup`: at once when only the glossaries or ignored words changed,
    /// else on a worker (a dictionary takes a moment to read).
    fn make_speller(&mut self, setup: Option<Setup>, ctx: &egui::Context) {
        let previous = self.spelling.made_for.take();
        self.spelling.made_for = setup.clone();
        self.spelling.loading = None;
        let Some(setup) = setup else {
            self.spelling.speller = None;
            return;
        };
        let same_dictionary = previous
            .as_ref()
            .is_some_and(|p| p.language == setup.language && p.folders == setup.folders);
        if let (true, Some(speller)) = (same_dictionary, &self.spelling.speller) {
            match spell::read_glossaries(&setup.glossaries) {
                Ok(mut glossary) => {
                    setup.names.iter().for_each(|name| glossary.add(name));
                    let mut next = speller.with_glossary(glossary);
                    for word in &self.spelling.ignored {
                        next.ignore(word);
                    }
                    self.spelling.speller = Some(Arc::new(next));
                }
                Err(message) => self.notify(format!("The glossary cannot be read: {message}")),
            }
            return;
        }
        self.spelling.speller = None;
        let (sender, receiver) = std::sync::mpsc::channel();
        let ignored = self.spelling.ignored.clone();
        let repaint = ctx.clone();
        std::thread::spawn(move || {
            let made = spell::read_glossaries(&setup.glossaries).and_then(|mut glossary| {
                setup.names.iter().for_each(|name| glossary.add(name));
                let mut speller = spell::open(&setup.language, &setup.folders, glossary).map_err(|e| e.to_string())?;
                for word in &ignored {
                    speller.ignore(word);
                }
                Ok(speller)
            });
            let _ = sender.send(made);
            repaint.request_repaint();
        });
        self.spelling.loading = Some(receiver);
    }

    /// What the status bar and the View menu say of spelling.
    pub(super) fn spelling_state(&mut self) -> SpellingState {
        let folders = dictionaries::folders(&self.settings.dictionary_folders);
        if self.spelling.available.as_ref().is_none_or(|(f, _)| *f != folders) {
            let found = dictionaries::available(&folders);
            self.spelling.available = Some((folders, found));
        }
        let dictionaries = self
            .spelling
            .available
            .as_ref()
            .map(|(_, found)| {
                found
                    .iter()
                    .map(|f| (f.language(), crate::model::language::name(&f.language())))
                    .collect()
            })
            .unwrap_or_default();
        let (language, guessed) = match self.spelling_language() {
            Some((l, guessed)) => (Some(l), guessed),
            None => (None, false),
        };
        let on = self.settings.spell_check;
        let guess = if guessed { " (guessed)" } else { "" };
        let (summary, lacking) = match (&language, &self.spelling.speller, &self.spelling.loading) {
            _ if !on => ("Spelling not checked".to_string(), true),
            (None, _, _) => ("Spelling: no language (View > Spelling)".to_string(), true),
            (Some(l), _, Some(_)) => (
                format!("Spelling: reading the {} dictionary…", crate::model::language::name(l)),
                true,
            ),
            (Some(l), Some(s), None) if s.has_dictionary() => {
                (format!("Spelling: {}{guess}", crate::model::language::name(l)), false)
            }
            (Some(l), _, None) => (
                format!("No spelling dictionary for {} ({l})", crate::model::language::name(l)),
                true,
            ),
        };
        SpellingState {
            summary,
            lacking,
            language,
            on,
            dictionaries,
        }
    }

    /// View → Spelling: check in `language` (`None`: spelling off).
    pub(super) fn set_spell_language(&mut self, language: Option<String>) {
        match language {
            Some(language) => {
                self.settings.spell_check = true;
                let path = self.doc.as_ref().and_then(|d| d.path().map(PathBuf::from));
                self.spelling.chosen = Some((path, language.clone()));
                self.settings.spell_language = Some(language);
            }
            None => self.settings.spell_check = false,
        }
        self.save_settings();
    }

    /// The menu's "Ignore": the word is not marked again until the editor closes.
    pub(super) fn ignore_word(&mut self, word: String) {
        self.spelling.ignored.push(word);
        self.spelling.generation += 1;
    }

    /// The menu's "Add to glossary": the user's own, or the one beside the transcript.
    pub(super) fn add_to_glossary(&mut self, word: &str, beside: bool) {
        let file = match (beside, self.doc.as_ref().and_then(|d| d.path())) {
            (true, Some(path)) => Some(spell::glossary::beside(path)),
            (true, None) => return self.notify("Save the transcript first: its glossary is kept beside it"),
            (false, _) => self.spelling.user_glossary.clone(),
        };
        let Some(file) = file else {
            return self.notify("There is no settings folder to keep your glossary in");
        };
        match spell::glossary::add_to_file(&file, word) {
            Ok(()) => {
                self.spelling.generation += 1;
                let name = file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                self.notify(format!("Added \"{word}\" to {name}"));
            }
            Err(message) => self.notify(format!("Not added to the glossary: {message}")),
        }
    }

    /// F7 and Shift+F7: selects the next (or previous) misspelled word from the cursor, or from the current
    /// turn, going round the end of the transcript. The turns nearby are checked at once; the rest of a
    /// long transcript on a worker, with its progress in the status bar.
    pub(super) fn go_to_misspelled(&mut self, forward: bool) {
        let Some(doc) = &self.doc else { return };
        let Some(speller) = self.spelling.speller.clone().filter(|s| s.has_dictionary()) else {
            let state = self.spelling_state();
            return self.notify(state.summary);
        };
        let turns = &doc.transcript().turns;
        let n = turns.len();
        if n == 0 {
            return;
        }
        let here = self.turns.search_start(doc, forward);
        let nearby = n.min(NEARBY_TURNS);
        let cache = &mut self.turns.spelling;
        if let Some((turn, range)) = here.first(0..=nearby, |_, i| cache.misspelled(&turns[i])) {
            self.seek_to_word(turn, range.start);
            let doc = self.doc.as_ref();
            return self.turns.edit_selecting(turn, range, doc);
        }
        if nearby == n {
            return self.notify("No misspelled words");
        }
        // The rest on a worker: the texts of the turns still to check, in the order they are checked.
        let rest: Vec<String> = (nearby + 1..=n).map(|k| turns[here.turn_at(k)].text.clone()).collect();
        let progress = Arc::new(Progress::default());
        progress.total.store(rest.len(), Ordering::Relaxed);
        let (sender, receiver) = std::sync::mpsc::channel();
        let worker_progress = Arc::clone(&progress);
        std::thread::spawn(move || {
            let answer = here.first(nearby + 1..=n, |k, _| {
                if worker_progress.cancel.load(Ordering::Relaxed) {
                    return Vec::new();
                }
                worker_progress.done.fetch_add(1, Ordering::Relaxed);
                speller.misspelled(&rest[k - nearby - 1])
            });
            if !worker_progress.cancel.load(Ordering::Relaxed) {
                let _ = sender.send(answer);
            }
        });
        self.spelling.search = Some(Search {
            receiver,
            progress,
            revision: doc.revision(),
        });
    }

    fn poll_spelling_search(&mut self, ctx: &egui::Context) {
        let Some(search) = &self.spelling.search else { return };
        let answer = match search.receiver.try_recv() {
            Ok(answer) => answer,
            Err(TryRecvError::Empty) => return ctx.request_repaint_after(std::time::Duration::from_millis(30)),
            Err(TryRecvError::Disconnected) => {
                self.spelling.search = None;
                return;
            }
        };
        let current = self.doc.as_ref().map(|d| d.revision()) == Some(search.revision);
        self.spelling.search = None;
        match answer {
            Some((turn, range)) if current => {
                self.seek_to_word(turn, range.start);
                let doc = self.doc.as_ref();
                self.turns.edit_selecting(turn, range, doc);
            }
            Some(_) => self.notify("The transcript changed while looking: press F7 again"),
            None => self.notify("No misspelled words"),
        }
    }

    /// Stops F7's search, if one runs.
    pub(super) fn stop_spelling_search(&mut self) -> bool {
        match self.spelling.search.take() {
            Some(search) => {
                search.progress.cancel.store(true, Ordering::Relaxed);
                true
            }
            None => false,
        }
    }
}
