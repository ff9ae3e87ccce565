//! The JavaScript program for an Alibaba Cloud request, an ES module with the product's npm
//! package (`@alicloud/<product><version>`, `Operation::npm`): an `@alicloud/openapi-core`
//! `Config` with credentials from `@alicloud/credentials`' default chain (the program never
//! holds a key), the region and the endpoint host the page shows; the package's client; the
//! request model (`new $Ecs.RunInstancesRequest({...})`, structures and lists of them as the
//! package's nested model classes, `new $Ecs.RunInstancesRequestDataDisk({...})`); and the
//! client's `<action>WithOptions(request, runtime)` with a `@darabonba/typescript`
//! `RuntimeOptions`.
//!
//! The packages and their names are data: tools/aliyun_js_pins.py pins the packages npm has in
//! the generation written here (`modeldata/aliyun-npm`) and records, from each pinned package,
//! where it is not the SDK generator's rule (`method`, `attribute`) or lacks an operation or a
//! member. A product without such a package (npm has none, or only an older generation) gets a
//! comment saying so instead of a program; an operation the pinned package lacks too. A member
//! it lacks is left out of the program, and a comment says so.
//!
//! A member the SDK writes as one JSON text (a "shrink" parameter) gets, in each structure in
//! it, an empty list for every unset list of structures: the Python SDK's models write those as
//! `[]` (as the request shown does), the JavaScript packages' models leave an unset member out,
//! and write a set empty list as `[]`.
//!
//! What the SDK would send otherwise than the request shown is said in comments above the call:
//! an integer beyond 2^53, which a JavaScript number rounds, and a float that JavaScript's
//! `String` (or `JSON.stringify`, in a JSON document) spells otherwise than Python's `str`
//! (`0` for `0.0`, `1e-7` for `1e-07`), which the page's request (the Python SDK's) has.

use super::javascript::{beyond_2_53, BIG_INTEGER_NOTE};
use super::jsliteral;
use crate::core::float::python_float;
use crate::core::json::Node;
use crate::core::model::{Kind, Member, Operation, ValueStyle};
use crate::core::request::report::Report;
use crate::core::request::value::Value;
use crate::core::wire::aliyun_rpc::sdk_json;

/// The comment on a request with a float the SDK spells otherwise than the request shown
/// (tests/sdk_js.rs knows it by this text).
pub const FLOAT_NOTE: &str = "The SDK writes a number as JavaScript's String does (0 for 0.0, 1e-7 for 1e-07), where the request shown has Python's spelling: the same value.";

/// How JavaScript's `String(number)` writes a float (ECMAScript's Number::toString): the
/// shortest digits that read back (Python's `repr` has the same), in plain notation when the
/// decimal exponent is from -7 to 20, else `d.ddde+N`.
pub fn js_number_text(value: f64) -> String {
    if value.is_nan() {
        return "NaN".into();
    }
    if value.is_infinite() {
        return if value > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    let repr = python_float(value);
    let (negative, body) = match repr.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, repr.as_str()),
    };
    let (mantissa, exponent) = match body.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (body, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // value = 0.<digits> x 10^point
    let mut digits: String = format!("{int}{frac}");
    let mut point = int.len() as i32 + exponent;
    while digits.starts_with('0') {
        digits.remove(0);
        point -= 1;
    }
    while digits.ends_with('0') {
        digits.pop();
    }
    if digits.is_empty() {
        return "0".into();
    }
    let k = digits.len() as i32;
    let text = if k <= point && point <= 21 {
        format!("{digits}{}", "0".repeat((point - k) as usize))
    } else if 0 < point && point <= 21 {
        format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
    } else if -6 < point && point <= 0 {
        format!("0.{}{digits}", "0".repeat((-point) as usize))
    } else {
        let e = point - 1;
        let sign = if e < 0 { '-' } else { '+' };
        match digits.split_at(1) {
            (first, "") => format!("{first}e{sign}{}", e.abs()),
            (first, rest) => format!("{first}.{rest}e{sign}{}", e.abs()),
        }
    };
    if negative {
        format!("-{text}")
    } else {
        text
    }
}

/// Whether a value holds a float JavaScript spells otherwise than Python.
fn spelled_otherwise(value: &Value) -> bool {
    match value {
        Value::Float(f) => js_number_text(*f) != python_float(*f),
        Value::List(items) => items.iter().any(spelled_otherwise),
        Value::Map(entries) => entries.iter().any(|(_, v)| spelled_otherwise(v)),
        Value::Struct(fields) => fields.iter().any(|(_, v)| spelled_otherwise(v)),
        Value::Document(node) => document_spelled_otherwise(node),
        _ => false,
    }
}

/// Whether a JSON document holds a number the request shown writes as a Python float
/// (`1e-05`, `2.0`: written with a point or an exponent, or an integer beyond i64, as
/// `Value`'s JSON form does) that JavaScript spells otherwise.
fn document_spelled_otherwise(node: &Node) -> bool {
    match node {
        Node::Num(text) => match text.parse::<i64>() {
            Ok(_) if !text.contains(['.', 'e', 'E']) => false,
            _ => crate::core::float::parse(text)
                .is_some_and(|f| f.is_finite() && js_number_text(f) != python_float(f)),
        },
        Node::List(items) => items.iter().any(document_spelled_otherwise),
        Node::Map(pairs) => pairs.iter().any(|(_, v)| document_spelled_otherwise(v)),
        _ => false,
    }
}

