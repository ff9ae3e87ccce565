//! The picker over the real operations index: what people type finds what they mean
//! (issue 30: `invoke lambda` is lambda's `Invoke`, `ec2` lists EC2 first), and narrowing the
//! last matches as the user types on shows exactly what a fresh search shows.

use request_builder::core::model::catalog::{models_dir, parse_index};
use request_builder::core::search::{best, entries, find, matching, refines, Entry};

fn index() -> Vec<Entry> {
    let text =
        std::fs::read_to_string(models_dir().join("index.json")).expect("run scripts/build-models");
    let entries = entries(&parse_index(&text).unwrap());
    assert!(entries.len() > 20_000);
    entries
}

/// (query, the route people expect first).
const FIRST: &[(&str, &str)] = &[
    ("invoke lambda", "aws/lambda/Invoke"),
    ("lambda invoke", "aws/lambda/Invoke"),
    ("dms start-replication-task", "aws/dms/StartReplicationTask"),
    ("startreplicationtask", "aws/dms/StartReplicationTask"),
    ("ec2 run instances", "aws/ec2/RunInstances"),
    ("s3 put object", "aws/s3api/PutObject"),
    ("put object s3", "aws/s3api/PutObject"),
    ("sqs send message", "aws/sqs/SendMessage"),
    ("ecs run task", "aws/ecs/RunTask"),
    ("kms encrypt", "aws/kms/Encrypt"),
    ("smc start replication job", "aliyun/smc/StartReplicationJob"),
];

#[test]
fn what_people_type_finds_what_they_mean_first() {
    let entries = index();
    let mut wrong = Vec::new();
    for (query, expected) in FIRST {
        let (found, _) = find(&entries, query, 60);
        let first = found.first().map(|e| e.route.as_str()).unwrap_or("nothing");
        if first != *expected {
            wrong.push(format!("{query:?}: {first}, not {expected}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_service_word_lists_that_service_first() {
    let entries = index();
    for (query, key) in [("ec2", "aws/ec2"), ("lambda", "aws/lambda"), ("s3", "aws/s3api")] {
        let (found, total) = find(&entries, query, 60);
        assert!(total > 60, "{query}: {total}");
        let others: Vec<&str> = found
            .iter()
            .filter(|e| e.service_key != key)
            .map(|e| e.route.as_str())
            .take(3)
            .collect();
        // ec2 has over 600 operations and lambda some 80: the first 60 are all theirs.
        assert!(others.is_empty(), "{query}: {others:?}");
    }
}

const QUERIES: &[&str] = &[
    "a",
    "d",
    "dms",
    "dms start-replication-task",
    "describe",
    "ec2 run instances",
    "s3api put",
    "aliyun ecs",
    "replication",
    "x",
    "kinesis put record",
    "invoke lambda",
];

#[test]
fn typing_on_shows_what_a_fresh_search_shows() {
    let entries = index();
    for query in QUERIES {
        let fresh = matching(&entries, query, None);
        let expected = best(&entries, query, &fresh, 60);
        assert_eq!(find(&entries, query, 60).1, fresh.len());
        // Typed one character at a time, each step narrowing the last.
        let mut last = (String::new(), Vec::new());
        for end in 1..=query.len() {
            let typed = &query[..end];
            let within = refines(&last.0, typed).then_some(last.1.as_slice());
            let matches = matching(&entries, typed, within);
            last = (typed.to_string(), matches);
        }
        assert_eq!(last.1, fresh, "typed {query:?}");
        assert_eq!(best(&entries, query, &last.1, 60), expected, "typed {query:?}");
    }
}
