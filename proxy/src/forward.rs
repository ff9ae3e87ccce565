//! One request through the proxy: check the target, read the body (bounded in size and time),
//! keep only the protocol headers, sign for the target's cloud, send upstream with a timeout,
//! and pass the answer back (bounded in size, see `--answer-limit`).

use crate::config::{AliyunSignature, Config};
use crate::log::Note;
use crate::{aliyun, aws, target};
use anyhow::Result;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use request_builder::core::send::{
    HEADER_CLOUD, HEADER_PROXY_ERROR, HEADER_REGION, HEADER_SERVICE, HEADER_TARGET,
};
use std::sync::Arc;
use std::time::{Instant, SystemTime};

/// Headers the page may pass on; everything else the browser sent stays here.
const FORWARDED: &[&str] = &["content-type", "x-amz-target", "x-acs-action", "x-acs-version"];
/// Standard headers that REST operations bind members to (S3's `Content-MD5`, `Range`, ...).
const REST_STANDARD: &[&str] = &[
    "accept",
    "cache-control",
    "content-disposition",
    "content-encoding",
    "content-language",
    "content-md5",
    "expires",
    "if-match",
    "if-modified-since",
    "if-none-match",
    "if-unmodified-since",
    "range",
];
/// `x-amz-` headers the signer sets itself, never taken from the caller.
const SIGNER_SET: &[&str] = &["x-amz-date", "x-amz-security-token", "x-amz-content-sha256"];

/// Whether a caller's header travels to an AWS service: the protocol headers, and for REST
/// operations their member headers (`x-amz-*` but the signer's own, and the standard ones
/// members bind to). `x-proxy-*`, `Origin`, cookies and the browser's headers never do.
fn forwarded_aws(name: &str) -> bool {
    FORWARDED.contains(&name)
        || REST_STANDARD.contains(&name)
        || (name.starts_with("x-amz-") && !SIGNER_SET.contains(&name))
}
/// `x-acs-` headers the Alibaba Cloud signer sets itself, never taken from the caller.
const ALIYUN_SIGNER_HEADERS: &[&str] = &[
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-content-sha256",
    "x-acs-security-token",
    "x-acs-accesskey-id",
    "x-acs-signature-method",
    "x-acs-signature-version",
];

/// Whether a caller's header travels to an Alibaba Cloud product: the protocol headers, and
/// for ROA operations their member headers (`x-acs-*` but the signer's own, Function Compute's
/// `x-fc-*`, and the standard ones members bind to, `If-Match`, `Accept-Language`).
fn forwarded_aliyun(name: &str) -> bool {
    FORWARDED.contains(&name)
        || REST_STANDARD.contains(&name)
        || name == "accept-language"
        || name.starts_with("x-fc-")
        || (name.starts_with("x-acs-") && !ALIYUN_SIGNER_HEADERS.contains(&name))
}

/// Upstream answer headers passed back to the page: those that describe the answer's body, the
/// request ids and error types the page shows, and the standard headers REST outputs bind
/// members to. Everything else stays here: cookies, authentication challenges, HSTS, CORS
/// headers (the proxy answers CORS itself), `Refresh`, and the connection's own headers.
const ANSWERED: &[&str] = &[
    "accept-ranges",
    "cache-control",
    "content-disposition",
    "content-encoding",
    "content-language",
    "content-md5",
    "content-range",
    "content-type",
    "date",
    "etag",
    "expires",
    "last-modified",
    "location",
    "retry-after",
];

/// Whether an upstream answer header goes back to the page: [`ANSWERED`], and the clouds' own
/// `x-amz-*` / `x-amzn-*` (request ids, error types, REST output members) and `x-acs-*`.
fn answered(name: &str) -> bool {
    ANSWERED.contains(&name)
        || name.starts_with("x-amz-")
        || name.starts_with("x-amzn-")
        || name.starts_with("x-acs-")
}

/// A failure of the proxy itself, answered as JSON with `x-proxy-error: true` (the documented
/// error form, used for every answer the proxy makes itself).
#[derive(Debug)]
pub struct ProxyError(pub StatusCode, pub String);

