//! The compiled model format: one JSON file per service, written by the model compiler
//! (`modelc/`) from the official files and read by the page when an operation of that service
//! is opened. This module owns the format's types and the loader that turns a file into the
//! `'static` model of `core::model`.
//!
//! Each type is the format's one definition, and each field is written by the `Serialize`
//! derive (its key and when it is left out are in its `serde` attribute) and read by
//! `model::decode`, the only reader, which the page, the compiler's `--extra` files and the
//! proxy all use. A derived `Deserialize` would be a second reader of every field, and in the
//! page's wasm a large one. `tests/model_decode.rs` writes back what `decode` read of every
//! compiled file and requires the file itself, so a key the two spell differently fails there.
//!
//! Shapes are a table referenced by index, as in botocore, so recursive shapes are plain
//! indices. Member references carry the serialization names (`locationName`, `queryName`) and
//! the one-line doc; the overlay (cross-field rules, prose checks, better docs) is already
//! merged into each operation by the compiler.

use crate::core::model::{
    Aside, Check, CliArg, CliGap, Cloud, Endpoints, EnumValue, FloatRange, Http, Kind, Location,
    Member, NumRange, Operation, Placement, Protocol, RpcWire, Rule, StringRules, Structure,
    ValueStyle, XmlNamespace,
};
use serde::Serialize;

/// The format version; the loader refuses other versions with a clear message.
pub const FORMAT: u32 = 1;

/// One service's compiled model.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ServiceFile {
    /// [`FORMAT`].
    pub format: u32,
    /// Which cloud.
    pub cloud: Cloud,
    /// The CLI's service name and route segment (`dms`, `s3api`).
    pub service: String,
    /// The service's full name.
    pub title: String,
    /// The SigV4 signing name or product code.
    #[serde(rename = "signingName")]
    pub signing_name: String,
    /// The SDK's name of the service when it is not `service`: botocore's (and so boto3's
    /// client name), the folder of botocore's data (`s3` for the CLI's `s3api`); for Alibaba
    /// Cloud the product's Python SDK package (`alibabacloud_smc20190601`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sdk: Option<String>,
    /// Alibaba Cloud: the module of the `RuntimeOptions` class the Python SDK's client takes
    /// (`darabonba.runtime`, or Tea's `alibabacloud_tea_util.models` in older packages).
    #[serde(rename = "pyrt", skip_serializing_if = "Option::is_none")]
    pub py_runtime: Option<String>,
    /// Alibaba Cloud: the product's npm package (`@alicloud/ecs20140526`), by the SDK's rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub npm: Option<String>,
    /// Alibaba Cloud: the version of `npm` pinned in modeldata/aliyun-npm, when npm has the
    /// package in the generation the page writes for (`<action>WithOptions`).
    #[serde(rename = "npmv", skip_serializing_if = "Option::is_none")]
    pub npm_version: Option<String>,
    /// botocore's `metadata.serviceId` (the SDKs' `sdkId`, from which the AWS SDK for
    /// JavaScript v3 names its package and client class); AWS only.
    #[serde(rename = "sid", skip_serializing_if = "Option::is_none")]
    pub sdk_id: Option<String>,
    /// The wire protocol.
    pub protocol: ProtocolFile,
    /// Endpoints per region.
    pub endpoints: Endpoints,
    /// The shape table.
    pub shapes: Vec<ShapeFile>,
    /// The operations, in model order.
    pub operations: Vec<OperationFile>,
    /// What values matching a pattern look like, in words (overlay), by pattern source.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<(String, String)>,
}

/// The protocol and its metadata.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub enum ProtocolFile {
    /// awsJson 1.0 / 1.1.
    Json {
        /// `1.0` or `1.1`.
        #[serde(rename = "jsonVersion")]
        json_version: String,
        /// `metadata.targetPrefix`.
        #[serde(rename = "targetPrefix")]
        target_prefix: String,
        /// `metadata.awsQueryCompatible` is present.
        #[serde(rename = "queryCompatible", skip_serializing_if = "is_false")]
        query_compatible: bool,
    },
    /// awsQuery.
    Query {
        /// `metadata.apiVersion`.
        #[serde(rename = "apiVersion")]
        api_version: String,
    },
    /// ec2.
    Ec2 {
        /// `metadata.apiVersion`.
        #[serde(rename = "apiVersion")]
        api_version: String,
    },
    /// Alibaba Cloud RPC.
    Rpc {
        /// The API version.
        version: String,
    },
    /// Alibaba Cloud ROA.
    Roa {
        /// The API version.
        version: String,
    },
    /// rest-json.
    RestJson {
        /// `metadata.apiVersion`.
        #[serde(rename = "apiVersion")]
        api_version: String,
    },
    /// rest-xml.
    RestXml {
        /// `metadata.apiVersion`.
        #[serde(rename = "apiVersion")]
        api_version: String,
    },
}

