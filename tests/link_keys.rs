//! A link's own keys (`region`, `awscli`, `embed`) are also the names of some operations'
//! members: Alibaba Cloud MaxCompute's `region` (47 operations with such a member, ACK's
//! DescribeAddons among them, where it is required), API Gateway's `embed`. A link must carry
//! both the page's setting and the member's value, and read each back to its place.

use request_builder::core::model::{catalog, Kind, Operation};
use request_builder::core::request::form::FormState;
use request_builder::core::route;

const LINK_KEYS: [&str; 3] = ["region", "awscli", "embed"];

fn query_of(link: &str) -> &str {
    link.split_once('?').map_or("", |(_, query)| query)
}

/// Every compiled operation with a top-level text member named like one of the link's keys.
fn operations_with_a_member_named_like_a_link_key() -> Vec<(&'static Operation, &'static str)> {
    let index = catalog::parse_index(
        &std::fs::read_to_string(catalog::models_dir().join("index.json")).expect("models built"),
    )
    .unwrap();
    let mut found = Vec::new();
    for entry in &index {
        let service = catalog::service(entry.cloud, &entry.service).expect("service loads");
        for op in service.operations.iter() {
            for member in op.members() {
                if LINK_KEYS.contains(&member.name) && matches!(member.kind, Kind::String { .. }) {
                    found.push((*op, member.name));
                }
            }
        }
    }
    found
}

/// Regression: a member named `region` lost its value in a link (the link's `region` key took
/// it as the page's region, which it also overwrote), and API Gateway's `embed` member was
/// dropped by the embed's "Open full page" link.
#[test]
fn regression_a_member_named_like_a_link_key_keeps_its_value_in_a_link() {
    let found = operations_with_a_member_named_like_a_link_key();
    assert!(found.len() >= 40, "{} operations", found.len());
    for (op, name) in &found {
        let mut form = FormState::new("eu-west-9");
        form.set(name, "member-value");
        let link = route::permalink(op, &form);
        let back = route::form_from_query(op, query_of(&link));
        assert_eq!(back.get(name), "member-value", "{} {name}: {link}", op.route());
        assert_eq!(back.region, "eu-west-9", "{} {name}: {link}", op.route());
        let full = route::full_page_url(&format!("https://docs.example/{link}&embed=compact"));
        assert_eq!(full, format!("https://docs.example/{link}"), "{} {name}", op.route());
    }
    println!("{} operations with a member named like a link key", found.len());
}
