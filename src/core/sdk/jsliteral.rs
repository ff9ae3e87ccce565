//! JavaScript literals for a typed request, as an ES module (strict mode) reads them: `"text"`
//! with JavaScript's escapes, `new TextEncoder().encode("...")` for bytes, numbers that read
//! back as the same value (`Infinity`, `NaN`), `true`/`false`/`null`, `new Date("...Z")`, and
//! objects and arrays laid out one item a line with trailing commas (as prettier formats them).
//!
//! Text keeps printable non-ASCII characters as they are (a module is UTF-8 source) and escapes
//! what a reader could not see or an editor could mangle: controls (C0, DEL, C1, NUL as `\x00`,
//! since `\0` before a digit is an octal escape strict mode refuses), U+2028 and U+2029,
//! zero-width and bidirectional formatting characters, and the BOM. A Rust string holds no lone
//! surrogates, so none needs writing.

use crate::core::float::python_float;
use crate::core::json::Node;
use crate::core::request::timestamp;
use crate::core::request::value::Value;

/// One indent step.
const INDENT: &str = "  ";

/// A JavaScript string literal in double quotes.
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

/// A `Uint8Array` of the text's UTF-8 bytes.
pub fn bytes(text: &str) -> String {
    format!("new TextEncoder().encode({})", string(text))
}

/// A number literal that evaluates to exactly `value`: Python's `repr` digits (the shortest that
/// round-trip, `1e+16`, `1.5e-07`), which JavaScript reads back to the same double, without a
/// trailing `.0`. (Not Rust's `{:?}`: the page's release build formats no `Debug`.)
pub fn float(value: f64) -> String {
    if value.is_nan() {
        "NaN".into()
    } else if value.is_infinite() {
        if value > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        let text = python_float(value);
        text.strip_suffix(".0").map_or(text.clone(), str::to_string)
    }
}

/// `new Date("...Z")` for epoch seconds (years 1 to 9999, which `Date` reads in ISO form).
pub fn date(epoch: i64) -> String {
    format!("new Date({})", string(&timestamp::format_iso(epoch)))
}

/// The literal of a typed value at an indent depth (the depth of the line it starts on).
pub fn value(value: &Value, depth: usize) -> String {
    match value {
        Value::Str(text) => string(text),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => float(*f),
        Value::Bool(b) => b.to_string(),
        Value::Timestamp { epoch, .. } => date(*epoch),
        Value::Blob(text) => bytes(text),
        Value::Document(node) => document(node, depth),
        Value::List(items) => {
            block("[", "]", items.iter().map(|item| self::value(item, depth + 1)), depth)
        }
        Value::Map(entries) => block(
            "{",
            "}",
            entries.iter().map(|(k, v)| format!("{}: {}", key(k), self::value(v, depth + 1))),
            depth,
        ),
        Value::Struct(fields) => block(
            "{",
            "}",
            fields.iter().map(|(m, v)| format!("{}: {}", key(m.name), self::value(v, depth + 1))),
            depth,
        ),
    }
}

/// A JSON document as the JavaScript value the SDK serializes back to the page's JSON: numbers
/// as their literals; a number too large for a double is the text `"Infinity"`, as the page
/// writes it (`JSON.stringify` would write `null`).
fn document(node: &Node, depth: usize) -> String {
    match node {
        Node::Str(text) => string(text),
        Node::Num(text) => match text.parse::<i64>() {
            Ok(i) if !text.contains(['.', 'e', 'E']) => i.to_string(),
            _ => match crate::core::float::parse(text) {
                Some(f) if f.is_finite() => float(f),
                Some(f) => string(&crate::core::float::python_float(f)),
                None => string("NaN"),
            },
        },
        Node::Bool(b) => b.to_string(),
        Node::Null => "null".into(),
        Node::List(items) => {
            block("[", "]", items.iter().map(|item| document(item, depth + 1)), depth)
        }
        Node::Map(pairs) => block(
            "{",
            "}",
            pairs.iter().map(|(k, v)| format!("{}: {}", key(k), document(v, depth + 1))),
            depth,
        ),
    }
}