/// An XML namespace: `xmlns` (empty prefix) or `xmlns:<prefix>`.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct XmlNamespaceFile {
    /// The prefix.
    #[serde(rename = "p", skip_serializing_if = "String::is_empty")]
    pub prefix: String,
    /// The URI.
    #[serde(rename = "u")]
    pub uri: String,
}

/// The HTTP binding of a REST operation.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct HttpFile {
    /// The method.
    #[serde(rename = "m")]
    pub method: String,
    /// The request URI template.
    #[serde(rename = "u")]
    pub request_uri: String,
    /// The input shape's `payload` member.
    #[serde(rename = "pl", skip_serializing_if = "Option::is_none")]
    pub payload: Option<String>,
    /// rest-xml: the input reference's `locationName` (the body's root element).
    #[serde(rename = "root", skip_serializing_if = "Option::is_none")]
    pub xml_root: Option<String>,
    /// rest-xml: the input reference's (or shape's) `xmlNamespace`.
    #[serde(rename = "xns", skip_serializing_if = "Option::is_none")]
    pub xml_namespace: Option<XmlNamespaceFile>,
    /// A checksum of the body is required.
    #[serde(rename = "ck", skip_serializing_if = "is_false")]
    pub checksum_required: bool,
    /// `httpChecksum.requestAlgorithmMember`.
    #[serde(rename = "cka", skip_serializing_if = "Option::is_none")]
    pub checksum_algorithm_member: Option<String>,
    /// Top-level members cut to their last `/` segment (botocore's `fix_route53_ids`).
    #[serde(rename = "ls", skip_serializing_if = "Vec::is_empty")]
    pub last_segment: Vec<String>,
    /// The output's payload member streams.
    #[serde(rename = "so", skip_serializing_if = "is_false")]
    pub streaming_output: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A reference to a shape with the attributes a member reference carries.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct MemberFile {
    /// Member name (empty for list items and map keys/values).
    #[serde(rename = "n", skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Shape index.
    #[serde(rename = "s")]
    pub shape: usize,
    /// Required by the enclosing structure.
    #[serde(rename = "r", skip_serializing_if = "is_false")]
    pub required: bool,
    /// `locationName`.
    #[serde(rename = "ln", skip_serializing_if = "Option::is_none")]
    pub location_name: Option<String>,
    /// `queryName`.
    #[serde(rename = "qn", skip_serializing_if = "Option::is_none")]
    pub query_name: Option<String>,
    /// One-line doc.
    #[serde(rename = "d", skip_serializing_if = "String::is_empty")]
    pub doc: String,
    /// `hostLabel`.
    #[serde(rename = "hl", skip_serializing_if = "is_false")]
    pub host_label: bool,
    /// `idempotencyToken`: the AWS CLI fills it with a random UUID when it is not set.
    #[serde(rename = "it", skip_serializing_if = "is_false")]
    pub idempotency_token: bool,
    /// REST `location`.
    #[serde(rename = "loc", skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// rest-xml `xmlAttribute`.
    #[serde(rename = "xa", skip_serializing_if = "is_false")]
    pub xml_attribute: bool,
    /// rest-xml `xmlNamespace` (of the reference or its shape).
    #[serde(rename = "xns", skip_serializing_if = "Option::is_none")]
    pub xml_namespace: Option<XmlNamespaceFile>,
    /// `jsonvalue`.
    #[serde(rename = "jv", skip_serializing_if = "is_false")]
    pub json_value: bool,
    /// `flattened` on the reference or its shape (rest-xml).
    #[serde(rename = "fl", skip_serializing_if = "is_false")]
    pub flattened: bool,
    /// `streaming` on the shape.
    #[serde(rename = "sm", skip_serializing_if = "is_false")]
    pub streaming: bool,
    /// A secret (botocore's `sensitive` on the reference or its shape; for Alibaba Cloud, a
    /// password or secret by its name): never kept in a link or a draft.
    #[serde(rename = "se", skip_serializing_if = "is_false")]
    pub sensitive: bool,
    /// Deprecated or internal (botocore's `deprecated`, or the docs' words; `modelc::docs`):
    /// the form shows it last, folded and marked.
    #[serde(rename = "as", skip_serializing_if = "Option::is_none")]
    pub aside: Option<Aside>,
    /// Alibaba Cloud: the Python SDK's attribute name when it is not the generator's rule
    /// (`names::aliyun_python`): `v_switch_id` for `VSwitchId`.
    #[serde(rename = "py", skip_serializing_if = "Option::is_none")]
    pub sdk_name: Option<String>,
    /// Alibaba Cloud: the npm package's attribute name when it is not the rule
    /// (`core::sdk::aliyun_js`); `-` when the pinned package does not know the member.
    #[serde(rename = "js", skip_serializing_if = "Option::is_none")]
    pub js_name: Option<String>,
}

