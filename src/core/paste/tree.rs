//! The first pass's result: an untyped value tree, from AWS shorthand or from JSON.
//!
//! Nothing here knows the model; `coerce` checks the tree against it. Offsets in errors are
//! relative to the text parsed; callers add where that text starts in the paste.

use serde::de::{Deserialize, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};

/// An untyped value.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// Text (shorthand values are always text).
    Str(String),
    /// A JSON number, as written.
    Num(String),
    /// A JSON boolean.
    Bool(bool),
    /// JSON null.
    Null,
    /// A list.
    List(Vec<Node>),
    /// An object, keys in order.
    Map(Vec<(String, Node)>),
}

/// A syntax error at a byte offset of the parsed text.
#[derive(Debug, PartialEq)]
pub struct SyntaxError {
    /// Byte offset in the parsed text.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

fn error(offset: usize, message: impl Into<String>) -> SyntaxError {
    SyntaxError { offset, message: message.into() }
}

/// Parses JSON, rejecting duplicate keys (which JSON parsers usually drop silently).
pub fn parse_json(text: &str) -> Result<Node, SyntaxError> {
    serde_json::from_str::<Node>(text).map_err(|e| {
        let offset = line_column_to_offset(text, e.line(), e.column());
        let message = e.to_string();
        // serde_json appends " at line L column C"; the caret says that better.
        let message = message.split(" at line ").next().unwrap_or(&message).to_string();
        error(offset, format!("invalid JSON: {message}"))
    })
}

fn line_column_to_offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let line_text = &text[start.min(text.len())..];
    let within: usize = line_text.chars().take(column.saturating_sub(1)).map(char::len_utf8).sum();
    (start + within).min(text.len())
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Num(v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Num(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        // Spelled as Python spells it: the AWS CLI reads the JSON with Python.
        Ok(Node::Num(crate::core::value::python_float(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_string()))
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut pairs: Vec<(String, Node)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            // With serde_json's `arbitrary_precision` (the page's build), a number that is not a
            // plain 64-bit integer arrives as a one-entry map holding its text under this key.
            let value = if pairs.is_empty() && key == ARBITRARY_PRECISION_NUMBER {
                match map.next_value::<KeyedValue>()? {
                    KeyedValue::NumberText(text) => {
                        return number_node(&text)
                            .ok_or_else(|| A::Error::custom("number out of range"));
                    }
                    KeyedValue::Value(node) => node,
                }
            } else {
                if pairs.iter().any(|(k, _)| *k == key) {
                    return Err(A::Error::custom(format!("the key \"{key}\" appears twice")));
                }
                map.next_value()?
            };
            pairs.push((key, value));
        }
        Ok(Node::Map(pairs))
    }
}

/// The key under which serde_json's `arbitrary_precision` hands over a number's text.
const ARBITRARY_PRECISION_NUMBER: &str = "$serde_json::private::Number";

/// The value under [`ARBITRARY_PRECISION_NUMBER`]: serde_json hands a number's text over as an
/// owned string (`visit_string`), while a pasted document that happens to use that key has its
/// strings read in place (`visit_str`, `visit_borrowed_str`) and its other values as themselves.
enum KeyedValue {
    NumberText(String),
    Value(Node),
}

impl<'de> Deserialize<'de> for KeyedValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<KeyedValue, D::Error> {
        deserializer.deserialize_any(KeyedValueVisitor)
    }
}

struct KeyedValueVisitor;

