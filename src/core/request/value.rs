//! The typed request: a value tree built from the form, in model order, and its JSON forms.
//!
//! Two JSON forms exist because the AWS CLI's input document and the awsJson wire body differ:
//! in the former a timestamp is the text the user typed and a blob is its text; in the latter
//! a timestamp is epoch seconds (or the shape's `timestampFormat`) and a blob is base64.

pub use crate::core::float::python_float;
use crate::core::json::Node;
use crate::core::model::Member;
use crate::core::request::timestamp;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// A typed value, ready for any renderer.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A string or enum value, exactly as typed.
    Str(String),
    /// An integer or long.
    Int(i64),
    /// A float or double.
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// A timestamp: the text as typed, the epoch seconds it means, and the shape's format.
    Timestamp {
        /// The text as typed.
        text: String,
        /// Whole seconds since 1970-01-01T00:00:00Z.
        epoch: i64,
        /// The shape's `timestampFormat`, when set.
        format: Option<&'static str>,
    },
    /// Bytes, given as text (UTF-8).
    Blob(String),
    /// A JSON document, keys in the order typed.
    Document(Node),
    /// A list, in order.
    List(Vec<Value>),
    /// A map: entries in the order typed.
    Map(Vec<(String, Value)>),
    /// A structure: set members in model order, each with its model member (name,
    /// serialization names, kind).
    Struct(Vec<(&'static Member, Value)>),
}

impl Value {
    /// The members of a structure (empty for any other value).
    pub fn fields(&self) -> &[(&'static Member, Value)] {
        match self {
            Value::Struct(fields) => fields,
            _ => &[],
        }
    }

    /// The member `name` of a structure.
    pub fn field(&self, name: &str) -> Option<&Value> {
        self.fields().iter().find(|(m, _)| m.name == name).map(|(_, v)| v)
    }

    /// The JSON the AWS CLI's `--cli-input-json` takes (timestamps and blobs as typed).
    pub fn cli_json(&self) -> JsonForm<'_> {
        JsonForm { value: self, wire: false }
    }

    /// The JSON of an awsJson body (timestamps as the protocol writes them, blobs base64).
    pub fn wire_json(&self) -> JsonForm<'_> {
        JsonForm { value: self, wire: true }
    }
}

/// A value seen as one of its JSON forms; serialize it with serde_json.
#[derive(Clone, Copy)]
pub struct JsonForm<'a> {
    value: &'a Value,
    wire: bool,
}

/// A float as JSON: a number when finite; botocore sends the others as strings.
struct JsonFloat(f64);

impl Serialize for JsonFloat {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.is_finite() {
            // Written through a raw-number-like string so the Python formatter prints repr().
            serializer.serialize_f64(self.0)
        } else {
            serializer.serialize_str(&python_float(self.0))
        }
    }
}

impl Serialize for JsonForm<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let form = |value| JsonForm { value, wire: self.wire };
        match self.value {
            Value::Str(s) => serializer.serialize_str(s),
            Value::Int(i) => serializer.serialize_i64(*i),
            Value::Float(f) => JsonFloat(*f).serialize(serializer),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Timestamp { epoch, format, .. } if self.wire => {
                match format.map(|f| f.to_ascii_lowercase()) {
                    Some(f) if f == "iso8601" => {
                        serializer.serialize_str(&timestamp::format_iso(*epoch))
                    }
                    Some(f) if f == "rfc822" => {
                        serializer.serialize_str(&timestamp::format_rfc822(*epoch))
                    }
                    _ => serializer.serialize_i64(*epoch),
                }
            }
            Value::Timestamp { text, .. } => serializer.serialize_str(text),
            Value::Blob(text) if self.wire => serializer.serialize_str(&base64(text.as_bytes())),
            Value::Blob(text) => serializer.serialize_str(text),
            Value::Document(node) => DocumentForm(node).serialize(serializer),
            Value::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&form(item))?;
                }
                seq.end()
            }
            Value::Map(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, &form(value))?;
                }
                map.end()
            }
            Value::Struct(fields) => {
                let mut map = serializer.serialize_map(Some(fields.len()))?;
                for (member, value) in fields {
                    let name = if self.wire {
                        member.location_name.unwrap_or(member.name)
                    } else {
                        member.name
                    };
                    map.serialize_entry(name, &form(value))?;
                }
                map.end()
            }
        }
    }
}

/// A document tree as JSON: what Python's `json.loads` then `json.dumps` would write.
struct DocumentForm<'a>(&'a Node);

impl Serialize for DocumentForm<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Node::Str(s) => serializer.serialize_str(s),
            Node::Num(text) => match text.parse::<i64>() {
                Ok(i) if !text.contains(['.', 'e', 'E']) => serializer.serialize_i64(i),
                _ => JsonFloat(crate::core::float::parse(text).unwrap_or(f64::NAN))
                    .serialize(serializer),
            },
            Node::Bool(b) => serializer.serialize_bool(*b),
            Node::Null => serializer.serialize_unit(),
            Node::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&DocumentForm(item))?;
                }
                seq.end()
            }
            Node::Map(pairs) => {
                let mut map = serializer.serialize_map(Some(pairs.len()))?;
                for (key, value) in pairs {
                    map.serialize_entry(key, &DocumentForm(value))?;
                }
                map.end()
            }
        }
    }
}

/// Standard base64 with padding, as botocore encodes blobs.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Pretty JSON with two-space indents, as shown in `out-json`.
// Out of line: a step of `core::outputs` (see there).
#[inline(never)]
pub fn to_pretty_json(form: JsonForm<'_>) -> String {
    write_json(&form, Layout::Pretty)
}

