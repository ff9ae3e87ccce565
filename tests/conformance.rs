//! The compiled models of the showcase operations agree with today's official AWS models, read
//! independently by Python (botocore's data on PyPI): every member
//! name, type, required flag, enum value set, min/max and pattern. The gaps declared for the
//! AWS CLI v1 agree with the model the `awscli` package really bundles.

mod common;

use request_builder::core::model::catalog;
use request_builder::core::model::{CliGap, Kind, Member, Operation};
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;
use std::process::Command;

fn official(which: &str) -> Value {
    let python = common::venv().join("bin/python");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools/model_dump.py");
    let output = Command::new(python).arg(script).arg(which).output().expect("run python");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("model dump is JSON")
}

/// The catalog's members in the dump's shape.
fn ours(op: &Operation) -> Map<String, Value> {
    let mut out = Map::new();
    flatten_members(op.members(), "", &mut out);
    out
}

fn flatten_members(members: &[Member], prefix: &str, out: &mut Map<String, Value>) {
    for member in members {
        let path = if prefix.is_empty() {
            member.name.to_string()
        } else {
            format!("{prefix}.{}", member.name)
        };
        flatten_kind(member.kind, &path, member.required, out);
    }
}

fn flatten_kind(kind: &Kind, path: &str, required: bool, out: &mut Map<String, Value>) {
    let mut entry = Map::new();
    entry.insert("required".into(), json!(required));
    let string_rules = |rules: &request_builder::core::model::StringRules,
                        entry: &mut Map<String, Value>| {
        if let Some(min) = rules.min {
            entry.insert("min".into(), json!(min));
        }
        if let Some(max) = rules.max {
            entry.insert("max".into(), json!(max));
        }
        if let Some(p) = rules.pattern {
            entry.insert("pattern".into(), json!(p));
        }
    };
    match kind {
        Kind::String(rules) => {
            entry.insert("type".into(), json!("string"));
            string_rules(rules, &mut entry);
        }
        Kind::Enum { values, rules } => {
            entry.insert("type".into(), json!("string"));
            entry.insert("enum".into(), json!(values.iter().map(|v| v.value).collect::<Vec<_>>()));
            string_rules(rules, &mut entry);
        }
        Kind::Integer(range) | Kind::Long(range) => {
            let name = if matches!(kind, Kind::Integer(_)) { "integer" } else { "long" };
            entry.insert("type".into(), json!(name));
            if let Some(min) = range.min {
                entry.insert("min".into(), json!(min));
            }
            if let Some(max) = range.max {
                entry.insert("max".into(), json!(max));
            }
        }
        Kind::Boolean => {
            entry.insert("type".into(), json!("boolean"));
        }
        Kind::Timestamp { .. } => {
            entry.insert("type".into(), json!("timestamp"));
        }
        Kind::List { item, min, max, .. } => {
            entry.insert("type".into(), json!("list"));
            if let Some(min) = min {
                entry.insert("min".into(), json!(min));
            }
            if let Some(max) = max {
                entry.insert("max".into(), json!(max));
            }
            flatten_kind(item.kind, &format!("{path}[]"), false, out);
        }
        Kind::Structure(shape) => {
            entry.insert("type".into(), json!("structure"));
            flatten_members(shape.members(), path, out);
        }
        other => panic!("{path}: the showcase operations have no {other:?} members"),
    }
    out.insert(path.to_string(), Value::Object(entry));
}

/// Every path whose official entry and catalog entry differ. (Prose rules such as the
/// ElastiCache port range are checks, not model constraints, so they do not show here.)
fn differences(official: &Map<String, Value>, ours: &Map<String, Value>) -> Vec<String> {
    let keys: BTreeSet<&String> = official.keys().chain(ours.keys()).collect();
    keys.into_iter()
        .filter(|k| official.get(*k) != ours.get(*k))
        .map(|k| format!("{k}:\n  official {:?}\n  catalog  {:?}", official.get(k), ours.get(k)))
        .collect()
}

fn showcase_aws() -> Vec<&'static Operation> {
    catalog::SHOWCASE
        .iter()
        .filter(|r| r.starts_with("aws/"))
        .map(|r| catalog::find(r).expect("compiled model"))
        .collect()
}

#[test]
#[ignore = "needs botocore in .venv; scripts/test runs it"]
fn the_catalog_matches_todays_official_aws_models() {
    let today = official("today");
    for op in showcase_aws() {
        let official = today[op.route()]
            .as_object()
            .unwrap_or_else(|| panic!("no official model for {}", op.route()));
        let diffs = differences(official, &ours(op));
        assert!(
            diffs.is_empty(),
            "{} differs from the official model:\n{}",
            op.route(),
            diffs.join("\n")
        );
    }
}

#[test]
#[ignore = "needs awscli in .venv; scripts/test runs it"]
fn the_declared_aws_cli_v1_gaps_are_exactly_the_bundled_models_gaps() {
    let (today, cli) = (official("today"), official("cli-v1"));
    for op in showcase_aws() {
        let (t, c) = (today[op.route()].as_object().unwrap(), cli[op.route()].as_object().unwrap());
        let mut found = BTreeSet::new();
        for (path, entry) in t {
            match c.get(path) {
                // Report only the outermost unknown path, as the catalog declares it.
                None if !path.contains('.') || c.contains_key(path.rsplit_once('.').unwrap().0) => {
                    found.insert(format!("unknown {path}"));
                }
                None => {}
                Some(old)
                    if old["required"] == json!(true) && entry["required"] == json!(false) =>
                {
                    found.insert(format!("required {path}"));
                }
                Some(old) if old != entry => {
                    panic!("{path} differs beyond the known gap kinds: {old} vs {entry}")
                }
                Some(_) => {}
            }
        }
        let declared: BTreeSet<String> = op
            .aws_cli_v1_gaps
            .iter()
            .map(|gap| match gap {
                CliGap::Unknown(p) => format!("unknown {p}"),
                CliGap::Required(p) => format!("required {p}"),
                CliGap::Operation(p) => format!("operation {p}"),
                CliGap::Preview(p) => format!("preview {p}"),
                CliGap::Uri(p) => format!("uri {p}"),
            })
            .collect();
        assert_eq!(declared, found, "{}", op.route());
    }
}
