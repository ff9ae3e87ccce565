//! ec2: awsQuery with EC2's naming, as botocore's `EC2Serializer` writes it: members by
//! `queryName` or capitalized `locationName`, every list `Key.N` (never `member`), and empty
//! lists left out.

use super::aws_query::form_body;
use super::{flat, Parts, WireProtocol, WireRequest, SIGV4_NOTE};
use crate::core::model::{Operation, Protocol};
use crate::core::value::Value;

/// botocore's `EC2Serializer`.
pub struct Ec2;

impl WireProtocol for Ec2 {
    fn parts(&self, op: &Operation, request: &Value, _region: &str) -> Parts {
        let version = match op.protocol {
            Protocol::Ec2 { api_version } => api_version,
            _ => "",
        };
        Parts {
            query: String::new(),
            body: form_body(op.name, version, request, &flat::EC2),
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
