//! The `aliyun` command for an Alibaba Cloud request: `aliyun <product> <Action> --Param value`
//! for RPC, `aliyun <product> <METHOD> <path> --key value --body …` for ROA (`roa_command`).
//!
//! Repeated and nested parameters use the CLI's flat form (`--Name.1.Field value`), and the
//! members the SDK sends as one JSON text or comma list take that text; the region goes in the
//! CLI's own `--region` flag. The CLI checks every flag against its embedded metadata and
//! places it in the query or the form body as that metadata says; where the metadata does not
//! know a flag or the API (members newer than the metadata, the SDKs' owner parameters), the
//! command adds `--force`, with which the CLI checks nothing and sends every parameter in the
//! query. The model compiler records those flags per operation (`Operation::aliyun_cli`, by
//! [`flag_patterns`]), with the flags it places in the query where the SDK uses the form body
//! (or the other way round), which the panel names.

use super::shell::Command;
use crate::core::model::{Kind, Member, Operation, Protocol, ValueStyle};
use crate::core::request::value::Value;
use crate::core::wire::{aliyun_roa, aliyun_rpc, flat};
use std::sync::OnceLock;

/// The command's words.
pub fn command(op: &Operation, request: &Value, region: &str) -> Command {
    if matches!(op.protocol, Protocol::AliyunRoa { .. }) {
        return roa_writers().map_or_else(Command::default, |w| (w.command)(op, request, region));
    }
    let mut cmd = Command::default();
    cmd.push(["aliyun".to_string(), op.service.to_string(), op.name.to_string()]);
    let flags = flags(op, request);
    if differences(op, &flags).iter().any(|(_, note)| *note == "unknown") {
        cmd.push(["--force".to_string()]);
    }
    for (key, value) in flags {
        cmd.push([format!("--{key}"), value]);
    }
    push_region_and_endpoint(&mut cmd, op, region);
    cmd
}

/// `--region`, and `--endpoint` with the host the page shows: without it the CLI looks the host
/// up itself (aliyun-cli's `product.GetEndpoint`: its metadata's regional or global endpoint,
/// in older versions the location service first), which for most products and regions is
/// another host than the SDK's, or none ("unknown endpoint"); `--endpoint` is used as given.
fn push_region_and_endpoint(cmd: &mut Command, op: &Operation, region: &str) {
    cmd.push(["--region".to_string(), region.to_string()]);
    cmd.push(["--endpoint".to_string(), op.host(region)]);
}

/// The ROA command's writers, once installed (`install_roa`): as with the wire writer
/// (`wire::install_roa`), the page's own module leaves them to the worker. Native builds have
/// them without installing.
struct RoaWriters {
    command: fn(&Operation, &Value, &str) -> Command,
    warnings: fn(&Operation, &Value) -> Vec<String>,
}

/// The writers themselves; only `install_roa` and native builds refer to them, so the page's
/// module links neither.
static WRITERS: RoaWriters = RoaWriters { command: roa_command, warnings: roa_warnings };

static INSTALLED: OnceLock<&'static RoaWriters> = OnceLock::new();

/// Installs the ROA command's writers; later calls are ignored.
pub fn install_roa() {
    let _ = INSTALLED.set(&WRITERS);
}

#[cfg(not(target_arch = "wasm32"))]
fn roa_writers() -> Option<&'static RoaWriters> {
    Some(&WRITERS)
}

#[cfg(target_arch = "wasm32")]
fn roa_writers() -> Option<&'static RoaWriters> {
    INSTALLED.get().copied()
}

/// A ROA request as the CLI takes it (aliyun-cli's `RestfulInvoker`): `aliyun <product>
/// <METHOD> <path>`, the path with its labels filled, each query parameter as `--<key> <value>`,
/// each header a member sets as `--header <Name>=<value>`, and the body as `--body`; the CLI
/// takes a body starting with `{` as JSON by itself, any other gets its `Content-Type` header.
fn roa_command(op: &Operation, request: &Value, region: &str) -> Command {
    let roa = aliyun_roa::roa_request(op, request);
    let mut cmd = Command::default();
    cmd.push(["aliyun".to_string(), op.service.to_string(), roa.method.to_string(), roa.path]);
    for (key, value) in roa.query {
        if !is_cli_flag(&key) {
            cmd.push([format!("--{key}"), value]);
        }
    }
    let mut headers = roa.headers;
    if !roa.content_type.is_empty() && !roa.body.starts_with('{') {
        headers.push(("Content-Type".to_string(), roa.content_type.to_string()));
    }
    for (name, value) in headers {
        cmd.push(["--header".to_string(), format!("{name}={value}")]);
    }
    if !roa.body.is_empty() {
        cmd.push(["--body".to_string(), roa.body]);
    }
    push_region_and_endpoint(&mut cmd, op, region);
    cmd
}

/// The aliyun CLI's own flags, and whether each takes a value: a query parameter of that name
/// cannot be written as a flag, and the paste readers skip them. One table, so the writer and
/// the readers cannot disagree.
const CLI_FLAGS: &[(&str, bool)] = &[
    ("region", true),
    ("profile", true),
    ("endpoint", true),
    ("version", true),
    ("output", true),
    ("header", true),
    ("body", true),
    ("body-file", true),
    ("mode", true),
    ("roa", true),
    ("pager", true),
    ("waiter", true),
    ("read-timeout", true),
    ("connect-timeout", true),
    ("retry-count", true),
    ("config-path", true),
    ("language", true),
    ("force", false),
    ("quiet", false),
    ("dryrun", false),
    ("secure", false),
    ("insecure", false),
    ("help", false),
];

