//! Spelling with a real Debian dictionary (`hunspell-nl`): the checker, the glossaries and `spell` on the
//! command line as a script uses it.

#[path = "common/tools.rs"]
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tools::{dutch_dictionary, have};
use transcript_editor::spell::{self, dictionaries, glossary::Glossary};

/// A Dutch conversation of our own with three misspellings (organisatei, lerren, eigelijk), a name the
/// dictionary does not know (Studytube) and an abbreviation (HR).
const GESPREK: &str = r#"{"version": 1, "language": "nl",
  "speakers": [{"id": "S1", "name": "Hakar"}, {"id": "S2", "name": "Mia"}],
  "turns": [
    {"speaker": "S1", "text": "Welkom bij de podcast. Vandaag praat ik met Mia van Studytube over de organisatei van trainingen."},
    {"speaker": "S2", "text": "Dank je. Wij helpen bedrijven om hun medewerkers beter te laten lerren."},
    {"speaker": "S1", "text": "En hoe begin je daarmee?"},
    {"speaker": "S2", "text": "Meestal met een gesprek met de afdeling HR. Dat is eigelijk het hele geheim."}]}"#;

fn system() -> Vec<PathBuf> {
    dictionaries::folders(&[])
}

fn dutch() -> spell::Speller {
    spell::open("nl", &system(), Glossary::default()).expect("the Dutch dictionary reads")
}

fn flagged<'a>(speller: &spell::Speller, text: &'a str) -> Vec<&'a str> {
    speller.misspelled(text).into_iter().map(|r| &text[r]).collect()
}

#[test]
fn the_debian_dutch_dictionary_is_found_read_and_knows_dutch() {
    if !dutch_dictionary() {
        return;
    }
    for language in ["nl", "nl-NL", "nl_BE"] {
        let found = dictionaries::find(language, &system()).expect("found");
        assert!(found.name.starts_with("nl"), "{language}: {found:?}");
    }
    let s = dutch();
    assert!(s.has_dictionary());
    let text = "De organisatei van zo'n cursus is eigelijk niet moeilijk, bijv. met auto’s en e-mail.";
    assert_eq!(flagged(&s, text), ["organisatei", "eigelijk"]);
    assert!(s.suggest("organisatei").contains(&"organisatie".to_string()));
    assert!(s.suggest("eigelijk").contains(&"eigenlijk".to_string()));
    assert!(flagged(&s, "Vandaag praten we over leren op het werk.").is_empty());
}

#[test]
fn the_glossary_is_never_flagged_and_offered_first() {
    if !dutch_dictionary() {
        return;
    }
    let s = spell::open("nl", &system(), Glossary::parse("Studytube\nHakar\n")).expect("reads");
    assert!(flagged(&s, "Hakar werkt bij Studytube.").is_empty());
    assert_eq!(flagged(&s, "Hakar werkt bij Stuydtube."), ["Stuydtube"]);
    assert_eq!(
        s.suggest("Stuydtube")[0],
        "Studytube",
        "the glossary's near word comes first"
    );
}