/// A shape. Short tags keep the files small: they are fetched over the network. Enums here are
/// externally tagged (`{"st": {...}}`, `"b"`).
// A list's or map's member references are held inline: a file's shape table lives only while
// the file is loaded (`load_file` builds the model from it), so the larger variants cost
// nothing lasting, and boxing them would add an allocation per list and map to every load.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Serialize, PartialEq)]
pub enum ShapeFile {
    /// string
    #[serde(rename = "s")]
    String {
        #[serde(skip_serializing_if = "Option::is_none")]
        min: Option<u32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        max: Option<u32>,
        #[serde(rename = "p", skip_serializing_if = "Option::is_none")]
        pattern: Option<String>,
        #[serde(rename = "e", skip_serializing_if = "Vec::is_empty")]
        values: Vec<String>,
    },
    /// integer / long
    #[serde(rename = "i")]
    Integer {
        #[serde(skip_serializing_if = "Option::is_none")]
        min: Option<i64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        max: Option<i64>,
        #[serde(skip_serializing_if = "is_false")]
        long: bool,
    },
    /// float / double
    #[serde(rename = "f")]
    Float {
        #[serde(skip_serializing_if = "Option::is_none")]
        min: Option<f64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        max: Option<f64>,
    },
    /// boolean
    #[serde(rename = "b")]
    Boolean,
    /// timestamp
    #[serde(rename = "ts")]
    Timestamp {
        #[serde(rename = "fmt", skip_serializing_if = "Option::is_none")]
        format: Option<String>,
    },
    /// blob
    #[serde(rename = "bl")]
    Blob {
        #[serde(skip_serializing_if = "Option::is_none")]
        min: Option<u32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        max: Option<u32>,
    },
    /// document
    #[serde(rename = "d")]
    Document,
    /// list
    #[serde(rename = "l")]
    List {
        #[serde(rename = "m")]
        item: MemberFile,
        #[serde(skip_serializing_if = "Option::is_none")]
        min: Option<u32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        max: Option<u32>,
        #[serde(rename = "fl", skip_serializing_if = "is_false")]
        flattened: bool,
    },
    /// map
    #[serde(rename = "m")]
    Map {
        #[serde(rename = "k")]
        key: MemberFile,
        #[serde(rename = "v")]
        value: MemberFile,
        #[serde(skip_serializing_if = "Option::is_none")]
        min: Option<u32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        max: Option<u32>,
        #[serde(rename = "fl", skip_serializing_if = "is_false")]
        flattened: bool,
    },
    /// structure
    #[serde(rename = "st")]
    Structure {
        #[serde(rename = "n")]
        name: String,
        #[serde(rename = "m")]
        members: Vec<MemberFile>,
    },
}

