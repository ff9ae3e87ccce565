//! Wire requests: one module per protocol, picked from a table as botocore picks its
//! serializers, each owning its body, headers, content type, query panel and signing note.
//!
//! A `WireRequest` has no HTTP client types; the previews, the curl command and the proxy
//! envelope all derive from it. The renderers assume nothing about validity: they render
//! whatever the build step could type.

pub mod aliyun_roa;
pub mod aliyun_rpc;
mod aws_json;
mod aws_query;
mod ec2;
pub mod encoding;
pub mod flat;
pub mod handlers;
mod md5;
mod rest;
mod rest_json;
mod rest_xml;

use crate::core::model::{AwsCli, Operation, Protocol};
use crate::core::request::value::Value;
use std::sync::OnceLock;

/// An unsigned HTTP request, ready to show, copy or hand to a signing proxy.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct WireRequest {
    /// The HTTP method.
    pub method: &'static str,
    /// The endpoint host for the region, with the operation's host prefix.
    pub host: String,
    /// The path.
    pub path: String,
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
        if self.query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, self.query)
        }
    }

    /// `https://host/path?query`.
    pub fn url(&self) -> String {
        format!("https://{}{}", self.host, self.path_and_query())
    }

    /// The whole request as HTTP/1.1 text: request line, headers, blank line, body.
    // Out of line: a step of `core::outputs` (see there).
    #[inline(never)]
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

/// What one protocol contributes to a request.
pub struct Parts {
    /// The method (the RPC protocols `POST`, or the SDK's; REST ones from the model).
    pub method: &'static str,
    /// The path (`/` for the RPC protocols).
    pub path: String,
    /// The encoded query string (without `?`).
    pub query: String,
    /// The body.
    pub body: String,
    /// The `Content-Type`.
    pub content_type: &'static str,
    /// Protocol headers besides `Host`, `Content-Type` and `Content-Length`.
    pub headers: Vec<(String, String)>,
}

/// One wire protocol: how a typed request travels.
pub trait WireProtocol: Sync {
    /// The protocol's parts of the request, method and path included (serialized once).
    fn parts(&self, op: &Operation, request: &Value, region: &str) -> Parts;
    /// What `out-query` shows for a rendered request.
    fn query_panel(&self, wire: &WireRequest) -> String;
    /// What a signer adds to the request.
    fn signing_note(&self) -> &'static str;
}

/// The protocol module for an operation, as botocore's `SERIALIZERS` table picks one.
pub fn protocol(op: &Operation) -> &'static dyn WireProtocol {
    match op.protocol {
        Protocol::AwsJson { .. } => &aws_json::AwsJson,
        Protocol::AwsQuery { .. } => &aws_query::AwsQuery,
        Protocol::Ec2 { .. } => &ec2::Ec2,
        Protocol::AliyunRpc { .. } => &aliyun_rpc::AliyunRpc,
        Protocol::AliyunRoa { .. } => roa_writer(),
        Protocol::RestJson { .. } => &rest_json::RestJson,
        Protocol::RestXml { .. } => &rest_xml::RestXml,
    }
}

/// The ROA writer, once installed (`install_roa`). The page's own module never installs it,
/// so the linker leaves the writer out of the first transfer: a ROA operation's page shows a
/// slot that the later module fills with what the worker writes (`ui::roa`), and the worker
/// installs it. Native builds (tests, the model compiler) have it without installing.
static ROA_WRITER: OnceLock<&'static dyn WireProtocol> = OnceLock::new();

/// Installs the ROA wire writer; later calls are ignored.
pub fn install_roa() {
    let _ = ROA_WRITER.set(&aliyun_roa::AliyunRoa);
}

fn roa_writer() -> &'static dyn WireProtocol {
    ROA_WRITER.get().copied().unwrap_or(UNINSTALLED_ROA)
}