/// Our checker and Hunspell itself give the same verdict on every word of the seed transcript (a real
/// Dutch podcast; our own conversation where the seed is not beside the repository).
#[test]
fn our_verdicts_are_hunspells_own_on_every_word_of_a_real_transcript() {
    if !dutch_dictionary() {
        return;
    }
    if !have("hunspell", "-v") {
        return;
    }
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/000_837b87a00f6f00a1.txt");
    let text = std::fs::read_to_string(&seed).unwrap_or_else(|_| GESPREK.to_string());
    let mut words: Vec<&str> = transcript_editor::model::tokens::words(&text)
        .map(|(_, w)| w)
        .filter(|w| w.chars().count() > 1 && !w.chars().any(char::is_numeric))
        .collect();
    words.sort_unstable();
    words.dedup();
    assert!(words.len() > 100 || !seed.exists(), "the seed has words");
    let mut child = Command::new("hunspell")
        .args(["-l", "-d", "nl"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("hunspell runs");
    {
        use std::io::Write;
        let mut input = child.stdin.take().expect("stdin");
        input.write_all(words.join("\n").as_bytes()).expect("write words");
    }
    let out = child.wait_with_output().expect("hunspell ends");
    let theirs: std::collections::BTreeSet<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    let s = dutch();
    let ours: std::collections::BTreeSet<String> =
        words.iter().filter(|w| !s.is_known(w)).map(|w| w.to_string()).collect();
    assert_eq!(ours, theirs, "words flagged by us (left) and by hunspell -l (right)");
    assert!(ours.contains("medewerkerbetrokkenheid") || !seed.exists());
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_transcript-editor"));
    // The user's own glossary is read from the settings folder: an empty one here.
    c.env(
        "TRANSCRIPT_EDITOR_CONFIG_DIR",
        std::env::temp_dir().join("transcript-editor-spell-tests-none"),
    );
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn gesprek() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("gesprek.json");
    std::fs::write(&path, GESPREK).expect("write");
    (dir, path)
}

fn arg(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn spell_lists_each_unknown_word_with_its_turn_and_suggestions_and_exits_1() {
    if !dutch_dictionary() {
        return;
    }
    let (_dir, path) = gesprek();
    let out = run(&["spell", arg(&path)]);
    assert_eq!(out.status.code(), Some(1), "unknown words were found");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    let words: Vec<&str> = lines
        .iter()
        .map(|l| l.split(": ").nth(1).unwrap_or("").split(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(
        words,
        ["Studytube", "organisatei", "lerren", "HR", "eigelijk"],
        "{stdout}"
    );
    assert!(lines[1].starts_with("turn 1: organisatei: organisatie"), "{stdout}");
    assert!(lines[2].starts_with("turn 2: lerren: leren"), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("5 unknown words (5 different) in 3 of 4 turns"));
}

#[test]
fn spell_json_numbers_turns_from_one_and_the_glossaries_beside_and_given_are_read() {
    if !dutch_dictionary() {
        return;
    }
    let (dir, path) = gesprek();
    std::fs::write(dir.path().join("gesprek.glossary.txt"), "# ours\nStudytube\n").expect("beside");
    let extra = dir.path().join("huis.txt");
    std::fs::write(&extra, "HR\n").expect("extra");
    let out = run(&["spell", arg(&path), "--json", "--glossary", arg(&extra)]);
    assert_eq!(out.status.code(), Some(1));
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rows: Vec<(u64, &str)> = found
        .as_array()
        .expect("a list")
        .iter()
        .map(|u| (u["turn"].as_u64().unwrap_or(0), u["word"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(rows, [(1, "organisatei"), (2, "lerren"), (4, "eigelijk")]);
    assert_eq!(found[0]["suggestions"][0], "organisatie");
    // All corrected: exit 0 and an empty list.
    let fixed = GESPREK
        .replace("organisatei", "organisatie")
        .replace("lerren", "leren")
        .replace("eigelijk", "eigenlijk");
    std::fs::write(&path, fixed).expect("write");
    let out = run(&["spell", arg(&path), "--json", "--glossary", arg(&extra)]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
}

#[test]
fn spell_says_what_is_missing_a_language_or_a_dictionary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let txt = dir.path().join("talk.txt");
    std::fs::write(&txt, "Mia: Dag.\n").expect("write");
    let out = run(&["spell", arg(&txt)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("talk.txt: the transcript does not say its language and its words do not make it clear; give one with --lang"),
        "{err}"
    );
    let out = run(&["spell", arg(&txt), "--lang", "tlh", "--dictionaries", arg(dir.path())]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no Hunspell dictionary for tlh (tlh) in "), "{err}");
    assert!(err.contains("apt install hunspell-tlh"), "{err}");
}

#[test]
fn spell_guesses_the_language_of_plain_text_from_its_words_and_says_so() {
    if !dutch_dictionary() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let txt = dir.path().join("talk.txt");
    std::fs::write(
        &txt,
        "Mia: Ik heb het niet gezien, maar het is eigelijk wel een mooi verhaal.\n",
    )
    .expect("write");
    let out = run(&["spell", arg(&txt)]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().next().unwrap_or(""),
        "turn 1: eigelijk: eigenlijk, iegelijk, keigelijk, heigelijk, weigelijk, ei gelijk, ei-gelijk"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("talk.txt: checking in Dutch (nl), guessed from its words; --lang chooses another")
    );
}

#[test]
fn the_speakers_names_are_right_wherever_they_are_written() {
    if !dutch_dictionary() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let txt = dir.path().join("talk.txt");
    std::fs::write(&txt, "Bram: Dag Hakar, hoe gaat het?\nMia: Goed, Bram.\n").expect("write");
    let out = run(&["spell", arg(&txt), "--lang", "nl"]);
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("turn 1: Hakar: "),
        "not a speaker here"
    );
    std::fs::write(&txt, "Bram: Dag Hakar, hoe gaat het?\nHakar: Goed, Bram.\n").expect("write");
    let out = run(&["spell", arg(&txt), "--lang", "nl"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn a_dictionary_in_a_folder_of_ones_own_is_used_and_a_broken_one_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let txt = dir.path().join("talk.txt");
    std::fs::write(&txt, "Mia: Kwak kwek kwik.\n").expect("write");
    std::fs::write(dir.path().join("xx.aff"), "SET UTF-8\n").expect("aff");
    std::fs::write(dir.path().join("xx.dic"), "2\nkwak\nkwek\n").expect("dic");
    let out = run(&["spell", arg(&txt), "--lang", "xx", "--dictionaries", arg(dir.path())]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "turn 1: kwik: kwek\n");
    std::fs::write(dir.path().join("xx.aff"), "SET UTF-8\nSFX A Y 1\nSFX A 0\n").expect("broken aff");
    let out = run(&["spell", arg(&txt), "--lang", "xx", "--dictionaries", arg(dir.path())]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "nothing is listed from a broken dictionary");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("xx.aff:3: "), "{err}");
}
