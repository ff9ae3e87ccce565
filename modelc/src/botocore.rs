//! One botocore service model into one compiled service file: the protocol as the AWS CLI
//! resolves it, the shapes reachable from operation inputs, one-line docs, the AWS CLI v1 gaps
//! (against the awscli-bundled model), the CLI's argument names and the overlay.

use crate::docs;
use crate::endpoints::Endpoints;
use request_builder::core::json::Node;
use request_builder::core::model::decode;
use request_builder::core::model::format::{
    HttpFile, MemberFile, OperationFile, ProtocolFile, ServiceFile, ShapeFile, XmlNamespaceFile,
    FORMAT,
};
use request_builder::core::model::names::{kebab, xform_name};
use request_builder::core::model::{Aside, Location};
use request_builder::core::model::{Check, CliArg, CliGap, Cloud};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::{BTreeSet, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};

/// botocore's `PRIORITY_ORDERED_SUPPORTED_PROTOCOLS`: the first one a service lists wins.
const PROTOCOL_PRIORITY: [&str; 6] =
    ["json", "rest-json", "rest-xml", "smithy-rpc-v2-cbor", "query", "ec2"];

/// Reads a file, or its `.gz` sibling.
pub fn read_maybe_gz(path: &Path) -> Result<String, String> {
    if path.exists() {
        return std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()));
    }
    let gz = PathBuf::from(format!("{}.gz", path.display()));
    let file = std::fs::File::open(&gz).map_err(|e| format!("{}: {e}", gz.display()))?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .map_err(|e| format!("{}: {e}", gz.display()))?;
    Ok(text)
}

/// `<service>/<newest api version>/service-2.json`, if the folder holds a service model.
pub fn latest_service_file(dir: &Path) -> Result<Option<PathBuf>, String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(None) };
    let mut versions: Vec<PathBuf> =
        entries.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_dir()).collect();
    versions.sort();
    for version in versions.iter().rev() {
        let path = version.join("service-2.json");
        if path.exists() || PathBuf::from(format!("{}.gz", path.display())).exists() {
            return Ok(Some(path));
        }
    }
    Ok(None)
}

