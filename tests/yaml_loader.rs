//! The page's YAML reader (`core::yaml::read`, which the paste box uses for
//! `--cli-input-yaml`) against AWS CLI v2's own loader (`tests/tools/yaml_loader.py`: ruamel.yaml
//! as `awscli/customizations/cliinput.py` calls it), in one Python process: the YAML panel's
//! document of a random valid form of each AWS service, the hand-written documents of the
//! reader's own tables, and the documents it refuses.
//!
//! Every document the reader takes must load in the CLI to the same value (numbers compared as
//! numbers). Every refusal must be one the CLI shares or reads otherwise than text: the loader
//! fails on it, or gives a type JSON has no word for (a date), or a number where the plain
//! reading would be text. Refusals where the CLI would read plain text are counted: the reader
//! asks for quotes there, which the CLI reads the same.

mod common;

use common::random_form::{valid_form, Options, PatternCache};
use request_builder::core::cli::aws::input_yaml;
use request_builder::core::json::Node;
use request_builder::core::model::{AwsCli, Cloud};
use request_builder::core::request::build::build;
use request_builder::core::yaml::read::parse_yaml;
use serde_json::Value;

/// Documents as people write them, and each kind the reader refuses.
const WRITTEN: &[&str] = &[
    "---\n# the task\nReplicationTaskArn: arn:aws:dms:us-east-1:1:task:T  # inline\nStartReplicationTaskType: 'start-replication'\n",
    "Tags:\n- Key: env\n  Value: prod\n- {Key: team, Value: \"data\"}\nCount: 3\nRatio: 0.5\nOn: yes\nOff: no\nNone: ~\nEmpty:\n",
    "List: [a, 'b c', \"d\", 1, true, [x], {k: v}]\n",
    "Quote: 'it''s'\nEsc: \"\\x41\\u00e9\\U0001F680\\t\\N\\_\"\n",
    "Nested:\n    Deep:\n        - 1\n        -\n          - 2\n",
    "Big: 1e5\nNeg: -7\nText: 12abc\nT: True\nF: FALSE\nN: NULL\n",
    "Start: 2026-03-08\n",
    "Start: 2026-03-08T12:00:00Z\n",
    "N: 1_000\n",
    "N: 0x1F\n",
    "N: 0o17\n",
    "N: 007\n",
    "N: .5\n",
    "N: +1\n",
    "A: &x 1\nB: *x\n",
    "A: !!str 1\n",
    "A: |\n  text\n",
    "A: 1\nA: 2\n",
    "A: 1\n---\nB: 2\n",
    "A: b: c\n",
    "A: .inf\n",
];

/// Plain scalars that look like numbers or dates, typed or not by the loader.
const PLAIN: &[&str] = &[
    "1.2.3",
    "10:30",
    "1:20:30",
    "2026-03-08",
    "2026-3-8",
    "2026-03-08T12:00:00Z",
    "2026-03-08 12:00:00",
    "2026-3-8t1:00:00",
    "1_000",
    "0x1F",
    "0o17",
    "017",
    "007",
    "0b101",
    ".5",
    "+1",
    "1.",
    "1e5",
    "1E5",
    "1.5e3",
    "-0",
    "12abc",
    "1-2",
    "1+2",
    "1e",
    "0.1.2",
    "20260308",
    "1__0",
    "_1",
    "1_",
    "0.5_1",
    "1:2",
    "+.5",
    "-.5",
    "1.5.",
    "2026-03",
    "2026-03-08x",
    "0x",
    "0xg",
    "1e+5",
    "1e-5",
    ".e5",
    "-",
    "+",
    ".",
    "0b2",
    "0o8",
];

