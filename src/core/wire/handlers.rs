//! botocore's request handlers that are not REST-specific (`botocore/handlers.py` and what
//! the client registers), as tables keyed by the CLI's service name and the operation: member
//! rewrites before the serializer, headers added after it, and warnings where the page cannot
//! do what a handler does (it needs the user's credentials or another call first). Rewrites
//! apply to the typed request before any protocol renders it, so out-body, out-http, curl and
//! Send carry them, while out-cli keeps the form as typed: the AWS CLI runs the same handlers
//! itself. REST-only handlers live in `rest::customize`; docs/handlers.md lists them all.

use super::WireRequest;
use crate::core::model::Operation;
use crate::core::request::value::{base64, Value};
use std::borrow::Cow;

/// How a `before-parameter-build` (or `before-call`) handler rewrites a top-level member.
#[derive(Clone, Copy)]
enum Rewrite {
    /// `base64_encode_user_data`: the text's UTF-8 bytes, base64-encoded.
    Base64,
    /// `sse_md5` / `copy_source_sse_md5`: an SSE-C key travels base64-encoded with the
    /// base64 MD5 of its bytes in the named member, unless that member is set (then the key
    /// stays as typed).
    SseKey(&'static str),
    /// `_handle_request_validation_mode_member`: this value when the member is unset
    /// (`response_checksum_validation` at its default, `when_supported`).
    Default(&'static str),
}

/// Registrations as botocore 1.44.8 has them (`RequestSpotInstances`' user data, for one, is
/// not encoded by botocore and stays as typed). RDS's `inject_presigned_url_rds` has nothing
/// to do here: it acts on `SourceRegion`, which the page's models leave out (`modelc`).
const REWRITES: &[(&str, &str, &str, Rewrite)] = &[
    ("ec2", "RunInstances", "UserData", Rewrite::Base64),
    ("autoscaling", "CreateLaunchConfiguration", "UserData", Rewrite::Base64),
    ("s3api", "HeadObject", "SSECustomerKey", Rewrite::SseKey("SSECustomerKeyMD5")),
    ("s3api", "GetObject", "SSECustomerKey", Rewrite::SseKey("SSECustomerKeyMD5")),
    ("s3api", "PutObject", "SSECustomerKey", Rewrite::SseKey("SSECustomerKeyMD5")),
    ("s3api", "CopyObject", "SSECustomerKey", Rewrite::SseKey("SSECustomerKeyMD5")),
    ("s3api", "CreateMultipartUpload", "SSECustomerKey", Rewrite::SseKey("SSECustomerKeyMD5")),
    ("s3api", "UploadPart", "SSECustomerKey", Rewrite::SseKey("SSECustomerKeyMD5")),
    ("s3api", "UploadPartCopy", "SSECustomerKey", Rewrite::SseKey("SSECustomerKeyMD5")),
    ("s3api", "CompleteMultipartUpload", "SSECustomerKey", Rewrite::SseKey("SSECustomerKeyMD5")),
    ("s3api", "SelectObjectContent", "SSECustomerKey", Rewrite::SseKey("SSECustomerKeyMD5")),
    (
        "s3api",
        "CopyObject",
        "CopySourceSSECustomerKey",
        Rewrite::SseKey("CopySourceSSECustomerKeyMD5"),
    ),
    (
        "s3api",
        "UploadPartCopy",
        "CopySourceSSECustomerKey",
        Rewrite::SseKey("CopySourceSSECustomerKeyMD5"),
    ),
    ("s3api", "GetObject", "ChecksumMode", Rewrite::Default("ENABLED")),
    ("s3api", "GetObjectAnnotation", "ChecksumMode", Rewrite::Default("ENABLED")),
];

/// `inject_api_version_header_if_needed`: the endpoint-discovery operations carry the API
/// version in a header.
const HEADERS: &[(&str, &str, &str, &str)] = &[
    ("dynamodb", "DescribeEndpoints", "x-amz-api-version", "2012-08-10"),
    ("timestream-query", "DescribeEndpoints", "x-amz-api-version", "2018-11-01"),
    ("timestream-write", "DescribeEndpoints", "x-amz-api-version", "2018-11-01"),
];

/// Services whose every operation but `DescribeEndpoints` requires endpoint discovery, which
/// the client does with a call of its own before the request.
const DISCOVERED: &[&str] = &["timestream-query", "timestream-write"];

/// botocore's `maybe_compress_request`: cloudwatch `PutMetricData` bodies from 10 KiB on
/// (`request_min_compression_size_bytes`, 10240 by default) travel gzip-compressed.
const COMPRESSED: &[(&str, &str, usize)] = &[("cloudwatch", "PutMetricData", 10_240)];

fn rewrites(op: &Operation) -> impl Iterator<Item = (&'static str, Rewrite)> + '_ {
    REWRITES.iter().filter(|r| r.0 == op.service && r.1 == op.name).map(|r| (r.2, r.3))
}

/// Whether a botocore handler rewrites `member` of `op` before the serializer (S3's `sse_md5`,
/// for one, runs for some operations only).
pub fn rewrites_member(op: &Operation, member: &str) -> bool {
    rewrites(op).any(|(name, _)| name == member)
}

/// The request as botocore's handlers leave it for the serializer.
pub(super) fn params<'v>(op: &Operation, request: &'v Value) -> Cow<'v, Value> {
    if rewrites(op).next().is_none() {
        return Cow::Borrowed(request);
    }
    let mut fields: Vec<_> = request
        .fields()
        .iter()
        .map(|(member, value)| {
            match (rewrites(op).find(|r| r.0 == member.name).map(|r| r.1), value) {
                (Some(Rewrite::Base64), Value::Str(text)) => {
                    (*member, Value::Str(base64(text.as_bytes())))
                }
                (Some(Rewrite::SseKey(md5)), Value::Str(text)) if request.field(md5).is_none() => {
                    (*member, Value::Str(base64(text.as_bytes())))
                }
                _ => (*member, value.clone()),
            }
        })
        .collect();
    // Members the handlers add, after the typed ones as botocore's dict has them.
    let member = |name: &str| op.members().iter().find(|m| m.name == name);
    for (name, rewrite) in rewrites(op) {
        match (rewrite, request.field(name)) {
            (Rewrite::Default(text), None) => {
                if let Some(member) = member(name) {
                    fields.push((member, Value::Str(text.to_string())));
                }
            }
            (Rewrite::SseKey(md5), Some(Value::Str(key))) if request.field(md5).is_none() => {
                if let Some(member) = member(md5) {
                    fields.push((member, Value::Str(base64(&super::md5::digest(key.as_bytes())))));
                }
            }
            _ => {}
        }
    }
    Cow::Owned(Value::Struct(fields))
}

/// The headers botocore's handlers add for this operation.
pub(super) fn headers(op: &Operation) -> impl Iterator<Item = (String, String)> + '_ {
    HEADERS
        .iter()
        .filter(|h| h.0 == op.service && h.1 == op.name)
        .map(|h| (h.2.to_string(), h.3.to_string()))
}

