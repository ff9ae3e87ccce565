//! The HTTP binding shared by rest-json and rest-xml, as botocore's `BaseRestSerializer` does
//! it: each top-level member goes where its `location` says (a `{Label}` of the URI, the query
//! string, one header, a prefixed family of headers) and the rest to the body, which the two
//! protocol modules write in their own format.

pub(super) mod checksum;
pub(super) mod customize;

use super::encoding;
use crate::core::model::{Http, Kind, Location, Member, Operation};
use crate::core::request::timestamp;
use crate::core::request::value::{base64, python_float, to_python_json, Value};

/// A REST request split by location.
pub(super) struct Binding<'v> {
    /// The HTTP binding of the operation.
    pub http: &'static Http,
    /// The path, labels filled and encoded (without the template's own query).
    pub path: String,
    /// The query: the template's own part (`uploads`, `list-type=2`) then the members'.
    pub query: String,
    /// Header members, in request order, values as botocore converts them.
    pub headers: Vec<(String, String)>,
    /// The members without a location (the body when there is no payload member).
    pub body: Vec<(&'static Member, Value)>,
    /// The payload member and its value, when the operation names one.
    pub payload: Option<(&'static Member, Option<&'v Value>)>,
}

/// A whole REST request, before `render` adds `Host` and `Content-Length`.
pub(super) struct RestRequest {
    /// The method.
    pub method: &'static str,
    /// The path.
    pub path: String,
    /// The encoded query.
    pub query: String,
    /// Protocol and member headers.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: String,
    /// The content type (empty: none).
    pub content_type: &'static str,
}

impl RestRequest {
    /// The request from a binding and the protocol's body, with botocore's handlers applied.
    pub(super) fn new(
        op: &Operation,
        request: &Value,
        binding: Binding<'_>,
        body: String,
        content_type: &'static str,
    ) -> Self {
        let mut out = RestRequest {
            method: binding.http.method,
            path: binding.path,
            query: binding.query,
            headers: binding.headers,
            body,
            content_type,
        };
        customize::apply(op, request, &mut out);
        checksum::apply(op, request, &mut out);
        out
    }

    /// The protocol's parts of it.
    pub(super) fn parts(self) -> super::Parts {
        super::Parts {
            method: self.method,
            path: self.path,
            query: self.query,
            body: self.body,
            content_type: self.content_type,
            headers: self.headers,
        }
    }
}

/// Where the binding of an operation without `http` (never handed to the REST modules) points.
const NO_HTTP: Http = Http {
    method: "POST",
    request_uri: "/",
    payload: None,
    xml_root: None,
    xml_namespace: None,
    checksum_required: false,
    checksum_algorithm_member: None,
    last_segment: &[],
    streaming_output: false,
};

/// Splits `request` by location and renders the URI template.
pub(super) fn bind<'v>(op: &Operation, request: &'v Value) -> Binding<'v> {
    let http = op.http.unwrap_or(&NO_HTTP);
    let mut labels: Vec<(&str, String)> = Vec::new();
    let mut query: Vec<(String, String)> = Vec::new();
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut body = Vec::new();
    // Whether botocore's query dict gets a key (an empty list counts, an empty map does not).
    let mut query_set = false;
    for (member, value) in request.fields() {
        let name = member.location_name.unwrap_or(member.name);
        match member.location {
            Some(Location::Uri) => labels.push((name, scalar_text(value, "iso8601"))),
            Some(Location::Querystring) => {
                query_set |= !matches!(value, Value::Map(entries) if entries.is_empty());
                query_pairs(name, value, &mut query);
            }
            Some(Location::Header) => {
                if !matches!(value, Value::List(items) if items.is_empty()) {
                    headers.push((name.to_string(), header_text(member, value)));
                }
            }
            Some(Location::Headers) => {
                if let Value::Map(entries) = value {
                    headers.extend(
                        entries
                            .iter()
                            .map(|(k, v)| (format!("{name}{k}"), scalar_text(v, "iso8601"))),
                    );
                }
            }
            Some(Location::StatusCode) => {}
            None if Some(member.name) == http.payload => {}
            None => body.push((*member, value.clone())),
        }
    }
    let payload = http.payload.and_then(|name| {
        let member = op.members().iter().find(|m| m.name == name)?;
        Some((member, request.field(name)))
    });
    let (template_path, template_query) =
        http.request_uri.split_once('?').unwrap_or((http.request_uri, ""));
    let path = fill_labels(template_path, &labels);
    let members_query = encoding::pairs(&query, encoding::rfc3986);
    // botocore appends `&` and the encoded members whenever its query dict is not empty, even
    // when they encode to nothing.
    let query = match (template_query.is_empty(), query_set) {
        (true, _) => members_query,
        (false, false) => template_query.to_string(),
        (false, true) => format!("{template_query}&{members_query}"),
    };
    Binding { http, path, query, headers, body, payload }
}

