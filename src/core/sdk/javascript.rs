//! The AWS SDK for JavaScript v3 program for an AWS request, an ES module: the service's
//! `@aws-sdk/client-*` package, its client class for the region, `client.send` of the
//! operation's `<Operation>Command` with the request's top-level members (the model's names, as
//! the SDK's input types spell them), and `console.log(response)`. Credentials come from the
//! SDK's default chain; the program never holds a key.
//!
//! The names are the SDK's codegen's, from the model's `serviceId` (the `sdkId` the SDK is
//! generated from, `Operation::sdk_id`): the package is `@aws-sdk/client-` and the id in lower
//! case with hyphens for spaces, the client class the id's words capitalized and joined, then
//! `Client`. tests/sdk_js.rs checks both, and every command name, against the pinned packages.
//!
//! What the SDK would send otherwise than the request shown is said in comments above the call:
//! an idempotency token it fills in, AWS CLI v2's default checksum where the page shows v2's
//! request (the SDK computes CRC32, as v1 does).

use super::jsliteral;
use crate::core::json::Node;
use crate::core::model::{AwsCli, Location, Operation};
use crate::core::request::report::Report;
use crate::core::request::value::Value;
use crate::core::wire;

/// The comment on a streaming upload whose checksum the SDK sends in headers the request shown
/// leaves out (tests/tools/js_sdk_programs.mjs knows it by this text).
pub const UPLOAD_NOTE: &str = "The SDK adds the CRC32 checksum of this upload (x-amz-checksum-crc32) and x-amz-sdk-checksum-algorithm: CRC32, which the request shown leaves out, and sends Expect: 100-continue only for large bodies.";

/// The comment on an SSE-C key sent with the MD5 the form sets (tests/tools/js_sdk_programs.mjs
/// knows it by its start).
pub const SSEC_NOTE: &str = "The SDK computes the MD5 of an SSE-C key itself and sends the key base64-encoded (unless it is base64 of 32 bytes already), where the AWS CLI sends them as the request shown has them.";

/// The comment on a `CopySource` that the program passes percent-encoded.
pub const COPY_SOURCE_NOTE: &str =
    "CopySource is written percent-encoded, as the AWS CLI sends it: the SDK sends it as given.";

/// The comment on a Route 53 ID that the program passes as its last path segment.
pub const LAST_SEGMENT_NOTE: &str = "IDs are written as their last path segment, as the AWS CLI sends them: the SDK strips only a leading /hostedzone/, /change/ or /delegationset/.";

/// A Route 53 ID member, which botocore's `fix_route53_ids` cuts to its last path segment
/// (`model::Http::last_segment`).
fn is_last_segment(op: &Operation, member: &str) -> bool {
    op.http.is_some_and(|h| h.last_segment.contains(&member))
}

fn last_segment(text: &str) -> &str {
    text.rsplit('/').next().unwrap_or("")
}

/// S3's `CopySource` (`handle_copy_source_param`), which botocore percent-encodes and the SDK
/// does not.
fn is_copy_source(op: &Operation, member: &str) -> bool {
    op.service == "s3api"
        && matches!(op.name, "CopyObject" | "UploadPartCopy")
        && member == "CopySource"
}

/// The comment on a request with an integer a JavaScript number cannot hold.
pub const BIG_INTEGER_NOTE: &str = "An integer here is beyond 2^53, which a JavaScript number cannot hold exactly: the SDK sends it rounded.";

/// The npm package of a service's client (`@aws-sdk/client-database-migration-service`).
pub fn package(sdk_id: &str) -> String {
    format!("@aws-sdk/client-{}", sdk_id.to_lowercase().replace(' ', "-"))
}