/// What the page says where a handler of the CLI changes the request in a way the page
/// cannot show: presigned URLs need the user's credentials, endpoint discovery a call of its
/// own, and compression gives bytes a text panel cannot hold.
pub fn warnings(op: &Operation, request: &Value, wire: &WireRequest) -> Vec<String> {
    let mut warnings = Vec::new();
    let set = |name: &str| request.field(name).is_some();
    if (op.service, op.name) == ("ec2", "CopySnapshot") && !set("PresignedUrl") {
        warnings.push("The AWS CLI adds PresignedUrl, this CopySnapshot presigned with your credentials for the source region, and DestinationRegion; the page cannot presign, so out-body, curl and Send go without them (set PresignedUrl yourself, or use the CLI)".to_string());
    }
    if DISCOVERED.contains(&op.service) && op.name != "DescribeEndpoints" {
        warnings.push(format!(
            "The AWS CLI first calls DescribeEndpoints and sends {} to the endpoint it answers; the page, curl and Send use {}",
            op.name, wire.host
        ));
    }
    let compressed = COMPRESSED.iter().find(|c| c.0 == op.service && c.1 == op.name);
    if compressed.is_some_and(|c| wire.body.len() >= c.2) {
        warnings.push("The AWS CLI sends a body of 10 KiB or more gzip-compressed (Content-Encoding: gzip); the page shows and sends it uncompressed, which the service accepts as well".to_string());
    }
    warnings
}