/// Merges `service-2.sdk-extras.json` into a REST service's model, as botocore's loader does
/// (S3's `Expires` is a timestamp there). The awsQuery extras (rds, neptune, docdb) add a
/// `SourceRegion` member that the CLI's presigning customization consumes and never sends, so
/// they are not merged.
pub fn merge_rest_extras(model: &mut Value, model_path: &Path) -> Result<(), String> {
    let path = model_path.with_file_name("service-2.sdk-extras.json");
    let protocol = resolved_protocol(&model["metadata"]);
    if !path.exists() || !matches!(protocol.as_str(), "rest-json" | "rest-xml") {
        return Ok(());
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let extras: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    merge(model, &extras["merge"]);
    Ok(())
}

/// botocore's `merge_dicts`: objects merged key by key, anything else replaced.
fn merge(into: &mut Value, from: &Value) {
    match (into, from) {
        (Value::Object(target), Value::Object(source)) => {
            for (key, value) in source {
                match target.get_mut(key) {
                    Some(existing) if existing.is_object() && value.is_object() => {
                        merge(existing, value)
                    }
                    _ => {
                        target.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (target, source) => *target = source.clone(),
    }
}

/// What one AWS CLI major version knows of a service: its bundled model and its argument
/// tables (dumped by `tools/awscli_args.py`).
#[derive(Default, Clone, Copy)]
pub struct CliInput<'a> {
    /// The service model the CLI bundles.
    pub model: Option<&'a Value>,
    /// The service's entry in the CLI's argument tables.
    pub service: Option<&'a Value>,
    /// Whether the CLI's argument tables were given (then `service: None` means no such service).
    pub known: bool,
    /// Operations the CLI removed (it has no command for them).
    pub removed: &'a [String],
}

impl CliInput<'_> {
    fn operation(&self, name: &str) -> Option<&Value> {
        self.service.and_then(|c| c["operations"].get(name))
    }

    /// Whether the CLI has no command for the operation (it removed it, or does not know it).
    fn lacks(&self, name: &str) -> bool {
        self.removed.iter().any(|r| r == name) || (self.known && self.operation(name).is_none())
    }
}

/// Everything one service needs.
pub struct ServiceInput<'a> {
    pub name: &'a str,
    pub model: &'a Value,
    /// AWS CLI v1 (the `awscli` package on PyPI).
    pub v1: CliInput<'a>,
    /// AWS CLI v2 (the pinned wheel).
    pub v2: CliInput<'a>,
    /// The paginators (`paginators-1.json`) the AWS CLI v1 runs with, when it has them.
    pub paginators: Option<&'a Value>,
    pub overlay: &'a Value,
    /// `tools/botocore_names.py`'s dump: botocore's exceptions to its `xform_name` rule
    /// (`names`: operation name -> boto3 method name) and the operations whose method botocore
    /// takes off its clients (`removed`: service -> operation names).
    pub xform: &'a Value,
    pub endpoints: &'a Endpoints,
}

/// A compiled service, or why it was left out.
// One per service, made once and moved once: boxing the large variant would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Compiled {
    Service(ServiceFile),
    Skipped { protocol: String, operations: usize },
}

/// The protocol botocore (and so the AWS CLI) uses for a service model.
pub fn resolved_protocol(metadata: &Value) -> String {
    if let Some(listed) = metadata["protocols"].as_array().filter(|l| !l.is_empty()) {
        for protocol in PROTOCOL_PRIORITY {
            if listed.iter().any(|p| p == protocol) {
                return protocol.to_string();
            }
        }
    }
    metadata["protocol"].as_str().unwrap_or("").to_string()
}

pub fn compile(input: &ServiceInput<'_>) -> Result<Compiled, String> {
    let metadata = &input.model["metadata"];
    let protocol_name = resolved_protocol(metadata);
    let str_of = |key: &str| metadata[key].as_str().unwrap_or("").to_string();
    let protocol = match protocol_name.as_str() {
        "json" => ProtocolFile::Json {
            json_version: metadata["jsonVersion"].as_str().unwrap_or("1.0").to_string(),
            target_prefix: str_of("targetPrefix"),
            query_compatible: metadata.get("awsQueryCompatible").is_some(),
        },
        "query" => ProtocolFile::Query { api_version: str_of("apiVersion") },
        "ec2" => ProtocolFile::Ec2 { api_version: str_of("apiVersion") },
        "rest-json" => ProtocolFile::RestJson { api_version: str_of("apiVersion") },
        "rest-xml" => ProtocolFile::RestXml { api_version: str_of("apiVersion") },
        _ => {
            let operations = input.model["operations"].as_object().map_or(0, |o| o.len());
            return Ok(Compiled::Skipped { protocol: protocol_name, operations });
        }
    };
    let cli_service = (input.v1.service.or(input.v2.service))
        .and_then(|c| c["cli"].as_str())
        .unwrap_or(input.name)
        .to_string();
    let endpoint_prefix = str_of("endpointPrefix");
    let signing_name = metadata["signingName"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| endpoint_prefix.clone());
    let shapes_json = input.model["shapes"].as_object().cloned().unwrap_or_default();
    let rest = matches!(protocol, ProtocolFile::RestJson { .. } | ProtocolFile::RestXml { .. });
    let mut table =
        ShapeTable { source: &shapes_json, index: HashMap::new(), shapes: Vec::new(), rest };
    let mut operations = Vec::new();
    let empty = Map::new();
    for (name, op) in input.model["operations"].as_object().unwrap_or(&empty) {
        let input_shape = op["input"]["shape"].as_str();
        let input_index = match input_shape {
            Some(shape) => Some(table.add(shape)?),
            None => None,
        };
        let route = format!("aws/{cli_service}/{name}");
        let overlay = &input.overlay[&route];
        let cli_op = input.v1.operation(name);
        let cli_op_v2 = input.v2.operation(name);
        // With the CLI's tables at hand, a service or operation they do not list has no command.
        let removed = input.v1.lacks(name);
        let cli = if removed {
            Some("-".to_string())
        } else {
            cli_op.and_then(|c| c["cli"].as_str()).filter(|c| *c != kebab(name)).map(str::to_string)
        };
        let summary = overlay["summary"].as_str().map(str::to_string).unwrap_or_else(|| {
            docs::first_sentence(op["documentation"].as_str().unwrap_or(""), 200)
        });
        let input_members = input_shape.map(|s| &shapes_json[s]);
        operations.push(OperationFile {
            name: name.clone(),
            cli,
            sdk_method: if input.xform["removed"][input.name]
                .as_array()
                .is_some_and(|ops| ops.iter().any(|op| op == name.as_str()))
            {
                Some("-".to_string())
            } else {
                input.xform["names"][name.as_str()]
                    .as_str()
                    .filter(|py| *py != xform_name(name, '_'))
                    .map(str::to_string)
            },
            js_method: None,
            summary,
            input: input_index,
            host_prefix: op["endpoint"]["hostPrefix"].as_str().map(str::to_string),
            // An operation without overlay rules has none; malformed ones stop the build, as
            // the Alibaba overlay's do.
            rules: match &overlay["rules"] {
                Value::Null => Vec::new(),
                rules => read(rules, decode::overlay_rules)
                    .map_err(|e| format!("{}: rules: {e}", name))?,
            },
            gaps: {
                let mut gaps = cli_gaps(input, &input.v1, name, input_shape);
                if input.v1.service.is_some_and(|c| c["preview"] == Value::Bool(true)) {
                    gaps.push(CliGap::Preview(cli_service.clone()));
                }
                gaps
            },
            cli_args: cli_op
                .map(|c| cli_args(c, input_members, &shapes_json, cli_members(&input.v1, name)))
                .unwrap_or_default(),
            // A service AWS CLI v2 does not know at all (it lags v1 there) has no bundled model
            // to compare with: every operation of it is unknown to v2.
            gaps_v2: if !removed && input.v2.known && input.v2.service.is_none() {
                vec![CliGap::Operation(name.clone())]
            } else {
                cli_gaps(input, &input.v2, name, input_shape)
            },
            // Only where v2 takes the members otherwise than v1 (rarely: the tables are shared
            // code, and differ where v1 keeps hidden aliases or v2's model is older).
            cli_args_v2: cli_op_v2
                .map(|c| cli_args(c, input_members, &shapes_json, cli_members(&input.v2, name)))
                .filter(|v2| {
                    *v2 != cli_op
                        .map(|c| {
                            cli_args(c, input_members, &shapes_json, cli_members(&input.v1, name))
                        })
                        .unwrap_or_default()
                }),
            no_cli_v2: !removed && input.v2.removed.iter().any(|r| r == name),
            custom_args: cli_op_v2.or(cli_op).map(custom_args).unwrap_or_default(),
            paginated: cli_op.and_then(|c| c["paginated"].as_bool()).unwrap_or(false),
            page_size: paging(input.paginators, name, cli_op)
                .and_then(|p| p["limit_key"].as_str())
                .map(str::to_string),
            page_tokens: paging(input.paginators, name, cli_op)
                .map(|p| match &p["input_token"] {
                    Value::String(token) => vec![token.clone()],
                    tokens => tokens
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|t| t.as_str().map(str::to_string))
                        .collect(),
                })
                .unwrap_or_default(),
            order: cli_op.map(|c| cli_order(c, input_members)).unwrap_or_default(),
            docs: pairs(&overlay["docs"]),
            enum_docs: enum_docs(&overlay["enumDocs"]),
            checks: checks(&overlay["checks"])?,
            http: if rest {
                let mut binding = http(op, input_members, input.name == "route53");
                // The CLI's own argument table says when it takes a positional output file
                // (a blob answer, and S3 SelectObjectContent's event stream by customization).
                binding.streaming_output = cli_op.is_some_and(|c| {
                    c["args"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .any(|a| a["positional"] == Value::Bool(true) && a["arg"] == "outfile")
                });
                Some(binding)
            } else {
                None
            },
            ..OperationFile::default()
        });
    }
    if input.name == "s3" {
        bucket_pattern(&mut table.shapes, &operations);
    }
    let title = metadata["serviceFullName"].as_str().unwrap_or(input.name).to_string();
    let mut hints = Vec::new();
    for shape in &table.shapes {
        if let ShapeFile::String { pattern: Some(pattern), .. } = shape {
            if let Some(hint) = input.overlay["patternHints"][pattern].as_str() {
                if !hints.iter().any(|(p, _): &(String, String)| p == pattern) {
                    hints.push((pattern.clone(), hint.to_string()));
                }
            }
        }
    }
    Ok(Compiled::Service(ServiceFile {
        format: FORMAT,
        cloud: Cloud::Aws,
        sdk: (input.name != cli_service).then(|| input.name.to_string()),
        sdk_id: metadata["serviceId"].as_str().map(str::to_string),
        py_runtime: None,
        npm: None,
        npm_version: None,
        service: cli_service,
        title,
        signing_name,
        protocol,
        endpoints: {
            let mut endpoints = input.endpoints.for_service(&endpoint_prefix);
            if input.name == "s3" {
                // AWS CLI v1's default (`us_east_1_regional_endpoint = legacy`): the global host.
                endpoints.overrides.retain(|(region, _)| region != "us-east-1");
                endpoints.overrides.push(("us-east-1".to_string(), "s3.amazonaws.com".to_string()));
            }
            endpoints
        },
        shapes: table.shapes,
        operations,
        hints,
    }))
}

pub(crate) fn pairs(value: &Value) -> Vec<(String, String)> {
    value
        .as_object()
        .map(|m| m.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string()))).collect())
        .unwrap_or_default()
}