/// An object literal's key: the name when it is an identifier, its string literal otherwise,
/// and `["__proto__"]` for `__proto__` (which as a plain key would set the prototype instead of
/// making a property).
pub fn key(name: &str) -> String {
    if name == "__proto__" {
        format!("[{}]", string(name))
    } else if is_identifier(name) {
        name.to_string()
    } else {
        string(name)
    }
}

/// Whether `name` can be written as a bare property name: an ASCII identifier (reserved words
/// are property names too).
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
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

#[cfg(test)]
mod tests {
    use super::*;

    // Each literal evaluates in Node (an ES module) to the value (checked with Node 20:
    // `eval(literal) === value`).
    #[test]
    fn strings_escape_what_javascript_needs_and_what_a_reader_cannot_see() {
        for (text, literal) in [
            ("", r#""""#),
            ("plain", r#""plain""#),
            (r#"say "hi""#, r#""say \"hi\"""#),
            ("it's `${x}`", r#""it's `${x}`""#),
            (r"C:\path\n", r#""C:\\path\\n""#),
            ("two\nlines\r\n", r#""two\nlines\r\n""#),
            ("tab\there", r#""tab\there""#),
            ("nul\x001", r#""nul\x001""#),
            ("bell\u{7}del\u{7f}c1\u{85}", r#""bell\x07del\x7fc1\x85""#),
            ("café ☕ 𝄞 中文", "\"café ☕ 𝄞 中文\""),
            ("line\u{2028}para\u{2029}", r#""line\u2028para\u2029""#),
            ("rtl\u{202e}x\u{200b}\u{feff}", r#""rtl\u202ex\u200b\ufeff""#),
            ("</script>", r#""</script>""#),
        ] {
            assert_eq!(string(text), literal, "{text:?}");
        }
    }

    #[test]
    fn bytes_encode_the_text() {
        assert_eq!(bytes("é\n"), r#"new TextEncoder().encode("é\n")"#);
    }

    #[test]
    fn numbers_read_back_as_the_same_value() {
        for (value, literal) in [
            (1.5, "1.5"),
            (1.0, "1"),
            (-0.0, "-0"),
            (1e16, "1e+16"),
            (1.5e-7, "1.5e-07"),
            (0.1 + 0.2, "0.30000000000000004"),
            (f64::MAX, "1.7976931348623157e+308"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
            (f64::NAN, "NaN"),
        ] {
            assert_eq!(float(value), literal, "{value}");
        }
    }

    #[test]
    fn timestamps_are_utc_dates() {
        assert_eq!(date(0), r#"new Date("1970-01-01T00:00:00Z")"#);
        assert_eq!(date(1_700_000_000), r#"new Date("2023-11-14T22:13:20Z")"#);
        assert_eq!(date(-62_135_596_800), r#"new Date("0001-01-01T00:00:00Z")"#);
    }

    #[test]
    fn containers_take_one_item_a_line_with_trailing_commas() {
        let value = Value::Map(vec![
            ("a".into(), Value::List(vec![Value::Int(1), Value::Bool(false)])),
            ("b-c".into(), Value::List(vec![])),
            ("__proto__".into(), Value::Map(vec![])),
        ]);
        assert_eq!(
            self::value(&value, 0),
            "{\n  a: [\n    1,\n    false,\n  ],\n  \"b-c\": [],\n  [\"__proto__\"]: {},\n}"
        );
        let num = |text: &str| Node::Num(text.into());
        let doc = Node::Map(vec![
            ("n".into(), Node::Null),
            ("x".into(), Node::List(vec![num("1"), num("2.50"), num("1e400"), Node::Bool(true)])),
        ]);
        assert_eq!(
            document(&doc, 0),
            "{\n  n: null,\n  x: [\n    1,\n    2.5,\n    \"Infinity\",\n    true,\n  ],\n}"
        );
    }

    #[test]
    fn keys_are_bare_only_when_identifiers() {
        assert_eq!(key("ReplicationTaskArn"), "ReplicationTaskArn");
        assert_eq!(key("$x_1"), "$x_1");
        assert_eq!(key("class"), "class");
        assert_eq!(key("x-amz-meta"), "\"x-amz-meta\"");
        assert_eq!(key("1st"), "\"1st\"");
        assert_eq!(key(""), "\"\"");
    }
}
