//! No input makes the core panic (in the page a panic kills it): arbitrary Unicode in every
//! field of every operation, arbitrary list lengths, arbitrary regions, through build, every
//! renderer and every shell; and arbitrary location hashes through the router.

use proptest::prelude::*;
use request_builder::core::catalog::OPERATIONS;
use request_builder::core::cli::shell::Shell;
use request_builder::core::form::{item, join, FormState};
use request_builder::core::model::{Kind, Member};
use request_builder::core::{outputs, route, timestamp};

/// Every field path of an operation, with list items 0 and 1.
fn paths(members: &[Member], prefix: &str, out: &mut Vec<(String, bool)>) {
    for member in members {
        let path = join(prefix, member.name);
        match &member.kind {
            Kind::Structure(children) => paths(children, &path, out),
            Kind::List { item: Kind::Structure(children), .. } => {
                out.push((path.clone(), true));
                paths(children, &item(&path, 0), out);
                paths(children, &item(&path, 1), out);
            }
            Kind::List { .. } => out.push((path, true)),
            _ => out.push((path, false)),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn any_text_in_any_field_renders_without_panic(
        op_index in 0..OPERATIONS.len(),
        values in proptest::collection::vec((any::<prop::sample::Index>(), "\\PC{0,12}|[0-9:T+\\-. éZ]{0,30}|.{0,6}"), 0..12),
        lens in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..4), 0..3),
        region in "\\PC{0,10}",
        shell in 0usize..3,
    ) {
        let op = OPERATIONS[op_index];
        let mut all = Vec::new();
        paths(op.input, "", &mut all);
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
        let out = outputs(op, &form, Shell::ALL[shell]);
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
