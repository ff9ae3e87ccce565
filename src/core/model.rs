//! The operation model: operations, members, kinds and constraints, as plain static data.
//!
//! This module owns the *description* of an API operation and nothing about how it travels:
//! wire protocols live in `core::wire`, CLI dialects in `core::cli`, checks in `core::validate`.
//! Constraints that the official service model states (`required`, min/max, pattern, enum) are
//! kept apart from the extra checks that the docs state only in prose (`Member::checks`,
//! `Operation::rules`), so a conformance test can compare the former with botocore exactly.

/// Which cloud an operation belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
}

/// The wire protocol an operation speaks, with the data each protocol needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// awsJson1.1: `X-Amz-Target: <target_prefix>.<Operation>`, JSON body.
    AwsJson11 {
        /// botocore `metadata.targetPrefix`.
        target_prefix: &'static str,
    },
    /// awsQuery: form-encoded `Action`, `Version` and flattened members.
    AwsQuery {
        /// botocore `metadata.apiVersion`.
        api_version: &'static str,
    },
    /// Alibaba Cloud RPC style: `Action`, `Version`, `Format` and parameters in the query.
    AliyunRpc {
        /// API version, e.g. `2019-06-01`.
        version: &'static str,
    },
}

/// A member of a structure: a named, typed, documented parameter.
#[derive(Debug)]
pub struct Member {
    /// The member name as the model spells it; also its wire name for our four operations.
    pub name: &'static str,
    /// What values the member takes.
    pub kind: Kind,
    /// Whether the structure that holds the member needs it.
    pub required: bool,
    /// Help text, in our own words.
    pub doc: &'static str,
    /// Format checks from the docs' prose, beyond the official model.
    pub checks: &'static [Check],
}

/// The shape of a member's values, with the official constraints of that shape.
#[derive(Debug)]
pub enum Kind {
    /// A string, optionally bounded and patterned.
    String(StringRules),
    /// A 32-bit integer.
    Integer(NumRange),
    /// A 64-bit integer.
    Long(NumRange),
    /// `true` or `false`.
    Boolean,
    /// A point in time; accepted as the AWS CLI accepts it.
    Timestamp,
    /// A string restricted to listed values.
    Enum {
        /// The allowed values, in model order, each with its meaning.
        values: &'static [EnumValue],
        /// Length and pattern constraints the model also puts on the enum's shape.
        rules: StringRules,
    },
    /// An ordered list of items of one kind.
    List {
        /// The kind of every item.
        item: &'static Kind,
        /// Minimum and maximum number of items.
        min: Option<u32>,
        /// Maximum number of items.
        max: Option<u32>,
    },
    /// A nested structure.
    Structure(&'static [Member]),
}

/// Length and pattern constraints of a string shape.
#[derive(Debug, Default)]
pub struct StringRules {
    /// Minimum length in characters.
    pub min: Option<u32>,
    /// Maximum length in characters.
    pub max: Option<u32>,
    /// The official pattern, with a matcher for it.
    pub pattern: Option<&'static Pattern>,
}

impl StringRules {
    /// No constraint at all.
    pub const NONE: StringRules = StringRules { min: None, max: None, pattern: None };
}

/// A pattern from the official model: its source text and a small matcher that implements it.
///
/// Matchers are hand-written (see `core::patterns`) to keep a regex engine out of the page;
/// a native test checks each one against the `regex` crate compiling `source`.
pub struct Pattern {
    /// The pattern exactly as the official model states it.
    pub source: &'static str,
    /// Whether a value matches `source`.
    pub matches: fn(&str) -> bool,
    /// What a matching value looks like, for the message.
    pub hint: &'static str,
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.source)
    }
}

/// An inclusive numeric range.
#[derive(Debug, Default, Clone, Copy)]
pub struct NumRange {
    /// Smallest allowed value.
    pub min: Option<i64>,
    /// Largest allowed value.
    pub max: Option<i64>,
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Probably a mistake, but the service or CLI would take it.
    Warning,
    /// The service or the CLI would reject it.
    Error,
}

/// Context that checks may consult besides the value itself.
pub struct CheckContext<'a> {
    /// The region chosen in the form.
    pub region: &'a str,
}

