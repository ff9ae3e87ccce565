//! The `aws` command for a typed request, as the AWS CLI (v1 and v2) parses it.
//!
//! Top-level members become `--kebab-name` options in model order. Structures use shorthand
//! (`Key=value,Key2=value2`) when every value is plain enough that shorthand cannot misread it,
//! and compact JSON otherwise; a list of structures is one shorthand word per item. Booleans
//! are `--name` / `--no-name`. A value starting with `-` is written `--name=value`, because the
//! CLI would read it as an option. A top-level string starting with `file://`, `fileb://`,
//! `http://` or `https://` would make the CLI load that file or URL instead, so such members
//! travel in `--cli-input-json`, which the CLI takes literally.

pub mod shorthand;

use shorthand::{is_plain, print as shorthand};

use super::shell::Command;
use crate::core::model::names::kebab;
use crate::core::model::{CliGap, Kind, Member, Operation};
use crate::core::request::value::{python_float, to_compact_json, Value};

/// The file a streaming answer is written to (`aws s3api get-object ... outfile`).
pub const OUTFILE: &str = "outfile";

/// How the CLI takes one top-level member.
enum ArgForm {
    /// `--name value`.
    Option(String),
    /// `--name` / `--negative` for a boolean (or a `{"Value": bool}` structure).
    BoolPair { positive: String, negative: String, value_structure: bool },
    /// No option at all: only `--cli-input-json` carries it.
    InputJson,
}

fn arg_form(op: &Operation, member: &Member) -> ArgForm {
    match op.cli_args.iter().find(|a| a.member == member.name) {
        Some(arg) if arg.arg.is_empty() => ArgForm::InputJson,
        Some(arg) if arg.bool_pair || arg.value_structure => ArgForm::BoolPair {
            negative: arg.negative.clone().unwrap_or_else(|| format!("no-{}", arg.arg)),
            positive: arg.arg.clone(),
            value_structure: arg.value_structure,
        },
        Some(arg) => ArgForm::Option(arg.arg.clone()),
        // The CLI writes every top-level boolean as a flag pair (`--x` / `--no-x`).
        None if matches!(member.kind, Kind::Boolean) => {
            let name = kebab(member.name);
            ArgForm::BoolPair {
                negative: format!("no-{name}"),
                positive: name,
                value_structure: false,
            }
        }
        None => ArgForm::Option(kebab(member.name)),
    }
}

