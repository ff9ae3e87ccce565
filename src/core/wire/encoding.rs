//! Percent-encoding sets and timestamp text shared by the renderers.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but the RFC 3986 unreserved characters `A-Z a-z 0-9 - _ . ~`.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// RFC 3986 encoding: space as `%20`, `*` as `%2A`, `~` kept (Alibaba RPC, SigV4).
pub fn rfc3986(text: &str) -> String {
    utf8_percent_encode(text, UNRESERVED).to_string()
}

/// Python's `urllib.parse.quote_plus`, which the AWS CLI uses for awsQuery bodies:
/// like RFC 3986 but space as `+`.
pub fn form(text: &str) -> String {
    // A literal `%` is encoded as `%25`, so every `%20` here came from a space.
    rfc3986(text).replace("%20", "+")
}

/// `key=value&key=value` with `encode` applied to both sides.
pub fn pairs(pairs: &[(String, String)], encode: fn(&str) -> String) -> String {
    pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&")
}
