//! The operation model: services, operations, members, kinds and constraints, as plain data,
//! and everything that reads or names it: the model file format (`format`, `decode`,
//! `opfile`), the catalog of loaded services (`catalog`), field paths (`path`), patterns
//! (`pattern`) and names (`names`: routes and CLI spellings). Nothing here knows a form, a
//! wire protocol or a CLI.
//!
//! This module owns the *description* of an API operation and nothing about how it travels:
//! wire protocols live in `core::wire`, CLI dialects in `core::cli`, checks in `core::request::build`.
//! Everything here is loaded from the compiled model files (`format`) and lives for
//! the rest of the page, so references are `'static`. Constraints that the official service
//! model states (`required`, min/max, pattern, enum) are kept apart from the extra checks that
//! the docs state only in prose (`Member::checks`, `Operation::rules`), which come from the
//! overlay, so a conformance test can compare the former with botocore exactly.

pub mod catalog;
pub mod decode;
pub mod format;
pub mod names;
pub mod opfile;
pub mod path;
pub mod pattern;

use std::sync::OnceLock;

/// Which cloud an operation belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Cloud {
    /// Amazon Web Services.
    Aws,
    /// Alibaba Cloud.
    Aliyun,
}

impl Cloud {
    /// The route segment and CLI family name: `aws` or `aliyun`.
    pub fn slug(self) -> &'static str {
        match self {
            Cloud::Aws => "aws",
            Cloud::Aliyun => "aliyun",
        }
    }

    /// The cloud named by a route segment.
    pub fn from_slug(slug: &str) -> Option<Cloud> {
        match slug {
            "aws" => Some(Cloud::Aws),
            "aliyun" => Some(Cloud::Aliyun),
            _ => None,
        }
    }
}

/// The wire protocol an operation speaks, with the data each protocol needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// awsJson 1.0 / 1.1: `X-Amz-Target: <target_prefix>.<Operation>`, JSON body.
    AwsJson {
        /// botocore `metadata.jsonVersion`: `1.0` or `1.1`.
        json_version: &'static str,
        /// botocore `metadata.targetPrefix`.
        target_prefix: &'static str,
        /// `metadata.awsQueryCompatible`: botocore then adds `x-amzn-query-mode: true`.
        query_compatible: bool,
    },
    /// awsQuery: form-encoded `Action`, `Version` and flattened members.
    AwsQuery {
        /// botocore `metadata.apiVersion`.
        api_version: &'static str,
    },
    /// ec2: awsQuery with EC2's own naming of members and lists.
    Ec2 {
        /// botocore `metadata.apiVersion`.
        api_version: &'static str,
    },
    /// Alibaba Cloud RPC style: `Action`, `Version`, `Format` and parameters in the query.
    AliyunRpc {
        /// API version, e.g. `2019-06-01`.
        version: &'static str,
    },
    /// Alibaba Cloud ROA ("RESTful"): method and path from the operation's `http`, members in
    /// the path, query and headers by their `location`, the rest a JSON (or form) body.
    AliyunRoa {
        /// API version, e.g. `2015-12-15`.
        version: &'static str,
    },
    /// rest-json: members in the path, query and headers by their `location`, the rest JSON.
    RestJson {
        /// botocore `metadata.apiVersion` (Glacier sends it as a header).
        api_version: &'static str,
    },
    /// rest-xml: members in the path, query and headers by their `location`, the rest XML.
    RestXml {
        /// botocore `metadata.apiVersion`.
        api_version: &'static str,
    },
}

/// Why a member sits apart from the others: the form shows it last, folded and marked. The
/// request is unchanged; a user may still set it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Aside {
    /// botocore's `deprecated`, or docs that say so ("Deprecated.", "This parameter is
    /// deprecated.").
    Deprecated,
    /// Docs that reserve it ("Reserved for internal use.", "A reserved parameter.").
    Internal,
}

impl Aside {
    /// The word the form marks such a member with.
    pub fn word(self) -> &'static str {
        match self {
            Aside::Deprecated => "deprecated",
            Aside::Internal => "internal",
        }
    }
}

