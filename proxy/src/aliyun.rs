//! Alibaba Cloud signatures: ACS3-HMAC-SHA256 (signature V3, headers) and the older RPC
//! HMAC-SHA1 (signature V2, query); where the keys come from is `aliyun_credentials`.
//! No crate implements these; the tests check both against Alibaba's own Python SDKs.

use base64::Engine;
use hmac::{Hmac, Mac};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use sha2::{Digest, Sha256};

/// Alibaba Cloud keys; `Debug` never shows the secret.
#[derive(Clone)]
pub struct AliyunKeys {
    /// AccessKey ID.
    pub access_key_id: String,
    /// AccessKey secret.
    pub access_key_secret: String,
    /// STS security token.
    pub security_token: Option<String>,
}

impl std::fmt::Debug for AliyunKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AliyunKeys({}, secret: ***)", self.access_key_id)
    }
}

const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// RFC 3986 percent-encoding, as Alibaba's signers use it.
pub fn encode(text: &str) -> String {
    utf8_percent_encode(text, UNRESERVED).to_string()
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

/// The `Authorization` value of ACS3-HMAC-SHA256 for a request.
/// `headers` are the headers to sign (names in any case); `query` pairs are decoded.
pub fn acs3_authorization(
    method: &str,
    path: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    body: &[u8],
    keys: &AliyunKeys,
) -> String {
    let mut sorted_query: Vec<&(String, String)> = query.iter().collect();
    sorted_query.sort_by(|a, b| a.0.cmp(&b.0));
    let canonical_query = sorted_query
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let mut canonical: Vec<(String, String)> =
        headers.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.trim().to_string())).collect();
    canonical.sort();
    let canonical_headers: String = canonical.iter().map(|(k, v)| format!("{k}:{v}\n")).collect();
    let signed_headers = canonical.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>().join(";");
    let payload = hex::encode(Sha256::digest(body));
    let canonical_request = format!(
        "{method}\n{path}\n{canonical_query}\n{canonical_headers}\n{signed_headers}\n{payload}"
    );
    let string_to_sign =
        format!("ACS3-HMAC-SHA256\n{}", hex::encode(Sha256::digest(canonical_request.as_bytes())));
    let signature =
        hex::encode(hmac_sha256(keys.access_key_secret.as_bytes(), string_to_sign.as_bytes()));
    format!(
        "ACS3-HMAC-SHA256 Credential={},SignedHeaders={signed_headers},Signature={signature}",
        keys.access_key_id
    )
}

/// The headers ACS3 adds to a request (besides `Authorization`), for a date and a nonce.
pub fn acs3_headers(
    action: &str,
    version: &str,
    body: &[u8],
    date: &str,
    nonce: &str,
    keys: &AliyunKeys,
) -> Vec<(String, String)> {
    let mut headers = vec![
        ("x-acs-action".to_string(), action.to_string()),
        ("x-acs-version".to_string(), version.to_string()),
        ("x-acs-date".to_string(), date.to_string()),
        ("x-acs-signature-nonce".to_string(), nonce.to_string()),
        ("x-acs-content-sha256".to_string(), hex::encode(Sha256::digest(body))),
    ];
    if let Some(token) = &keys.security_token {
        headers.push(("x-acs-security-token".to_string(), token.clone()));
    }
    headers
}

/// Signs RPC query parameters the older way (HMAC-SHA1): adds the common signature
/// parameters and `Signature`, and returns the full, encoded query string.
pub fn rpc_v1_query(
    method: &str,
    params: &[(String, String)],
    timestamp: &str,
    nonce: &str,
    keys: &AliyunKeys,
) -> String {
    rpc_v1_query_with_body(method, params, &[], timestamp, nonce, keys)
}

/// [`rpc_v1_query`] for a request that also carries parameters in a form body: the signature
/// covers the query and body parameters together (as the SDKs sign them), the returned query
/// holds only the query parameters.
pub fn rpc_v1_query_with_body(
    method: &str,
    params: &[(String, String)],
    body: &[(String, String)],
    timestamp: &str,
    nonce: &str,
    keys: &AliyunKeys,
) -> String {
    let mut all: Vec<(String, String)> = params.to_vec();
    let mut add = |k: &str, v: &str| all.push((k.to_string(), v.to_string()));
    add("AccessKeyId", &keys.access_key_id);
    add("SignatureMethod", "HMAC-SHA1");
    add("SignatureVersion", "1.0");
    add("SignatureNonce", nonce);
    add("Timestamp", timestamp);
    if let Some(token) = &keys.security_token {
        add("SecurityToken", token);
    }
    all.sort_by(|a, b| a.0.cmp(&b.0));
    let canonical = all
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let mut signed = all.clone();
    signed.extend(body.iter().cloned());
    let signature = rpc_v1_signature(method, &signed, &keys.access_key_secret);
    format!("{canonical}&Signature={}", encode(&signature))
}

/// The RPC HMAC-SHA1 signature of a complete parameter set (common parameters included).
pub fn rpc_v1_signature(method: &str, params: &[(String, String)], secret: &str) -> String {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let canonical = sorted
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let string_to_sign = format!("{method}&{}&{}", encode("/"), encode(&canonical));
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(format!("{secret}&").as_bytes())
        .expect("any key length");
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}