pub(crate) fn enum_docs(value: &Value) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (path, values) in value.as_object().into_iter().flatten() {
        for (enum_value, doc) in pairs(values) {
            out.push((path.clone(), enum_value, doc));
        }
    }
    out
}

/// Reads a part of the overlay (its rules and checks are written as the model format writes
/// them) with the format's one reader.
pub(crate) fn read<T>(value: &Value, reader: fn(&Node) -> Result<T, String>) -> Result<T, String> {
    reader(&Node::deserialize(value).map_err(|e| e.to_string())?)
}

pub(crate) fn checks(value: &Value) -> Result<Vec<(String, Check)>, String> {
    let mut out = Vec::new();
    for (path, list) in value.as_object().into_iter().flatten() {
        for check in list.as_array().into_iter().flatten() {
            let check = read(check, decode::overlay_check)
                .map_err(|e| format!("overlay check at {path}: {e}"))?;
            out.push((path.clone(), check));
        }
    }
    Ok(out)
}

/// Arguments whose CLI form differs from the default `--<kebab member>` (and, for a boolean,
/// `--x` / `--no-x`); members the CLI takes no argument for get an empty `arg`.
/// The top-level members in the order of the CLI's argument table (the order in which it builds
/// the request), when that is not the model's order; empty otherwise.
fn cli_order(cli_op: &Value, input: Option<&Value>) -> Vec<String> {
    let Some(members) = input.and_then(|s| s["members"].as_object()) else { return Vec::new() };
    let model: Vec<String> = members.keys().cloned().collect();
    let mut known: Vec<String> = Vec::new();
    for arg in cli_op["args"].as_array().into_iter().flatten() {
        // ec2 run-instances `--count` sets MinCount then MaxCount at its place in the table.
        if arg["class"] == "CountArgument" {
            for member in ["MinCount", "MaxCount"] {
                if model.iter().any(|m| m == member) && !known.iter().any(|m| m == member) {
                    known.push(member.to_string());
                }
            }
        }
        if let Some(member) = arg["member"].as_str() {
            if arg.get("submember").is_none()
                && model.iter().any(|m| m == member)
                && !known.iter().any(|m| m == member)
            {
                known.push(member.to_string());
            }
        }
    }
    // Only the members the CLI knows are permuted, within their own places; members it does
    // not know (AWS CLI v2 territory) keep the model's place.
    let mut next = known.iter();
    let order: Vec<String> = model
        .iter()
        .map(|m| {
            if known.contains(m) {
                next.next().cloned().unwrap_or_else(|| m.clone())
            } else {
                m.clone()
            }
        })
        .collect();
    if order == model {
        Vec::new()
    } else {
        order
    }
}

