//! botocore's `before-parameter-build` handlers that rewrite a member's value whatever the
//! protocol (`botocore/handlers.py`), kept as a table of (service, operation, member) and the
//! rewrite. They apply to the typed request before any protocol renders it, so out-body,
//! out-http, curl and Send carry the rewritten value, while out-cli keeps the text as typed:
//! the AWS CLI runs the same handler itself. REST-only handlers live in `rest::customize`.

use crate::core::model::Operation;
use crate::core::request::value::{base64, Value};
use std::borrow::Cow;

/// How a handler rewrites a value.
#[derive(Clone, Copy)]
enum Rewrite {
    /// `base64_encode_user_data`: the text's UTF-8 bytes, base64-encoded.
    Base64,
}

/// One registration: the CLI's service name, the operation, the top-level member and the
/// rewrite. Only those that botocore 1.44.8 registers (`RequestSpotInstances`' user data, for
/// one, is not encoded by botocore and stays as typed).
const HANDLERS: &[(&str, &str, &str, Rewrite)] = &[
    ("ec2", "RunInstances", "UserData", Rewrite::Base64),
    ("autoscaling", "CreateLaunchConfiguration", "UserData", Rewrite::Base64),
];

/// The request as botocore's handlers leave it for the serializer.
pub(super) fn params<'v>(op: &Operation, request: &'v Value) -> Cow<'v, Value> {
    let mine = |member: &str| {
        HANDLERS
            .iter()
            .find(|(s, o, m, _)| *s == op.service && *o == op.name && *m == member)
            .map(|h| h.3)
    };
    if !request.fields().iter().any(|(member, _)| mine(member.name).is_some()) {
        return Cow::Borrowed(request);
    }
    let fields = request
        .fields()
        .iter()
        .map(|(member, value)| match (mine(member.name), value) {
            (Some(Rewrite::Base64), Value::Str(text)) => {
                (*member, Value::Str(base64(text.as_bytes())))
            }
            _ => (*member, value.clone()),
        })
        .collect();
    Cow::Owned(Value::Struct(fields))
}
