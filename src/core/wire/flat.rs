//! Flattening a typed request into dotted `key=value` pairs, and its inverse beside it.
//!
//! Shared by the protocols and CLIs that name nested members by path: awsQuery
//! (`List.member.1.Field`, `Map.entry.1.key`), ec2 (`List.1.Field`, capitalized names) and
//! Alibaba RPC and the aliyun CLI (`List.1.Field`). The walk follows botocore's
//! `QuerySerializer` / `EC2Serializer` member by member; [`unflatten_key`] walks the same model
//! the other way, from a key back to a form path, so a pasted body fills the form.

use crate::core::model::{Kind, Member, Structure};
use crate::core::request::form::{entry_key, entry_value, item, join};
use crate::core::request::timestamp;
use crate::core::request::value::{base64, python_float, Value};

/// How list items are named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListNaming {
    /// awsQuery: `Key.member.N` (the item's `locationName` for `member`), or `Key.N` for a
    /// flattened list, where a named item also replaces the key's last segment.
    Query,
    /// ec2, Alibaba RPC: `Key.N`, whatever the model says.
    Plain,
}

/// How one flat format names members and lists and writes the values that differ.
pub struct FlatStyle {
    /// The serialized name of a member.
    pub member_name: fn(&Member) -> &str,
    /// List item naming.
    pub lists: ListNaming,
    /// Whether an empty list is sent as the bare key with an empty value.
    pub empty_list_as_bare_key: bool,
    /// Whether a timestamp is written as typed (the aliyun CLI) rather than as the protocol
    /// writes it.
    pub timestamp_as_typed: bool,
    /// Whether a blob is base64 (wire) or its text (CLI).
    pub blob_base64: bool,
    /// Whether map entries are `Key.entry.N` (botocore's query and ec2) rather than `Key.N`.
    pub map_entries: bool,
    /// Whether a map's entries, and a free document's members, are named by their keys
    /// (`Key.<name>=value`, lists inside a document `Key.<name>.1`), as the Alibaba SDKs' flatten
    /// writes them, rather than `Key.N.key` / `Key.N.value` and one JSON text.
    pub keys_inline: bool,
}

/// botocore's awsQuery.
pub const AWS_QUERY: FlatStyle = FlatStyle {
    member_name: |m| m.location_name.unwrap_or(m.name),
    lists: ListNaming::Query,
    empty_list_as_bare_key: true,
    timestamp_as_typed: false,
    blob_base64: true,
    map_entries: true,
    keys_inline: false,
};

/// botocore's ec2: `queryName`, else the capitalized `locationName`, else the member name.
pub const EC2: FlatStyle = FlatStyle {
    member_name: ec2_name,
    lists: ListNaming::Plain,
    empty_list_as_bare_key: false,
    timestamp_as_typed: false,
    blob_base64: true,
    map_entries: true,
    keys_inline: false,
};

/// Alibaba RPC: `Key.N` from 1, maps and documents by their keys, ISO 8601 timestamps.
pub const ALIYUN_RPC: FlatStyle = FlatStyle {
    member_name: |m| m.name,
    lists: ListNaming::Plain,
    empty_list_as_bare_key: false,
    timestamp_as_typed: false,
    blob_base64: true,
    map_entries: false,
    keys_inline: true,
};

/// The aliyun CLI's flags: RPC names, timestamps as typed.
pub const ALIYUN_CLI: FlatStyle =
    FlatStyle { timestamp_as_typed: true, blob_base64: false, ..ALIYUN_RPC };

fn ec2_name(member: &Member) -> &str {
    if let Some(name) = member.query_name {
        return name;
    }
    match member.location_name {
        // botocore capitalizes the first character; model names are ASCII.
        Some(name) if name.starts_with(|c: char| c.is_ascii_lowercase()) => capitalized(name),
        Some(name) => name,
        None => member.name,
    }
}

/// `name` with its first letter upper-cased, interned (names are few and live for the page).
fn capitalized(name: &str) -> &'static str {
    use std::sync::Mutex;
    // Sorted by name; a vector keeps a hash table's code out of the wasm.
    static NAMES: Mutex<Vec<(String, &'static str)>> = Mutex::new(Vec::new());
    let mut names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
    match names.binary_search_by(|(n, _)| n.as_str().cmp(name)) {
        Ok(at) => names[at].1,
        Err(at) => {
            let mut text = name.to_string();
            if let Some(first) = text.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            let leaked: &'static str = Box::leak(text.into_boxed_str());
            names.insert(at, (name.to_string(), leaked));
            leaked
        }
    }
}

