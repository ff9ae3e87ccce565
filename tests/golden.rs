//! Golden fixtures: `tests/fixtures/*.json`, one case per file, each a form (route, region,
//! AWS CLI version, values, list lengths, shell) and every output the page shows for it. The runner names the
//! failing file and output. `UPDATE_GOLDEN=1 cargo test --test golden` rewrites them; review
//! the diff before committing, since the AWS CLI and SDK tests are what prove them right.

use request_builder::core::model::{AwsCli, Cloud};
use request_builder::core::{cli::shell::Shell, model::catalog, outputs, request::form::FormState};
use serde_json::{json, Value};
use std::path::Path;

fn form_of(case: &Value) -> FormState {
    let mut form = FormState::new(case["region"].as_str().unwrap());
    if let Some(version) = case["awscli"].as_str() {
        form.awscli = AwsCli::from_id(version).unwrap();
    }
    for (path, len) in case["lists"].as_object().into_iter().flatten() {
        form.set_list_len(path, Some(len.as_u64().unwrap() as usize));
    }
    for (path, value) in case["values"].as_object().into_iter().flatten() {
        form.set(path, value.as_str().unwrap());
    }
    form
}

#[test]
fn every_fixture_renders_as_recorded() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    entries.sort();
    assert!(entries.len() >= 8, "fixtures missing in {}", dir.display());
    let mut failures = Vec::new();
    for path in entries {
        let mut case: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let op = catalog::find(case["route"].as_str().unwrap()).unwrap();
        let shell = Shell::from_id(case["shell"].as_str().unwrap_or("posix")).unwrap();
        let out = outputs(op, &form_of(&case), shell);
        let actual = json!({
            "json": out.json, "body": out.body, "query": out.query, "http": out.http,
            "cli": out.cli, "curl": out.curl, "shell_warnings": out.shell_warnings,
            "issues": out.report.issues.iter().map(|i| i.to_string()).collect::<Vec<_>>(),
        });
        if update {
            case["expected"] = actual;
            std::fs::write(&path, serde_json::to_string_pretty(&case).unwrap() + "\n").unwrap();
            continue;
        }
        for (key, value) in actual.as_object().unwrap() {
            if case["expected"][key] != *value {
                failures.push(format!(
                    "{} {key}:\n  recorded {}\n  now      {}",
                    path.display(),
                    case["expected"][key],
                    value
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The showcase: the four seed operations and the blob commands people run most, each one form
/// in every dialect and shell (`tests/fixtures/showcase/*.json`, keyed `"<awscli> <shell>"`;
/// Alibaba Cloud has one dialect). The real CLIs prove the commands (tests/aws_cli.rs).
#[test]
fn every_showcase_form_renders_as_recorded_in_each_dialect_and_shell() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/showcase");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut entries: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    assert!(entries.len() >= 9, "showcase fixtures missing in {}", dir.display());
    let mut failures = Vec::new();
    for path in entries {
        let mut case: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let op = catalog::find(case["route"].as_str().unwrap()).unwrap();
        let dialects: &[Option<AwsCli>] = match op.cloud {
            Cloud::Aws => &[Some(AwsCli::V2), Some(AwsCli::V1)],
            Cloud::Aliyun => &[None],
        };
        let mut actual = serde_json::Map::new();
        for dialect in dialects {
            for shell in Shell::ALL {
                let mut form = form_of(&case);
                form.awscli = dialect.unwrap_or_default();
                let out = outputs(op, &form, shell);
                let key = match dialect {
                    Some(v) => format!("{} {}", v.id(), shell.id()),
                    None => shell.id().to_string(),
                };
                actual.insert(
                    key,
                    json!({
                        "cli": out.cli, "curl": out.curl, "shell_warnings": out.shell_warnings,
                        "json": out.json, "body": out.body, "http": out.http,
                        "issues": out.report.issues.iter().map(|i| i.to_string()).collect::<Vec<_>>(),
                    }),
                );
            }
        }
        if update {
            case["expected"] = Value::Object(actual);
            std::fs::write(&path, serde_json::to_string_pretty(&case).unwrap() + "\n").unwrap();
            continue;
        }
        for (key, value) in &actual {
            if case["expected"][key] != *value {
                failures.push(format!(
                    "{} [{key}]:\n  recorded {}\n  now      {}",
                    path.display(),
                    case["expected"][key],
                    value
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
