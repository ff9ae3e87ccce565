//! The Python program for an Alibaba Cloud request, with the product's own SDK package
//! (`alibabacloud_<product><version>`): a `Config` with credentials from
//! `alibabacloud_credentials`' default chain (the program never holds a key), the region and
//! the endpoint host the page shows; the product's `Client`; the request model
//! (`models.<Action>Request(...)`, structures and lists of them as the SDK's nested model classes,
//! `models.RunInstancesRequestDataDisk(...)`); and the client's `<action>_with_options` call
//! with a `RuntimeOptions`.
//!
//! Every name is model data read from the pinned package by `tools/aliyun_models.py`: the
//! package (`Operation::sdk_service`), the module of its `RuntimeOptions` class
//! (`Operation::sdk_runtime`: `darabonba.runtime`, or Tea's `alibabacloud_tea_util.models` in
//! older packages), the request and nested model classes (the structure names, each checked
//! to be `<package>.models.<name>`), and the method and attribute names (the generator's rule,
//! `names::aliyun_python`, or the SDK's own name where it differs).
//!
//! A RESTful (ROA) operation's method takes, as the pinned packages' generator writes it, the
//! path labels as positional arguments first (in the input's order, or the SDK's own list,
//! `RpcWire::path_args`, where it takes one the path never uses), then the request model unless
//! the method has none (`RpcWire::no_request_model`), then `headers`: the operation's
//! `models.<Action>Headers` holding the header members where it has any (the rule
//! `modelc/src/roa.rs` checks for every operation), else a plain dict, `{}`; then the runtime.
//! A payload member (the whole body) is an attribute of the request model like any other: the
//! SDK sends it as the body.
//!
//! What the SDK would send otherwise than the request shown is said in comments above the call:
//! a boolean it writes as `True`/`False` (Python's `str`) where the page writes `true`/`false`
//! (RPC parameters; a ROA query, header or form-body member); for ROA, a path argument the
//! method takes and never sends, a header value beyond Latin-1 (Python's HTTP client raises),
//! and a whole-path label (Cloud Control's `{RequestPath}`) without a leading `/` or with
//! characters the SDK's HTTP client, `requests`, percent-encodes.

use super::pyliteral;
use crate::core::json::Node;
use crate::core::model::{Kind, Location, Member, Operation, Protocol, ValueStyle};
use crate::core::request::report::Report;
use crate::core::request::value::Value;

/// The comment on a request with a boolean the SDK writes with Python's `str`.
pub const BOOLEAN_NOTE: &str = "The SDK writes a boolean parameter as True or False (Python's str) where the request shown has true or false.";

/// The comment on a ROA header value that Python's HTTP client cannot send (followed by the
/// header's name).
pub const LATIN1_NOTE: &str = "The SDK raises instead of sending this request: its HTTP client writes header values as Latin-1, and this one has a character beyond it";

/// The comment on a whole-path label that does not start with `/`.
pub const SLASH_NOTE: &str = "The path does not start with /: the SDK appends it to the endpoint's host as it is, so the call goes to another address than the request shown.";

/// The comment on a whole-path label that the SDK's HTTP client rewrites.
pub const PATH_NOTE: &str = "The SDK's HTTP client (requests) rewrites this path before sending it: it percent-encodes what a URL path cannot hold as it is (spaces, non-ASCII, quotes, a lone %), and a ? or # would start the query or fragment; the request shown has the path as typed.";

/// Whether `requests`, the HTTP client the SDK sends with, would send `path` otherwise than it
/// is. Preparing the URL, it encodes every character but ASCII letters and digits,
/// `-._~!$&'()*+,;=:@/` and a `%` that starts a `%XX` escape (urllib3's `parse_url`; a lone `%`
/// becomes `%25`), writes an escape's hex digits in upper case, and decodes an escape of an
/// unreserved character (`%41` -> `A`, its `requote_uri`); `?` and `#` end the path.
/// tests/sdk_python.rs checks this against requests on every whole-path program.
fn rewritten_by_http_client(path: &str) -> bool {
    let bytes = path.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'%' => match (bytes.get(i + 1), bytes.get(i + 2)) {
            (Some(&x), Some(&y)) if x.is_ascii_hexdigit() && y.is_ascii_hexdigit() => {
                let code = (x as char).to_digit(16).unwrap_or(0) * 16
                    + (y as char).to_digit(16).unwrap_or(0);
                let unreserved = char::from_u32(code)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || "-._~".contains(c));
                x.is_ascii_lowercase() || y.is_ascii_lowercase() || unreserved
            }
            _ => true,
        },
        b if b.is_ascii_alphanumeric() => false,
        b => !b"-._~!$&'()*+,;=:@/".contains(&b),
    })
}

