//! `aliyun <product> <METHOD> <path> --key value --header Name=value --body '{…}'` (the
//! `aliyun` CLI's ROA form, as `cli::aliyun` writes it) back into a form: the operation is the
//! product's one with that method whose path template the path fits (literal segments first),
//! its labels fill the path members, `--key` the query member with that wire name, `--header`
//! the header members, and `--body` the body members (or the payload member) from its JSON.

use crate::core::json::{parse_json, Node};
use crate::core::model::format::Service;
use crate::core::model::{Kind, Location, Member, Operation};
use crate::core::paste::words::Word;
use crate::core::paste::{Mode, ParseError, Pasted, Problems};
use crate::core::request::form::FormState;
use crate::core::wire::flat;

/// Whether a word is an HTTP method the CLI takes for a ROA call.
pub(crate) fn is_method(text: &str) -> bool {
    matches!(
        text.to_ascii_uppercase().as_str(),
        "GET" | "POST" | "PUT" | "DELETE" | "PATCH" | "HEAD"
    )
}

/// The labels of `path` under `template` (`/clusters/{ClusterId}`), percent-decoded; `None`
/// when the path does not fit.
fn fit(template: &str, path: &str) -> Option<Vec<(String, String)>> {
    let template = template.split('?').next().unwrap_or(template);
    // A template that is one label is the whole path (Cloud Control's `{RequestPath}`).
    if let Some(label) = template.strip_prefix('{').and_then(|l| l.strip_suffix('}')) {
        return (!label.contains('}') && path.starts_with('/'))
            .then(|| vec![(label.to_string(), path.to_string())]);
    }
    let (t, p): (Vec<&str>, Vec<&str>) = (template.split('/').collect(), path.split('/').collect());
    if t.len() != p.len() {
        return None;
    }
    let mut labels = Vec::new();
    for (t, p) in t.iter().zip(&p) {
        // A label left unfilled is written as the template has it: unset.
        if t == p {
            continue;
        }
        match t.split_once('{').and_then(|(head, rest)| Some((head, rest.split_once('}')?))) {
            // A label, maybe inside literal text (`{ExecutionNumber}%3Apass`).
            Some((head, (label, tail))) => {
                let value = p.strip_prefix(head)?.strip_suffix(tail)?;
                if value.is_empty() {
                    return None;
                }
                labels.push((label.to_string(), decode(value)));
            }
            None if decode(t) == decode(p) => {}
            None => return None,
        }
    }
    Some(labels)
}

/// Percent-decoding (a malformed escape stays as written).
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The operation of `service` that `method path` calls, with its labels: the one whose template
/// has the most literal segments among those the path fits.
fn find(
    service: &Service,
    method: &str,
    path: &str,
) -> Option<(&'static Operation, Vec<(String, String)>)> {
    let path = path.split('?').next().unwrap_or(path);
    service
        .operations
        .iter()
        .filter_map(|op| {
            let http = op.http.filter(|h| h.method.eq_ignore_ascii_case(method))?;
            let labels = fit(http.request_uri, path)?;
            Some((*op, labels))
        })
        .max_by_key(|(op, labels)| {
            op.http.map_or(0, |h| h.request_uri.split('/').count()) - labels.len()
        })
}

/// The member of `op` at `location` with wire name `key`.
fn member_at(op: &Operation, location: Location, key: &str) -> Option<&'static Member> {
    op.members()
        .iter()
        .find(|m| m.location == Some(location) && m.location_name.unwrap_or(m.name) == key)
}

