//! The picker over the real operations index: what people type finds what they mean
//! (issue 30: `invoke lambda` is lambda's `Invoke`, `ec2` lists EC2 first), and narrowing the
//! last matches as the user types on shows exactly what a fresh search shows.

use request_builder::core::model::catalog::{models_dir, parse_index};
use request_builder::core::search::{best, entries, find, matching, refines, Entry, Ranking};

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

/// The picker ranks with `Ranking::best`, which walks the operations in name-length order
/// instead of ranking every match (a one-letter query matches nearly all of them); it must give
/// exactly what `best` gives: for every prefix of what people type, the queries above, and
/// 2,000 random short queries of letters, digits, `-` and spaces.
#[test]
fn the_length_order_ranking_gives_what_ranking_every_match_gives() {
    let entries = index();
    let ranking = Ranking::new(&entries);
    let typed = [
        "dms start-replication-task",
        "ec2 run instances",
        "describe",
        "kinesis put record",
        "sqs send message",
        "replication",
        "iam create role",
        "a",
        "ssm get parameter",
        "s3 put object",
        "invoke lambda",
        "aliyun ecs describe",
        "smc start replication job",
        "create-user",
        "cs describeclustersv1",
        "list tags",
        "x",
    ];
    let mut queries: Vec<String> = Vec::new();
    for q in typed.iter().chain(FIRST.iter().map(|(q, _)| q)) {
        queries.extend((1..=q.len()).map(|n| q[..n].to_string()));
    }
    let alphabet: Vec<char> = "abcdefghijklmnopqrstuvwxyz0123456789- ".chars().collect();
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    for _ in 0..2000 {
        let mut q = String::new();
        for _ in 0..=(state % 3) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            q.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        queries.push(q);
    }
    let mut fast_paths = 0;
    for query in &queries {
        if query.trim().is_empty() {
            continue;
        }
        let matches = matching(&entries, query, None);
        for limit in [60, 1, 7] {
            let expected = best(&entries, query, &matches, limit);
            assert_eq!(
                ranking.best(&entries, query, &matches, limit),
                expected,
                "{query:?} {limit}"
            );
        }
        fast_paths += usize::from(matches.len() > 1000);
    }
    assert!(fast_paths > 100, "only {fast_paths} queries matched more than 1,000 operations");
}
