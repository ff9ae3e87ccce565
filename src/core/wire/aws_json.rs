//! awsJson 1.0 / 1.1: the request as JSON, written exactly as the AWS CLI writes it (Python
//! `json.dumps`), `X-Amz-Target: <targetPrefix>.<Operation>`, and `x-amzn-query-mode` for
//! services that keep awsQuery compatibility.

use super::{Parts, WireProtocol, WireRequest, SIGV4_NOTE};
use crate::core::model::{Operation, Protocol};
use crate::core::request::value::{to_python_json, Value};

/// botocore's `JSONSerializer`.
pub struct AwsJson;

impl WireProtocol for AwsJson {
    fn parts(&self, op: &Operation, request: &Value, _region: &str) -> Parts {
        // The table hands only awsJson operations to this module.
        let (json_version, target_prefix, query_compatible) = match op.protocol {
            Protocol::AwsJson { json_version, target_prefix, query_compatible } => {
                (json_version, target_prefix, query_compatible)
            }
            _ => ("1.1", "", false),
        };
        let mut headers =
            vec![("X-Amz-Target".to_string(), format!("{target_prefix}.{}", op.name))];
        if query_compatible {
            headers.push(("x-amzn-query-mode".to_string(), "true".to_string()));
        }
        let content_type = match json_version {
            "1.0" => "application/x-amz-json-1.0",
            _ => "application/x-amz-json-1.1",
        };
        Parts {
            method: "POST",
            path: "/".to_string(),
            query: String::new(),
            body: to_python_json(request.wire_json()),
            content_type,
            headers,
        }
    }

    fn query_panel(&self, _wire: &WireRequest) -> String {
        String::new()
    }

    fn signing_note(&self) -> &'static str {
        SIGV4_NOTE
    }
}