/// Where a REST request carries a member (botocore `location`); body members have none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Location {
    /// A `{Label}` or greedy `{Label+}` of the request URI.
    Uri,
    /// A query string parameter (a map member: one parameter per entry).
    Querystring,
    /// One header.
    Header,
    /// A map of headers, the location name being their prefix (`x-amz-meta-`).
    Headers,
    /// The response's status code (output only, never sent).
    StatusCode,
}

/// An XML namespace declared on an element: `xmlns` or `xmlns:<prefix>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct XmlNamespace {
    /// The prefix (empty for a plain `xmlns`).
    pub prefix: &'static str,
    /// The namespace URI.
    pub uri: &'static str,
}

/// The HTTP binding of a REST operation (botocore `http`, the input's `payload` and root name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Http {
    /// The method: `GET`, `PUT`, `POST`, `DELETE`, `HEAD`, `PATCH`.
    pub method: &'static str,
    /// The request URI template: `/{Bucket}/{Key+}?uploads`.
    pub request_uri: &'static str,
    /// The input member that is the whole body, when the input shape names one.
    pub payload: Option<&'static str>,
    /// rest-xml: the root element's name when the body is the input structure itself.
    pub xml_root: Option<&'static str>,
    /// rest-xml: the namespace of that root element.
    pub xml_namespace: Option<XmlNamespace>,
    /// `httpChecksumRequired` or `httpChecksum.requestChecksumRequired`: a checksum header
    /// of the body must be sent.
    pub checksum_required: bool,
    /// `httpChecksum.requestAlgorithmMember`: the member naming the checksum algorithm.
    pub checksum_algorithm_member: Option<&'static str>,
    /// Top-level members that botocore cuts to their last `/` segment (Route 53 IDs).
    pub last_segment: &'static [&'static str],
    /// The answer's payload streams (S3 GetObject): the AWS CLI takes the file to write it to
    /// as a positional `outfile` argument.
    pub streaming_output: bool,
}

/// A member of a structure, or the item, key or value of a list or map: a named, typed,
/// documented reference to a shape, with the serialization names the model gives it.
#[derive(Debug)]
pub struct Member {
    /// The member name as the model spells it: the form path segment and the CLI's source name.
    pub name: &'static str,
    /// botocore `locationName` (the serialized name in JSON, query and XML), when set.
    pub location_name: Option<&'static str>,
    /// botocore `queryName` (EC2's own serialized name), when set.
    pub query_name: Option<&'static str>,
    /// What values the member takes.
    pub kind: &'static Kind,
    /// Whether the structure that holds the member needs it.
    pub required: bool,
    /// Help text: the overlay's words where it has some, else the model's first sentence.
    pub doc: &'static str,
    /// Format checks from the docs' prose, beyond the official model.
    pub checks: &'static [Check],
    /// A `hostLabel` member: its value becomes part of the endpoint host.
    pub host_label: bool,
    /// An `idempotencyToken` member: the AWS CLI fills it with a random UUID when unset.
    pub idempotency_token: bool,
    /// REST: where the request carries the member (none: in the body).
    pub location: Option<Location>,
    /// rest-xml: the member is an attribute of its structure's element.
    pub xml_attribute: bool,
    /// rest-xml: the namespace declared on the member's element.
    pub xml_namespace: Option<XmlNamespace>,
    /// A string holding JSON (`jsonvalue`): in a header it travels base64.
    pub json_value: bool,
    /// rest-xml: a list or map written without a wrapping element (member or shape `flattened`).
    pub flattened: bool,
    /// A streaming blob or string: the CLI and curl take it from a file.
    pub streaming: bool,
    /// A secret: its input is masked, and no link or draft keeps it or anything under it.
    pub sensitive: bool,
    /// Deprecated or internal: shown last, folded and marked (never when required).
    pub aside: Option<Aside>,
    /// Alibaba Cloud: the Python SDK's attribute name where it is not the generator's rule
    /// (`names::aliyun_python`); `Member::sdk_python_name` gives it in every case.
    pub sdk_name: Option<&'static str>,
    /// Alibaba Cloud: the npm package's attribute where it is not `core::sdk::aliyun_js`'s
    /// rule; `-` when the pinned package does not know the member.
    pub js_name: Option<&'static str>,
}

