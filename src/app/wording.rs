//! Counts in words, as the window shows them: "1 turn", "2 turns".

/// `n` with the singular or plural noun.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A key combination as menus, tooltips and the shortcuts window show it: `Ctrl+=` rather than
/// `Ctrl+Equals`.
pub fn keys(ctx: &egui::Context, shortcut: &egui::KeyboardShortcut) -> String {
    readable(ctx.format_shortcut(shortcut))
}

/// A key combination formatted by egui, with the names of symbol keys replaced by the symbols.
pub fn readable(formatted: String) -> String {
    for (name, symbol) in [
        ("Equals", "="),
        ("Minus", "-"),
        ("OpenBracket", "["),
        ("CloseBracket", "]"),
    ] {
        if let Some(stem) = formatted.strip_suffix(name) {
            return format!("{stem}{symbol}");
        }
    }
    formatted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_keys_read_as_words() {
        assert_eq!(count(1, "turn", "turns"), "1 turn");
        assert_eq!(count(0, "turn", "turns"), "0 turns");
        assert_eq!(count(12, "match", "matches"), "12 matches");
        assert_eq!(readable("Ctrl+Equals".into()), "Ctrl+=");
        assert_eq!(readable("Ctrl+Minus".into()), "Ctrl+-");
        assert_eq!(readable("Ctrl+Plus".into()), "Ctrl+Plus");
    }
}
