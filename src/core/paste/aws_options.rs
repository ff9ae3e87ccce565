//! Which option an `--option` word of a pasted `aws` command names, as the AWS CLI's argparse
//! parsers decide it: the global options the CLI has, the options of the operation, and
//! argparse's prefix rule (`allow_abbrev`) over each.
//!
//! The CLI parses in two passes: its main parser reads the global options out of the whole
//! command line first, and the operation's parser reads what is left. Each pass takes an option
//! string written in full, else the one option string that the word is a prefix of; a prefix of
//! several is an error that names them, in the parser's order. So `--endpoint` is
//! `--endpoint-url`, `--filter` is `--filters` when the operation has no other `--filter…`, and
//! `--c` is ambiguous among the globals before the operation's options are looked at.

use crate::core::cli::aws::option_strings;
use crate::core::model::{AwsCli, Operation};

/// How many words an option takes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Arity {
    None,
    One,
    /// Every word up to the next `--option` (lists).
    Many,
}

/// AWS CLI v1's main parser, in its order (the order its ambiguity errors list them in).
const V1_GLOBALS: &[(&str, Arity)] = &[
    ("--debug", Arity::None),
    ("--endpoint-url", Arity::One),
    ("--no-verify-ssl", Arity::None),
    ("--no-paginate", Arity::None),
    ("--output", Arity::One),
    ("--query", Arity::One),
    ("--profile", Arity::One),
    ("--region", Arity::One),
    ("--color", Arity::One),
    ("--no-sign-request", Arity::None),
    ("--ca-bundle", Arity::One),
    ("--cli-read-timeout", Arity::One),
    ("--cli-connect-timeout", Arity::One),
    ("--v2-debug", Arity::None),
    ("--version", Arity::None),
];

/// AWS CLI v2's main parser, in its order (`awscli/data/cli.json` of the pinned v2).
const V2_GLOBALS: &[(&str, Arity)] = &[
    ("--debug", Arity::None),
    ("--endpoint-url", Arity::One),
    ("--no-verify-ssl", Arity::None),
    ("--no-paginate", Arity::None),
    ("--output", Arity::One),
    ("--query", Arity::One),
    ("--profile", Arity::One),
    ("--region", Arity::One),
    ("--version", Arity::None),
    ("--color", Arity::One),
    ("--no-sign-request", Arity::None),
    ("--ca-bundle", Arity::One),
    ("--cli-read-timeout", Arity::One),
    ("--cli-connect-timeout", Arity::One),
    ("--cli-binary-format", Arity::One),
    ("--no-cli-pager", Arity::None),
    ("--cli-auto-prompt", Arity::None),
    ("--no-cli-auto-prompt", Arity::None),
    ("--cli-error-format", Arity::One),
];

/// A version's global options.
fn globals(cli: AwsCli) -> &'static [(&'static str, Arity)] {
    match cli {
        AwsCli::V1 => V1_GLOBALS,
        AwsCli::V2 => V2_GLOBALS,
    }
}

/// Options one version has and the other does not (`--cli-input-yaml` is v2's per operation).
pub(crate) fn only_in_other(name: &str, cli: AwsCli) -> Option<AwsCli> {
    let other = match cli {
        AwsCli::V1 => AwsCli::V2,
        AwsCli::V2 => AwsCli::V1,
    };
    let has = |v: AwsCli, n: &str| {
        globals(v).iter().any(|(g, _)| *g == n) || (v == AwsCli::V2 && n == "--cli-input-yaml")
    };
    (has(other, name) && !has(cli, name)).then_some(other)
}

/// What the CLI's paginating operations take besides their members, in the CLI's order
/// (`--cli-input-json` comes before them, `--generate-cli-skeleton` after).
pub(crate) const PAGING: &[&str] = &["--starting-token", "--page-size", "--max-items"];

/// The arity of a global option of either version, `None` when `name` is none (a paste names
/// the other version's options in its message rather than as unknown).
pub(crate) fn global_arity(name: &str) -> Option<Arity> {
    V1_GLOBALS.iter().chain(V2_GLOBALS).find(|(g, _)| *g == name).map(|(_, arity)| *arity)
}

/// The option string a word names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Named {
    /// Written in full, or unknown: the word itself.
    AsWritten,
    /// The one option string the word is a prefix of.
    Expanded(String),
    /// The option strings the word is a prefix of, in the parser's order.
    Ambiguous(Vec<String>),
}

/// Which option `written` (the part of a word before any `=`) names for a version of the CLI:
/// its globals first, then, when the operation is known, its options.
pub(crate) fn name_option(written: &str, op: Option<&Operation>, cli: AwsCli) -> Named {
    if global_arity(written).is_some() {
        return Named::AsWritten;
    }
    let globals: Vec<&str> = globals(cli).iter().map(|(g, _)| *g).collect();
    match by_prefix(written, &globals) {
        Named::AsWritten => {}
        found => return found,
    }
    let Some(op) = op else { return Named::AsWritten };
    let options = operation_options(op, cli);
    let options: Vec<&str> = options.iter().map(String::as_str).collect();
    if options.contains(&written) {
        return Named::AsWritten;
    }
    by_prefix(written, &options)
}

/// argparse's `_get_option_tuples` for a `--` word: every candidate it is a prefix of.
fn by_prefix(written: &str, candidates: &[&str]) -> Named {
    let found: Vec<&str> = candidates.iter().copied().filter(|c| c.starts_with(written)).collect();
    match found.as_slice() {
        [] => Named::AsWritten,
        [one] => Named::Expanded(one.to_string()),
        many => Named::Ambiguous(many.iter().map(|s| s.to_string()).collect()),
    }
}

/// Every option string of the operation's parser, in the CLI's order: its members' (both of a
/// flag pair), `--cli-input-json` (and v2's `--cli-input-yaml`), the paging options of a
/// paginated operation and `--generate-cli-skeleton`.
pub(crate) fn operation_options(op: &Operation, cli: AwsCli) -> Vec<String> {
    let mut options = option_strings(op, cli);
    options.extend(crate::core::cli::aws::custom::option_strings(op));
    options.push("--cli-input-json".to_string());
    if cli == AwsCli::V2 {
        options.push("--cli-input-yaml".to_string());
    }
    if op.paginated {
        // `--page-size` only where the paginator has a limit member to set.
        let paging = PAGING.iter().filter(|p| **p != "--page-size" || op.page_size.is_some());
        options.extend(paging.map(|p| p.to_string()));
    }
    options.push("--generate-cli-skeleton".to_string());
    options
}

/// argparse's error for an ambiguous prefix.
pub(crate) fn ambiguous(written: &str, candidates: &[String]) -> String {
    format!("ambiguous option: {written} could match {}", candidates.join(", "))
}