/// The request with each member the SDK writes as one JSON text as the request shown has it:
/// an unset list of structures in a structure there is an empty list (see the module's note).
fn with_sdk_json(op: &Operation, request: &Value) -> Value {
    match request {
        Value::Struct(fields) => Value::Struct(
            fields
                .iter()
                .map(|(member, value)| match op.rpc.placement(member.name).style {
                    ValueStyle::Json => (*member, sdk_json(value, member.kind)),
                    _ => (*member, value.clone()),
                })
                .collect(),
        ),
        _ => request.clone(),
    }
}

/// The SDK generator's method for an action: its first letter in lower case, then
/// `WithOptions` (`runInstancesWithOptions`).
pub fn method_rule(action: &str) -> String {
    format!("{}WithOptions", lower_first(action))
}

/// The SDK generator's attribute for an API name: its first letter in lower case, unless its
/// second letter is a capital too (`regionId`, `DBInstanceId`).
pub fn attribute_rule(name: &str) -> String {
    if name.chars().nth(1).is_some_and(|c| c.is_ascii_uppercase()) {
        name.to_string()
    } else {
        lower_first(name)
    }
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// The pinned package's method for the operation; `None` when it has none.
pub fn method(op: &Operation) -> Option<String> {
    match op.js_method {
        Some("-") => None,
        Some(name) => Some(name.to_string()),
        None => Some(method_rule(op.name)),
    }
}

/// The pinned package's attribute for a member; `None` when it does not know the member.
pub fn attribute(member: &Member) -> Option<String> {
    match member.js_name {
        Some("-") => None,
        Some(name) => Some(name.to_string()),
        None => Some(attribute_rule(member.name)),
    }
}

/// The module's name in the program (`Ecs`, `RKvstore`): the product code's words capitalized.
fn module_name(op: &Operation) -> String {
    op.service
        .split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
        })
        .collect()
}

/// The program for a typed request to `host` (the endpoint the page shows for the region).
pub fn program(
    op: &Operation,
    request: &Value,
    region: &str,
    host: &str,
    report: &Report,
) -> String {
    if matches!(op.protocol, crate::core::model::Protocol::AliyunRoa { .. }) {
        // No RESTful product has a package in modeldata/aliyun-npm (tests/sdk_js.rs checks
        // that every ROA operation says this), so the page writes no RESTful JavaScript calls.
        return format!(
            "// The page pins no npm package for {} (modeldata/aliyun-npm), so it writes no JavaScript program for its RESTful operations: the Python program sends this request.\n",
            op.service_title
        );
    }
    if op.npm_version.is_empty() {
        return format!(
            "// npm has no {} package with the client this page writes for (<action>WithOptions): no JavaScript program for {}.\n",
            op.npm, op.service_title
        );
    }
    let Some(method) = method(op) else {
        return format!(
            "// {} {} (the pinned package) has no method for {}: no JavaScript program.\n",
            op.npm, op.npm_version, op.name
        );
    };
    let module = module_name(op);
    let mut out = String::new();
    out.push_str("import Credential from \"@alicloud/credentials\";\n");
    out.push_str("import { $OpenApiUtil } from \"@alicloud/openapi-core\";\n");
    out.push_str("import * as $dara from \"@darabonba/typescript\";\n");
    out.push_str(&format!(
        "import {module}, * as ${module} from {};\n\n",
        jsliteral::string(op.npm)
    ));
    out.push_str("// The packages are CommonJS: a default import is the module, whose default is the class.\n");
    out.push_str("const config = new $OpenApiUtil.Config({\n");
    out.push_str("  credential: new Credential.default(),\n");
    out.push_str(&format!("  regionId: {},\n", jsliteral::string(region)));
    out.push_str(&format!("  endpoint: {},\n", jsliteral::string(host)));
    out.push_str("});\n");
    out.push_str(&format!("const client = new {module}.default(config);\n"));
    let mut unknown = Vec::new();
    let has_input = !op.input.name.is_empty();
    let request = &with_sdk_json(op, request);
    let request_literal =
        has_input.then(|| model(&module, op.input.name, request.fields(), 0, "", &mut unknown));
    for note in notes(op, request, report, &unknown) {
        out.push_str("// ");
        out.push_str(&note);
        out.push('\n');
    }
    let runtime = "new $dara.RuntimeOptions({})";
    match request_literal {
        Some(literal) => {
            out.push_str(&format!("const request = {literal};\n"));
            out.push_str(&format!("const response = await client.{method}(request, {runtime});\n"));
        }
        None => out.push_str(&format!("const response = await client.{method}({runtime});\n")),
    }
    out.push_str("console.log(response.body);\n");
    out
}

