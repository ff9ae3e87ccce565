//! The `aws` command for a typed request, as the AWS CLI (v1 and v2) parses it.
//!
//! Top-level members become `--kebab-name` options in model order. Structures use shorthand
//! (`Key=value,Key2=value2`) when every value is plain enough that shorthand cannot misread it,
//! and compact JSON otherwise; a list of structures is one shorthand word per item. Booleans
//! are `--name` / `--no-name`. A value starting with `-` is written `--name=value`, because the
//! CLI would read it as an option. A top-level string starting with `file://`, `fileb://`,
//! `http://` or `https://` would make the CLI load that file or URL instead, so such members
//! travel in `--cli-input-json`, which the CLI takes literally.

use super::shell::Command;
use crate::core::model::{CliGap, Operation};
use crate::core::value::{to_compact_json, Value};

/// botocore's `xform_name`: `StartReplicationTask` -> `start-replication-task`.
pub fn kebab(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if prev.is_ascii_lowercase() || prev.is_ascii_digit() || (prev.is_ascii_uppercase() && next_lower) {
                out.push('-');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The command's words for `op`, the typed request and the region.
pub fn command(op: &Operation, request: &Value, region: &str) -> Command {
    let mut cmd = Command::default();
    cmd.push(["aws".to_string(), op.service.to_string(), kebab(op.name)]);
    let mut literal = Vec::new();
    for (name, value) in request.fields() {
        let option = format!("--{}", kebab(name));
        match value {
            Value::Str(s) if loads_a_file(s) => literal.push((*name, value.clone())),
            Value::Str(s) | Value::Timestamp { text: s, .. } => cmd.push(option_with(&option, s.clone())),
            Value::Int(i) => cmd.push(option_with(&option, i.to_string())),
            Value::Bool(true) => cmd.push([option]),
            Value::Bool(false) => cmd.push([format!("--no-{}", kebab(name))]),
            Value::Struct(_) => cmd.push([option, structure_word(value)]),
            Value::List(items) => cmd.push(std::iter::once(option).chain(list_words(items))),
        }
    }
    if !literal.is_empty() {
        cmd.push(["--cli-input-json".to_string(), to_compact_json(Value::Struct(literal).cli_json())]);
    }
    cmd.push(["--region".to_string(), region.to_string()]);
    cmd
}

fn option_with(option: &str, value: String) -> Vec<String> {
    if value.starts_with('-') {
        vec![format!("{option}={value}")]
    } else {
        vec![option.to_string(), value]
    }
}

/// Whether the AWS CLI would replace this top-level value with a file's or URL's content.
fn loads_a_file(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    ["file://", "fileb://", "http://", "https://"].iter().any(|p| lower.starts_with(p))
}

fn list_words(items: &[Value]) -> Vec<String> {
    let all_shorthand = !items.is_empty() && items.iter().all(|item| shorthand(item).is_some());
    if all_shorthand {
        items.iter().filter_map(shorthand).collect()
    } else if items.iter().all(|item| matches!(item, Value::Str(s) if is_plain(s))) && !items.is_empty() {
        items.iter().filter_map(|item| if let Value::Str(s) = item { Some(s.clone()) } else { None }).collect()
    } else {
        vec![to_compact_json(Value::List(items.to_vec()).cli_json())]
    }
}

fn structure_word(value: &Value) -> String {
    shorthand(value).unwrap_or_else(|| to_compact_json(value.cli_json()))
}

/// Shorthand for a structure, when every value in it is plain: `A=1,B={C=x}`.
fn shorthand(value: &Value) -> Option<String> {
    let Value::Struct(fields) = value else { return None };
    if fields.is_empty() {
        return None;
    }
    let parts: Option<Vec<String>> = fields
        .iter()
        .map(|(name, value)| {
            let text = match value {
                Value::Str(s) if is_plain(s) => s.clone(),
                Value::Int(i) => i.to_string(),
                Value::Bool(b) => b.to_string(),
                Value::Timestamp { text, .. } if is_plain(text) => text.clone(),
                Value::Struct(_) => format!("{{{}}}", shorthand(value)?),
                _ => return None,
            };
            Some(format!("{name}={text}"))
        })
        .collect();
    parts.map(|parts| parts.join(","))
}

/// A value the shorthand parser reads back unchanged: no quotes, separators, brackets or
/// whitespace, and ASCII only.
fn is_plain(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || "_./:@+|*-".contains(c))
}

/// Warnings for a form that the AWS CLI v1 (`awscli` on PyPI) cannot send as shown, because
/// its bundled model lags today's: members it does not know, members it still requires.
pub fn v1_gap_warnings(op: &Operation, request: &Value) -> Vec<String> {
    let value_at = |path: &str| path.split('.').try_fold(request, |value, name| value.field(name));
    op.aws_cli_v1_gaps
        .iter()
        .filter_map(|gap| match gap {
            CliGap::Unknown(path) if value_at(path).is_some() => {
                Some(format!("AWS CLI v1 does not know {path} yet; run this command with AWS CLI v2"))
            }
            CliGap::Required(path) if value_at(path).is_none() => Some(format!(
                "AWS CLI v1 still requires --{}; AWS CLI v2 runs this command as is",
                kebab(path)
            )),
            _ => None,
        })
        .collect()
}