/// Whether `--<key>` is one of the aliyun CLI's own flags.
fn is_cli_flag(key: &str) -> bool {
    cli_flag_takes_value(key).is_some()
}

/// For one of the aliyun CLI's own flags (`region`, without the dashes), whether it takes a
/// value; `None` for any other name.
pub(crate) fn cli_flag_takes_value(name: &str) -> Option<bool> {
    CLI_FLAGS.iter().find(|(flag, _)| *flag == name).map(|(_, takes)| *takes)
}

/// What the panel says of a ROA command: a method the CLI cannot send, and the query parameters
/// it cannot carry.
fn roa_warnings(op: &Operation, request: &Value) -> Vec<String> {
    let roa = aliyun_roa::roa_request(op, request);
    // aliyun-cli's checkHttpMethod.
    let method = (!matches!(roa.method, "GET" | "POST" | "PUT" | "DELETE")).then(|| {
        [
            "The aliyun CLI sends RESTful requests with GET, POST, PUT or DELETE only: send this ",
            roa.method,
            " request with Send or curl.",
        ]
        .concat()
    });
    method
        .into_iter()
        .chain(roa.query.into_iter().filter(|(key, _)| is_cli_flag(key)).map(|(key, _)| {
            [
                "The aliyun CLI reads --",
                &key,
                " as its own flag, so the command leaves out the query parameter ",
                &key,
                ": send the request with Send or curl.",
            ]
            .concat()
        }))
        .collect()
}

/// The flags and their values: the query's, then the form body's.
fn flags(op: &Operation, request: &Value) -> Vec<(String, String)> {
    let (mut flags, body) = aliyun_rpc::parameters(op, request, &flat::ALIYUN_CLI);
    flags.extend(body);
    flags
}

/// The flags where the CLI's metadata differs from the SDK, each with its note: `unknown` (not
/// listed), `query` or `body` (the CLI places it there); the operation's name, `unknown`, when
/// the metadata does not list the API (then its only note).
fn differences(op: &Operation, flags: &[(String, String)]) -> Vec<(String, &'static str)> {
    let notes = op.aliyun_cli;
    if notes.first().is_some_and(|(_, note)| *note == "unlisted") {
        return vec![(op.name.to_string(), "unknown")];
    }
    let mut out = Vec::new();
    for (key, _) in flags {
        let mut found = None;
        for (pattern, note) in notes {
            // A numbered name the metadata lists (`Filter.2.Key`) has its own note, `listed`
            // when the CLI places it as the SDK does; past the last one the pattern's.
            if pattern == key {
                found = (*note != "listed").then_some(*note);
                break;
            }
            if matches(pattern, key) {
                found = Some(*note);
            }
        }
        if let Some(note) = found {
            out.push((["--", key].concat(), note));
        }
    }
    out
}

/// Whether flag `key` has pattern `pattern`: `N` stands for a list index (`Tag.2.Key` has
/// `Tag.N.Key`), `*` for a map key, and a last `**` for anything under a free document.
pub fn matches(pattern: &str, key: &str) -> bool {
    let mut parts = key.split('.');
    for p in pattern.split('.') {
        if p == "**" {
            return true;
        }
        let Some(part) = parts.next() else { return false };
        let same = part == p
            || p == "*" && !part.is_empty()
            || p == "N" && !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        if !same {
            return false;
        }
    }
    parts.next().is_none()
}

/// What the panel says where the command differs from the SDK's request because of the CLI:
/// one line per flag (or for the API).
pub fn warnings(op: &Operation, request: &Value) -> Vec<String> {
    if matches!(op.protocol, Protocol::AliyunRoa { .. }) {
        return roa_writers().map_or_else(Vec::new, |w| (w.warnings)(op, request));
    }
    differences(op, &flags(op, request))
        .into_iter()
        .map(|(name, note)| match note {
            "unknown" => [
                "The aliyun CLI's metadata lacks ",
                &name,
                ": --force makes the CLI send it, with every parameter in the query.",
            ]
            .concat(),
            place => [
                "The aliyun CLI sends ",
                &name,
                " in the ",
                place,
                ", as its metadata says, not where the SDK does.",
            ]
            .concat(),
        })
        .collect()
}

/// Every flag pattern the command can write for the operation, each with whether the SDK
/// sends it in the body: what the model compiler checks against the CLI's metadata.
pub fn flag_patterns(op: &Operation) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for member in op.input.members() {
        let placement = op.rpc.placement(member.name);
        if placement.style == ValueStyle::Flat {
            walk(member.name, member, 0, &mut |p| out.push((p, placement.body)));
        } else {
            out.push((member.name.to_string(), placement.body));
        }
    }
    out
}

/// The patterns under `key` as [`flat::flatten`] writes them (`Key.N`, `Key.Field`, a map's
/// entries `Key.*`, a document `Key.**`); recursion stops at a depth no request model reaches.
fn walk(key: &str, member: &Member, depth: usize, out: &mut dyn FnMut(String)) {
    if depth > 8 {
        return;
    }
    match member.kind {
        Kind::Structure(shape) => {
            for field in shape.members() {
                walk(&format!("{key}.{}", field.name), field, depth + 1, out);
            }
        }
        Kind::List { item, .. } => walk(&format!("{key}.N"), item, depth + 1, out),
        // A map's entries and a document's members are named by their keys (`flat::flatten`).
        Kind::Map { value, .. } => walk(&format!("{key}.*"), value, depth + 1, out),
        Kind::Document => out(format!("{key}.**")),

        _ => out(key.to_string()),
    }
}