impl IntoResponse for ProxyError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.1 }).to_string();
        let mut response =
            (self.0, [(HEADER_PROXY_ERROR, "true"), ("content-type", "application/json")], body)
                .into_response();
        if self.0 == StatusCode::METHOD_NOT_ALLOWED {
            let allow = crate::guard::SIGNED_METHODS
                .iter()
                .map(Method::as_str)
                .collect::<Vec<_>>()
                .join(", ");
            response
                .headers_mut()
                .insert("allow", allow.parse().expect("method names are header values"));
        }
        response.extensions_mut().insert(Note { upstream: None, error: Some(self.1) });
        response
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Result<&'a str, ProxyError> {
    headers.get(name).and_then(|v| v.to_str().ok()).filter(|v| !v.is_empty()).ok_or_else(|| {
        ProxyError(
            StatusCode::BAD_REQUEST,
            format!(
                "the {name} header is missing; send requests the way the request builder page does"
            ),
        )
    })
}

/// Reads the request body: at most `config.body_limit` bytes (413 beyond), within
/// `config.request_timeout` (408 after).
pub async fn read_body(
    config: &Config,
    headers: &HeaderMap,
    body: Body,
) -> Result<Bytes, ProxyError> {
    let limit = config.body_limit;
    let too_large = || {
        ProxyError(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is larger than {limit} bytes (--body-limit)"),
        )
    };
    let declared = headers
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    let read = async {
        let mut body = body;
        let mut bytes = Vec::new();
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|e| {
                ProxyError(
                    StatusCode::BAD_REQUEST,
                    format!("the request body broke off: {}", root_cause(&e)),
                )
            })?;
            if let Ok(data) = frame.into_data() {
                if bytes.len() + data.len() > limit {
                    return Err(too_large());
                }
                bytes.extend_from_slice(&data);
            }
        }
        Ok(Bytes::from(bytes))
    };
    tokio::time::timeout(config.request_timeout, read).await.unwrap_or_else(|_| {
        Err(ProxyError(
            StatusCode::REQUEST_TIMEOUT,
            format!(
                "the request body did not arrive within {} s (--request-timeout)",
                config.request_timeout.as_secs_f64()
            ),
        ))
    })
}

/// Refuses a path that the URL parser would rewrite before signing: a `.` or `..` segment in
/// any spelling (`%2e`, `.%2E`, ...) or a backslash (a separator in http URLs), so that
/// `DELETE /bucket/logs/../important` is never signed as `DELETE /bucket/important`.
pub fn check_path(path: &str) -> Result<(), ProxyError> {
    let dot = |segment: &str| {
        let segment = segment.to_ascii_lowercase().replace("%2e", ".");
        segment == "." || segment == ".."
    };
    if path.contains('\\') || path.split('/').any(dot) {
        return Err(ProxyError(
            StatusCode::BAD_REQUEST,
            format!("the path {path:?} has a `.` or `..` segment or a backslash, which would be rewritten before signing; send the path the operation names"),
        ));
    }
    Ok(())
}

/// Alibaba Cloud parameters the proxy signs itself, never taken from the caller.
const ALIYUN_SIGNER_SET: &[&str] = &[
    "AccessKeyId",
    "Signature",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "Timestamp",
    "SecurityToken",
];

/// Refuses an Alibaba Cloud request that names a parameter the proxy signs itself (in the query,
/// or in a form body, which RPC v1 signs too), or whose action or version (the `x-acs-action` /
/// `x-acs-version` headers, else the `Action` / `Version` query parameters, which go into those
/// headers under ACS3) is not plain printable ASCII.
pub fn check_aliyun(
    url: &url::Url,
    kept: &[(String, String)],
    body: &[u8],
) -> Result<(), ProxyError> {
    let query: Vec<(String, String)> =
        url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let form = kept
        .iter()
        .any(|(k, v)| k == "content-type" && v.starts_with("application/x-www-form-urlencoded"));
    let body_names: Vec<String> = if form {
        url::form_urlencoded::parse(body).map(|(k, _)| k.into_owned()).collect()
    } else {
        Vec::new()
    };
    let names = query.iter().map(|(k, _)| k.as_str()).chain(body_names.iter().map(String::as_str));
    for name in names {
        if let Some(own) = ALIYUN_SIGNER_SET.iter().find(|own| own.eq_ignore_ascii_case(name)) {
            return Err(ProxyError(
                StatusCode::BAD_REQUEST,
                format!("the request names the parameter {name:?}; the proxy signs {own} itself, so a caller may not send it"),
            ));
        }
    }
    for (name, header) in [("Action", "x-acs-action"), ("Version", "x-acs-version")] {
        let value = kept
            .iter()
            .find(|(k, _)| k == header)
            .map(|(_, v)| v.as_str())
            .or_else(|| query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()));
        if let Some(value) = value.filter(|v| !v.bytes().all(|b| b.is_ascii_graphic())) {
            return Err(ProxyError(
                StatusCode::BAD_REQUEST,
                format!("the {name} {value:?} is not plain ASCII letters, digits and punctuation"),
            ));
        }
    }
    Ok(())
}

