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
//! What the SDK would send otherwise than the request shown is said in comments above the call:
//! a boolean it writes as `True`/`False` (Python's `str`) where the page writes `true`/`false`.

use super::pyliteral;
use crate::core::json::Node;
use crate::core::model::{Kind, Member, Operation, ValueStyle};
use crate::core::request::report::Report;
use crate::core::request::value::Value;

/// The comment on a request with a boolean the SDK writes with Python's `str`.
pub const BOOLEAN_NOTE: &str = "The SDK writes a boolean parameter as True or False (Python's str) where the request shown has true or false.";

/// The program for a typed request to `host` (the endpoint the page shows for the region).
pub fn program(
    op: &Operation,
    request: &Value,
    region: &str,
    host: &str,
    report: &Report,
) -> String {
    let package = op.sdk_service;
    let mut out = String::new();
    out.push_str("from alibabacloud_credentials.client import Client as CredentialClient\n");
    out.push_str("from alibabacloud_tea_openapi import models as open_api_models\n");
    out.push_str(&format!("from {} import RuntimeOptions\n", op.sdk_runtime));
    out.push_str(&format!("from {package}.client import Client\n"));
    let has_input = !op.input.name.is_empty();
    if has_input {
        out.push_str(&format!("from {package} import models\n"));
    }
    out.push_str("\nconfig = open_api_models.Config(\n");
    out.push_str("    credential=CredentialClient(),\n");
    out.push_str(&format!("    region_id={},\n", pyliteral::string(region)));
    out.push_str(&format!("    endpoint={},\n", pyliteral::string(host)));
    out.push_str(")\nclient = Client(config)\n");
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
    let written_by_str = request.fields().iter().any(|(member, value)| {
        op.rpc.placement(member.name).style != ValueStyle::Json && has_boolean(value)
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