/// The top-level members a CLI's bundled model knows for an operation.
fn cli_members(cli: &CliInput<'_>, operation: &str) -> Option<BTreeSet<String>> {
    let model = cli.model?;
    let shape = model["operations"][operation]["input"]["shape"].as_str()?;
    Some(model["shapes"][shape]["members"].as_object()?.keys().cloned().collect())
}

/// Members today's model has and the CLI v1 model lacks are not in the CLI's tables; they keep
/// the default naming (AWS CLI v2 derives it the same way) and the page warns that they need
/// AWS CLI v2.
fn cli_args(
    cli_op: &Value,
    input: Option<&Value>,
    shapes: &Map<String, Value>,
    v1: Option<BTreeSet<String>>,
) -> Vec<CliArg> {
    let Some(members) = input.and_then(|s| s["members"].as_object()) else { return Vec::new() };
    let args = cli_op["args"].as_array().cloned().unwrap_or_default();
    let mut out = Vec::new();
    for (member, reference) in members {
        let is_bool =
            reference["shape"].as_str().and_then(|s| shapes[s]["type"].as_str()) == Some("boolean");
        // Arguments that set a nested field (`submember`) or alias another do not carry the member.
        let found = args.iter().find(|a| {
            a["member"].as_str() == Some(member.as_str())
                && a.get("submember").is_none()
                && a.get("alias_of").is_none()
                && a["hidden"] != true
        });
        let found = found.or_else(|| {
            args.iter().find(|a| {
                a["member"].as_str() == Some(member.as_str()) && a.get("submember").is_none()
            })
        });
        match found {
            None if v1.as_ref().is_some_and(|known| !known.contains(member)) => {}
            None => {
                out.push(CliArg { member: member.clone(), arg: String::new(), ..CliArg::default() })
            }
            Some(arg) => {
                let name = arg["arg"].as_str().unwrap_or("").to_string();
                let bool_pair = arg["kind"] == "bool-pair";
                let negative = arg["negative"]
                    .as_str()
                    .filter(|n| *n != format!("no-{name}"))
                    .map(str::to_string);
                let value_structure = arg["bool_style"] == "value-structure";
                if name != kebab(member)
                    || (is_bool && !bool_pair)
                    || negative.is_some()
                    || value_structure
                {
                    out.push(CliArg {
                        member: member.clone(),
                        arg: name,
                        bool_pair,
                        negative,
                        value_structure,
                    });
                }
            }
        }
    }
    out
}

