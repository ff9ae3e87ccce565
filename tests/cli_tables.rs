//! Issue 26, "Bulk": for every operation a CLI knows, the option names the page uses for each
//! top-level member (in `out-cli`, and read back by paste) are the ones that CLI's argument
//! table has, for AWS CLI v2 and for v1.
//!
//! The CLI side is the real CLI, introspected now by one Python process per version
//! (`tests/tools/awscli_tables.py`, which reuses `tools/awscli_args.py`); the page side is the
//! page's own runtime answer (`cli::aws::arg_form`), not the dump `modelc` compiled. A member the
//! CLI's bundled model lacks has no argument to compare; the page must warn about it instead
//! (`Operation::cli_gaps_for`), and such members are counted apart.
//!
//! Needs both reference virtualenvs; `scripts/test` runs it, plain `cargo test` lists it ignored.

mod common;

use common::random_form::aws_operations;
use common::venv;
use common::venv_awscli2;
use request_builder::core::cli::aws::{arg_form, ArgForm};
use request_builder::core::model::{AwsCli, CliGap, Kind, Operation};
use serde_json::Value;
use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::time::Instant;

fn script() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools/awscli_tables.py")
}

/// Starts the introspection of one CLI; both run at once (about 20 s each).
fn start(python: std::path::PathBuf) -> Child {
    Command::new(python)
        .arg(script())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run python")
}

fn tables(child: Child) -> Value {
    let output = child.wait_with_output().expect("python ran");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("tables are JSON")
}

/// The CLI's form of one argument, spelled like the page's.
fn cli_form(arg: &Value) -> ArgForm {
    let name = arg[1].as_str().unwrap().to_string();
    if arg[2] == "bool-pair" {
        ArgForm::BoolPair {
            negative: arg[3].as_str().unwrap().to_string(),
            positive: name,
            value_structure: arg[4] == "value-structure",
        }
    } else {
        ArgForm::Option(name)
    }
}

/// One line per form: the option strings it makes the CLI (or the page) take.
fn spelled(form: &ArgForm) -> String {
    match form {
        ArgForm::Option(name) => format!("--{name}"),
        ArgForm::BoolPair { positive, negative, value_structure } => format!(
            "--{positive}/--{negative}{}",
            if *value_structure { " (Value structure)" } else { "" }
        ),
        ArgForm::InputJson => "only --cli-input-json".to_string(),
    }
}

#[derive(Default)]
struct Tally {
    operations: usize,
    no_command: usize,
    unknown_operations: usize,
    members: usize,
    hidden_only: usize,
    input_json_only: usize,
    lacking_warned: usize,
    mismatches: BTreeMap<&'static str, Vec<String>>,
}

impl Tally {
    fn mismatch(&mut self, kind: &'static str, line: String) {
        self.mismatches.entry(kind).or_default().push(line);
    }
}

