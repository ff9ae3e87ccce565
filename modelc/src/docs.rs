//! One-line docs from the models' HTML documentation: tags dropped, entities decoded, the
//! first sentence kept; and which members the docs set apart as deprecated or internal.

use request_builder::core::model::format::{ServiceFile, ShapeFile};
use request_builder::core::model::Aside;

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

/// Whether a member's docs (plain text: the whole of them where the compiler has them) set it
/// apart as deprecated or internal. Only the opening words count, so that a member whose docs
/// merely mention a deprecated value stays among the others; a bare "Reserved parameter." counts
/// only as the whole of the docs (ElastiCache's `AuthToken` opens with it, then explains a real
/// password).
pub fn aside_of(text: &str) -> Option<Aside> {
    let text = text.trim_start_matches(['>', '*', '[', ']', ' ']).to_lowercase();
    let text = text.replacen("deprecated]**", "deprecated.", 1);
    let whole = text.trim().trim_end_matches('.');
    let first = match whole.find(". ") {
        Some(end) => &whole[..end],
        None => whole,
    };
    const DEPRECATED_OPENINGS: [&str; 3] = ["deprecated", "no longer used", "no longer supported"];
    const DEPRECATED_WORDS: [&str; 6] = [
        " is deprecated",
        " has been deprecated",
        " is no longer used",
        " is no longer supported",
        " has been discontinued",
        " is discontinued",
    ];
    let says_deprecated = DEPRECATED_OPENINGS.iter().any(|w| first.starts_with(w))
        || (first.starts_with("this ")
            && !first.contains(" will be ")
            && DEPRECATED_WORDS.iter().any(|w| first.contains(w)))
        || first.ends_with(", which is deprecated");
    if says_deprecated {
        return Some(Aside::Deprecated);
    }
    const RESERVED_WHOLE: [&str; 8] = [
        "a reserved parameter",
        "the reserved parameter",
        "reserved parameter",
        "this parameter is reserved",
        "a reserved field",
        "the reserved field",
        "reserved field",
        "this field is reserved",
    ];
    const INTERNAL_OPENINGS: [&str; 11] = [
        "reserved for internal use",
        "reserved for future use",
        "for internal use only",
        "internal use only",
        "not implemented",
        "do not use",
        "reserved for use by",
        "this parameter is for internal use",
        "this field is for internal use",
        "this field is reserved for",
        "this parameter is reserved for",
    ];
    let internal = first == "reserved"
        || RESERVED_WHOLE.contains(&whole)
        || INTERNAL_OPENINGS.iter().any(|w| first.starts_with(w));
    internal.then_some(Aside::Internal)
}

/// Marks each optional member of `file` that its docs set apart (`aside_of` on the one-line
/// doc the file keeps), where the compiler has not marked it already. A required member stays
/// with the others: the request needs it.
pub fn mark_asides(file: &mut ServiceFile) {
    for shape in &mut file.shapes {
        if let ShapeFile::Structure { members, .. } = shape {
            for member in members.iter_mut().filter(|m| !m.required && m.aside.is_none()) {
                member.aside = aside_of(&member.doc);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deprecated_and_internal_members_by_their_docs() {
        let cases: [(&str, Option<Aside>); 16] = [
            ("Deprecated.", Some(Aside::Deprecated)),
            ("This parameter is deprecated.", Some(Aside::Deprecated)),
            ("> This parameter is deprecated.", Some(Aside::Deprecated)),
            ("> **[Deprecated]** This parameter is deprecated.", Some(Aside::Deprecated)),
            ("This member has been deprecated.", Some(Aside::Deprecated)),
            ("The traffic threshold, which is deprecated.", Some(Aside::Deprecated)),
            ("> This parameter will be deprecated soon.", None),
            ("Not Implemented. Reserved for future use.", Some(Aside::Internal)),
            ("Reserved for internal use.", Some(Aside::Internal)),
            ("A reserved parameter.", Some(Aside::Internal)),
            (
                "Reserved. Capacity Reservations you have created are accepted by default.",
                Some(Aside::Internal),
            ),
            ("Do not use. For internal use only.", Some(Aside::Internal)),
            // A real password whose docs open with "Reserved parameter." (ElastiCache AuthToken).
            ("Reserved parameter. The password used to access a password protected server.", None),
            ("The reserved cache size.", None),
            ("Specifies whether the deprecated engine versions are listed.", None),
            ("The ID of the instance.", None),
        ];
        for (doc, expected) in cases {
            assert_eq!(aside_of(doc), expected, "{doc}");
        }
    }

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