/// One operation.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct OperationFile {
    /// The operation name.
    pub name: String,
    /// The CLI name when it is not botocore's `xform_name` of `name`; `-` when the CLI has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cli: Option<String>,
    /// boto3's method name when botocore does not follow its own `xform_name` rule
    /// (`names::xform_name`) for it: an entry of botocore's `_xform_cache`; `-` when botocore
    /// takes the method off its clients (it cannot send the operation). Alibaba Cloud: the
    /// Python SDK's `<action>_with_options` method when it is not `names::aliyun_python`'s.
    #[serde(rename = "py", skip_serializing_if = "Option::is_none")]
    pub sdk_method: Option<String>,
    /// Alibaba Cloud: the npm package's `<action>WithOptions` method when it is not the rule
    /// (`core::sdk::aliyun_js`); `-` when the pinned package has none.
    #[serde(rename = "js", skip_serializing_if = "Option::is_none")]
    pub js_method: Option<String>,
    /// One-sentence summary.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// Input structure shape index (none: the operation takes no input).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<usize>,
    /// `endpoint.hostPrefix`.
    #[serde(rename = "hostPrefix", skip_serializing_if = "Option::is_none")]
    pub host_prefix: Option<String>,
    /// Cross-field rules (overlay).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
    /// AWS CLI v1 gaps.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub gaps: Vec<CliGap>,
    /// CLI arguments that differ from the default naming.
    #[serde(rename = "cliArgs", skip_serializing_if = "Vec::is_empty")]
    pub cli_args: Vec<CliArg>,
    /// AWS CLI v2 gaps (what today's model has that the pinned v2's bundled model lacks).
    #[serde(rename = "gapsV2", skip_serializing_if = "Vec::is_empty")]
    pub gaps_v2: Vec<CliGap>,
    /// AWS CLI v2's arguments that differ from the default naming, where they are not v1's.
    #[serde(rename = "cliArgsV2", skip_serializing_if = "Option::is_none")]
    pub cli_args_v2: Option<Vec<CliArg>>,
    /// AWS CLI v1 has a command for the operation and v2 has none (v2 replaced it).
    #[serde(rename = "noCliV2", skip_serializing_if = "is_false")]
    pub no_cli_v2: bool,
    /// Arguments a CLI customization adds that set no member by themselves: (option without
    /// `--`, the class implementing it), from the CLI's own argument table.
    #[serde(rename = "customArgs", skip_serializing_if = "Vec::is_empty")]
    pub custom_args: Vec<(String, String)>,
    /// The CLI paginates the operation.
    #[serde(skip_serializing_if = "is_false")]
    pub paginated: bool,
    /// The member the CLI's `--page-size` sets (the paginator's `limit_key`), when it has one.
    #[serde(rename = "pageSize", skip_serializing_if = "Option::is_none")]
    pub page_size: Option<String>,
    /// The members a `--starting-token` sets (the paginator's `input_token`), in its order.
    #[serde(rename = "pageTokens", skip_serializing_if = "Vec::is_empty")]
    pub page_tokens: Vec<String>,
    /// The top-level members in the order the AWS CLI sends them (its argument table's order),
    /// when that differs from the model's; the page then builds the request in this order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub order: Vec<String>,
    /// Overlay docs by member path.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub docs: Vec<(String, String)>,
    /// Overlay enum value docs by member path: (path, value, doc).
    #[serde(rename = "enumDocs", skip_serializing_if = "Vec::is_empty")]
    pub enum_docs: Vec<(String, String, String)>,
    /// Overlay prose checks by member path.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<(String, Check)>,
    /// Alibaba Cloud RPC: the HTTP method when it is not `POST`.
    #[serde(rename = "rpcMethod", skip_serializing_if = "Option::is_none")]
    pub rpc_method: Option<String>,
    /// Alibaba Cloud RPC: top-level members that are not flattened query parameters, with how
    /// the SDK sends them: `body`, `json`, `simple` or `body,json` (body and JSON).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub placement: Vec<(String, String)>,
    /// Alibaba Cloud RPC: where the `aliyun` CLI's metadata differs from the SDK, by flag
    /// pattern (`Tag.N.Key`: `N` a list index, `*` a map key, `**` under a document): `unknown`
    /// (not listed), `query` or `body` (the CLI places the flag there, the SDK elsewhere), and
    /// for the numbered names it lists (`Filter.1.Key`) `listed` or the place;
    /// `("", "unlisted")` when the metadata has no such API. Written by the model compiler.
    #[serde(rename = "aliyunCli", skip_serializing_if = "Vec::is_empty")]
    pub aliyun_cli: Vec<(String, String)>,
    /// REST operations: the HTTP binding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http: Option<HttpFile>,
    /// Alibaba Cloud ROA: the body is a form (`form`, the SDK's `formData`) rather than JSON.
    #[serde(rename = "roaBody", skip_serializing_if = "Option::is_none")]
    pub roa_body: Option<String>,
    /// Alibaba Cloud ROA: what the SDK sends when no member sets it: (`<place>:<key>`, value as
    /// JSON), the place `querystring`, `header`, `body` or `payload` (the whole body).
    #[serde(rename = "roaUnset", skip_serializing_if = "Vec::is_empty")]
    pub roa_unset: Vec<(String, String)>,
    /// Alibaba Cloud ROA: the Python SDK's method takes no request model (path arguments and
    /// headers only).
    #[serde(rename = "pyNoRequest", skip_serializing_if = "is_false")]
    pub py_no_request: bool,
    /// Alibaba Cloud ROA: the Python SDK method's path arguments in its order, where one of
    /// them never reaches the path (and has no member).
    #[serde(rename = "pyPathArgs", skip_serializing_if = "Vec::is_empty")]
    pub py_path_args: Vec<String>,
}