impl<'de> Visitor<'de> for KeyedValueVisitor {
    type Value = KeyedValue;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<KeyedValue, E> {
        Ok(KeyedValue::NumberText(v))
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<KeyedValue, E> {
        NodeVisitor.visit_str(v).map(KeyedValue::Value)
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<KeyedValue, E> {
        NodeVisitor.visit_bool(v).map(KeyedValue::Value)
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<KeyedValue, E> {
        NodeVisitor.visit_i64(v).map(KeyedValue::Value)
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<KeyedValue, E> {
        NodeVisitor.visit_u64(v).map(KeyedValue::Value)
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<KeyedValue, E> {
        NodeVisitor.visit_f64(v).map(KeyedValue::Value)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<KeyedValue, E> {
        NodeVisitor.visit_unit().map(KeyedValue::Value)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<KeyedValue, A::Error> {
        NodeVisitor.visit_seq(seq).map(KeyedValue::Value)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<KeyedValue, A::Error> {
        NodeVisitor.visit_map(map).map(KeyedValue::Value)
    }
}

/// A JSON number, from its text, as the visitor above makes it from serde_json's own reading:
/// an integer that fits 64 bits (unsigned, or negative and signed) as written; anything else
/// (fractions, exponents, `-0`, larger integers) as the double that Python's `float()` reads,
/// spelled as Python spells it. `None` for a number beyond the doubles, which serde_json
/// refuses. `tests::numbers_read_as_serde_json_reads_them` checks the two readings agree.
pub(crate) fn number_node(text: &str) -> Option<Node> {
    if !text.contains(['.', 'e', 'E']) {
        let integer = match text.strip_prefix('-') {
            Some(_) => text.parse::<i64>().ok().filter(|&v| v != 0).map(|v| v.to_string()),
            None => text.parse::<u64>().ok().map(|v| v.to_string()),
        };
        if let Some(integer) = integer {
            return Some(Node::Num(integer));
        }
    }
    let value = crate::core::float::parse(text).filter(|v| v.is_finite())?;
    Some(Node::Num(crate::core::value::python_float(value)))
}

/// Parses AWS CLI shorthand for a structure: `Key=value,Key2={Nested=x},Key3=[a,b]`.
pub fn parse_shorthand(text: &str) -> Result<Node, SyntaxError> {
    let mut parser = Shorthand { text, at: 0, depth: 0 };
    let node = parser.structure(true)?;
    parser.skip_spaces();
    if parser.at < text.len() {
        return Err(error(parser.at, "unexpected text after the shorthand value"));
    }
    Ok(node)
}

struct Shorthand<'a> {
    text: &'a str,
    at: usize,
    depth: usize,
}

/// Deeper nesting is refused (as JSON's is at 128), so a hostile paste cannot exhaust the stack.
const MAX_DEPTH: usize = 64;

impl Shorthand<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    /// Skips what Python's `string.whitespace` holds, as aws-cli's `_consume_whitespace` does:
    /// ASCII only. Any other space (a no-break space pasted from a web page) is text, which the
    /// grammar then refuses with a caret, as the CLI does.
    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(|c| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_spaces();
        let found = self.peek() == Some(c);
        if found {
            self.at += c.len_utf8();
        }
        found
    }

    // structure ::= pair ("," pair)*      (top level: a bare value after "," continues a list)
    // pair      ::= key "=" value
    fn structure(&mut self, top: bool) -> Result<Node, SyntaxError> {
        let mut pairs: Vec<(String, Node)> = Vec::new();
        loop {
            self.skip_spaces();
            let key_at = self.at;
            let key = self.key()?;
            if !self.eat('=') {
                return Err(error(self.at, format!("expected = after the key \"{key}\"")).hinted(
                    "shorthand is Key=value,Key2=value2; values with spaces or commas need quotes",
                ));
            }
            if pairs.iter().any(|(k, _)| *k == key) {
                return Err(error(key_at, format!("the key \"{key}\" appears twice")));
            }
            let mut value = self.value()?;
            // `Key=a,b,c`: the CLI's shorthand list form, when what follows is not `Key2=`.
            while top && self.continues_list() {
                self.eat(',');
                let item = self.value()?;
                value = match value {
                    Node::List(mut items) => {
                        items.push(item);
                        Node::List(items)
                    }
                    first => Node::List(vec![first, item]),
                };
            }
            pairs.push((key, value));
            if !self.eat(',') {
                return Ok(Node::Map(pairs));
            }
        }
    }

    fn continues_list(&self) -> bool {
        let rest = self.text[self.at..].trim_start();
        let Some(rest) = rest.strip_prefix(',') else { return false };
        let segment = rest.split(',').next().unwrap_or("");
        !segment.contains('=') && !segment.trim_start().starts_with(['{', '['])
    }

    fn key(&mut self) -> Result<String, SyntaxError> {
        let start = self.at;
        while self.peek().is_some_and(|c| {
            c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.' || c == ':'
        }) {
            self.at += self.peek().map_or(1, char::len_utf8);
        }
        if self.at == start {
            return Err(error(start, "expected a key name"));
        }
        Ok(self.text[start..self.at].to_string())
    }

    // value ::= "{" structure? "}" | "[" (value ("," value)*)? "]" | quoted | bare
    fn value(&mut self) -> Result<Node, SyntaxError> {
        self.skip_spaces();
        if self.depth >= MAX_DEPTH {
            return Err(error(
                self.at,
                format!("the value is nested more than {MAX_DEPTH} levels deep"),
            ));
        }
        self.depth += 1;
        let value = self.nested_value();
        self.depth -= 1;
        value
    }

    fn nested_value(&mut self) -> Result<Node, SyntaxError> {
        match self.peek() {
            Some('{') => {
                let open = self.at;
                self.at += 1;
                if self.eat('}') {
                    return Ok(Node::Map(vec![]));
                }
                let node = self.structure(false)?;
                if !self.eat('}') {
                    return Err(error(open, "this { is never closed"));
                }
                Ok(node)
            }
            Some('[') => {
                let open = self.at;
                self.at += 1;
                let mut items = Vec::new();
                if self.eat(']') {
                    return Ok(Node::List(items));
                }
                loop {
                    items.push(self.value()?);
                    if self.eat(']') {
                        return Ok(Node::List(items));
                    }
                    if !self.eat(',') {
                        return Err(error(open, "this [ is never closed"));
                    }
                }
            }
            Some(quote @ ('"' | '\'')) => self.quoted(quote),
            _ => Ok(Node::Str(self.bare())),
        }
    }

    fn quoted(&mut self, quote: char) -> Result<Node, SyntaxError> {
        let open = self.at;
        self.at += 1;
        let mut text = String::new();
        loop {
            match self.peek() {
                None => return Err(error(open, "this quote is never closed")),
                Some('\\') if self.text[self.at + 1..].starts_with(quote) => {
                    text.push(quote);
                    self.at += 1 + quote.len_utf8();
                }
                Some(c) if c == quote => {
                    self.at += 1;
                    return Ok(Node::Str(text));
                }
                Some(c) => {
                    text.push(c);
                    self.at += c.len_utf8();
                }
            }
        }
    }

    fn bare(&mut self) -> String {
        let start = self.at;
        while let Some(c) = self.peek() {
            if matches!(c, ',' | '}' | ']') {
                break;
            }
            self.at += c.len_utf8();
        }
        self.text[start..self.at].trim_end().to_string()
    }
}

trait Hinted {
    fn hinted(self, hint: &str) -> Self;
}

impl Hinted for SyntaxError {
    fn hinted(mut self, hint: &str) -> Self {
        self.message = format!("{} ({hint})", self.message);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::{number_node, parse_json, parse_shorthand, Node};

    fn s(text: &str) -> Node {
        Node::Str(text.into())
    }

    #[test]
    fn shorthand_forms() {
        assert_eq!(
            parse_shorthand("A=1,B=x").unwrap(),
            Node::Map(vec![("A".into(), s("1")), ("B".into(), s("x"))])
        );
        assert_eq!(
            parse_shorthand("A={B={C=d}}").unwrap(),
            Node::Map(vec![(
                "A".into(),
                Node::Map(vec![("B".into(), Node::Map(vec![("C".into(), s("d"))]))])
            )])
        );
        assert_eq!(
            parse_shorthand("A=[x,y]").unwrap(),
            Node::Map(vec![("A".into(), Node::List(vec![s("x"), s("y")]))])
        );
        assert_eq!(
            parse_shorthand("A=x,y,B=z").unwrap(),
            Node::Map(vec![("A".into(), Node::List(vec![s("x"), s("y")])), ("B".into(), s("z"))])
        );
        assert_eq!(
            parse_shorthand("A='a, b',B=\"c\\\"d\"").unwrap(),
            Node::Map(vec![("A".into(), s("a, b")), ("B".into(), s("c\"d"))])
        );
        assert_eq!(
            parse_shorthand("Value=/a|/b/*").unwrap(),
            Node::Map(vec![("Value".into(), s("/a|/b/*"))])
        );
    }

    #[test]
    fn shorthand_errors_have_offsets() {
        assert_eq!(parse_shorthand("A=1,=2").unwrap_err().offset, 4);
        assert_eq!(parse_shorthand("A").unwrap_err().offset, 1);
        assert_eq!(parse_shorthand("A=1,A=2").unwrap_err().offset, 4);
        assert_eq!(parse_shorthand("A={B=1").unwrap_err().offset, 2);
    }

    /// Regression guard: deep nesting is an error, not a stack overflow.
    #[test]
    fn deep_nesting_is_refused() {
        let deep = format!("{}x{}", "A={".repeat(10_000), "}".repeat(10_000));
        assert!(parse_shorthand(&deep).unwrap_err().message.contains("nested"));
        let deep_list = format!("A={}x{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse_shorthand(&deep_list).is_err());
        assert!(parse_json(&format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000))).is_err());
    }

    /// The page reads numbers with `number_node` (serde_json's `arbitrary_precision`), native
    /// code through serde_json's own visitor calls: both must give the fixture's numbers.
    #[test]
    fn numbers_read_as_serde_json_reads_them() {
        let fixture = include_str!("../../../tests/tables/json-numbers.tsv");
        let cases: Vec<(&str, &str)> = fixture
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .collect();
        assert!(cases.len() > 10);
        for (text, read) in cases {
            if read == "out of range" {
                assert_eq!(number_node(text), None, "{text}");
                assert!(
                    parse_json(text).unwrap_err().message.contains("number out of range"),
                    "{text}"
                );
            } else {
                assert_eq!(number_node(text), Some(Node::Num(read.into())), "{text}");
                assert_eq!(parse_json(text).unwrap(), Node::Num(read.into()), "{text}");
            }
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_json_number_reads_as_serde_json_reads_it(
            minus in proptest::bool::ANY,
            whole in "0|[1-9][0-9]{0,24}",
            fraction in proptest::option::of("[0-9]{1,20}"),
            exponent in proptest::option::of((proptest::sample::select(vec!["e", "E"]), proptest::sample::select(vec!["", "+", "-"]), 0u32..330)),
        ) {
            let mut text = format!("{}{whole}", if minus { "-" } else { "" });
            if let Some(fraction) = fraction {
                text += &format!(".{fraction}");
            }
            if let Some((e, sign, power)) = exponent {
                text += &format!("{e}{sign}{power}");
            }
            let by_serde = parse_json(&text).ok();
            proptest::prop_assert_eq!(number_node(&text), by_serde, "{}", text);
        }
    }

    /// Regression (review): a pasted object whose first key is serde_json's private number
    /// key stays an object, whatever its value.
    #[test]
    fn regression_an_object_keyed_like_a_serde_json_number_stays_an_object() {
        for (value, node) in [
            ("\"1\"", s("1")),
            ("\"0x10\"", s("0x10")),
            ("5", Node::Num("5".into())),
            ("[]", Node::List(vec![])),
        ] {
            let text = format!("{{\"$serde_json::private::Number\": {value}, \"B\": true}}");
            let expected = Node::Map(vec![
                ("$serde_json::private::Number".into(), node),
                ("B".into(), Node::Bool(true)),
            ]);
            assert_eq!(parse_json(&text).unwrap(), expected, "{text}");
        }
    }

    /// Regression (review): a no-break space pasted from a web page after a comma made
    /// `skip_spaces` step one byte into the character, and the next slice panicked the worker.
    /// aws-cli skips ASCII whitespace only, so such a space is refused at its place.
    #[test]
    fn regression_unicode_whitespace_in_shorthand_is_refused_at_its_place_not_a_panic() {
        for space in ['\u{a0}', '\u{85}', '\u{2003}', '\u{3000}', '\u{feff}'] {
            let text = format!("LogLevel=OFF,{space}VerifyMode=NONE");
            let err = parse_shorthand(&text).expect_err(&text);
            assert_eq!(err.offset, "LogLevel=OFF,".len(), "{text}: {}", err.message);
            let text = format!("{{A=1,{space}B=2}}");
            assert!(parse_shorthand(&format!("X={text}")).is_err(), "{text}");
        }
        // ASCII whitespace, vertical tab and form feed included, is skipped as Python skips it.
        for space in [" ", "\t", "\n", "\r", "\x0b", "\x0c"] {
            let text = format!("LogLevel=OFF,{space}VerifyMode=NONE");
            assert!(parse_shorthand(&text).is_ok(), "{text:?}");
        }
    }

    #[test]
    fn json_duplicates_and_offsets() {
        let err = parse_json("{\"A\": 1, \"A\": 2}").unwrap_err();
        assert!(err.message.contains("appears twice"), "{}", err.message);
        let err = parse_json("{\"A\": 1,\n \"B\" 2}").unwrap_err();
        assert_eq!(err.offset, 14);
    }
}