/// Handles one proxied request (its `Host`, `Origin` and method are checked already).
pub async fn forward(
    config: &Config,
    client: &reqwest::Client,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ProxyError> {
    let started = Instant::now();
    let cloud = header(&headers, HEADER_CLOUD)?;
    let service = header(&headers, HEADER_SERVICE)?;
    let region = header(&headers, HEADER_REGION)?;
    let target = config
        .allow_list
        .check(cloud, service, region, header(&headers, HEADER_TARGET)?, &config.endpoints)
        .map_err(|m| ProxyError(StatusCode::FORBIDDEN, m))?;
    // The model says which methods the service's operations use (models without REST
    // operations: POST only).
    let methods = config.allow_list.methods(cloud, service);
    let allowed_here =
        methods.contains(&method.as_str()) || (methods.is_empty() && method == Method::POST);
    if !allowed_here {
        let allowed = if methods.is_empty() { "POST".to_string() } else { methods.join(", ") };
        let mut response = ProxyError(
            StatusCode::METHOD_NOT_ALLOWED,
            format!("this proxy signs only {allowed} requests for {service}, not {method}"),
        )
        .into_response();
        response
            .headers_mut()
            .insert("allow", allowed.parse().expect("method names are header values"));
        return Ok(response);
    }
    check_path(uri.path())?;
    let body = read_body(config, &headers, body).await?;
    let mut url = target.upstream.clone();
    url.set_path(uri.path());
    url.set_query(uri.query());
    // A header that travels must be readable: one the signer cannot read is refused, never
    // dropped (an x-amz-meta-* value would otherwise vanish from the stored object silently).
    let mut kept: Vec<(String, String)> = Vec::new();
    for (name, value) in &headers {
        let name = name.as_str();
        // Alibaba Cloud: the first of a repeated header, as before.
        let travels = if cloud == "aws" {
            forwarded_aws(name)
        } else {
            forwarded_aliyun(name) && !kept.iter().any(|(k, _)| k == name)
        };
        if !travels {
            continue;
        }
        let value = value.to_str().map_err(|_| {
            ProxyError(
                StatusCode::BAD_REQUEST,
                format!("the {name} header is not plain ASCII; encode non-ASCII text (for instance as RFC 2047 =?UTF-8?B?...?=) before sending it"),
            )
        })?;
        kept.push((name.to_string(), value.to_string()));
    }
    if cloud != "aws" {
        check_aliyun(&url, &kept, &body)?;
    }
    let no_keys = |e: anyhow::Error| ProxyError(StatusCode::SERVICE_UNAVAILABLE, format!("{e:#}"));
    let signed = match cloud {
        "aws" => {
            let keys = aws_keys(config).await.map_err(no_keys)?;
            sign_aws(&keys, &method, &url, &kept, &body, &target)
        }
        _ => {
            let keys = aliyun_keys(config).await.map_err(no_keys)?;
            sign_aliyun(&keys, config.aliyun_signature, &method, &url, &kept, &body)
        }
    }
    .map_err(|e| ProxyError(StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}")))?;
    let host = signed.url.host_str().unwrap_or_default().to_string();
    let note = |error: ProxyError| {
        let mut response = error.into_response();
        if let Some(note) = response.extensions_mut().get_mut::<Note>() {
            note.upstream = Some(host.clone());
        }
        response
    };
    let timed_out = || {
        ProxyError(
            StatusCode::GATEWAY_TIMEOUT,
            format!("{host} did not answer within {} s (--timeout)", config.timeout.as_secs_f64()),
        )
    };
    let mut upstream =
        client.request(method.clone(), signed.url.as_str()).timeout(config.timeout).body(body);
    for (name, value) in &signed.headers {
        upstream = upstream.header(name, value);
    }
    let mut answer = match upstream.send().await {
        Ok(answer) => answer,
        Err(e) if e.is_timeout() => return Ok(note(timed_out())),
        Err(e) => {
            return Ok(note(ProxyError(
                StatusCode::BAD_GATEWAY,
                format!("cannot reach {host}: {}", root_cause(&e)),
            )))
        }
    };
    let status = answer.status();
    // A redirect is never passed on: the page would follow it with the browser, or show a
    // Location the proxy never checked. (304 Not Modified is not a redirect.)
    if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
        return Ok(note(ProxyError(
            StatusCode::BAD_GATEWAY,
            format!("{host} answered with a redirect ({status}); this proxy does not follow or pass on redirects (is the region or endpoint right?)"),
        )));
    }
    let limit = config.answer_limit;
    let too_large = || {
        ProxyError(
            StatusCode::BAD_GATEWAY,
            format!("the answer of {host} is larger than {limit} bytes (--answer-limit)"),
        )
    };
    if answer.content_length().is_some_and(|n| n > limit as u64) {
        return Ok(note(too_large()));
    }
    let mut bytes = Vec::new();
    loop {
        match answer.chunk().await {
            Ok(Some(chunk)) if bytes.len() + chunk.len() > limit => return Ok(note(too_large())),
            Ok(Some(chunk)) => bytes.extend_from_slice(&chunk),
            Ok(None) => break,
            Err(e) if e.is_timeout() => return Ok(note(timed_out())),
            Err(e) => {
                return Ok(note(ProxyError(
                    StatusCode::BAD_GATEWAY,
                    format!("the answer of {host} broke off: {}", root_cause(&e)),
                )))
            }
        }
    }
    let mut response = Response::builder().status(status.as_u16());
    for (name, value) in answer.headers() {
        if answered(name.as_str()) {
            response = response.header(name.as_str(), value.as_bytes());
        }
    }
    // A HEAD answer has no body, so its length is the upstream's header (the size of what a
    // GET would return), not that of the empty body here.
    if method == Method::HEAD {
        if let Some(length) = answer.headers().get("content-length") {
            response = response.header("content-length", length.as_bytes());
        }
    }
    response = response.header("x-proxy-took-ms", started.elapsed().as_millis().to_string());
    let mut response = response
        .body(Body::from(bytes))
        .map_err(|e| ProxyError(StatusCode::BAD_GATEWAY, e.to_string()))?;
    response.extensions_mut().insert(Note { upstream: Some(host), error: None });
    Ok(response)
}

/// The AWS keys to sign with: the fixed ones, else the chain's current ones.
async fn aws_keys(config: &Config) -> Result<Arc<aws::AwsKeys>> {
    match (&config.aws_keys, &config.aws_credentials) {
        (Some(keys), _) => Ok(Arc::new(keys.clone())),
        (None, Some(credentials)) => credentials.keys().await,
        (None, None) => Err(anyhow::anyhow!("no AWS credentials are configured in this proxy")),
    }
}

/// The Alibaba Cloud keys to sign with: the fixed ones, else the current ones of the source.
async fn aliyun_keys(config: &Config) -> Result<Arc<aliyun::AliyunKeys>> {
    match (&config.aliyun_keys, &config.aliyun_credentials) {
        (Some(keys), _) => Ok(Arc::new(keys.clone())),
        (None, Some(credentials)) => credentials.keys().await,
        (None, None) => {
            Err(anyhow::anyhow!("no Alibaba Cloud credentials are configured in this proxy"))
        }
    }
}

fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = error;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

/// Where to send and with which headers, after signing.
#[derive(Debug)]
pub struct Signed {
    /// The upstream URL, with the signed query.
    pub url: url::Url,
    /// The headers to add.
    pub headers: Vec<(String, String)>,
}

fn authority(url: &url::Url) -> String {
    match url.port() {
        Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_string(),
    }
}

fn sign_aws(
    keys: &aws::AwsKeys,
    method: &Method,
    url: &url::Url,
    kept: &[(String, String)],
    body: &[u8],
    target: &target::Target,
) -> Result<Signed> {
    let mut request = http::Request::builder()
        .method(method.as_str())
        .uri(url.as_str())
        .header("host", authority(url));
    for (name, value) in kept {
        request = request.header(name, value);
    }
    let mut request = request.body(body.to_vec())?;
    aws::sign_request(&mut request, keys, &target.service, &target.region, SystemTime::now())?;
    let headers = request
        .headers()
        .iter()
        .filter(|(name, _)| name.as_str() != "host")
        .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or_default().to_string()))
        .collect();
    Ok(Signed { url: url.clone(), headers })
}

