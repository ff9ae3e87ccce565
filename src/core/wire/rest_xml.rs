//! rest-xml: the HTTP binding of `wire::rest`, and a body written as botocore's
//! `RestXMLSerializer` writes it through Python's ElementTree: a blob or string payload member
//! as the whole body, else one root element (the payload member's name, or the input's
//! `locationName`) with `xmlns` where the model declares one, members by `locationName`, lists
//! wrapped in `member` items unless flattened, maps as `entry`/`key`/`value`, `xmlAttribute`
//! members as attributes, empty elements as `<a />`. No XML declaration and no content type.

use super::rest::{bind, timestamp_text, RestRequest};
use super::rest_json::raw;
use super::{Parts, WireProtocol, WireRequest, SIGV4_NOTE};
use crate::core::model::{Kind, Member, Operation, XmlNamespace};
use crate::core::request::value::{base64, python_float, to_python_json, Value};

/// botocore's `RestXMLSerializer`.
pub struct RestXml;

/// The whole request: a raw payload, the payload structure, or the body members under the
/// input's root.
fn request_of(op: &Operation, request: &Value) -> RestRequest {
    let request = &*super::rest::customize::params(op, request);
    let binding = bind(op, request);
    let text = match binding.payload {
        Some((member, value))
            if matches!(member.kind, Kind::Blob { .. } | Kind::String(_) | Kind::Enum { .. }) =>
        {
            raw(value)
        }
        Some((member, Some(value))) => {
            let mut out = String::new();
            element(&mut out, member.location_name.unwrap_or(member.name), member, value);
            out
        }
        Some((_, None)) => String::new(),
        None if binding.body.is_empty() => String::new(),
        None => {
            let mut out = String::new();
            let root = binding.http.xml_root.unwrap_or(op.input.name);
            structure(&mut out, root, binding.http.xml_namespace, &binding.body);
            out
        }
    };
    RestRequest::new(op, request, binding, text, "")
}

/// One member's element(s) under the current one, named `name`.
fn element(out: &mut String, name: &str, member: &Member, value: &Value) {
    match (member.kind, value) {
        (Kind::Structure(_), Value::Struct(fields)) => {
            structure(out, name, member.xml_namespace, fields)
        }
        (Kind::List { item, flattened, .. }, Value::List(items)) => {
            if member.flattened || *flattened {
                items.iter().for_each(|v| element(out, name, item, v));
            } else {
                let item_name = item.location_name.unwrap_or("member");
                open(out, name, member.xml_namespace, &[], items.is_empty());
                items.iter().for_each(|v| element(out, item_name, item, v));
                close(out, name, items.is_empty());
            }
        }
        (Kind::Map { key, value: value_member, flattened, .. }, Value::Map(entries)) => {
            let (key_name, value_name) =
                (key.location_name.unwrap_or("key"), value_member.location_name.unwrap_or("value"));
            let flat = member.flattened || *flattened;
            if !flat {
                open(out, name, member.xml_namespace, &[], entries.is_empty());
            }
            for (k, v) in entries {
                let entry = if flat { name } else { "entry" };
                open(out, entry, None, &[], false);
                element(out, key_name, key, &Value::Str(k.clone()));
                element(out, value_name, value_member, v);
                close(out, entry, false);
            }
            if !flat {
                close(out, name, entries.is_empty());
            }
        }
        (_, scalar) => {
            let text = scalar_text(scalar);
            open(out, name, member.xml_namespace, &[], text.is_empty());
            out.push_str(&escape_text(&text));
            close(out, name, text.is_empty());
        }
    }
}

/// A structure element: its namespace, then its `xmlAttribute` members as attributes, then
/// the other members as children.
fn structure(
    out: &mut String,
    name: &str,
    namespace: Option<XmlNamespace>,
    fields: &[(&'static Member, Value)],
) {
    let attributes: Vec<(&str, String)> = fields
        .iter()
        .filter(|(m, _)| m.xml_attribute)
        .map(|(m, v)| (m.location_name.unwrap_or(m.name), scalar_text(v)))
        .collect();
    // ElementTree writes `<a />` when nothing came out under it (an empty flattened list).
    let mut children = String::new();
    for (member, value) in fields.iter().filter(|(m, _)| !m.xml_attribute) {
        element(&mut children, member.location_name.unwrap_or(member.name), member, value);
    }
    open(out, name, namespace, &attributes, children.is_empty());
    out.push_str(&children);
    close(out, name, children.is_empty());
}

/// `<name xmlns="…" a="…">`, or `<name … />` when the element stays empty.
fn open(
    out: &mut String,
    name: &str,
    namespace: Option<XmlNamespace>,
    attributes: &[(&str, String)],
    empty: bool,
) {
    out.push('<');
    out.push_str(name);
    if let Some(ns) = namespace {
        let key =
            if ns.prefix.is_empty() { "xmlns".to_string() } else { format!("xmlns:{}", ns.prefix) };
        out.push_str(&format!(" {key}=\"{}\"", escape_attribute(ns.uri)));
    }
    for (key, value) in attributes {
        out.push_str(&format!(" {key}=\"{}\"", escape_attribute(value)));
    }
    out.push_str(if empty { " />" } else { ">" });
}

fn close(out: &mut String, name: &str, empty: bool) {
    if !empty {
        out.push_str(&format!("</{name}>"));
    }
}

/// A scalar's text: booleans `true`/`false`, blobs base64, timestamps ISO 8601 unless the
/// shape names a format, floats as Python's `str`.
fn scalar_text(value: &Value) -> String {
    match value {
        Value::Str(text) => text.clone(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => python_float(*f),
        Value::Bool(b) => b.to_string(),
        Value::Blob(text) => base64(text.as_bytes()),
        Value::Timestamp { epoch, format, .. } => {
            timestamp_text(*epoch, format.unwrap_or("iso8601"))
        }
        other => to_python_json(other.wire_json()),
    }
}

/// ElementTree's text escaping: `&`, `<`, `>` only.
fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// ElementTree's attribute escaping: also `"`, CR, LF and TAB.
fn escape_attribute(text: &str) -> String {
    escape_text(text)
        .replace('"', "&quot;")
        .replace('\r', "&#13;")
        .replace('\n', "&#10;")
        .replace('\t', "&#09;")
}

impl WireProtocol for RestXml {
    fn parts(&self, op: &Operation, request: &Value, _region: &str) -> Parts {
        request_of(op, request).parts()
    }

    fn query_panel(&self, wire: &WireRequest) -> String {
        wire.query.clone()
    }

    fn signing_note(&self) -> &'static str {
        SIGV4_NOTE
    }
}
