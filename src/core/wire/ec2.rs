//! ec2: awsQuery with EC2's naming, as botocore's `EC2Serializer` writes it: members by
//! `queryName` or capitalized `locationName`, every list `Key.N` (never `member`), and empty
//! lists left out (see `flat::EC2`).

use super::aws_query::{query_parts, AwsQuery};
use super::{flat, Parts, WireProtocol, WireRequest};
use crate::core::model::Operation;
use crate::core::request::value::Value;

/// botocore's `EC2Serializer`.
pub struct Ec2;

impl WireProtocol for Ec2 {
    fn parts(&self, op: &Operation, request: &Value, _region: &str) -> Parts {
        query_parts(op, request, &flat::EC2)
    }

    fn query_panel(&self, wire: &WireRequest) -> String {
        AwsQuery.query_panel(wire)
    }

    fn signing_note(&self) -> &'static str {
        AwsQuery.signing_note()
    }
}