/// A timestamp as the query protocols write it: the shape's format, else ISO 8601.
fn timestamp_text(epoch: i64, format: Option<&str>) -> String {
    match format.map(str::to_ascii_lowercase).as_deref() {
        Some("unixtimestamp") => epoch.to_string(),
        Some("rfc822") => timestamp::format_rfc822(epoch),
        _ => timestamp::format_iso(epoch),
    }
}

/// Appends the pairs for `value` at `key`; `member` is the model member the value is for.
pub fn flatten(
    key: &str,
    member: &Member,
    value: &Value,
    style: &FlatStyle,
    out: &mut Vec<(String, String)>,
) {
    match (value, member.kind) {
        (Value::Str(s), _) => out.push((key.to_string(), s.clone())),
        (Value::Int(i), _) => out.push((key.to_string(), i.to_string())),
        (Value::Float(f), _) => out.push((key.to_string(), python_float(*f))),
        (Value::Bool(b), _) => out.push((key.to_string(), b.to_string())),
        (Value::Timestamp { text, .. }, _) if style.timestamp_as_typed => {
            out.push((key.to_string(), text.clone()))
        }
        (Value::Timestamp { epoch, format, .. }, _) => {
            out.push((key.to_string(), timestamp_text(*epoch, *format)))
        }
        (Value::Blob(text), _) if style.blob_base64 => {
            out.push((key.to_string(), base64(text.as_bytes())))
        }
        (Value::Blob(text), _) => out.push((key.to_string(), text.clone())),
        (Value::Document(node), _) if style.keys_inline => flatten_document(key, node, out),
        (Value::Map(entries), Kind::Map { value: value_member, .. }) if style.keys_inline => {
            for (entry_key, entry_value) in entries {
                flatten(&format!("{key}.{entry_key}"), value_member, entry_value, style, out);
            }
        }
        (Value::Document(_), _) => out.push((
            key.to_string(),
            crate::core::request::value::to_compact_json(value.cli_json()),
        )),
        (Value::List(items), _) if items.is_empty() => {
            if style.empty_list_as_bare_key {
                out.push((key.to_string(), String::new()));
            }
        }
        (Value::List(items), Kind::List { item: item_member, flattened, .. }) => {
            let list_key = list_prefix(key, item_member, *flattened, style);
            for (index, element) in items.iter().enumerate() {
                flatten(&format!("{list_key}.{}", index + 1), item_member, element, style, out);
            }
        }
        (
            Value::Map(entries),
            Kind::Map { key: key_member, value: value_member, flattened, .. },
        ) => {
            let base = if *flattened || !style.map_entries {
                key.to_string()
            } else {
                format!("{key}.entry")
            };
            let (key_suffix, value_suffix) =
                (part_name(key_member, "key", style), part_name(value_member, "value", style));
            for (index, (entry_key, entry_value)) in entries.iter().enumerate() {
                let n = index + 1;
                out.push((format!("{base}.{n}.{key_suffix}"), entry_key.clone()));
                flatten(
                    &format!("{base}.{n}.{value_suffix}"),
                    value_member,
                    entry_value,
                    style,
                    out,
                );
            }
        }
        (Value::Struct(fields), _) => {
            for (field, value) in fields {
                flatten(&format!("{key}.{}", (style.member_name)(field)), field, value, style, out);
            }
        }
        // A value whose kind does not match its member cannot come out of the build step.
        (Value::List(_) | Value::Map(_), _) => {}
    }
}

/// A free document as the Alibaba SDKs' flatten writes it: object members by key, list items
/// from 1, text as it is, nulls left out (booleans as JSON spells them, the SDKs' other
/// languages' spelling; Python's `True` is the one known difference).
fn flatten_document(key: &str, node: &crate::core::json::Node, out: &mut Vec<(String, String)>) {
    use crate::core::json::Node;
    match node {
        Node::Null => {}
        Node::Str(text) | Node::Num(text) => out.push((key.to_string(), text.clone())),
        Node::Bool(b) => out.push((key.to_string(), b.to_string())),
        Node::List(items) => {
            for (index, item) in items.iter().enumerate() {
                flatten_document(&format!("{key}.{}", index + 1), item, out);
            }
        }
        Node::Map(members) => {
            for (name, value) in members {
                flatten_document(&format!("{key}.{name}"), value, out);
            }
        }
    }
}

/// The serialized name of a map's key or value: the model's, else `key` / `value`.
fn part_name<'a>(member: &'a Member, default: &'a str, style: &FlatStyle) -> &'a str {
    let name = (style.member_name)(member);
    if name.is_empty() {
        default
    } else {
        name
    }
}