/// The program for a typed request to `host` (the endpoint the page shows for the region).
pub fn program(
    op: &Operation,
    request: &Value,
    region: &str,
    host: &str,
    report: &Report,
) -> String {
    let package = op.sdk_service;
    let roa = matches!(op.protocol, Protocol::AliyunRoa { .. });
    let mut out = String::new();
    out.push_str("from alibabacloud_credentials.client import Client as CredentialClient\n");
    out.push_str("from alibabacloud_tea_openapi import models as open_api_models\n");
    out.push_str(&format!("from {} import RuntimeOptions\n", op.sdk_runtime));
    out.push_str(&format!("from {package}.client import Client\n"));
    let has_input = if roa {
        !op.rpc.no_request_model || op.members().iter().any(is_header)
    } else {
        !op.input.name.is_empty()
    };
    if has_input {
        out.push_str(&format!("from {package} import models\n"));
    }
    out.push_str("\nconfig = open_api_models.Config(\n");
    out.push_str("    credential=CredentialClient(),\n");
    out.push_str(&format!("    region_id={},\n", pyliteral::string(region)));
    out.push_str(&format!("    endpoint={},\n", pyliteral::string(host)));
    out.push_str(")\nclient = Client(config)\n");
    if roa {
        roa_call(op, request, report, &mut out);
        return out;
    }
    for note in notes(op, request, report) {
        out.push_str("# ");
        out.push_str(&note);
        out.push('\n');
    }
    let method = op.sdk_method();
    if has_input {
        out.push_str(&format!("request = {}\n", model(op.input.name, request.fields(), 0)));
        out.push_str(&format!("response = client.{method}(request, RuntimeOptions())\n"));
    } else {
        out.push_str(&format!("response = client.{method}(RuntimeOptions())\n"));
    }
    out.push_str("print(response.body)\n");
    out
}

/// A ROA member that travels in a header (set on the `<Action>Headers` model).
fn is_header(member: &Member) -> bool {
    matches!(member.location, Some(Location::Header | Location::Headers))
}

/// A ROA operation's models and call: the request model (members that are neither path labels
/// nor headers), the headers model, and the method with the path labels first.
fn roa_call(op: &Operation, request: &Value, report: &Report, out: &mut String) {
    let fields = request.fields();
    let of = |keep: fn(&Member) -> bool| -> Vec<(&'static Member, Value)> {
        fields.iter().filter(|(m, _)| keep(m)).cloned().collect()
    };
    let body_or_query = of(|m| m.location != Some(Location::Uri) && !is_header(m));
    let mut args = Vec::new();
    let mut unused = Vec::new();
    let label = |member: &Member| match request.field(member.name) {
        Some(value) => pyliteral::value(value, 1),
        None => "None".to_string(),
    };
    let path_members = op.members().iter().filter(|m| m.location == Some(Location::Uri));
    if op.rpc.path_args.is_empty() {
        args.extend(path_members.map(label));
    } else {
        for arg in op.rpc.path_args {
            match path_members.clone().find(|m| m.sdk_python_name() == *arg) {
                Some(member) => args.push(label(member)),
                None => {
                    unused.push(*arg);
                    args.push("None".to_string());
                }
            }
        }
    }
    let mut notes = notes(op, request, report);
    let sent = crate::core::wire::aliyun_roa::roa_request(op, request);
    // Python's http.client writes header values as Latin-1 and raises on anything beyond it.
    for (name, value) in &sent.headers {
        if value.chars().any(|c| c > '\u{ff}') {
            notes.push(format!("{LATIN1_NOTE} ({name})."));
        }
    }
    // A template that is one label (Cloud Control's `{RequestPath}`) is the whole path, which
    // the SDK appends to the endpoint as given.
    let whole_path = op.http.is_some_and(|h| {
        h.request_uri.starts_with('{') && h.request_uri.find('}') == Some(h.request_uri.len() - 1)
    });
    if whole_path && !sent.path.starts_with('/') {
        notes.push(SLASH_NOTE.into());
    }
    if whole_path && rewritten_by_http_client(&sent.path) {
        notes.push(PATH_NOTE.into());
    }
    for arg in unused {
        notes.push(format!(
            "The SDK's method takes {arg} and never sends it (its path has no place for it): None is passed."
        ));
    }
    for note in notes {
        out.push_str("# ");
        out.push_str(&note);
        out.push('\n');
    }
    if !op.rpc.no_request_model {
        out.push_str(&format!("request = {}\n", model(op.input.name, &body_or_query, 0)));
        args.push("request".into());
    }
    if op.members().iter().any(is_header) {
        let class = format!("{}Headers", op.name);
        out.push_str(&format!("headers = {}\n", model(&class, &of(is_header), 0)));
        args.push("headers".into());
    } else {
        args.push("{}".into());
    }
    args.push("RuntimeOptions()".into());
    let method = op.sdk_method();
    // One line where black would keep it on one (88 columns), else one argument a line.
    let line = format!("client.{method}({})", args.join(", "));
    let call = if line.len() + "response = ".len() <= 88 && !line.contains('\n') {
        line
    } else {
        pyliteral::block(&format!("client.{method}("), ")", args.into_iter(), 0)
    };
    out.push_str(&format!("response = {call}\n"));
    out.push_str("print(response.body)\n");
}