/// The members of a structure shape. Filled once after every shape of the service exists, so
/// recursive shapes (a structure that contains itself) are plain cycles of references.
#[derive(Debug, Default)]
pub struct Structure {
    /// The shape name in the model, for messages.
    pub name: &'static str,
    members: OnceLock<&'static [Member]>,
}

impl Structure {
    /// An unfilled structure shape.
    pub fn new(name: &'static str) -> Self {
        Structure { name, members: OnceLock::new() }
    }

    /// A structure with its members already known (no cycles).
    pub fn with_members(name: &'static str, members: &'static [Member]) -> Self {
        let shape = Structure::new(name);
        shape.fill(members);
        shape
    }

    /// Sets the members; later calls are ignored.
    pub fn fill(&self, members: &'static [Member]) {
        let _ = self.members.set(members);
    }

    /// The members in model order.
    pub fn members(&self) -> &'static [Member] {
        self.members.get().copied().unwrap_or(&[])
    }

    /// The member called `name`.
    pub fn member(&self, name: &str) -> Option<&'static Member> {
        self.members().iter().find(|m| m.name == name)
    }
}

/// The shape of a member's values, with the official constraints of that shape.
#[derive(Debug)]
pub enum Kind {
    /// A string, optionally bounded and patterned.
    String(StringRules),
    /// A string restricted to listed values.
    Enum {
        /// The allowed values, in model order, each with its meaning.
        values: &'static [EnumValue],
        /// Length and pattern constraints the model also puts on the enum's shape.
        rules: StringRules,
    },
    /// A 32-bit integer (botocore `integer`).
    Integer(NumRange),
    /// A 64-bit integer (botocore `long`).
    Long(NumRange),
    /// A binary floating-point number (botocore `float` or `double`).
    Float(FloatRange),
    /// `true` or `false`.
    Boolean,
    /// A point in time; accepted as the AWS CLI accepts it.
    Timestamp {
        /// The shape's `timestampFormat` (`iso8601`, `unixTimestamp`, `rfc822`), when set.
        format: Option<&'static str>,
    },
    /// Bytes, typed as UTF-8 text; base64 on the wire.
    Blob {
        /// Minimum length in bytes.
        min: Option<u32>,
        /// Maximum length in bytes.
        max: Option<u32>,
    },
    /// A free JSON document (botocore `document`).
    Document,
    /// An ordered list of items of one kind.
    List {
        /// The item: its kind and serialized name.
        item: &'static Member,
        /// Minimum number of items.
        min: Option<u32>,
        /// Maximum number of items.
        max: Option<u32>,
        /// botocore `flattened` (query protocol naming).
        flattened: bool,
    },
    /// Key/value pairs.
    Map {
        /// The key: a string (or enum) kind and its serialized name.
        key: &'static Member,
        /// The value: any kind and its serialized name.
        value: &'static Member,
        /// Minimum number of entries.
        min: Option<u32>,
        /// Maximum number of entries.
        max: Option<u32>,
        /// botocore `flattened` (query protocol naming).
        flattened: bool,
    },
    /// A nested structure.
    Structure(&'static Structure),
}

impl Kind {
    /// Whether this kind holds other values (and so gets a fieldset, not one control).
    pub fn is_container(&self) -> bool {
        matches!(self, Kind::List { .. } | Kind::Map { .. } | Kind::Structure(_))
    }

    /// Whether the value is text, for which "" is a value of its own (an empty string is sent;
    /// an empty number or date is no value at all).
    pub fn is_text(&self) -> bool {
        matches!(self, Kind::String(_) | Kind::Enum { .. } | Kind::Blob { .. })
    }
}

/// Length and pattern constraints of a string shape.
#[derive(Debug, Default, Clone, Copy)]
pub struct StringRules {
    /// Minimum length in characters.
    pub min: Option<u32>,
    /// Maximum length in characters.
    pub max: Option<u32>,
    /// The official pattern, exactly as the model states it.
    pub pattern: Option<&'static str>,
}

impl StringRules {
    /// No constraint at all.
    pub const NONE: StringRules = StringRules { min: None, max: None, pattern: None };
}

/// An inclusive integer range.
#[derive(Debug, Default, Clone, Copy)]
pub struct NumRange {
    /// Smallest allowed value.
    pub min: Option<i64>,
    /// Largest allowed value.
    pub max: Option<i64>,
}

/// An inclusive floating-point range.
#[derive(Debug, Default, Clone, Copy)]
pub struct FloatRange {
    /// Smallest allowed value.
    pub min: Option<f64>,
    /// Largest allowed value.
    pub max: Option<f64>,
}

/// One allowed enum value and what it means.
#[derive(Debug)]
pub struct EnumValue {
    /// The value sent on the wire.
    pub value: &'static str,
    /// Its meaning, in our own words (may be empty).
    pub doc: &'static str,
}

/// How serious an issue is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Probably a mistake, but the service or CLI would take it.
    Warning,
    /// The service or the CLI would reject it.
    Error,
}

