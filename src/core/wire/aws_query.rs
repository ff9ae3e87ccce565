//! awsQuery bodies: `Action`, `Version`, then every member flattened to a dotted key.
//!
//! Keys follow botocore's `QuerySerializer`: `Struct.Member`, lists as `List.member.N` counted
//! from 1, an empty list as the bare key with an empty value, booleans as `true`/`false`,
//! timestamps as ISO 8601 in UTC.

use super::encoding;
use crate::core::timestamp;
use crate::core::value::Value;

/// The form-encoded body.
pub fn body(action: &str, version: &str, request: &Value) -> String {
    let mut pairs = vec![("Action".to_string(), action.to_string()), ("Version".to_string(), version.to_string())];
    for (name, value) in request.fields() {
        flatten(name, value, &mut pairs);
    }
    encoding::pairs(&pairs, encoding::form)
}

fn flatten(key: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Str(s) => out.push((key.to_string(), s.clone())),
        Value::Int(i) => out.push((key.to_string(), i.to_string())),
        Value::Bool(b) => out.push((key.to_string(), b.to_string())),
        Value::Timestamp { epoch, .. } => out.push((key.to_string(), timestamp::format_iso(*epoch))),
        // `Key=` : botocore sends an empty list as the bare key.
        Value::List(items) if items.is_empty() => out.push((key.to_string(), String::new())),
        // `Key.member.1.Field=...`
        Value::List(items) => {
            for (index, item) in items.iter().enumerate() {
                flatten(&format!("{key}.member.{}", index + 1), item, out);
            }
        }
        Value::Struct(fields) => {
            for (name, value) in fields {
                flatten(&format!("{key}.{name}"), value, out);
            }
        }
    }
}
