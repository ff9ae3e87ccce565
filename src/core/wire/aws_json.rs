//! awsJson1.1 bodies: the request as JSON, timestamps as whole epoch seconds, written exactly
//! as the AWS CLI writes them (Python `json.dumps`).

use crate::core::value::{to_python_json, Value};

/// The body for a typed request.
pub fn body(request: &Value) -> String {
    to_python_json(request.wire_json())
}
