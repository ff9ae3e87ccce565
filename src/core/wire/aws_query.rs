//! awsQuery bodies: `Action`, `Version`, then every member flattened to a dotted key, encoded
//! as the AWS CLI encodes them (see `flat::AWS_QUERY` for the key rules).

use super::{encoding, flat};
use crate::core::value::Value;

/// The form-encoded body.
pub fn body(action: &str, version: &str, request: &Value) -> String {
    let mut pairs = vec![("Action".to_string(), action.to_string()), ("Version".to_string(), version.to_string())];
    pairs.extend(flat::flatten_request(request, &flat::AWS_QUERY));
    encoding::pairs(&pairs, encoding::form)
}