fn list_prefix(key: &str, item_member: &Member, flattened: bool, style: &FlatStyle) -> String {
    match style.lists {
        ListNaming::Plain => key.to_string(),
        ListNaming::Query if flattened => match item_member.location_name {
            Some(name) => match key.rsplit_once('.') {
                Some((parent, _)) => format!("{parent}.{name}"),
                None => name.to_string(),
            },
            None => key.to_string(),
        },
        ListNaming::Query => format!("{key}.{}", item_member.location_name.unwrap_or("member")),
    }
}

/// The pairs for every member of a request structure.
pub fn flatten_request(request: &Value, style: &FlatStyle) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (member, value) in request.fields() {
        flatten((style.member_name)(member), member, value, style, &mut out);
    }
    out
}

/// The inverse of [`flatten`] for one key: the form path it came from (`A.member.2.B` ->
/// `A[1].B`, `Tags.entry.1.value` -> `Tags[0].value`), walking the same model. `None` when
/// the key names nothing in the model. Every index is also returned, with the list path it
/// indexes, so the caller can size the form's lists.
pub fn unflatten_key(
    input: &'static Structure,
    key: &str,
    style: &FlatStyle,
) -> Option<(String, Vec<(String, usize)>)> {
    let segments: Vec<&str> = key.split('.').collect();
    let mut lists = Vec::new();
    let path = walk_struct(input, &segments, "", style, &mut lists)?;
    Some((path, lists))
}

fn walk_struct(
    shape: &'static Structure,
    segments: &[&str],
    prefix: &str,
    style: &FlatStyle,
    lists: &mut Vec<(String, usize)>,
) -> Option<String> {
    let (first, rest) = segments.split_first()?;
    for member in shape.members() {
        let path = join(prefix, member.name);
        // A flattened query list with a named item is keyed by the item's name instead.
        if let Kind::List { item: item_member, flattened: true, .. } = member.kind {
            if style.lists == ListNaming::Query
                && item_member.location_name == Some(*first)
                && (style.member_name)(member) != *first
            {
                if let Some(found) = walk_list_items(item_member, rest, &path, style, lists) {
                    return Some(found);
                }
            }
        }
        if (style.member_name)(member) == *first {
            if let Some(found) = walk_member(member, rest, &path, style, lists) {
                return Some(found);
            }
        }
    }
    None
}

fn walk_member(
    member: &'static Member,
    rest: &[&str],
    path: &str,
    style: &FlatStyle,
    lists: &mut Vec<(String, usize)>,
) -> Option<String> {
    match member.kind {
        _ if rest.is_empty() => Some(path.to_string()),
        Kind::Structure(shape) => walk_struct(shape, rest, path, style, lists),
        Kind::List { item: item_member, flattened, .. } => {
            let rest = match style.lists {
                ListNaming::Query if !flattened => {
                    let (marker, rest) = rest.split_first()?;
                    (*marker == item_member.location_name.unwrap_or("member")).then_some(rest)?
                }
                _ => rest,
            };
            walk_list_items(item_member, rest, path, style, lists)
        }
        Kind::Map { key, value, flattened, .. } => {
            let rest = if !*flattened && style.map_entries {
                let (marker, rest) = rest.split_first()?;
                (*marker == "entry").then_some(rest)?
            } else {
                rest
            };
            let (index, rest) = one_based(rest)?;
            lists.push((path.to_string(), index));
            let entry = item(path, index);
            let (part, rest) = rest.split_first()?;
            if *part == part_name(key, "key", style) && rest.is_empty() {
                Some(entry_key(&entry))
            } else if *part == part_name(value, "value", style) {
                walk_member(value, rest, &entry_value(&entry), style, lists)
            } else {
                None
            }
        }
        _ => None,
    }
}

fn walk_list_items(
    item_member: &'static Member,
    rest: &[&str],
    path: &str,
    style: &FlatStyle,
    lists: &mut Vec<(String, usize)>,
) -> Option<String> {
    let (index, rest) = one_based(rest)?;
    lists.push((path.to_string(), index));
    walk_member(item_member, rest, &item(path, index), style, lists)
}

/// `N` (from 1) at the front of the segments, as a 0-based index.
fn one_based<'a, 'b>(segments: &'a [&'b str]) -> Option<(usize, &'a [&'b str])> {
    let (first, rest) = segments.split_first()?;
    if !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: usize = first.parse().ok()?;
    (n >= 1).then(|| (n - 1, rest))
}