/// `models.<class>(attribute=value, ...)` for a structure's fields.
fn model(class: &str, fields: &[(&'static Member, Value)], depth: usize) -> String {
    let items = fields.iter().map(|(member, value)| {
        format!("{}={}", member.sdk_python_name(), literal(value, member.kind, depth + 1))
    });
    pyliteral::block(&format!("models.{class}("), ")", items, depth)
}

/// The literal of a value of a kind: structures as their model classes, lists and maps of them
/// holding those, everything else as `pyliteral` writes it.
fn literal(value: &Value, kind: &'static Kind, depth: usize) -> String {
    match (value, kind) {
        (Value::Struct(fields), Kind::Structure(shape)) => model(shape.name, fields, depth),
        (Value::List(items), Kind::List { item, .. }) => pyliteral::block(
            "[",
            "]",
            items.iter().map(|v| literal(v, item.kind, depth + 1)),
            depth,
        ),
        (Value::Map(entries), Kind::Map { value: member, .. }) => pyliteral::block(
            "{",
            "}",
            entries.iter().map(|(k, v)| {
                format!("{}: {}", pyliteral::string(k), literal(v, member.kind, depth + 1))
            }),
            depth,
        ),
        _ => pyliteral::value(value, depth),
    }
}

/// What the program would send otherwise than the request on the page, and the form's errors.
fn notes(op: &Operation, request: &Value, report: &Report) -> Vec<String> {
    let mut notes = Vec::new();
    notes.extend(super::errors_note(report, "the SDK"));
    // RPC parameters are written with `str`; in a ROA request, the query, header and form
    // body members are, the JSON body's are JSON.
    let roa = matches!(op.protocol, Protocol::AliyunRoa { .. });
    let written_by_str = request.fields().iter().any(|(member, value)| {
        let by_str = !roa || member.location.is_some() || op.rpc.form_body;
        by_str && op.rpc.placement(member.name).style != ValueStyle::Json && has_boolean(value)
    });
    if written_by_str {
        notes.push(BOOLEAN_NOTE.into());
    }
    notes
}

fn has_boolean(value: &Value) -> bool {
    match value {
        Value::Bool(_) => true,
        Value::List(items) => items.iter().any(has_boolean),
        Value::Map(entries) => entries.iter().any(|(_, v)| has_boolean(v)),
        Value::Struct(fields) => fields.iter().any(|(_, v)| has_boolean(v)),
        // A free-form document (`SubRegionPools={"b":[true]}`): the SDK flattens it too.
        Value::Document(node) => node_has_boolean(node),
        _ => false,
    }
}

fn node_has_boolean(node: &Node) -> bool {
    match node {
        Node::Bool(_) => true,
        Node::List(items) => items.iter().any(node_has_boolean),
        Node::Map(entries) => entries.iter().any(|(_, v)| node_has_boolean(v)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{catalog, AwsCli};
    use crate::core::request::build::build;
    use crate::core::request::form::FormState;
    use crate::core::sdk::Sdk;

    /// The program for a form of `route` in cn-hangzhou.
    fn program_of(route: &str, form: FormState) -> String {
        let op = catalog::find(route).expect("the model is in models/ (scripts/build-models)");
        let built = build(op, &form);
        Sdk::Python.program(op, &built.request, "cn-hangzhou", AwsCli::default(), &built.report)
    }

    fn tail(program: &str) -> &str {
        &program[program.find("client = Client(config)\n").expect(program)..]
    }

    #[test]
    fn a_restful_call_takes_the_path_labels_then_the_request_headers_and_runtime() {
        let form = FormState::new("cn-hangzhou")
            .with("serviceName", "svc")
            .with("qualifier", "LATEST")
            .with("X-Fc-Trace-Id", "t-1");
        assert_eq!(
            tail(&program_of("aliyun/fc-open/GetService", form)),
            "client = Client(config)\nrequest = models.GetServiceRequest(\n    qualifier=\"LATEST\",\n)\nheaders = models.GetServiceHeaders(\n    x_fc_trace_id=\"t-1\",\n)\nresponse = client.get_service_with_options(\"svc\", request, headers, RuntimeOptions())\nprint(response.body)\n"
        );
        // No request model, no headers model: a dict.
        let form = FormState::new("cn-hangzhou").with("ClusterId", "c-1");
        let program = program_of("aliyun/cs/DescribeClusterDetail", form);
        assert!(!program.contains("cs20151215 import models"), "{program}");
        assert!(
            program.ends_with("client = Client(config)\nresponse = client.describe_cluster_detail_with_options(\"c-1\", {}, RuntimeOptions())\nprint(response.body)\n"),
            "{program}"
        );
        let form = FormState::new("cn-hangzhou");
        assert!(program_of("aliyun/cs/DescribeClustersV1", form).ends_with(
            "request = models.DescribeClustersV1Request()\nresponse = client.describe_clusters_v1with_options(request, {}, RuntimeOptions())\nprint(response.body)\n"
        ));
    }

    #[test]
    fn a_path_argument_the_sdk_never_sends_is_passed_as_none_and_named() {
        let form = FormState::new("cn-hangzhou")
            .with("groupId", "g-1")
            .with_list("resourceIds", 1)
            .with("resourceIds[0]", "r-1");
        let program = program_of("aliyun/iacservice/DissociateGroup", form);
        assert!(
            program.contains("# The SDK's method takes project_id and never sends it"),
            "{program}"
        );
        assert!(
            program.contains("(\n    None,\n    \"g-1\",\n    request,\n    {},\n"),
            "{program}"
        );
    }

    #[test]
    fn what_the_sdk_sends_otherwise_is_said_above_the_call() {
        // A boolean in the query is written with str; in a JSON body it is JSON.
        let query = FormState::new("cn-hangzhou").with("ClusterId", "c-1").with("keep_slb", "true");
        assert!(program_of("aliyun/cs/DeleteCluster", query).contains(BOOLEAN_NOTE));
        let body = FormState::new("cn-hangzhou")
            .with("ClusterId", "c-1")
            .with("deletion_protection", "true");
        assert!(!program_of("aliyun/cs/ModifyCluster", body).contains(BOOLEAN_NOTE));
        let header =
            FormState::new("cn-hangzhou").with("serviceName", "s").with("X-Fc-Trace-Id", "Ωmega");
        assert!(program_of("aliyun/fc-open/GetService", header).contains(LATIN1_NOTE));
        let latin1 =
            FormState::new("cn-hangzhou").with("serviceName", "s").with("X-Fc-Trace-Id", "café");
        assert!(!program_of("aliyun/fc-open/GetService", latin1).contains(LATIN1_NOTE));
        let path = |p: &str| {
            program_of(
                "aliyun/cloudcontrol/GetResources",
                FormState::new("cn-hangzhou").with("RequestPath", p),
            )
        };
        let plain = path("/api/v1/providers/Aliyun/products/ECS/resources/Instance");
        assert!(!plain.contains(SLASH_NOTE) && !plain.contains(PATH_NOTE), "{plain}");
        assert!(path("api/v1").contains(SLASH_NOTE));
        assert!(path("/a b").contains(PATH_NOTE));
    }

    #[test]
    fn the_paths_requests_rewrites_are_known() {
        // Each as requests 2.x prepares it: PreparedRequest.prepare_url's path differs or not.
        for (path, rewritten) in [
            ("/api/v1/providers/Aliyun/products/ECS/resources/Instance", false),
            ("/x&y=z;a:b@c!$'()*+,~_.-", false),
            ("/a%2F", false),
            ("/a[b]", true),
            ("/50%", true),
            ("/a%-z", true),
            ("/a%5", true),
            ("/a%2f", true),
            ("/a b", true),
            ("/é", true),
            ("/a\"b", true),
            ("/a|b", true),
            ("/a\\b", true),
            ("/a%41", true),
            ("/a%7E", true),
            ("/a%zz", true),
            ("/a%1g", true),
            ("/a?b", true),
            ("/a#b", true),
            ("/a{b}", true),
        ] {
            assert_eq!(rewritten_by_http_client(path), rewritten, "{path}");
        }
    }
}