/// One line of the operations index: enough to list, search and route to every operation
/// without fetching any service model.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IndexService {
    /// Which cloud.
    pub cloud: Cloud,
    /// Service id.
    pub service: String,
    /// Full name.
    pub title: String,
    /// (operation name, CLI name when not the default, summary).
    pub ops: Vec<(String, String, String)>,
}

/// A loaded service: its operations, living for the rest of the page.
#[derive(Debug)]
pub struct Service {
    /// Which cloud.
    pub cloud: Cloud,
    /// Service id.
    pub id: &'static str,
    /// Full name.
    pub title: &'static str,
    /// Every operation, in model order.
    pub operations: Vec<&'static Operation>,
}

impl Service {
    /// The operation called `name`.
    pub fn operation(&self, name: &str) -> Option<&'static Operation> {
        self.operations.iter().copied().find(|op| op.name == name)
    }
}

// Slices are leaked as they are (`Vec::leak`): boxing them would first shrink each one to its
// length, a reallocation and copy per structure that cost milliseconds per service in the page.
fn leak<T>(value: T) -> &'static T {
    Box::leak(Box::new(value))
}

fn leak_str(text: &str) -> &'static str {
    if text.is_empty() {
        ""
    } else {
        Box::leak(text.to_string().into_boxed_str())
    }
}

