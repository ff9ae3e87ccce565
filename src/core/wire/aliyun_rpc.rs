//! Alibaba Cloud RPC requests: common parameters (`Action`, `Version`, `Format`, `RegionId`)
//! then the business parameters, RFC 3986-encoded in the query, as Alibaba's SDKs send them.
//! Repeated and nested parameters would flatten as `Name.N` and `Name.N.Field`.

use super::encoding;
use crate::core::timestamp;
use crate::core::value::Value;

/// The query string without signature parameters.
pub fn query(action: &str, version: &str, region: &str, request: &Value) -> String {
    let mut pairs = vec![
        ("Action".to_string(), action.to_string()),
        ("Version".to_string(), version.to_string()),
        ("Format".to_string(), "JSON".to_string()),
        ("RegionId".to_string(), region.to_string()),
    ];
    for (name, value) in request.fields() {
        flatten(name, value, &mut pairs);
    }
    encoding::pairs(&pairs, encoding::rfc3986)
}

fn flatten(key: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Str(s) => out.push((key.to_string(), s.clone())),
        Value::Int(i) => out.push((key.to_string(), i.to_string())),
        Value::Bool(b) => out.push((key.to_string(), b.to_string())),
        Value::Timestamp { epoch, .. } => out.push((key.to_string(), timestamp::format_iso(*epoch))),
        Value::List(items) => {
            for (index, item) in items.iter().enumerate() {
                flatten(&format!("{key}.{}", index + 1), item, out);
            }
        }
        Value::Struct(fields) => {
            for (name, value) in fields {
                flatten(&format!("{key}.{name}"), value, out);
            }
        }
    }
}