/// The command's words for `op`, the typed request and the region.
pub fn command(op: &Operation, request: &Value, region: &str) -> Command {
    let mut cmd = Command::default();
    cmd.push(["aws".to_string(), op.service.to_string(), op.cli_name.to_string()]);
    // A streaming answer goes to a file the CLI takes as a positional argument; the page
    // names it as the CLI's help does.
    if op.http.is_some_and(|h| h.streaming_output) {
        cmd.push([OUTFILE.to_string()]);
    }
    let mut literal = Vec::new();
    for (member, value) in request.fields() {
        let option = match (arg_form(op, member), value) {
            (ArgForm::InputJson, _) => {
                literal.push((*member, value.clone()));
                continue;
            }
            (ArgForm::BoolPair { positive, negative, value_structure: false }, Value::Bool(b)) => {
                cmd.push([format!("--{}", if *b { positive } else { negative })]);
                continue;
            }
            (ArgForm::BoolPair { positive, negative, value_structure: true }, _) => {
                match value.field("Value") {
                    Some(Value::Bool(b)) if value.fields().len() == 1 => {
                        cmd.push([format!("--{}", if *b { positive } else { negative })]);
                    }
                    _ => literal.push((*member, value.clone())),
                }
                continue;
            }
            (ArgForm::BoolPair { positive, .. }, _) | (ArgForm::Option(positive), _) => {
                format!("--{positive}")
            }
        };
        match value {
            Value::Str(s) | Value::Blob(s) if loads_a_file(s) => {
                literal.push((*member, value.clone()))
            }
            Value::Str(s) | Value::Blob(s) | Value::Timestamp { text: s, .. } => {
                cmd.push(option_with(&option, s.clone()))
            }
            Value::Int(i) => cmd.push(option_with(&option, i.to_string())),
            Value::Float(f) => cmd.push(option_with(&option, python_float(*f))),
            Value::Bool(b) => cmd.push(option_with(&option, b.to_string())),
            Value::Struct(_) => cmd.push([option, structure_word(value)]),
            Value::List(items) => cmd.push(std::iter::once(option).chain(list_words(items))),
            Value::Map(_) | Value::Document(_) => {
                cmd.push([option, to_compact_json(value.cli_json())])
            }
        }
    }
    if !literal.is_empty() {
        cmd.push([
            "--cli-input-json".to_string(),
            to_compact_json(Value::Struct(literal).cli_json()),
        ]);
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
    let plain_word = |item: &Value| matches!(item, Value::Str(s) if is_plain(s) && !s.starts_with('-') && !loads_a_file(s));
    if all_shorthand {
        items.iter().filter_map(shorthand).collect()
    } else if !items.is_empty() && items.iter().all(plain_word) {
        items
            .iter()
            .filter_map(|item| if let Value::Str(s) = item { Some(s.clone()) } else { None })
            .collect()
    } else {
        vec![to_compact_json(Value::List(items.to_vec()).cli_json())]
    }
}

fn structure_word(value: &Value) -> String {
    shorthand(value).unwrap_or_else(|| to_compact_json(value.cli_json()))
}

/// Warnings for a form that the AWS CLI v1 (`awscli` on PyPI) cannot send as shown, because
/// its bundled model lags today's, and notes where the CLI adds or cannot say something.
pub fn v1_gap_warnings(op: &Operation, request: &Value) -> Vec<String> {
    let mut warnings: Vec<String> = op
        .aws_cli_v1_gaps
        .iter()
        .filter_map(|gap| match gap {
            CliGap::Unknown(path) if is_set(request, path) => {
                Some(format!("AWS CLI v1 does not know {path} yet; run this command with AWS CLI v2"))
            }
            CliGap::Required(path) if !is_set(request, path) => Some(format!(
                "AWS CLI v1 still requires --{}; AWS CLI v2 runs this command as is",
                kebab(path)
            )),
            CliGap::Operation(name) => Some(format!("AWS CLI v1 does not know {name} yet; run this command with AWS CLI v2")),
            CliGap::Uri(uri) => Some(format!(
                "AWS CLI v1 sends {} as {uri} (an older model); run this command with AWS CLI v2",
                op.name
            )),
            CliGap::Preview(service) => Some(format!(
                "The AWS CLI treats {service} as a preview service: run `aws configure set preview.{service} true` once first"
            )),
            _ => None,
        })
        .collect();
    if let Some(member) = op.streaming_upload().filter(|m| request.field(m.name).is_some()) {
        warnings.push(format!(
            "{} names a file: the AWS CLI and curl send that file's bytes; the page does not read files, so out-body and Send carry the name itself",
            member.name
        ));
    }
    if op.cli_name.is_empty() {
        warnings.push(format!(
            "The AWS CLI has no command for {}; send it with the SDKs, curl or the proxy",
            op.name
        ));
    }
    for member in op.members() {
        if member.idempotency_token && request.field(member.name).is_none() {
            warnings.push(format!(
                "The AWS CLI fills {} with a random UUID when it is not set",
                member.name
            ));
        }
    }
    warnings
}

/// Whether a dotted member path (list items passed through) has a value in the request.
fn is_set(value: &Value, path: &str) -> bool {
    let Some((head, rest)) =
        path.split_once('.').map_or(Some((path, None)), |(h, r)| Some((h, Some(r))))
    else {
        return false;
    };
    let at = |v: &Value| -> bool {
        match v.field(head) {
            None => false,
            Some(found) => match rest {
                None => true,
                Some(rest) => match found {
                    Value::List(items) => items.iter().any(|item| is_set(item, rest)),
                    other => is_set(other, rest),
                },
            },
        }
    };
    match value {
        Value::List(items) => items.iter().any(at),
        other => at(other),
    }
}

/// What an option of the command sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionUse {
    /// The option takes the member's value.
    Value,
    /// A flag that sets the boolean (or its `{"Value": bool}` structure) to true.
    True,
    /// The negative flag of a pair.
    False,
}

/// The member an option (without `--`) sets, and how: the inverse of how [`command`] names
/// members, so a pasted command fills the same form it was rendered from.
pub fn member_for_option(op: &Operation, option: &str) -> Option<(&'static Member, OptionUse)> {
    op.members().iter().find_map(|member| match arg_form(op, member) {
        ArgForm::Option(name) if name == option => {
            let flag = matches!(member.kind, Kind::Boolean);
            Some((member, if flag { OptionUse::True } else { OptionUse::Value }))
        }
        ArgForm::Option(name)
            if matches!(member.kind, Kind::Boolean)
                && option.strip_prefix("no-") == Some(name.as_str()) =>
        {
            Some((member, OptionUse::False))
        }
        ArgForm::BoolPair { positive, .. } if positive == option => Some((member, OptionUse::True)),
        ArgForm::BoolPair { negative, .. } if negative == option => {
            Some((member, OptionUse::False))
        }
        _ => None,
    })
}

/// Every option the command takes for its members, for hints.
pub fn option_names(op: &Operation) -> Vec<String> {
    op.members()
        .iter()
        .filter_map(|member| match arg_form(op, member) {
            ArgForm::Option(name) | ArgForm::BoolPair { positive: name, .. } => {
                Some(format!("--{name}"))
            }
            ArgForm::InputJson => None,
        })
        .collect()
}

/// Every option string the command takes for its members, both of each flag pair, in member
/// order: what the CLI's operation parser matches a word (or its prefix) against.
pub fn option_strings(op: &Operation) -> Vec<String> {
    let mut strings = Vec::new();
    for member in op.members() {
        match arg_form(op, member) {
            ArgForm::Option(name) if matches!(member.kind, Kind::Boolean) => {
                strings.push(format!("--{name}"));
                strings.push(format!("--no-{name}"));
            }
            ArgForm::Option(name) => strings.push(format!("--{name}")),
            ArgForm::BoolPair { positive, negative, .. } => {
                strings.push(format!("--{positive}"));
                strings.push(format!("--{negative}"));
            }
            ArgForm::InputJson => {}
        }
    }
    strings
}
