//! Python literals for a typed request: `"text"` with Python's escapes, `b"..."` for bytes,
//! ints, floats as Python reads them back (`repr`, `float("inf")`), `True`/`False`/`None`,
//! `datetime.datetime(..., tzinfo=datetime.timezone.utc)`, and dicts and lists laid out one
//! item a line with trailing commas (as black formats them).
//!
//! Text keeps printable non-ASCII characters as they are (a program is UTF-8 source) and escapes
//! what a reader could not see or an editor could mangle: controls (C0, DEL, C1), line and
//! paragraph separators, zero-width and bidirectional formatting characters, and the BOM.

use crate::core::float::python_float;
use crate::core::json::Node;
use crate::core::model::names::PYTHON_KEYWORDS;
use crate::core::request::timestamp;
use crate::core::request::value::Value;

/// One indent step.
const INDENT: &str = "    ";

/// A Python `str` literal in double quotes.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || ('\u{7f}'..='\u{9f}').contains(&c) => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if hidden(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters that show as nothing, or reorder or break the line around them.
fn hidden(c: char) -> bool {
    matches!(c, '\u{00ad}' | '\u{061c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

/// A Python `bytes` literal of the text's UTF-8 bytes: printable ASCII as it is, the rest as
/// `\xNN`.
pub fn bytes(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 3);
    out.push_str("b\"");
    for &b in text.as_bytes() {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push('"');
    out
}

/// A Python `float` expression that evaluates to exactly `value`.
pub fn float(value: f64) -> String {
    if value.is_nan() {
        "float(\"nan\")".into()
    } else if value.is_infinite() {
        if value > 0.0 { "float(\"inf\")" } else { "float(\"-inf\")" }.into()
    } else {
        python_float(value)
    }
}

/// `datetime.datetime(...)` in UTC for epoch seconds (the form's timestamps are whole seconds,
/// years 1 to 9999, which `datetime` holds).
pub fn datetime(epoch: i64) -> String {
    let iso = timestamp::format_iso(epoch);
    // `YYYY-MM-DDTHH:MM:SSZ`: the numbers between the separators.
    let parts: Vec<i64> = iso
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    let numbers: Vec<String> = parts.iter().map(i64::to_string).collect();
    format!("datetime.datetime({}, tzinfo=datetime.timezone.utc)", numbers.join(", "))
}

/// Whether a value holds a timestamp anywhere (the program then imports `datetime`).
pub fn has_timestamp(value: &Value) -> bool {
    match value {
        Value::Timestamp { .. } => true,
        Value::List(items) => items.iter().any(has_timestamp),
        Value::Map(entries) => entries.iter().any(|(_, v)| has_timestamp(v)),
        Value::Struct(fields) => fields.iter().any(|(_, v)| has_timestamp(v)),
        _ => false,
    }
}

/// The literal of a typed value at an indent depth (the depth of the line it starts on).
pub fn value(value: &Value, depth: usize) -> String {
    match value {
        Value::Str(text) => string(text),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => float(*f),
        Value::Bool(b) => boolean(*b).into(),
        Value::Timestamp { epoch, .. } => datetime(*epoch),
        Value::Blob(text) => bytes(text),
        Value::Document(node) => document(node, depth),
        Value::List(items) => {
            block("[", "]", items.iter().map(|item| self::value(item, depth + 1)), depth)
        }
        Value::Map(entries) => block(
            "{",
            "}",
            entries.iter().map(|(k, v)| format!("{}: {}", string(k), self::value(v, depth + 1))),
            depth,
        ),
        Value::Struct(fields) => block(
            "{",
            "}",
            fields
                .iter()
                .map(|(m, v)| format!("{}: {}", string(m.name), self::value(v, depth + 1))),
            depth,
        ),
    }
}

/// A JSON document as the Python value botocore serializes back to the page's JSON: numbers
/// the page sends as integers are ints, others floats; a number too large for a float is the
/// text `"Infinity"`, as the page (and botocore's float handling) writes it.
fn document(node: &Node, depth: usize) -> String {
    match node {
        Node::Str(text) => string(text),
        Node::Num(text) => match text.parse::<i64>() {
            Ok(i) if !text.contains(['.', 'e', 'E']) => i.to_string(),
            _ => match crate::core::float::parse(text) {
                Some(f) if f.is_finite() => python_float(f),
                Some(f) => string(&python_float(f)),
                None => string("NaN"),
            },
        },
        Node::Bool(b) => boolean(*b).into(),
        Node::Null => "None".into(),
        Node::List(items) => {
            block("[", "]", items.iter().map(|item| document(item, depth + 1)), depth)
        }
        Node::Map(pairs) => block(
            "{",
            "}",
            pairs.iter().map(|(k, v)| format!("{}: {}", string(k), document(v, depth + 1))),
            depth,
        ),
    }
}

fn boolean(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// `open`, one item a line one level deeper, each with a comma, and `close`; `open close`
/// when there are none.
pub fn block(open: &str, close: &str, items: impl Iterator<Item = String>, depth: usize) -> String {
    let inner = INDENT.repeat(depth + 1);
    let mut out = String::from(open);
    let mut any = false;
    for item in items {
        any = true;
        out.push('\n');
        out.push_str(&inner);
        out.push_str(&item);
        out.push(',');
    }
    if any {
        out.push('\n');
        out.push_str(&INDENT.repeat(depth));
    }
    out.push_str(close);
    out
}

/// Whether `name` can be written as a keyword argument (`Name=...`): an ASCII identifier that
/// is not a keyword.
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !PYTHON_KEYWORDS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Each literal is what Python's own repr() writes, or evaluates to the same value (checked
    // with CPython 3.11: `eval(literal) == value`).
    #[test]
    fn strings_escape_what_python_needs_and_what_a_reader_cannot_see() {
        for (text, literal) in [
            ("", r#""""#),
            ("plain", r#""plain""#),
            (r#"say "hi""#, r#""say \"hi\"""#),
            ("it's", r#""it's""#),
            (r"C:\path\n", r#""C:\\path\\n""#),
            ("two\nlines\r\n", r#""two\nlines\r\n""#),
            ("tab\there", r#""tab\there""#),
            ("nul\0end", r#""nul\x00end""#),
            ("bell\u{7}del\u{7f}c1\u{85}", r#""bell\x07del\x7fc1\x85""#),
            ("café ☕ 𝄞 中文", "\"café ☕ 𝄞 中文\""),
            ("line\u{2028}sep", r#""line\u2028sep""#),
            ("rtl\u{202e}x\u{200b}\u{feff}", r#""rtl\u202ex\u200b\ufeff""#),
            ("{}%s{0}", r#""{}%s{0}""#),
        ] {
            assert_eq!(string(text), literal, "{text:?}");
        }
    }

    #[test]
    fn bytes_are_the_utf8_of_the_text() {
        for (text, literal) in [
            ("", r#"b"""#),
            ("hello", r#"b"hello""#),
            ("é", r#"b"\xc3\xa9""#),
            ("q\"b\\n\n\0", r#"b"q\"b\\n\n\x00""#),
            ("\u{7f}~", r#"b"\x7f~""#),
        ] {
            assert_eq!(bytes(text), literal, "{text:?}");
        }
    }

    #[test]
    fn floats_read_back_as_the_same_number() {
        for (value, literal) in [
            (1.5, "1.5"),
            (1.0, "1.0"),
            (-0.0, "-0.0"),
            (1e16, "1e+16"),
            (1.5e-7, "1.5e-07"),
            (0.1 + 0.2, "0.30000000000000004"),
            (f64::INFINITY, r#"float("inf")"#),
            (f64::NEG_INFINITY, r#"float("-inf")"#),
            (f64::NAN, r#"float("nan")"#),
        ] {
            assert_eq!(float(value), literal, "{value}");
        }
    }

    #[test]
    fn timestamps_are_utc_datetimes() {
        assert_eq!(
            datetime(0),
            "datetime.datetime(1970, 1, 1, 0, 0, 0, tzinfo=datetime.timezone.utc)"
        );
        assert_eq!(
            datetime(1_700_000_000),
            "datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=datetime.timezone.utc)"
        );
        assert_eq!(
            datetime(-62_135_596_800),
            "datetime.datetime(1, 1, 1, 0, 0, 0, tzinfo=datetime.timezone.utc)"
        );
    }

    #[test]
    fn containers_take_one_item_a_line_with_trailing_commas() {
        let value = Value::Map(vec![
            ("a".into(), Value::List(vec![Value::Int(1), Value::Bool(false)])),
            ("b".into(), Value::List(vec![])),
            ("c".into(), Value::Map(vec![])),
        ]);
        assert_eq!(
            self::value(&value, 0),
            "{\n    \"a\": [\n        1,\n        False,\n    ],\n    \"b\": [],\n    \"c\": {},\n}"
        );
        let num = |text: &str| Node::Num(text.into());
        let doc = Node::Map(vec![
            ("n".into(), Node::Null),
            ("x".into(), Node::List(vec![num("1"), num("2.50"), num("1e400"), Node::Bool(true)])),
        ]);
        assert_eq!(
            document(&doc, 0),
            "{\n    \"n\": None,\n    \"x\": [\n        1,\n        2.5,\n        \"Infinity\",\n        True,\n    ],\n}"
        );
    }

    #[test]
    fn only_identifiers_that_are_not_keywords_are_keyword_arguments() {
        assert!(is_identifier("ReplicationTaskArn"));
        assert!(is_identifier("_x1"));
        assert!(!is_identifier("None"));
        assert!(!is_identifier("from"));
        assert!(!is_identifier("x-amz-meta"));
        assert!(!is_identifier("1st"));
        assert!(!is_identifier(""));
    }
}
