//! No input makes the core panic (in the page a panic kills it): arbitrary Unicode in every
//! field of every operation, arbitrary list lengths, arbitrary regions, through build, every
//! renderer and every shell; 10,000-character values in every field of every operation of
//! every compiled service; and arbitrary location hashes through the router.

mod common;

use proptest::prelude::*;
use request_builder::core::cli::shell::Shell;
use request_builder::core::model::catalog;
use request_builder::core::model::{Kind, Member, Operation};
use request_builder::core::request::form::{item, join, FormState};
use request_builder::core::{outputs, request::timestamp, route};

/// Every field path of an operation to a depth of `depth` structures, with list items and
/// map entries 0 and 1; `true` marks lists and maps.
fn paths(members: &[Member], prefix: &str, out: &mut Vec<(String, bool)>, depth: usize) {
    if depth == 0 {
        return;
    }
    for member in members {
        let path = join(prefix, member.name);
        kind_paths(member.kind, path, out, depth);
    }
}

fn kind_paths(kind: &Kind, path: String, out: &mut Vec<(String, bool)>, depth: usize) {
    match kind {
        Kind::Structure(shape) => paths(shape.members(), &path, out, depth - 1),
        Kind::List { item: item_member, .. } => {
            out.push((path.clone(), true));
            if depth > 1 {
                kind_paths(item_member.kind, item(&path, 0), out, depth - 1);
                kind_paths(item_member.kind, item(&path, 1), out, depth - 1);
            }
        }
        Kind::Map { value, .. } => {
            out.push((path.clone(), true));
            out.push((format!("{}.key", item(&path, 0)), false));
            if depth > 1 {
                kind_paths(value.kind, format!("{}.value", item(&path, 0)), out, depth - 1);
            }
        }
        _ => out.push((path, false)),
    }
}

fn all_paths(op: &Operation, depth: usize) -> Vec<(String, bool)> {
    let mut all = Vec::new();
    paths(op.members(), "", &mut all, depth);
    all
}

/// Every operation of every compiled service, each field (to three levels) holding 10,000
/// characters, lists and maps two long: the "no panic on any operation's form".
#[test]
fn every_operation_renders_ten_thousand_character_values_without_panic() {
    let index = catalog::parse_index(
        &std::fs::read_to_string(catalog::models_dir().join("index.json")).expect("models built"),
    )
    .unwrap();
    let alphabets = ["a", "é", "'\"$ ", "9", "-", "😀", "\u{a0}\u{3000}"];
    // Every operation with its (service, operation) numbers, which pick the alphabet and shell.
    let mut all_ops = Vec::new();
    for (n, entry) in index.iter().enumerate() {
        let service = catalog::service(entry.cloud, &entry.service)
            .unwrap_or_else(|| panic!("{} loads", entry.service));
        all_ops.extend(service.operations.iter().enumerate().map(|(m, op)| (n, m, *op)));
    }
    // Over the machine's cores: some 40,000 operations in a debug build.
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4);
    let counts: Vec<(usize, usize)> = std::thread::scope(|scope| {
        let handles: Vec<_> = all_ops
            .chunks(all_ops.len().div_ceil(threads).max(1))
            .map(|chunk| {
                scope.spawn(move || {
                    let (mut ops, mut fields) = (0usize, 0usize);
                    for &(n, m, op) in chunk {
                        let mut form = FormState::new("us-east-1");
                        let all = all_paths(op, 3);
                        for (i, (path, list)) in all.iter().enumerate() {
                            if *list {
                                form.set_list_len(path, Some(2));
                            } else {
                                form.set(
                                    path,
                                    &alphabets[(i + n + m) % alphabets.len()].repeat(10_000),
                                );
                            }
                        }
                        fields += all.len();
                        let out = outputs(op, &form, Shell::ALL[(n + m) % Shell::ALL.len()]);
                        assert!(!out.http.is_empty(), "{}", op.route());
                        ops += 1;
                    }
                    (ops, fields)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let (ops, fields) = counts.iter().fold((0, 0), |(a, b), (c, d)| (a + c, b + d));
    println!("{ops} operations, {fields} fields of 10,000 characters rendered");
    assert!(ops > 9000, "the catalog has over 9,000 operations, not {ops}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn any_text_in_any_field_renders_without_panic(
        op_index in 0..4usize,
        values in proptest::collection::vec((any::<prop::sample::Index>(), "\\PC{0,12}|[0-9:T+\\-. éZ]{0,30}|.{0,6}"), 0..12),
        lens in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..4), 0..3),
        region in "\\PC{0,10}",
        shell in 0usize..Shell::ALL.len(),
    ) {
        let op = common::showcase()[op_index];
        let all = all_paths(op, 6);
        let mut form = FormState::new(&region);
        for (index, len) in lens {
            let lists: Vec<&String> = all.iter().filter(|(_, list)| *list).map(|(p, _)| p).collect();
            if !lists.is_empty() {
                form.set_list_len(lists[index.index(lists.len())], Some(len));
            }
        }
        for (index, value) in values {
            let (path, _) = &all[index.index(all.len())];
            form.set(path, &value);
        }
        let _ = outputs(op, &form, Shell::ALL[shell]);
        let _ = route::parse(&route::permalink(op, &form));
    }

    #[test]
    fn any_text_is_a_timestamp_or_a_reason(text in "\\PC{0,40}|[0-9\\-:T .+Zé€]{0,30}") {
        let _ = timestamp::parse(&text);
    }

    #[test]
    fn any_hash_routes_without_panic(hash in "#?/?(aws/dms/StartReplicationTask)?\\??\\PC{0,60}") {
        let _ = route::parse(&hash);
    }
}