/// The client class (`DatabaseMigrationServiceClient`).
pub fn client(sdk_id: &str) -> String {
    let mut out = String::new();
    for word in sdk_id.split(' ') {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out.push_str("Client");
    out
}

/// The command class of an operation (`StartReplicationTaskCommand`).
pub fn command(operation: &str) -> String {
    format!("{operation}Command")
}

/// The program for a typed request in a region; `awscli` is the CLI version the page's own
/// request is shown for, `report` the form's issues (errors become comments).
pub fn program(
    op: &Operation,
    request: &Value,
    region: &str,
    awscli: AwsCli,
    report: &Report,
) -> String {
    if op.sdk_id.is_empty() {
        return format!(
            "// The model of {} has no service id to name its package by.\n",
            op.service
        );
    }
    let (client, command) = (client(op.sdk_id), command(op.name));
    let mut out = format!(
        "import {{ {client}, {command} }} from {};\n\n",
        jsliteral::string(&package(op.sdk_id))
    );
    // botocore and the AWS CLI address GetBucketLocation path-style whatever the bucket
    // (`customize_endpoint_resolver_builtins`, `wire::rest::customize`); the SDK does so only
    // when told.
    let path_style = if op.service == "s3api" && op.name == "GetBucketLocation" {
        ", forcePathStyle: true"
    } else {
        ""
    };
    out.push_str(&format!(
        "const client = new {client}({{ region: {}{path_style} }});\n",
        jsliteral::string(region)
    ));
    for note in notes(op, request, region, awscli, report) {
        out.push_str("// ");
        out.push_str(&note);
        out.push('\n');
    }
    let fields = request.fields();
    if fields.is_empty() {
        out.push_str(&format!("const response = await client.send(new {command}({{}}));\n"));
    } else {
        out.push_str(&format!("const response = await client.send(\n  new {command}({{\n"));
        for (member, value) in fields {
            let rewritten;
            let value = match value {
                Value::Str(text) if is_copy_source(op, member.name) => {
                    rewritten = Value::Str(wire::s3_copy_source(text));
                    &rewritten
                }
                Value::Str(text) if is_last_segment(op, member.name) => {
                    rewritten = Value::Str(last_segment(text).to_string());
                    &rewritten
                }
                _ => value,
            };
            let mut literal = jsliteral::value(value, 2);
            // A `jsonvalue` header: the SDK sends the text it is given, botocore (and so the
            // page) the value's JSON. In a body both send the text as it is.
            if member.json_value && member.location == Some(Location::Header) {
                literal = format!("JSON.stringify({literal})");
            }
            out.push_str(&format!("    {}: {literal},\n", jsliteral::key(member.name)));
        }
        out.push_str("  }),\n);\n");
    }
    out.push_str("console.log(response);\n");
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
    notes.extend(super::errors_note(report, "the SDK"));
    for member in op.members() {
        if member.idempotency_token && request.field(member.name).is_none() {
            notes.push(format!(
                "The SDK sets {} to a random UUID (an idempotency token), which the request shown leaves out.",
                member.name
            ));
        }
    }
    if let (Some(upload), Some(http)) = (op.streaming_upload(), op.http) {
        if request.field(upload.name).is_some() {
            notes.push(format!(
                "{0} is sent as these bytes; to send a file, pass {0}: createReadStream(\"<path>\") from node:fs.",
                upload.name
            ));
        }
        let checksum_header = wire::render(op, request, region, AwsCli::V1)
            .headers
            .iter()
            .any(|(name, _)| name.to_ascii_lowercase().starts_with("x-amz-checksum-"));
        if (http.checksum_required || http.checksum_algorithm_member.is_some()) && !checksum_header
        {
            notes.push(UPLOAD_NOTE.into());
        }
    }
    if request.fields().iter().any(|(member, value)| {
        matches!(value, Value::Str(text) if is_last_segment(op, member.name) && last_segment(text) != text)
    }) {
        notes.push(LAST_SEGMENT_NOTE.into());
    }
    if let Some(Value::Str(text)) = request.field("CopySource") {
        if is_copy_source(op, "CopySource") && wire::s3_copy_source(text) != *text {
            notes.push(COPY_SOURCE_NOTE.into());
        }
    }
    // botocore's sse_md5 runs for some operations only, and leaves key and MD5 as typed when
    // the MD5 is set; the SDK's middleware always encodes the key and computes its MD5.
    let sse_c = [
        ("SSECustomerKey", "SSECustomerKeyMD5"),
        ("CopySourceSSECustomerKey", "CopySourceSSECustomerKeyMD5"),
    ];
    if op.service == "s3api"
        && sse_c.iter().any(|(key, md5)| {
            request.field(key).is_some()
                && (request.field(md5).is_some() || !wire::handlers::rewrites_member(op, key))
        })
    {
        notes.push(SSEC_NOTE.into());
    }
    if request.fields().iter().any(|(_, value)| beyond_2_53(value)) {
        notes.push(BIG_INTEGER_NOTE.into());
    }
    if awscli == AwsCli::V2 && op.http.is_some() {
        let shown = wire::render(op, request, region, AwsCli::V2);
        let v1 = wire::render(op, request, region, AwsCli::V1);
        if shown.headers != v1.headers {
            notes.push(
                "The SDK adds the default body checksum as CRC32 (x-amz-checksum-crc32), as AWS CLI v1 does; the request shown is AWS CLI v2's, with CRC64NVME."
                    .into(),
            );
        }
    }
    notes
}

/// Whether a value holds an integer a JavaScript number cannot hold exactly (beyond 2^53).
pub(super) fn beyond_2_53(value: &Value) -> bool {
    const EXACT: u64 = 1 << 53;
    match value {
        Value::Int(i) => i.unsigned_abs() > EXACT,
        Value::Document(node) => document_beyond_2_53(node),
        Value::List(items) => items.iter().any(beyond_2_53),
        Value::Map(entries) => entries.iter().any(|(_, v)| beyond_2_53(v)),
        Value::Struct(fields) => fields.iter().any(|(_, v)| beyond_2_53(v)),
        _ => false,
    }
}

fn document_beyond_2_53(node: &Node) -> bool {
    match node {
        Node::Num(text) if !text.contains(['.', 'e', 'E']) => {
            text.parse::<i128>().map_or(true, |i| i.unsigned_abs() > 1 << 53)
        }
        Node::List(items) => items.iter().any(document_beyond_2_53),
        Node::Map(pairs) => pairs.iter().any(|(_, v)| document_beyond_2_53(v)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The names of these packages on npm and the classes they export (checked for every pinned
    // package by tests/sdk_js.rs).
    #[test]
    fn names_follow_the_sdks_codegen() {
        for (id, pkg, class) in [
            (
                "Database Migration Service",
                "database-migration-service",
                "DatabaseMigrationService",
            ),
            ("Elastic Load Balancing v2", "elastic-load-balancing-v2", "ElasticLoadBalancingV2"),
            ("ApiGatewayV2", "apigatewayv2", "ApiGatewayV2"),
            ("codeartifact", "codeartifact", "Codeartifact"),
            ("Route 53", "route-53", "Route53"),
            ("S3", "s3", "S3"),
        ] {
            assert_eq!(package(id), format!("@aws-sdk/client-{pkg}"));
            assert_eq!(client(id), format!("{class}Client"));
        }
        assert_eq!(command("Invoke"), "InvokeCommand");
    }

    #[test]
    fn integers_beyond_2_53_are_found() {
        assert!(!beyond_2_53(&Value::Int(1 << 53)));
        assert!(beyond_2_53(&Value::List(vec![Value::Int(-(1 << 53) - 1)])));
        assert!(beyond_2_53(&Value::Document(Node::Num("99999999999999999999".into()))));
        assert!(!beyond_2_53(&Value::Document(Node::Num("1e300".into()))));
    }
}