fn sign_aliyun(
    keys: &aliyun::AliyunKeys,
    style: AliyunSignature,
    method: &Method,
    url: &url::Url,
    kept: &[(String, String)],
    body: &[u8],
) -> Result<Signed> {
    let now = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH)?;
    let date = request_builder::core::request::timestamp::format_iso(now.as_secs() as i64);
    Ok(sign_aliyun_at(keys, style, method.as_str(), url, kept, body, &date, &nonce(now.as_nanos())))
}

/// Signs an Alibaba Cloud RPC request of any product for a fixed date and nonce (the signing
/// tests call this with the SDKs' own). The action and version are the page's `x-acs-action` /
/// `x-acs-version` headers, else its `Action` / `Version` query parameters; under ACS3 those
/// query parameters are dropped (unless they are the operation's own members, whose values
/// differ). A form body's parameters are signed too under RPC v1, as the SDKs sign them.
#[allow(clippy::too_many_arguments)]
pub fn sign_aliyun_at(
    keys: &aliyun::AliyunKeys,
    style: AliyunSignature,
    method: &str,
    url: &url::Url,
    kept: &[(String, String)],
    body: &[u8],
    date: &str,
    nonce: &str,
) -> Signed {
    let query: Vec<(String, String)> =
        url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let find = |name: &str, header: &str| {
        kept.iter()
            .find(|(k, _)| k == header)
            .map(|(_, v)| v.clone())
            .or_else(|| query.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
            .unwrap_or_default()
    };
    let (action, version) = (find("Action", "x-acs-action"), find("Version", "x-acs-version"));
    // A ROA request (any path but `/`) has no older signature: ACS3 whatever the setting.
    let style = if url.path() == "/" { style } else { AliyunSignature::Acs3 };
    match style {
        AliyunSignature::Acs3 => {
            // Action and Version travel in x-acs-action / x-acs-version under ACS3.
            let rest: Vec<(String, String)> = query
                .into_iter()
                .filter(|(k, v)| {
                    !((k == "Action" && *v == action) || (k == "Version" && *v == version))
                })
                .collect();
            let mut url = url.clone();
            let encoded = rest
                .iter()
                .map(|(k, v)| format!("{}={}", aliyun::encode(k), aliyun::encode(v)))
                .collect::<Vec<_>>()
                .join("&");
            url.set_query(if encoded.is_empty() { None } else { Some(&encoded) });
            let mut headers: Vec<(String, String)> = vec![("host".into(), authority(&url))];
            headers.extend(aliyun::acs3_headers(&action, &version, body, date, nonce, keys));
            // Every header that travels is signed, as the SDKs sign every header they send
            // (a ROA operation's member headers too).
            headers.extend(
                kept.iter().filter(|(k, _)| k != "x-acs-action" && k != "x-acs-version").cloned(),
            );
            let authorization =
                aliyun::acs3_authorization(method, url.path(), &rest, &headers, body, keys);
            headers.retain(|(k, _)| k != "host");
            headers.push(("authorization".into(), authorization));
            Signed { url, headers }
        }
        AliyunSignature::RpcV1 => {
            let mut url = url.clone();
            let form = kept.iter().any(|(k, v)| {
                k == "content-type" && v.starts_with("application/x-www-form-urlencoded")
            });
            let body_params: Vec<(String, String)> = if form {
                url::form_urlencoded::parse(body)
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect()
            } else {
                Vec::new()
            };
            let signed =
                aliyun::rpc_v1_query_with_body(method, &query, &body_params, date, nonce, keys);
            url.set_query(Some(&signed));
            Signed {
                url,
                headers: kept.iter().filter(|(k, _)| k == "content-type").cloned().collect(),
            }
        }
    }
}

/// A unique nonce from the clock and a counter (no secret depends on it).
pub(crate) fn nonce(nanos: u128) -> String {
    use sha2::{Digest, Sha256};
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    hex::encode(&Sha256::digest(format!("{nanos}-{n}-{}", std::process::id()).as_bytes())[..16])
}
