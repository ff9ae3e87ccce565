//! Alibaba Cloud ROA ("RESTful") requests, as the products' SDKs send them through the common
//! OpenAPI client: the method and path template from the operation's `http`, each path label
//! percent-encoded (RFC 3986), query and header members by their wire name (`location_name`),
//! flattened as RPC parameters are (`Tag.1.Key`) or written as one JSON text or comma list where
//! the SDK does, and the other members as one compact JSON object (`json.dumps` with
//! `separators=(",", ":")`, non-ASCII kept), or as a form for the operations whose SDK method
//! posts one. A payload member (`http.payload`) is the whole body. What the SDK sends when no
//! member sets it (`RpcWire::unset`) is added.

use super::{aliyun_rpc, encoding, flat, Parts, WireProtocol, WireRequest};
use crate::core::model::{Location, Member, Operation, Protocol, ValueStyle};
use crate::core::request::value::{to_compact_json, Value};

/// Alibaba Cloud's ROA style.
pub struct AliyunRoa;

/// A value as compact JSON, as the SDK's models write it (`aliyun_rpc::sdk_json`).
fn json(value: &Value, member: &Member) -> String {
    to_compact_json(aliyun_rpc::sdk_json(value, member.kind).cli_json())
}

/// A path label's text: strings as they are, the rest as flattening writes them.
fn label(value: &Value, member: &Member) -> String {
    match value {
        Value::Str(text) => text.clone(),
        other => {
            let mut pairs = Vec::new();
            flat::flatten("", member, other, &flat::ALIYUN_RPC, &mut pairs);
            pairs.into_iter().map(|(_, v)| v).collect::<Vec<_>>().join(",")
        }
    }
}

/// A ROA request before the protocol's own headers: what the `aliyun` command writes too.
pub struct RoaRequest {
    /// The method.
    pub method: &'static str,
    /// The path, labels filled and encoded.
    pub path: String,
    /// The query parameters, decoded, in the SDK's order.
    pub query: Vec<(String, String)>,
    /// The headers that members set.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: String,
    /// The body's content type (empty: no body).
    pub content_type: &'static str,
}

/// The request for `op`, as its SDK sends it.
pub fn roa_request(op: &Operation, request: &Value) -> RoaRequest {
    let (method, mut path, payload_name) = match op.http {
        Some(http) => (http.method, http.request_uri.to_string(), http.payload),
        None => ("POST", "/".to_string(), None),
    };
    let (mut query, mut headers) = (Vec::new(), Vec::new());
    let mut body: Vec<(String, String)> = Vec::new();
    let mut form: Vec<(String, String)> = Vec::new();
    let mut payload = None;
    for (member, value) in request.fields() {
        let key = member.location_name.unwrap_or(member.name);
        let style = op.rpc.placement(member.name).style;
        let write = |out: &mut Vec<(String, String)>| {
            aliyun_rpc::write_member(key, member, value, style, &flat::ALIYUN_RPC, out)
        };
        match member.location {
            // A template that is one label (Cloud Control's `{RequestPath}`) is the path
            // itself, which the SDK sends as given.
            Some(Location::Uri) if path == ["{", key, "}"].concat() => {
                path = label(value, member);
            }
            Some(Location::Uri) => {
                let text = encoding::rfc3986(&label(value, member));
                path = path.replace(&["{", key, "}"].concat(), &text);
            }
            Some(Location::Querystring) => write(&mut query),
            Some(Location::Header | Location::Headers) => write(&mut headers),
            _ if Some(member.name) == payload_name => payload = Some((*member, value)),
            _ if op.rpc.form_body => write(&mut form),
            // A member written as one text (JSON, a comma list) is a JSON string.
            _ if style != ValueStyle::Flat => {
                let mut texts = Vec::new();
                write(&mut texts);
                for (_, text) in texts {
                    body.push((key.to_string(), to_compact_json(Value::Str(text).cli_json())));
                }
            }
            _ => body.push((key.to_string(), json(value, member))),
        }
    }
    for (place, key, value) in op.rpc.unset {
        let text = || match crate::core::json::parse_json(value) {
            Ok(crate::core::json::Node::Str(text)) => text,
            _ => value.to_string(),
        };
        let out = match *place {
            "querystring" => &mut query,
            "header" => &mut headers,
            "body" => &mut body,
            _ => continue,
        };
        if !out.iter().any(|(k, _)| k == key) {
            let text = if *place == "body" { value.to_string() } else { text() };
            out.push((key.to_string(), text));
        }
    }
    let has_body_members = op.members().iter().any(|m| m.location.is_none());
    let (body, content_type) = if let Some((member, value)) = payload {
        let text = match value {
            Value::Str(text) => text.clone(),
            other => json(other, member),
        };
        (text, "application/json; charset=utf-8")
    } else if payload_name.is_some() {
        // The SDK passes the payload member as the whole body: none when it is unset, or
        // what it sends then (an older generation's `[]`).
        match op.rpc.unset.iter().find(|(place, _, _)| *place == "payload") {
            Some((_, _, value)) => (value.to_string(), "application/json; charset=utf-8"),
            None => (String::new(), ""),
        }
    } else if op.rpc.form_body {
        // The SDK's `to_form`: the flattened pairs sorted by key, form-encoded.
        aliyun_rpc::sort_form(&mut form);
        let content_type = if has_body_members { "application/x-www-form-urlencoded" } else { "" };
        (encoding::pairs(&form, encoding::form), content_type)
    } else if has_body_members || !body.is_empty() {
        let members: Vec<String> = body
            .iter()
            .map(|(key, text)| {
                [to_compact_json(Value::Str(key.clone()).cli_json()), text.clone()].join(":")
            })
            .collect();
        (["{", &members.join(","), "}"].concat(), "application/json; charset=utf-8")
    } else {
        (String::new(), "")
    };
    RoaRequest { method, path, query, headers, body, content_type }
}

impl WireProtocol for AliyunRoa {
    fn parts(&self, op: &Operation, request: &Value, _region: &str) -> Parts {
        let version = match op.protocol {
            Protocol::AliyunRoa { version } => version,
            _ => "",
        };
        let RoaRequest { method, path, query, mut headers, body, content_type } =
            roa_request(op, request);
        headers.push(("x-acs-action".to_string(), op.name.to_string()));
        headers.push(("x-acs-version".to_string(), version.to_string()));
        Parts {
            method,
            path,
            query: encoding::pairs(&query, encoding::rfc3986),
            body,
            content_type,
            headers,
        }
    }

    fn query_panel(&self, wire: &WireRequest) -> String {
        wire.query.clone()
    }

    fn signing_note(&self) -> &'static str {
        super::ACS3_SIGNING_NOTE
    }
}
