//! Flattening a typed request into dotted `key=value` pairs, shared by the protocols and CLIs
//! that name nested members by path: awsQuery (`List.member.1.Field`), Alibaba RPC and the
//! aliyun CLI (`List.1.Field`).

use crate::core::timestamp;
use crate::core::value::Value;

/// How one flat format names list items and writes the values that differ between formats.
pub struct FlatStyle {
    /// The key of item `index` (0-based) of the list at `key`.
    pub item_key: fn(key: &str, index: usize) -> String,
    /// Whether an empty list is sent as the bare key with an empty value.
    pub empty_list_as_bare_key: bool,
    /// How a timestamp is written: from the text typed and its epoch seconds.
    pub timestamp: fn(text: &str, epoch: i64) -> String,
}

/// botocore's awsQuery: `Key.member.N` from 1, `Key=` for an empty list, ISO 8601 timestamps.
pub const AWS_QUERY: FlatStyle = FlatStyle {
    item_key: |key, index| format!("{key}.member.{}", index + 1),
    empty_list_as_bare_key: true,
    timestamp: |_, epoch| timestamp::format_iso(epoch),
};

/// Alibaba RPC: `Key.N` from 1, ISO 8601 timestamps.
pub const ALIYUN_RPC: FlatStyle = FlatStyle {
    item_key: |key, index| format!("{key}.{}", index + 1),
    empty_list_as_bare_key: false,
    timestamp: |_, epoch| timestamp::format_iso(epoch),
};

/// The aliyun CLI's flags: RPC names, timestamps as typed.
pub const ALIYUN_CLI: FlatStyle = FlatStyle { timestamp: |text, _| text.to_string(), ..ALIYUN_RPC };

/// Appends the pairs for `value` at `key`.
pub fn flatten(key: &str, value: &Value, style: &FlatStyle, out: &mut Vec<(String, String)>) {
    match value {
        Value::Str(s) => out.push((key.to_string(), s.clone())),
        Value::Int(i) => out.push((key.to_string(), i.to_string())),
        Value::Bool(b) => out.push((key.to_string(), b.to_string())),
        Value::Timestamp { text, epoch } => out.push((key.to_string(), (style.timestamp)(text, *epoch))),
        Value::List(items) if items.is_empty() && style.empty_list_as_bare_key => out.push((key.to_string(), String::new())),
        Value::List(items) => {
            for (index, item) in items.iter().enumerate() {
                flatten(&(style.item_key)(key, index), item, style, out);
            }
        }
        Value::Struct(fields) => {
            for (name, value) in fields {
                flatten(&format!("{key}.{name}"), value, style, out);
            }
        }
    }
}

/// The pairs for every member of a request structure.
pub fn flatten_request(request: &Value, style: &FlatStyle) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, value) in request.fields() {
        flatten(name, value, style, &mut out);
    }
    out
}