/// A format check stated in the docs' prose: returns a message when the value fails it.
pub struct Check {
    /// How serious a failure is.
    pub severity: Severity,
    /// The check itself.
    pub check: fn(&str, &CheckContext<'_>) -> Option<String>,
}

impl std::fmt::Debug for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Check({:?})", self.severity)
    }
}

/// A rule across several members, stated in the docs' prose.
#[derive(Debug)]
pub enum Rule {
    /// At most one of these top-level paths may be set.
    AtMostOneOf(&'static [&'static str]),
    /// Exactly one of these top-level paths must be set.
    ExactlyOneOf(&'static [&'static str]),
    /// Two enum members whose effective values (the value set, else the service default)
    /// must form one of the listed pairs.
    EnumPairs {
        /// Path of the first member, e.g. `OverrideOptions.Atime`.
        first: &'static str,
        /// Path of the second member.
        second: &'static str,
        /// The service default of each, used when it is not set.
        defaults: (&'static str, &'static str),
        /// The allowed (first, second) pairs.
        allowed: &'static [(&'static str, &'static str)],
    },
    /// A numeric member that may not take this value (e.g. BytesPerSecond 0).
    Forbidden {
        /// Path of the member.
        path: &'static str,
        /// The forbidden value as typed.
        value: &'static str,
        /// Why, in a sentence.
        message: &'static str,
    },
    /// A warning when a list holds more items than the docs advise.
    AdvisedMaxItems {
        /// Path of the list.
        path: &'static str,
        /// The advised maximum.
        max: usize,
        /// Why, in a sentence.
        message: &'static str,
    },
}

/// One API operation: where it lives, how it travels, and what it takes.
#[derive(Debug)]
pub struct Operation {
    /// Which cloud.
    pub cloud: Cloud,
    /// The route and CLI service name: `dms`, `datasync`, `elasticache`, `smc`.
    pub service: &'static str,
    /// The service's full name, for people.
    pub service_title: &'static str,
    /// The operation name as the API spells it.
    pub name: &'static str,
    /// What the operation does, in our own words.
    pub summary: &'static str,
    /// The wire protocol.
    pub protocol: Protocol,
    /// The signing name (SigV4 service) or product code.
    pub signing_name: &'static str,
    /// The endpoint host, with `{region}` where the region goes.
    pub host_template: &'static str,
    /// Regions offered in the region control; the first is the default.
    pub regions: &'static [&'static str],
    /// The top-level members of the request.
    pub input: &'static [Member],
    /// Cross-field rules.
    pub rules: &'static [Rule],
    /// Where the AWS CLI v1 (the `awscli` package on PyPI) lags today's model.
    pub aws_cli_v1_gaps: &'static [CliGap],
}

/// A difference between today's model and the model an older CLI carries.
#[derive(Debug)]
pub enum CliGap {
    /// The CLI does not know this member path at all.
    Unknown(&'static str),
    /// The CLI requires this top-level member although today's model does not.
    Required(&'static str),
}

impl Operation {
    /// The route of the operation, without the leading `#/`: `aws/dms/StartReplicationTask`.
    pub fn route(&self) -> String {
        format!("{}/{}/{}", self.cloud.slug(), self.service, self.name)
    }

    /// The endpoint host for a region.
    pub fn host(&self, region: &str) -> String {
        self.host_template.replace("{region}", region)
    }

    /// The region used when the form names none.
    pub fn default_region(&self) -> &'static str {
        self.regions.first().copied().unwrap_or("us-east-1")
    }

    /// The member at a dotted path such as `OverrideOptions.VerifyMode` or `Includes[0].Value`.
    pub fn member_at(&self, path: &str) -> Option<&'static Member> {
        let mut members: &'static [Member] = self.input;
        let mut found = None;
        for segment in path.split('.') {
            let name = segment.split('[').next().unwrap_or(segment);
            let member = members.iter().find(|m| m.name == name)?;
            found = Some(member);
            members = match &member.kind {
                Kind::Structure(children) => children,
                Kind::List { item: Kind::Structure(children), .. } => children,
                _ => &[],
            };
        }
        found
    }
}