/// A format check stated in the docs' prose, as data (see `request::checks` for what each does).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Check {
    /// `arn:<partition>:<service>:<region>:<12-digit account>:<resource prefix><id>`.
    Arn {
        /// The ARN's service segment, e.g. `dms`.
        service: String,
        /// What the resource part starts with, e.g. `task:`.
        resource: String,
    },
    /// A warning when an ARN names another region than the form's.
    ArnRegionMatches,
    /// A host name or an IPv4/IPv6 address.
    HostOrIp,
    /// A TCP port, 1 to 65535.
    TcpPort,
    /// JSON text: a document carried in a string (DMS `TableMappings`, an IAM policy). The form
    /// gives it a multi-line box.
    Json,
    /// A warning when a value does not start with `prefix` followed by letters and digits.
    IdPrefix {
        /// E.g. `j-`.
        prefix: String,
        /// What the values look like, for the message.
        what: String,
    },
}

impl Check {
    /// How serious a failure of this check is.
    pub fn severity(&self) -> Severity {
        match self {
            Check::ArnRegionMatches | Check::IdPrefix { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// A rule across several members, stated in the docs' prose; checked on the typed request.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Rule {
    /// At most one of these paths may be set.
    AtMostOneOf {
        /// Member paths.
        paths: Vec<String>,
    },
    /// Exactly one of these paths must be set.
    ExactlyOneOf {
        /// Member paths.
        paths: Vec<String>,
    },
    /// Two enum members whose effective values (the value set, else the service default)
    /// must form one of the listed pairs.
    EnumPairs {
        /// Path of the first member, e.g. `OverrideOptions.Atime`.
        first: String,
        /// Path of the second member.
        second: String,
        /// The service default of each, used when it is not set.
        defaults: (String, String),
        /// The allowed (first, second) pairs.
        allowed: Vec<(String, String)>,
    },
    /// A numeric member that may not take this value (e.g. BytesPerSecond 0), compared as a
    /// number, so `00` and `+0` are the same value as `0`.
    ForbiddenNumber {
        /// Path of the member.
        path: String,
        /// The forbidden value.
        value: i64,
        /// Why, in a sentence.
        message: String,
    },
    /// A warning when a list holds more items than the docs advise.
    AdvisedMaxItems {
        /// Path of the list.
        path: String,
        /// The advised maximum.
        max: usize,
        /// Why, in a sentence.
        message: String,
    },
}

/// Which AWS CLI major version a command is written for. v2 is the one AWS documents and
/// installs; v1 has been in maintenance since 2026-07-15 and stays a choice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AwsCli {
    /// AWS CLI v2 (the default).
    #[default]
    V2,
    /// AWS CLI v1 (the `awscli` package on PyPI).
    V1,
}

impl AwsCli {
    /// Every version, in the order the page offers them.
    pub const ALL: [AwsCli; 2] = [AwsCli::V2, AwsCli::V1];

    /// The control value and link spelling: `v2` or `v1`.
    pub fn id(self) -> &'static str {
        match self {
            AwsCli::V2 => "v2",
            AwsCli::V1 => "v1",
        }
    }

    /// The version a control value names.
    pub fn from_id(id: &str) -> Option<AwsCli> {
        AwsCli::ALL.into_iter().find(|v| v.id() == id)
    }

    /// The pinned release the page's tables come from (`modeldata/PINS`, read by build.rs).
    pub fn release(self) -> &'static str {
        match self {
            AwsCli::V2 => env!("AWSCLI_V2_RELEASE"),
            AwsCli::V1 => env!("AWSCLI_V1_RELEASE"),
        }
    }
}

