//! The `aws` command for a typed request, as the AWS CLI (v1 and v2) parses it.
//!
//! Top-level members become `--kebab-name` options in model order. Structures use shorthand
//! (`Key=value,Key2=value2`) when every value is plain enough that shorthand cannot misread it,
//! and compact JSON otherwise; a list of structures is one shorthand word per item. Booleans
//! are `--name` / `--no-name`. A value starting with `-` is written `--name=value`, because the
//! CLI would read it as an option. A `jsonvalue` header member is written as a JSON string,
//! since the CLI parses that option as JSON. A top-level string starting with `file://`, `fileb://`,
//! `http://` or `https://` would make the CLI load that file or URL instead, so such members
//! travel in `--cli-input-json`, which the CLI takes literally. Operations with a streaming
//! answer have no `--cli-input-json`: there v2 gets a URL as a plain option (it loads only
//! `file://` and `fileb://`), and what the CLI would load is a shell warning.
//!
//! Two dialects, picked by [`AwsCli`]: they share the argument tables (data from each CLI's own
//! tables) and differ in blobs. AWS CLI v2 reads blob values as base64 unless told otherwise
//! (`cli_binary_format`), so a v2 command that carries a blob adds
//! `--cli-binary-format raw-in-base64-out`: the value stays the text the user typed, and the
//! option wins over whatever the user's config file says, on the command line and inside
//! `--cli-input-json` alike (v2 applies it to the merged parameters). v1 always takes raw text.

pub mod custom;
pub mod input_yaml;
pub mod shorthand;

use shorthand::{is_plain, print as shorthand};

use super::shell::Command;
use crate::core::model::names::kebab;
use crate::core::model::{AwsCli, CliGap, Kind, Location, Member, Operation};
use crate::core::request::value::{python_float, to_compact_json, Value};

/// The options whose list of one-member structures the CLI takes as bare words
/// (`--instances i-1 i-2` for `[{"InstanceId": "i-1"}, ...]`): its own table
/// (`_uses_old_list_case` in awscli/argprocess.py, the same in v1 and v2), sorted;
/// tests/cli_tables.rs asks both CLIs for every option and requires this list.
pub const BARE_ITEM_OPTIONS: [(&str, &str, &str); 8] = [
    ("elb", "deregister-instances-from-load-balancer", "instances"),
    ("elb", "describe-instance-health", "instances"),
    ("elb", "register-instances-with-load-balancer", "instances"),
    ("elb", "remove-tags", "tags"),
    ("firehose", "put-record-batch", "records"),
    ("workspaces", "reboot-workspaces", "reboot-workspace-requests"),
    ("workspaces", "rebuild-workspaces", "rebuild-workspace-requests"),
    ("workspaces", "terminate-workspaces", "terminate-workspace-requests"),
];

/// The file a streaming answer is written to (`aws s3api get-object ... outfile`).
pub const OUTFILE: &str = "outfile";

/// How the CLI takes one top-level member: what the page writes for it in `out-cli` and reads
/// back from a paste (public so that tests can hold it against the real CLI's argument tables).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgForm {
    /// `--name value`.
    Option(String),
    /// `--name` / `--negative` for a boolean (or a `{"Value": bool}` structure).
    BoolPair { positive: String, negative: String, value_structure: bool },
    /// No option at all: only `--cli-input-json` carries it.
    InputJson,
}

