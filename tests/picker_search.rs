//! The picker over the real operations index: the fast paths (narrowing the last matches as the
//! user types on, stopping the name check once enough names match) show exactly what a plain
//! search shows: every match ranked (exact name, then all words in the names, then the rest),
//! the first 60 grouped by service.

use request_builder::core::model::catalog::{models_dir, parse_index};
use request_builder::core::search::{best, entries, find, matching, refines};

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
    "startreplicationtask",
    "x",
    "kinesis put record",
];

#[test]
fn fast_paths_show_what_a_plain_search_shows_over_the_real_index() {
    let text =
        std::fs::read_to_string(models_dir().join("index.json")).expect("run scripts/build-models");
    let entries = entries(&parse_index(&text).unwrap());
    assert!(entries.len() > 20_000);
    for query in QUERIES {
        // Plain: every entry, ranked in full, sorted by (rank, index), the first 60 grouped.
        let words: Vec<String> = query.split_whitespace().map(str::to_string).collect();
        let (squeezed, joined) = (words.concat(), words.join(" "));
        let mut ranked: Vec<(u8, usize)> = (0..entries.len())
            .filter(|&i| words.iter().all(|w| haystack(&entries[i]).contains(w.as_str())))
            .map(|i| {
                let e = &entries[i];
                let names =
                    format!("{} {} {}", e.service_key.split('/').nth(1).unwrap(), e.name, e.cli)
                        .to_ascii_lowercase();
                let rank = if e.name.eq_ignore_ascii_case(&squeezed) || e.cli.ends_with(&joined) {
                    0
                } else if words.iter().all(|w| names.contains(w.as_str())) {
                    1
                } else {
                    2
                };
                (rank, i)
            })
            .collect();
        ranked.sort();
        let first: Vec<usize> = ranked.iter().take(60).map(|&(_, i)| i).collect();
        let mut order: Vec<&str> = Vec::new();
        for &i in &first {
            if !order.contains(&entries[i].service_key.as_str()) {
                order.push(&entries[i].service_key);
            }
        }
        let plain: Vec<usize> = order
            .iter()
            .flat_map(|k| first.iter().copied().filter(|&i| entries[i].service_key == *k))
            .collect();

        let fresh = matching(&entries, query, None);
        assert_eq!(best(&entries, query, &fresh, 60), (plain.clone(), ranked.len()), "{query:?}");
        assert_eq!(find(&entries, query, 60).1, ranked.len());
        // Typed one character at a time, each step narrowing the last.
        let mut last = (String::new(), Vec::new());
        for end in 1..=query.len() {
            let typed = &query[..end];
            let within = refines(&last.0, typed).then_some(last.1.as_slice());
            let matches = matching(&entries, typed, within);
            last = (typed.to_string(), matches);
        }
        assert_eq!(best(&entries, query, &last.1, 60), (plain, ranked.len()), "typed {query:?}");
    }
}

fn haystack(e: &request_builder::core::search::Entry) -> String {
    format!(
        "{} {} {} {} {} {}",
        e.route.split('/').next().unwrap(),
        e.title,
        e.service_key.split('/').nth(1).unwrap(),
        e.name,
        e.cli,
        e.summary
    )
    .to_ascii_lowercase()
}
