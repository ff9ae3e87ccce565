//! awsQuery: a form-encoded body of `Action`, `Version`, then every member flattened as
//! botocore's `QuerySerializer` names them (`List.member.N`, `Map.entry.N.key`,
//! `locationName`s), encoded as the AWS CLI encodes them.

use super::{encoding, flat, Parts, WireProtocol, WireRequest, SIGV4_NOTE};
use crate::core::model::{Operation, Protocol};
use crate::core::value::Value;

/// botocore's `QuerySerializer`.
pub struct AwsQuery;

/// The form body for a query-style protocol.
pub(super) fn form_body(action: &str, version: &str, request: &Value, style: &flat::FlatStyle) -> String {
    let mut pairs = vec![("Action".to_string(), action.to_string()), ("Version".to_string(), version.to_string())];
    pairs.extend(flat::flatten_request(request, style));
    encoding::pairs(&pairs, encoding::form)
}

impl WireProtocol for AwsQuery {
    fn parts(&self, op: &Operation, request: &Value, _region: &str) -> Parts {
        let version = match op.protocol {
            Protocol::AwsQuery { api_version } => api_version,
            _ => "",
        };
        Parts {
            query: String::new(),
            body: form_body(op.name, version, request, &flat::AWS_QUERY),
            content_type: "application/x-www-form-urlencoded; charset=utf-8",
            headers: Vec::new(),
        }
    }

    fn query_panel(&self, wire: &WireRequest) -> String {
        wire.body.clone()
    }

    fn signing_note(&self) -> &'static str {
        SIGV4_NOTE
    }
}
