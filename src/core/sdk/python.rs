//! The boto3 program for an AWS request: `boto3.client("<botocore service>", region_name=...)`,
//! then the operation's method (botocore's `xform_name` of its name, `Operation::sdk_method`)
//! with the request's top-level members as keyword arguments, and `print(response)`.
//! Credentials come from boto3's default chain; the program never holds a key.
//!
//! What boto3 would send otherwise than the request shown is said in comments above the call:
//! an idempotency token boto3 fills in, AWS CLI v2's default checksum where the page shows
//! v2's request (boto3 computes v1's, CRC32), and the `aws-chunked` checksum trailer of a
//! streaming upload. A streaming upload's value is sent as the bytes it spells, as the HTTP
//! request shows it (the AWS CLI and curl read a file of that name instead); a comment says how
//! to send a file.

use super::pyliteral;
use crate::core::model::{AwsCli, Operation};
use crate::core::request::report::Report;
use crate::core::request::value::Value;
use crate::core::wire;

/// The comment on a streaming upload whose checksum boto3 sends in an `aws-chunked` trailer.
pub const TRAILER_NOTE: &str = "Over HTTPS boto3 sends this upload aws-chunked, with its checksum in a trailer, which the request shown leaves out.";

/// The program for a typed request in a region; `awscli` is the CLI version the page's own
/// request is shown for, `report` the form's issues (errors become comments).
pub fn program(
    op: &Operation,
    request: &Value,
    region: &str,
    awscli: AwsCli,
    report: &Report,
) -> String {
    let method = op.sdk_method();
    if method.is_empty() {
        return format!(
            "# boto3 cannot send {}: botocore {} takes the operation's method off its client.\n",
            op.name,
            env!("BOTOCORE_RELEASE")
        );
    }
    let mut out = String::new();
    if pyliteral::has_timestamp(request) {
        out.push_str("import datetime\n\n");
    }
    out.push_str("import boto3\n\n");
    out.push_str(&format!(
        "client = boto3.client({}, region_name={})\n",
        pyliteral::string(op.sdk_service),
        pyliteral::string(region)
    ));
    for note in notes(op, request, region, awscli, report) {
        out.push_str("# ");
        out.push_str(&note);
        out.push('\n');
    }
    let fields = request.fields();
    if fields.is_empty() {
        out.push_str(&format!("response = client.{method}()\n"));
    } else {
        out.push_str(&format!("response = client.{method}(\n"));
        for (member, value) in fields {
            let literal = pyliteral::value(value, 1);
            if pyliteral::is_identifier(member.name) {
                out.push_str(&format!("    {}={literal},\n", member.name));
            } else {
                out.push_str(&format!(
                    "    **{{{}: {literal}}},\n",
                    pyliteral::string(member.name)
                ));
            }
        }
        out.push_str(")\n");
    }
    out.push_str("print(response)\n");
    out
}

/// What the program would send otherwise than the request on the page, and the form's errors.
fn notes(
    op: &Operation,
    request: &Value,
    region: &str,
    awscli: AwsCli,
    report: &Report,
) -> Vec<String> {
    let mut notes = Vec::new();
    notes.extend(super::errors_note(report, "boto3"));
    for member in op.members() {
        if member.idempotency_token && request.field(member.name).is_none() {
            notes.push(format!(
                "boto3 sets {} to a random UUID (an idempotency token), which the request shown leaves out.",
                member.name
            ));
        }
    }
    if let (Some(upload), Some(http)) = (op.streaming_upload(), op.http) {
        if request.field(upload.name).is_some() {
            notes.push(format!(
                "{0} is sent as these bytes; to send a file, pass {0}=open(\"<path>\", \"rb\").",
                upload.name
            ));
        }
        let checksum_header = wire::render(op, request, region, AwsCli::V1)
            .headers
            .iter()
            .any(|(name, _)| name.to_ascii_lowercase().starts_with("x-amz-checksum-"));
        if (http.checksum_required || http.checksum_algorithm_member.is_some()) && !checksum_header
        {
            notes.push(TRAILER_NOTE.into());
        }
    }
    if awscli == AwsCli::V2 && op.http.is_some() {
        let shown = wire::render(op, request, region, AwsCli::V2);
        let boto3 = wire::render(op, request, region, AwsCli::V1);
        if shown.headers != boto3.headers {
            notes.push(
                "boto3 adds the default body checksum as CRC32 (x-amz-checksum-crc32), as AWS CLI v1 does; the request shown is AWS CLI v2's, with CRC64NVME."
                    .into(),
            );
        }
    }
    notes
}