/// Loads a parsed service file. The model then lives for the rest of the process: a page
/// loads each service at most once (`catalog::register` parses, caches and calls this).
pub fn load_file(file: &ServiceFile) -> Result<&'static Service, String> {
    if file.format != FORMAT {
        return Err(format!("model format {} is not {FORMAT}; rebuild the models", file.format));
    }
    let protocol = match &file.protocol {
        ProtocolFile::Json { json_version, target_prefix, query_compatible } => Protocol::AwsJson {
            json_version: leak_str(json_version),
            target_prefix: leak_str(target_prefix),
            query_compatible: *query_compatible,
        },
        ProtocolFile::Query { api_version } => {
            Protocol::AwsQuery { api_version: leak_str(api_version) }
        }
        ProtocolFile::Ec2 { api_version } => Protocol::Ec2 { api_version: leak_str(api_version) },
        ProtocolFile::Rpc { version } => Protocol::AliyunRpc { version: leak_str(version) },
        ProtocolFile::Roa { version } => Protocol::AliyunRoa { version: leak_str(version) },
        ProtocolFile::RestJson { api_version } => {
            Protocol::RestJson { api_version: leak_str(api_version) }
        }
        ProtocolFile::RestXml { api_version } => {
            Protocol::RestXml { api_version: leak_str(api_version) }
        }
    };
    for (pattern, hint) in &file.hints {
        crate::core::model::pattern::add_hint(leak_str(pattern), leak_str(hint));
    }
    let shapes = Shapes::build(&file.shapes)?;
    let endpoints = leak(file.endpoints.clone());
    let (service, title, signing) =
        (leak_str(&file.service), leak_str(&file.title), leak_str(&file.signing_name));
    let sdk_service = file.sdk.as_deref().map_or(service, leak_str);
    let sdk_id = file.sdk_id.as_deref().map_or("", leak_str);
    let sdk_runtime = file.py_runtime.as_deref().map_or("", leak_str);
    let npm = file.npm.as_deref().map_or("", leak_str);
    let npm_version = file.npm_version.as_deref().map_or("", leak_str);
    let empty: &'static Structure = leak(Structure::with_members("", &[]));
    let mut operations = Vec::with_capacity(file.operations.len());
    for op in &file.operations {
        let mut input = match op.input {
            Some(index) => match shapes.kinds.get(index).copied() {
                Some(Kind::Structure(shape)) => *shape,
                _ => return Err(format!("{}: input shape {index} is not a structure", op.name)),
            },
            None => empty,
        };
        input = apply_overlay(input, op);
        input = reorder(input, &op.order);
        let cli_name = match op.cli.as_deref() {
            None => leak_str(&crate::core::model::names::kebab(&op.name)),
            Some("-") => "",
            Some(name) => leak_str(name),
        };
        operations.push(leak(Operation {
            cloud: file.cloud,
            service,
            sdk_service,
            sdk_id,
            sdk_runtime,
            npm,
            npm_version,
            js_method: op.js_method.as_deref().map(leak_str),
            service_title: title,
            name: leak_str(&op.name),
            cli_name,
            sdk_method: op.sdk_method.as_deref().map(|m| if m == "-" { "" } else { leak_str(m) }),
            summary: leak_str(&op.summary),
            protocol,
            signing_name: signing,
            endpoints,
            host_prefix: op.host_prefix.as_deref().map(leak_str),
            input,
            rules: op.rules.clone().leak(),
            aws_cli_v1_gaps: op.gaps.clone().leak(),
            cli_args: op.cli_args.clone().leak(),
            aws_cli_v2_gaps: op.gaps_v2.clone().leak(),
            cli_args_v2: op.cli_args_v2.clone().map(|a| &*a.leak()),
            no_cli_v2: op.no_cli_v2,
            custom_args: op
                .custom_args
                .iter()
                .map(|(arg, class)| (leak_str(arg), leak_str(class)))
                .collect::<Vec<_>>()
                .leak(),
            aliyun_cli: op
                .aliyun_cli
                .iter()
                .map(|(pattern, note)| (leak_str(pattern), leak_str(note)))
                .collect::<Vec<_>>()
                .leak(),
            paginated: op.paginated,
            page_size: op.page_size.as_deref().map(leak_str),
            page_tokens: op.page_tokens.clone().leak(),
            rpc: rpc_wire(op)?,
            http: op.http.as_ref().map(|h| {
                leak(Http {
                    method: leak_str(&h.method),
                    request_uri: leak_str(&h.request_uri),
                    payload: h.payload.as_deref().map(leak_str),
                    xml_root: h.xml_root.as_deref().map(leak_str),
                    xml_namespace: h.xml_namespace.as_ref().map(namespace),
                    checksum_required: h.checksum_required,
                    checksum_algorithm_member: h.checksum_algorithm_member.as_deref().map(leak_str),
                    streaming_output: h.streaming_output,
                    last_segment: h
                        .last_segment
                        .iter()
                        .map(|m| leak_str(m))
                        .collect::<Vec<_>>()
                        .leak(),
                })
            }),
        }));
    }
    Ok(leak(Service { cloud: file.cloud, id: service, title, operations }))
}

/// The RPC placement of an operation's members, from the file's `placement` words.
fn rpc_wire(op: &OperationFile) -> Result<RpcWire, String> {
    let mut members = Vec::with_capacity(op.placement.len());
    for (name, words) in &op.placement {
        let mut placement = Placement::default();
        for word in words.split(',') {
            match word {
                "body" => placement.body = true,
                "json" => placement.style = ValueStyle::Json,
                "simple" => placement.style = ValueStyle::Simple,
                other => {
                    return Err(format!("{}: unknown placement \"{other}\" for {name}", op.name))
                }
            }
        }
        members.push((leak_str(name), placement));
    }
    let form_body = match op.roa_body.as_deref() {
        None => false,
        Some("form") => true,
        Some(other) => return Err(format!("{}: unknown roaBody \"{other}\"", op.name)),
    };
    let mut unset = Vec::with_capacity(op.roa_unset.len());
    for (place_key, value) in &op.roa_unset {
        let Some((place, key)) = place_key.split_once(':') else {
            return Err(format!("{}: roaUnset \"{place_key}\" names no place", op.name));
        };
        unset.push((leak_str(place), leak_str(key), leak_str(value)));
    }
    let unset = unset.leak();
    Ok(RpcWire {
        method: op.rpc_method.as_deref().map(leak_str),
        members: members.leak(),
        form_body,
        unset,
        no_request_model: op.py_no_request,
        path_args: op.py_path_args.iter().map(|a| leak_str(a)).collect::<Vec<_>>().leak(),
    })
}

/// The shape table, built in two passes so that structures can refer to each other (and to
/// themselves): first every structure exists, empty; then every shape is built and every
/// structure filled.
struct Shapes {
    kinds: Vec<&'static Kind>,
}