/// The option form of `member` of `op` for one CLI version.
pub fn arg_form(op: &Operation, member: &Member, cli: AwsCli) -> ArgForm {
    match op.cli_args_for(cli).iter().find(|a| a.member == member.name) {
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

/// The global option that makes AWS CLI v2 take blob values as raw text.
pub const RAW_BLOBS: [&str; 2] = ["--cli-binary-format", "raw-in-base64-out"];

/// The command's words for `op`, the typed request and the region, for one CLI version.
pub fn command(op: &Operation, request: &Value, region: &str, cli: AwsCli) -> Command {
    let mut cmd = Command::default();
    cmd.push(["aws".to_string(), op.service.to_string(), op.cli_name.to_string()]);
    // A streaming answer goes to a file the CLI takes as a positional argument; the page
    // names it as the CLI's help does.
    if op.http.is_some_and(|h| h.streaming_output) {
        cmd.push([OUTFILE.to_string()]);
    }
    let mut literal = Vec::new();
    // `--count n` where people write it; the CLI's table has no option for either member.
    let count = custom::count_word(op, request);
    // ec2's `--no-x` for a `{"Value": false}` attribute is appended to the CLI's argument table
    // (`NegativeBooleanParameter`, `awscli/customizations/toplevelbool.py`), so the CLI sends
    // that member after all the others: it is exact only where no other option follows.
    let negative = |member: &Member, value: &Value| {
        matches!(arg_form(op, member, cli), ArgForm::BoolPair { value_structure: true, .. })
            && matches!(value.field("Value"), Some(Value::Bool(false)))
            && value.fields().len() == 1
    };
    let in_option = |member: &Member, value: &Value| match (arg_form(op, member, cli), value) {
        (ArgForm::InputJson, _) => false,
        (_, Value::Str(s) | Value::Blob(s)) => !(loads_a_file(s) && has_input_json(op)),
        _ => true,
    };
    let last_in_place = request
        .fields()
        .iter()
        .rposition(|(member, value)| in_option(member, value) && !negative(member, value));
    for (index, (member, value)) in request.fields().iter().enumerate() {
        if count.is_some() && ["MinCount", "MaxCount"].contains(&member.name) {
            continue;
        }
        let option = match (arg_form(op, member, cli), value) {
            (ArgForm::InputJson, _) => {
                literal.push((*member, value.clone()));
                continue;
            }
            (ArgForm::BoolPair { positive, negative, value_structure: false }, Value::Bool(b)) => {
                cmd.push([format!("--{}", if *b { positive } else { negative })]);
                continue;
            }
            (ArgForm::BoolPair { positive, value_structure: true, .. }, _)
                if negative(member, value) && last_in_place.is_some_and(|last| last > index) =>
            {
                // The documented `--x Value=false` keeps the member's place.
                cmd.push([format!("--{positive}"), "Value=false".to_string()]);
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
            // The CLI parses a `jsonvalue` header option as JSON (`_unpack_json_cli_arg` in
            // `awscli/argprocess.py`, v1 and v2; a body `jsonvalue` it takes as text) and
            // botocore then writes `json.dumps` of what it read: the text travels as a JSON
            // string, which reads back to the text itself.
            Value::Str(_) if member.json_value && member.location == Some(Location::Header) => {
                cmd.push(option_with(&option, to_compact_json(value.cli_json())))
            }
            Value::Str(s) | Value::Blob(s) if loads_a_file(s) && has_input_json(op) => {
                literal.push((*member, value.clone()))
            }
            Value::Str(s) | Value::Blob(s) | Value::Timestamp { text: s, .. } => {
                cmd.push(option_with(&option, s.clone()))
            }
            Value::Int(i) => cmd.push(option_with(&option, i.to_string())),
            Value::Float(f) => cmd.push(option_with(&option, python_float(*f))),
            Value::Bool(b) => cmd.push(option_with(&option, b.to_string())),
            Value::Struct(_) => cmd.push([option, structure_word(value)]),
            Value::List(items) => {
                let words = if takes_bare_items(op, &option) {
                    bare_item_words(items)
                } else {
                    list_words(items)
                };
                cmd.push(std::iter::once(option).chain(words))
            }
            Value::Map(_) | Value::Document(_) => {
                cmd.push([option, to_compact_json(value.cli_json())])
            }
        }
    }
    if let Some(count) = count {
        cmd.push(["--count".to_string(), count]);
    }
    if !literal.is_empty() {
        cmd.push([
            "--cli-input-json".to_string(),
            to_compact_json(Value::Struct(literal).cli_json()),
        ]);
    }
    if cli == AwsCli::V2 && carries_blob_text(op, request) {
        cmd.push(RAW_BLOBS.map(str::to_string));
    }
    cmd.push(["--region".to_string(), region.to_string()]);
    cmd
}

/// Whether the request holds a blob the CLI reads from its value (anywhere in the request; a
/// streaming upload names a file instead, which the CLI opens whatever the binary format).
fn carries_blob_text(op: &Operation, request: &Value) -> bool {
    fn has_blob(value: &Value) -> bool {
        match value {
            Value::Blob(_) => true,
            Value::Struct(fields) => fields.iter().any(|(_, v)| has_blob(v)),
            Value::List(items) => items.iter().any(has_blob),
            Value::Map(entries) => entries.iter().any(|(_, v)| has_blob(v)),
            _ => false,
        }
    }
    let streaming = op.streaming_upload().map(|m| m.name);
    request.fields().iter().any(|(member, value)| Some(member.name) != streaming && has_blob(value))
}

fn option_with(option: &str, value: String) -> Vec<String> {
    if value.starts_with('-') {
        vec![format!("{option}={value}")]
    } else {
        vec![option.to_string(), value]
    }
}

/// Whether the AWS CLI would replace this top-level value with a file's or URL's content (either
/// version, any letter case: `--cli-input-json` costs nothing where it is not needed).
fn loads_a_file(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    ["file://", "fileb://", "http://", "https://"].iter().any(|p| lower.starts_with(p))
}

/// Whether this CLI version loads the value of an option from a file or URL: v1 follows all
/// four prefixes, v2 only the local two (`LOCAL_PREFIX_MAP` in `awscli/paramfile.py`); both
/// match them as written (`str.startswith`).
fn loads_in(cli: AwsCli, value: &str) -> bool {
    let prefixes: &[&str] = match cli {
        AwsCli::V1 => &["file://", "fileb://", "http://", "https://"],
        AwsCli::V2 => &["file://", "fileb://"],
    };
    prefixes.iter().any(|p| value.starts_with(p))
}

/// Whether the command has `--cli-input-json`: neither CLI adds it to an operation with a
/// streaming answer (the `outfile` positional; `cliinput.py` in v2, `cliinputjson.py` in v1).
fn has_input_json(op: &Operation) -> bool {
    !op.http.is_some_and(|h| h.streaming_output)
}

/// Whether the CLI takes `option` of `op` as bare items ([`BARE_ITEM_OPTIONS`]).
pub fn takes_bare_items(op: &Operation, option: &str) -> bool {
    BARE_ITEM_OPTIONS.iter().any(|(service, command, name)| {
        *service == op.service && *command == op.cli_name && option.strip_prefix("--") == Some(name)
    })
}

/// The words of a list the CLI takes as bare items: each item's one value, where every item has
/// it as text that does not open with `[` or `{` (the CLI reads a first word so as JSON); else
/// the list as JSON, which it reads as JSON.
fn bare_item_words(items: &[Value]) -> Vec<String> {
    // A plain loop: an iterator collected into an `Option<Vec<_>>` cost the page's module
    // some 0.5 KB.
    let mut words = Vec::new();
    for item in items {
        match item.fields() {
            [(_, Value::Str(s))] if !s.starts_with(['[', '{']) => words.push(s.clone()),
            _ => {
                words.clear();
                break;
            }
        }
    }
    if words.is_empty() {
        words.push(to_compact_json(Value::List(items.to_vec()).cli_json()));
    }
    words
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

/// Warnings for a form that the chosen AWS CLI cannot send as shown, because its bundled model
/// lags today's, and notes where the CLI adds or cannot say something.
pub fn gap_warnings(op: &Operation, request: &Value, cli: AwsCli) -> Vec<String> {
    // v1 users are pointed at v2; v2 users at a newer v2 than the one the page was checked with.
    let (lacks, fix) = match cli {
        AwsCli::V1 => ("AWS CLI v1".to_string(), "run this command with AWS CLI v2"),
        AwsCli::V2 => (format!("AWS CLI v{}", cli.release()), "a newer AWS CLI v2 does"),
    };
    let unknown = |what: &str| match cli {
        AwsCli::V1 => format!("{lacks} does not know {what} yet; {fix}"),
        AwsCli::V2 => format!("{lacks} does not know {what}; {fix}"),
    };
    let mut warnings: Vec<String> = op
        .cli_gaps_for(cli)
        .iter()
        .filter_map(|gap| match gap {
            CliGap::Unknown(path) if is_set(request, path) => Some(unknown(path)),
            CliGap::Required(path) if !is_set(request, path) => Some(format!(
                "{lacks} still requires --{}; {}",
                kebab(path),
                match cli {
                    AwsCli::V1 => "AWS CLI v2 runs this command as is",
                    AwsCli::V2 => "a newer AWS CLI v2 runs this command as is",
                }
            )),
            CliGap::Operation(name) => Some(unknown(name)),
            CliGap::Uri(uri) => {
                Some(format!("{lacks} sends {} as {uri} (an older model); {fix}", op.name))
            }
            CliGap::Preview(service) => Some(format!(
                "The AWS CLI treats {service} as a preview service: run `aws configure set preview.{service} true` once first"
            )),
            _ => None,
        })
        .collect();
    if cli == AwsCli::V2 && op.no_cli_v2 {
        warnings.push(format!(
            "AWS CLI v2 has no `aws {} {}` for {}: its command of that name is its own, with other arguments; run this one with AWS CLI v1, or send it with curl or the proxy",
            op.service, op.cli_name, op.name
        ));
    }
    if !has_input_json(op) {
        // A top-level value the CLI would load stays an option: nothing else can carry it.
        for (member, value) in request.fields() {
            let (Value::Str(s) | Value::Blob(s)) = value else { continue };
            let option = match arg_form(op, member, cli) {
                ArgForm::Option(name) => name,
                _ => continue,
            };
            if loads_in(cli, s) {
                let follow = if cli == AwsCli::V1 && !loads_in(AwsCli::V2, s) {
                    " (or run `aws configure set cli_follow_urlparam false` first, or use AWS CLI v2)"
                } else {
                    ""
                };
                warnings.push(format!(
                    "{lacks} reads --{option} {s} as that file's or URL's content, and aws {} {} has no --cli-input-json to send it as text; send this request with curl or the proxy{follow}",
                    op.service, op.cli_name
                ));
            }
        }
    }
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
/// members, so a pasted command fills the same form it was rendered from. Names either
/// version takes are read (v2's first).
pub fn member_for_option(op: &Operation, option: &str) -> Option<(&'static Member, OptionUse)> {
    AwsCli::ALL.into_iter().find_map(|cli| member_for_option_in(op, option, cli))
}

fn member_for_option_in(
    op: &Operation,
    option: &str,
    cli: AwsCli,
) -> Option<(&'static Member, OptionUse)> {
    op.members().iter().find_map(|member| match arg_form(op, member, cli) {
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
        .filter_map(|member| match arg_form(op, member, AwsCli::default()) {
            ArgForm::Option(name) | ArgForm::BoolPair { positive: name, .. } => {
                Some(format!("--{name}"))
            }
            ArgForm::InputJson => None,
        })
        .collect()
}

/// Every option string the command takes for its members, both of each flag pair, in member
/// order: what the CLI's operation parser matches a word (or its prefix) against.
pub fn option_strings(op: &Operation, cli: AwsCli) -> Vec<String> {
    let mut strings = Vec::new();
    for member in op.members() {
        match arg_form(op, member, cli) {
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
