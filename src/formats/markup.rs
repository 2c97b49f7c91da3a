//! Reading and writing the small markup that subtitle formats carry in their text: inline tags and
//! character entities. Shared by every format that meets them.

/// Removes inline tags (`<i>`, `<c.yellow>`, `<00:00:01.000>`, `<lang nl>`) and decodes entities.
pub(crate) fn strip_tags_and_entities(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        plain.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                plain.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    plain.push_str(rest);
    decode_entities(&plain).trim().to_string()
}

/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`, `&lrm;`, `&rlm;`, `&#237;` and `&#xED;`.
pub(crate) fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{A0}'),
                "lrm" => Some('\u{200E}'),
                "rlm" => Some('\u{200F}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Escapes the three characters that would read as markup.
pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_entities_decode_and_escaping_reads_back() {
        assert_eq!(
            strip_tags_and_entities("<i>Ja</i> &amp; <c.yellow>nee</c>&#237;&#xED;"),
            "Ja & neeíí"
        );
        assert_eq!(strip_tags_and_entities("a < b"), "a < b");
        assert_eq!(decode_entities("&bogus; &amp"), "&bogus; &amp");
        let text = "Tom & Jerry <3 > all";
        assert_eq!(decode_entities(&escape(text)), text);
    }
}
