//! Query strings back into a form: an awsQuery form body (`Action=StartMigration&Version=…`)
//! or an Alibaba RPC query (`Action=StartReplicationJob&…`), bare, as a URL, or as the request
//! line `POST /?… HTTP/1.1`. The `Action` names the operation.

use super::{Mode, ParseError, Pasted, Problems};
use crate::core::model::catalog::loaded_operations;
use crate::core::model::{Kind, Operation, Protocol, ValueStyle};
use crate::core::request::form::{FormState, MAX_LIST_ITEMS};
use crate::core::wire::flat;

/// Parameters every request carries that have no place in the form.
const COMMON: &[&str] = &[
    "Action",
    "Version",
    "Format",
    "Timestamp",
    "AccessKeyId",
    "Signature",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "SignatureType",
    "X-Amz-Date",
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-Signature",
    "X-Amz-SignedHeaders",
    "X-Amz-Security-Token",
];

/// Parses a query string, URL or request line.
pub fn parse(input: &str, mode: Mode) -> Result<Pasted, ParseError> {
    let mut problems = Problems::new(mode);
    let trimmed = input.trim();
    let lead = input.len() - input.trim_start().len();
    let line = trimmed.lines().next().unwrap_or("");
    let (query, query_at) = match line.find('?') {
        Some(q) if !line.starts_with("Action=") => {
            let end = line[q + 1..].find(' ').map_or(line.len(), |e| q + 1 + e);
            (&line[q + 1..end], lead + q + 1)
        }
        _ => (trimmed, lead),
    };
    let mut pairs = Vec::new();
    let mut at = query_at;
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let decode = |text: &str| {
            percent_encoding::percent_decode_str(&text.replace('+', " "))
                .decode_utf8()
                .map(|s| s.into_owned())
        };
        match (decode(key), decode(value)) {
            (Ok(k), Ok(v)) => pairs.push((k, v, at)),
            _ => {
                return Err(ParseError::new(
                    input,
                    at,
                    "this parameter is not valid percent-encoded UTF-8",
                ))
            }
        }
        at += pair.len() + 1;
    }
    let Some((_, action, action_at)) = pairs.iter().find(|(k, _, _)| k == "Action") else {
        return Err(ParseError::new(
            input,
            lead,
            "the query has no Action parameter, so it names no operation",
        ));
    };
    let query_style = |p: &Protocol| {
        matches!(p, Protocol::AwsQuery { .. } | Protocol::Ec2 { .. } | Protocol::AliyunRpc { .. })
    };
    let Some(op) =
        loaded_operations().into_iter().find(|op| op.name == action && query_style(&op.protocol))
    else {
        return Err(ParseError::new(
            input,
            *action_at,
            format!("no open service has a query operation \"{action}\""),
        )
        .with_hint("open the operation first, then paste"));
    };
    let style = match op.protocol {
        Protocol::AwsQuery { .. } => &flat::AWS_QUERY,
        Protocol::Ec2 { .. } => &flat::EC2,
        _ => &flat::ALIYUN_RPC,
    };
    let mut form = FormState::new(op.default_region());
    let mut ignored = Vec::new();
    for (key, value, at) in &pairs {
        if key == "RegionId" {
            form.region = value.clone();
            if op.input.member("RegionId").is_none() {
                continue;
            }
        }
        if let Some(filled) = styled_member(op, key, value, &mut form) {
            if let Err(message) = filled {
                problems.drop_or_fail(ParseError::new(input, *at, message))?;
            }
            continue;
        }
        if COMMON.contains(&key.as_str()) {
            if !matches!(key.as_str(), "Action" | "Version" | "Format") {
                ignored.push(key.clone());
            }
            continue;
        }
        let Some((path, lists)) = flat::unflatten_key(op.input, key, style) else {
            problems.drop_or_fail(ParseError::new(
                input,
                *at,
                format!("{key} is not a parameter of {}", op.name),
            ))?;
            continue;
        };
        // `List=` : an empty list.
        let member = op.member_at(&path);
        if member.is_some_and(|m| matches!(m.kind, Kind::List { .. })) && value.is_empty() {
            form.set_list_len(&path, Some(0));
            continue;
        }
        if !size_lists(&lists, &mut form) {
            problems.drop_or_fail(ParseError::new(
                input,
                *at,
                format!("{key} names an item beyond the page's limit of {MAX_LIST_ITEMS}"),
            ))?;
            continue;
        }
        // `Tag.1.Value=` is an empty text, which botocore sends as such.
        if member.is_some_and(|m| m.kind.is_text()) {
            form.set_keeping_empty(&path, value);
        } else {
            form.set(&path, value);
        }
    }
    Ok(Pasted { op, form, ignored, notes: vec![], dropped: problems.into_dropped() })
}

/// Fills an Alibaba Cloud RPC member that the SDK sends as one JSON text or comma list from that
/// text; `None` when `key` names no such member (it is then a flat key).
pub(crate) fn styled_member(
    op: &Operation,
    key: &str,
    value: &str,
    form: &mut FormState,
) -> Option<Result<(), String>> {
    let member = op.input.member(key)?;
    match op.rpc.placement(key).style {
        ValueStyle::Flat => None,
        ValueStyle::Json => Some(match crate::core::json::parse_json(value) {
            Ok(node) => super::coerce::coerce(member.kind, &node, key, form),
            Err(error) => Err(format!("{key} takes JSON: {} at {}", error.message, error.offset)),
        }),
        ValueStyle::Simple => {
            let items: Vec<&str> =
                if value.is_empty() { Vec::new() } else { value.split(',').collect() };
            if items.len() > MAX_LIST_ITEMS {
                return Some(Err(format!(
                    "{key} has {} items; the page takes at most {MAX_LIST_ITEMS}",
                    items.len()
                )));
            }
            form.set_list_len(key, Some(items.len()));
            for (index, text) in items.iter().enumerate() {
                form.set(&crate::core::request::form::item(key, index), text);
            }
            Some(Ok(()))
        }
    }
}

/// Makes every list on the way to a key long enough to hold its index; false when that would
/// pass the page's list limit.
pub fn size_lists(lists: &[(String, usize)], form: &mut FormState) -> bool {
    for (list, index) in lists {
        if *index >= MAX_LIST_ITEMS {
            return false;
        }
        let len = form.list_len(list).unwrap_or(0).max(index + 1);
        form.set_list_len(list, Some(len));
    }
    true
}