/// Parses the words after `aliyun <product>`, the first being the method.
pub(crate) fn command(
    input: &str,
    service: &Service,
    words: &[Word],
    mode: Mode,
) -> Result<Pasted, ParseError> {
    let mut problems = Problems::new(mode);
    let method = &words[0];
    let Some(path) = words.get(1) else {
        return Err(ParseError::new(
            input,
            method.offset,
            "the command names no path after the method",
        )
        .with_hint("aliyun cs GET /clusters/<ClusterId>"));
    };
    let Some((op, labels)) = find(service, &method.text, &path.text) else {
        return Err(ParseError::new(
            input,
            path.offset,
            format!(
                "no {} operation of {} has the path {}",
                method.text.to_ascii_uppercase(),
                service.id,
                path.text
            ),
        ));
    };
    let mut form = FormState::new(op.default_region());
    for (label, value) in labels {
        if let Some(member) = member_at(op, Location::Uri, &label) {
            form.set(member.name, &value);
        }
    }
    let mut ignored = Vec::new();
    super::aliyun_flags::flag_pairs(input, &words[2..], |word, name, value| {
        let Some(value) = value else {
            ignored.push(word.text.clone());
            return Ok(());
        };
        let filled = match name {
            "region" => {
                form.region = value.text.clone();
                Ok(())
            }
            "header" => header(op, &value.text, &mut form),
            "body" => body(op, &value.text, &mut form),
            _ if super::aliyun_flags::is_cli_flag_with_value(name) => {
                ignored.push(format!("{} {}", word.text, value.text));
                Ok(())
            }
            key => query(op, key, &value.text, &mut form),
        };
        if let Err(message) = filled {
            problems.drop_or_fail(ParseError::new(input, word.offset, message))?;
        }
        Ok(())
    })?;
    super::aliyun_flags::drop_own_endpoint(&mut ignored, op, &form.region);
    Ok(Pasted { op, form, ignored, notes: vec![], dropped: problems.into_dropped() })
}

/// `--header Name=value`: a header member (the body's content type is the page's own).
fn header(op: &Operation, text: &str, form: &mut FormState) -> Result<(), String> {
    let Some((name, value)) = text.split_once('=') else {
        return Err(format!("--header takes Name=value, not {text}"));
    };
    if name.eq_ignore_ascii_case("content-type") {
        return Ok(());
    }
    let member = op
        .members()
        .iter()
        .find(|m| {
            m.location == Some(Location::Header)
                && m.location_name.unwrap_or(m.name).eq_ignore_ascii_case(name)
        })
        .ok_or_else(|| format!("{} sets no header {name}", op.name))?;
    fill_text(op, member, value, form)
}

/// `--key value`: a query member by its wire name (or a flattened key under it).
fn query(op: &Operation, key: &str, value: &str, form: &mut FormState) -> Result<(), String> {
    if let Some(member) = member_at(op, Location::Querystring, key) {
        return fill_text(op, member, value, form);
    }
    let (head, tail) = key.split_once('.').unwrap_or((key, ""));
    let member = member_at(op, Location::Querystring, head).ok_or_else(|| {
        let names: Vec<String> = op
            .members()
            .iter()
            .filter(|m| m.location == Some(Location::Querystring))
            .map(|m| format!("--{}", m.location_name.unwrap_or(m.name)))
            .collect();
        format!("--{key} is not a query parameter of {}; it takes {}", op.name, names.join(", "))
    })?;
    if matches!(member.kind, Kind::Document) {
        insert_document(form, member.name, tail, value);
        return Ok(());
    }
    let (path, lists) =
        flat::unflatten_key(op.input, &[member.name, ".", tail].concat(), &flat::ALIYUN_CLI)
            .ok_or_else(|| format!("--{key} names nothing under {head}"))?;
    if !crate::core::paste::query::size_lists(&lists, form) {
        return Err(format!("--{key} names an item beyond the page's list limit"));
    }
    form.set(&path, value);
    Ok(())
}

/// A flattened key under a free document (`podList.k.1 x`): the document gets the value as text
/// under those keys, which flattens back to the same parameters.
fn insert_document(form: &mut FormState, name: &str, tail: &str, value: &str) {
    let mut root = match parse_json(form.get(name)) {
        Ok(node @ Node::Map(_)) => node,
        _ => Node::Map(Vec::new()),
    };
    let mut node = &mut root;
    for key in tail.split('.') {
        let Node::Map(entries) = node else { return };
        let at = match entries.iter().position(|(k, _)| k == key) {
            Some(at) => at,
            None => {
                entries.push((key.to_string(), Node::Map(Vec::new())));
                entries.len() - 1
            }
        };
        node = &mut entries[at].1;
    }
    *node = Node::Str(value.to_string());
    form.set(name, &crate::core::request::value::node_to_pretty_json(&root));
}