/// A difference between today's model and the model an older CLI carries.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CliGap {
    /// The CLI does not know this member path at all.
    Unknown(String),
    /// The CLI requires this top-level member although today's model does not.
    Required(String),
    /// The CLI does not know the operation at all.
    Operation(String),
    /// The CLI marks the service as a preview: it runs only after
    /// `aws configure set preview.<service> true`.
    Preview(String),
    /// The CLI's model sends the operation to another request URI (`METHOD /path`).
    Uri(String),
}

/// How the AWS CLI takes one top-level member, where that differs from the default
/// `--kebab-name value` (data carried over from the pinned awscli's argument tables).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct CliArg {
    /// The member name.
    pub member: String,
    /// The option name without `--`, or empty when the CLI has no option for the member
    /// (then only `--cli-input-json` can carry it).
    pub arg: String,
    /// `--x` / `--no-x` for a boolean.
    pub bool_pair: bool,
    /// The negative option of a pair when it is not `no-<arg>` (ec2's `--ingress`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub negative: Option<String>,
    /// The pair sets a `{"Value": bool}` structure (ec2's attribute booleans).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub value_structure: bool,
}

/// One API operation: where it lives, how it travels, and what it takes.
#[derive(Debug)]
pub struct Operation {
    /// Which cloud.
    pub cloud: Cloud,
    /// The route and CLI service name: `dms`, `ec2`, `s3api`, `smc`.
    pub service: &'static str,
    /// The SDK's service name: botocore's (boto3's client name: `s3` for `s3api`); for
    /// Alibaba Cloud the product's Python SDK package (`alibabacloud_smc20190601`).
    pub sdk_service: &'static str,
    /// Alibaba Cloud: the module of the `RuntimeOptions` class the Python SDK's client takes
    /// (`darabonba.runtime`); empty for AWS.
    pub sdk_runtime: &'static str,
    /// Alibaba Cloud: the product's npm package (`@alicloud/ecs20140526`); empty for AWS.
    pub npm: &'static str,
    /// Alibaba Cloud: the pinned version of `npm` when npm has it in the generation the page
    /// writes JavaScript for; empty when it has not (the panel says so).
    pub npm_version: &'static str,
    /// Alibaba Cloud: the npm package's method where it is not `core::sdk::aliyun_js`'s rule;
    /// `-` when the pinned package has none for the operation.
    pub js_method: Option<&'static str>,
    /// botocore's `metadata.serviceId`, the SDKs' `sdkId` (`Database Migration Service`),
    /// whence the JavaScript SDK's names (`core::sdk::javascript`); empty for Alibaba Cloud.
    pub sdk_id: &'static str,
    /// The service's full name, for people.
    pub service_title: &'static str,
    /// The operation name as the API spells it.
    pub name: &'static str,
    /// The CLI's operation name (`start-replication-task`), empty when the CLI has none.
    pub cli_name: &'static str,
    /// boto3's method name where botocore makes an exception to its `xform_name` rule
    /// (`sdk_method()` gives the name in every case); empty when boto3's client has no method
    /// for the operation.
    pub sdk_method: Option<&'static str>,
    /// What the operation does, in one sentence.
    pub summary: &'static str,
    /// The wire protocol.
    pub protocol: Protocol,
    /// The signing name (SigV4 service) or product code.
    pub signing_name: &'static str,
    /// Where requests go, per region.
    pub endpoints: &'static Endpoints,
    /// botocore `endpoint.hostPrefix` (`data-` or `{Label}.`), when the operation has one.
    pub host_prefix: Option<&'static str>,
    /// The input structure (its members are the top-level members of the request).
    pub input: &'static Structure,
    /// Cross-field rules.
    pub rules: &'static [Rule],
    /// Where the AWS CLI v1 (the `awscli` package on PyPI) lags today's model.
    pub aws_cli_v1_gaps: &'static [CliGap],
    /// How the AWS CLI names members that it does not take as `--kebab-name`.
    pub cli_args: &'static [CliArg],
    /// Where the pinned AWS CLI v2 lags today's model.
    pub aws_cli_v2_gaps: &'static [CliGap],
    /// How AWS CLI v2 names members, where that is not how v1 does (`None`: as v1).
    pub cli_args_v2: Option<&'static [CliArg]>,
    /// AWS CLI v2 has no command for the operation although v1 has one.
    pub no_cli_v2: bool,
    /// Arguments a CLI customization adds (`count`, `protocol`, …) with the class that
    /// implements each (`CountArgument`); `cli::aws::custom` has the strategies.
    pub custom_args: &'static [(&'static str, &'static str)],
    /// Alibaba Cloud RPC: where the `aliyun` CLI's metadata differs from the SDK (see
    /// `OperationFile::aliyun_cli`).
    pub aliyun_cli: &'static [(&'static str, &'static str)],
    /// Whether the CLI paginates the operation (it then takes `--starting-token` and friends).
    pub paginated: bool,
    /// The member the CLI's `--page-size` sets on the request (the paginator's `limit_key`).
    pub page_size: Option<&'static str>,
    /// The members the CLI's `--starting-token` sets (the paginator's `input_token`).
    pub page_tokens: &'static [String],
    /// Alibaba Cloud RPC: the HTTP method and where each member travels, as the SDK sends it.
    pub rpc: RpcWire,
    /// REST operations: the method, URI template and payload (none for the RPC protocols).
    pub http: Option<&'static Http>,
}

