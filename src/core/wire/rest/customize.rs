//! botocore's handlers (`botocore/handlers.py`) that change a REST request after the
//! serializer, which the AWS CLI runs too, and S3's addressing as the CLI's endpoint rules
//! choose it by default: S3's default `encoding-type=url` on listings and
//! its escaping of line breaks in two XML bodies, API Gateway's `Accept` header, and
//! CloudSearch Domain's search sent as a form POST, S3's `Expect: 100-continue` for an upload
//! (its body becomes a file object), Glacier's API version header. Keyed by the CLI's service
//! name.

use super::RestRequest;
use crate::core::model::{Operation, Protocol};
use crate::core::request::value::Value;
use crate::core::wire::encoding;
use std::borrow::Cow;

/// The parameters as botocore's `before-parameter-build` handlers leave them: Route 53 IDs
/// reduced to their last path segment (`/hostedzone/Z1` is `Z1`), S3's `CopySource`
/// percent-encoded except `/` and a trailing `?versionId=`.
pub(in crate::core::wire) fn params<'v>(op: &Operation, request: &'v Value) -> Cow<'v, Value> {
    let last_segment = op.http.map_or(&[][..], |h| h.last_segment);
    let copy_source = op.service == "s3api" && matches!(op.name, "CopyObject" | "UploadPartCopy");
    if last_segment.is_empty() && !copy_source {
        return Cow::Borrowed(request);
    }
    let fields = request
        .fields()
        .iter()
        .map(|(member, value)| match value {
            Value::Str(text) if last_segment.contains(&member.name) => {
                (*member, Value::Str(text.rsplit('/').next().unwrap_or("").to_string()))
            }
            Value::Str(text) if copy_source && member.name == "CopySource" => {
                (*member, Value::Str(quote_source(text)))
            }
            other => (*member, other.clone()),
        })
        .collect();
    Cow::Owned(Value::Struct(fields))
}

/// `_quote_source_header`: a `?versionId=` suffix (no whitespace after it) stays as typed.
pub(in crate::core::wire) fn quote_source(text: &str) -> String {
    let version = text
        .rfind("?versionId=")
        .filter(|&at| !text[at..].chars().any(char::is_whitespace) && text.len() > at + 11);
    let (source, suffix) = version.map_or((text, ""), |at| text.split_at(at));
    format!("{}{suffix}", encoding::rfc3986(source).replace("%2F", "/"))
}

/// S3 addressing as the AWS CLI's endpoint rules choose it by default: a bucket that can be a
/// DNS label (lowercase letters, digits and hyphens, 3 to 63, not an IP address) moves from the
/// path into the host (`my-bucket.s3.amazonaws.com/key`); others stay path-style
/// (`s3.eu-west-1.amazonaws.com/my.dotted.bucket/key`). Access point ARNs and directory
/// buckets (`--x-s3`), which the rules send to hosts of their own, stay path-style here.
/// `GetBucketLocation` is always path-style (`customize_endpoint_resolver_builtins`: the
/// bucket's region is what the caller does not know yet).
pub(in crate::core::wire) fn s3_address(
    op: &Operation,
    request: &Value,
    host: &mut String,
    path: &mut String,
) {
    if op.service != "s3api" || op.name == "GetBucketLocation" {
        return;
    }
    let Some(Value::Str(bucket)) = request.field("Bucket") else { return };
    let labelled = op
        .members()
        .iter()
        .any(|m| m.name == "Bucket" && m.location == Some(crate::core::model::Location::Uri));
    let prefix = format!("/{}", encoding::rfc3986(bucket));
    let rest = path.strip_prefix(&prefix).filter(|rest| rest.is_empty() || rest.starts_with('/'));
    if let (true, true, Some(rest)) = (labelled, virtual_hostable(bucket), rest) {
        *path = if rest.is_empty() { "/".to_string() } else { rest.to_string() };
        *host = format!("{bucket}.{host}");
    }
}

/// The endpoint rules' `isVirtualHostableS3Bucket(Bucket, false)`.
fn virtual_hostable(bucket: &str) -> bool {
    let label = (3..=63).contains(&bucket.len())
        && bucket.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !bucket.starts_with('-')
        && !bucket.ends_with('-');
    label && !bucket.ends_with("--x-s3") && !bucket.ends_with("--xa-s3")
}

/// Applies the handlers that botocore registers for this operation.
pub(in crate::core::wire) fn apply(op: &Operation, request: &Value, out: &mut RestRequest) {
    match (op.service, op.name) {
        // set_list_objects_encoding_type_url: `EncodingType` defaults to `url`, added last.
        ("s3api", "ListObjects" | "ListObjectsV2" | "ListObjectVersions")
            if request.field("EncodingType").is_none() =>
        {
            if !out.query.is_empty() {
                out.query.push('&');
            }
            out.query.push_str("encoding-type=url");
        }
        // escape_xml_payload: CR and LF as character references over the whole document.
        ("s3api", "DeleteObjects" | "PutBucketLifecycleConfiguration") => {
            out.body = out.body.replace('\r', "&#xD;").replace('\n', "&#xA;");
        }
        // convert_body_to_file_like_object, then add_expect_header.
        ("s3api", "PutObject" | "UploadPart") if request.field("Body").is_some() => {
            out.headers.push(("Expect".to_string(), "100-continue".to_string()));
        }
        // add_glacier_version.
        ("glacier", _) => {
            if let Protocol::RestJson { api_version } = op.protocol {
                out.headers.push(("x-amz-glacier-version".to_string(), api_version.to_string()));
            }
        }
        // add_accept_header.
        ("apigateway", _) if !out.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("accept")) => {
            out.headers.push(("Accept".to_string(), "application/json".to_string()));
        }
        // change_get_to_post: a search with a query travels as a form body.
        ("cloudsearchdomain", "Search") if out.method == "GET" && !out.query.is_empty() => {
            out.method = "POST";
            out.body = std::mem::take(&mut out.query);
            out.content_type = "application/x-www-form-urlencoded";
        }
        _ => {}
    }
}
