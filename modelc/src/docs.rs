//! One-line docs from the models' HTML documentation: tags dropped, entities decoded, the
//! first sentence kept.

/// The first sentence of an HTML documentation string, as plain text, at most `max` chars.
pub fn first_sentence(html: &str, max: usize) -> String {
    let text = plain(html);
    let mut end = text.len();
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'.' && (i + 1 == bytes.len() || bytes[i + 1] == b' ') {
            // "e.g. " and "i.e. " do not end a sentence.
            let before = &text[..i];
            if before.ends_with("e.g") || before.ends_with("i.e") || before.ends_with("etc") {
                continue;
            }
            end = i + 1;
            break;
        }
    }
    shorten(&text[..end], max)
}

/// At most `max` characters, cut at a word with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > max / 2 => cut[..space].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// Tags removed, entities decoded, whitespace collapsed.
pub fn plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            _ => out.push(c),
        }
    }
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    let words: Vec<&str> = decoded.split_whitespace().collect();
    words.join(" ").replace(" .", ".").replace(" ,", ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_sentence_as_plain_text() {
        let html = "<p>Starts the <code>replication</code> task.</p> <p>For more, see this.</p>";
        assert_eq!(first_sentence(html, 200), "Starts the replication task.");
        assert_eq!(first_sentence("<p>Use e.g. this value. Then</p>", 200), "Use e.g. this value.");
        assert_eq!(first_sentence("A &amp; B &lt;x&gt;", 200), "A & B <x>");
    }

    #[test]
    fn long_text_is_cut_at_a_word() {
        assert_eq!(shorten("alpha beta gamma delta", 12), "alpha beta…");
    }
}