impl Shapes {
    fn build(files: &[ShapeFile]) -> Result<Shapes, String> {
        let structures: Vec<Option<&'static Structure>> = files
            .iter()
            .map(|shape| match shape {
                ShapeFile::Structure { name, .. } => Some(leak(Structure::new(leak_str(name)))),
                _ => None,
            })
            .collect();
        let mut kinds: Vec<Option<&'static Kind>> = vec![None; files.len()];
        for (index, structure) in structures.iter().enumerate() {
            if let Some(shape) = structure {
                kinds[index] = Some(leak(Kind::Structure(shape)));
            }
        }
        // Lists and maps may refer to shapes later in the table; build on demand, depth-first.
        // Any cycle passes through a structure, which already exists, so this terminates.
        fn kind_of(
            index: usize,
            files: &[ShapeFile],
            kinds: &mut Vec<Option<&'static Kind>>,
            depth: usize,
        ) -> Result<&'static Kind, String> {
            if let Some(kind) = kinds.get(index).copied().flatten() {
                return Ok(kind);
            }
            let file = files.get(index).ok_or_else(|| format!("shape {index} does not exist"))?;
            if depth > 64 {
                return Err(format!("shape {index} nests lists and maps without a structure"));
            }
            let member = |m: &MemberFile,
                          kinds: &mut Vec<Option<&'static Kind>>|
             -> Result<&'static Member, String> {
                Ok(leak(member_of(m, kind_of(m.shape, files, kinds, depth + 1)?)))
            };
            let kind = match file {
                ShapeFile::String { min, max, pattern, values } => {
                    let rules = StringRules {
                        min: *min,
                        max: *max,
                        pattern: pattern.as_deref().map(leak_str),
                    };
                    if values.is_empty() {
                        Kind::String(rules)
                    } else {
                        let values: Vec<EnumValue> = values
                            .iter()
                            .map(|v| EnumValue { value: leak_str(v), doc: "" })
                            .collect();
                        Kind::Enum { values: values.leak(), rules }
                    }
                }
                ShapeFile::Integer { min, max, long: false } => {
                    Kind::Integer(NumRange { min: *min, max: *max })
                }
                ShapeFile::Integer { min, max, long: true } => {
                    Kind::Long(NumRange { min: *min, max: *max })
                }
                ShapeFile::Float { min, max } => Kind::Float(FloatRange { min: *min, max: *max }),
                ShapeFile::Boolean => Kind::Boolean,
                ShapeFile::Timestamp { format } => {
                    Kind::Timestamp { format: format.as_deref().map(leak_str) }
                }
                ShapeFile::Blob { min, max } => Kind::Blob { min: *min, max: *max },
                ShapeFile::Document => Kind::Document,
                ShapeFile::List { item, min, max, flattened } => Kind::List {
                    item: member(item, kinds)?,
                    min: *min,
                    max: *max,
                    flattened: *flattened,
                },
                ShapeFile::Map { key, value, min, max, flattened } => Kind::Map {
                    key: member(key, kinds)?,
                    value: member(value, kinds)?,
                    min: *min,
                    max: *max,
                    flattened: *flattened,
                },
                ShapeFile::Structure { .. } => unreachable_structure(index)?,
            };
            let kind: &'static Kind = leak(kind);
            kinds[index] = Some(kind);
            Ok(kind)
        }
        for index in 0..files.len() {
            kind_of(index, files, &mut kinds, 0)?;
        }
        for (index, file) in files.iter().enumerate() {
            if let (ShapeFile::Structure { members, .. }, Some(shape)) = (file, structures[index]) {
                let built: Result<Vec<Member>, String> = members
                    .iter()
                    .map(|m| Ok(member_of(m, kind_of(m.shape, files, &mut kinds, 0)?)))
                    .collect();
                shape.fill(built?.leak());
            }
        }
        Ok(Shapes { kinds: kinds.into_iter().map(|k| k.unwrap_or(&Kind::Document)).collect() })
    }
}

fn unreachable_structure(index: usize) -> Result<Kind, String> {
    Err(format!("structure shape {index} was not created"))
}