fn compare(cli: AwsCli, ops: &[&'static Operation], table: &Value) -> Tally {
    let mut tally = Tally::default();
    for op in ops {
        if op.cli_name.is_empty() {
            tally.no_command += 1;
            continue;
        }
        let known = table["services"][op.service].get(op.name);
        let Some(known) = known else {
            tally.unknown_operations += 1;
            // The page must say that this CLI lacks the operation.
            let warned = op.cli_gaps_for(cli).iter().any(|g| matches!(g, CliGap::Operation(_)))
                || (cli == AwsCli::V2 && op.no_cli_v2);
            if !warned {
                tally.mismatch("operation unknown to the CLI, not warned", op.route());
            }
            continue;
        };
        tally.operations += 1;
        if known["cli"] != op.cli_name {
            tally.mismatch(
                "command name",
                format!("{}: page {}, CLI {}", op.route(), op.cli_name, known["cli"]),
            );
        }
        let args = known["args"].as_array().unwrap();
        let in_cli_model =
            |name: &str| known["members"].as_array().unwrap().iter().any(|m| m == name);
        for member in op.members() {
            let page = arg_form(op, member, cli);
            let warned = op
                .cli_gaps_for(cli)
                .iter()
                .any(|g| matches!(g, CliGap::Unknown(path) if path == member.name));
            if !in_cli_model(member.name) {
                if warned {
                    tally.lacking_warned += 1;
                } else {
                    tally.mismatch(
                        "member the CLI lacks, not warned",
                        format!("{} {}", op.route(), member.name),
                    );
                }
                continue;
            }
            tally.members += 1;
            if warned {
                tally.mismatch(
                    "member warned as unknown, but the CLI has it",
                    format!("{} {}", op.route(), member.name),
                );
            }
            let of_member = |hidden: bool| {
                args.iter().find(|a| a[0] == member.name && a[5].as_bool() == Some(hidden))
            };
            // A member whose only argument is hidden is still taken by the CLI (under that
            // name), so that is its name.
            let expected = match (of_member(false), of_member(true)) {
                (Some(arg), _) => cli_form(arg),
                (None, Some(arg)) => {
                    tally.hidden_only += 1;
                    cli_form(arg)
                }
                (None, None) => {
                    tally.input_json_only += 1;
                    ArgForm::InputJson
                }
            };
            // The CLI writes a model boolean as a flag pair; the page's `Option` for a boolean
            // means the same pair (`option_strings`), so compare them as such.
            let page = match page {
                ArgForm::Option(name) if matches!(member.kind, Kind::Boolean) => {
                    ArgForm::BoolPair {
                        negative: format!("no-{name}"),
                        positive: name,
                        value_structure: false,
                    }
                }
                other => other,
            };
            if page != expected {
                let kind = match (&page, &expected) {
                    (ArgForm::Option(_), ArgForm::Option(_)) => "option name",
                    (
                        ArgForm::BoolPair { positive: a, .. },
                        ArgForm::BoolPair { positive: b, .. },
                    ) if a == b => "negative flag or Value structure",
                    (ArgForm::BoolPair { .. }, ArgForm::BoolPair { .. }) => "flag name",
                    (_, ArgForm::InputJson) => "page has an option, the CLI only --cli-input-json",
                    (ArgForm::InputJson, _) => "page has only --cli-input-json, the CLI an option",
                    _ => "value option against flag pair",
                };
                tally.mismatch(
                    kind,
                    format!(
                        "{} {}: page {}, CLI {}",
                        op.route(),
                        member.name,
                        spelled(&page),
                        spelled(&expected)
                    ),
                );
            }
        }
    }
    tally
}

#[test]
#[ignore = "needs AWS CLI v1 in .venv and v2 in .venv-awscli2; scripts/test runs it"]
fn every_member_has_the_option_name_each_cli_expects() {
    let started = Instant::now();
    let children = [
        (AwsCli::V2, start(venv_awscli2().join("bin/python"))),
        (AwsCli::V1, start(venv().join("bin/python"))),
    ];
    let ops = aws_operations();
    let mut failed = Vec::new();
    for (cli, child) in children {
        let table = tables(child);
        let tally = compare(cli, &ops, &table);
        let mismatched: usize = tally.mismatches.values().map(Vec::len).sum();
        println!(
            "AWS CLI {} ({}): {} operations compared ({} unknown to it, {} without a command), \
             {} members compared ({} only via --cli-input-json, {} under a hidden name), \
             {} members it lacks (warned), {} mismatches",
            cli.id(),
            table["awscli"].as_str().unwrap(),
            tally.operations,
            tally.unknown_operations,
            tally.no_command,
            tally.members,
            tally.input_json_only,
            tally.hidden_only,
            tally.lacking_warned,
            mismatched
        );
        for (kind, lines) in &tally.mismatches {
            println!("  {kind}: {}", lines.len());
            for line in lines.iter().take(5) {
                println!("    {line}");
            }
        }
        if mismatched > 0 {
            failed.push(format!("AWS CLI {}: {mismatched} mismatches", cli.id()));
        }
        // The options whose one-member structures the CLI takes as bare words, which paste
        // reads so (`cli::aws::BARE_ITEM_OPTIONS`).
        let theirs: Vec<(String, String, String)> =
            serde_json::from_value(table["old_list"].clone()).expect("old_list");
        let ours: Vec<(String, String, String)> =
            request_builder::core::cli::aws::BARE_ITEM_OPTIONS
                .iter()
                .map(|(s, c, o)| (s.to_string(), c.to_string(), o.to_string()))
                .collect();
        println!(
            "  options taking bare items: {} (the page's table: {})",
            theirs.len(),
            ours.len()
        );
        if theirs != ours {
            failed.push(format!(
                "AWS CLI {}: bare-item options {theirs:?}, the page's {ours:?}",
                cli.id()
            ));
        }
        assert!(tally.operations > 1000, "AWS CLI {}: too few operations compared", cli.id());
    }
    println!("{:.1} s", started.elapsed().as_secs_f64());
    assert!(failed.is_empty(), "{}", failed.join("; "));
}
