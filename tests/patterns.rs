//! Each hand-written pattern matcher agrees with the `regex` crate compiling the official
//! pattern source, on a table of edge cases and on random strings built from each pattern's
//! own alphabet (so that matches are common, not just rejections).

use proptest::prelude::*;
use regex::Regex;
use request_builder::core::model::Pattern;
use request_builder::core::patterns::ALL;

const EDGES: &[&str] = &[
    "", " ", "\n", "\0", "a", "A_1", "abc\n", "arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef0",
    "arn:aws:datasync:us-east-1:123456789012:task/task-0123456789abcdef", "arn:aws-cn:datasync:cn-north-1:123456789012:task/task-0123456789abcdef0",
    "arn:aws:datasync::123456789012:task/task-0123456789abcdef0", "arn:aws:datasync:us-east-1:12345678901:task/task-0123456789abcdef0",
    "arn:aws:datasync:us-east-1:123456789012:task/task-0123456789ABCDEF0", "arn:aws-x:datasync:us-east-1:123456789012:task/task-0123456789abcdef0",
    "arn:aws:iam::123456789012:role/x", "arn:aws:iam::123456789012:role/", "arn:aws:iam::123456789012:role/a\nb", "arn:aws:iam:us-east-1:123456789012:role/x",
    "arn:aws:s3:::my-bucket", "arn:aws:s3:::", "arn:aws:s3:::a:b", "arn:aws:s3:us-east-1:123456789012:accesspoint/ap-1",
    "arn:aws:s3::123456789012:accesspoint:ap.1", "arn:aws:s3:us-east-1:123456789012:accesspoint/", "arn:aws:s3-outposts:us-east-1:123456789012:outpost/op-1/accesspoint/ap",
    "arn:aws:s3-outposts:us-east-1:123456789012:outpost:op-1:accesspoint:ap", "arn:aws:s3-outposts::123456789012:outpost/op/accesspoint/ap",
    "manifests/list (1).csv", "a\u{a0}b", "a\u{3000}b", "a\tb", "tag key", "tag\u{2028}", "v@1", "SIMPLE_PATTERN", "simple",
];

fn compiled() -> &'static [(Regex, &'static Pattern)] {
    static COMPILED: std::sync::OnceLock<Vec<(Regex, &'static Pattern)>> = std::sync::OnceLock::new();
    COMPILED.get_or_init(|| ALL.iter().map(|p| (Regex::new(p.source).expect(p.source), *p)).collect())
}

#[test]
fn every_matcher_agrees_with_the_regex_crate_on_the_edge_table() {
    for (regex, pattern) in compiled() {
        for text in EDGES {
            assert_eq!((pattern.matches)(text), regex.is_match(text), "{} on {text:?}", pattern.source);
        }
    }
}

/// Characters each pattern is about, plus troublemakers.
const ALPHABET: &[char] = &[
    'a', 'z', 'A', 'Z', '0', '9', 'f', '-', '_', '.', '/', ':', '+', '=', '@', '(', ')', ' ', '\t', '\n', '\0',
    '\u{a0}', '\u{3000}', '\u{2028}', 'é', '😀', '*', '|',
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    #[test]
    fn every_matcher_agrees_with_the_regex_crate_on_random_text(
        picks in proptest::collection::vec(0..ALPHABET.len(), 0..24),
        prefix in prop::sample::select(vec![
            "", "arn:aws:datasync:us-east-1:123456789012:task/task-", "arn:aws:iam::123456789012:role/",
            "arn:aws:s3:::", "arn:aws:s3:us-east-1:123456789012:accesspoint/", "arn:aws:s3-outposts:us-east-1:123456789012:outpost/",
        ]),
    ) {
        let text: String = prefix.chars().chain(picks.iter().map(|&i| ALPHABET[i])).collect();
        for (regex, pattern) in compiled() {
            prop_assert_eq!((pattern.matches)(&text), regex.is_match(&text), "{} on {:?}", pattern.source, text);
        }
    }
}
