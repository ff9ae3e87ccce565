//! Who may make the proxy sign: checks on `Host`, `Origin` and the method, made before anything
//! is read from the body or signed.
//!
//! - `Host` must name the listen address (or a `--allow-host` name). A page whose DNS name
//!   rebinds to 127.0.0.1 is same-origin with the proxy, so CORS never stops it, but its
//!   requests carry its own name in `Host`.
//! - `Origin` must be one allowed page origin, sent once and readable; a request without one is
//!   refused unless `--allow-no-origin` (scripts, curl). `/health` needs no `Origin`.
//! - Only the methods the page sends are signed ([`SIGNED_METHODS`]).

use crate::config::Config;
use crate::forward::ProxyError;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use std::net::{IpAddr, SocketAddr};

/// The methods the proxy signs: those the page sends. RPC-style operations (awsJson, awsQuery,
/// Alibaba RPC) are POSTs; REST operations (rest-json, rest-xml) use the method their model
/// names, which is one of these (every `http.method` in botocore's models).
pub const SIGNED_METHODS: &[Method] =
    &[Method::POST, Method::GET, Method::PUT, Method::DELETE, Method::HEAD, Method::PATCH];

/// The path answered without an `Origin`.
pub const HEALTH: &str = "/health";

/// Whether `host` (a `Host` value or URI authority) names this proxy.
pub fn host_allowed(host: &str, listen: SocketAddr, allowed: &[String]) -> bool {
    let Ok(authority) = host.parse::<axum::http::uri::Authority>() else { return false };
    if authority.as_str() != host || host.contains('@') {
        return false;
    }
    let name = authority.host().to_ascii_lowercase();
    let port = authority.port_u16();
    let named = allowed.iter().any(|entry| {
        let entry = entry.to_ascii_lowercase();
        match entry.parse::<axum::http::uri::Authority>() {
            Ok(a) if a.port_u16().is_some() => a.host() == name && a.port_u16() == port,
            _ => entry == name,
        }
    });
    if named {
        return true;
    }
    // The listen address itself: an IP literal (which no DNS answer can rebind) or `localhost`
    // for a loopback listener, on the listen port (80 when the Host carries none).
    if port.unwrap_or(80) != listen.port() {
        return false;
    }
    let literal = name.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>().ok();
    let ip = listen.ip();
    match literal {
        Some(literal) => literal == ip || ip.is_unspecified(),
        None => name == "localhost" && (ip.is_loopback() || ip.is_unspecified()),
    }
}

/// Refuses a request whose `Host` (or absolute-form authority) does not name this proxy.
pub fn check_host(config: &Config, uri: &Uri, headers: &HeaderMap) -> Result<(), ProxyError> {
    let refuse = |what: String| {
        ProxyError(
            StatusCode::FORBIDDEN,
            format!("{what}: this proxy answers only requests addressed to {} (add names with --allow-host)", config.listen),
        )
    };
    let mut hosts = headers.get_all("host").iter();
    let host = match (hosts.next(), hosts.next()) {
        (Some(_), Some(_)) => return Err(refuse("the request has two Host headers".into())),
        (Some(value), None) => {
            value.to_str().map_err(|_| refuse("the Host header is not readable".into()))?
        }
        (None, _) => return Err(refuse("the request has no Host header".into())),
    };
    for name in std::iter::once(host).chain(uri.authority().map(|a| a.as_str())) {
        if !host_allowed(name, config.listen, &config.allowed_hosts) {
            return Err(refuse(format!("the Host {name:?} is not this proxy")));
        }
    }
    Ok(())
}

/// The request's one `Origin`, or why it cannot be used.
pub fn origin(headers: &HeaderMap) -> Result<Option<&str>, ProxyError> {
    let mut origins = headers.get_all("origin").iter();
    match (origins.next(), origins.next()) {
        (None, _) => Ok(None),
        (Some(_), Some(_)) => Err(ProxyError(
            StatusCode::BAD_REQUEST,
            "the request has more than one Origin header".into(),
        )),
        (Some(value), None) => value.to_str().map(Some).map_err(|_| {
            ProxyError(StatusCode::BAD_REQUEST, "the Origin header is not plain ASCII".into())
        }),
    }
}

/// Refuses requests from other page origins, without a usable `Origin`, or with a method the
/// proxy does not sign. Runs after CORS preflights are answered.
pub fn check_caller(
    config: &Config,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
) -> Result<(), ProxyError> {
    let origin = origin(headers)?;
    match origin {
        Some(origin) if !config.allowed_origins.iter().any(|o| o == origin) => {
            // Suggest allowing it only when it can be allowed (never `null` or `*`).
            let advice = match crate::config::check_origin(origin) {
                Ok(()) => format!("start the proxy with --allow-origin {origin}"),
                Err(_) => "serve the page from an http origin and start the proxy with --allow-origin naming it".to_string(),
            };
            return Err(ProxyError(
                StatusCode::FORBIDDEN,
                format!("the page origin {origin} is not allowed; {advice}"),
            ));
        }
        None if !config.allow_no_origin && uri.path() != HEALTH => {
            return Err(ProxyError(
                StatusCode::FORBIDDEN,
                "the request has no Origin header, so it does not come from an allowed page; start the proxy with --allow-no-origin to sign such requests".into(),
            ))
        }
        _ => {}
    }
    if uri.path() != HEALTH && !SIGNED_METHODS.contains(method) {
        let allowed = SIGNED_METHODS.iter().map(Method::as_str).collect::<Vec<_>>().join(", ");
        return Err(ProxyError(
            StatusCode::METHOD_NOT_ALLOWED,
            format!("this proxy signs only {allowed} requests, not {method}"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::host_allowed;
    use std::net::SocketAddr;

    #[test]
    fn host_names_the_listen_address_or_an_allowed_name() {
        let loopback: SocketAddr = "127.0.0.1:8787".parse().unwrap();
        let none: Vec<String> = Vec::new();
        for good in ["127.0.0.1:8787", "localhost:8787", "LOCALHOST:8787"] {
            assert!(host_allowed(good, loopback, &none), "{good}");
        }
        for bad in [
            "127.0.0.1:8788",
            "127.0.0.1",
            "evil.example:8787",
            "127.0.0.2:8787",
            "localhost.:8787",
            "[::1]:8787",
            "u@127.0.0.1:8787",
            "",
        ] {
            assert!(!host_allowed(bad, loopback, &none), "{bad}");
        }
        let named = vec!["proxy.internal".to_string(), "other.internal:9000".to_string()];
        assert!(host_allowed("proxy.internal", loopback, &named));
        assert!(host_allowed("proxy.internal:443", loopback, &named));
        assert!(host_allowed("other.internal:9000", loopback, &named));
        assert!(!host_allowed("other.internal:9001", loopback, &named));
        let any: SocketAddr = "0.0.0.0:80".parse().unwrap();
        assert!(host_allowed("192.168.1.5", any, &none));
        assert!(host_allowed("localhost", any, &none));
        assert!(!host_allowed("rebind.example", any, &none));
        let v6: SocketAddr = "[::1]:8787".parse().unwrap();
        assert!(host_allowed("[::1]:8787", v6, &none));
        assert!(!host_allowed("127.0.0.1:8787", v6, &none));
    }
}