fn member_of(file: &MemberFile, kind: &'static Kind) -> Member {
    Member {
        name: leak_str(&file.name),
        location_name: file.location_name.as_deref().map(leak_str),
        query_name: file.query_name.as_deref().map(leak_str),
        kind,
        required: file.required,
        doc: leak_str(&file.doc),
        checks: &[],
        host_label: file.host_label,
        idempotency_token: file.idempotency_token,
        location: file.location,
        xml_attribute: file.xml_attribute,
        xml_namespace: file.xml_namespace.as_ref().map(namespace),
        json_value: file.json_value,
        flattened: file.flattened,
        streaming: file.streaming,
        sensitive: file.sensitive,
        aside: file.aside,
        sdk_name: file.sdk_name.as_deref().map(leak_str),
        js_name: file.js_name.as_deref().map(leak_str),
    }
}

fn namespace(file: &XmlNamespaceFile) -> XmlNamespace {
    XmlNamespace { prefix: leak_str(&file.prefix), uri: leak_str(&file.uri) }
}

/// The input structure with its members in `order` (names not listed keep their place after).
fn reorder(input: &'static Structure, order: &[String]) -> &'static Structure {
    if order.is_empty() {
        return input;
    }
    let all = input.members();
    let listed = order.iter().filter_map(|name| all.iter().find(|m| m.name == name.as_str()));
    let rest = all.iter().filter(|m| !order.iter().any(|n| n == m.name));
    let members: Vec<Member> = listed.chain(rest).map(|m| Member { ..*m }).collect();
    leak(Structure::with_members(input.name, members.leak()))
}

/// The input structure with the overlay's docs, enum docs and checks applied. Shapes are
/// shared between operations, so the structures along each overlaid path are copied for this
/// operation and the rest stays shared.
fn apply_overlay(input: &'static Structure, op: &OperationFile) -> &'static Structure {
    if op.docs.is_empty() && op.enum_docs.is_empty() && op.checks.is_empty() {
        return input;
    }
    let edit = |member: &Member, path: &str| -> Member {
        let doc =
            op.docs.iter().find(|(p, _)| p == path).map(|(_, d)| leak_str(d)).unwrap_or(member.doc);
        let checks: Vec<Check> =
            op.checks.iter().filter(|(p, _)| p == path).map(|(_, c)| c.clone()).collect();
        let kind = match member.kind {
            Kind::Enum { values, rules } if op.enum_docs.iter().any(|(p, _, _)| p == path) => {
                let values: Vec<EnumValue> = values
                    .iter()
                    .map(|v| EnumValue {
                        value: v.value,
                        doc: op
                            .enum_docs
                            .iter()
                            .find(|(p, value, _)| p == path && value == v.value)
                            .map(|(_, _, d)| leak_str(d))
                            .unwrap_or(v.doc),
                    })
                    .collect();
                leak(Kind::Enum { values: values.leak(), rules: *rules })
            }
            other => other,
        };
        Member {
            doc,
            kind,
            checks: if checks.is_empty() { member.checks } else { checks.leak() },
            ..*member
        }
    };
    let touched = |prefix: &str| {
        let under = |p: &str| crate::core::model::path::is_under(p, prefix);
        op.docs.iter().any(|(p, _)| under(p))
            || op.enum_docs.iter().any(|(p, _, _)| under(p))
            || op.checks.iter().any(|(p, _)| under(p))
    };
    copy_structure(input, "", &edit, &touched)
}

fn copy_structure(
    shape: &'static Structure,
    prefix: &str,
    edit: &dyn Fn(&Member, &str) -> Member,
    touched: &dyn Fn(&str) -> bool,
) -> &'static Structure {
    let members: Vec<Member> = shape
        .members()
        .iter()
        .map(|member| {
            let path = crate::core::model::path::join(prefix, member.name);
            if !touched(&path) {
                return Member { ..*member };
            }
            let mut copy = edit(member, &path);
            copy.kind = copy_kind(copy.kind, &path, edit, touched);
            copy
        })
        .collect();
    leak(Structure::with_members(shape.name, members.leak()))
}

fn copy_kind(
    kind: &'static Kind,
    path: &str,
    edit: &dyn Fn(&Member, &str) -> Member,
    touched: &dyn Fn(&str) -> bool,
) -> &'static Kind {
    match kind {
        Kind::Structure(shape) => leak(Kind::Structure(copy_structure(shape, path, edit, touched))),
        Kind::List { item, min, max, flattened } => {
            let item_path = format!("{path}[0]");
            // Overlay paths name list items as `[0]`, meaning every item.
            let mut copy = edit(item, &item_path);
            copy.kind = copy_kind(copy.kind, &item_path, edit, touched);
            leak(Kind::List { item: leak(copy), min: *min, max: *max, flattened: *flattened })
        }
        other => other,
    }
}
