//! Wire requests: one renderer per protocol, each walking the typed request into a plain value.
//!
//! A `WireRequest` has no HTTP client types; the previews, the curl command and the proxy
//! envelope all derive from it. The renderers assume nothing about validity: they render
//! whatever the build step could type.

mod aliyun_rpc;
mod aws_json;
mod aws_query;
pub mod encoding;
pub mod flat;

use super::model::{Operation, Protocol};
use super::value::Value;

/// An unsigned HTTP request, ready to show, copy or hand to a signing proxy.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct WireRequest {
    /// `POST` for all four operations.
    pub method: &'static str,
    /// The endpoint host for the region.
    pub host: String,
    /// `/`.
    pub path: &'static str,
    /// The query string, already encoded, without `?` (empty when the body carries everything).
    pub query: String,
    /// Headers in sending order, `Host` first.
    pub headers: Vec<(String, String)>,
    /// The exact body.
    pub body: String,
}

impl WireRequest {
    /// `/path?query`, or just `/path` when there is no query.
    pub fn path_and_query(&self) -> String {
        if self.query.is_empty() { self.path.to_string() } else { format!("{}?{}", self.path, self.query) }
    }

    /// `https://host/path?query`.
    pub fn url(&self) -> String {
        format!("https://{}{}", self.host, self.path_and_query())
    }

    /// The whole request as HTTP/1.1 text: request line, headers, blank line, body.
    pub fn http_text(&self) -> String {
        let mut text = format!("{} {} HTTP/1.1\n", self.method, self.path_and_query());
        for (name, value) in &self.headers {
            text.push_str(&format!("{name}: {value}\n"));
        }
        text.push('\n');
        text.push_str(&self.body);
        text
    }
}

/// Renders the typed request of `op` for `region`.
pub fn render(op: &Operation, request: &Value, region: &str) -> WireRequest {
    let host = op.host(region);
    let (query, content_type, extra_headers, body) = match op.protocol {
        Protocol::AwsJson11 { target_prefix } => {
            let target = format!("{target_prefix}.{}", op.name);
            let headers = vec![("X-Amz-Target".to_string(), target)];
            (String::new(), "application/x-amz-json-1.1", headers, aws_json::body(request))
        }
        Protocol::AwsQuery { api_version } => {
            let body = aws_query::body(op.name, api_version, request);
            (String::new(), "application/x-www-form-urlencoded; charset=utf-8", vec![], body)
        }
        Protocol::AliyunRpc { version } => {
            let query = aliyun_rpc::query(op.name, version, region, request);
            let headers = vec![
                ("x-acs-action".to_string(), op.name.to_string()),
                ("x-acs-version".to_string(), version.to_string()),
            ];
            (query, "application/x-www-form-urlencoded", headers, String::new())
        }
    };
    let mut headers = vec![("Host".to_string(), host.clone())];
    headers.extend(extra_headers);
    headers.push(("Content-Type".to_string(), content_type.to_string()));
    headers.push(("Content-Length".to_string(), body.len().to_string()));
    WireRequest { method: "POST", host, path: "/", query, headers, body }
}

/// What a signer adds to the request, for the page to say without holding any secret.
pub fn signing_note(op: &Operation) -> &'static str {
    match op.protocol {
        Protocol::AwsJson11 { .. } | Protocol::AwsQuery { .. } => {
            "Signing (AWS SigV4) adds X-Amz-Date, X-Amz-Security-Token (temporary credentials) and Authorization."
        }
        Protocol::AliyunRpc { .. } => {
            "Signing (ACS3-HMAC-SHA256) adds x-acs-date, x-acs-signature-nonce, x-acs-content-sha256 and Authorization; \
             the older HMAC-SHA1 style adds AccessKeyId, SignatureMethod, SignatureVersion, SignatureNonce, Timestamp and Signature to the query."
        }
    }
}