/// The arguments a CLI customization adds that set no member by themselves (ec2
/// run-instances `--count`, the security-group `--protocol`/`--port`/…), with the class that
/// implements each: the page reads and writes the classes it has a strategy for.
fn custom_args(cli_op: &Value) -> Vec<(String, String)> {
    const GENERIC: &[&str] = &[
        "PageArgument",
        "CliInputJSONArgument",
        "CliInputYAMLArgument",
        "GenerateCliSkeletonArgument",
        "StreamingOutputArgument",
        "S3SelectStreamOutputArgument",
    ];
    let args = cli_op["args"].as_array().into_iter().flatten();
    args.filter(|a| a["member"].is_null() && a["hidden"] != true && a["positional"] != true)
        .filter_map(|a| Some((a["arg"].as_str()?, a["class"].as_str()?)))
        .filter(|(_, class)| !GENERIC.contains(class))
        .map(|(arg, class)| (arg.to_string(), class.to_string()))
        .collect()
}

/// The paginator of an operation that the CLI paginates (its argument table says so).
fn paging<'a>(
    paginators: Option<&'a Value>,
    name: &str,
    cli_op: Option<&Value>,
) -> Option<&'a Value> {
    let paginated = cli_op.and_then(|c| c["paginated"].as_bool()).unwrap_or(false);
    paginators?["pagination"].get(name).filter(|_| paginated)
}

