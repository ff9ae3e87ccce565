//! awsQuery: a form-encoded body of `Action`, `Version`, then every member flattened as
//! botocore's `QuerySerializer` names them (`List.member.N`, `Map.entry.N.key`,
//! `locationName`s), encoded as the AWS CLI encodes them. `ec2` shares this body with its own
//! naming (`wire::ec2`).

use super::{encoding, flat, Parts, WireProtocol, WireRequest, SIGV4_NOTE};
use crate::core::model::{Operation, Protocol};
use crate::core::request::value::Value;

/// botocore's `QuerySerializer`.
pub struct AwsQuery;

/// The parts of a query-family request: the form body in `style`'s naming.
pub(super) fn query_parts(op: &Operation, request: &Value, style: &flat::FlatStyle) -> Parts {
    let version = match op.protocol {
        Protocol::AwsQuery { api_version } | Protocol::Ec2 { api_version } => api_version,
        _ => "",
    };
    let mut pairs = vec![
        ("Action".to_string(), op.name.to_string()),
        ("Version".to_string(), version.to_string()),
    ];
    pairs.extend(flat::flatten_request(request, style));
    Parts {
        method: "POST",
        path: "/".to_string(),
        query: String::new(),
        body: encoding::pairs(&pairs, encoding::form),
        content_type: "application/x-www-form-urlencoded; charset=utf-8",
        headers: Vec::new(),
    }
}

impl WireProtocol for AwsQuery {
    fn parts(&self, op: &Operation, request: &Value, _region: &str) -> Parts {
        query_parts(op, request, &flat::AWS_QUERY)
    }

    fn query_panel(&self, wire: &WireRequest) -> String {
        wire.body.clone()
    }

    fn signing_note(&self) -> &'static str {
        SIGV4_NOTE
    }
}
