//! One request through the proxy: check the target, keep only the protocol headers, sign for
//! the target's cloud, send upstream with a timeout, pass the answer back.

use crate::config::{AliyunSignature, Config};
use crate::{aliyun, aws, target};
use anyhow::Result;
use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use request_builder::core::send::{HEADER_CLOUD, HEADER_PROXY_ERROR, HEADER_REGION, HEADER_SERVICE, HEADER_TARGET};
use std::time::{Instant, SystemTime};

/// Headers the page may pass on; everything else the browser sent stays here.
const FORWARDED: &[&str] = &["content-type", "x-amz-target", "x-acs-action", "x-acs-version"];
/// Upstream answer headers that describe the connection, not the answer.
const HOP_BY_HOP: &[&str] = &["connection", "keep-alive", "transfer-encoding", "content-length", "set-cookie", "upgrade"];

/// A failure of the proxy itself, answered as JSON with `x-proxy-error: true`.
pub struct ProxyError(pub StatusCode, pub String);

impl IntoResponse for ProxyError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.1 }).to_string();
        (self.0, [(HEADER_PROXY_ERROR, "true"), ("content-type", "application/json")], body).into_response()
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Result<&'a str, ProxyError> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .ok_or_else(|| ProxyError(StatusCode::BAD_REQUEST, format!("the {name} header is missing; send requests the way the request builder page does")))
}

/// Handles one proxied request.
pub async fn forward(config: &Config, client: &reqwest::Client, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Result<Response, ProxyError> {
    let started = Instant::now();
    let cloud = header(&headers, HEADER_CLOUD)?;
    let service = header(&headers, HEADER_SERVICE)?;
    let region = header(&headers, HEADER_REGION)?;
    let target = target::check(cloud, service, region, header(&headers, HEADER_TARGET)?, &config.endpoints)
        .map_err(|m| ProxyError(StatusCode::FORBIDDEN, m))?;
    let mut url = target.upstream.clone();
    url.set_path(uri.path());
    url.set_query(uri.query());
    let kept: Vec<(String, String)> = FORWARDED
        .iter()
        .filter_map(|name| headers.get(*name).and_then(|v| v.to_str().ok()).map(|v| (name.to_string(), v.to_string())))
        .collect();
    let signed = match cloud {
        "aws" => config.aws_keys.clone().map_or_else(aws::load_keys, Ok).and_then(|keys| sign_aws(&keys, &method, &url, &kept, &body, &target)),
        _ => config
            .aliyun_keys
            .clone()
            .map_or_else(aliyun::load_keys, Ok)
            .and_then(|keys| sign_aliyun(&keys, config.aliyun_signature, &method, &url, &kept, &body)),
    }
    .map_err(|e| ProxyError(StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}")))?;
    let mut upstream = client.request(method.clone(), signed.url.as_str()).timeout(config.timeout).body(body.to_vec());
    for (name, value) in &signed.headers {
        upstream = upstream.header(name, value);
    }
    let answer = upstream.send().await.map_err(|e| {
        let host = signed.url.host_str().unwrap_or_default().to_string();
        if e.is_timeout() {
            ProxyError(StatusCode::GATEWAY_TIMEOUT, format!("{host} did not answer within {} s", config.timeout.as_secs()))
        } else {
            ProxyError(StatusCode::BAD_GATEWAY, format!("cannot reach {host}: {}", root_cause(&e)))
        }
    })?;
    let status = answer.status();
    let mut response = Response::builder().status(status.as_u16());
    for (name, value) in answer.headers() {
        if !HOP_BY_HOP.contains(&name.as_str()) {
            response = response.header(name.as_str(), value.as_bytes());
        }
    }
    let took = started.elapsed().as_millis();
    response = response.header("x-proxy-took-ms", took.to_string());
    let bytes = answer.bytes().await.map_err(|e| ProxyError(StatusCode::BAD_GATEWAY, format!("the answer broke off: {e}")))?;
    // One line per request; never a header value, so never a credential.
    eprintln!("{method} {cloud}/{service} {region} -> {} {} ({took} ms)", signed.url.host_str().unwrap_or_default(), status.as_u16());
    response.body(axum::body::Body::from(bytes)).map_err(|e| ProxyError(StatusCode::BAD_GATEWAY, e.to_string()))
}

fn root_cause(error: &dyn std::error::Error) -> String {
    let mut cause = error;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

/// Where to send and with which headers, after signing.
struct Signed {
    url: url::Url,
    headers: Vec<(String, String)>,
}

fn authority(url: &url::Url) -> String {
    match url.port() {
        Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_string(),
    }
}

fn sign_aws(keys: &aws::AwsKeys, method: &Method, url: &url::Url, kept: &[(String, String)], body: &[u8], target: &target::Target) -> Result<Signed> {
    let mut request = http::Request::builder().method(method.as_str()).uri(url.as_str()).header("host", authority(url));
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

fn sign_aliyun(keys: &aliyun::AliyunKeys, style: AliyunSignature, method: &Method, url: &url::Url, kept: &[(String, String)], body: &[u8]) -> Result<Signed> {
    let now = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH)?;
    let date = request_builder::core::timestamp::format_iso(now.as_secs() as i64);
    let nonce = nonce(now.as_nanos());
    let query: Vec<(String, String)> = url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let find = |name: &str| query.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    match style {
        AliyunSignature::Acs3 => {
            let (action, version) = (find("Action"), find("Version"));
            // Action and Version travel in x-acs-action / x-acs-version under ACS3.
            let rest: Vec<(String, String)> = query.into_iter().filter(|(k, _)| k != "Action" && k != "Version").collect();
            let mut url = url.clone();
            let encoded = rest.iter().map(|(k, v)| format!("{}={}", aliyun::encode(k), aliyun::encode(v))).collect::<Vec<_>>().join("&");
            url.set_query(if encoded.is_empty() { None } else { Some(&encoded) });
            let mut headers: Vec<(String, String)> = vec![("host".into(), authority(&url))];
            headers.extend(aliyun::acs3_headers(&action, &version, body, &date, &nonce, keys));
            headers.extend(kept.iter().filter(|(k, _)| k == "content-type").cloned());
            let authorization = aliyun::acs3_authorization(method.as_str(), url.path(), &rest, &headers, body, keys);
            headers.retain(|(k, _)| k != "host");
            headers.push(("authorization".into(), authorization));
            Ok(Signed { url, headers })
        }
        AliyunSignature::RpcV1 => {
            let mut url = url.clone();
            let signed = aliyun::rpc_v1_query(method.as_str(), &query, &date, &nonce, keys);
            url.set_query(Some(&signed));
            Ok(Signed { url, headers: kept.iter().filter(|(k, _)| k == "content-type").cloned().collect() })
        }
    }
}

/// A unique nonce from the clock and a counter (no secret depends on it).
fn nonce(nanos: u128) -> String {
    use sha2::{Digest, Sha256};
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    hex::encode(&Sha256::digest(format!("{nanos}-{n}-{}", std::process::id()).as_bytes())[..16])
}