/// What today's model has for this operation that a CLI's bundled model does not.
fn cli_gaps(
    input: &ServiceInput<'_>,
    cli: &CliInput<'_>,
    operation: &str,
    input_shape: Option<&str>,
) -> Vec<CliGap> {
    let Some(v1) = cli.model else { return Vec::new() };
    let Some(v1_op) = v1["operations"].get(operation) else {
        return vec![CliGap::Operation(operation.to_string())];
    };
    let today_http = &input.model["operations"][operation]["http"];
    let binding = |http: &Value| {
        format!(
            "{} {}",
            http["method"].as_str().unwrap_or("POST"),
            http["requestUri"].as_str().unwrap_or("/")
        )
    };
    let rest =
        matches!(resolved_protocol(&input.model["metadata"]).as_str(), "rest-json" | "rest-xml");
    let uri_gap = (rest && binding(&v1_op["http"]) != binding(today_http))
        .then(|| CliGap::Uri(binding(&v1_op["http"])));
    let (Some(today), Some(v1_shape)) = (input_shape, v1_op["input"]["shape"].as_str()) else {
        return uri_gap.into_iter().collect();
    };
    let mut gaps: Vec<CliGap> = uri_gap.into_iter().collect();
    let mut seen = BTreeSet::new();
    unknown_members(
        &input.model["shapes"],
        &v1["shapes"],
        today,
        v1_shape,
        "",
        &mut seen,
        &mut gaps,
    );
    let today_required: BTreeSet<&str> = required(&input.model["shapes"][today]);
    for name in required(&v1["shapes"][v1_shape]) {
        if !today_required.contains(name)
            && input.model["shapes"][today]["members"].get(name).is_some()
        {
            gaps.push(CliGap::Required(name.to_string()));
        }
    }
    gaps
}

fn required(shape: &Value) -> BTreeSet<&str> {
    shape["required"].as_array().into_iter().flatten().filter_map(|v| v.as_str()).collect()
}

/// Member paths (list items transparent: `Tags.Key`) known today but not to the CLI v1.
fn unknown_members(
    today: &Value,
    v1: &Value,
    shape: &str,
    v1_shape: &str,
    prefix: &str,
    seen: &mut BTreeSet<(String, String)>,
    out: &mut Vec<CliGap>,
) {
    if !seen.insert((shape.to_string(), prefix.to_string())) || prefix.matches('.').count() > 6 {
        return;
    }
    let (t, o) = (&today[shape], &v1[v1_shape]);
    match t["type"].as_str() {
        Some("structure") => {
            for (name, member) in t["members"].as_object().into_iter().flatten() {
                let path =
                    if prefix.is_empty() { name.clone() } else { format!("{prefix}.{name}") };
                match o["members"].get(name) {
                    None => out.push(CliGap::Unknown(path)),
                    Some(v1_member) => {
                        let (Some(a), Some(b)) =
                            (member["shape"].as_str(), v1_member["shape"].as_str())
                        else {
                            continue;
                        };
                        unknown_members(today, v1, a, b, &path, seen, out);
                    }
                }
            }
        }
        Some("list") => {
            if let (Some(a), Some(b)) =
                (t["member"]["shape"].as_str(), o["member"]["shape"].as_str())
            {
                unknown_members(today, v1, a, b, prefix, seen, out);
            }
        }
        _ => {}
    }
}

/// botocore's `validate_bucket_name` (handlers.py), which the CLI runs on every S3 operation's
/// top-level `Bucket`: a bucket name, or an access point or Outposts ARN.
const S3_BUCKET_PATTERN: &str = concat!(
    r"^[a-zA-Z0-9.\-_]{1,255}$",
    r"|^arn:(aws).*:(s3|s3-object-lambda):[a-z\-0-9]*:[0-9]{12}:accesspoint[/:][a-zA-Z0-9\-.]{1,63}$",
    r"|^arn:(aws).*:s3-outposts:[a-z\-0-9]+:[0-9]{12}:outpost[/:][a-zA-Z0-9\-]{1,63}[/:]accesspoint[/:][a-zA-Z0-9\-]{1,63}$",
);

/// Gives every S3 input's top-level `Bucket` a copy of its string shape with the CLI's bucket
/// check as its pattern (nested `Bucket` members, such as replication ARNs, keep theirs).
fn bucket_pattern(shapes: &mut Vec<ShapeFile>, operations: &[OperationFile]) {
    let mut copies: HashMap<usize, usize> = HashMap::new();
    let inputs: BTreeSet<usize> = operations.iter().filter_map(|op| op.input).collect();
    for input in inputs {
        let ShapeFile::Structure { members, .. } = &shapes[input] else { continue };
        let Some(position) = members.iter().position(|m| m.name == "Bucket") else { continue };
        let original = members[position].shape;
        let copy = match copies.get(&original) {
            Some(&copy) => copy,
            None => {
                let ShapeFile::String { min, max, values, .. } = shapes[original].clone() else {
                    continue;
                };
                shapes.push(ShapeFile::String {
                    min,
                    max,
                    pattern: Some(S3_BUCKET_PATTERN.to_string()),
                    values,
                });
                copies.insert(original, shapes.len() - 1);
                shapes.len() - 1
            }
        };
        if let ShapeFile::Structure { members, .. } = &mut shapes[input] {
            members[position].shape = copy;
        }
    }
}

