//! Query strings back into a form: an awsQuery form body (`Action=StartMigration&Version=…`)
//! or an Alibaba RPC query (`Action=StartReplicationJob&…`), bare, as a URL, or as the request
//! line `POST /?… HTTP/1.1`. The `Action` names the operation.

use super::{Mode, ParseError, Pasted, Problems};
use crate::core::catalog::OPERATIONS;
use crate::core::form::{FormState, MAX_LIST_ITEMS};
use crate::core::model::{Kind, Protocol};

/// Parameters every request carries that have no place in the form.
const COMMON: &[&str] = &[
    "Action", "Version", "Format", "Timestamp", "AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion",
    "SignatureNonce", "SignatureType", "X-Amz-Date", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature",
    "X-Amz-SignedHeaders", "X-Amz-Security-Token",
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
        let decode = |text: &str| percent_encoding::percent_decode_str(&text.replace('+', " ")).decode_utf8().map(|s| s.into_owned());
        match (decode(key), decode(value)) {
            (Ok(k), Ok(v)) => pairs.push((k, v, at)),
            _ => return Err(ParseError::new(input, at, "this parameter is not valid percent-encoded UTF-8")),
        }
        at += pair.len() + 1;
    }
    let Some((_, action, action_at)) = pairs.iter().find(|(k, _, _)| k == "Action") else {
        return Err(ParseError::new(input, lead, "the query has no Action parameter, so it names no operation"));
    };
    let Some(op) = OPERATIONS.iter().copied().find(|op| op.name == action) else {
        let known: Vec<&str> = OPERATIONS.iter().map(|op| op.name).collect();
        return Err(ParseError::new(input, *action_at, format!("the page has no operation \"{action}\""))
            .with_hint(format!("it knows {}", known.join(", "))));
    };
    let list_marker = match op.protocol {
        Protocol::AwsQuery { .. } => ".member.",
        _ => ".",
    };
    let mut form = FormState::new(op.default_region());
    let mut ignored = Vec::new();
    for (key, value, at) in &pairs {
        if key == "RegionId" {
            form.region = value.clone();
            continue;
        }
        if COMMON.contains(&key.as_str()) {
            if !matches!(key.as_str(), "Action" | "Version" | "Format") {
                ignored.push(key.clone());
            }
            continue;
        }
        let path = to_path(key, list_marker);
        let Some(member) = op.member_at(&path) else {
            problems.drop_or_fail(ParseError::new(input, *at, format!("{key} is not a parameter of {}", op.name)))?;
            continue;
        };
        // `List=` : an empty list.
        if matches!(member.kind, Kind::List { .. }) && value.is_empty() && !path.contains('[') {
            form.set_list_len(&path, Some(0));
            continue;
        }
        if !note_lists(&path, &mut form) {
            problems.drop_or_fail(ParseError::new(input, *at, format!("{key} names an item beyond the page's limit of {MAX_LIST_ITEMS}")))?;
            continue;
        }
        form.set(&path, value);
    }
    Ok(Pasted { op, form, ignored, dropped: problems.into_dropped() })
}

/// `A.member.2.B` (or `A.2.B` for RPC) -> `A[1].B`.
fn to_path(key: &str, list_marker: &str) -> String {
    let mut out = String::new();
    let mut rest = key;
    while let Some(at) = rest.find(list_marker) {
        let after = &rest[at + list_marker.len()..];
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        match digits.parse::<usize>() {
            Ok(n) if n >= 1 => {
                out.push_str(&rest[..at]);
                out.push_str(&format!("[{}]", n - 1));
                rest = &after[digits.len()..];
            }
            _ => break,
        }
    }
    out.push_str(rest);
    out
}

/// Makes every list on the way to `path` long enough to hold it; false when that would pass
/// the page's list limit.
fn note_lists(path: &str, form: &mut FormState) -> bool {
    let mut search = 0;
    while let Some(open) = path[search..].find('[') {
        let open = search + open;
        let close = path[open..].find(']').map_or(path.len(), |c| open + c);
        if let Ok(index) = path[open + 1..close].parse::<usize>() {
            if index >= MAX_LIST_ITEMS {
                return false;
            }
            let list = &path[..open];
            let len = form.list_len(list).unwrap_or(0).max(index + 1);
            form.set_list_len(list, Some(len));
        }
        search = close;
    }
    true
}
