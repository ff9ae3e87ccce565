//! Model patterns are checked by a real regex engine behind `core::model::pattern::Matcher` (the
//! `regex` crate natively; the browser's `RegExp` in the page, see tests/web_form.rs), never by
//! hand-written matchers: at the field, per keystroke, for every operation.

use request_builder::core::model::catalog;
use request_builder::core::model::pattern;
use request_builder::core::model::{Kind, Structure};
use request_builder::core::request::build::build;
use request_builder::core::request::form::FormState;
use request_builder::core::request::report::IssueKind;

const DATASYNC: &str = "aws/datasync/StartTaskExecution";

fn pattern_issue(form: &FormState, path: &str) -> bool {
    let report = build(catalog::find(DATASYNC).unwrap(), form).report;
    let found = report.at(path).any(|i| matches!(i.kind, IssueKind::Pattern { .. }));
    found
}

#[test]
fn the_datasync_task_arn_pattern_is_checked_at_the_field() {
    let table = [
        ("arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0", false),
        ("arn:aws-cn:datasync:cn-north-1:123456789012:task/task-0123456789abcdef0", false),
        ("arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef", true),
        ("arn:aws:datasync:us-east-1:12345678901:task/task-0123456789abcdef0", true),
        ("arn:aws:datasync:us-east-1:123456789012:task/task-0123456789ABCDEF0", true),
        ("not an arn", true),
    ];
    for (value, reported) in table {
        let form = FormState::new("us-east-1").with("TaskArn", value);
        assert_eq!(pattern_issue(&form, "TaskArn"), reported, "{value}");
    }
}

#[test]
fn a_pattern_inside_a_list_item_is_checked_at_the_item_field() {
    let form = FormState::new("us-east-1")
        .with("TaskArn", "arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0")
        .with_list("Tags", 1)
        .with("Tags[0].Key", "bad\u{1}key");
    assert!(pattern_issue(&form, "Tags[0].Key"));
}

/// Every pattern of every compiled model, counted by whether fancy-regex compiles it.
/// The ones it cannot (Java-only classes) are not checked natively, and the
/// browser's RegExp gets its own chance in the page; this keeps that number visible.
#[test]
fn nearly_every_model_pattern_compiles_natively() {
    let index = catalog::parse_index(
        &std::fs::read_to_string(catalog::models_dir().join("index.json")).expect("models built"),
    )
    .unwrap();
    let mut seen = std::collections::BTreeSet::new();
    fn walk(
        shape: &'static Structure,
        seen: &mut std::collections::BTreeSet<&'static str>,
        visited: &mut Vec<*const Structure>,
    ) {
        if visited.contains(&(shape as *const _)) {
            return;
        }
        visited.push(shape);
        for member in shape.members() {
            kind(member.kind, seen, visited);
        }
    }
    fn kind(
        k: &'static Kind,
        seen: &mut std::collections::BTreeSet<&'static str>,
        visited: &mut Vec<*const Structure>,
    ) {
        match k {
            Kind::String(rules) | Kind::Enum { rules, .. } => {
                if let Some(p) = rules.pattern {
                    seen.insert(p);
                }
            }
            Kind::List { item, .. } => kind(item.kind, seen, visited),
            Kind::Map { key, value, .. } => {
                kind(key.kind, seen, visited);
                kind(value.kind, seen, visited);
            }
            Kind::Structure(shape) => walk(shape, seen, visited),
            _ => {}
        }
    }
    for service in &index {
        let Some(loaded) = catalog::service(service.cloud, &service.service) else {
            panic!("{} does not load", service.service)
        };
        let mut visited = Vec::new();
        for op in &loaded.operations {
            walk(op.input, &mut seen, &mut visited);
        }
    }
    let failing: Vec<&str> =
        seen.iter().copied().filter(|p| pattern::is_match(p, "").is_none()).collect();
    println!("{} distinct patterns, {} not compiled by the regex crate", seen.len(), failing.len());
    assert!(seen.len() > 1000, "the models carry thousands of patterns");
    // The rest use Java/JavaScript-only syntax (`\uD800` surrogates, `\p{Print}&&[...]`,
    // `${1,128}`) or pass the size limit; the browser's RegExp compiles most of them.
    assert!(
        failing.len() * 50 <= seen.len(),
        "more than 2% of patterns fail to compile: {:?}",
        &failing[..failing.len().min(10)]
    );
}
