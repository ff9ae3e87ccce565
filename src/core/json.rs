//! The untyped JSON value tree ([`Node`]) that model files, pasted documents and shorthand are
//! read into, and the JSON reader that makes it: duplicate keys refused, numbers kept as
//! written (or spelled as Python spells the double it reads), errors at a byte offset.
//!
//! Nothing here knows the model; `paste::coerce` checks a tree against it.

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

pub(crate) fn error(offset: usize, message: impl Into<String>) -> SyntaxError {
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

/// serde_json counts a column in bytes, not characters.
fn line_column_to_offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let mut offset = (start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
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
        Ok(Node::Num(crate::core::float::python_float(v)))
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
    Some(Node::Num(crate::core::float::python_float(value)))
}

#[cfg(test)]
mod tests {
    use super::{number_node, parse_json, Node};

    /// The page reads numbers with `number_node` (serde_json's `arbitrary_precision`), native
    /// code through serde_json's own visitor calls: both must give the fixture's numbers.
    #[test]
    fn numbers_read_as_serde_json_reads_them() {
        let fixture = include_str!("../../tests/tables/json-numbers.tsv");
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
    /// key stays an object, whatever its value. The same table runs in the page
    /// (tests/web_form.rs), where `arbitrary_precision` takes the branch this guards.
    #[test]
    fn regression_an_object_keyed_like_a_serde_json_number_stays_an_object() {
        for (text, expected) in number_keyed_cases() {
            assert_eq!(parse_json(&text).ok(), expected, "{text}");
        }
    }

    /// Each case of `tests/tables/number-keyed-values.txt`: the object, and what it must read
    /// as (`None` where the value alone does not read).
    fn number_keyed_cases() -> Vec<(String, Option<Node>)> {
        include_str!("../../tests/tables/number-keyed-values.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|value| {
                let text = format!("{{\"$serde_json::private::Number\": {value}, \"B\": true}}");
                let expected = parse_json(value).ok().map(|node| {
                    Node::Map(vec![
                        ("$serde_json::private::Number".into(), node),
                        ("B".into(), Node::Bool(true)),
                    ])
                });
                (text, expected)
            })
            .collect()
    }

    #[test]
    fn deep_nesting_is_refused() {
        assert!(parse_json(&format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000))).is_err());
    }

    #[test]
    fn json_duplicates_and_offsets() {
        let err = parse_json("{\"A\": 1, \"A\": 2}").unwrap_err();
        assert!(err.message.contains("appears twice"), "{}", err.message);
        let err = parse_json("{\"A\": 1,\n \"B\" 2}").unwrap_err();
        assert_eq!(err.offset, 14);
    }
}
