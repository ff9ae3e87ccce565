//! Times the picker's search natively over an index file: `cargo run --release
//! --no-default-features --example picker_time -- models/index.json`. The bench's queries are
//! typed one key at a time (slowest keystrokes), then the one-letter queries, which match nearly
//! every operation, are split into matching and ranking, every match ranked (`best`) against the
//! picker's length-order walk (`Ranking::best`) (best of 15, as the machine is shared).
use request_builder::core::model::catalog::parse_index;
use request_builder::core::search::Listing;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "models/index.json".into());
    let text = std::fs::read_to_string(&path).expect("index");
    let services = parse_index(&text).expect("parse");
    let ops: usize = services.iter().map(|s| s.ops.len()).sum();
    let mut listing = Listing::new(&services);
    listing.warm_up();
    let queries = [
        "dms start-replication-task",
        "ec2 run instances",
        "describe",
        "kinesis put record",
        "sqs send message",
        "replication",
        "iam create role",
        "a",
        "ssm get parameter",
    ];
    let mut samples = Vec::new();
    for q in queries {
        for i in 1..=q.len() {
            let t = std::time::Instant::now();
            let shown = listing.show(&q[..i], 0, 60);
            std::hint::black_box(shown);
            samples.push((t.elapsed().as_secs_f64() * 1000.0, q[..i].to_string()));
        }
    }
    samples.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
    println!("{ops} operations; slowest: {:?}", &samples[..8]);
    parts(&path);
}

fn parts(path: &str) {
    use request_builder::core::search::{best, entries, matching, Ranking};
    let text = std::fs::read_to_string(path).expect("index");
    let services = parse_index(&text).expect("parse");
    let entries = entries(&services);
    let ranking = Ranking::new(&entries);
    for q in ["s", "d", "a", "re"] {
        let (mut t_match, mut t_best, mut t_ranking) = (f64::MAX, f64::MAX, f64::MAX);
        for _ in 0..15 {
            let t = std::time::Instant::now();
            let m = matching(&entries, q, None);
            let t1 = t.elapsed().as_secs_f64() * 1e3;
            let (b, _) = best(&entries, q, &m, 60);
            std::hint::black_box(b);
            let t2 = t.elapsed().as_secs_f64() * 1e3;
            let (r, _) = ranking.best(&entries, q, &m, 60);
            std::hint::black_box(r);
            let t3 = t.elapsed().as_secs_f64() * 1e3;
            t_match = t_match.min(t1);
            t_best = t_best.min(t2 - t1);
            t_ranking = t_ranking.min(t3 - t2);
        }
        println!(
            "{q}: min of 15: matching {t_match:.2} ms, best {t_best:.2} ms, \
             Ranking::best (the picker's) {t_ranking:.2} ms"
        );
    }
}
