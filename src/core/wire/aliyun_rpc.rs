//! Alibaba Cloud RPC requests: common parameters (`Action`, `Version`, `Format`, and `RegionId`
//! when the operation has no member of that name) then the business parameters, RFC
//! 3986-encoded in the query, or form-encoded in the body for the members the product's SDK puts
//! there. Where each member travels and how its value is written (flattened `Key.1.Name`, one
//! JSON text, a comma list) is data per member, read from the SDK (`Operation::rpc`).

use super::{encoding, flat, Parts, WireProtocol, WireRequest};
use crate::core::model::{Kind, Operation, Protocol, ValueStyle};
use crate::core::request::value::{to_compact_json, Value};

/// Alibaba Cloud's RPC style.
pub struct AliyunRpc;

/// Name-value pairs in order: the query or the form body.
type Pairs = Vec<(String, String)>;

/// The business parameters of a request as the SDK writes them, split into (query, body)
/// pairs, names and values decoded.
pub fn parameters(op: &Operation, request: &Value, style: &flat::FlatStyle) -> (Pairs, Pairs) {
    let (mut query, mut body) = (Vec::new(), Vec::new());
    for (member, value) in request.fields() {
        let placement = op.rpc.placement(member.name);
        let out = if placement.body { &mut body } else { &mut query };
        write_member(member.name, member, value, placement.style, style, out);
    }
    (query, body)
}

/// One member's parameters under `key`, written in `value_style` (one JSON text, a comma list,
/// or flattened in `style`).
pub(super) fn write_member(
    key: &str,
    member: &'static crate::core::model::Member,
    value: &Value,
    value_style: ValueStyle,
    style: &flat::FlatStyle,
    out: &mut Pairs,
) {
    match (value_style, value) {
        (ValueStyle::Json, value) => {
            out.push((key.to_string(), to_compact_json(sdk_json(value, member.kind).cli_json())))
        }
        (ValueStyle::Simple, Value::List(items)) => {
            let item_member = match member.kind {
                Kind::List { item, .. } => *item,
                _ => member,
            };
            let mut words = Vec::new();
            for item in items {
                let mut pairs = Vec::new();
                flat::flatten("", item_member, item, style, &mut pairs);
                words.extend(pairs.into_iter().map(|(_, v)| v));
            }
            out.push((key.to_string(), words.join(",")));
        }
        _ => flat::flatten(key, member, value, style, out),
    }
}

/// A value as the SDKs write it into a JSON-text parameter (and into a ROA body): their request
/// models write an unset list of structures (or of lists of them, eventbridge's `MatchRules`)
/// inside a structure as `[]`, which `tools/aliyun_models.py` checks every model of the pinned
/// packages does, and an unset map of structures (or of lists of them) as `{}` (found by the bulk
/// check over the ROA products: opensearch `DataSource.plugins`, paifeaturestore
/// `FeatureViewConfig.Partitions`, datalake `Privileges.UserPrivileges`), so the page adds those.
pub(crate) fn sdk_json(value: &Value, kind: &'static Kind) -> Value {
    match (value, kind) {
        (Value::Struct(fields), Kind::Structure(shape)) => Value::Struct(
            shape
                .members()
                .iter()
                .filter_map(|member| {
                    match fields.iter().find(|(field, _)| field.name == member.name) {
                        Some((field, value)) => Some((*field, sdk_json(value, field.kind))),
                        None if list_of_structures(member.kind) => {
                            Some((member, Value::List(Vec::new())))
                        }
                        None if map_of_structures(member.kind) => {
                            Some((member, Value::Map(Vec::new())))
                        }
                        None => None,
                    }
                })
                .collect(),
        ),
        (Value::List(items), Kind::List { item, .. }) => {
            Value::List(items.iter().map(|v| sdk_json(v, item.kind)).collect())
        }
        (Value::Map(entries), Kind::Map { value: value_member, .. }) => Value::Map(
            entries.iter().map(|(k, v)| (k.clone(), sdk_json(v, value_member.kind))).collect(),
        ),
        _ => value.clone(),
    }
}

/// Whether `kind` is a map whose values are structures, or lists of them (datalake's
/// `Privileges.GroupPrivileges`): the SDKs' models write it as `{}` when unset, as they write a
/// list of structures as `[]`.
fn map_of_structures(kind: &Kind) -> bool {
    matches!(kind, Kind::Map { value, .. }
        if matches!(value.kind, Kind::Structure(_)) || list_of_structures(value.kind))
}

/// Whether `kind` is a list of structures, or a list of such lists.
fn list_of_structures(kind: &Kind) -> bool {
    match kind {
        Kind::List { item, .. } => {
            matches!(item.kind, Kind::Structure(_)) || list_of_structures(item.kind)
        }
        _ => false,
    }
}

/// Sorts form pairs by key, as the SDKs' form writers (Python's `urlencode` of the sorted
/// pairs) do. (One function for RPC and ROA bodies: one copy of the sort.)
pub(super) fn sort_form(pairs: &mut Pairs) {
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
}

/// The common parameters: `Action`, `Version`, `Format` and the region as `RegionId`, each
/// unless the operation has a member of that name: then the member's value is sent, once, as
/// the SDKs' merge of common and business parameters does (the action and version still travel
/// in the `x-acs-*` headers).
pub fn common(op: &Operation, version: &str, region: &str) -> Vec<(String, String)> {
    [("Action", op.name), ("Version", version), ("Format", "JSON"), ("RegionId", region)]
        .into_iter()
        .filter(|(name, _)| op.input.member(name).is_none())
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect()
}

impl WireProtocol for AliyunRpc {
    fn parts(&self, op: &Operation, request: &Value, region: &str) -> Parts {
        let version = match op.protocol {
            Protocol::AliyunRpc { version } => version,
            _ => "",
        };
        let (business, mut body) = parameters(op, request, &flat::ALIYUN_RPC);
        let mut query = common(op, version, region);
        query.extend(business);
        sort_form(&mut body);
        Parts {
            // `POST /`, or the method the SDK uses for the operation (a few are `GET`).
            method: op.rpc.method.unwrap_or("POST"),
            path: "/".to_string(),
            query: encoding::pairs(&query, encoding::rfc3986),
            body: encoding::pairs(&body, encoding::form),
            content_type: "application/x-www-form-urlencoded",
            headers: vec![
                ("x-acs-action".to_string(), op.name.to_string()),
                ("x-acs-version".to_string(), version.to_string()),
            ],
        }
    }

    fn query_panel(&self, wire: &WireRequest) -> String {
        wire.query.clone()
    }

    fn signing_note(&self) -> &'static str {
        "Signing (ACS3-HMAC-SHA256) adds x-acs-date, x-acs-signature-nonce, x-acs-content-sha256 and Authorization; \
         the older HMAC-SHA1 style adds AccessKeyId, SignatureMethod, SignatureVersion, SignatureNonce, Timestamp and Signature to the query."
    }
}