/// A REST operation's HTTP binding: botocore's `http`, the input shape's `payload`, and the
/// root element name and namespace of an XML body (the input reference's, else the shape's).
/// `route53_ids`: list the members botocore's `fix_route53_ids` cuts to their last segment
/// (those of the shapes `ResourceId`, `DelegationSetId`, `ChangeId`).
fn http(op: &Value, input: Option<&Value>, route53_ids: bool) -> HttpFile {
    let reference = &op["input"];
    let shape = input.unwrap_or(&Value::Null);
    HttpFile {
        method: op["http"]["method"].as_str().unwrap_or("POST").to_string(),
        request_uri: op["http"]["requestUri"].as_str().unwrap_or("/").to_string(),
        payload: shape["payload"].as_str().map(str::to_string),
        xml_root: reference["locationName"]
            .as_str()
            .or_else(|| shape["locationName"].as_str())
            .map(str::to_string),
        xml_namespace: namespace(&reference["xmlNamespace"])
            .or_else(|| namespace(&shape["xmlNamespace"])),
        checksum_required: op["httpChecksumRequired"] == Value::Bool(true)
            || op["httpChecksum"]["requestChecksumRequired"] == Value::Bool(true),
        checksum_algorithm_member: op["httpChecksum"]["requestAlgorithmMember"]
            .as_str()
            .map(str::to_string),
        streaming_output: false,
        last_segment: shape["members"]
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(_, r)| {
                route53_ids
                    && matches!(
                        r["shape"].as_str(),
                        Some("ResourceId" | "DelegationSetId" | "ChangeId")
                    )
            })
            .map(|(name, _)| name.clone())
            .collect(),
    }
}

/// botocore's `xmlNamespace`: a URI, or `{"prefix", "uri"}`.
fn namespace(value: &Value) -> Option<XmlNamespaceFile> {
    match value {
        Value::String(uri) => Some(XmlNamespaceFile { prefix: String::new(), uri: uri.clone() }),
        Value::Object(map) => Some(XmlNamespaceFile {
            prefix: map.get("prefix").and_then(|p| p.as_str()).unwrap_or("").to_string(),
            uri: map.get("uri").and_then(|u| u.as_str()).unwrap_or("").to_string(),
        }),
        _ => None,
    }
}

/// The shapes reachable from operation inputs, numbered in the order first reached.
struct ShapeTable<'a> {
    source: &'a Map<String, Value>,
    index: HashMap<String, usize>,
    shapes: Vec<ShapeFile>,
    /// A REST service: member references take the serialization traits of their shapes too
    /// (botocore merges the two), which only the REST renderers read.
    rest: bool,
}