/// A member's text: as written for scalars, or as the JSON text or comma list its style takes.
fn fill_text(
    op: &Operation,
    member: &Member,
    value: &str,
    form: &mut FormState,
) -> Result<(), String> {
    match crate::core::paste::query::styled_member(op, member.name, value, form) {
        Some(result) => result,
        None => {
            form.set(member.name, value);
            Ok(())
        }
    }
}

/// A form body (`Key=v&Tag.1.Key=k`): each pair fills the body member under its key.
fn form_body(op: &Operation, text: &str, form: &mut FormState) -> Result<(), String> {
    for pair in text.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let (key, value) = (decode(&key.replace('+', " ")), decode(&value.replace('+', " ")));
        let (head, tail) = key.split_once('.').unwrap_or((&key, ""));
        let member = op
            .members()
            .iter()
            .find(|m| m.location.is_none() && m.location_name.unwrap_or(m.name) == head)
            .ok_or_else(|| format!("the body's {head} is not a member of {}", op.name))?;
        if tail.is_empty() {
            fill_text(op, member, &value, form)?;
            continue;
        }
        let flat_key = [member.name, ".", tail].concat();
        let (path, lists) = flat::unflatten_key(op.input, &flat_key, &flat::ALIYUN_CLI)
            .ok_or_else(|| format!("the body's {key} names nothing under {head}"))?;
        if !crate::core::paste::query::size_lists(&lists, form) {
            return Err(format!("the body's {key} names an item beyond the page's list limit"));
        }
        form.set(&path, &value);
    }
    Ok(())
}

/// `--body '{…}'`: the body members by their wire names, or the payload member.
fn body(op: &Operation, text: &str, form: &mut FormState) -> Result<(), String> {
    if let Some(payload) = op.http.and_then(|h| h.payload).and_then(|p| op.input.member(p)) {
        // A text payload is the body as it is; a structured one is its JSON.
        if matches!(payload.kind, Kind::String(_) | Kind::Enum { .. } | Kind::Blob { .. }) {
            form.set_keeping_empty(payload.name, text);
            return Ok(());
        }
        let node = parse_json(text)
            .map_err(|e| format!("--body takes JSON: {} at {}", e.message, e.offset))?;
        return crate::core::paste::coerce::coerce(payload.kind, &node, payload.name, form);
    }
    if op.rpc.form_body {
        return form_body(op, text, form);
    }
    let node = parse_json(text)
        .map_err(|e| format!("--body takes JSON: {} at {}", e.message, e.offset))?;
    let Node::Map(pairs) = node else {
        return Err("--body is not a JSON object".into());
    };
    for (key, node) in &pairs {
        let member = op
            .members()
            .iter()
            .find(|m| m.location.is_none() && m.location_name.unwrap_or(m.name) == key)
            .ok_or_else(|| format!("the body's \"{key}\" is not a member of {}", op.name))?;
        crate::core::paste::coerce::coerce(member.kind, node, member.name, form)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_fits_a_template_with_its_labels_decoded() {
        type Case<'a> = (&'a str, &'a str, Option<Vec<(&'a str, &'a str)>>);
        let table: &[Case] = &[
            ("/clusters/{ClusterId}", "/clusters/c-1", Some(vec![("ClusterId", "c-1")])),
            ("/clusters/{ClusterId}", "/clusters/a%2Ab", Some(vec![("ClusterId", "a*b")])),
            ("/clusters/{ClusterId}", "/clusters/", None),
            ("/clusters/{ClusterId}", "/clusters/{ClusterId}", Some(vec![])),
            ("/x/{N}%3Apass", "/x/7%3Apass", Some(vec![("N", "7")])),
            ("/x/{N}%3Apass", "/x/7%3Afail", None),
            ("/clusters/{ClusterId}", "/clusters/c-1/nodes", None),
            ("/api/v1/clusters", "/api/v1/clusters", Some(vec![])),
            ("/api/v1/clusters", "/api/v2/clusters", None),
            (
                "{RequestPath}",
                "/api/v1/providers/p/resources/r",
                Some(vec![("RequestPath", "/api/v1/providers/p/resources/r")]),
            ),
        ];
        for (template, path, want) in table {
            let want = want
                .as_ref()
                .map(|w| w.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect::<Vec<_>>());
            assert_eq!(fit(template, path), want, "{template} {path}");
        }
    }
}
