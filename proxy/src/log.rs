//! One log line per request, the proxy's own refusals included, on stderr:
//!
//! ```text
//! method=POST path=/ action=StartReplicationTask cloud=aws service=dms region=us-east-1 upstream=dms.us-east-1.amazonaws.com status=200 ms=41
//! method=GET path=/ action=DeleteCacheCluster cloud=aws service=elasticache region=us-east-1 status=403 ms=0 error="the Host \"rebind.example:8787\" is not this proxy: ..."
//! ```
//!
//! Every value the caller chose is escaped (`key="..."` with `\"`, `\\`, `\n`, `\u{..}` for
//! anything outside printable ASCII, cut at 200 characters), so no request can start a line or
//! a field of its own. Never a header other than the four target headers and the action name,
//! never a query or a body, so never a credential.

use axum::extract::Request;
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use request_builder::core::send::{HEADER_CLOUD, HEADER_REGION, HEADER_SERVICE};
use std::fmt::Write;
use std::time::Instant;

/// What the handler adds to the line: where the request went, or why it was refused.
#[derive(Clone, Debug, Default)]
pub struct Note {
    /// The upstream host the request was sent to.
    pub upstream: Option<String>,
    /// The proxy's own error sentence.
    pub error: Option<String>,
}

/// A log value: bare when it is a plain token, else quoted and escaped.
pub fn value(text: &str) -> String {
    const MAX: usize = 200;
    let cut: String = text.chars().take(MAX).collect();
    let plain =
        !cut.is_empty() && cut.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._/:".contains(&b));
    let mut out = if plain { cut } else { format!("\"{}\"", cut.escape_default()) };
    if text.chars().nth(MAX).is_some() {
        out.push_str("...");
    }
    out
}

fn header_text(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name).map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

/// The operation named by the request: `X-Amz-Target` after its dot, `x-acs-action`, or the
/// `Action` query parameter.
fn action(request: &Request) -> Option<String> {
    let headers = request.headers();
    if let Some(target) = header_text(headers, "x-amz-target") {
        return Some(target.rsplit('.').next().unwrap_or_default().to_string());
    }
    if let Some(action) = header_text(headers, "x-acs-action") {
        return Some(action);
    }
    url::form_urlencoded::parse(request.uri().query().unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "Action")
        .map(|(_, v)| v.into_owned())
}

/// The middleware that writes the line once the answer is ready.
pub async fn one_line_per_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let mut line =
        format!("method={} path={}", value(request.method().as_str()), value(request.uri().path()));
    if let Some(action) = action(&request) {
        let _ = write!(line, " action={}", value(&action));
    }
    for (key, name) in
        [("cloud", HEADER_CLOUD), ("service", HEADER_SERVICE), ("region", HEADER_REGION)]
    {
        if let Some(text) = header_text(request.headers(), name) {
            let _ = write!(line, " {key}={}", value(&text));
        }
    }
    let response = next.run(request).await;
    let note = response.extensions().get::<Note>().cloned().unwrap_or_default();
    if let Some(upstream) = &note.upstream {
        let _ = write!(line, " upstream={}", value(upstream));
    }
    let _ =
        write!(line, " status={} ms={}", response.status().as_u16(), started.elapsed().as_millis());
    if let Some(error) = &note.error {
        let _ = write!(line, " error={}", value(error));
    }
    write_line(&line);
    response
}

/// Writes one line to stderr in a single call, so lines from parallel requests never mix.
pub fn write_line(line: &str) {
    use std::io::Write as _;
    let mut text = String::with_capacity(line.len() + 1);
    text.push_str(line);
    text.push('\n');
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::value;

    #[test]
    fn values_are_bare_tokens_or_quoted_and_escaped() {
        assert_eq!(value("us-east-1"), "us-east-1");
        assert_eq!(value("cn-hangzhou status=200"), "\"cn-hangzhou status=200\"");
        assert_eq!(value("a\"b\\c\nd\u{1b}é"), "\"a\\\"b\\\\c\\nd\\u{1b}\\u{e9}\"");
        assert_eq!(value(""), "\"\"");
        assert_eq!(value(&"x".repeat(300)).len(), 203);
    }
}