/// The tree as JSON, for comparing with the loader's.
fn to_json(node: &Node) -> Value {
    match node {
        Node::Str(s) => Value::String(s.clone()),
        Node::Num(n) => serde_json::from_str(n).expect("a JSON number"),
        Node::Bool(b) => Value::Bool(*b),
        Node::Null => Value::Null,
        Node::List(items) => Value::Array(items.iter().map(to_json).collect()),
        Node::Map(pairs) => {
            Value::Object(pairs.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

/// Numbers as floats: JSON's `1` and the loader's `1.0` are one number to botocore's checks.
fn numbers_as_floats(value: Value) -> Value {
    match value {
        Value::Number(n) => serde_json::json!(n.as_f64()),
        Value::Array(items) => Value::Array(items.into_iter().map(numbers_as_floats).collect()),
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, v)| (k, numbers_as_floats(v))).collect())
        }
        other => other,
    }
}

fn holds_number(value: &Value) -> bool {
    match value {
        Value::Number(_) => true,
        Value::Array(items) => items.iter().any(holds_number),
        Value::Object(map) => map.values().any(holds_number),
        _ => false,
    }
}

#[test]
#[ignore = "needs .venv-awscli2; scripts/test runs it"]
fn the_yaml_reader_reads_what_aws_cli_v2_loads() {
    let mut documents: Vec<String> = WRITTEN.iter().map(|s| s.to_string()).collect();
    // One plain scalar of each form the loader's resolver knows, and near misses.
    for scalar in PLAIN {
        documents.push(format!("K: {scalar}\n"));
    }
    let mut cache = PatternCache::default();
    let options = Options { awscli: AwsCli::V2, ..Options::default() };
    for op in common::one_per_service().into_iter().filter(|op| op.cloud == Cloud::Aws) {
        let Ok((form, _, _)) = valid_form(op, &options, &mut cache) else { continue };
        let built = build(op, &form);
        let document = input_yaml::document(op, &built.request, op.default_region(), AwsCli::V2);
        if document.lines().next().is_some_and(|l| l.contains(input_yaml::FILE)) {
            documents.push(document);
        }
    }
    let items: Vec<String> = documents.iter().map(|d| serde_json::to_string(d).unwrap()).collect();
    let refs: Vec<&str> = items.iter().map(String::as_str).collect();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools/yaml_loader.py");
    let loaded = common::run_batch(
        &common::venv_awscli2().join("bin/python"),
        &[script.as_ref()],
        "yaml_loader",
        &refs,
    );
    let (mut same, mut refused_shared, mut refused_text, mut failures) =
        (0, 0, 0, Vec::<String>::new());
    for (document, cli) in documents.iter().zip(&loaded) {
        match parse_yaml(document) {
            Ok(node) => {
                let ours = numbers_as_floats(to_json(&node));
                if cli.get("value").cloned().map(numbers_as_floats) == Some(ours.clone()) {
                    same += 1;
                } else {
                    failures.push(format!("{document:?}: page {ours}, CLI {cli}"));
                }
            }
            Err(error) => {
                // The refusal is the CLI's too where its loader fails, or reads a type JSON has
                // no word for (a date, infinity), or a number where a plain reader sees text.
                let typed = cli.to_string().contains("__type__") || holds_number(&cli["value"]);
                if cli.get("error").is_some() || typed {
                    refused_shared += 1;
                } else {
                    refused_text += 1;
                    eprintln!("refused, the CLI reads it: {document:?} ({})", error.message);
                }
            }
        }
    }
    eprintln!(
        "{} documents ({} panel documents): {same} read as the CLI loads them; {refused_shared} refused where the CLI fails or reads a date or a number; {refused_text} refused where the CLI reads text (the reader asks for quotes); {} failures",
        documents.len(),
        documents.len() - WRITTEN.len() - PLAIN.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Only the forms the reader does not follow (a tag, a block scalar) may be refused where
    // the CLI reads text.
    assert_eq!(refused_text, 2, "refusals of what the CLI reads as text");
    assert!(documents.len() - WRITTEN.len() - PLAIN.len() > 300, "too few panel documents");
}