/// A parsed JSON tree (a service's answer) as pretty JSON, keys in the order they came.
pub fn node_to_pretty_json(node: &Node) -> String {
    write_json(&DocumentForm(node), Layout::Pretty)
}

/// Compact JSON without spaces, for CLI arguments.
pub fn to_compact_json(form: JsonForm<'_>) -> String {
    write_json(&form, Layout::Compact)
}

/// JSON exactly as Python's `json.dumps` writes it with default options, which is how the AWS
/// CLI writes awsJson bodies: `", "` and `": "` separators, non-ASCII as `\uXXXX`, floats as
/// `repr`.
pub fn to_python_json(form: JsonForm<'_>) -> String {
    write_json(&form, Layout::Python)
}

/// Every JSON text goes through this one serializer type, so serde's code for each kind of value is
/// compiled once for all layouts (a formatter type per layout made four copies of it).
fn write_json<T: Serialize + ?Sized>(value: &T, layout: Layout) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut out,
        PythonFloats { layout, indent: 0, has_value: false },
    );
    match value.serialize(&mut ser) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// How a JSON text is laid out. Floats are always spelled as Python's `repr` (the CLI reads the
/// text back with Python).
#[derive(Clone, Copy, PartialEq)]
enum Layout {
    /// Python's `json.dumps` defaults: `", "` and `": "`, non-ASCII as `\uXXXX`.
    Python,
    /// No spaces at all.
    Compact,
    /// Two-space indents, one member per line, as serde_json's pretty printer lays them out.
    Pretty,
}

/// The one serde_json formatter of the page, for every layout.
struct PythonFloats {
    layout: Layout,
    indent: usize,
    has_value: bool,
}

impl PythonFloats {
    fn newline<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b"\n")?;
        for _ in 0..self.indent {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.indent += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.indent -= 1;
        if self.layout == Layout::Pretty && self.has_value {
            self.newline(w)?;
        }
        w.write_all(bracket)
    }

    fn separator<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        match self.layout {
            Layout::Python if !first => w.write_all(b", "),
            Layout::Compact if !first => w.write_all(b","),
            Layout::Pretty => {
                if !first {
                    w.write_all(b",")?;
                }
                self.newline(w)
            }
            _ => Ok(()),
        }
    }
}

impl serde_json::ser::Formatter for PythonFloats {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.separator(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.separator(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(if self.layout == Layout::Compact { b":" } else { b": " })
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn write_f64<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        value: f64,
    ) -> std::io::Result<()> {
        w.write_all(python_float(value).as_bytes())
    }

    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if self.layout != Layout::Python {
            return w.write_all(fragment.as_bytes());
        }
        for c in fragment.chars() {
            if (' '..='~').contains(&c) {
                w.write_all(&[c as u8])?;
            } else {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(w, "\\u{unit:04x}")?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{base64, python_float, to_compact_json, to_pretty_json, to_python_json, Value};

    /// Nested lists and maps, empty ones, text with quotes, a line break and non-ASCII.
    fn nested() -> Value {
        let text = |s: &str| Value::Str(s.to_string());
        Value::Map(vec![
            (
                "Tags".into(),
                Value::List(vec![
                    Value::Map(vec![
                        ("Key".into(), text("env")),
                        ("Value".into(), text("pr\"od\n")),
                    ]),
                    Value::Map(vec![]),
                ]),
            ),
            ("Empty".into(), Value::List(vec![])),
            (
                "Nested".into(),
                Value::List(vec![
                    Value::List(vec![Value::Int(-1), Value::Bool(true)]),
                    Value::List(vec![]),
                ]),
            ),
            ("Name".into(), text("café ☕ 𝄞")),
        ])
    }

    #[test]
    fn pretty_and_compact_json_lay_out_text_as_serde_jsons_own_printers_do() {
        let value = nested();
        assert_eq!(
            to_pretty_json(value.cli_json()),
            serde_json::to_string_pretty(&value.cli_json()).unwrap()
        );
        assert_eq!(
            to_compact_json(value.cli_json()),
            serde_json::to_string(&value.cli_json()).unwrap()
        );
    }

    #[test]
    fn python_json_uses_json_dumps_separators_and_ascii_escapes() {
        // What Python 3's json.dumps writes for the same value.
        let expected = r#"{"Tags": [{"Key": "env", "Value": "pr\"od\n"}, {}], "Empty": [], "Nested": [[-1, true], []], "Name": "caf\u00e9 \u2615 \ud834\udd1e"}"#;
        assert_eq!(to_python_json(nested().wire_json()), expected);
        let floats =
            Value::List(vec![Value::Float(1.0), Value::Float(1e16), Value::Float(0.00001)]);
        assert_eq!(to_python_json(floats.wire_json()), "[1.0, 1e+16, 1e-05]");
        assert_eq!(to_compact_json(floats.cli_json()), "[1.0,1e+16,1e-05]");
        assert_eq!(to_pretty_json(floats.cli_json()), "[\n  1.0,\n  1e+16,\n  1e-05\n]");
    }

    #[test]
    fn floats_are_spelled_as_python_repr_spells_them() {
        let table = [
            (1.5, "1.5"),
            (1.0, "1.0"),
            (-0.0, "-0.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e+16"),
            (1.2345e20, "1.2345e+20"),
            (123.456, "123.456"),
            (0.1 + 0.2, "0.30000000000000004"),
            (f64::INFINITY, "Infinity"),
        ];
        for (value, expected) in table {
            assert_eq!(python_float(value), expected, "{value}");
        }
    }

    #[test]
    fn base64_pads_like_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64("é".as_bytes()), "w6k=");
    }
}
