//! The contract between the page and a signing proxy, and how the page words the answer.
//!
//! The page sends the unsigned request itself to `<proxy URL><path>?<query>`: same method,
//! body and protocol headers (`Content-Type`, `X-Amz-Target`, `x-acs-*`), plus four headers
//! naming the target, so that no proxy has to guess it from a `Host` the browser cannot set.
//! A plain single-target signing reverse proxy (aws-sigv4-proxy `--host ...` behind a CORS
//! layer) can ignore those four; the reference proxy (`proxy/`) checks them against its
//! allow-list. The answer is the service's response, passed through. A proxy's own failure
//! carries the header `x-proxy-error: true` and a JSON body `{"error": "<sentence>"}`.

use crate::core::json::{parse_json, Node};
use crate::core::model::Operation;
use crate::core::wire::WireRequest;

/// `aws` or `aliyun`.
pub const HEADER_CLOUD: &str = "x-proxy-cloud";
/// The signing name / product code: `dms`, `datasync`, `elasticache`, `smc`.
pub const HEADER_SERVICE: &str = "x-proxy-service";
/// The region to sign for.
pub const HEADER_REGION: &str = "x-proxy-region";
/// The official endpoint the request is for: `https://dms.us-east-1.amazonaws.com/`.
pub const HEADER_TARGET: &str = "x-proxy-target";
/// Set on answers that come from the proxy itself, not from the service.
pub const HEADER_PROXY_ERROR: &str = "x-proxy-error";

/// What the page sends to the proxy: URL, method, headers and body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProxyRequest {
    /// `<proxy base URL><path>?<query>`.
    pub url: String,
    /// The operation's method: `POST` for the RPC protocols, a REST operation's own otherwise.
    pub method: &'static str,
    /// Protocol headers and the target headers (never `Host` or `Content-Length`).
    pub headers: Vec<(String, String)>,
    /// The exact body.
    pub body: String,
}

/// Builds the request for a proxy at `proxy_url` (trailing `/` optional).
pub fn proxy_request(
    op: &Operation,
    wire: &WireRequest,
    region: &str,
    proxy_url: &str,
) -> ProxyRequest {
    let base = proxy_url.trim().trim_end_matches('/');
    let mut headers: Vec<(String, String)> = wire
        .headers
        .iter()
        .filter(|(name, _)| !matches!(name.as_str(), "Host" | "Content-Length"))
        .cloned()
        .collect();
    headers.push((HEADER_CLOUD.into(), op.cloud.slug().into()));
    headers.push((HEADER_SERVICE.into(), op.signing_name.into()));
    headers.push((HEADER_REGION.into(), region.into()));
    headers.push((HEADER_TARGET.into(), format!("https://{}/", wire.host)));
    // Alibaba Cloud RPC takes every operation as POST as well; the few that its SDKs send as GET
    // go to the proxy, which signs POST only, as POST with the same query.
    let method = if matches!(op.protocol, crate::core::model::Protocol::AliyunRpc { .. }) {
        "POST"
    } else {
        wire.method
    };
    ProxyRequest {
        url: format!("{base}{}", wire.path_and_query()),
        method,
        headers,
        body: wire.body.clone(),
    }
}

/// Checks a proxy URL typed by the user; returns why it cannot be used.
pub fn check_proxy_url(url: &str) -> Result<(), String> {
    let url = url.trim();
    if url.is_empty() {
        return Err("enter the signing proxy's URL, e.g. http://127.0.0.1:8787".into());
    }
    let rest = url.strip_prefix("http://").or_else(|| url.strip_prefix("https://"));
    match rest {
        Some(host) if !host.is_empty() && !host.starts_with('/') => Ok(()),
        _ => Err("the proxy URL must start with http:// or https:// and name a host".into()),
    }
}

/// The answer as `out-response` shows it: status line, headers, blank line, body (pretty when
/// it is JSON).
pub fn response_text(
    status: u16,
    reason: &str,
    headers: &[(String, String)],
    body: &str,
) -> String {
    let mut text = format!("{status} {reason}\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\n"));
    }
    text.push('\n');
    match parse_json(body) {
        Ok(json) if !body.trim().is_empty() => {
            text.push_str(&crate::core::request::value::node_to_pretty_json(&json))
        }
        _ => text.push_str(body),
    }
    text
}

/// One sentence for a non-2xx answer: the service's error code and message when the body has
/// them (awsJson `__type`/`message`, awsQuery and RPC XML `<Code>`/`<Message>`, RPC JSON
/// `Code`/`Message`), or the proxy's own error.
pub fn error_summary(status: u16, proxy_error: bool, body: &str) -> Option<String> {
    if (200..300).contains(&status) {
        return None;
    }
    if let Ok(Node::Map(fields)) = parse_json(body) {
        let text = |key: &str| match fields.iter().find(|(k, _)| k == key) {
            Some((_, Node::Str(text))) => Some(text.as_str()),
            _ => None,
        };
        if proxy_error {
            let message = text("error").unwrap_or(body);
            return Some(format!("The signing proxy refused the request: {message}"));
        }
        let code = text("__type").or(text("Code")).or(text("code"));
        let message = text("message").or(text("Message"));
        if let Some(code) = code {
            let code = code.rsplit('#').next().unwrap_or(code);
            return Some(format!(
                "The service answered {status} {code}: {}",
                message.unwrap_or("no message")
            ));
        }
    }
    let tag = |name: &str| {
        let open = format!("<{name}>");
        let start = body.find(&open)? + open.len();
        let end = body[start..].find(&format!("</{name}>"))? + start;
        Some(body[start..end].trim().to_string())
    };
    match (tag("Code"), tag("Message")) {
        (Some(code), message) => Some(format!(
            "The service answered {status} {code}: {}",
            message.unwrap_or_else(|| "no message".into())
        )),
        _ => Some(format!(
            "The service answered {status} without an error code; see the body below."
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_errors_are_summarized_in_one_sentence() {
        let cases = [
            (400, false, r#"{"__type":"com.amazonaws.dms#ResourceNotFoundFault","message":"Task not found"}"#, "400 ResourceNotFoundFault: Task not found"),
            (403, false, "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message></Error></ErrorResponse>", "403 SignatureDoesNotMatch: The request signature"),
            (400, false, r#"{"Code":"ReplicationJob.InvalidStatus","Message":"The specified replication job status is invalid."}"#, "400 ReplicationJob.InvalidStatus"),
            (403, true, r#"{"error":"https://evil/ is not an official dms endpoint"}"#, "The signing proxy refused the request: https://evil/"),
            (500, false, "oops", "500 without an error code"),
        ];
        for (status, proxy, body, expected) in cases {
            let summary = error_summary(status, proxy, body).unwrap();
            assert!(summary.contains(expected), "{summary}");
        }
        assert_eq!(error_summary(200, false, "{}"), None);
    }

    #[test]
    fn proxy_urls_are_checked() {
        assert!(check_proxy_url("http://127.0.0.1:8787").is_ok());
        assert!(check_proxy_url("https://proxy.internal/").is_ok());
        for bad in ["", "127.0.0.1:8787", "ftp://x", "http://"] {
            assert!(check_proxy_url(bad).is_err(), "{bad}");
        }
    }
}