/// How an Alibaba Cloud operation sends its top-level members, as its SDK does (read from
/// the SDK by `tools/aliyun_models.py`). RPC members not listed are flattened into the query;
/// for ROA, the list says how a structured query or header member is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct RpcWire {
    /// The HTTP method when it is not `POST` (a few operations are `GET`).
    pub method: Option<&'static str>,
    /// The members that do not travel as flattened query parameters, and how they travel.
    pub members: &'static [(&'static str, Placement)],
    /// ROA: the body is a form (the SDK's `formData`) rather than JSON.
    pub form_body: bool,
    /// ROA: what the SDK sends when no member sets it: (`querystring`, `header` or `body`,
    /// key, value as JSON).
    pub unset: &'static [(&'static str, &'static str, &'static str)],
    /// ROA: the Python SDK's method takes no request model (`core::sdk::aliyun_python`).
    pub no_request_model: bool,
    /// ROA: the Python SDK method's path arguments in its order, where one of them never
    /// reaches the path; empty when they are the path members in the input's order.
    pub path_args: &'static [&'static str],
}

/// Where and how one top-level member of an Alibaba Cloud RPC request travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Placement {
    /// In the `application/x-www-form-urlencoded` body rather than the query.
    pub body: bool,
    /// How the value is written.
    pub style: ValueStyle,
}

/// How an Alibaba Cloud SDK writes one parameter's value (its `array_to_string_with_specified_style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ValueStyle {
    /// Flattened: `Key.1.Name=value` (the SDK's `repeatList`, and plain values).
    #[default]
    Flat,
    /// One parameter holding the value as compact JSON (the SDK's `json` "shrink" style).
    Json,
    /// One parameter holding the list items joined by commas (the SDK's `simple`).
    Simple,
}

impl RpcWire {
    /// Where member `name` travels.
    pub fn placement(&self, name: &str) -> Placement {
        self.members.iter().find(|(n, _)| *n == name).map(|(_, p)| *p).unwrap_or_default()
    }
}

/// A partition's endpoint facts, compiled from botocore's `endpoints.json`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Endpoints {
    /// Regions offered in the region control; the first is the default.
    pub regions: Vec<String>,
    /// `{service}.{region}.{dnsSuffix}`-style template with `{region}` left to fill, per
    /// partition prefix, e.g. (`cn-`, `dms.{region}.amazonaws.com.cn`). The first entry whose
    /// prefix the region starts with wins; the last entry has an empty prefix.
    pub templates: Vec<(String, String)>,
    /// Hosts that differ from the template, per region (global endpoints, old names).
    pub overrides: Vec<(String, String)>,
}

impl Endpoints {
    /// The endpoint host for a region.
    pub fn host(&self, region: &str) -> String {
        if let Some((_, host)) = self.overrides.iter().find(|(r, _)| r == region) {
            return host.clone();
        }
        let template = self
            .templates
            .iter()
            .find(|(prefix, _)| region.starts_with(prefix.as_str()))
            .map(|(_, t)| t.as_str())
            .unwrap_or("{region}");
        template.replace("{region}", region)
    }
}