/// `new $<Module>.<Class>({...})` for a structure's fields; members the package does not know
/// are left out and their paths added to `unknown`.
fn model(
    module: &str,
    class: &str,
    fields: &[(&'static Member, Value)],
    depth: usize,
    path: &str,
    unknown: &mut Vec<String>,
) -> String {
    let mut items = Vec::new();
    for (member, value) in fields {
        let here = if path.is_empty() {
            member.name.to_string()
        } else {
            format!("{path}.{}", member.name)
        };
        match attribute(member) {
            Some(name) => items.push(format!(
                "{}: {}",
                jsliteral::key(&name),
                literal(module, value, member.kind, depth + 1, &here, unknown)
            )),
            None => unknown.push(here),
        }
    }
    jsliteral::block(&format!("new ${module}.{class}({{"), "})", items.into_iter(), depth)
}

/// The literal of a value of a kind: structures as the package's model classes, lists and maps
/// of them holding those, everything else as `jsliteral` writes it.
fn literal(
    module: &str,
    value: &Value,
    kind: &'static Kind,
    depth: usize,
    path: &str,
    unknown: &mut Vec<String>,
) -> String {
    match (value, kind) {
        (Value::Struct(fields), Kind::Structure(shape)) => {
            model(module, shape.name, fields, depth, path, unknown)
        }
        (Value::List(items), Kind::List { item, .. }) => {
            let items: Vec<String> = items
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    literal(module, v, item.kind, depth + 1, &format!("{path}[{i}]"), unknown)
                })
                .collect();
            jsliteral::block("[", "]", items.into_iter(), depth)
        }
        (Value::Map(entries), Kind::Map { value: member, .. }) => {
            let items: Vec<String> = entries
                .iter()
                .map(|(k, v)| {
                    let inner =
                        literal(module, v, member.kind, depth + 1, &format!("{path}.{k}"), unknown);
                    format!("{}: {inner}", jsliteral::key(k))
                })
                .collect();
            jsliteral::block("{", "}", items.into_iter(), depth)
        }
        _ => jsliteral::value(value, depth),
    }
}

/// What the program would send otherwise than the request on the page, and the form's errors.
fn notes(op: &Operation, request: &Value, report: &Report, unknown: &[String]) -> Vec<String> {
    let mut notes = Vec::new();
    notes.extend(super::errors_note(report, "the SDK"));
    if !unknown.is_empty() {
        notes.push(format!(
            "{} {} (the pinned package) does not know {}: the program leaves {} out, which the request shown sends.",
            op.npm,
            op.npm_version,
            unknown.join(", "),
            if unknown.len() == 1 { "it" } else { "them" }
        ));
    }
    if request.fields().iter().any(|(_, value)| beyond_2_53(value)) {
        notes.push(BIG_INTEGER_NOTE.into());
    }
    if spelled_otherwise(request) {
        notes.push(FLOAT_NOTE.into());
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    // The pinned packages' names (tests/sdk_js.rs runs every sampled program with them, and
    // tools/aliyun_js_pins.py records each exception to these rules).
    #[test]
    fn names_follow_the_sdk_generator() {
        assert_eq!(method_rule("RunInstances"), "runInstancesWithOptions");
        assert_eq!(method_rule("DescribeDBInstances"), "describeDBInstancesWithOptions");
        assert_eq!(attribute_rule("RegionId"), "regionId");
        assert_eq!(attribute_rule("DBInstanceId"), "DBInstanceId");
        assert_eq!(attribute_rule("Ipv6Address"), "ipv6Address");
        assert_eq!(attribute_rule("key"), "key");
        assert_eq!(attribute_rule("VSwitchId"), "VSwitchId");
    }

    // A JSON document's numbers as `Value`'s JSON form writes them for the request shown: an
    // integer as written, anything else as a Python float.
    #[test]
    fn document_numbers_spelled_otherwise_are_found() {
        let doc = |text: &str| Value::Document(crate::core::json::parse_json(text).unwrap());
        for (text, otherwise) in [
            (r#"{"a": 1, "b": -7, "c": "1e-05"}"#, false),
            (r#"{"a": 0.1, "b": [2.5, 123456789012]}"#, false),
            (r#"{"a": {"b": [1, 1e-05]}}"#, true),
            (r#"[2.0]"#, true),
            (r#"{"a": 1E3}"#, true),
        ] {
            assert_eq!(spelled_otherwise(&doc(text)), otherwise, "{text}");
        }
    }

    // What Node 20's String(x) writes for each.
    #[test]
    fn numbers_are_spelled_as_javascripts_string() {
        for (value, text) in [
            (0.0, "0"),
            (-0.0, "0"),
            (1.5, "1.5"),
            (100.0, "100"),
            (1e16, "10000000000000000"),
            (1e21, "1e+21"),
            (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"),
            (1e-7, "1e-7"),
            (-2.5e-10, "-2.5e-10"),
            (123456.789, "123456.789"),
            (0.1 + 0.2, "0.30000000000000004"),
            (f64::MAX, "1.7976931348623157e+308"),
            (f64::INFINITY, "Infinity"),
        ] {
            assert_eq!(js_number_text(value), text, "{value}");
        }
    }
}