#[cfg(not(target_arch = "wasm32"))]
const UNINSTALLED_ROA: &dyn WireProtocol = &aliyun_roa::AliyunRoa;
#[cfg(target_arch = "wasm32")]
const UNINSTALLED_ROA: &dyn WireProtocol = &WrittenElsewhere;

/// What the page's module renders for a ROA operation without the writer: nothing of the
/// request (the later module's panels show the worker's), only the signing note.
#[cfg(target_arch = "wasm32")]
struct WrittenElsewhere;

#[cfg(target_arch = "wasm32")]
impl WireProtocol for WrittenElsewhere {
    fn parts(&self, _: &Operation, _: &Value, _: &str) -> Parts {
        Parts {
            method: "POST",
            path: "/".into(),
            query: String::new(),
            body: String::new(),
            content_type: "",
            headers: Vec::new(),
        }
    }

    fn query_panel(&self, _: &WireRequest) -> String {
        String::new()
    }

    fn signing_note(&self) -> &'static str {
        ACS3_SIGNING_NOTE
    }
}

/// What ACS3 signing adds (the ROA note, which the page shows without the writer).
pub const ACS3_SIGNING_NOTE: &str = "Signing (ACS3-HMAC-SHA256) adds x-acs-date, x-acs-signature-nonce, x-acs-content-sha256 and Authorization.";

/// The endpoint host with the operation's `hostPrefix` filled from the request's host labels.
pub fn host(op: &Operation, request: &Value, region: &str) -> String {
    let base = op.host(region);
    let Some(prefix) = op.host_prefix else { return base };
    let mut filled = prefix.to_string();
    for (member, value) in request.fields() {
        if member.host_label {
            if let Value::Str(text) = value {
                filled = filled.replace(&format!("{{{}}}", member.name), text);
            }
        }
    }
    format!("{filled}{base}")
}

/// S3's `CopySource` as botocore's `handle_copy_source_param` sends it: percent-encoded but
/// `/` and a `?versionId=` suffix. (The JavaScript SDK sends it as given, so its programs
/// pass this.)
pub fn s3_copy_source(text: &str) -> String {
    rest::customize::quote_source(text)
}

/// Renders the typed request of `op` for `region`, as the chosen AWS CLI sends it (their
/// default body checksums differ).
// Out of line: a step of `core::outputs` (see there).
#[inline(never)]
pub fn render(op: &Operation, request: &Value, region: &str, cli: AwsCli) -> WireRequest {
    let request = &*handlers::params(op, request);
    let mut host = host(op, request, region);
    let Parts { method, mut path, query, body, content_type, headers: mut protocol_headers } =
        protocol(op).parts(op, request, region);
    rest::checksum::for_cli(op, request, &mut protocol_headers, &body, cli);
    rest::customize::s3_address(op, request, &mut host, &mut path);
    let mut headers = vec![("Host".to_string(), host.clone())];
    headers.extend(protocol_headers);
    headers.extend(handlers::headers(op));
    // An empty content type: the protocol sends none (a raw REST payload, an empty body).
    if !content_type.is_empty() {
        headers.push(("Content-Type".to_string(), content_type.to_string()));
    }
    // As botocore prepares a REST request: no length for the methods that carry no body, nor
    // when a member already set one (S3's `ContentLength`). Alibaba's SDKs send one on their GETs.
    let has_length = headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("content-length"));
    let bodiless = op.http.is_some() && matches!(method, "GET" | "HEAD" | "OPTIONS");
    if !bodiless && !has_length {
        headers.push(("Content-Length".to_string(), body.len().to_string()));
    }
    WireRequest { method, host, path, query, headers, body }
}

/// What a signer adds to the request, for the page to say without holding any secret.
pub fn signing_note(op: &Operation) -> &'static str {
    protocol(op).signing_note()
}

/// The SigV4 note shared by the AWS protocols.
const SIGV4_NOTE: &str =
    "Signing (AWS SigV4) adds X-Amz-Date, X-Amz-Security-Token (temporary credentials) and Authorization.";