impl ShapeTable<'_> {
    fn add(&mut self, name: &str) -> Result<usize, String> {
        if let Some(&index) = self.index.get(name) {
            return Ok(index);
        }
        let shape =
            self.source.get(name).ok_or_else(|| format!("shape {name} is missing"))?.clone();
        let index = self.shapes.len();
        self.index.insert(name.to_string(), index);
        // Reserve the slot first, so a shape that refers to itself finds its own index.
        self.shapes.push(ShapeFile::Document);
        let u32_of = |key: &str| shape[key].as_f64().map(|v| v.clamp(0.0, u32::MAX as f64) as u32);
        let i64_of = |key: &str| shape[key].as_f64().map(|v| v as i64);
        let compiled = match shape["type"].as_str().unwrap_or("") {
            "string" => ShapeFile::String {
                min: u32_of("min"),
                max: u32_of("max"),
                pattern: shape["pattern"].as_str().map(str::to_string),
                values: shape["enum"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
            },
            "integer" => ShapeFile::Integer { min: i64_of("min"), max: i64_of("max"), long: false },
            "long" => ShapeFile::Integer { min: i64_of("min"), max: i64_of("max"), long: true },
            "float" | "double" => {
                ShapeFile::Float { min: shape["min"].as_f64(), max: shape["max"].as_f64() }
            }
            "boolean" => ShapeFile::Boolean,
            "timestamp" => ShapeFile::Timestamp {
                format: shape["timestampFormat"].as_str().map(str::to_string),
            },
            "blob" => ShapeFile::Blob { min: u32_of("min"), max: u32_of("max") },
            "structure" if shape["document"] == Value::Bool(true) => ShapeFile::Document,
            "list" => ShapeFile::List {
                item: self.member("", &shape["member"], false)?,
                min: u32_of("min"),
                max: u32_of("max"),
                flattened: shape["flattened"] == Value::Bool(true),
            },
            "map" => ShapeFile::Map {
                key: self.member("", &shape["key"], false)?,
                value: self.member("", &shape["value"], false)?,
                min: u32_of("min"),
                max: u32_of("max"),
                flattened: shape["flattened"] == Value::Bool(true),
            },
            "structure" => {
                let required = required(&shape);
                let mut members = Vec::new();
                for (member_name, reference) in shape["members"].as_object().into_iter().flatten() {
                    members.push(self.member(
                        member_name,
                        reference,
                        required.contains(member_name.as_str()),
                    )?);
                }
                ShapeFile::Structure { name: name.to_string(), members }
            }
            other => return Err(format!("shape {name} has unknown type {other}")),
        };
        self.shapes[index] = compiled;
        Ok(index)
    }

    fn member(
        &mut self,
        name: &str,
        reference: &Value,
        required: bool,
    ) -> Result<MemberFile, String> {
        let shape_name =
            reference["shape"].as_str().ok_or_else(|| format!("member {name} names no shape"))?;
        let shape = self.add(shape_name)?;
        let doc_html = reference["documentation"]
            .as_str()
            .or_else(|| self.source[shape_name]["documentation"].as_str())
            .unwrap_or("");
        let target = &self.source[shape_name];
        // botocore resolves a reference with traits as its shape updated by those traits.
        let trait_of = |key: &str| -> &Value {
            match &reference[key] {
                Value::Null if self.rest => &target[key],
                found => found,
            }
        };
        let location = match reference["location"].as_str() {
            Some("uri") => Some(Location::Uri),
            Some("querystring") => Some(Location::Querystring),
            Some("header") => Some(Location::Header),
            Some("headers") => Some(Location::Headers),
            Some("statusCode") => Some(Location::StatusCode),
            _ => None,
        };
        Ok(MemberFile {
            location,
            xml_attribute: trait_of("xmlAttribute") == &Value::Bool(true),
            xml_namespace: namespace(trait_of("xmlNamespace")),
            json_value: trait_of("jsonvalue") == &Value::Bool(true),
            flattened: self.rest && trait_of("flattened") == &Value::Bool(true),
            streaming: self.rest && trait_of("streaming") == &Value::Bool(true),
            // On the shape in every protocol (botocore's `sensitive` is a shape trait that
            // references may repeat).
            sensitive: reference["sensitive"] == Value::Bool(true)
                || target["sensitive"] == Value::Bool(true),
            // A required member stays with the others, whatever its docs say.
            aside: match () {
                _ if required || name.is_empty() => None,
                _ if reference["deprecated"] == Value::Bool(true)
                    || target["deprecated"] == Value::Bool(true) =>
                {
                    Some(Aside::Deprecated)
                }
                _ => docs::aside_of(&docs::plain(doc_html)),
            },
            name: name.to_string(),
            shape,
            required,
            location_name: trait_of("locationName").as_str().map(str::to_string),
            query_name: reference["queryName"].as_str().map(str::to_string),
            doc: if name.is_empty() { String::new() } else { docs::first_sentence(doc_html, 160) },
            host_label: reference["hostLabel"] == Value::Bool(true),
            idempotency_token: reference["idempotencyToken"] == Value::Bool(true),
            sdk_name: None,
            js_name: None,
        })
    }
}
