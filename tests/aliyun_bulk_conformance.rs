//! Every Alibaba Cloud operation in the index (every RPC operation of the SDK packages pinned in
//! `modeldata/PINS`), with a random valid input (seeded, reproducible: set `BULK_SEED` to try
//! another), is rendered by the core and sent through the product's own Python SDK with a
//! recording transport, all in one Python process over a JSON batch: action, version, method,
//! path and every business parameter (query, decoded) must be equal, the form body byte for
//! byte. Signature, nonce, time and key parameters are left out. Prints the operations covered,
//! the mismatches and the generator's gaps.

mod common;

use common::aliyun::{business, operations as aliyun_operations};
use common::random_form::{run_seed, valid_form, Notes, Options, PatternCache};
use request_builder::core::model::{Operation, Protocol};
use std::collections::BTreeMap;
use std::fmt::Write as _;

enum Generated {
    Case(String),
    Invalid(String),
}

fn generate(op: &'static Operation, cache: &mut PatternCache) -> (Generated, Notes) {
    let route = op.route();
    let options = Options::default();
    let (form, notes, out) = match valid_form(op, &options, cache) {
        Ok(found) => found,
        Err((errors, notes)) => return (Generated::Invalid(format!("{route}: {errors}")), notes),
    };
    let built = request_builder::core::request::build::build(op, &form);
    let params = serde_json::to_string(&built.request.cli_json()).expect("params JSON");
    let version = match op.protocol {
        Protocol::AliyunRpc { version } => version,
        _ => "",
    };
    let header =
        |name: &str| out.wire.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    let expected = serde_json::json!({
        "action": header("x-acs-action"),
        "version": header("x-acs-version").filter(|v| v == version),
        "method": out.wire.method,
        "path": out.wire.path,
        "query": business(op, &out.wire.query),
        "body": out.wire.body,
    });
    let item = format!(
        "{{\"route\": {}, \"service\": {}, \"action\": {}, \"params\": {params}, \"expected\": {expected}}}",
        serde_json::to_string(&route).unwrap(),
        serde_json::to_string(op.service).unwrap(),
        serde_json::to_string(op.name).unwrap(),
    );
    (Generated::Case(item), notes)
}

#[test]
#[ignore = "needs Alibaba's Python SDKs in .venv; scripts/test runs it"]
fn every_aliyun_operation_is_sent_as_its_sdk_sends_it() {
    let started = std::time::Instant::now();
    let python = common::venv().join("bin/python");
    let ops = aliyun_operations();
    let mut per_product: BTreeMap<&str, usize> = BTreeMap::new();
    for op in &ops {
        *per_product.entry(op.service).or_default() += 1;
    }

    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4);
    let results: Vec<(Generated, Notes)> = std::thread::scope(|scope| {
        let handles: Vec<_> = ops
            .chunks(ops.len().div_ceil(threads).max(1))
            .map(|chunk| {
                scope.spawn(move || {
                    let mut cache = PatternCache::default();
                    chunk.iter().map(|op| generate(op, &mut cache)).collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let (mut cases, mut invalid) = (Vec::new(), Vec::new());
    for (generated, _) in results {
        match generated {
            Generated::Case(item) => cases.push(item),
            Generated::Invalid(message) => invalid.push(message),
        }
    }

    let items: Vec<&str> = cases.iter().map(String::as_str).collect();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools/aliyun_batch.py");
    let verdicts = common::run_batch(&python, &[script.as_ref()], "aliyun_bulk", &items);
    let by_status = |status: &str| common::with_status(&verdicts, status);
    let (matches, all_mismatches, errors) =
        (by_status("match"), by_status("mismatch"), by_status("error"));
    // The known differences (common::aliyun::KNOWN_DIFFERENCES) are listed, not compared.
    let route_of = |line: &String| line.split(": ").next().unwrap_or("").to_string();
    let (known, mismatches): (Vec<String>, Vec<String>) = all_mismatches
        .into_iter()
        .partition(|line| common::aliyun::known_difference(&route_of(line)).is_some());
    let booleans: u64 = verdicts.iter().map(|v| v["booleans"].as_u64().unwrap_or(0)).sum();

    let mut summary = String::new();
    let _ = writeln!(
        summary,
        "\n== Alibaba Cloud bulk conformance with the SDKs (seed {}) ==",
        run_seed()
    );
    let _ = writeln!(
        summary,
        "operations in the index (Alibaba Cloud): {} ({per_product:?})",
        ops.len()
    );
    let _ = writeln!(
        summary,
        "operations compared with the SDK: {}",
        matches.len() + mismatches.len() + known.len()
    );
    let _ = writeln!(summary, "  equal: {}", matches.len());
    let _ = writeln!(summary, "  mismatches: {}", mismatches.len());
    let _ = writeln!(
        summary,
        "  known differences (common::aliyun::KNOWN_DIFFERENCES, not compared): {}",
        known.len()
    );
    let _ = writeln!(summary, "SDK raised: {}", errors.len());
    let _ = writeln!(
        summary,
        "generator failures, core reports errors for the form: {}",
        invalid.len()
    );
    let _ = writeln!(summary, "boolean values the Python SDK spells True/False (counted equal): {booleans} in {} requests", cases.len());
    let _ = writeln!(summary, "time: {:.1?}", started.elapsed());
    for (title, items) in
        [("generator failures", &invalid), ("SDK errors", &errors), ("mismatches", &mismatches)]
    {
        common::list_first(&mut summary, title, items, 30);
    }
    let reasons: Vec<String> = common::aliyun::KNOWN_DIFFERENCES
        .iter()
        .map(|(route, why)| format!("{route}: {why}"))
        .collect();
    common::list_first(&mut summary, "known differences", &reasons, 30);
    println!("{summary}");
    assert!(mismatches.is_empty(), "{} mismatches with the SDKs{summary}", mismatches.len());
    assert!(errors.is_empty(), "the SDKs raised on {} generated inputs{summary}", errors.len());
    assert!(
        invalid.is_empty(),
        "{} operations without a valid generated input{summary}",
        invalid.len()
    );
    assert!(
        matches.len() + known.len() == ops.len(),
        "only {} of {} operations compared{summary}",
        matches.len(),
        ops.len()
    );
}