impl Operation {
    /// How a version of the AWS CLI names the members it does not take as `--kebab-name`.
    pub fn cli_args_for(&self, cli: AwsCli) -> &'static [CliArg] {
        match cli {
            AwsCli::V2 => self.cli_args_v2.unwrap_or(self.cli_args),
            AwsCli::V1 => self.cli_args,
        }
    }

    /// Where a version of the AWS CLI lags today's model.
    pub fn cli_gaps_for(&self, cli: AwsCli) -> &'static [CliGap] {
        match cli {
            AwsCli::V2 => self.aws_cli_v2_gaps,
            AwsCli::V1 => self.aws_cli_v1_gaps,
        }
    }

    /// The Python SDK's method for the operation: for AWS boto3's, botocore's `xform_name`
    /// (`start_replication_task`), empty when boto3's client has none; for Alibaba Cloud the
    /// product SDK's `<action>_with_options` (`start_replication_job_with_options`).
    pub fn sdk_method(&self) -> String {
        match (self.sdk_method, self.cloud) {
            (Some(method), _) => method.to_string(),
            (None, Cloud::Aws) => names::xform_name(self.name, '_'),
            (None, Cloud::Aliyun) => format!("{}_with_options", names::aliyun_python(self.name)),
        }
    }

    /// The route of the operation, without the leading `#/`: `aws/dms/StartReplicationTask`.
    pub fn route(&self) -> String {
        crate::core::model::names::route(self.cloud, self.service, self.name)
    }

    /// The top-level members of the request.
    pub fn members(&self) -> &'static [Member] {
        self.input.members()
    }

    /// The endpoint host for a region (without any host prefix).
    pub fn host(&self, region: &str) -> String {
        self.endpoints.host(region)
    }

    /// The streaming upload member (S3 `PutObject` `Body`): the payload, when it streams. The
    /// AWS CLI and curl read it from the file its value names.
    pub fn streaming_upload(&self) -> Option<&'static Member> {
        let payload = self.http?.payload?;
        self.members().iter().find(|m| m.name == payload && m.streaming)
    }

    /// The region used when the form names none.
    pub fn default_region(&self) -> &'static str {
        self.endpoints.regions.first().map(|r| r.as_str()).unwrap_or("us-east-1")
    }

    /// The regions offered in the region control.
    pub fn regions(&self) -> &'static [String] {
        &self.endpoints.regions
    }

    /// The member at a dotted path such as `OverrideOptions.VerifyMode`, `Includes[0].Value`,
    /// or, inside a map, `Tags[0].key` / `Tags[0].value.Name`.
    pub fn member_at(&self, path: &str) -> Option<&'static Member> {
        crate::core::model::path::FieldPath::parse(path).and_then(|p| p.resolve(self.input))
    }

    /// The environment variable that commands may read top-level secret `name` from
    /// (`DMS_PASSWORD` for dms `Password`), for runbooks that must not hold the value: only a
    /// secret text given as its own option, and not for ROA operations, whose commands the
    /// worker writes from the parameters alone.
    pub fn env_name(&self, name: &str) -> Option<String> {
        let member = self.members().iter().find(|m| m.name == name)?;
        let text = matches!(member.kind, Kind::String(_));
        let roa = matches!(self.protocol, Protocol::AliyunRoa { .. });
        let name = format!("{}_{}", self.service, names::kebab(name));
        let upper = |c: char| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' };
        (member.sensitive && text && !roa).then(|| name.chars().map(upper).collect())
    }

    /// Whether the value at `path` is a secret or lies inside one (links and drafts leave it out).
    pub fn is_sensitive(&self, path: &str) -> bool {
        crate::core::model::path::FieldPath::parse(path).is_some_and(|p| p.is_sensitive(self.input))
    }
}

/// Model objects are loaded once and never copied, so two are the same when they are one.
impl PartialEq for Operation {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for Operation {}

impl Member {
    /// Alibaba Cloud: the Python SDK's attribute (and keyword argument) for the member.
    pub fn sdk_python_name(&self) -> String {
        self.sdk_name.map_or_else(|| names::aliyun_python(self.name), str::to_string)
    }
}

impl PartialEq for Member {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}