/// `{Label}` percent-encoded as RFC 3986 unreserved; greedy `{Label+}` keeps `/` as well.
fn fill_labels(template: &str, labels: &[(&str, String)]) -> String {
    let mut path = template.to_string();
    for (name, text) in labels {
        path = path.replace(&format!("{{{name}}}"), &encoding::rfc3986(text));
        path = path.replace(&format!("{{{name}+}}"), &encoding::rfc3986(text).replace("%2F", "/"));
    }
    path
}

/// Query parameters of one member: a list repeats its key, a map gives one parameter per
/// entry (a list value repeats that key).
fn query_pairs(name: &str, value: &Value, out: &mut Vec<(String, String)>) {
    let set = |key: &str, text: String, out: &mut Vec<(String, String)>| {
        out.push((key.to_string(), text))
    };
    match value {
        Value::List(items) => {
            items.iter().for_each(|item| set(name, scalar_text(item, "iso8601"), out))
        }
        Value::Map(entries) => {
            for (key, value) in entries {
                // A key set twice keeps its first place and its last value, as a Python dict does.
                out.retain(|(k, _)| k != key);
                match value {
                    Value::List(items) => {
                        items.iter().for_each(|item| set(key, scalar_text(item, "iso8601"), out))
                    }
                    other => set(key, scalar_text(other, "iso8601"), out),
                }
            }
        }
        other => set(name, scalar_text(other, "iso8601"), out),
    }
}

/// A scalar as botocore writes it into a URI or query string (timestamps in `default_format`
/// unless the shape names one).
fn scalar_text(value: &Value, default_format: &str) -> String {
    match value {
        Value::Str(text) | Value::Blob(text) => text.clone(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => python_float(*f),
        Value::Bool(b) => b.to_string(),
        Value::Timestamp { epoch, format, .. } => {
            timestamp_text(*epoch, format.unwrap_or(default_format))
        }
        other => to_python_json(other.wire_json()),
    }
}

/// A timestamp in one of botocore's formats.
pub(super) fn timestamp_text(epoch: i64, format: &str) -> String {
    match format.to_ascii_lowercase().as_str() {
        "rfc822" => timestamp::format_rfc822(epoch),
        "unixtimestamp" => epoch.to_string(),
        _ => timestamp::format_iso(epoch),
    }
}

/// A header value as botocore's `_convert_header_value` writes it: timestamps RFC 7231, lists
/// joined by `,` (strings with `,` or `"` quoted), `jsonvalue` strings as base64 of their JSON.
fn header_text(member: &Member, value: &Value) -> String {
    match value {
        Value::List(items) => {
            let string_items = matches!(member.kind, Kind::List { item, .. } if matches!(item.kind, Kind::String(_) | Kind::Enum { .. }));
            let texts: Vec<String> = items
                .iter()
                .map(|item| match item {
                    Value::Str(text)
                        if string_items && (text.contains('"') || text.contains(',')) =>
                    {
                        format!("\"{}\"", text.replace('"', "\\\""))
                    }
                    other => scalar_text(other, "rfc822"),
                })
                .collect();
            texts.join(",")
        }
        Value::Str(_) if member.json_value => base64(compact_python_json(value).as_bytes()),
        other => scalar_text(other, "rfc822"),
    }
}

/// `json.dumps(value, separators=(',', ':'))`: Python's escaping without the spaces.
fn compact_python_json(value: &Value) -> String {
    // A string has no separators, so Python's default spelling is the compact one.
    to_python_json(value.wire_json())
}
