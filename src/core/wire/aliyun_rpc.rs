//! Alibaba Cloud RPC requests: common parameters (`Action`, `Version`, `Format`, `RegionId`)
//! then the business parameters, RFC 3986-encoded in the query, as Alibaba's SDKs send them.

use super::{encoding, flat};
use crate::core::value::Value;

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
