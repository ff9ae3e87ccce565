//! The typed request: a value tree built from the form, in model order, and its JSON forms.
//!
//! Two JSON forms exist because the AWS CLI's input document and the awsJson1.1 wire body differ
//! in one place: a timestamp is the text the user typed in the former and whole epoch seconds
//! in the latter.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// A typed value, ready for any renderer.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A string or enum value, exactly as typed.
    Str(String),
    /// An integer or long.
    Int(i64),
    /// A boolean.
    Bool(bool),
    /// A timestamp: the text as typed and the epoch seconds it means.
    Timestamp {
        /// The text as typed.
        text: String,
        /// Whole seconds since 1970-01-01T00:00:00Z.
        epoch: i64,
    },
    /// A list, in order.
    List(Vec<Value>),
    /// A structure: set members in model order.
    Struct(Vec<(&'static str, Value)>),
}

impl Value {
    /// The members of a structure (empty for any other value).
    pub fn fields(&self) -> &[(&'static str, Value)] {
        match self {
            Value::Struct(fields) => fields,
            _ => &[],
        }
    }

    /// The member `name` of a structure.
    pub fn field(&self, name: &str) -> Option<&Value> {
        self.fields().iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// The JSON the AWS CLI's `--cli-input-json` takes (timestamps as typed).
    pub fn cli_json(&self) -> JsonForm<'_> {
        JsonForm { value: self, wire: false }
    }

    /// The JSON of an awsJson1.1 body (timestamps as epoch seconds).
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

impl Serialize for JsonForm<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let form = |value| JsonForm { value, wire: self.wire };
        match self.value {
            Value::Str(s) => serializer.serialize_str(s),
            Value::Int(i) => serializer.serialize_i64(*i),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Timestamp { epoch, .. } if self.wire => serializer.serialize_i64(*epoch),
            Value::Timestamp { text, .. } => serializer.serialize_str(text),
            Value::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&form(item))?;
                }
                seq.end()
            }
            Value::Struct(fields) => {
                let mut map = serializer.serialize_map(Some(fields.len()))?;
                for (name, value) in fields {
                    map.serialize_entry(name, &form(value))?;
                }
                map.end()
            }
        }
    }
}

/// Pretty JSON with two-space indents, as shown in `out-json`.
pub fn to_pretty_json(form: JsonForm<'_>) -> String {
    serde_json::to_string_pretty(&form).unwrap_or_default()
}

/// Compact JSON without spaces, for CLI arguments.
pub fn to_compact_json(form: JsonForm<'_>) -> String {
    serde_json::to_string(&form).unwrap_or_default()
}

/// JSON exactly as Python's `json.dumps` writes it with default options, which is how the AWS
/// CLI writes awsJson1.1 bodies: `", "` and `": "` separators, non-ASCII as `\uXXXX`.
pub fn to_python_json(form: JsonForm<'_>) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, PythonFormatter);
    match form.serialize(&mut ser) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// serde_json formatter matching Python's `json.dumps(obj)` defaults (`ensure_ascii=True`).
struct PythonFormatter;

impl serde_json::ser::Formatter for PythonFormatter {
    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if first { Ok(()) } else { w.write_all(b", ") }
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if first { Ok(()) } else { w.write_all(b", ") }
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, w: &mut W, fragment: &str) -> std::io::Result<()> {
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
