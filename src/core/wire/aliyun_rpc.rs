//! Alibaba Cloud RPC requests: common parameters (`Action`, `Version`, `Format`, `RegionId`)
//! then the business parameters, RFC 3986-encoded in the query, as Alibaba's SDKs send them.

use super::{encoding, flat, Parts, WireProtocol, WireRequest};
use crate::core::model::{Operation, Protocol};
use crate::core::value::Value;

/// Alibaba Cloud's RPC style.
pub struct AliyunRpc;

/// The query string without signature parameters.
pub fn query(action: &str, version: &str, region: &str, request: &Value) -> String {
    let mut pairs = vec![
        ("Action".to_string(), action.to_string()),
        ("Version".to_string(), version.to_string()),
        ("Format".to_string(), "JSON".to_string()),
        ("RegionId".to_string(), region.to_string()),
    ];
    pairs.extend(flat::flatten_request(request, &flat::ALIYUN_RPC));
    encoding::pairs(&pairs, encoding::rfc3986)
}

impl WireProtocol for AliyunRpc {
    fn parts(&self, op: &Operation, request: &Value, region: &str) -> Parts {
        let version = match op.protocol {
            Protocol::AliyunRpc { version } => version,
            _ => "",
        };
        Parts {
            query: query(op.name, version, region, request),
            body: String::new(),
            content_type: "application/x-www-form-urlencoded",
            headers: vec![
                ("x-acs-action".to_string(), op.name.to_string()),
                ("x-acs-version".to_string(), version.to_string()),
            ],
        }
    }

    fn query_panel(&self, wire: &WireRequest) -> String {
        wire.query.clone()
    }

    fn signing_note(&self) -> &'static str {
        "Signing (ACS3-HMAC-SHA256) adds x-acs-date, x-acs-signature-nonce, x-acs-content-sha256 and Authorization; \
         the older HMAC-SHA1 style adds AccessKeyId, SignatureMethod, SignatureVersion, SignatureNonce, Timestamp and Signature to the query."
    }
}
