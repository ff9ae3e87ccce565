//! rest-json: the HTTP binding of `wire::rest`, and a body written as botocore's
//! `RestJSONSerializer` writes it: a blob or string payload member as the whole body, a
//! structure payload or the body members as JSON (Python `json.dumps`), `{}` when the input has
//! body members but none is set, and `Content-Type: application/json` for a JSON body unless a
//! header member set one.

use super::rest::{bind, Binding, RestRequest};
use super::{Parts, WireProtocol, WireRequest, SIGV4_NOTE};
use crate::core::model::{Kind, Operation};
use crate::core::request::value::{to_python_json, Value};

/// botocore's `RestJSONSerializer`.
pub struct RestJson;

/// The body and whether it is JSON (a raw payload carries no content type).
fn body(op: &Operation, binding: &Binding<'_>) -> (String, bool) {
    if let Some((member, value)) = binding.payload {
        return match (member.kind, value) {
            (Kind::Blob { .. } | Kind::String(_) | Kind::Enum { .. }, value) => (raw(value), false),
            (Kind::Structure(_), Some(value)) => (to_python_json(value.wire_json()), true),
            // botocore files any other payload under the key `None`, which JSON spells "null".
            (_, Some(value)) => {
                (format!("{{\"null\": {}}}", to_python_json(value.wire_json())), true)
            }
            (_, None) => ("{}".to_string(), true),
        };
    }
    if !binding.body.is_empty() {
        return (to_python_json(Value::Struct(binding.body.clone()).wire_json()), true);
    }
    let has_body_members = op.members().iter().any(|m| m.location.is_none());
    if has_body_members {
        ("{}".to_string(), true)
    } else {
        (String::new(), false)
    }
}

/// A raw payload: the text of a string or blob, empty when unset.
pub(super) fn raw(value: Option<&Value>) -> String {
    match value {
        Some(Value::Str(text) | Value::Blob(text)) => text.clone(),
        _ => String::new(),
    }
}

/// The whole request.
fn request_of(op: &Operation, request: &Value) -> RestRequest {
    let request = &*super::rest::customize::params(op, request);
    let binding = bind(op, request);
    let (body, json) = body(op, &binding);
    let has_type = binding.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("content-type"));
    let content_type = if json && !body.is_empty() && !has_type { "application/json" } else { "" };
    RestRequest::new(op, request, binding, body, content_type)
}

impl WireProtocol for RestJson {
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
